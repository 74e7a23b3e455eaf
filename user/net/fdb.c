// SPDX-License-Identifier: GPL-2.0
/* The bridge FDB the way `bridge fdb show br BR` reads it (the dump is netlink.c's), and a table of
 * it kept current between reads. */
#include <errno.h>
#include <linux/neighbour.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdb.h"
#include "netlink.h"

struct dump {
	const char *bridge;
	struct snap_fdb *entries;
	int n, cap;
};

void fdb_mac_str(const uint8_t mac[6], char buf[18])
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4],
		 mac[5]);
}

static struct snap_fdb *grow(struct snap_fdb **v, int *n, int *cap)
{
	struct snap_fdb *nv;

	if (*n == *cap) {
		nv = realloc(*v, (*cap ? *cap * 2 : 16) * sizeof(**v));
		if (!nv)
			return NULL;
		*v = nv;
		*cap = *cap ? *cap * 2 : 16;
	}
	memset(&(*v)[*n], 0, sizeof(**v));
	return &(*v)[(*n)++];
}

static int entry_cb(const struct nl_fdb *f, void *data)
{
	struct dump *d = data;
	struct snap_fdb *e = grow(&d->entries, &d->n, &d->cap);
	char port[IF_NAMESIZE];

	if (!e)
		return -ENOMEM;
	snprintf(e->bridge, sizeof(e->bridge), "%s", d->bridge);
	fdb_mac_str(f->mac, e->mac);
	if (!if_indextoname(f->port, port))
		snprintf(port, sizeof(port), "if%d", f->port);
	snprintf(e->port, sizeof(e->port), "%s", port);
	e->vlan = f->vlan;
	e->is_static = f->state & (NUD_PERMANENT | NUD_NOARP);
	e->age = f->used;
	return 0;
}

int fdb_read(const char *bridge, struct snap_fdb **entries, int *n)
{
	struct dump d = { .bridge = bridge, .entries = *entries, .n = *n, .cap = *n };
	int br_ifindex = if_nametoindex(bridge), ret;
	struct nl *nl = NULL;

	if (!br_ifindex)
		return -ENODEV;
	ret = nl_open(-1, &nl);
	if (!ret)
		ret = nl_fdb_dump(nl, br_ifindex, entry_cb, &d);
	nl_close(nl);
	*entries = d.entries;
	*n = d.n;
	return ret;
}

/* Entries with the time they were last used (ages are computed when asked). */
struct fdb_row {
	struct snap_fdb e;
	double used_at;
};

struct fdb {
	struct fdb_row *rows;
	int n, cap;
	struct snap_fdb *out; /* what fdb_entries hands out, cap entries */
};

struct fdb *fdb_new(void)
{
	return calloc(1, sizeof(struct fdb));
}

void fdb_free(struct fdb *f)
{
	if (!f)
		return;
	free(f->rows);
	free(f->out);
	free(f);
}

static int reserve(struct fdb *f, int n)
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

int fdb_refresh(struct fdb *f, const char *const *bridges, int nbridges, double now)
{
	struct snap_fdb *fresh = NULL;
	int n = 0, ret = 0;

	for (int i = 0; i < nbridges && !ret; i++)
		ret = fdb_read(bridges[i], &fresh, &n);
	if (!ret)
		ret = reserve(f, n);
	if (!ret) {
		for (int i = 0; i < n; i++)
			f->rows[i] = (struct fdb_row){ .e = fresh[i], .used_at = now - fresh[i].age };
		f->n = n;
	}
	free(fresh);
	return ret;
}

static int find(const struct fdb *f, const char *bridge, const char *mac, uint16_t vlan)
{
	for (int i = 0; i < f->n; i++) {
		const struct snap_fdb *e = &f->rows[i].e;

		if (!strcmp(e->bridge, bridge) && !strcmp(e->mac, mac) && e->vlan == vlan)
			return i;
	}
	return -1;
}

int fdb_event(struct fdb *f, bool update, const char *bridge, const char *port,
	      const uint8_t mac[6], uint16_t vlan, bool is_static, double now)
{
	struct snap_fdb *e;
	char m[18];
	int i;

	fdb_mac_str(mac, m);
	i = find(f, bridge, m, vlan);
	if (!update && i >= 0)
		f->rows[i] = f->rows[--f->n];
	if (!update)
		return 0;
	if (i < 0) {
		if (reserve(f, f->n < f->cap ? f->cap : f->cap * 2 + 16))
			return -ENOMEM;
		i = f->n++;
		f->rows[i] = (struct fdb_row){ 0 };
		snprintf(f->rows[i].e.bridge, sizeof(f->rows[i].e.bridge), "%s", bridge);
		strcpy(f->rows[i].e.mac, m);
		f->rows[i].e.vlan = vlan;
	}
	e = &f->rows[i].e;
	snprintf(e->port, sizeof(e->port), "%s", port);
	e->is_static = is_static;
	f->rows[i].used_at = now;
	return 0;
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

const struct snap_fdb *fdb_entries(struct fdb *f, double now, int *n)
{
	if (f->n)
		qsort(f->rows, f->n, sizeof(*f->rows), cmp_row);
	for (int i = 0; i < f->n; i++) {
		f->out[i] = f->rows[i].e;
		f->out[i].age = now > f->rows[i].used_at ? now - f->rows[i].used_at : 0;
	}
	*n = f->n;
	return f->out;
}
