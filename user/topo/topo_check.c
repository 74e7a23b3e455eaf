// SPDX-License-Identifier: GPL-2.0
/* Checks that need the whole file, after the names (topo_names.c): bridge ports without
 * addresses, no loop on a bridge, every address once; then the routes (topo_routes.c). */
#include <stdlib.h>
#include <string.h>

#include "topo_int.h"

/* Port options on bridge ports only, no address on a bridge port. */
static void check_end(struct topo_builder *b, const struct topo_end *e,
		      const struct topo_end_src *src)
{
	if (e->owner >= 0 && e->kind != TOPO_OWNER_BRIDGE && src->port_opt_col)
		topo_error(b, e->line, src->port_opt_col, "nolearning, noflood, isolated and "
			   "hairpin are options of a bridge port; %s:%s is in a namespace",
			   src->owner, e->ifname);
	if (e->owner >= 0 && e->kind == TOPO_OWNER_BRIDGE && e->naddrs)
		topo_error(b, e->line, src->addr_col[0], "address on a bridge port has no effect; "
			   "put it on the bridge ('bridge %s ADDR/PREFIX')",
			   b->t->bridges[e->owner].name);
}

/* Every end and port as above, and not both ends of one veth on the same bridge. */
static void check_ends(struct topo_builder *b)
{
	const struct topo *t = b->t;

	for (int k = 0; k < 2 * t->nveths; k++) {
		const struct topo_end *e = &t->veths[k / 2].end[k % 2];
		const struct topo_end *peer = &t->veths[k / 2].end[!(k % 2)];

		check_end(b, e, &b->ends[k]);
		if (k % 2 && e->owner >= 0 && e->kind == TOPO_OWNER_BRIDGE &&
		    peer->kind == TOPO_OWNER_BRIDGE && peer->owner == e->owner)
			topo_error(b, e->line, b->ends[k].owner_col, "both ends on bridge '%s' would "
				   "make a loop", t->bridges[e->owner].name);
	}
	for (int i = 0; i < t->nports; i++)
		check_end(b, &t->ports[i].end, &b->port_ends[i]);
}

struct addr_use {
	const struct topo_addr *a;
	int line, col;
	char where[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 16];
};

static int addr_use_cmp(const void *pa, const void *pb)
{
	const struct addr_use *a = pa, *b = pb;
	int c = a->a->family - b->a->family;

	if (!c)
		c = memcmp(a->a->addr, b->a->addr, sizeof(a->a->addr));
	if (!c)
		c = a->line != b->line ? a->line - b->line : a->col - b->col;
	return c;
}

/* Every address of the topology, parsed ones only. */
static int collect_addrs(const struct topo_builder *b, struct addr_use *u)
{
	const struct topo *t = b->t;
	int n = 0;

	for (int i = 0; i < t->nbridges; i++)
		if (t->bridges[i].has_addr && t->bridges[i].addr.family) {
			u[n] = (struct addr_use){ .a = &t->bridges[i].addr,
						  .line = t->bridges[i].line,
						  .col = b->bridges[i].addr_col };
			snprintf(u[n++].where, sizeof(u->where), "bridge %s", t->bridges[i].name);
		}
	for (int k = 0; k < 2 * t->nveths; k++) {
		const struct topo_end *e = &t->veths[k / 2].end[k % 2];

		for (int i = 0; i < e->naddrs; i++) {
			if (!e->addrs[i].family)
				continue;
			u[n] = (struct addr_use){ .a = &e->addrs[i], .line = e->line,
						  .col = b->ends[k].addr_col[i] };
			snprintf(u[n++].where, sizeof(u->where), "%s:%s", b->ends[k].owner, e->ifname);
		}
	}
	return n;
}

static void check_addrs_unique(struct topo_builder *b)
{
	const struct topo *t = b->t;
	struct addr_use *u;
	int n = t->nbridges, first = 0;
	char ip[64];

	for (int k = 0; k < 2 * t->nveths; k++)
		n += t->veths[k / 2].end[k % 2].naddrs;
	u = calloc(n ? n : 1, sizeof(*u));
	if (!u) {
		b->oom = true;
		return;
	}
	n = collect_addrs(b, u);
	if (n)
		qsort(u, n, sizeof(*u), addr_use_cmp);
	for (int i = 1; i < n; i++) {
		if (!topo_addr_same(u[i].a, u[first].a)) {
			first = i;
			continue;
		}
		topo_error(b, u[i].line, u[i].col, "address %s is already on %s (line %d)",
			   topo_ip_str(u[i].a, ip, sizeof(ip)), u[first].where, u[first].line);
	}
	free(u);
}

void topo_check(struct topo_builder *b)
{
	topo_check_names(b);
	if (b->oom)
		return;
	if (topo_group_ends(b->t, TOPO_OWNER_NETNS, &b->netns_ends)) {
		b->oom = true;
		return;
	}
	check_ends(b);
	check_addrs_unique(b);
	topo_check_routes(b);
}
