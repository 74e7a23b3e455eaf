// SPDX-License-Identifier: GPL-2.0
/* The facts of each namespace that discovery does not read, read from inside it and never
 * written: the ARP and ICMP sysctls of each interface, the neighbour table
 * (/proc/thread-self/net/arp), the nftables ruleset (`nft -s list ruleset`, without counters;
 * none when nft is not installed), the qdiscs that drop everything (`tc qdisc show`), the
 * interfaces with tc filters (`tc filter show`) and the bridges' FDB entries (why_fdb.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "topo_int.h"
#include "why.h"

#define ATF_COM 0x02 /* a complete entry, as <net/if_arp.h> says */

/* /proc/sys/net/ipv4/NAME as a number; 0 when it cannot be read (an interface gone). */
static int sysctl_int(const char *name)
{
	char path[128];
	FILE *f;
	int v = 0;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s", name);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fscanf(f, "%d", &v) != 1)
		v = 0;
	fclose(f);
	return v;
}

/* The value in force of conf KEY on IFNAME: the larger of "all" and the interface's own. */
static int conf(const char *ifname, const char *key)
{
	char a[96], b[96];
	int x, y;

	snprintf(a, sizeof(a), "conf/all/%s", key);
	snprintf(b, sizeof(b), "conf/%s/%s", ifname, key);
	x = sysctl_int(a);
	y = sysctl_int(b);
	return x > y ? x : y;
}

static int read_confs(const struct live_ns *ns, struct why_ns_facts *f)
{
	f->ifs = calloc(ns->nlinks ? ns->nlinks : 1, sizeof(*f->ifs));
	if (!f->ifs)
		return -ENOMEM;
	for (int i = 0; i < ns->nlinks; i++) {
		struct why_if_conf *c = &f->ifs[f->nifs++];
		const char *name = ns->links[i].l.name;

		snprintf(c->ifname, sizeof(c->ifname), "%s", name);
		c->arp_ignore = conf(name, "arp_ignore");
		c->arp_filter = conf(name, "arp_filter");
		c->rp_filter = conf(name, "rp_filter");
	}
	f->icmp_echo_ignore_all = sysctl_int("icmp_echo_ignore_all");
	return 0;
}

static int parse_arp_line(const char *line, struct why_neigh *n)
{
	char ip[64], mac[32], msg[64];
	unsigned int flags, m[6];

	if (sscanf(line, "%63s %*s %x %31s %*s %15s", ip, &flags, mac, n->ifname) != 4 ||
	    sscanf(mac, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6 ||
	    topo_addr_parse(ip, false, &n->ip, msg, sizeof(msg)))
		return -EINVAL;
	for (int i = 0; i < 6; i++)
		n->mac[i] = (uint8_t)m[i];
	n->complete = flags & ATF_COM;
	return 0;
}

static int read_neigh(struct why_ns_facts *f)
{
	FILE *in = fopen("/proc/thread-self/net/arp", "re");
	char line[256];
	int err = 0;

	if (!in)
		return 0; /* no IPv4 in this kernel: nothing to say */
	while (!err && fgets(line, sizeof(line), in)) {
		struct why_neigh n = { 0 };

		if (parse_arp_line(line, &n))
			continue; /* the heading */
		err = grow_array((void **)&f->neigh, NULL, f->nneigh, sizeof(*f->neigh));
		if (!err)
			f->neigh[f->nneigh++] = n;
	}
	fclose(in);
	return err;
}

/* What CMD prints, run here (a child inherits this thread's namespace), parsed by PARSE into F.
 * A command that is not installed prints nothing. 0 or -errno. */
static int read_cmd(const char *cmd, int (*parse)(const char *text, struct why_ns_facts *f),
		    struct why_ns_facts *f)
{
	FILE *p = popen(cmd, "re");
	char *text = NULL;
	size_t len = 0;
	FILE *out;
	char buf[4096];
	size_t n;
	int err;

	if (!p)
		return 0; /* no shell: not read */
	out = open_memstream(&text, &len);
	while (out && (n = fread(buf, 1, sizeof(buf), p)) > 0)
		fwrite(buf, 1, n, out);
	pclose(p);
	if (!out)
		return -ENOMEM;
	fclose(out);
	err = text ? parse(text, f) : -ENOMEM;
	free(text);
	return err;
}

/* The qdiscs, then the first filter of each direction of each clsact or ingress qdisc, marked
 * `filter dev DEV DIR`. */
#define WHY_TC_CMD                                                                              \
	"tc qdisc show 2>/dev/null; "                                                           \
	"for d in $(tc qdisc show 2>/dev/null | "                                               \
	"sed -n 's/^qdisc \\(clsact\\|ingress\\) .* dev \\([^ ]*\\) .*/\\2/p'); do "                \
	"for k in ingress egress; do tc filter show dev \"$d\" $k 2>/dev/null | head -1 | "       \
	"sed \"s/^filter /filter dev $d $k /\"; done; done"

struct reading {
	const struct live_ns *ns;
	struct why_ns_facts *f;
};

static int read_here(void *ctx)
{
	struct reading *r = ctx;

	return read_confs(r->ns, r->f) ?: read_neigh(r->f) ?:
	       read_cmd("nft -s list ruleset 2>/dev/null", why_parse_nft, r->f) ?:
	       read_cmd(WHY_TC_CMD, why_parse_tc, r->f) ?: why_fdb_read(r->ns, r->f);
}

int why_facts_read(const struct live *live, const struct why_result *r, struct why_facts *facts,
		   FILE *err)
{
	int rc = 0;

	facts->ns = calloc(live->nns ? live->nns : 1, sizeof(*facts->ns));
	facts->nns = facts->ns ? live->nns : 0;
	if (!facts->ns)
		rc = -ENOMEM;
	for (int v = 0; !rc && v < r->nvisited; v++) {
		int i = r->visited[v];
		struct reading rd = { &live->ns[i], &facts->ns[i] };

		rc = live_in_ns(&live->ns[i], read_here, &rd);
		/* Gone since discovery: nothing on the path can be in it. */
		if (rc && rc != -ENOENT && rc != -ESRCH)
			fprintf(err, "nsviz why: read the sysctls, neighbours and rules of %s: %s "
				"(not checked)\n", live->ns[i].name[0] ? live->ns[i].name : "host",
				strerror(-rc));
		if (rc != -ENOMEM && rc != -EIO)
			rc = 0; /* what could not be read is not checked, the rest is */
	}
	return rc;
}

void why_facts_free(struct why_facts *facts)
{
	for (int i = 0; i < facts->nns; i++) {
		free(facts->ns[i].ifs);
		free(facts->ns[i].neigh);
		free(facts->ns[i].rules);
		free(facts->ns[i].qdiscs);
		free(facts->ns[i].fdb);
	}
	free(facts->ns);
	facts->ns = NULL;
	facts->nns = 0;
}
