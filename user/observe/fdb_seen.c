// SPDX-License-Identifier: GPL-2.0
/* See fdb_seen.h. Entries hash by bridge and MAC (not VLAN: the tracer asks for any VLAN),
 * chained. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdb_seen.h"
#include "grow.h"
#include "netlink.h"
#include "topo.h"

#define BUCKETS 256

struct entry {
	struct entry *next;
	char bridge[TOPO_IFNAME_MAX + 1];
	uint8_t mac[6];
	uint16_t vlan;
};

/* A bridge whose FDB was read: from then on only its events change its entries. */
struct read_bridge {
	char name[TOPO_IFNAME_MAX + 1];
	int ifindex;
};

struct fdb_seen {
	struct entry *bucket[BUCKETS];
	struct read_bridge *read;
	int nread;
};

struct fdb_seen *fdb_seen_new(void)
{
	return calloc(1, sizeof(struct fdb_seen));
}

void fdb_seen_free(struct fdb_seen *f)
{
	if (!f)
		return;
	for (int b = 0; b < BUCKETS; b++)
		for (struct entry *e = f->bucket[b], *next; e; e = next) {
			next = e->next;
			free(e);
		}
	free(f->read);
	free(f);
}

/* FNV-1a over the bridge's name and the MAC. */
static unsigned hash(const char *bridge, const uint8_t mac[6])
{
	uint32_t h = 2166136261u;

	for (const char *c = bridge; *c; c++)
		h = (h ^ (uint8_t)*c) * 16777619u;
	for (int i = 0; i < 6; i++)
		h = (h ^ mac[i]) * 16777619u;
	return h % BUCKETS;
}

static bool same(const struct entry *e, const char *bridge, const uint8_t mac[6])
{
	return !memcmp(e->mac, mac, 6) && !strcmp(e->bridge, bridge);
}

int fdb_seen_set(struct fdb_seen *f, const char *bridge, const uint8_t mac[6], uint16_t vlan,
		 bool present)
{
	struct entry **link = &f->bucket[hash(bridge, mac)], *e;

	while (*link && !(same(*link, bridge, mac) && (*link)->vlan == vlan))
		link = &(*link)->next;
	if (*link && !present) {
		e = *link;
		*link = e->next;
		free(e);
	}
	if (*link || !present)
		return 0;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	snprintf(e->bridge, sizeof(e->bridge), "%s", bridge);
	memcpy(e->mac, mac, 6);
	e->vlan = vlan;
	*link = e;
	return 0;
}

bool fdb_seen_has(const struct fdb_seen *f, const char *bridge, const uint8_t mac[6])
{
	for (const struct entry *e = f->bucket[hash(bridge, mac)]; e; e = e->next)
		if (same(e, bridge, mac))
			return true;
	return false;
}

struct read_ctx {
	struct fdb_seen *f;
	const char *bridge;
};

static int read_cb(const struct nl_fdb *e, void *data)
{
	struct read_ctx *r = data;

	return fdb_seen_set(r->f, r->bridge, e->mac, e->vlan, true);
}

static bool was_read(const struct fdb_seen *f, const char *bridge, int br_ifindex)
{
	for (int i = 0; i < f->nread; i++)
		if (f->read[i].ifindex == br_ifindex && !strcmp(f->read[i].name, bridge))
			return true;
	return false;
}

static int mark_read(struct fdb_seen *f, const char *bridge, int br_ifindex)
{
	struct read_bridge *r = grow_append((void **)&f->read, NULL, &f->nread, sizeof(*r));

	if (!r)
		return -ENOMEM;
	snprintf(r->name, sizeof(r->name), "%s", bridge);
	r->ifindex = br_ifindex;
	return 0;
}

int fdb_seen_read(struct fdb_seen *f, const char *bridge, int br_ifindex)
{
	struct read_ctx r = { .f = f, .bridge = bridge };
	struct nl *nl = NULL;
	int ret;

	/* Read again, the kernel's FDB of now would be ahead of the records still queued: a MAC
	 * learned from the very frames not yet looked up would make their flood read forward. */
	if (was_read(f, bridge, br_ifindex))
		return 0;
	ret = nl_open(-1, &nl);
	if (!ret)
		ret = nl_fdb_dump(nl, br_ifindex, read_cb, &r);
	nl_close(nl);
	return ret ?: mark_read(f, bridge, br_ifindex);
}
