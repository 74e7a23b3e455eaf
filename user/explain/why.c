// SPDX-License-Identifier: GPL-2.0
/* The walk along the expected path: in each namespace the route lookup, the L2 crossing to the
 * next hop, and in a router the same again, until DEST; then the way back, checked but not
 * drawn. Every finding is a cause, kept in order of likelihood. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/rtnetlink.h>
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>

#include "topo_int.h"
#include "why_int.h"

void why_cause(struct walk *w, enum why_rank rank, const char *object, const char *fault,
	       const char *fmt, ...)
{
	struct why_result *r = w->r;
	struct why_cause c = { .rank = rank };
	va_list ap;
	int at;

	for (int i = 0; i < r->ncauses; i++)
		if (!strcmp(r->causes[i].object, object) && !strcmp(r->causes[i].fault, fault))
			return; /* the way back meets the same object */
	if (r->ncauses == WHY_CAUSES_MAX)
		return;
	snprintf(c.object, sizeof(c.object), "%s", object);
	snprintf(c.fault, sizeof(c.fault), "%s", fault);
	va_start(ap, fmt);
	vsnprintf(c.text, sizeof(c.text), fmt, ap);
	va_end(ap);
	/* Stable: within a rank, in the order met along the path. */
	for (at = r->ncauses; at > 0 && r->causes[at - 1].rank > rank; at--)
		r->causes[at] = r->causes[at - 1];
	r->causes[at] = c;
	r->ncauses++;
}

void why_cause_peer(struct walk *w, const char *object, const char *fault, const char *peer)
{
	for (int i = 0; i < w->r->ncauses; i++)
		if (!strcmp(w->r->causes[i].object, object) && !strcmp(w->r->causes[i].fault, fault))
			snprintf(w->r->causes[i].peer, sizeof(w->r->causes[i].peer), "%s", peer);
}

const char *why_ns_name(const struct live *live, int ns)
{
	return live->ns[ns].name[0] ? live->ns[ns].name : "host";
}

char *why_label(const struct live *live, struct end e, char *buf)
{
	const char *ns = live->ns[e.ns].name;

	snprintf(buf, WHY_LABEL_MAX, "%s%s%s", ns, *ns ? ":" : "", e.l->l.name);
	return buf;
}

char *why_named(const struct live *live, struct end e, char *buf)
{
	const char *ns = live->ns[e.ns].name;

	snprintf(buf, WHY_LABEL_MAX, "%s%s%s", ns, *ns ? "'s " : "", e.l->l.name);
	return buf;
}

const struct why_ns_facts *why_facts_of(const struct walk *w, int ns)
{
	return w->f && ns < w->f->nns ? &w->f->ns[ns] : NULL;
}

const struct why_if_conf *why_conf_of(const struct walk *w, struct end e)
{
	const struct why_ns_facts *f = why_facts_of(w, e.ns);

	for (int i = 0; f && i < f->nifs; i++)
		if (!strcmp(f->ifs[i].ifname, e.l->l.name))
			return &f->ifs[i];
	return NULL;
}

static struct topo_addr route_net(const struct nl_route *r)
{
	struct topo_addr net = { .family = AF_INET, .prefix = r->dst_len };

	memcpy(net.addr, r->dst, 4);
	return net;
}

const struct nl_route *why_route(const struct live_ns *ns, const struct topo_addr *dst)
{
	const struct nl_route *best = NULL;

	for (int i = 0; i < ns->nroutes; i++) {
		const struct nl_route *r = &ns->routes[i];
		struct topo_addr net = route_net(r);

		if (r->family == AF_INET && topo_addr_contains(&net, dst) &&
		    (!best || r->dst_len > best->dst_len))
			best = r;
	}
	return best;
}

bool why_on_link(const struct live_link *l, const struct topo_addr *ip)
{
	for (int i = 0; i < l->naddrs; i++)
		if (topo_addr_contains(&l->addrs[i].a, ip))
			return true;
	return false;
}

bool why_has_ip(const struct live_link *l, const struct topo_addr *ip)
{
	for (int j = 0; j < l->naddrs; j++)
		if (l->addrs[j].a.family == AF_INET && !memcmp(l->addrs[j].a.addr, ip->addr, 4))
			return true;
	return false;
}

const struct live_link *why_local(const struct live_ns *ns, const struct topo_addr *ip)
{
	for (int i = 0; i < ns->nlinks; i++)
		if (why_has_ip(&ns->links[i], ip))
			return &ns->links[i];
	return NULL;
}

/* The source address NS would use on L towards NH: one whose subnet holds NH, else the first. */
static struct topo_addr pick_src(const struct live_link *l, const struct topo_addr *nh)
{
	struct topo_addr none = { 0 };

	for (int i = 0; i < l->naddrs; i++)
		if (topo_addr_contains(&l->addrs[i].a, nh))
			return l->addrs[i].a;
	for (int i = 0; i < l->naddrs; i++)
		if (l->addrs[i].a.family == AF_INET)
			return l->addrs[i].a;
	return none;
}

