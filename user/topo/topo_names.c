// SPDX-License-Identifier: GPL-2.0
/* Names once the whole file is read: sorted indexes of namespaces and bridges (so a topology of
 * thousands of namespaces checks in n log n), duplicates, owners of ends and routes, interface
 * names unique in their namespace. */
#include <stdlib.h>
#include <string.h>

#include "topo_int.h"

static int name_cmp(const void *pa, const void *pb)
{
	const struct topo_name *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	return c ? c : a->idx - b->idx;
}

int topo_find(const struct topo_name *ix, int n, const char *name)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (strcmp(ix[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(ix[lo].name, name) ? ix[lo].idx : -1;
}

static struct topo_name *index_names(struct topo_builder *b, int n, const char *(*name)(
					     const struct topo *t, int i))
{
	struct topo_name *ix = calloc(n ? n : 1, sizeof(*ix));

	if (!ix) {
		b->oom = true;
		return NULL;
	}
	for (int i = 0; i < n; i++)
		ix[i] = (struct topo_name){ .name = name(b->t, i), .idx = i };
	if (n)
		qsort(ix, n, sizeof(*ix), name_cmp);
	return ix;
}

static const char *netns_name(const struct topo *t, int i)
{
	return t->netns[i].name;
}

static const char *bridge_name(const struct topo *t, int i)
{
	return t->bridges[i].name;
}

static void check_declarations(struct topo_builder *b)
{
	const struct topo *t = b->t;

	for (int i = 0; i < t->nnetns; i++) {
		const struct topo_netns *ns = &t->netns[i];
		int first = topo_find(b->netns_ix, t->nnetns, ns->name);

		if (first != i)
			topo_error(b, ns->line, ns->col, "netns '%s' is already declared at line %d",
				   ns->name, t->netns[first].line);
	}
	for (int i = 0; i < t->nbridges; i++) {
		const struct topo_bridge *br = &t->bridges[i];
		int first = topo_find(b->bridge_ix, t->nbridges, br->name);
		int ns = topo_find(b->netns_ix, t->nnetns, br->name);

		if (first != i)
			topo_error(b, br->line, br->col, "bridge '%s' is already declared at line %d",
				   br->name, t->bridges[first].line);
		else if (ns >= 0)
			topo_error(b, br->line, br->col, "'%s' is both a netns (line %d) and a "
				   "bridge; an owner must name one thing", br->name, t->netns[ns].line);
	}
}

/* The owner of END as written in SRC: a netns or a bridge. */
static void resolve_end(struct topo_builder *b, struct topo_end *e, const struct topo_end_src *src)
{
	const struct topo *t = b->t;
	int ns = topo_find(b->netns_ix, t->nnetns, src->owner);
	int br = topo_find(b->bridge_ix, t->nbridges, src->owner);

	e->owner = ns >= 0 ? ns : br;
	e->kind = ns >= 0 ? TOPO_OWNER_NETNS : TOPO_OWNER_BRIDGE;
	if (src->owner[0] && e->owner < 0)
		topo_error(b, e->line, src->owner_col, "unknown owner '%s': declare it with "
			   "'netns %s' or 'bridge %s'", src->owner, src->owner, src->owner);
}

static void resolve_ends(struct topo_builder *b)
{
	struct topo *t = b->t;

	for (int k = 0; k < 2 * t->nveths; k++)
		resolve_end(b, &t->veths[k / 2].end[k % 2], &b->ends[k]);
	for (int i = 0; i < t->nports; i++) {
		struct topo_end *e = &t->ports[i].end;

		resolve_end(b, e, &b->port_ends[i]);
		if (e->owner >= 0 && e->kind != TOPO_OWNER_BRIDGE) {
			topo_error(b, e->line, b->port_ends[i].owner_col, "'%s' is a netns; a port "
				   "belongs to a bridge ('port %s BRIDGE:%s')", b->port_ends[i].owner,
				   t->ports[i].kind, e->ifname);
			e->owner = -1;
		}
	}
}

/* The namespace of each "bridge NS:NAME". */
static void resolve_bridges(struct topo_builder *b)
{
	struct topo *t = b->t;

	for (int i = 0; i < t->nbridges; i++) {
		const struct topo_bridge_src *src = &b->bridges[i];

		if (!src->netns_col || !src->netns[0])
			continue;
		t->bridges[i].netns = topo_find(b->netns_ix, t->nnetns, src->netns);
		if (t->bridges[i].netns < 0)
			topo_error(b, t->bridges[i].line, src->netns_col, "bridge in unknown netns "
				   "'%s': declare it with 'netns %s'", src->netns, src->netns);
	}
}

static void resolve_routes(struct topo_builder *b)
{
	struct topo *t = b->t;

	for (int r = 0; r < t->nroutes; r++) {
		const struct topo_route_src *src = &b->routes[r];

		t->routes[r].netns = topo_find(b->netns_ix, t->nnetns, src->netns);
		if (t->routes[r].netns < 0)
			topo_error(b, t->routes[r].line, src->netns_col,
				   topo_find(b->bridge_ix, t->nbridges, src->netns) >= 0 ?
				   "'%s' is a bridge; routes belong to a netns" :
				   "route for unknown netns '%s'", src->netns);
	}
}

/* An interface name in a namespace (-1: the host's). */
struct ifname_use {
	const char *name;
	int ns, line, col;
	bool bridge;
};

static int ifname_use_cmp(const void *pa, const void *pb)
{
	const struct ifname_use *a = pa, *b = pb;
	int c = a->ns != b->ns ? a->ns - b->ns : strcmp(a->name, b->name);

	if (!c)
		c = a->line != b->line ? a->line - b->line : a->col - b->col;
	return c;
}

static void use_end(const struct topo *t, const struct topo_end *e, int col, struct ifname_use *u,
		    int *n)
{
	if (e->owner >= 0 && e->ifname[0])
		u[(*n)++] = (struct ifname_use){ e->ifname, topo_end_netns_index(t, e), e->line, col,
						 false };
}

static int collect_ifnames(const struct topo_builder *b, struct ifname_use *u)
{
	const struct topo *t = b->t;
	int n = 0;

	for (int i = 0; i < t->nbridges; i++)
		u[n++] = (struct ifname_use){ t->bridges[i].name, t->bridges[i].netns,
					      t->bridges[i].line, t->bridges[i].col, true };
	for (int k = 0; k < 2 * t->nveths; k++)
		use_end(t, &t->veths[k / 2].end[k % 2], b->ends[k].ifname_col, u, &n);
	for (int i = 0; i < t->nports; i++)
		use_end(t, &t->ports[i].end, b->port_ends[i].ifname_col, u, &n);
	return n;
}

/* U repeats the name of FIRST, which comes earlier in the file. */
static void duplicate_ifname(struct topo_builder *b, const struct ifname_use *u,
			     const struct ifname_use *first)
{
	if (u->bridge && first->bridge)
		return; /* reported as a duplicate declaration */
	if (u->bridge)
		topo_error(b, u->line, u->col, "bridge '%s' has the name of a bridge port (line %d); "
			   "a bridge and its ports share its namespace", u->name, first->line);
	else if (first->bridge)
		topo_error(b, u->line, u->col, "'%s' is already the name of a bridge (line %d); "
			   "a bridge and its ports share its namespace", u->name, first->line);
	else
		topo_error(b, u->line, u->col, "interface '%s' already exists in %s (line %d)",
			   u->name, u->ns < 0 ? "the host namespace" : b->t->netns[u->ns].name,
			   first->line);
}

static void check_ifnames(struct topo_builder *b)
{
	const struct topo *t = b->t;
	struct ifname_use *u = calloc(t->nbridges + 2 * t->nveths + t->nports + 1, sizeof(*u));
	int n, first = 0;

	if (!u) {
		b->oom = true;
		return;
	}
	n = collect_ifnames(b, u);
	if (n)
		qsort(u, n, sizeof(*u), ifname_use_cmp);
	for (int i = 1; i < n; i++) {
		if (u[i].ns != u[first].ns || strcmp(u[i].name, u[first].name))
			first = i;
		else
			duplicate_ifname(b, &u[i], &u[first]);
	}
	free(u);
}

void topo_check_names(struct topo_builder *b)
{
	b->netns_ix = index_names(b, b->t->nnetns, netns_name);
	b->bridge_ix = index_names(b, b->t->nbridges, bridge_name);
	if (b->oom)
		return;
	check_declarations(b);
	resolve_bridges(b);
	resolve_ends(b);
	resolve_routes(b);
	check_ifnames(b);
}
