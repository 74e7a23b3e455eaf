// SPDX-License-Identifier: GPL-2.0
/* The live network as a .topo file that `nsviz up` rebuilds: namespaces, bridges, veth pairs with
 * their addresses, MTU and state, dummy and tap ports, routes with a gateway, forwarding. What the format cannot
 * say is written as a comment, never left out. Each section is sorted as text, so the same network
 * prints the same file whatever its ifindexes, MACs and creation order. */
#include <linux/rtnetlink.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "live.h"
#include "text.h"

#define DEFAULT_MTU 1500
#define ADDRS_MAX 4096 /* bytes of one interface's addresses: ninety IPv6 ones */
#define END_MAX (ADDRS_MAX + 512)

/* Lines of one section, sorted before they are printed. */
struct lines {
	char **v;
	int n, room;
	bool oom;
};

__attribute__((format(printf, 2, 3))) static void add(struct lines *ls, const char *fmt, ...)
{
	va_list ap;
	char *s, *raw;

	if (grow_array((void **)&ls->v, &ls->room, ls->n, sizeof(*ls->v))) {
		ls->oom = true;
		return;
	}
	va_start(ap, fmt);
	raw = vasprintf(&s, fmt, ap) < 0 ? NULL : s;
	va_end(ap);
	/* A name may hold any byte but '/', and the file goes to a terminal. */
	s = raw ? text_escape_dup(raw) : NULL;
	free(raw);
	if (s)
		ls->v[ls->n++] = s;
	else
		ls->oom = true;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void flush(struct lines *ls, FILE *out)
{
	if (ls->n) /* an empty section has no array: qsort's pointer must not be NULL */
		qsort(ls->v, ls->n, sizeof(*ls->v), str_cmp);
	for (int i = 0; i < ls->n; i++) {
		fprintf(out, "%s\n", ls->v[i]);
		free(ls->v[i]);
	}
	if (ls->oom)
		fprintf(out, "# (out of memory: lines are missing)\n");
	ls->n = 0;
	ls->oom = false;
}

/* NAME is a namespace name a .topo file can hold (a /run/netns name may be any file name): the
 * parser is the judge. */
static bool name_valid(const char *name)
{
	char *line = NULL, *errs = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&errs, &len);
	struct topo t;
	bool ok = false;

	if (f && asprintf(&line, "netns %s\n", name) >= 0)
		ok = !topo_parse("", line, &t, f) && t.nnetns == 1;
	if (ok)
		topo_free(&t);
	if (f)
		fclose(f);
	free(errs);
	free(line);
	return ok;
}

static const char *ns_name(const struct live_ns *ns)
{
	return ns->origin == LIVE_HOST ? "(host)" : ns->name;
}

static bool is_kind(const struct live_link *l, const char *kind)
{
	return !strcmp(l->l.kind, kind);
}

/* Addresses a file would give: not the link-local and loopback ones the kernel makes itself. */
static bool addr_declared(const struct nl_addr *a)
{
	return a->scope != RT_SCOPE_LINK && a->scope != RT_SCOPE_HOST;
}

/* " ADDR/PREFIX ..." of L's declared addresses number FIRST to LAST (-1: to the end) into BUF. */
static const char *addrs_str(const struct live_link *l, int first, int last, char *buf, size_t len)
{
	size_t off = 0;
	char a[64];

	buf[0] = 0;
	for (int i = 0, k = 0; i < l->naddrs && off < len; i++) {
		if (!addr_declared(&l->addrs[i]))
			continue;
		if (k >= first && (last < 0 || k <= last))
			off += (size_t)snprintf(buf + off, len - off, " %s",
						topo_addr_str(&l->addrs[i].a, a, sizeof(a)));
		k++;
	}
	return buf;
}

/* " mtu N down nolearning ..." as far as they differ from what `up` makes. */
static const char *opts_str(const struct live_link *l, char *buf, size_t len)
{
	const struct nl_port *p = &l->l.port;
	struct topo_link_opts o = { .mtu = l->l.mtu != DEFAULT_MTU ? l->l.mtu : 0,
				    .down = !(l->l.flags & IFF_UP),
				    .nolearning = p->is_port && !p->learning,
				    .noflood = p->is_port && !p->flood,
				    .isolated = p->is_port && p->isolated,
				    .hairpin = p->is_port && p->hairpin };

	return topo_opts_str(&o, buf, len);
}

