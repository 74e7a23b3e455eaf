// SPDX-License-Identifier: GPL-2.0
/* The FDB table: kernel reads replace it, datapath events keep it current in between, and what
 * it held before an event tells a learn from a move. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdb_table.h"

/* Entries with the time they were last used (ages are computed when asked), and the port the
 * datapath's events last put them on. Learn and move are told apart by that port, not by the
 * kernel's reads: a read that lands between a move and its event (still in the ring) shows the
 * new port already, and would turn the move into a learn. */
struct fdb_row {
	struct snap_fdb e;
	double used_at;
	char event_port[TOPO_IFNAME_MAX + 1]; /* "" until an event or the first read placed it */
};

struct fdb_table {
	struct fdb_row *rows;
	int n, cap;
	struct snap_fdb *out; /* what fdb_table_entries hands out, cap entries */
	struct fdb_owner *owners; /* sorted by MAC */
	int nowners;
	bool read_once;
};

struct fdb_table *fdb_table_new(void)
{
	return calloc(1, sizeof(struct fdb_table));
}

void fdb_table_free(struct fdb_table *f)
{
	if (!f)
		return;
	free(f->rows);
	free(f->out);
	free(f->owners);
	free(f);
}

static int reserve(struct fdb_table *f, int n)
{
	struct fdb_row *r;
	struct snap_fdb *o;

	if (n <= f->cap)
		return 0;
	r = realloc(f->rows, n * sizeof(*r));
	if (r)
		f->rows = r;
	o = realloc(f->out, n * sizeof(*o));
	if (o)
		f->out = o;
	if (!r || !o)
		return -ENOMEM;
	f->cap = n;
	return 0;
}

static int find(const struct fdb_row *rows, int n, const struct snap_fdb *k)
{
	for (int i = 0; i < n; i++) {
		const struct snap_fdb *e = &rows[i].e;

		if (!strcmp(e->bridge, k->bridge) && !strcmp(e->mac, k->mac) && e->vlan == k->vlan)
			return i;
	}
	return -1;
}

/* The first read places every entry; later ones keep where the events last saw each, since an
 * entry a read finds first may have events about it still on their way. */
int fdb_table_refresh(struct fdb_table *f, const struct snap_fdb *fresh, int n, double now)
{
	struct fdb_row *rows = malloc((n ? n : 1) * sizeof(*rows));
	int old;

	if (!rows || reserve(f, n)) {
		free(rows);
		return -ENOMEM;
	}
	for (int i = 0; i < n; i++) {
		rows[i] = (struct fdb_row){ .e = fresh[i], .used_at = now - fresh[i].age };
		old = find(f->rows, f->n, &fresh[i]);
		if (old >= 0)
			memcpy(rows[i].event_port, f->rows[old].event_port, sizeof(rows[i].event_port));
		else if (!f->read_once)
			snprintf(rows[i].event_port, sizeof(rows[i].event_port), "%s", fresh[i].port);
	}
	if (n) /* no bridges: f->rows may be NULL, which memcpy may not be given */
		memcpy(f->rows, rows, n * sizeof(*rows));
	free(rows);
	f->n = n;
	f->read_once = true;
	return 0;
}

static int add(struct fdb_table *f, const struct snap_fdb *e)
{
	if (reserve(f, f->n < f->cap ? f->cap : f->cap * 2 + 16))
		return -ENOMEM;
	f->rows[f->n] = (struct fdb_row){ .e = *e };
	return f->n++;
}

int fdb_table_event(struct fdb_table *f, bool update, const struct snap_fdb *e, double now,
		    char old_port[TOPO_IFNAME_MAX + 1])
{
	int i = find(f->rows, f->n, e), op = FDB_LEARN;
	struct fdb_row *r;

	if (!update) {
		if (i >= 0)
			f->rows[i] = f->rows[--f->n];
		return FDB_DELETE;
	}
	if (i < 0) {
		i = add(f, e);
		if (i < 0)
			return i;
		f->rows[i].used_at = now;
	}
	r = &f->rows[i];
	if (r->event_port[0] && strcmp(r->event_port, e->port)) {
		op = FDB_MOVE;
		snprintf(old_port, TOPO_IFNAME_MAX + 1, "%s", r->event_port);
	}
	snprintf(r->e.port, sizeof(r->e.port), "%s", e->port);
	snprintf(r->event_port, sizeof(r->event_port), "%s", e->port);
	return op;
}

static int cmp_owner(const void *a, const void *b)
{
	return strcmp(((const struct fdb_owner *)a)->mac, ((const struct fdb_owner *)b)->mac);
}

int fdb_table_owners(struct fdb_table *f, const struct fdb_owner *o, int n)
{
	struct fdb_owner *v = malloc((n ? n : 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	memcpy(v, o, n * sizeof(*v));
	qsort(v, n, sizeof(*v), cmp_owner);
	free(f->owners);
	f->owners = v;
	f->nowners = n;
	return 0;
}

static const char *owner_of(const struct fdb_table *f, const char *mac)
{
	struct fdb_owner key;
	const struct fdb_owner *o;

	snprintf(key.mac, sizeof(key.mac), "%s", mac);
	o = f->nowners ? bsearch(&key, f->owners, f->nowners, sizeof(key), cmp_owner) : NULL;
	return o ? o->owner : "";
}

int fdb_table_unowned(const struct fdb_table *f)
{
	int n = 0;

	for (int i = 0; i < f->n; i++)
		n += !strcmp(f->rows[i].e.type, "learned") && !*owner_of(f, f->rows[i].e.mac);
	return n;
}

static int cmp_row(const void *a, const void *b)
{
	const struct snap_fdb *x = &((const struct fdb_row *)a)->e, *y = &((const struct fdb_row *)b)->e;
	int c = strcmp(x->bridge, y->bridge);

	if (!c)
		c = strcmp(x->port, y->port);
	if (!c)
		c = strcmp(x->mac, y->mac);
	return c ? c : x->vlan - y->vlan;
}

const struct snap_fdb *fdb_table_entries(struct fdb_table *f, double now, int *n)
{
	if (f->n)
		qsort(f->rows, f->n, sizeof(*f->rows), cmp_row);
	for (int i = 0; i < f->n; i++) {
		f->out[i] = f->rows[i].e;
		snprintf(f->out[i].owner, sizeof(f->out[i].owner), "%s", owner_of(f, f->out[i].mac));
		f->out[i].age = now > f->rows[i].used_at ? now - f->rows[i].used_at : 0;
	}
	*n = f->n;
	return f->out;
}
