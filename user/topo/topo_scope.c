// SPDX-License-Identifier: GPL-2.0
/* Narrowing a topology to some namespaces and bridges (--netns, --bridge): what is observed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "topo.h"

/* Which namespaces (by index) and bridges are kept, then where each moves to (-1: dropped). */
struct scope {
	int *ns, *br, *veth;
	bool by_netns, by_bridge;
};

static int find_netns(const struct topo *t, const char *name, size_t len)
{
	for (int i = 0; i < t->nnetns; i++)
		if (strlen(t->netns[i].name) == len && !strncmp(t->netns[i].name, name, len))
			return i;
	return -1;
}

static int find_bridge(const struct topo *t, const char *name)
{
	for (int i = 0; i < t->nbridges; i++)
		if (!strcmp(t->bridges[i].name, name))
			return i;
	return -1;
}

/* Mark the namespaces of the comma-separated LIST in S; -EINVAL for a name T does not have. */
static int mark_netns(const struct topo *t, const char *list, struct scope *s, const char *cmd,
		      FILE *err)
{
	char shown[256], *name;

	for (const char *p = list;; p++) { /* an empty name ("a,", "") is no namespace */
		size_t len = strcspn(p, ",");
		int i = find_netns(t, p, len);

		if (i < 0) {
			name = strndup(p, len);
			fprintf(err, "nsviz %s: --netns: no namespace '%s' in %s\n", cmd,
				text_escape(name ? name : "?", shown, sizeof(shown)), t->source);
			free(name);
			return -EINVAL;
		}
		s->ns[i] = 1;
		p += len;
		if (!*p)
			return 0;
	}
}

static bool end_in(const struct topo_end *e, enum topo_owner_kind kind, const int *keep)
{
	return e->kind == kind && keep[e->owner];
}

/* E is in a kept namespace: its own, or for a port the namespace of its bridge. */
static bool end_in_netns(const struct topo *t, const struct topo_end *e, const int *keep)
{
	int ns = topo_end_netns_index(t, e);

	return ns >= 0 && keep[ns];
}

/* A veth is kept when an end is in a kept namespace (--netns) and an end is a port of the
 * kept bridge (--bridge); what it joins is then kept too, so no kept veth dangles. */
static void mark_veths(const struct topo *t, struct scope *s)
{
	int *ns = calloc(t->nnetns + 1, sizeof(int)), *br = calloc(t->nbridges + 1, sizeof(int));

	for (int v = 0; ns && br && v < t->nveths; v++) {
		const struct topo_end *e = t->veths[v].end;

		s->veth[v] = (!s->by_netns || end_in_netns(t, &e[0], s->ns) ||
			      end_in_netns(t, &e[1], s->ns)) &&
			     (!s->by_bridge || end_in(&e[0], TOPO_OWNER_BRIDGE, s->br) ||
			      end_in(&e[1], TOPO_OWNER_BRIDGE, s->br));
		for (int j = 0; s->veth[v] && j < 2; j++)
			(e[j].kind == TOPO_OWNER_NETNS ? ns : br)[e[j].owner] = 1;
	}
	for (int i = 0; ns && br && i < t->nnetns; i++)
		s->ns[i] |= ns[i];
	for (int i = 0; ns && br && i < t->nbridges; i++)
		s->br[i] |= br[i];
	free(ns);
	free(br);
}

/* A bridge inside a kept namespace is kept with it (unless --bridge names another); a kept
 * bridge keeps the namespace it is in. */
static void mark_bridges(const struct topo *t, struct scope *s)
{
	for (int i = 0; i < t->nbridges; i++) {
		int ns = t->bridges[i].netns;

		if (ns >= 0 && s->by_netns && s->ns[ns] && !s->by_bridge)
			s->br[i] = 1;
		if (ns >= 0 && s->br[i])
			s->ns[ns] = 1;
	}
}

/* The ports of kept bridges. */
static void compact_ports(struct topo *t, const struct scope *s)
{
	int np = 0;

	for (int i = 0; i < t->nports; i++) {
		struct topo_port *p = &t->ports[i];

		if (s->br[p->end.owner] < 0) {
			free(p->end.addrs);
			continue;
		}
		p->end.owner = s->br[p->end.owner];
		t->ports[np++] = *p;
	}
	t->nports = np;
}

/* Turn the marks of KEEP (N of them) into new indexes, -1 for dropped; the count kept. */
static int renumber(int *keep, int n)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		keep[i] = keep[i] ? k++ : -1;
	return k;
}

static void compact(struct topo *t, const struct scope *s)
{
	int nr = 0;

	for (int i = 0; i < t->nnetns; i++)
		if (s->ns[i] >= 0)
			t->netns[s->ns[i]] = t->netns[i];
	for (int i = 0; i < t->nbridges; i++)
		if (s->br[i] >= 0) {
			t->bridges[s->br[i]] = t->bridges[i];
			if (t->bridges[i].netns >= 0)
				t->bridges[s->br[i]].netns = s->ns[t->bridges[i].netns];
		}
	compact_ports(t, s);
	for (int v = 0; v < t->nveths; v++) {
		struct topo_veth *tv = &t->veths[v];

		for (int j = 0; j < 2 && s->veth[v] >= 0; j++)
			tv->end[j].owner = (tv->end[j].kind == TOPO_OWNER_NETNS ? s->ns :
					    s->br)[tv->end[j].owner];
		if (s->veth[v] >= 0)
			t->veths[s->veth[v]] = *tv;
		else
			free(tv->end[0].addrs), free(tv->end[1].addrs);
	}
	for (int r = 0; r < t->nroutes; r++)
		if (s->ns[t->routes[r].netns] >= 0) {
			t->routes[nr] = t->routes[r];
			t->routes[nr++].netns = s->ns[t->routes[r].netns];
		}
	t->nroutes = nr;
}

int topo_scope(struct topo *t, const char *netns, const char *bridge, const char *cmd,
	       FILE *err)
{
	struct scope s = { .by_netns = netns != NULL, .by_bridge = bridge != NULL };
	char shown[256];
	int rc = 0, b;

	if (!netns && !bridge)
		return 0;
	s.ns = calloc(t->nnetns + 1, sizeof(int));
	s.br = calloc(t->nbridges + 1, sizeof(int));
	s.veth = calloc(t->nveths + 1, sizeof(int));
	if (!s.ns || !s.br || !s.veth)
		rc = -ENOMEM;
	if (!rc && netns)
		rc = mark_netns(t, netns, &s, cmd, err);
	if (!rc && bridge && (b = find_bridge(t, bridge)) < 0) {
		fprintf(err, "nsviz %s: --bridge: no bridge '%s' in %s\n", cmd,
			text_escape(bridge, shown, sizeof(shown)), t->source);
		rc = -EINVAL;
	} else if (!rc && bridge) {
		s.br[b] = 1;
	}
	if (!rc) {
		mark_veths(t, &s);
		mark_bridges(t, &s);
		int nn = renumber(s.ns, t->nnetns), nb = renumber(s.br, t->nbridges);
		int nv = renumber(s.veth, t->nveths);

		compact(t, &s);
		t->nnetns = nn, t->nbridges = nb, t->nveths = nv;
	}
	free(s.ns);
	free(s.br);
	free(s.veth);
	return rc;
}
