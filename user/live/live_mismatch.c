// SPDX-License-Identifier: GPL-2.0
/* Declared versus live: each namespace, bridge, veth end and route of a topology looked up by name
 * in a reading of the live network, and each of its declared properties compared. An object that
 * is missing is one difference; what hangs on it (its addresses, its routes) is not compared, so
 * one cause gives one line. Defaults the file leaves out are what `nsviz up` makes: a veth end up
 * with MTU 1500, a port that learns and is flooded to, STP and VLAN filtering off. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/rtnetlink.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "live_mismatch.h"

#define VALUE_MAX 1024 /* one value as text: all of an interface's addresses */
#define VETH_MTU 1500  /* what the kernel gives a new veth */

struct checker {
	const struct topo *t;
	const struct live *live;
	const struct live_ns *host;
	live_mismatch_fn *cb;
	void *ctx;
	int n;
};

/* The object of a difference: what it is, where, and how sentences name it. */
struct subject {
	const char *object, *netns, *ifname;
	char label[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 2]; /* "green:eth0-g", "veth-g", "green" */
};

__attribute__((format(printf, 6, 7)))
static void report(struct checker *c, const struct subject *s, const char *field,
		   const char *declared, const char *live, const char *fmt, ...)
{
	struct live_mismatch m = { .object = s->object, .netns = s->netns, .ifname = s->ifname,
				   .field = field, .declared = declared, .live = live };
	char text[2 * VALUE_MAX + 256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	m.text = text;
	c->n++;
	c->cb(&m, c->ctx);
}

static const char *bool_str(bool b)
{
	return b ? "true" : "false";
}

static const char *on_off(bool b)
{
	return b ? "on" : "off";
}

static void subject_link(struct subject *s, const char *object, const char *netns,
			 const char *ifname)
{
	*s = (struct subject){ .object = object, .netns = netns, .ifname = ifname };
	snprintf(s->label, sizeof(s->label), "%s%s%s", netns, *netns ? ":" : "", ifname);
}

/* A namespace nsviz or `ip netns` can name: one in /run/netns. */
static const struct live_ns *find_ns(const struct live *live, const char *name)
{
	for (int i = 0; i < live->nns; i++)
		if (live->ns[i].origin == LIVE_NAMED && !strcmp(live->ns[i].name, name))
			return &live->ns[i];
	return NULL;
}

static const struct live_link *find_link(const struct live_ns *ns, const char *name)
{
	for (int i = 0; i < ns->nlinks; i++)
		if (!strcmp(ns->links[i].l.name, name))
			return &ns->links[i];
	return NULL;
}

/* LABEL's boolean FIELD, declared WANT, is HAVE. */
static void check_flag(struct checker *c, const struct subject *s, const char *field, bool want,
		       bool have)
{
	if (want != have)
		report(c, s, field, bool_str(want), bool_str(have),
		       "declared %s with %s %s but it is %s", s->label, field, on_off(want),
		       on_off(have));
}

/* The link exists and is of KIND; else one difference, and false. */
static bool check_exists(struct checker *c, const struct subject *s, const struct live_link *l,
			 const char *kind)
{
	if (!l)
		report(c, s, "exists", "true", "false", "declared %s %s %s%s but it does not exist",
		       s->object, s->ifname, *s->netns ? "in " : "on the host", s->netns);
	else if (strcmp(l->l.kind, kind))
		report(c, s, "kind", kind, l->l.kind, "declared %s as a %s but it is a %s", s->label,
		       kind, *l->l.kind ? l->l.kind : "device of no kind");
	return l && !strcmp(l->l.kind, kind);
}

static void check_admin_mtu(struct checker *c, const struct subject *s, const struct live_link *l,
			    const struct topo_link_opts *o, unsigned int mtu)
{
	bool up = l->l.flags & IFF_UP;
	char want[16], have[16];

	if (up == o->down)
		report(c, s, "admin_up", bool_str(!o->down), bool_str(up),
		       "declared %s %s but it is %s", s->label, o->down ? "down" : "up",
		       up ? "up" : "down");
	snprintf(want, sizeof(want), "%u", mtu);
	snprintf(have, sizeof(have), "%u", l->l.mtu);
	if (mtu && mtu != l->l.mtu)
		report(c, s, "mtu", want, have, "declared mtu %s on %s but it has mtu %s", want,
		       s->label, have);
}

static bool same_addr(const struct topo_addr *a, const struct topo_addr *b)
{
	return a->family == b->family && a->prefix == b->prefix &&
	       !memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

/* L's addresses other than link-local ones, blank-separated, into BUF ("" for none). */
static char *addrs_str(const struct live_link *l, char *buf, size_t len)
{
	size_t off = 0;
	char a[64];

	buf[0] = 0;
	for (int i = 0; i < l->naddrs && off < len; i++)
		if (l->addrs[i].scope != RT_SCOPE_LINK)
			off += snprintf(buf + off, len - off, "%s%s", off ? " " : "",
					topo_addr_str(&l->addrs[i].a, a, sizeof(a)));
	return buf;
}

static void check_addr(struct checker *c, const struct subject *s, const struct live_link *l,
		       const struct topo_addr *want)
{
	char a[64], have[VALUE_MAX];

	for (int i = 0; i < l->naddrs; i++)
		if (same_addr(&l->addrs[i].a, want))
			return;
	topo_addr_str(want, a, sizeof(a));
	addrs_str(l, have, sizeof(have));
	report(c, s, "addrs", a, have, "declared %s on %s but it has %s", a, s->label,
	       *have ? have : "no address");
}

/* L, in NS (its bridge's namespace), is a port of BR with the flags O says. */
static void check_port(struct checker *c, const struct live_ns *ns, const struct subject *s,
		       const struct live_link *l, const struct topo_bridge *br,
		       const struct topo_link_opts *o)
{
	const struct live_link *m = l->l.master ? live_link_by_index(ns, l->l.master) : NULL;
	const struct live_link *want = find_link(ns, br->name);
	const struct nl_port *p = &l->l.port;

	if (!want || strcmp(want->l.kind, "bridge"))
		return; /* the bridge is missing: said once, for the bridge */
	if (m != want) {
		report(c, s, "master", br->name, m ? m->l.name : "", "declared %s on %s but %s%s",
		       s->label, br->name, m ? "its master is " : "it has no master",
		       m ? m->l.name : "");
		return;
	}
	check_flag(c, s, "learning", !o->nolearning, p->learning);
	check_flag(c, s, "flood", !o->noflood, p->flood);
	check_flag(c, s, "isolated", o->isolated, p->isolated);
	check_flag(c, s, "hairpin", o->hairpin, p->hairpin);
}

/* NSS[i]: the live namespace of the declared one i, NULL when it is missing; -1: the host. */
static const struct live_ns *ns_of(const struct checker *c, const struct live_ns **nss, int i)
{
	return i < 0 ? c->host : nss[i];
}

static void check_bridge(struct checker *c, const struct live_ns *ns, const struct topo_bridge *b)
{
	struct subject s;
	const struct live_link *l = find_link(ns, b->name);

	subject_link(&s, "bridge", b->netns < 0 ? "" : c->t->netns[b->netns].name, b->name);
	if (!check_exists(c, &s, l, "bridge"))
		return;
	/* Without a declared MTU a bridge takes its ports' smallest: no expectation. */
	check_admin_mtu(c, &s, l, &b->opts, b->opts.mtu);
	check_flag(c, &s, "stp", b->stp, l->l.stp);
	check_flag(c, &s, "vlan_filtering", b->vlan_filtering, l->l.vlan_filtering);
	if (b->has_addr)
		check_addr(c, &s, l, &b->addr);
}

/* The live namespace of E (a port: its bridge's), NULL when it is missing. */
static const struct live_ns *end_ns(const struct checker *c, const struct live_ns **nss,
				    const struct topo_end *e)
{
	return ns_of(c, nss, topo_end_netns_index(c->t, e));
}

/* The live link of E of KIND ("veth", "tun" for a tap...), checked; NULL when it is missing or
 * of another kind. */
static const struct live_link *check_end(struct checker *c, const struct live_ns *ns,
					 const struct topo_end *e, const char *kind,
					 struct subject *s)
{
	const char *netns = topo_end_netns(c->t, e);
	const struct live_link *l = find_link(ns, e->ifname);

	subject_link(s, "interface", netns ? netns : "", e->ifname);
	if (!check_exists(c, s, l, kind))
		return NULL;
	check_admin_mtu(c, s, l, &e->opts, e->opts.mtu ? e->opts.mtu : VETH_MTU);
	for (int i = 0; i < e->naddrs; i++)
		check_addr(c, s, l, &e->addrs[i]);
	if (e->kind == TOPO_OWNER_BRIDGE)
		check_port(c, ns, s, l, &c->t->bridges[e->owner], &e->opts);
	return l;
}

static void check_port_link(struct checker *c, const struct live_ns **nss,
			    const struct topo_port *p)
{
	const struct live_ns *ns = end_ns(c, nss, &p->end);
	struct subject s;

	if (ns)
		check_end(c, ns, &p->end, !strcmp(p->kind, "tap") ? "tun" : p->kind, &s);
}

static void check_veth(struct checker *c, const struct live_ns **nss, const struct topo_veth *v)
{
	const struct live_ns *ns[2] = { end_ns(c, nss, &v->end[0]), end_ns(c, nss, &v->end[1]) };
	const struct live_link *l[2] = { NULL, NULL };
	const struct live_ns *pns;
	const struct live_link *peer;
	struct subject s[2];
	char have[sizeof(pns->name) + IFNAMSIZ + 1];

	for (int k = 0; k < 2; k++)
		if (ns[k])
			l[k] = check_end(c, ns[k], &v->end[k], "veth", &s[k]);
	if (!l[0] || !l[1])
		return;
	pns = l[0]->peer_ns >= 0 ? &c->live->ns[l[0]->peer_ns] : NULL;
	peer = pns ? &pns->links[l[0]->peer_link] : NULL;
	if (peer == l[1])
		return;
	snprintf(have, sizeof(have), "%s%s%s", pns && pns != c->host ? pns->name : "",
		 pns && pns != c->host ? ":" : "", peer ? peer->l.name : "");
	report(c, &s[0], "peer", s[1].label, have,
	       peer ? "declared %s -- %s but the peer of %s is %s"
		    : "declared %s -- %s but %s has no peer%s",
	       s[0].label, s[1].label, s[0].label, have);
}

/* "default via 10.0.1.1", "10.9.0.0/16 via 10.0.1.1" for a route of FAMILY to DST/LEN via GW. */
static char *route_str(int family, const void *dst, int len, const void *gw, char *buf,
		       size_t size)
{
	char d[64] = "default", g[64] = "";

	if (len && inet_ntop(family, dst, d, sizeof(d)))
		snprintf(d + strlen(d), sizeof(d) - strlen(d), "/%d", len);
	if (gw)
		inet_ntop(family, gw, g, sizeof(g));
	snprintf(buf, size, "%s%s%s", d, *g ? " via " : "", g);
	return buf;
}

static bool same_dst(const struct nl_route *r, const struct topo_route *want)
{
	int family = want->via.family;
	int len = want->is_default ? 0 : want->dst.prefix;

	return r->family == family && r->dst_len == len &&
	       !memcmp(r->dst, want->dst.addr, len ? (family == AF_INET ? 4 : 16) : 0);
}

static void check_route(struct checker *c, const struct live_ns *ns, const struct topo_route *want)
{
	const struct nl_route *to = NULL;
	int family = want->via.family, alen = family == AF_INET ? 4 : 16;
	struct subject s = { .object = "route", .netns = ns->name, .ifname = "" };
	char d[160], h[160] = "";

	for (int i = 0; i < ns->nroutes; i++) {
		const struct nl_route *r = &ns->routes[i];

		if (!same_dst(r, want))
			continue;
		if (r->has_gw && !memcmp(r->gw, want->via.addr, alen))
			return;
		to = r;
	}
	route_str(family, want->dst.addr, want->is_default ? 0 : want->dst.prefix, want->via.addr,
		  d, sizeof(d));
	if (to)
		route_str(family, to->dst, to->dst_len, to->has_gw ? to->gw : NULL, h, sizeof(h));
	report(c, &s, "route", d, h, "declared route %s in %s but it has %s", d, ns->name,
	       *h ? h : "none");
}

/* The live namespace of the declared one N, checked; NULL when it is missing. */
static const struct live_ns *check_netns(struct checker *c, const struct live *live,
					 const struct topo_netns *n)
{
	const struct live_ns *ns = find_ns(live, n->name);
	struct subject s = { .object = "netns", .netns = n->name, .ifname = "" };

	snprintf(s.label, sizeof(s.label), "%s", n->name);
	if (!ns)
		report(c, &s, "exists", "true", "false", "declared netns %s but it does not exist",
		       n->name);
	/* Only a router says anything of forwarding: a namespace without it may forward. */
	else if (n->forwarding && !ns->forwarding)
		report(c, &s, "forwarding", "true", "false",
		       "declared forwarding on in %s but it is off", n->name);
	return ns;
}

int live_mismatch(const struct topo *t, const struct live *live, live_mismatch_fn *cb, void *ctx)
{
	struct checker c = { .t = t, .live = live, .host = live->nns ? &live->ns[0] : NULL,
			     .cb = cb, .ctx = ctx };
	const struct live_ns **nss = calloc(t->nnetns + 1, sizeof(*nss));

	if (!nss)
		return -ENOMEM;
	for (int i = 0; i < t->nnetns; i++)
		nss[i] = check_netns(&c, live, &t->netns[i]);
	for (int i = 0; i < t->nbridges; i++)
		if (ns_of(&c, nss, t->bridges[i].netns))
			check_bridge(&c, ns_of(&c, nss, t->bridges[i].netns), &t->bridges[i]);
	for (int i = 0; i < t->nveths; i++)
		check_veth(&c, nss, &t->veths[i]);
	for (int i = 0; i < t->nports; i++)
		check_port_link(&c, nss, &t->ports[i]);
	for (int i = 0; i < t->nroutes; i++)
		if (nss[t->routes[i].netns])
			check_route(&c, nss[t->routes[i].netns], &t->routes[i]);
	free(nss);
	return c.n;
}
