// SPDX-License-Identifier: GPL-2.0
/* Route checks, once the whole file is read: the via is a neighbour on one of the namespace's
 * subnets and not its own address; the destination is not a subnet the namespace is on already,
 * and not the destination of an earlier route. Each namespace's addresses are sorted once, so a
 * route costs a few binary searches (one per distinct prefix length there), not a scan: 30 000
 * routes over 30 000 interfaces check in well under a second (docs/bench-topo-scale.md). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "topo_int.h"

/* A subnet a namespace is on (NET: an address with its host bits cleared), or one of its own
 * addresses (NET: the address, prefix 0). SEQ keeps declaration order among equals. */
struct net_use {
	struct topo_addr net;
	const char *ifname; /* the interface (a veth end, a bridge inside it) it is on */
	int line;
	int seq;
};

/* One namespace's addresses, sorted; LENS: each distinct family and prefix length in NETS. */
struct ns_nets {
	struct net_use *nets, *own;
	int n;
	struct topo_addr *lens;
	int nlens;
	bool refused; /* an address of the namespace was refused: whether a via is reachable is
		       * then unknown, and not reported */
};

static int key_cmp(const struct topo_addr *a, const struct topo_addr *b)
{
	if (a->family != b->family)
		return a->family - b->family;
	if (a->prefix != b->prefix)
		return a->prefix - b->prefix;
	return memcmp(a->addr, b->addr, sizeof(a->addr));
}

static int net_use_cmp(const void *pa, const void *pb)
{
	const struct net_use *a = pa, *b = pb;
	int c = key_cmp(&a->net, &b->net);

	return c ? c : a->seq - b->seq;
}