/* "10.0.0.0/24, 10.0.9.0/24" of NS's IPv4 subnets into BUF; false when it has none. */
static bool subnets(const struct live_ns *ns, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < ns->nlinks; i++)
		for (int j = 0; j < ns->links[i].naddrs; j++) {
			struct topo_addr a = ns->links[i].addrs[j].a;
			char s[64];

			if (a.family != AF_INET || ns->links[i].l.flags & IFF_LOOPBACK)
				continue;
			a = topo_addr_network(&a);
			n += snprintf(buf + n, n < len ? len - n : 0, "%s%s", n ? ", " : "",
				      topo_addr_str(&a, s, sizeof(s)));
		}
	return n > 0;
}

static void no_route(struct walk *w, int ns)
{
	const char *name = why_ns_name(w->live, ns);
	char dst[64], nets[512];

	topo_ip_str(&w->dst, dst, sizeof(dst));
	if (subnets(&w->live->ns[ns], nets, sizeof(nets)))
		why_cause(w, WHY_BLOCK, name, w->ret ? "no-return-route" : "no-route",
			  "%s is not on %s's subnet%s %s and %s has no default route%s", dst, name,
			  strchr(nets, ',') ? "s" : "", nets, name,
			  w->ret ? " (the way back)" : "");
	else
		why_cause(w, WHY_BLOCK, name, "no-address",
			  "%s has no IPv4 address, so no route to %s", name, dst);
}

static void visit(struct why_result *r, int ns)
{
	for (int i = 0; i < r->nvisited; i++)
		if (r->visited[i] == ns)
			return;
	if (r->nvisited < WHY_HOPS_MAX)
		r->visited[r->nvisited++] = ns;
}

void why_hop(struct walk *w, struct end e, const char *role)
{
	struct why_result *r = w->r;

	visit(r, e.ns);
	if (w->ret || r->nhops == WHY_HOPS_MAX)
		return;
	why_label(w->live, e, r->hops[r->nhops].label);
	snprintf(r->hops[r->nhops].role, sizeof(r->hops[0].role), "%s", role);
	r->nhops++;
}

static void walk_ns(struct walk *w, int ns);

/* The packet reached DEST in NS: what there silences it, and the way back. */
static void arrive(struct walk *w, int ns)
{
	static const char *const in[] = { "prerouting", "input", NULL };
	const struct why_ns_facts *f = why_facts_of(w, ns);
	struct walk back = *w;

	if (w->ret)
		return;
	w->r->arrived = true;
	if (f && f->icmp_echo_ignore_all && w->q->proto == WHY_ICMP)
		why_cause(w, WHY_SILENT, why_ns_name(w->live, ns), "icmp-ignore",
			  "%s has net.ipv4.icmp_echo_ignore_all=%d: it answers no ping",
			  why_ns_name(w->live, ns), f->icmp_echo_ignore_all);
	why_check_nft(w, ns, in);
	for (int i = 0; i < w->r->ncauses; i++)
		if (w->r->causes[i].rank == WHY_BLOCK)
			return; /* the way back matters once the way there is clear */
	back.src = w->dst;
	back.dst = w->src;
	back.ret = true;
	back.depth = 0;
	walk_ns(&back, ns);
}

/* NS routes the packet on: forwarding, rp_filter on the way in IN, the forward chain. */
static void route_on(struct walk *w, struct end in)
{
	static const char *const fwd[] = { "prerouting", "forward", "postrouting", NULL };
	const struct why_if_conf *c = why_conf_of(w, in);
	const char *name = why_ns_name(w->live, in.ns);
	const struct nl_route *back = why_route(&w->live->ns[in.ns], &w->src);
	char src[64], dst[64], lb[WHY_LABEL_MAX];

	topo_ip_str(&w->src, src, sizeof(src));
	topo_ip_str(&w->dst, dst, sizeof(dst));
	/* The path drawn stops where the router stops the packet. */
	if (!w->live->ns[in.ns].forwarding) {
		why_cause(w, WHY_BLOCK, name, "forwarding-off",
			  "%s has net.ipv4.ip_forward=0: it does not route %s → %s", name, src, dst);
		return;
	}
	if (c && c->rp_filter == 1 && back && back->oif != in.l->l.ifindex) {
		why_cause(w, WHY_BLOCK, why_label(w->live, in, lb), "rp-filter",
			  "rp_filter=1 (strict) on %s drops %s: %s's route back to it leaves by "
			  "another interface", lb, src, name);
		return;
	}
	why_check_nft(w, in.ns, fwd);
	w->depth++;
	if (w->depth > WHY_DEPTH_MAX)
		why_cause(w, WHY_BLOCK, name, "loop", "the route to %s loops (more than %d routers)",
			  dst, WHY_DEPTH_MAX);
	else
		walk_ns(w, in.ns);
}

