/* SPDX-License-Identifier: GPL-2.0 */
/* The topology model: what should exist. Parsing and validation only, no kernel calls. */
#ifndef NSVIZ_TOPO_H
#define NSVIZ_TOPO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define TOPO_NETNS_MAX 64  /* bytes in a namespace name (a path component under /run/netns) */
#define TOPO_IFNAME_MAX 15 /* bytes in an interface name (IFNAMSIZ - 1) */
#define TOPO_NAME_MAX 64   /* bytes in a topology name */

struct topo_addr {
	uint8_t family; /* AF_INET or AF_INET6 */
	uint8_t prefix; /* prefix length; 32/128 for a plain address */
	uint8_t addr[16];
};

/* What an interface may say beyond its addresses; zero means what the kernel makes. */
struct topo_link_opts {
	unsigned int mtu; /* 0: the kernel's default (1500) */
	bool down;        /* administratively down */
	/* A bridge port's flags where they differ from a new port's. */
	bool nolearning, noflood, isolated, hairpin;
};

enum topo_owner_kind {
	TOPO_OWNER_NETNS,
	TOPO_OWNER_BRIDGE, /* the end is a port of that bridge, in the bridge's (host) namespace */
};

struct topo_end {
	enum topo_owner_kind kind;
	int owner; /* index into topo.netns or topo.bridges, by kind */
	char ifname[TOPO_IFNAME_MAX + 1];
	struct topo_addr *addrs;
	int naddrs;
	struct topo_link_opts opts;
	int line, col; /* where it was declared, for messages */
};

#define TOPO_NSPATH_MAX 32 /* bytes in "/proc/PID/ns/net" */

struct topo_netns {
	char name[TOPO_NETNS_MAX + 1];
	/* Where to enter it: "" for /run/netns/NAME; a view of the live network gives a namespace
	 * only a process holds its /proc/PID/ns/net. */
	char path[TOPO_NSPATH_MAX];
	bool forwarding;
	int line, col;
};

struct topo_bridge {
	char name[TOPO_IFNAME_MAX + 1];
	int netns; /* index into topo.netns, -1 for the host namespace */
	bool has_addr;
	struct topo_addr addr;
	struct topo_link_opts opts;
	bool stp, vlan_filtering;
	int line, col;
};

struct topo_veth {
	struct topo_end end[2];
	int line, col;
};

#define TOPO_KIND_MAX 15 /* bytes in a link kind ("dummy", "tap", "vxlan") */

/* A bridge port that is no veth end: a device of its own kind on its bridge. `up` makes the
 * kinds the parser accepts (topo_port_kind_ok); a view of the live network holds any kind. */
struct topo_port {
	char kind[TOPO_KIND_MAX + 1];
	struct topo_end end; /* kind TOPO_OWNER_BRIDGE, owner its bridge; no addresses */
};

struct topo_route {
	int netns;      /* index into topo.netns */
	bool is_default; /* dst unused when set */
	struct topo_addr dst;
	struct topo_addr via; /* prefix = full length */
	int line, col;
};

struct topo {
	char name[TOPO_NAME_MAX + 1]; /* built-in name or file basename without ".topo" */
	char source[4096];            /* file path, or "built-in:NAME" */
	struct topo_netns *netns;
	int nnetns;
	struct topo_bridge *bridges;
	int nbridges;
	struct topo_veth *veths;
	int nveths;
	struct topo_port *ports;
	int nports;
	struct topo_route *routes;
	int nroutes;
};

/* Parse TEXT (named SOURCE in messages). On error every problem is printed to ERR as
 * "SOURCE:LINE:COL: message" and -EINVAL is returned; T is then empty. */
int topo_parse(const char *source, const char *text, struct topo *t, FILE *err);
/* ARG is a built-in name ("seed", "router") or a file path; NULL means "seed". */
int topo_load(const char *arg, struct topo *t, FILE *err);
/* The text of a built-in topology, or NULL. */
const char *topo_builtin(const char *name);
/* The name of the Ith built-in topology, or NULL after the last. */
const char *topo_builtin_name(size_t i);
void topo_free(struct topo *t);

/* Keep only what observing the namespaces of the comma-separated list NETNS and the bridge BRIDGE
 * needs (NULL: no narrowing by it): docs/commands.md#scope. A name T does not have is printed on
 * ERR as "nsviz CMD: --netns: no namespace 'X' in SOURCE" and -EINVAL returned; -ENOMEM. */
int topo_scope(struct topo *t, const char *netns, const char *bridge, const char *cmd,
	       FILE *err);

/* Reorder T's namespaces, bridges and veths (a view of the live network made again) so that
 * those PREV also has, by name (a veth by its ends), come first in PREV's order, the others after
 * in T's: what stayed is drawn where it was. 0 or -ENOMEM (T is then in some order, whole). */
int topo_order_like(struct topo *t, const struct topo *prev);
/* Human-readable dump (what `nsviz show` prints). */
void topo_print(const struct topo *t, FILE *out);
/* " mtu N down" for the options that are set ("" for none) into BUF; returns BUF. */
char *topo_opts_str(const struct topo_link_opts *o, char *buf, size_t len);
/* "10.0.0.1/24" into BUF (at least 50 bytes); returns BUF. */
char *topo_addr_str(const struct topo_addr *a, char *buf, size_t len);
/* "10.0.0.1", without the prefix, into BUF (at least 46 bytes); returns BUF. */
char *topo_ip_str(const struct topo_addr *a, char *buf, size_t len);
/* IP lies inside the prefix of NET (same family). */
bool topo_addr_contains(const struct topo_addr *net, const struct topo_addr *ip);
/* The namespace name owning END, or NULL for the host namespace (a host bridge's ports). */
const char *topo_end_netns(const struct topo *t, const struct topo_end *end);
/* The index of the namespace END is in (a bridge port: its bridge's), -1 for the host's. */
int topo_end_netns_index(const struct topo *t, const struct topo_end *end);
/* Where to enter the namespace of END: topo_netns.path, "" for the host or by name. */
const char *topo_end_nspath(const struct topo *t, const struct topo_end *end);
/* `up` can make a bridge port of KIND (dummy, tap). */
bool topo_port_kind_ok(const char *kind);

#endif
