// SPDX-License-Identifier: GPL-2.0
/* Checks that need the whole file: owners resolved, names unique in their namespace, every
 * address once, bridge ports without addresses, routes through a reachable neighbour. */
#include <stdlib.h>
#include <sys/socket.h>
#include <string.h>

#include "topo_int.h"

static int find_netns(const struct topo *t, const char *name)
{
	for (int i = 0; i < t->nnetns; i++)
		if (!strcmp(t->netns[i].name, name))
			return i;
	return -1;
}

static int find_bridge(const struct topo *t, const char *name)
{
	for (int i = 0; i < t->nbridges; i++)
		if (!strcmp(t->bridges[i].name, name))
			return i;
	return -1;
}

static void check_declarations(struct topo_builder *b)
{
	const struct topo *t = b->t;

	for (int i = 0; i < t->nnetns; i++) {
		int j = find_netns(t, t->netns[i].name);

		if (j < i)
			topo_error(b, t->netns[i].line, t->netns[i].col,
				   "netns '%s' is already declared at line %d", t->netns[i].name,
				   t->netns[j].line);
	}
	for (int i = 0; i < t->nbridges; i++) {
		const struct topo_bridge *br = &t->bridges[i];
		int j = find_bridge(t, br->name), ns = find_netns(t, br->name);

		if (j < i)
			topo_error(b, br->line, br->col, "bridge '%s' is already declared at line %d",
				   br->name, t->bridges[j].line);
		else if (ns >= 0)
			topo_error(b, br->line, br->col, "'%s' is both a netns (line %d) and a "
				   "bridge; an owner must name one thing", br->name, t->netns[ns].line);
	}
}

static void resolve_ends(struct topo_builder *b)
{
	struct topo *t = b->t;

	for (int k = 0; k < 2 * t->nveths; k++) {
		struct topo_end *e = &t->veths[k / 2].end[k % 2];
		const struct topo_end_src *src = &b->ends[k];
		int ns = find_netns(t, src->owner), br = find_bridge(t, src->owner);

		e->owner = ns >= 0 ? ns : br;
		e->kind = ns >= 0 ? TOPO_OWNER_NETNS : TOPO_OWNER_BRIDGE;
		if (src->owner[0] && e->owner < 0)
			topo_error(b, e->line, src->owner_col, "unknown owner '%s': declare it with "
				   "'netns %s' or 'bridge %s'", src->owner, src->owner, src->owner);
	}
}

static bool same_namespace(const struct topo_end *a, const struct topo_end *b)
{
	if (a->kind != b->kind)
		return false;
	return a->kind == TOPO_OWNER_BRIDGE || a->owner == b->owner;
}

static void check_ifname_unique(struct topo_builder *b, int k)
{
	const struct topo *t = b->t;
	const struct topo_end *e = &t->veths[k / 2].end[k % 2];
	int br = find_bridge(t, e->ifname), col = b->ends[k].ifname_col;

	if (e->kind == TOPO_OWNER_BRIDGE && br >= 0) {
		topo_error(b, e->line, col, "'%s' is already the name of a bridge (line %d); bridges "
			   "and their ports share the host namespace", e->ifname, t->bridges[br].line);
		return;
	}
	for (int j = 0; j < k; j++) {
		const struct topo_end *o = &t->veths[j / 2].end[j % 2];

		if (o->owner >= 0 && same_namespace(e, o) && !strcmp(e->ifname, o->ifname)) {
			topo_error(b, e->line, col, "interface '%s' already exists in %s (line %d)",
				   e->ifname, e->kind == TOPO_OWNER_NETNS ?
				   t->netns[e->owner].name : "the host namespace", o->line);
			return;
		}
	}
}

static void check_ends(struct topo_builder *b)
{
	const struct topo *t = b->t;

	for (int k = 0; k < 2 * t->nveths; k++) {
		const struct topo_end *e = &t->veths[k / 2].end[k % 2];
		const struct topo_end *peer = &t->veths[k / 2].end[!(k % 2)];

		if (e->owner < 0 || !e->ifname[0])
			continue;
		check_ifname_unique(b, k);
		if (e->kind != TOPO_OWNER_BRIDGE)
			continue;
		if (e->naddrs)
			topo_error(b, e->line, b->ends[k].addr_col[0], "address on a bridge port has "
				   "no effect; put it on the bridge ('bridge %s ADDR/PREFIX')",
				   t->bridges[e->owner].name);
		if (k % 2 && peer->kind == TOPO_OWNER_BRIDGE && peer->owner == e->owner)
			topo_error(b, e->line, b->ends[k].owner_col, "both ends on bridge '%s' would "
				   "make a loop", t->bridges[e->owner].name);
	}
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
						  .col = b->bridge_addr_col[i] };
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

