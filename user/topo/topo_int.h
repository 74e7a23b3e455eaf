/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the topo_*.c files only: the state of one parse, kept until the whole file is read so
 * that statements may come in any order and every error is reported at once, sorted. */
#ifndef NSVIZ_TOPO_INT_H
#define NSVIZ_TOPO_INT_H

#include "topo.h"

struct topo_diag {
	int line, col, seq;
	char *msg;
};

/* How an END was written: its owner is resolved only after the whole file is read. */
struct topo_end_src {
	char owner[TOPO_NETNS_MAX + 1];
	int owner_col;
	int ifname_col;
	int *addr_col; /* one per address */
	int port_opt_col; /* of the first bridge port option, 0 if none */
};

/* Where a bridge was declared: the namespace of "bridge NS:NAME" ("" for the host). */
struct topo_bridge_src {
	char netns[TOPO_NETNS_MAX + 1];
	int netns_col;
	int addr_col; /* 0 when it has no address */
};

struct topo_route_src {
	char netns[TOPO_NETNS_MAX + 1];
	int netns_col, dst_col, via_col;
};

/* A sorted index entry: NAME of element IDX. */
struct topo_name {
	const char *name;
	int idx;
};

/* Items 0..N-1 grouped by key: the items of key K are item[first[K]] .. item[first[K + 1] - 1],
 * in increasing order. Lets a namespace find its interfaces without scanning the topology. */
struct topo_group {
	int *first; /* one per key, plus one */
	int *item;
};

/* Ends (numbered k: veth k / 2, side k % 2) by owner of KIND; routes by netns. 0 or -ENOMEM. */
int topo_group_ends(const struct topo *t, enum topo_owner_kind kind, struct topo_group *g);
int topo_group_routes(const struct topo *t, struct topo_group *g);
void topo_group_free(struct topo_group *g);

struct topo_builder {
	const char *source;
	struct topo *t;
	struct topo_diag *diags;
	int ndiags;
	struct topo_end_src *ends; /* 2 per veth */
	struct topo_end_src *port_ends; /* 1 per port */
	struct topo_route_src *routes;
	struct topo_bridge_src *bridges;
	struct topo_name *netns_ix, *bridge_ix; /* sorted by name, then declaration order */
	struct topo_group netns_ends;
	bool oom;
};

void topo_error(struct topo_builder *b, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Room for element N of *ARR (elements of SIZE bytes); false (and b->oom) when out of memory. */
bool topo_grow(struct topo_builder *b, void **arr, int n, size_t size);
/* The first-declared element named NAME in the sorted index IX of N entries, or -1. */
int topo_find(const struct topo_name *ix, int n, const char *name);
/* Indexes, duplicate declarations, owners of ends and routes resolved, interface names unique
 * per namespace. */
void topo_check_names(struct topo_builder *b);
/* Cross-statement checks, once every line is read: owners, duplicates, addresses, routes. */
void topo_check(struct topo_builder *b);
/* Routes: a reachable via that is not the namespace's own, a destination that is new there. */
void topo_check_routes(struct topo_builder *b);

/* Parse "ADDR" or "ADDR/PREFIX" (PREFIX required when WANT_PREFIX). On error, MSG explains. */
int topo_addr_parse(const char *s, bool want_prefix, struct topo_addr *a, char *msg, size_t len);
/* Why A cannot be an interface's address ("a multicast address"...), or NULL when it can. */
const char *topo_addr_unusable(const struct topo_addr *a);
bool topo_addr_same(const struct topo_addr *a, const struct topo_addr *b);
/* NET with the host bits cleared. */
struct topo_addr topo_addr_network(const struct topo_addr *net);

#endif
