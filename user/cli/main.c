// SPDX-License-Identifier: GPL-2.0
/* Command-line dispatch only: parse options into struct env, check privileges, call cmd_*. */
#include <errno.h>
#include <getopt.h>
#include <linux/capability.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "commands.h"
#include "env.h"
#include "nsviz.h"
#include "text.h"

#ifndef CAP_BPF
#define CAP_BPF 39
#endif

struct command {
	const char *name;
	int (*fn)(const struct env *env);
	bool root;          /* needs CAP_NET_ADMIN, CAP_SYS_ADMIN and CAP_BPF */
	const char *opts;   /* long option letters it accepts (see long_opts) */
	const char *args;   /* usage after the command name */
	const char *summary;
};

static const struct command commands[] = {
	{ "up", cmd_up, true, "", "[TOPOLOGY]", "build the topology and exit" },
	{ "down", cmd_down, true, "f", "[TOPOLOGY]", "remove what `up` built for the topology" },
	{ "show", cmd_show, false, "B", "[TOPOLOGY]", "print the parsed topology (no root needed)" },
	{ "run", cmd_run, true, "jidxrF", "[TOPOLOGY]",
	  "build (unless up), watch, and remove what it built on exit" },
	{ "watch", cmd_watch, true, "jidxrFnbI", "[TOPOLOGY]",
	  "observe a topology that is up, or the live network: UI on a terminal, --json otherwise" },
	{ "stats", cmd_stats, true, "ixnbI", "[TOPOLOGY]", "print one table of counters after --interval" },
	{ "trace", cmd_trace, true, "jcpsdnbI", "[TOPOLOGY] [FILTER...]",
	  "print packet paths hop by hop (FILTER: tcpdump syntax)" },
	{ "fdb", cmd_fdb, true, "jnb", "[TOPOLOGY]", "print the bridges' forwarding databases" },
	{ "discover", cmd_discover, true, "jLd", "",
	  "print the live network of this host as a .topo file (or --json)" },
	{ "check", cmd_check, true, "j", "[TOPOLOGY]",
	  "compare the topology with the live network: exit 0 same, 3 different" },
	{ "why", cmd_why, true, "jczPo", "FROM DEST",
	  "why FROM cannot reach DEST: the path, probes, each cause (exit 0 reachable, 3 not)" },
	{ "export", cmd_export, true, "linbI", "[TOPOLOGY]",
	  "observe like watch and serve metrics for Prometheus over HTTP (docs/export.md)" },
};

static const struct option long_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "interval", required_argument, NULL, 'i' },
	{ "duration", required_argument, NULL, 'd' },
	{ "xdp", no_argument, NULL, 'x' },
	{ "refresh", required_argument, NULL, 'r' },
	{ "fake", no_argument, NULL, 'F' },
	{ "count", required_argument, NULL, 'c' },
	{ "pcap", required_argument, NULL, 'p' },
	{ "snaplen", required_argument, NULL, 's' },
	{ "forget", no_argument, NULL, 'f' },
	{ "follow", no_argument, NULL, 'L' },
	{ "netns", required_argument, NULL, 'n' },
	{ "bridge", required_argument, NULL, 'b' },
	{ "size", required_argument, NULL, 'z' },
	{ "proto", required_argument, NULL, 'P' },
	{ "port", required_argument, NULL, 'o' },
	{ "builtins", no_argument, NULL, 'B' },
	{ "if", required_argument, NULL, 'I' },
	{ "listen", required_argument, NULL, 'l' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ 0 },
};

static const char *opt_help[] = {
	"  --json            JSON lines on stdout (docs/json.md)",
	"  --interval SEC    seconds between snapshots, 0.01 to 86400 (default 1)",
	"  --duration SEC    stop after SEC seconds, 0.01 to 604800 (default: until Ctrl-C)",
	"  --xdp             also count at XDP on bridge ports (costly on veth, see docs)",
	"  --refresh HZ      UI redraws per second, 0.1 to 100 (default 4)",
	"  --fake            run the UI on a synthetic data source (no root, no network)",
	"  --count N         trace: stop after N paths (default: until Ctrl-C); why: probes to send\n"
	"                    (default 3); 1 to 2147483647",
	"  --pcap FILE       write every observed hop to FILE as pcapng",
	"  --snaplen BYTES   bytes of each packet captured, 34 to 256 (default 128)",
	"  --forget          remove only the record of the topology, after showing what it lists",
	"  --follow          then print each change of the live network as it happens",
	"  --netns A,B       observe only these namespaces (and what joins them to the rest)",
	"  --bridge BR       observe only this bridge and what is on it",
	"  --size BYTES      why: probe payload, 0 to 65507, sent with DF (default 56)",
	"  --proto P         why: icmp (echo, default), tcp (SYN) or udp, to --port",
	"  --port N          why: the TCP or UDP port, 1 to 65535",
	"  --builtins        print the built-in topologies' names, one a line",
	"  --if NETNS:IFNAME also observe this interface (a NIC, lo, a veth on no bridge);\n"
	"                    NETNS 'host' or empty for the host namespace; repeatable",
	"  --listen ADDR:PORT  export: where to serve HTTP (default 127.0.0.1:9477; [::1]:9477,\n"
	"                    0.0.0.0:9477, :9477 for every address)",
};