/* The subnets of netns NS in VIA's family, for a message; "" when there are none. */
static void list_subnets(const struct topo *t, int ns, int family, char *buf, size_t len)
{
	size_t off = 0;
	char a[64];

	buf[0] = 0;
	for (int k = 0; k < 2 * t->nveths && off < len; k++) {
		const struct topo_end *e = &t->veths[k / 2].end[k % 2];

		for (int i = 0; e->kind == TOPO_OWNER_NETNS && e->owner == ns && i < e->naddrs; i++) {
			struct topo_addr net = topo_addr_network(&e->addrs[i]);

			if (e->addrs[i].family == family && off < len)
				off += snprintf(buf + off, len - off, "%s%s", off ? ", " : "",
						topo_addr_str(&net, a, sizeof(a)));
		}
	}
}

/* 1: VIA lies in a subnet of NS (or an address of NS was refused, so nobody knows);
 * 0: it does not; -1: it is NS's own address. */
static int via_reachable(const struct topo *t, int ns, const struct topo_addr *via)
{
	int found = 0;

	for (int k = 0; k < 2 * t->nveths; k++) {
		const struct topo_end *e = &t->veths[k / 2].end[k % 2];

		for (int i = 0; e->kind == TOPO_OWNER_NETNS && e->owner == ns && i < e->naddrs; i++) {
			if (topo_addr_same(&e->addrs[i], via))
				return -1;
			if (!e->addrs[i].family || topo_addr_contains(&e->addrs[i], via))
				found = 1;
		}
	}
	return found;
}

static void check_via(struct topo_builder *b, int r, int ns)
{
	const struct topo *t = b->t;
	const struct topo_route *rt = &t->routes[r];
	int col = b->routes[r].via_col, reach = via_reachable(t, ns, &rt->via);
	const char *name = t->netns[ns].name;
	char ip[64], nets[256];

	topo_ip_str(&rt->via, ip, sizeof(ip));
	list_subnets(t, ns, rt->via.family, nets, sizeof(nets));
	if (reach < 0)
		topo_error(b, rt->line, col, "via %s is %s's own address; route via a neighbour on "
			   "the same subnet", ip, name);
	else if (!reach && nets[0])
		topo_error(b, rt->line, col, "via %s is not reachable from %s: it lies in none of "
			   "its subnets (%s)", ip, name, nets);
	else if (!reach)
		topo_error(b, rt->line, col, "via %s is not reachable from %s: it has no IPv%d "
			   "address", ip, name, rt->via.family == AF_INET ? 4 : 6);
}

/* The end of NS whose address makes the kernel add a route to DST itself, or NULL. */
static const struct topo_end *connected_end(const struct topo *t, int ns,
					    const struct topo_addr *dst)
{
	for (int k = 0; k < 2 * t->nveths; k++) {
		const struct topo_end *e = &t->veths[k / 2].end[k % 2];

		for (int i = 0; e->kind == TOPO_OWNER_NETNS && e->owner == ns && i < e->naddrs; i++) {
			struct topo_addr net = topo_addr_network(&e->addrs[i]);

			if (net.prefix == dst->prefix && topo_addr_same(&net, dst))
				return e;
		}
	}
	return NULL;
}

static bool same_route(const struct topo_route *a, const struct topo_route *b)
{
	return a->netns == b->netns && a->is_default == b->is_default &&
	       a->dst.family == b->dst.family && a->dst.prefix == b->dst.prefix &&
	       topo_addr_same(&a->dst, &b->dst);
}

/* The destination of route R is new in its namespace. */
static void check_dst(struct topo_builder *b, int r)
{
	const struct topo *t = b->t;
	const struct topo_route *rt = &t->routes[r];
	const struct topo_route_src *src = &b->routes[r];
	const struct topo_end *c = rt->is_default ? NULL : connected_end(t, rt->netns, &rt->dst);
	char dst[64];

	if (c)
		topo_error(b, rt->line, src->dst_col, "%s already reaches %s through %s (line %d): "
			   "the kernel adds that route with the address", src->netns,
			   topo_addr_str(&rt->dst, dst, sizeof(dst)), c->ifname, c->line);
	for (int j = 0; j < r && !c; j++)
		if (same_route(rt, &t->routes[j])) {
			topo_error(b, rt->line, src->dst_col, "duplicate route: %s already has this "
				   "destination (line %d)", src->netns, t->routes[j].line);
			break;
		}
}

static void check_routes(struct topo_builder *b)
{
	struct topo *t = b->t;

	for (int r = 0; r < t->nroutes; r++) {
		struct topo_route *rt = &t->routes[r];
		const struct topo_route_src *src = &b->routes[r];

		rt->netns = find_netns(t, src->netns);
		if (rt->netns < 0) {
			topo_error(b, rt->line, src->netns_col, find_bridge(t, src->netns) >= 0 ?
				   "'%s' is a bridge; routes belong to a netns" :
				   "route for unknown netns '%s'", src->netns);
			continue;
		}
		if (!rt->via.family || !rt->dst.family)
			continue;
		check_via(b, r, rt->netns);
		check_dst(b, r);
	}
}

void topo_check(struct topo_builder *b)
{
	check_declarations(b);
	resolve_ends(b);
	check_ends(b);
	check_addrs_unique(b);
	check_routes(b);
}
