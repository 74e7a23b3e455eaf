// SPDX-License-Identifier: GPL-2.0
/* Checks that need the whole file, after the names (topo_names.c): bridge ports without
 * addresses, no loop on a bridge, every address once, routes through a reachable neighbour. */
#include <stdlib.h>
#include <sys/socket.h>
#include <string.h>

#include "topo_int.h"

/* Bridge ports: no address, and not both ends of one veth on the same bridge; port options on
 * ports only. */
static void check_ends(struct topo_builder *b)
{
	const struct topo *t = b->t;

	for (int k = 0; k < 2 * t->nveths; k++) {
		const struct topo_end *e = &t->veths[k / 2].end[k % 2];
		const struct topo_end *peer = &t->veths[k / 2].end[!(k % 2)];

		if (e->owner >= 0 && e->kind != TOPO_OWNER_BRIDGE && b->ends[k].port_opt_col)
			topo_error(b, e->line, b->ends[k].port_opt_col, "nolearning, noflood, isolated "
				   "and hairpin are options of a bridge port; %s:%s is in a namespace",
				   b->ends[k].owner, e->ifname);
		if (e->owner < 0 || e->kind != TOPO_OWNER_BRIDGE)
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

/* Each address of the interfaces of netns NS, for FN(ARG, ADDR, END); stops when FN returns
 * non-zero and returns that. */
static int for_each_addr(const struct topo_builder *b, int ns,
			 int (*fn)(void *arg, const struct topo_addr *a, const struct topo_end *e),
			 void *arg)
{
	const struct topo_group *g = &b->netns_ends;

	for (int j = g->first[ns]; j < g->first[ns + 1]; j++) {
		int k = g->item[j], ret;
		const struct topo_end *e = &b->t->veths[k / 2].end[k % 2];

		for (int i = 0; i < e->naddrs; i++)
			if ((ret = fn(arg, &e->addrs[i], e)))
				return ret;
	}
	return 0;
}

struct subnets {
	int family;
	char *buf;
	size_t len, off;
};

static int add_subnet(void *arg, const struct topo_addr *a, const struct topo_end *e)
{
	struct subnets *s = arg;
	struct topo_addr net = topo_addr_network(a);
	char str[64];

	(void)e;
	if (a->family == s->family && s->off < s->len)
		s->off += snprintf(s->buf + s->off, s->len - s->off, "%s%s", s->off ? ", " : "",
				   topo_addr_str(&net, str, sizeof(str)));
	return 0;
}

/* 1: VIA lies in a subnet of the namespace (or one of its addresses was refused, so nobody
 * knows); -1: it is the namespace's own address; 0: neither, for the next address. */
static int via_match(void *arg, const struct topo_addr *a, const struct topo_end *e)
{
	const struct topo_addr *via = arg;

	(void)e;
	if (topo_addr_same(a, via))
		return -1;
	return !a->family || topo_addr_contains(a, via);
}

static void check_via(struct topo_builder *b, int r, int ns)
{
	const struct topo_route *rt = &b->t->routes[r];
	int col = b->routes[r].via_col, reach;
	const char *name = b->t->netns[ns].name;
	char ip[64], nets[256] = "";
	struct subnets s = { rt->via.family, nets, sizeof(nets), 0 };

	reach = for_each_addr(b, ns, via_match, (void *)&rt->via);
	if (reach > 0)
		return;
	topo_ip_str(&rt->via, ip, sizeof(ip));
	for_each_addr(b, ns, add_subnet, &s);
	if (reach < 0)
		topo_error(b, rt->line, col, "via %s is %s's own address; route via a neighbour on "
			   "the same subnet", ip, name);
	else if (nets[0])
		topo_error(b, rt->line, col, "via %s is not reachable from %s: it lies in none of "
			   "its subnets (%s)", ip, name, nets);
	else
		topo_error(b, rt->line, col, "via %s is not reachable from %s: it has no IPv%d "
			   "address", ip, name, rt->via.family == AF_INET ? 4 : 6);
}

struct connected {
	const struct topo_addr *dst;
	const struct topo_end *end;
};

/* The kernel adds a route to the subnet of A itself. */
static int connected_match(void *arg, const struct topo_addr *a, const struct topo_end *e)
{
	struct connected *c = arg;
	struct topo_addr net = topo_addr_network(a);

	if (net.prefix != c->dst->prefix || !topo_addr_same(&net, c->dst))
		return 0;
	c->end = e;
	return 1;
}

static bool same_route(const struct topo_route *a, const struct topo_route *b)
{
	return a->netns == b->netns && a->is_default == b->is_default &&
	       a->dst.family == b->dst.family && a->dst.prefix == b->dst.prefix &&
	       topo_addr_same(&a->dst, &b->dst);
}

/* The destination of route R is new in its namespace; SAME_NS lists the routes of that
 * namespace, N of them before R. */
static void check_dst(struct topo_builder *b, int r, const int *same_ns, int n)
{
	const struct topo *t = b->t;
	const struct topo_route *rt = &t->routes[r];
	const struct topo_route_src *src = &b->routes[r];
	struct connected c = { &rt->dst, NULL };
	char dst[64];

	if (!rt->is_default && for_each_addr(b, rt->netns, connected_match, &c))
		topo_error(b, rt->line, src->dst_col, "%s already reaches %s through %s (line %d): "
			   "the kernel adds that route with the address", src->netns,
			   topo_addr_str(&rt->dst, dst, sizeof(dst)), c.end->ifname, c.end->line);
	for (int j = 0; j < n && !c.end; j++)
		if (same_route(rt, &t->routes[same_ns[j]])) {
			topo_error(b, rt->line, src->dst_col, "duplicate route: %s already has this "
				   "destination (line %d)", src->netns, t->routes[same_ns[j]].line);
			break;
		}
}

static void check_routes(struct topo_builder *b)
{
	const struct topo *t = b->t;
	struct topo_group g;

	if (topo_group_routes(t, &g)) {
		b->oom = true;
		return;
	}
	for (int ns = 0; ns < t->nnetns; ns++)
		for (int j = g.first[ns]; j < g.first[ns + 1]; j++) {
			int r = g.item[j];

			if (!t->routes[r].via.family || !t->routes[r].dst.family)
				continue; /* already refused */
			check_via(b, r, ns);
			check_dst(b, r, &g.item[g.first[ns]], j - g.first[ns]);
		}
	topo_group_free(&g);
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
	check_routes(b);
}
