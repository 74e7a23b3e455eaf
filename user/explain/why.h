/* SPDX-License-Identifier: GPL-2.0 */
/* `nsviz why` from configuration: the path a packet from one namespace to an address should take
 * (route lookup, egress link, its L2 domain, the owner of the next hop, onwards through routers)
 * and every object on it checked, each fault one sentence naming the object and the value
 * (docs/why.md). Pure: it reads a struct live and the facts discovery lacks (struct why_facts),
 * never the kernel; why_read.c fills the facts. IPv4. */
#ifndef NSVIZ_WHY_H
#define NSVIZ_WHY_H

#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include "live.h"

/* The sysctls of one interface that matter, each the value in force (net.ipv4.conf.all and the
 * interface's own combined as the kernel does: the larger, or either for arp_filter). */
struct why_if_conf {
	char ifname[IFNAMSIZ];
	int arp_ignore, arp_filter, rp_filter;
};

/* An entry of the neighbour table (/proc/net/arp). */
struct why_neigh {
	struct topo_addr ip;
	uint8_t mac[6];
	bool complete;
	char ifname[IFNAMSIZ];
};

/* A firewall rule whose verdict is drop or reject, or a base chain whose policy is drop. */
struct why_rule {
	char family[16], table[64], chain[64], hook[16];
	char text[256]; /* the rule as `nft list ruleset` prints it, or "policy drop" */
	bool policy;
};

/* A qdisc that drops every packet sent out of its interface (blackhole, netem loss 100%), or
 * (FILTER) the first tc filter of one direction of an interface: its actions are not read. */
struct why_qdisc {
	char ifname[IFNAMSIZ];
	char text[128]; /* as `tc qdisc show` prints it, from its kind on; a filter: DIR filter ... */
	bool filter;
};

/* A MAC a bridge has learned (or was told) behind its port PORT (an ifindex). */
struct why_fdb {
	int port;
	uint8_t mac[6];
};

/* What one namespace holds beyond struct live_ns. */
struct why_ns_facts {
	int icmp_echo_ignore_all;
	struct why_if_conf *ifs;
	int nifs;
	struct why_neigh *neigh;
	int nneigh;
	struct why_rule *rules;
	int nrules;
	struct why_qdisc *qdiscs;
	int nqdiscs;
	struct why_fdb *fdb; /* of its bridges, but their ports' own addresses */
	int nfdb;
	bool fdb_read;
};

/* Parallel to live->ns. */
struct why_facts {
	struct why_ns_facts *ns;
	int nns;
};

enum why_proto { WHY_ICMP, WHY_TCP, WHY_UDP };

struct why_query {
	int from;              /* index into live->ns */
	struct topo_addr dst;  /* prefix 32 */
	unsigned int size;     /* payload bytes (ICMP/UDP), as `ping -s` */
	enum why_proto proto;
	int port;              /* TCP/UDP */
};

#define WHY_HOPS_MAX 64
#define WHY_CAUSES_MAX 32
#define WHY_LABEL_MAX (IFNAMSIZ + 258)

/* How likely a finding is to be why the probe fails: blocking first, notes last. */
enum why_rank { WHY_BLOCK, WHY_SILENT, WHY_SYMPTOM, WHY_NOTE };

struct why_cause {
	enum why_rank rank;
	char object[WHY_LABEL_MAX]; /* "green:eth0-g", "bridge1", "red" */
	char fault[24];             /* a keyword: "admin-down", "no-master", ... (docs/why.md) */
	char text[512];             /* the sentence */
	char peer[WHY_LABEL_MAX];   /* an interface's veth peer: where what it refuses is dropped */
};

struct why_hop {
	char label[WHY_LABEL_MAX]; /* "red:eth0-r", "bridge1" (host objects have no prefix) */
	char role[12];             /* "egress", "peer", "bridge", "port", "owner", "router" */
};

struct why_result {
	struct topo_addr src;   /* the source address FROM would use; family 0: none */
	bool arrived;           /* the path reaches DEST by configuration */
	struct why_hop hops[WHY_HOPS_MAX];
	int nhops;
	struct why_cause causes[WHY_CAUSES_MAX]; /* most likely first */
	int ncauses;
	int visited[WHY_HOPS_MAX]; /* the namespaces the walk looked into, there and back */
	int nvisited;
};

/* The expected path of Q in LIVE and what blocks it, into *R. FACTS may have fewer namespaces
 * than LIVE (or none): what is not known is not checked. */
void why_analyse(const struct live *live, const struct why_facts *facts,
		 const struct why_query *q, struct why_result *r);
/* The namespace named NAME ("host" for the host), or -1. */
int why_find_ns(const struct live *live, const char *name);
/* DEST as an IPv4 address, or the first IPv4 address of the namespace DEST: 0, -EAFNOSUPPORT
 * for an IPv6 address (not explained: the walk follows IPv4 routes and ARP), or -EINVAL. */
int why_parse_dest(const struct live *live, const char *dest, struct topo_addr *out);

/* Parse `nft list ruleset` TEXT into the drop/reject rules and drop policies of *NS. 0 or
 * -ENOMEM. */
int why_parse_nft(const char *text, struct why_ns_facts *ns);
/* Parse `tc qdisc show` TEXT, and lines `filter dev DEV DIR ...` (WHY_TC_CMD), into the qdiscs
 * of *NS that drop everything and the interfaces with filters. 0 or -ENOMEM. */
int why_parse_tc(const char *text, struct why_ns_facts *ns);
/* Read the FDB entries of the bridges of NS into *F, from inside NS. 0 or -errno. */
int why_fdb_read(const struct live_ns *ns, struct why_ns_facts *f);
/* Read the facts of the namespaces of LIVE that the walk R visited (entering each, read-only):
 * a first why_analyse without facts says which. One that cannot be read is said on ERR and left
 * empty. 0, -ENOMEM, or -EIO when a namespace could not be left. */
int why_facts_read(const struct live *live, const struct why_result *r, struct why_facts *facts,
		   FILE *err);
void why_facts_free(struct why_facts *facts);

#endif
