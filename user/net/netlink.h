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

/* A bridge port's settings (IFLA_BRPORT_*). */
struct nl_port {
	bool is_port;
	unsigned char state; /* BR_STATE_DISABLED, ..._FORWARDING, ... */
	bool learning, flood, isolated, hairpin;
};

struct nl_link {
	int ifindex;
	char name[IFNAMSIZ];
	char kind[16];      /* "veth", "bridge", ... ("" for none, e.g. lo) */
	int master;         /* ifindex of the bridge it is a port of, 0 if none */
	unsigned int flags; /* IFF_UP, IFF_LOWER_UP, ... */
	unsigned int mtu;
	unsigned char operstate; /* IF_OPER_UP, IF_OPER_DOWN, ... (RFC 2863) */
	bool carrier;
	unsigned char mac[32];
	int mac_len;
	int link;           /* a veth's peer ifindex, in the namespace link_nsid names */
	int link_nsid;      /* the peer's namespace as this one numbers it; -1: this one */
	bool stp, vlan_filtering; /* bridges */
	struct nl_port port;
	struct rtnl_link_stats64 stats;
};

struct nl_addr {
	int ifindex;
	unsigned char scope; /* RT_SCOPE_UNIVERSE, RT_SCOPE_LINK, RT_SCOPE_HOST */
	struct topo_addr a;
};

struct nl_route {
	unsigned char family, dst_len, protocol, type, scope;
	unsigned int table;
	unsigned char dst[16], gw[16];
	bool has_gw, multipath;
	int oif;
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
/* A bridge NAME, up, with STP and VLAN filtering as asked. Its ifindex (or 0 as above), or
 * -errno. */
int nl_bridge_add(struct nl *nl, const char *name, bool stp, bool vlan_filtering);
/* A link NAME of KIND that needs no parameters ("dummy"), down. Its ifindex (or 0), or -errno
 * (-EOPNOTSUPP, or -ENODEV from an older kernel, when the kernel has no such driver). */
int nl_link_add(struct nl *nl, const char *name, const char *kind);
/* Bring IFINDEX up and, when MASTER > 0, make it a port of the bridge MASTER. 0 or -errno. */
int nl_link_up(struct nl *nl, int ifindex, int master);
int nl_link_del(struct nl *nl, int ifindex);
/* The link IFINDEX, or when IFINDEX is 0 the link NAME, with its counters. 0 or -errno
 * (-ENODEV when there is none). */
int nl_link_get(struct nl *nl, int ifindex, const char *name, struct nl_link *out);
/* Receive the notifications of the N multicast GROUPS (RTNLGRP_*) of the socket's namespace.
 * 0 or -errno. */
int nl_subscribe(struct nl *nl, const int *groups, int n);
/* The socket's fd, to wait on. */
int nl_fd(const struct nl *nl);
/* Receive link notifications (RTM_NEWLINK/RTM_DELLINK) of the socket's namespace. 0 or -errno. */
int nl_watch_links(struct nl *nl);
/* Wait up to TIMEOUT_MS for link notifications and call CB for each (GONE: it was deleted).
 * Returns how many arrived (0: none in time), or -errno; -ENOBUFS means some were lost. */
int nl_link_events(struct nl *nl, int timeout_ms,
		   void (*cb)(const struct nl_link *l, bool gone, void *ctx), void *ctx);
/* Set IFINDEX's MTU. 0 or -errno. */
int nl_link_mtu(struct nl *nl, int ifindex, unsigned int mtu);
/* Set the learning, flood, isolated and hairpin flags of the bridge port IFINDEX as P says. */
int nl_port_set(struct nl *nl, int ifindex, const struct nl_port *p);
/* Set IFINDEX administratively down. 0 or -errno. */
int nl_link_down(struct nl *nl, int ifindex);
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

/* Dumps of the socket's namespace: CB sees each object and returns 0 or -errno, which stops the
 * dump and is returned. 0 or -errno. */
int nl_dump_links(struct nl *nl, int (*cb)(const struct nl_link *l, void *ctx), void *ctx);
int nl_dump_addrs(struct nl *nl, int (*cb)(const struct nl_addr *a, void *ctx), void *ctx);
/* Routes of every table and of both families (the caller picks). */
int nl_dump_routes(struct nl *nl, int (*cb)(const struct nl_route *r, void *ctx), void *ctx);
/* The id the socket's namespace gives the namespace NSFD, in *NSID (-1: none assigned). */
int nl_nsid(struct nl *nl, int nsfd, int *nsid);
/* Every FDB entry of the bridge BR_IFINDEX, as `bridge fdb show br BR` lists them. */
int nl_fdb_dump(struct nl *nl, int br_ifindex, int (*cb)(const struct nl_fdb *e, void *ctx),
		void *ctx);

#endif
