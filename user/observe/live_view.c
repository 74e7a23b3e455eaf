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

static int bridge_index(const struct topo *t, const char *name)
{
	for (int i = 0; i < t->nbridges; i++)
		if (!strcmp(t->bridges[i].name, name))
			return i;
	return -1;
}

static void add_bridges(struct view *v)
{
	for (int i = 0; v->host && i < v->host->nlinks; i++) {
		const struct live_link *l = &v->host->links[i];
		struct topo_bridge *b = &v->t->bridges[v->t->nbridges];

		if (!is_kind(l, "bridge"))
			continue;
		snprintf(b->name, sizeof(b->name), "%s", l->l.name);
		b->stp = l->l.stp;
		b->vlan_filtering = l->l.vlan_filtering;
		v->t->nbridges++;
	}
}

/* End E for link L of live namespace NS: false when the view cannot carry it (a host end that
 * is no port of a host bridge, a namespace left out). */
static bool make_end(struct view *v, int ns, const struct live_link *l, struct topo_end *e)
{
	const struct live_link *master;

	snprintf(e->ifname, sizeof(e->ifname), "%s", l->l.name);
	if (v->ns_of[ns] >= 0) {
		e->kind = TOPO_OWNER_NETNS;
		e->owner = v->ns_of[ns];
		return true;
	}
	if (&v->live->ns[ns] != v->host || !l->l.master)
		return false;
	master = live_link_by_index(v->host, l->l.master);
	e->kind = TOPO_OWNER_BRIDGE;
	e->owner = master ? bridge_index(v->t, master->l.name) : -1;
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
	first = v->ns_of[ns] < 0 && v->ns_of[pns] >= 0;
	memset(tv, 0, sizeof(*tv));
	if (!make_end(v, ns, l, &tv->end[first]) || !make_end(v, pns, peer, &tv->end[!first]))
		return 0;
	v->t->nveths++;
	return copy_addrs(l, &tv->end[first]) ?: copy_addrs(peer, &tv->end[!first]);
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
	return v->ns_of && v->t->netns && v->t->bridges && v->t->veths ? 0 : -ENOMEM;
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
		for (int i = 0; !rc && i < live->ns[n].nlinks; i++)
			rc = add_veth(&v, n, i);
	free(v.ns_of);
	if (rc) {
		topo_free(t);
		fprintf(err, "nsviz %s: the live network: %s\n", cmd, strerror(-rc));
	}
	return rc;
}
