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
};

struct topo_route_src {
	char netns[TOPO_NETNS_MAX + 1];
	int netns_col, dst_col, via_col;
};

struct topo_builder {
	const char *source;
	struct topo *t;
	struct topo_diag *diags;
	int ndiags;
	struct topo_end_src *ends; /* 2 per veth */
	struct topo_route_src *routes;
	int *bridge_addr_col;
	bool oom;
};

void topo_error(struct topo_builder *b, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Room for element N of *ARR (elements of SIZE bytes); false (and b->oom) when out of memory. */
bool topo_grow(struct topo_builder *b, void **arr, int n, size_t size);
/* Cross-statement checks, once every line is read: owners, duplicates, addresses, routes. */
void topo_check(struct topo_builder *b);

/* Parse "ADDR" or "ADDR/PREFIX" (PREFIX required when WANT_PREFIX). On error, MSG explains. */
int topo_addr_parse(const char *s, bool want_prefix, struct topo_addr *a, char *msg, size_t len);
/* Why A cannot be an interface's address ("a multicast address"...), or NULL when it can. */
const char *topo_addr_unusable(const struct topo_addr *a);
bool topo_addr_same(const struct topo_addr *a, const struct topo_addr *b);
/* IP lies inside the prefix of NET (same family). */
bool topo_addr_contains(const struct topo_addr *net, const struct topo_addr *ip);
/* NET with the host bits cleared. */
struct topo_addr topo_addr_network(const struct topo_addr *net);

#endif