/* NS's route R sends the packet out: the gateway, the L2 domain, the owner of the next hop. */
static void send_out(struct walk *w, int ns, const struct nl_route *r)
{
	static const char *const out[] = { "output", "postrouting", NULL };
	const struct live_link *l = live_link_by_index(&w->live->ns[ns], r->oif);
	struct topo_addr nh = { .family = AF_INET, .prefix = 32 };
	const char *name = why_ns_name(w->live, ns);
	char gw[64], dst[64], lb[WHY_LABEL_MAX];
	struct end e = { ns, l }, owner;
	int n;

	if (!l)
		return;
	memcpy(nh.addr, r->has_gw ? r->gw : w->dst.addr, 4);
	if (!w->depth && !w->ret) {
		w->src = pick_src(l, &nh);
		w->r->src = w->src;
		why_check_nft(w, ns, out);
	}
	why_hop(w, e, w->depth ? "out" : "egress");
	why_check_link(w, e);
	topo_ip_str(&nh, gw, sizeof(gw));
	topo_ip_str(&w->dst, dst, sizeof(dst));
	if (r->has_gw && !why_on_link(l, &nh)) {
		why_cause(w, WHY_BLOCK, name, "gateway-off-subnet",
			  "%s's gateway %s for %s is not on a connected subnet of %s", name, gw, dst,
			  l->l.name);
		return;
	}
	n = w->r->ncauses;
	if (why_cross(w, e, &nh, &owner)) {
		if (r->has_gw)
			why_cause(w, WHY_BLOCK, name, "wrong-gateway",
				  "%s's route to %s goes via %s, but no interface in the L2 domain of "
				  "%s has %s (wrong gateway)", name, dst, gw, l->l.name, gw);
		else if (w->r->ncauses == n)
			why_cause(w, WHY_BLOCK, name, "no-owner",
				  "no interface in the L2 domain of %s has %s: nothing answers ARP "
				  "for it", why_label(w->live, e, lb), dst);
		return;
	}
	why_check_owner(w, e, owner, &nh);
	/* A gateway that has DEST on any of its interfaces takes the packet (the kernel's
	 * weak host model): it does not route it on. */
	if (why_local(&w->live->ns[owner.ns], &w->dst))
		arrive(w, owner.ns);
	else if (r->has_gw)
		route_on(w, owner);
}

static void walk_ns(struct walk *w, int ns)
{
	const struct live_ns *n = &w->live->ns[ns];
	const struct nl_route *r;
	char dst[64];

	visit(w->r, ns);
	if (why_local(n, &w->dst)) {
		if (!w->depth && !w->ret)
			w->src = w->r->src = w->dst;
		arrive(w, ns);
		return;
	}
	r = why_route(n, &w->dst);
	if (!r) {
		no_route(w, ns);
		return;
	}
	if (r->type != RTN_UNICAST) {
		why_cause(w, WHY_BLOCK, why_ns_name(w->live, ns), "route-type",
			  "%s's route to %s is of type %s", why_ns_name(w->live, ns),
			  topo_ip_str(&w->dst, dst, sizeof(dst)),
			  r->type == RTN_BLACKHOLE ? "blackhole" : r->type == RTN_PROHIBIT ?
			  "prohibit" : "unreachable");
		return;
	}
	send_out(w, ns, r);
}

void why_analyse(const struct live *live, const struct why_facts *facts,
		 const struct why_query *q, struct why_result *r)
{
	struct walk w = { .live = live, .f = facts, .q = q, .r = r, .dst = q->dst };

	memset(r, 0, sizeof(*r));
	walk_ns(&w, q->from);
	if (r->arrived)
		for (int i = 0; i < r->ncauses; i++)
			r->arrived &= r->causes[i].rank > WHY_BLOCK;
}

int why_find_ns(const struct live *live, const char *name)
{
	for (int i = 0; i < live->nns; i++)
		if (!strcmp(live->ns[i].name, name) ||
		    (live->ns[i].origin == LIVE_HOST && !strcmp(name, "host")))
			return i;
	return -1;
}

int why_parse_dest(const struct live *live, const char *dest, struct topo_addr *out)
{
	int ns = why_find_ns(live, dest);

	*out = (struct topo_addr){ .family = AF_INET, .prefix = 32 };
	if (inet_pton(AF_INET, dest, out->addr) == 1)
		return 0;
	if (inet_pton(AF_INET6, dest, out->addr) == 1)
		return -EAFNOSUPPORT;
	for (int i = 0; ns >= 0 && i < live->ns[ns].nlinks; i++)
		for (int j = 0; j < live->ns[ns].links[i].naddrs; j++)
			if (live->ns[ns].links[i].addrs[j].a.family == AF_INET &&
			    !(live->ns[ns].links[i].l.flags & IFF_LOOPBACK)) {
				memcpy(out->addr, live->ns[ns].links[i].addrs[j].a.addr, 4);
				return 0;
			}
	return -EINVAL;
}