static const struct live_link *master_of(const struct live_ns *ns, const struct live_link *l)
{
	const struct live_link *m = l->l.master ? live_link_by_index(ns, l->l.master) : NULL;

	return m && is_kind(m, "bridge") ? m : NULL;
}

/* Bridge L of namespace A can be a statement: its namespace has a .topo name, and neither a
 * namespace nor a bridge of an earlier namespace has its name (a file names a bridge by its name
 * alone, and namespaces are in the order discover prints them). */
static bool bridge_ok(const struct live *live, int a, const struct live_link *l)
{
	const struct live_ns *ns = &live->ns[a];

	if (!is_kind(l, "bridge") || (ns->origin != LIVE_HOST && !name_valid(ns->name)))
		return false;
	for (int n = 0; n < live->nns; n++) {
		const struct live_ns *o = &live->ns[n];

		if (o->origin != LIVE_HOST && !strcmp(o->name, l->l.name))
			return false;
		for (int i = 0; n < a && i < o->nlinks; i++)
			if (is_kind(&o->links[i], "bridge") && !strcmp(o->links[i].l.name, l->l.name) &&
			    (o->origin == LIVE_HOST || name_valid(o->name)))
				return false;
	}
	return true;
}

/* The bridge L of namespace A is a port of, when that bridge is a statement; else NULL. */
static const struct live_link *port_of(const struct live *live, int a, const struct live_link *l)
{
	const struct live_link *m = master_of(&live->ns[a], l);

	return m && bridge_ok(live, a, m) ? m : NULL;
}

/* The .topo kind of a port that is no veth, or NULL when `up` cannot make it. A tun device on a
 * bridge is a tap: a bridge takes only Ethernet devices. */
static const char *port_kind(const struct live_link *l)
{
	return is_kind(l, "tun") ? "tap" : is_kind(l, "dummy") ? "dummy" : NULL;
}

/* The bridges of namespace A that can be statements ("bridge [NS:]NAME ..."). */
static void print_bridges(const struct live *live, int a, struct lines *ls, struct lines *notes)
{
	const struct live_ns *ns = &live->ns[a];
	char addr[ADDRS_MAX], more[ADDRS_MAX], opts[64];
	bool host = ns->origin == LIVE_HOST;

	for (int i = 0; i < ns->nlinks; i++) {
		const struct live_link *l = &ns->links[i];

		if (!bridge_ok(live, a, l))
			continue;
		add(ls, "bridge %s%s%s%s%s%s%s", host ? "" : ns->name, host ? "" : ":", l->l.name,
		    addrs_str(l, 0, 0, addr, sizeof(addr)), opts_str(l, opts, sizeof(opts)),
		    l->l.stp ? " stp" : "", l->l.vlan_filtering ? " vlan_filtering" : "");
		if (*addrs_str(l, 1, -1, more, sizeof(more)))
			add(notes, "# %s: %s: more addresses:%s (a bridge line takes one)",
			    ns_name(ns), l->l.name, more);
	}
}

/* A port that is no veth on a bridge that is a statement, of a kind `up` makes, without an
 * address: a "port KIND BRIDGE:IFNAME" statement. */
static const struct live_link *port_statement(const struct live *live, int a,
					      const struct live_link *l)
{
	char addrs[ADDRS_MAX];

	if (is_kind(l, "veth") || !port_kind(l) || *addrs_str(l, 0, -1, addrs, sizeof(addrs)))
		return NULL;
	return port_of(live, a, l);
}

/* The port flags of a port whose statement does not carry them. */
static void print_port_flags(const struct live *live, int a, const struct live_link *l,
			     struct lines *notes)
{
	const struct live_ns *ns = &live->ns[a];
	const struct nl_port *p = &l->l.port;
	char opts[64];

	if ((is_kind(l, "veth") && l->peer_ns >= 0 && port_of(live, a, l)) ||
	    port_statement(live, a, l))
		return;
	if (p->is_port && (!p->learning || !p->flood || p->isolated || p->hairpin))
		add(notes, "# %s: %s: bridge port with flags%s", ns_name(ns), l->l.name,
		    opts_str(&(struct live_link){ .l.port = *p, .l.mtu = DEFAULT_MTU,
						  .l.flags = IFF_UP }, opts, sizeof(opts)));
}

