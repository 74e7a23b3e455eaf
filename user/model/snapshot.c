// SPDX-License-Identifier: GPL-2.0
/* Copies of snapshots, for consumers that keep one past the next tick; names read off them
 * (places, the packet classes they count). */
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"

/* The names docs/json.md gives the classes (its keys: add, never rename). */
static const char *const class_names[NSVIZ_CLASS_MAX] = {
	[NSVIZ_C_ARP] = "arp",
	[NSVIZ_C_IPV4] = "ipv4",
	[NSVIZ_C_IPV6] = "ipv6",
	[NSVIZ_C_ICMP] = "icmp",
	[NSVIZ_C_ICMPV6] = "icmpv6",
	[NSVIZ_C_TCP] = "tcp",
	[NSVIZ_C_UDP] = "udp",
	[NSVIZ_C_OTHER] = "other",
	[NSVIZ_C_MALFORMED] = "malformed",
};

const char *snap_class_name(enum nsviz_class c)
{
	return class_names[c];
}

#define DUP(dst, src, n)                                                         \
	do {                                                                     \
		(dst) = malloc(sizeof(*(src)) * ((n) + 1));                      \
		if (!(dst))                                                      \
			goto fail;                                               \
		if (n)                                                           \
			memcpy((dst), (src), sizeof(*(src)) * (n));              \
	} while (0)

struct snapshot *snapshot_dup(const struct snapshot *s)
{
	struct snapshot *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	*d = *s;
	d->ifaces = NULL, d->flows = NULL, d->events = NULL, d->fdb = NULL, d->paths = NULL;
	d->netns = NULL, d->routes = NULL, d->why = NULL;
	DUP(d->ifaces, s->ifaces, s->nifaces);
	DUP(d->flows, s->flows, s->nflows);
	DUP(d->events, s->events, s->nevents);
	DUP(d->fdb, s->fdb, s->nfdb);
	DUP(d->paths, s->paths, s->npaths);
	DUP(d->netns, s->netns, s->nnetns);
	DUP(d->routes, s->routes, s->nroutes);
	if (s->why) {
		struct snap_why *why = malloc(sizeof(*why));

		if (!why)
			goto fail;
		d->why = memcpy(why, s->why, sizeof(*why));
	}
	return d;
fail:
	snapshot_free(d);
	return NULL;
}

void snapshot_free(struct snapshot *s)
{
	if (!s)
		return;
	free(s->ifaces);
	free(s->flows);
	free(s->events);
	free(s->fdb);
	free(s->paths);
	free(s->netns);
	free(s->routes);
	free((void *)s->why);
	free(s);
}

const char *snap_place(const char *netns, const char *bridge, const char *ifname)
{
	if (netns[0])
		return netns;
	if (bridge[0] && strcmp(bridge, ifname))
		return bridge;
	return "host";
}
