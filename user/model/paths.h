/* SPDX-License-Identifier: GPL-2.0 */
/* Hop correlation: observations of packets at observation points in, paths out. Pure (no BPF, no
 * clock): the caller feeds observations in time order and ticks it with the current kernel time.
 *
 * An observation joins an open path when it carries the same skb address as one of the path's
 * branch tails and the same content fingerprint; when the kernel cloned or copied the skb (a
 * bridge flooding clones once per port) it joins by fingerprint alone, as a new branch. A path is
 * emitted once every branch ended and it has been quiet for PATHS_SETTLE_NS, or after
 * PATHS_TIMEOUT_NS without news. It is complete when it starts where packets are sent (a namespace
 * end or a bridge device transmitting), every hop follows the one before it (the veth peer, the
 * same bridge, the same namespace), and every branch reached a terminal point (received by a
 * namespace end or a bridge device) or was dropped. Paths are emitted oldest first within a tick. */
#ifndef NSVIZ_PATHS_H
#define NSVIZ_PATHS_H

#include <stdbool.h>
#include <stdint.h>

#include "snapshot.h"

#define PATHS_SETTLE_NS 100000000ull  /* quiet time after which a path is done */
#define PATHS_TIMEOUT_NS 1000000000ull /* open longer than this: emitted, complete or not */
#define PATHS_OPEN_MAX 512
#define PATHS_RATE_DEFAULT 2000        /* new paths per second kept before sampling */

/* An observation point, as the caller's slot numbering describes it. */
struct path_point {
	char netns[TOPO_NETNS_MAX + 1];   /* "" for the host namespace */
	char ifname[TOPO_IFNAME_MAX + 1];
	char bridge[TOPO_IFNAME_MAX + 1]; /* the bridge it is a port of, or the bridge itself */
	bool is_bridge;                   /* the bridge device (local delivery / host sending) */
	char dir;                         /* 'r' (rx, ingress) or 't' (tx, egress) */
	int iface;                        /* caller's interface number (both dirs share it) */
	int peer;                         /* iface of the veth peer, -1 if none */
	bool open;                        /* its other side is not observed (probes__is_inlet):
					   * what it receives comes from outside, what it sends
					   * leaves (a tap or vxlan port, an unpaired veth end) */
};

struct path_obs {
	uint64_t ts_ns;       /* kernel CLOCK_MONOTONIC */
	uint64_t skb;         /* struct sk_buff address */
	int slot;             /* a point set with paths_set_point, or -1 (drop at no point) */
	uint64_t fp;          /* content fingerprint (pktinfo), 0 for a drop */
	bool group;           /* destination MAC is broadcast/multicast */
	bool unknown_dst;     /* at a bridge port's rx: the bridge's FDB had no entry for the
			       * destination MAC (the bridge floods the frame) */
	uint64_t ident;       /* identity (pktinfo_ident, pktinfo_ident_l2), 0 unknown: a drop of
			       * an skb address only ends a path with the same (the address may
			       * carry another packet by now) */
	const char *summary;  /* for a path's first packet observation; NULL: FRAME's (pktinfo) */
	const uint8_t *frame; /* the captured bytes, described only if they start a recorded path */
	uint32_t caplen;
	const char *proto;
	const char *drop_reason; /* non-NULL: the skb was dropped (kfree_skb) with this reason */
	const char *drop_where;  /* "netns:ifname" of a drop at no observation point, or NULL */
	const char *drop_function; /* the kernel function that freed it, or NULL */
	const char *cause;       /* the drop's cause in words, or NULL */
	const char *cause_where; /* "netns:ifname" the cause names, or NULL */
	bool join_only;          /* a drop that may only end a path, never start one */
};

/* Called for every finished path; P is valid during the call only. */
typedef void (*paths_emit_cb)(const struct snap_path *p, void *ctx);

struct paths;

/* RATE: new paths per second recorded before sampling (0 = PATHS_RATE_DEFAULT). NULL on ENOMEM. */
struct paths *paths_new(paths_emit_cb cb, void *ctx, unsigned rate);
/* Wall clock minus kernel monotonic clock, in ns: sets snap_path.time. */
void paths_set_clock(struct paths *ps, int64_t wall_minus_mono_ns);
/* Describe SLOT (0 <= slot < NSVIZ_SLOTS_MAX). 0 or -EINVAL. */
int paths_set_point(struct paths *ps, int slot, const struct path_point *pt);
/* Feed one observation (in time order). Returns 1 when it was recorded in a path, 0 when it was
 * sampled out or ignored (unknown slot, a drop of an skb no path holds). */
int paths_observe(struct paths *ps, const struct path_obs *o);
/* Emit the paths that are done at kernel time NOW_NS. */
void paths_tick(struct paths *ps, uint64_t now_ns);
/* Emit every open path, complete or not (at exit). */
void paths_flush(struct paths *ps);
void paths_stats(const struct paths *ps, struct path_stats *st);
void paths_free(struct paths *ps);


#endif
