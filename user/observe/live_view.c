// SPDX-License-Identifier: GPL-2.0
/* The live network as a struct topo, so the probes, the model and the outputs observe it as they
 * observe a file's topology. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "live_view.h"

struct view {
	const struct live *live;
	struct topo *t;
	int *ns_of; /* live namespace -> t->netns index; -1: the host, or one the view leaves out */
	const struct live_ns *host;
};

static int add_netns(struct view *v, int i)
{
	const struct live_ns *ns = &v->live->ns[i];
	struct topo_netns *n = &v->t->netns[v->t->nnetns];

	v->ns_of[i] = -1;
	if (ns->origin == LIVE_HOST) {
		v->host = ns;
		return 0;
	}
	if (strlen(ns->name) > TOPO_NETNS_MAX)
		return 0; /* no .topo name (docs/live.md): its veths are left out */
	snprintf(n->name, sizeof(n->name), "%s", ns->name);
	if (ns->origin == LIVE_PROC)
		snprintf(n->path, sizeof(n->path), "/proc/%d/ns/net", ns->pid);
	n->forwarding = ns->forwarding;
	v->ns_of[i] = v->t->nnetns++;
	return 0;
}

static bool is_kind(const struct live_link *l, const char *kind)
{
	return !strcmp(l->l.kind, kind);
}

/* The view's bridge of master MASTER of a link in live namespace NS, or -1. */
static int bridge_of(const struct view *v, int ns, int master)
{
	const struct live_ns *lns = &v->live->ns[ns];
	const struct live_link *m = master ? live_link_by_index(lns, master) : NULL;
	int tns = v->ns_of[ns];

	if (lns != v->host && tns < 0)
		return -1; /* a namespace the view leaves out */
	for (int i = 0; m && i < v->t->nbridges; i++)
		if (v->t->bridges[i].netns == tns && !strcmp(v->t->bridges[i].name, m->l.name))
			return i;
	return -1;
}

static bool bridge_named(const struct topo *t, const char *name)
{
	for (int i = 0; i < t->nbridges; i++)
		if (!strcmp(t->bridges[i].name, name))
			return true;
	return false;
}

/* Every bridge of the host and of the namespaces in the view. A topology names a bridge by its
 * name alone, so a second bridge of a name already taken (in another namespace) is left out. */
static void add_bridges(struct view *v)
{
	for (int n = 0; n < v->live->nns; n++) {
		const struct live_ns *ns = &v->live->ns[n];

		if (ns != v->host && v->ns_of[n] < 0)
			continue;
		for (int i = 0; i < ns->nlinks; i++) {
			const struct live_link *l = &ns->links[i];
			struct topo_bridge *b = &v->t->bridges[v->t->nbridges];

			if (!is_kind(l, "bridge") || bridge_named(v->t, l->l.name))
				continue;
			snprintf(b->name, sizeof(b->name), "%s", l->l.name);
			b->netns = v->ns_of[n];
			b->stp = l->l.stp;
			b->vlan_filtering = l->l.vlan_filtering;
			v->t->nbridges++;
		}
	}
}

/* End E for link L of live namespace NS: a port of a bridge in the view, or an interface of a
 * namespace in it; false when the view cannot carry it (a host end that is no port of a host
 * bridge, a namespace left out). */
static bool make_end(struct view *v, int ns, const struct live_link *l, struct topo_end *e)
{
	int br = bridge_of(v, ns, l->l.master);

	snprintf(e->ifname, sizeof(e->ifname), "%s", l->l.name);
	e->kind = br >= 0 ? TOPO_OWNER_BRIDGE : TOPO_OWNER_NETNS;
	e->owner = br >= 0 ? br : v->ns_of[ns];
	return e->owner >= 0;
}

static int copy_addrs(const struct live_link *l, struct topo_end *e)
{
	if (!l->naddrs)
		return 0;
	e->addrs = calloc(l->naddrs, sizeof(*e->addrs));
	if (!e->addrs)
		return -ENOMEM;
	for (int i = 0; i < l->naddrs; i++)
		e->addrs[i] = l->addrs[i].a;
	e->naddrs = l->naddrs;
	return 0;
}

/* The veth of link I in live namespace NS, once per pair (from its lower end). The namespace
 * end comes first, as a topology file writes it ("red:eth0-r -- bridge1:veth-r"). */
static int add_veth(struct view *v, int ns, int i)
{
	const struct live_link *l = &v->live->ns[ns].links[i], *peer;
	struct topo_veth *tv = &v->t->veths[v->t->nveths];
	int pns = l->peer_ns, pi = l->peer_link, first;

	if (!is_kind(l, "veth") || pns < 0 || pi < 0 || pns < ns || (pns == ns && pi < i))
		return 0;
	peer = &v->live->ns[pns].links[pi];
	memset(tv, 0, sizeof(*tv));
	if (!make_end(v, ns, l, &tv->end[0]) || !make_end(v, pns, peer, &tv->end[1]))
		return 0;
	first = tv->end[0].kind == TOPO_OWNER_BRIDGE && tv->end[1].kind == TOPO_OWNER_NETNS;
	if (first) { /* a bridge's port second */
		tv->end[0] = tv->end[1];
		make_end(v, ns, l, &tv->end[1]);
	}
	v->t->nveths++;
	return copy_addrs(l, &tv->end[first]) ?: copy_addrs(peer, &tv->end[!first]);
}

/* Link I of live namespace NS when it is a bridge port that is no veth (a tap, a dummy, a vxlan, a
 * physical NIC). */
static void add_port(struct view *v, int ns, int i)
{
	const struct live_link *l = &v->live->ns[ns].links[i];
	struct topo_port *p = &v->t->ports[v->t->nports];

	if (is_kind(l, "veth") || !l->l.master)
		return;
	memset(p, 0, sizeof(*p));
	if (!make_end(v, ns, l, &p->end) || p->end.kind != TOPO_OWNER_BRIDGE)
		return;
	snprintf(p->kind, sizeof(p->kind), "%s", l->l.kind);
	v->t->nports++;
}

static int alloc_view(struct view *v)
{
	int nlinks = 0;

	for (int i = 0; i < v->live->nns; i++)
		nlinks += v->live->ns[i].nlinks;
	v->ns_of = calloc(v->live->nns + 1, sizeof(*v->ns_of));
	v->t->netns = calloc(v->live->nns + 1, sizeof(*v->t->netns));
	v->t->bridges = calloc(nlinks + 1, sizeof(*v->t->bridges));
	v->t->veths = calloc(nlinks + 1, sizeof(*v->t->veths));
	v->t->ports = calloc(nlinks + 1, sizeof(*v->t->ports));
	return v->ns_of && v->t->netns && v->t->bridges && v->t->veths && v->t->ports ? 0 : -ENOMEM;
}

int live_view(const struct live *live, struct topo *t, const char *cmd, FILE *err)
{
	struct view v = { .live = live, .t = t };
	int rc;

	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "live");
	snprintf(t->source, sizeof(t->source), "live network");
	rc = alloc_view(&v);
	for (int i = 0; !rc && i < live->nns; i++)
		rc = add_netns(&v, i);
	if (!rc)
		add_bridges(&v);
	for (int n = 0; !rc && n < live->nns; n++)
		for (int i = 0; !rc && i < live->ns[n].nlinks; i++) {
			rc = add_veth(&v, n, i);
			add_port(&v, n, i);
		}
	free(v.ns_of);
	if (rc) {
		topo_free(t);
		fprintf(err, "nsviz %s: the live network: %s\n", cmd, strerror(-rc));
	}
	return rc;
}
