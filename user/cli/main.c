// SPDX-License-Identifier: GPL-2.0
/* Command-line dispatch only: parse options into struct env, check privileges, call cmd_*. */
#include <errno.h>
#include <getopt.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "commands.h"
#include "env.h"

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
	{ "down", cmd_down, true, "", "[TOPOLOGY]", "remove what `up` built for the topology" },
	{ "show", cmd_show, false, "", "[TOPOLOGY]", "print the parsed topology (no root needed)" },
	{ "run", cmd_run, true, "jidxrF", "[TOPOLOGY]",
	  "build (unless up), watch, and remove what it built on exit" },
	{ "watch", cmd_watch, true, "jidxrF", "[TOPOLOGY]",
	  "observe a topology that is up: UI on a terminal, --json lines otherwise" },
	{ "stats", cmd_stats, true, "ix", "[TOPOLOGY]", "print one table of counters after --interval" },
	{ "trace", cmd_trace, true, "jcpsd", "[TOPOLOGY] [FILTER...]",
	  "print packet paths hop by hop (FILTER: tcpdump syntax)" },
	{ "fdb", cmd_fdb, true, "j", "[TOPOLOGY]", "print the bridges' forwarding databases" },
	{ "discover", cmd_discover, true, "jfd", "",
	  "print the live network of this host as a .topo file (or --json)" },
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
	{ "follow", no_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ 0 },
};

static const char *opt_help[] = {
	"  --json            JSON lines on stdout (docs/json.md)",
	"  --interval SEC    seconds between snapshots (default 1)",
	"  --duration SEC    stop after SEC seconds (default: until Ctrl-C)",
	"  --xdp             also count at XDP on bridge ports (costly on veth, see docs)",
	"  --refresh HZ      UI redraws per second (default 4)",
	"  --fake            run the UI on a synthetic data source (no root, no network)",
	"  --count N         stop after N paths",
	"  --pcap FILE       write every observed hop to FILE as pcapng",
	"  --snaplen BYTES   bytes of each packet captured (default 128)",
	"  --follow          then print each change of the live network as it happens",
};

static void usage(FILE *out)
{
	fprintf(out, "usage: nsviz [COMMAND] [OPTIONS] [TOPOLOGY]\n"
		     "Build network namespaces joined by veths and bridges, watch every packet with eBPF,\n"
		     "and draw it live. Without a command: the demo (`nsviz run seed`).\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %-24s %s\n", commands[i].name, commands[i].args, commands[i].summary);
	fprintf(out, "\nTOPOLOGY is a .topo file or a built-in name (seed, router); default seed.\n"
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

static int parse_number(const char *opt, const char *arg, double min, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(arg, &end);
	if (errno || end == arg || *end || *out < min) {
		fprintf(stderr, "nsviz: --%s: '%s' is not a number >= %g\n", opt, arg, min);
		return -EINVAL;
	}
	return 0;
}

static int set_option(struct env *env, int c, const char *arg)
{
	double v;

	switch (c) {
	case 'j': env->json = true; return 0;
	case 'x': env->xdp = true; return 0;
	case 'F': env->fake = true; return 0;
	case 'f': env->follow = true; return 0;
	case 'p': env->pcap = arg; return 0;
	case 'i': return parse_number("interval", arg, 0.01, &env->interval);
	case 'd': return parse_number("duration", arg, 0, &env->duration);
	case 'r': return parse_number("refresh", arg, 0.1, &env->refresh);
	case 'c':
		if (parse_number("count", arg, 0, &v))
			return -EINVAL;
		env->count = (long)v;
		return 0;
	case 's':
		if (parse_number("snaplen", arg, 34, &v))
			return -EINVAL;
		env->snaplen = (int)v;
		return 0;
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

static int parse_args(int argc, char **argv, const struct command *c, struct env *env)
{
	int opt;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
		if (opt == 'h') {
			command_usage(c, stdout);
			exit(EXIT_OK);
		}
		if (opt == '?' || opt == ':' || !strchr(c->opts, opt)) {
			fprintf(stderr, "nsviz %s: unknown option '%s'\nTry 'nsviz %s --help'.\n", c->name,
				argv[optind - 1], c->name);
			return -EINVAL;
		}
		if (set_option(env, opt, optarg))
			return -EINVAL;
	}
	if (optind < argc)
		env->topology = argv[optind++];
	if (optind < argc && !strcmp(c->name, "trace")) {
		env->filter = &argv[optind];
		env->nfilter = argc - optind;
	} else if (optind < argc) {
		fprintf(stderr, "nsviz %s: unexpected argument '%s'\nTry 'nsviz %s --help'.\n", c->name,
			argv[optind], c->name);
		return -EINVAL;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct env env = { .interval = 1, .refresh = 4, .snaplen = 128 };
	const struct command *c = find_command("run");
	int shift = 0;

	if (argc > 1 && !strcmp(argv[1], "--version")) {
		printf("nsviz %s\n", NSVIZ_VERSION);
		return EXIT_OK;
	}
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc > 1 && argv[1][0] != '-') {
		c = find_command(argv[1]);
		if (!c) {
			fprintf(stderr, "nsviz: unknown command '%s'\nTry 'nsviz --help'.\n", argv[1]);
			return EXIT_USAGE;
		}
		shift = 1;
	}
	env.cmd = c->name;
	if (parse_args(argc - shift, argv + shift, c, &env))
		return EXIT_USAGE;
	if (c->root && !env.fake && !have_caps()) {
		fprintf(stderr, "nsviz %s: needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN and CAP_BPF); "
				"try: sudo nsviz %s\n", c->name, c->name);
		return EXIT_FAIL;
	}
	return c->fn(&env);
}