/* The first of the N sorted entries U whose key is not below KEY. */
static int lower_bound(const struct net_use *u, int n, const struct topo_addr *key)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (key_cmp(&u[mid].net, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first-declared of the N sorted entries U whose key is KEY, or NULL. */
static const struct net_use *find_use(const struct net_use *u, int n, const struct topo_addr *key)
{
	int i = lower_bound(u, n, key);

	return i < n && !key_cmp(&u[i].net, key) ? &u[i] : NULL;
}

static void ns_nets_free(struct ns_nets *s)
{
	free(s->nets);
	free(s->own);
	free(s->lens);
	memset(s, 0, sizeof(*s));
}

/* Address A of IFNAME (declared at LINE) into S. */
static void add_net(struct ns_nets *s, const struct topo_addr *a, const char *ifname, int line)
{
	s->refused |= !a->family;
	if (!a->family)
		return;
	s->nets[s->n] = (struct net_use){ topo_addr_network(a), ifname, line, s->n };
	s->own[s->n] = (struct net_use){ *a, ifname, line, s->n };
	s->own[s->n++].net.prefix = 0;
}

/* The addresses of the ends of namespace NS and of the bridges inside it into S, unsorted. */
static void collect_nets(const struct topo_builder *b, int ns, struct ns_nets *s)
{
	const struct topo_group *g = &b->netns_ends;

	for (int j = g->first[ns]; j < g->first[ns + 1]; j++) {
		int k = g->item[j];
		const struct topo_end *e = &b->t->veths[k / 2].end[k % 2];

		for (int i = 0; i < e->naddrs; i++)
			add_net(s, &e->addrs[i], e->ifname, e->line);
	}
	for (int i = 0; i < b->t->nbridges; i++) {
		const struct topo_bridge *br = &b->t->bridges[i];

		if (br->netns == ns && br->has_addr)
			add_net(s, &br->addr, br->name, br->line);
	}
}

/* Index the addresses of namespace NS; 0 or -ENOMEM. */
static int ns_nets_build(const struct topo_builder *b, int ns, struct ns_nets *s)
{
	const struct topo_group *g = &b->netns_ends;
	int max = 1;

	for (int j = g->first[ns]; j < g->first[ns + 1]; j++)
		max += b->t->veths[g->item[j] / 2].end[g->item[j] % 2].naddrs;
	for (int i = 0; i < b->t->nbridges; i++)
		max += b->t->bridges[i].netns == ns && b->t->bridges[i].has_addr;
	*s = (struct ns_nets){ calloc(max, sizeof(*s->nets)), calloc(max, sizeof(*s->own)), 0,
			       calloc(max, sizeof(*s->lens)), 0, false };
	if (!s->nets || !s->own || !s->lens) {
		ns_nets_free(s);
		return -ENOMEM;
	}
	collect_nets(b, ns, s);
	qsort(s->nets, s->n, sizeof(*s->nets), net_use_cmp);
	qsort(s->own, s->n, sizeof(*s->own), net_use_cmp);
	for (int i = 0; i < s->n; i++)
		if (!i || s->nets[i].net.family != s->nets[i - 1].net.family ||
		    s->nets[i].net.prefix != s->nets[i - 1].net.prefix)
			s->lens[s->nlens++] = s->nets[i].net;
	return 0;
}

/* VIA lies in one of the subnets of S. */
static bool on_subnet(const struct ns_nets *s, const struct topo_addr *via)
{
	for (int i = 0; i < s->nlens; i++) {
		struct topo_addr key = *via;

		if (s->lens[i].family != via->family)
			continue;
		key.prefix = s->lens[i].prefix;
		key = topo_addr_network(&key);
		if (find_use(s->nets, s->n, &key))
			return true;
	}
	return false;
}

/* "10.0.1.0/24, 10.0.2.0/24" (the subnets of FAMILY in S) into BUF of LEN bytes; those that do
 * not fit become ", ...". */
static char *subnets_str(const struct ns_nets *s, int family, char *buf, size_t len)
{
	struct topo_addr start = { .family = family };
	const struct net_use *u = s->nets;
	int from = lower_bound(u, s->n, &start);
	size_t off = 0;
	char str[64];

	buf[0] = 0;
	for (int i = from; i < s->n && u[i].net.family == family; i++) {
		if (i > from && !key_cmp(&u[i].net, &u[i - 1].net))
			continue;
		topo_addr_str(&u[i].net, str, sizeof(str));
		if (off + strlen(str) + sizeof(", , ...") > len) {
			snprintf(buf + off, len - off, ", ...");
			break;
		}
		off += snprintf(buf + off, len - off, "%s%s", off ? ", " : "", str);
	}
	return buf;
}

static void check_via(struct topo_builder *b, int r, const struct ns_nets *s)
{
	const struct topo_route *rt = &b->t->routes[r];
	const char *name = b->t->netns[rt->netns].name;
	int col = b->routes[r].via_col;
	struct topo_addr own = rt->via;
	char ip[64], nets[256];

	own.prefix = 0;
	topo_ip_str(&rt->via, ip, sizeof(ip));
	if (find_use(s->own, s->n, &own))
		topo_error(b, rt->line, col, "via %s is %s's own address; route via a neighbour on "
			   "the same subnet", ip, name);
	else if (s->refused || on_subnet(s, &rt->via))
		return;
	else if (*subnets_str(s, rt->via.family, nets, sizeof(nets)))
		topo_error(b, rt->line, col, "via %s is not reachable from %s: it lies in none of "
			   "its subnets (%s)", ip, name, nets);
	else
		topo_error(b, rt->line, col, "via %s is not reachable from %s: it has no IPv%d "
			   "address", ip, name, rt->via.family == AF_INET ? 4 : 6);
}

static bool same_dst(const struct topo_route *a, const struct topo_route *b)
{
	return a->netns == b->netns && a->is_default == b->is_default && !key_cmp(&a->dst, &b->dst);
}

/* Routes with the same destination in the same namespace next to each other, in file order. */
static int route_cmp(const void *pa, const void *pb, void *arg)
{
	const struct topo_route *routes = arg;
	int ia = *(const int *)pa, ib = *(const int *)pb;
	const struct topo_route *a = &routes[ia], *b = &routes[ib];
	int c = a->netns != b->netns ? a->netns - b->netns : a->is_default - b->is_default;

	if (!c)
		c = key_cmp(&a->dst, &b->dst);
	return c ? c : ia - ib;
}

/* For each route, the earliest route of its namespace with its destination (itself if none);
 * NULL when out of memory. */
static int *first_same_dst(const struct topo *t)
{
	int *order = calloc(t->nroutes + 1, sizeof(int));
	int *first = calloc(t->nroutes + 1, sizeof(int));

	if (!order || !first) {
		free(order);
		free(first);
		return NULL;
	}
	for (int r = 0; r < t->nroutes; r++)
		order[r] = r;
	qsort_r(order, t->nroutes, sizeof(int), route_cmp, t->routes);
	for (int i = 0; i < t->nroutes; i++) {
		int r = order[i], prev = order[i ? i - 1 : 0];

		first[r] = i && same_dst(&t->routes[r], &t->routes[prev]) ? first[prev] : r;
	}
	free(order);
	return first;
}

/* The destination of route R is new in its namespace: not a subnet the namespace is on (the
 * kernel adds that route with the address), and not the destination of route FIRST before it. */
static void check_dst(struct topo_builder *b, int r, const struct ns_nets *s, int first)
{
	const struct topo *t = b->t;
	const struct topo_route *rt = &t->routes[r];
	const struct topo_route_src *src = &b->routes[r];
	const struct net_use *on = rt->is_default ? NULL : find_use(s->nets, s->n, &rt->dst);
	char dst[64];

	if (on)
		topo_error(b, rt->line, src->dst_col, "%s already reaches %s through %s (line %d): "
			   "the kernel adds that route with the address", src->netns,
			   topo_addr_str(&rt->dst, dst, sizeof(dst)), on->ifname, on->line);
	else if (first != r)
		topo_error(b, rt->line, src->dst_col, "duplicate route: %s already has this "
			   "destination (line %d)", src->netns, t->routes[first].line);
}

/* The routes of namespace NS, listed in G. */
static int check_ns_routes(struct topo_builder *b, int ns, const struct topo_group *g,
			   const int *first)
{
	const struct topo_route *routes = b->t->routes;
	struct ns_nets s;

	if (g->first[ns] == g->first[ns + 1])
		return 0;
	if (ns_nets_build(b, ns, &s))
		return -ENOMEM;
	for (int j = g->first[ns]; j < g->first[ns + 1]; j++) {
		int r = g->item[j];

		if (!routes[r].via.family || !routes[r].dst.family)
			continue; /* already refused */
		check_via(b, r, &s);
		check_dst(b, r, &s, first[r]);
	}
	ns_nets_free(&s);
	return 0;
}

void topo_check_routes(struct topo_builder *b)
{
	const struct topo *t = b->t;
	struct topo_group g = { 0 };
	int *first = first_same_dst(t);

	if (!first || topo_group_routes(t, &g))
		b->oom = true;
	for (int ns = 0; ns < t->nnetns && !b->oom; ns++)
		if (check_ns_routes(b, ns, &g, first))
			b->oom = true;
	topo_group_free(&g);
	free(first);
}