/* "OWNER:IFNAME [ADDR ...] [mtu N] [down]" of a veth end into BUF, or why the format cannot say
 * it (a host end must be a bridge's port, and a port has no address). */
static const char *end_str(const struct live *live, int a, const struct live_link *l, char *buf,
			   size_t len)
{
	const struct live_ns *ns = &live->ns[a];
	const struct live_link *m = port_of(live, a, l);
	char addrs[ADDRS_MAX], opts[64];

	addrs_str(l, 0, -1, addrs, sizeof(addrs));
	opts_str(l, opts, sizeof(opts));
	if (ns->origin != LIVE_HOST && !name_valid(ns->name))
		return "the name of its namespace is no .topo name";
	if (m && *addrs)
		return "its bridge port has an address";
	if (m)
		snprintf(buf, len, "%s:%s%s", m->l.name, l->l.name, opts);
	else if (ns->origin == LIVE_HOST)
		return "its host end is no bridge's port";
	else
		snprintf(buf, len, "%s:%s%s%s", ns->name, l->l.name, addrs, opts);
	return NULL;
}

/* "veth A -- B": the end in a namespace first (a bridge port second), else in text order. */
static void add_pair(struct lines *ls, const char *a, bool a_port, const char *b, bool b_port)
{
	bool swap = a_port != b_port ? a_port : strcmp(a, b) > 0;

	add(ls, "veth %s -- %s", swap ? b : a, swap ? a : b);
}

static void print_veth(const struct live *live, int a, int i, struct lines *ls,
		       struct lines *notes)
{
	const struct live_ns *na = &live->ns[a];
	const struct live_link *x = &na->links[i];
	const struct live_ns *nb = x->peer_ns >= 0 ? &live->ns[x->peer_ns] : NULL;
	const struct live_link *y = nb ? &nb->links[x->peer_link] : NULL;
	char ea[END_MAX], eb[END_MAX];
	const char *why;

	if (!y) {
		add(notes, "# %s: %s: a veth whose peer is in no namespace nsviz can see",
		    ns_name(na), x->l.name);
		return;
	}
	why = end_str(live, a, x, ea, sizeof(ea)) ?: end_str(live, x->peer_ns, y, eb, sizeof(eb));
	if (!why && na == nb && x->l.master && x->l.master == y->l.master)
		why = "both ends are ports of one bridge";
	if (why)
		add(notes, "# %s: veth %s -- %s: %s", ns_name(na), x->l.name, y->l.name, why);
	else
		add_pair(ls, ea, port_of(live, a, x), eb, port_of(live, x->peer_ns, y));
}

/* What a link that is no veth and no bridge statement is, for its note. */
static const char *what(const struct live_link *l)
{
	if (l->l.flags & IFF_LOOPBACK)
		return "loopback";
	if (is_kind(l, "bridge"))
		return "a bridge whose name or namespace's name a .topo file cannot hold here";
	if (!*l->l.kind)
		return "a device without a kind (a physical NIC?)";
	if (is_kind(l, "tun"))
		return "a tun/tap device";
	return NULL;
}

/* A link the format cannot describe: a note with what it is and what it has. */
static void print_other(const struct live_ns *ns, const struct live_link *l, struct lines *notes)
{
	const struct live_link *m = master_of(ns, l);
	char addrs[ADDRS_MAX];
	const char *w = what(l);

	if (l->l.flags & IFF_LOOPBACK) { /* every namespace has one: its state is no news */
		add(notes, "# %s: %s: loopback", ns_name(ns), l->l.name);
		return;
	}
	add(notes, "# %s: %s: %s%s%s, %s%s%s%s", ns_name(ns), l->l.name, w ? w : "a ",
	    w ? "" : l->l.kind, w ? "" : " device", l->l.flags & IFF_UP ? "up" : "down",
	    m ? ", port of " : "", m ? m->l.name : "", addrs_str(l, 0, -1, addrs, sizeof(addrs)));
}

static void print_port(const struct live *live, int a, const struct live_link *l,
		       struct lines *ports)
{
	const struct live_link *m = port_of(live, a, l);
	char opts[64];

	add(ports, "port %s %s:%s%s", port_kind(l), m->l.name, l->l.name,
	    opts_str(l, opts, sizeof(opts)));
}

static void print_links(const struct live *live, int a, struct lines *veths, struct lines *ports,
			struct lines *notes)
{
	const struct live_ns *ns = &live->ns[a];

