// SPDX-License-Identifier: GPL-2.0
/* What `nsviz show` prints: each namespace and bridge with its interfaces and their peers. */
#include <string.h>

#include "topo_int.h"

struct widths {
	int ifname, addrs;
};

/* END's addresses and options, blank-separated, or "-" when it has none. */
static const char *addrs_str(const struct topo_end *e, char *buf, size_t len)
{
	size_t off = 0;
	char a[64];

	snprintf(buf, len, "-");
	for (int i = 0; i < e->naddrs && off < len; i++)
		off += snprintf(buf + off, len - off, "%s%s", i ? " " : "",
				topo_addr_str(&e->addrs[i], a, sizeof(a)));
	topo_opts_str(&e->opts, a, sizeof(a));
	if (*a && off < len)
		snprintf(buf + off, len - off, "%s", off ? a : a + 1);
	return buf;
}

char *topo_opts_str(const struct topo_link_opts *o, char *buf, size_t len)
{
	int n = 0;

	buf[0] = 0;
	if (o->mtu)
		n = snprintf(buf, len, " mtu %u", o->mtu);
	if (o->down && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, " down");
	if ((size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "%s%s%s%s", o->nolearning ? " nolearning" : "",
			 o->noflood ? " noflood" : "", o->isolated ? " isolated" : "",
			 o->hairpin ? " hairpin" : "");
	return buf;
}

static const char *owner_name(const struct topo *t, const struct topo_end *e)
{
	return e->kind == TOPO_OWNER_NETNS ? t->netns[e->owner].name : t->bridges[e->owner].name;
}

static void measure_end(const struct topo_end *e, struct widths *w)
{
	char buf[1024];
	int n = (int)strlen(addrs_str(e, buf, sizeof(buf)));

	if ((int)strlen(e->ifname) > w->ifname)
		w->ifname = (int)strlen(e->ifname);
	if (n > w->addrs)
		w->addrs = n;
}

static struct widths measure(const struct topo *t)
{
	struct widths w = { 1, 1 };

	for (int k = 0; k < 2 * t->nveths; k++)
		measure_end(&t->veths[k / 2].end[k % 2], &w);
	for (int i = 0; i < t->nports; i++)
		measure_end(&t->ports[i].end, &w);
	return w;
}

/* One line per interface listed in G for OWNER, with its peer. */
static void print_ends(const struct topo *t, const struct topo_group *g, int owner,
		       struct widths w, FILE *out)
{
	char buf[1024];

	for (int j = g->first[owner]; j < g->first[owner + 1]; j++) {
		int k = g->item[j];
		const struct topo_end *e = &t->veths[k / 2].end[k % 2];
		const struct topo_end *peer = &t->veths[k / 2].end[!(k % 2)];

		fprintf(out, "  %-*s  %-*s  -- %s:%s\n", w.ifname, e->ifname, w.addrs,
			addrs_str(e, buf, sizeof(buf)), owner_name(t, peer), peer->ifname);
	}
}

/* The ports of bridge BR that are no veth end, with their kind where a veth end has its peer. */
static void print_ports(const struct topo *t, int br, struct widths w, FILE *out)
{
	char buf[1024];

	for (int i = 0; i < t->nports; i++) {
		const struct topo_end *e = &t->ports[i].end;

		if (e->owner == br)
			fprintf(out, "  %-*s  %-*s  (%s)\n", w.ifname, e->ifname, w.addrs,
				addrs_str(e, buf, sizeof(buf)), t->ports[i].kind);
	}
}

static void print_routes(const struct topo *t, const struct topo_group *g, int ns, FILE *out)
{
	char dst[64], via[64];

	for (int j = g->first[ns]; j < g->first[ns + 1]; j++) {
		const struct topo_route *rt = &t->routes[g->item[j]];

		fprintf(out, "  route %s via %s\n",
			rt->is_default ? "default" : topo_addr_str(&rt->dst, dst, sizeof(dst)),
			topo_ip_str(&rt->via, via, sizeof(via)));
	}
}

static void print_owners(const struct topo *t, const struct topo_group g[3], FILE *out)
{
	struct widths w = measure(t);
	char a[64], opts[64];

	for (int i = 0; i < t->nnetns; i++) {
		fprintf(out, "netns %s%s\n", t->netns[i].name,
			t->netns[i].forwarding ? " (forwarding)" : "");
		print_ends(t, &g[TOPO_OWNER_NETNS], i, w, out);
		print_routes(t, &g[2], i, out);
	}
	for (int i = 0; i < t->nbridges; i++) {
		const struct topo_bridge *br = &t->bridges[i];

		fprintf(out, "bridge %s%s%s%s%s%s%s%s\n", br->netns >= 0 ? t->netns[br->netns].name : "",
			br->netns >= 0 ? ":" : "", br->name, br->has_addr ? " " : "",
			br->has_addr ? topo_addr_str(&br->addr, a, sizeof(a)) : "",
			topo_opts_str(&br->opts, opts, sizeof(opts)), br->stp ? " stp" : "",
			br->vlan_filtering ? " vlan_filtering" : "");
		print_ends(t, &g[TOPO_OWNER_BRIDGE], i, w, out);
		print_ports(t, i, w, out);
	}
}

void topo_print(const struct topo *t, FILE *out)
{
	struct topo_group g[3] = { 0 }; /* ends by netns, ends by bridge, routes by netns */

	char ports[32] = "";

	if (t->nports) /* said only when there are some: files without ports print as before */
		snprintf(ports, sizeof(ports), ", %d port%s", t->nports, t->nports == 1 ? "" : "s");
	fprintf(out, "topology %s (%s): %d netns, %d bridge%s, %d veth pair%s%s, %d route%s\n",
		t->name, t->source, t->nnetns, t->nbridges, t->nbridges == 1 ? "" : "s", t->nveths,
		t->nveths == 1 ? "" : "s", ports, t->nroutes, t->nroutes == 1 ? "" : "s");
	if (topo_group_ends(t, TOPO_OWNER_NETNS, &g[TOPO_OWNER_NETNS]) ||
	    topo_group_ends(t, TOPO_OWNER_BRIDGE, &g[TOPO_OWNER_BRIDGE]) ||
	    topo_group_routes(t, &g[2]))
		fprintf(out, "(out of memory)\n");
	else
		print_owners(t, g, out);
	for (int i = 0; i < 3; i++)
		topo_group_free(&g[i]);
}