/* The numeric options and what they accept: a whole number (INTEGER) or a plain decimal
 * number, from MIN to MAX. Kept in step with opt_help and docs/commands.md. */
static const struct number_opt {
	int val;
	bool integer;
	double min, max;
} number_opts[] = {
	{ 'i', false, 0.01, 86400 },
	{ 'd', false, 0.01, 604800 },
	{ 'r', false, 0.1, 100 },
	{ 'c', true, 1, 2147483647 },
	{ 's', true, 34, NSVIZ_SNAPLEN_MAX },
	{ 'z', true, 0, 65507 },
	{ 'o', true, 1, 65535 },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: nsviz [COMMAND] [OPTIONS] [TOPOLOGY]\n"
		     "Build network namespaces joined by veths and bridges, watch every packet with eBPF,\n"
		     "and draw it live. Without a command: the demo (`nsviz run seed`).\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %-24s %s\n", commands[i].name, commands[i].args, commands[i].summary);
	fprintf(out, "\nTOPOLOGY is a .topo file or a built-in name (seed, router); default seed, but watch,\n"
		     "stats, trace, fdb and export observe the live network of this host without one.\n"
		     "`nsviz COMMAND --help` for a command's options; --version prints the version.\n");
}

static void command_usage(const struct command *c, FILE *out)
{
	fprintf(out, "usage: nsviz %s [OPTIONS] %s\n%s\n", c->name, c->args, c->summary);
	if (*c->opts)
		fprintf(out, "\noptions:\n");
	for (size_t i = 0; long_opts[i].name; i++)
		if (i < sizeof(opt_help) / sizeof(opt_help[0]) && strchr(c->opts, long_opts[i].val))
			fprintf(out, "%s\n", opt_help[i]);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static const char *opt_name(int val)
{
	for (size_t i = 0; long_opts[i].name; i++)
		if (long_opts[i].val == val)
			return long_opts[i].name;
	return "?";
}

/* S is digits with at most one '.' (none when INTEGER): strtod alone would also take "nan",
 * "inf", "1e30", "0x10", signs and leading blanks. */
static bool is_decimal(const char *s, bool integer)
{
	size_t n = strspn(s, "0123456789");

	if (!integer && s[n] == '.')
		n += 1 + strspn(s + n + 1, "0123456789");
	return !s[n] && strpbrk(s, "0123456789");
}

/* ARG of the numeric option VAL into *OUT, within its range; else a message and -EINVAL. */
static int parse_number(const char *cmd, int val, const char *arg, double *out)
{
	const struct number_opt *o = number_opts;
	char shown[256];

	while (o->val != val)
		o++;
	*out = is_decimal(arg, o->integer) ? strtod(arg, NULL) : NAN;
	if (*out >= o->min && *out <= o->max)
		return 0;
	fprintf(stderr, "nsviz %s: --%s: '%s' is not a %s from %.10g to %.10g\n", cmd,
		opt_name(val), text_escape(arg, shown, sizeof(shown)),
		o->integer ? "whole number" : "number", o->min, o->max);
	return -EINVAL;
}

/* Why NAME cannot be an interface name (what the kernel refuses), or NULL. */
static const char *bad_ifname(const char *name)
{
	if (!*name)
		return "the interface name is empty";
	if (strlen(name) > TOPO_IFNAME_MAX)
		return "the interface name is longer than 15 bytes";
	if (name[strcspn(name, "/: \t")] || text_has_control(name, NULL) || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return "the kernel allows no such interface name";
	return NULL;
}

/* ARG of --if, NETNS:IFNAME, into ENV; else a message and -EINVAL. */
static int add_if(struct env *env, const char *arg)
{
	const char *colon = strchr(arg, ':'), *why = NULL;
	size_t nslen = colon ? (size_t)(colon - arg) : 0;
	struct probe_if *f = &env->ifs[env->nifs];
	char shown[256];

	if (env->nifs == ENV_IFS_MAX)
		why = "too many --if options (at most 64)";
	else if (text_has_control(arg, NULL))
		why = "it contains a control character";
	else if (!colon)
		why = "expected NETNS:IFNAME (NETNS 'host' or empty for the host namespace)";
	else if (nslen > TOPO_NETNS_MAX || memchr(arg, '/', nslen))
		why = "no such namespace name (at most 64 bytes, no '/')";
	else
		why = bad_ifname(colon + 1);
	if (why) {
		fprintf(stderr, "nsviz %s: --if '%s': %s\n", env->cmd,
			text_escape(arg, shown, sizeof(shown)), why);
		return -EINVAL;
	}
	*f = (struct probe_if){ 0 };
	if (nslen != 4 || strncmp(arg, "host", 4))
		memcpy(f->netns, arg, nslen);
	snprintf(f->ifname, sizeof(f->ifname), "%s", colon + 1);
	env->nifs++;
	return 0;
}

static int set_option(struct env *env, int c, const char *arg)
{
	double v = 0;

	if (strchr("idrcszo", c) && parse_number(env->cmd, c, arg, &v))
		return -EINVAL;
	switch (c) {
	case 'j': env->json = true; return 0;
	case 'x': env->xdp = true; return 0;
	case 'F': env->fake = true; return 0;
	case 'f': env->forget = true; return 0;
	case 'L': env->follow = true; return 0;
	case 'B': env->builtins = true; return 0;
	case 'p': env->pcap = arg; return 0;
	case 'n': env->netns = arg; return 0;
	case 'b': env->bridge = arg; return 0;
	case 'i': env->interval = v; return 0;
	case 'd': env->duration = v; return 0;
	case 'r': env->refresh = v; return 0;
	case 'c': env->count = (long)v; return 0;
	case 's': env->snaplen = (int)v; return 0;
	case 'z': env->size = (long)v; return 0;
	case 'o': env->port = (long)v; return 0;
	case 'P': env->proto = arg; return 0;
	case 'I': return add_if(env, arg);
	case 'l': env->listen = arg; return 0;
	}
	return -EINVAL;
}

/* The command needs CAP_NET_ADMIN, CAP_SYS_ADMIN and CAP_BPF in the effective set. */
static bool have_caps(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = { 0 };
	const int need[] = { CAP_NET_ADMIN, CAP_SYS_ADMIN, CAP_BPF };

	if (syscall(SYS_capget, &hdr, data))
		return false;
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (!(data[need[i] / 32].effective & (1u << (need[i] % 32))))
			return false;
	return true;
}

/* Why getopt refused argv[optind - 1] (OPT is what it returned), or why command C does not take
 * option OPT; -EINVAL. A known option is named by its own name, never by its argument. */
static int bad_option(const struct command *c, int opt, char **argv)
{
	int val = opt == ':' ? optopt : opt;
	char shown[256];

	if (opt == '?')
		fprintf(stderr, "nsviz %s: unknown option '%s'\n", c->name,
			text_escape(argv[optind - 1], shown, sizeof(shown)));
	else if (!strchr(c->opts, val))
		fprintf(stderr, "nsviz %s: %s has no --%s option\n", c->name, c->name,
			opt_name(val));
	else
		fprintf(stderr, "nsviz %s: --%s needs a value\n", c->name, opt_name(val));
	fprintf(stderr, "Try 'nsviz %s --help'.\n", c->name);
	return -EINVAL;
}

static int parse_args(int argc, char **argv, const struct command *c, struct env *env)
{
	char shown[256];
	int opt;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
		if (opt == 'h') {
			command_usage(c, stdout);
			exit(EXIT_OK);
		}
		if (opt == '?' || opt == ':' || !strchr(c->opts, opt))
			return bad_option(c, opt, argv);
		if (set_option(env, opt, optarg))
			return -EINVAL;
	}
	if (optind < argc)
		env->topology = argv[optind++];
	if (optind < argc && (!strcmp(c->name, "trace") || !strcmp(c->name, "why"))) {
		env->filter = &argv[optind];
		env->nfilter = argc - optind;
	} else if (optind < argc) {
		fprintf(stderr, "nsviz %s: unexpected argument '%s'\nTry 'nsviz %s --help'.\n", c->name,
			text_escape(argv[optind], shown, sizeof(shown)), c->name);
		return -EINVAL;
	}
	return 0;
}

/* STATUS, unless stdout did not take what was written to it: then one line saying why, and 1.
 * (watch and stats check their own, as they go.) */
static int stdout_status(const char *cmd, int status)
{
	int err = fflush(stdout) ? errno : ferror(stdout) ? EIO : 0;

	if (!err || err == EPIPE || status != EXIT_OK)
		return status;
	fprintf(stderr, "nsviz%s%s: write to stdout: %s\n", cmd ? " " : "", cmd ? cmd : "",
		strerror(err));
	return EXIT_FAIL;
}

int main(int argc, char **argv)
{
	struct env env = { .interval = 1, .refresh = 4, .snaplen = 128, .size = -1 };
	const struct command *c = find_command("run");
	char shown[256];
	int shift = 0;

	if (argc > 1 && !strcmp(argv[1], "--version")) {
		printf("nsviz %s\n", NSVIZ_VERSION);
		return stdout_status(NULL, EXIT_OK);
	}
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return stdout_status(NULL, EXIT_OK);
	}
	if (argc > 1 && argv[1][0] != '-') {
		c = find_command(argv[1]);
		if (!c) {
			fprintf(stderr, "nsviz: unknown command '%s'\nTry 'nsviz --help'.\n",
				text_escape(argv[1], shown, sizeof(shown)));
			return EXIT_USAGE;
		}
		shift = 1;
	}
	env.cmd = c->name;
	if (parse_args(argc - shift, argv + shift, c, &env))
		return EXIT_USAGE;
	env_read(&env);
	if (c->root && !env.fake && !have_caps()) {
		fprintf(stderr, "nsviz %s: needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN and CAP_BPF); "
				"try: sudo nsviz %s\n", c->name, c->name);
		return EXIT_FAIL;
	}
	return stdout_status(c->name, c->fn(&env));
}
