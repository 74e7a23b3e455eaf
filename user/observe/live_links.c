// SPDX-License-Identifier: GPL-2.0
/* snap_link and snap_netns from struct live: plain copying and naming, no kernel calls. */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "live_links.h"
#include "mac.h"

static const struct live_ns *ns_named(const struct live *live, const char *netns)
{
	for (int i = 0; i < live->nns; i++)
		if (*netns ? live->ns[i].origin != LIVE_HOST && !strcmp(live->ns[i].name, netns) :
			     live->ns[i].origin == LIVE_HOST)
			return &live->ns[i];
	return NULL;
}

static const struct live_link *link_named(const struct live_ns *ns, const char *ifname)
{
	for (int i = 0; ns && i < ns->nlinks; i++)
		if (!strcmp(ns->links[i].l.name, ifname))
			return &ns->links[i];
	return NULL;
}

static void fill_addrs(const struct live_link *l, struct snap_link *out)
{
	for (int i = 0; i < l->naddrs; i++) {
		if (out->naddrs == SNAP_ADDRS_MAX) {
			out->addrs_more = true;
			return;
		}
		topo_addr_str(&l->addrs[i].a, out->addrs[out->naddrs++], sizeof(out->addrs[0]));
	}
}

static void fill_port(const struct nl_port *p, struct snap_link *out)
{
	out->is_port = p->is_port;
	if (!p->is_port)
		return;
	snprintf(out->port.state, sizeof(out->port.state), "%s", live_port_state_name(p->state));
	out->port.learning = p->learning;
	out->port.flood = p->flood;
	out->port.isolated = p->isolated;
	out->port.hairpin = p->hairpin;
}

void live_link_fill(const struct live *live, const char *netns, const char *ifname,
		    struct snap_link *out)
{
	const struct live_ns *ns = ns_named(live, netns);
	const struct live_link *l = link_named(ns, ifname), *m;

	memset(out, 0, sizeof(*out));
	out->known = true;
	if (!l)
		return;
	out->present = true;
	snprintf(out->kind, sizeof(out->kind), "%s", l->l.kind);
	out->admin_up = l->l.flags & IFF_UP;
	snprintf(out->oper, sizeof(out->oper), "%s", live_oper_name(l->l.operstate));
	out->carrier = l->l.carrier;
	out->mtu = l->l.mtu;
	if (l->l.mac_len == 6)
		mac_str(l->l.mac, out->mac);
	fill_addrs(l, out);
	m = l->l.master ? live_link_by_index(ns, l->l.master) : NULL;
	if (m)
		snprintf(out->master, sizeof(out->master), "%s", m->l.name);
	fill_port(&l->l.port, out);
	out->stp = l->l.stp;
	out->vlan_filtering = l->l.vlan_filtering;
}

static void fill_route(const struct live_ns *ns, const struct nl_route *r, struct snap_route *out)
{
	const struct live_link *dev = r->oif ? live_link_by_index(ns, r->oif) : NULL;

	live_route_dst(r, out->dst, sizeof(out->dst));
	live_route_gw(r, out->gateway, sizeof(out->gateway));
	snprintf(out->dev, sizeof(out->dev), "%s", dev ? dev->l.name : "");
}

/* Namespace NAME ("" the host) into OUT, its routes appended to *ROUTES. 0 or -ENOMEM. */
static int fill_netns(const struct live *live, const char *name, struct snap_netns *out,
		      struct snap_route **routes, int *nroutes)
{
	const struct live_ns *ns = ns_named(live, name);
	struct snap_route *r;

	*out = (struct snap_netns){ .present = ns != NULL, .first_route = *nroutes };
	snprintf(out->name, sizeof(out->name), "%s", name);
	if (!ns)
		return 0;
	out->forwarding = ns->forwarding;
	r = realloc(*routes, (*nroutes + ns->nroutes + 1) * sizeof(*r));
	if (!r)
		return -ENOMEM;
	*routes = r;
	for (int i = 0; i < ns->nroutes; i++)
		fill_route(ns, &ns->routes[i], &r[(*nroutes)++]);
	out->nroutes = ns->nroutes;
	return 0;
}

int live_netns_fill(const struct live *live, const struct topo *t, struct snap_netns **ns,
		    int *nns, struct snap_route **routes, int *nroutes)
{
	struct snap_netns *n = realloc(*ns, (t->nnetns + 1) * sizeof(*n));
	int rc;

	if (!n)
		return -ENOMEM;
	*ns = n;
	*nns = *nroutes = 0;
	for (int i = -1; i < t->nnetns; i++) {
		rc = fill_netns(live, i < 0 ? "" : t->netns[i].name, &n[i + 1], routes, nroutes);
		if (rc)
			return rc;
		*nns = i + 2;
	}
	return 0;
}
