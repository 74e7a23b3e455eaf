// SPDX-License-Identifier: GPL-2.0
/* The bridge FDB the way `bridge fdb show br BR` reads it; the dump is netlink.c's. */
#include <errno.h>
#include <linux/neighbour.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdb.h"
#include "fdb_table.h"
#include "netlink.h"

struct dump {
	const char *bridge;
	struct snap_fdb *entries;
	int n, cap;
};

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

int fdb_read(const struct topo *t, struct snap_fdb **entries, int *n)
{
	struct dump d = { .entries = *entries, .n = *n, .cap = *n };
	struct nl *nl = NULL;
	int ret = nl_open(-1, &nl);

	for (int i = 0; !ret && i < t->nbridges; i++) {
		int br_ifindex = if_nametoindex(t->bridges[i].name);

		d.bridge = t->bridges[i].name;
		ret = br_ifindex ? nl_fdb_dump(nl, br_ifindex, entry_cb, &d) : -ENODEV;
	}
	nl_close(nl);
	*entries = d.entries;
	*n = d.n;
	return ret;
}
