/* SPDX-License-Identifier: GPL-2.0 */
/* A live network built by hand for unit tests, as discovery fills it (no root, no kernel). */
#ifndef NSVIZ_LIVE_FIXTURE_H
#define NSVIZ_LIVE_FIXTURE_H

#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "live.h"
#include "tap.h"
#include "topo_int.h"

#define UP IFF_UP

static inline struct nl_addr addr(int ifindex, const char *s, unsigned char scope)
{
	struct nl_addr a = { .ifindex = ifindex, .scope = scope };
	char msg[100];

	tap_require(!topo_addr_parse(s, true, &a.a, msg, sizeof(msg)), msg);
	return a;
}

static inline struct live_link link_(int ifindex, const char *name, const char *kind,
				     unsigned int flags, unsigned int mtu, int master)
{
	struct live_link l = { .l = { .ifindex = ifindex, .flags = flags, .mtu = mtu,
				      .master = master, .link_nsid = -1 },
			       .peer_ns = -1, .peer_link = -1 };

	snprintf(l.l.name, sizeof(l.l.name), "%s", name);
	snprintf(l.l.kind, sizeof(l.l.kind), "%s", kind);
	l.l.port = (struct nl_port){ .is_port = master > 0, .learning = true, .flood = true };
	return l;
}

static inline void peer(struct live *live, int a, int i, int b, int j)
{
	live->ns[a].links[i].peer_ns = b;
	live->ns[a].links[i].peer_link = j;
	live->ns[b].links[j].peer_ns = a;
	live->ns[b].links[j].peer_link = i;
}

#endif