	for (int i = 0; i < ns->nlinks; i++) {
		const struct live_link *l = &ns->links[i];

		print_port_flags(live, a, l, notes);
		if (port_statement(live, a, l))
			print_port(live, a, l, ports);
		else if (!is_kind(l, "veth") && !bridge_ok(live, a, l))
			print_other(ns, l, notes);
		else if (is_kind(l, "veth") && (l->peer_ns > a || (l->peer_ns == a &&
							 l->peer_link > i) || l->peer_ns < 0))
			print_veth(live, a, i, veths, notes);
		if (ns->origin != LIVE_HOST && master_of(ns, l) && !port_of(live, a, l))
			add(notes, "# %s: %s: port of bridge %s there (that bridge is not described)",
			    ns->name, l->l.name, master_of(ns, l)->l.name);
	}
}

static void print_netns(const struct live_ns *ns, struct lines *ls, struct lines *notes)
{
	if (ns->origin == LIVE_HOST && ns->forwarding)
		add(notes, "# (host): IPv4 forwarding is on (not described)");
	else if (ns->origin != LIVE_HOST && !name_valid(ns->name))
		add(notes, "# %s: a namespace whose name is no .topo name%s", ns->name,
		    ns->forwarding ? ", forwarding" : "");
	else if (ns->origin != LIVE_HOST)
		add(ls, "netns %s%s", ns->name, ns->forwarding ? " forwarding" : "");
}

static const struct live_link *dev_of(const struct live_ns *ns, const struct nl_route *r)
{
	return r->oif ? live_link_by_index(ns, r->oif) : NULL;
}

/* R's gateway lies in a subnet of an address the file gives NS: what `up` accepts. */
static bool gw_reachable(const struct live_ns *ns, const struct nl_route *r)
{
	struct topo_addr gw = { .family = r->family, .prefix = r->family == AF_INET ? 32 : 128 };

	memcpy(gw.addr, r->gw, sizeof(gw.addr));
	for (int i = 0; i < ns->nlinks; i++)
		for (int j = 0; j < ns->links[i].naddrs; j++)
			if (addr_declared(&ns->links[i].addrs[j]) &&
			    topo_addr_contains(&ns->links[i].addrs[j].a, &gw) &&
			    memcmp(ns->links[i].addrs[j].a.addr, gw.addr, sizeof(gw.addr)))
				return true;
	return false;
}

static void print_routes(const struct live_ns *ns, struct lines *ls, struct lines *notes)
{
	for (int i = 0; i < ns->nroutes; i++) {
		const struct nl_route *r = &ns->routes[i];
		const struct live_link *dev = dev_of(ns, r);
		char d[64], gw[64];

		/* The kernel's own routes follow from the addresses. */
		if (r->protocol == RTPROT_KERNEL)
			continue;
		live_route_dst(r, d, sizeof(d));
		live_route_gw(r, gw, sizeof(gw));
		if (ns->origin != LIVE_HOST && r->type == RTN_UNICAST && r->has_gw &&
		    !r->multipath && gw_reachable(ns, r) && name_valid(ns->name))
			add(ls, "route %s %s via %s", ns->name, r->dst_len ? d : "default", gw);
		else
			add(notes, "# %s: route %s%s%s%s%s (not described)", ns_name(ns),
			    r->dst_len ? d : "default", *gw ? " via " : "", gw, dev ? " dev " : "",
			    dev ? dev->l.name : "");
	}
}

void live_print_topo(FILE *out, const struct live *live)
{
	struct lines ls = { 0 }, ports = { 0 }, notes = { 0 };

	fprintf(out, "# The live network, as `nsviz discover` read it (docs/live.md).\n");
	for (int a = 0; a < live->nns; a++)
		print_netns(&live->ns[a], &ls, &notes);
	flush(&ls, out);
	for (int a = 0; a < live->nns; a++)
		print_bridges(live, a, &ls, &notes);
	flush(&ls, out);
	for (int a = 0; a < live->nns; a++)
		print_links(live, a, &ls, &ports, &notes);
	flush(&ls, out);
	flush(&ports, out);
	for (int a = 0; a < live->nns; a++)
		print_routes(&live->ns[a], &ls, &notes);
	flush(&ls, out);
	if (notes.n)
		fprintf(out, "# Not described by the .topo format:\n");
	flush(&notes, out);
	free(ls.v);
	free(ports.v);
	free(notes.v);
}
