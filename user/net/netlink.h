/* SPDX-License-Identifier: GPL-2.0 */
/* rtnetlink requests through libmnl: veth pairs, bridges, addresses, routes, link lookups and
 * counters. One socket serves one namespace: the one it was opened in. */
#ifndef NSVIZ_NETLINK_H
#define NSVIZ_NETLINK_H

#include <linux/if_link.h>
#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>
#include "topo.h"

struct nl;

struct nl_link {
	int ifindex;
	char name[IFNAMSIZ];
	char kind[16];      /* "veth", "bridge", ... ("" for none, e.g. lo) */
	int master;         /* ifindex of the bridge it is a port of, 0 if none */
	unsigned int flags; /* IFF_UP, IFF_LOWER_UP, ... */
	uint8_t mac[6];     /* all zero when it has none (lo) */
	struct rtnl_link_stats64 stats;
};

/* An rtnetlink socket in the namespace NSFD (-1: the calling thread's). 0 or -errno. */
int nl_open(int nsfd, struct nl **out);
void nl_close(struct nl *nl);

/* A veth pair NAME -- PEER, each end created directly in its namespace (NSFD/PEER_NSFD; -1: the
 * socket's namespace). NAME is up, and a port of the bridge MASTER when MASTER > 0; PEER is down:
 * the kernel refuses to open an end before its peer exists (-ENOTCONN), and the peer is made
 * first. Returns NAME's ifindex, 0 when the kernel did not say (NAME made in another namespace
 * than the socket's), or -errno (-EEXIST when a name is taken). */
int nl_veth_add(struct nl *nl, const char *name, int nsfd, int master, const char *peer,
		int peer_nsfd);
/* A bridge NAME, up. Its ifindex (or 0 as above), or -errno. */
int nl_bridge_add(struct nl *nl, const char *name);
/* Bring IFINDEX up and, when MASTER > 0, make it a port of the bridge MASTER. 0 or -errno. */
int nl_link_up(struct nl *nl, int ifindex, int master);
int nl_link_del(struct nl *nl, int ifindex);
/* The link IFINDEX, or when IFINDEX is 0 the link NAME, with its counters. 0 or -errno
 * (-ENODEV when there is none). */
int nl_link_get(struct nl *nl, int ifindex, const char *name, struct nl_link *out);
/* Call CB for every link of the socket's namespace (counters included). CB returns 0 or -errno
 * (which stops the dump). 0 or -errno. */
int nl_link_dump(struct nl *nl, int (*cb)(const struct nl_link *l, void *ctx), void *ctx);
/* Receive link notifications (RTM_NEWLINK/RTM_DELLINK) of the socket's namespace. 0 or -errno. */
int nl_watch_links(struct nl *nl);
/* Wait up to TIMEOUT_MS for link notifications and call CB for each (GONE: it was deleted).
 * Returns how many arrived (0: none in time), or -errno; -ENOBUFS means some were lost. */
int nl_link_events(struct nl *nl, int timeout_ms,
		   void (*cb)(const struct nl_link *l, bool gone, void *ctx), void *ctx);
/* Add A to IFINDEX; IPv6 addresses skip duplicate address detection so they work at once. */
int nl_addr_add(struct nl *nl, int ifindex, const struct topo_addr *a);
/* A route to DST (NULL: default) via the gateway VIA, in the main table. 0 or -errno. */
int nl_route_add(struct nl *nl, const struct topo_addr *dst, const struct topo_addr *via);

/* One entry of a bridge's forwarding database. */
struct nl_fdb {
	int port;       /* ifindex of the port, or of the bridge for its own addresses */
	uint8_t mac[6];
	uint16_t vlan;  /* 0: none */
	uint16_t state; /* NUD_PERMANENT: the port's own address; NUD_NOARP: static; else learned */
	double used;    /* seconds since the kernel last forwarded to it, as `bridge -s fdb` says */
};

/* Call CB for every FDB entry of the bridge BR_IFINDEX in the socket's namespace, as `bridge
 * fdb show br BR` lists them. CB returns 0 or -errno (which stops the dump). 0 or -errno. */
int nl_fdb_dump(struct nl *nl, int br_ifindex, int (*cb)(const struct nl_fdb *e, void *ctx),
		void *ctx);

#endif
