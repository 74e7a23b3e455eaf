// SPDX-License-Identifier: GPL-2.0
/* A topology made again (a new view of the live network) in the order of the one before, so that
 * what stayed is drawn where it was. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "topo.h"

/* A veth by its ends: "KIND:OWNER:IFNAME" twice. */
static void veth_key(const struct topo *t, const struct topo_veth *v, char *buf, size_t len)
{
	const char *o[2];

	for (int j = 0; j < 2; j++)
		o[j] = v->end[j].kind == TOPO_OWNER_NETNS ? t->netns[v->end[j].owner].name
							  : t->bridges[v->end[j].owner].name;
	snprintf(buf, len, "%d:%s:%s %d:%s:%s", v->end[0].kind, o[0], v->end[0].ifname,
		 v->end[1].kind, o[1], v->end[1].ifname);
}

/* The key of element I of array KIND (0 netns, 1 bridges, 2 veths) of T into BUF. */
static void key(const struct topo *t, int kind, int i, char *buf, size_t len)
{
	if (kind == 0)
		snprintf(buf, len, "%s", t->netns[i].name);
	else if (kind == 1)
		snprintf(buf, len, "%s", t->bridges[i].name);
	else
		veth_key(t, &t->veths[i], buf, len);
}

/* Where element I of T goes: its index in PREV, or after all of PREV's in T's order. */
static int rank(const struct topo *t, const struct topo *prev, int kind, int i, int nprev)
{
	char a[2 * (TOPO_NETNS_MAX + TOPO_IFNAME_MAX) + 16], b[sizeof(a)];

	key(t, kind, i, a, sizeof(a));
	for (int k = 0; k < nprev; k++) {
		key(prev, kind, k, b, sizeof(b));
		if (!strcmp(a, b))
			return k;
	}
	return nprev + i;
}

/* ORDER[new] = old index of the N elements of array KIND, INV[old] = new. */
static void permutation(const struct topo *t, const struct topo *prev, int kind, int n, int nprev,
			int *order, int *inv)
{
	int r[n + 1];

	for (int i = 0; i < n; i++) {
		r[i] = rank(t, prev, kind, i, nprev);
		order[i] = i;
	}
	for (int i = 1; i < n; i++) /* insertion sort: a topology is small, and it is stable */
		for (int j = i; j > 0 && r[order[j - 1]] > r[order[j]]; j--) {
			int x = order[j];

			order[j] = order[j - 1];
			order[j - 1] = x;
		}
	for (int i = 0; i < n; i++)
		inv[order[i]] = i;
}

/* Move the N elements of SIZE bytes at ARR into ORDER. 0 or -ENOMEM. */
static int apply(void *arr, int n, size_t size, const int *order)
{
	char *copy = n ? malloc(n * size) : NULL;

	if (!n)
		return 0;
	if (!copy)
		return -ENOMEM;
	memcpy(copy, arr, n * size);
	for (int i = 0; i < n; i++)
		memcpy((char *)arr + i * size, copy + order[i] * size, size);
	free(copy);
	return 0;
}

int topo_order_like(struct topo *t, const struct topo *prev)
{
	int n = t->nnetns + t->nbridges + t->nveths + 1;
	int *order = calloc(n, sizeof(int)), *inv = calloc(n, sizeof(int)), rc = -ENOMEM;
	int *ns_inv = inv, *br_inv = inv + t->nnetns;

	if (!order || !inv)
		goto out;
	/* Veths first: their keys name their owners by the indices they have now. */
	permutation(t, prev, 2, t->nveths, prev->nveths, order, inv + t->nnetns + t->nbridges);
	rc = apply(t->veths, t->nveths, sizeof(*t->veths), order);
	permutation(t, prev, 0, t->nnetns, prev->nnetns, order, ns_inv);
	rc = rc ?: apply(t->netns, t->nnetns, sizeof(*t->netns), order);
	permutation(t, prev, 1, t->nbridges, prev->nbridges, order, br_inv);
	rc = rc ?: apply(t->bridges, t->nbridges, sizeof(*t->bridges), order);
	for (int v = 0; !rc && v < t->nveths; v++)
		for (int j = 0; j < 2; j++) {
			struct topo_end *e = &t->veths[v].end[j];

			e->owner = (e->kind == TOPO_OWNER_NETNS ? ns_inv : br_inv)[e->owner];
		}
	for (int i = 0; !rc && i < t->nroutes; i++)
		t->routes[i].netns = ns_inv[t->routes[i].netns];
out:
	free(order);
	free(inv);
	return rc;
}
