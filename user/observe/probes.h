/* SPDX-License-Identifier: GPL-2.0 */
/* The BPF side's lifecycle: the observation points of a topology (both ends of every veth, each
 * bridge device), the one skeleton (open -> configure -> load -> attach), and detaching exactly
 * what was attached. Errors are printed once, with context, on the ERR stream given. */
#ifndef NSVIZ_PROBES_H
#define NSVIZ_PROBES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "topo.h"
#include "nsviz.h"

/* One interface observed; its number is its index, its slots NSVIZ_SLOT(index, dir). */
struct probe_point {
	char netns[TOPO_NETNS_MAX + 1];   /* "" for the host namespace */
	char nspath[TOPO_NSPATH_MAX];     /* topo_netns.path: where to enter it, "" by name */
	char ifname[TOPO_IFNAME_MAX + 1];
	int ifindex;
	uint32_t netns_ino;
	char bridge[TOPO_IFNAME_MAX + 1]; /* the bridge it is a port of, or is; "" if none */
	bool is_bridge;                   /* a bridge device */
	bool is_port;                     /* a bridge port (a veth end, or a tap, dummy, ...) */
	int veth, end;                    /* topo->veths index and end, -1 for no veth end */
	int peer;                         /* point number of the veth peer, -1 for no veth end */
};

/* An interface observed because it was named (--if NETNS:IFNAME): a NIC, loopback, ... */
struct probe_if {
	char netns[TOPO_NETNS_MAX + 1]; /* "" for the host namespace */
	char ifname[TOPO_IFNAME_MAX + 1];
};

struct probes_opts {
	bool xdp;              /* also XDP on bridge-port veth ends */
	uint32_t trace_snaplen; /* trace mode: bytes per packet record, 0 = off */
	uint32_t ringbuf_size; /* bytes, a power of 2 >= page size; 0 = built-in default */
	uint32_t event_rate;   /* events per second per kind per CPU, 0 = unlimited */
	uint32_t trace_rate;   /* trace mode: packet records per second per CPU, 0 = event_rate */
	uint32_t trace_flow_rate; /* trace mode: packets per second per flow per CPU picked for
				   * records, each with all its points; 0 = any, up to trace_rate */
	uint32_t attach_step;  /* attaching in stages: points per tick, 0 = in the background */
	uint32_t attach_threads; /* threads attaching at once, 0 = PROBES_ATTACH_THREADS */
	bool force_clsact;     /* clsact filters even where tcx works (to test the fallback) */
	/* A program on every point, ingress too (trace, why: every record comes from its own point).
	 * Else a veth end whose peer is observed has no ingress program: the peer's egress counts
	 * what it receives and its records stand for this end's too (NSVIZ_PKT_PEER_RX). */
	bool every_point;
	enum nsviz_work work;  /* what the programs do at each point: all, count only, nothing */
	bool no_expedite;      /* never turn rcu_expedited on for a burst of links (expedite.h) */
	int debug;             /* 1: libbpf's messages on stderr, 2: with its debug ones */
	const struct probe_if *ifs; /* also observed, after the topology's points (--if) */
	int nifs;
};

/* Events per second per kind per CPU when nothing else is asked: well above what `ping -f`
 * makes here, low enough that a flood cannot keep the reader busy forever. */
#define PROBES_EVENT_RATE 200000

/* Threads attaching at once, each in its own namespace. The kernel serialises tcx links, so they
 * overlap only nsviz's own work with its wait (docs/datapath.md: "Where attach time goes"). */
#define PROBES_ATTACH_THREADS 4

struct probes;
struct nsviz_bpf;

/* Resolve T's observation points (T must be up) and O's ifs, open and load the skeleton. 0 or
 * -errno; -ENXIO when an interface of O->ifs (or its namespace) is not there: bad input. */
int probes__open(const struct topo *t, const struct probes_opts *o, struct probes **out, FILE *err);
/* Attach to every point; a tracepoint the kernel lacks is reported once on ERR, not fatal. */
int probes__attach(struct probes *p, FILE *err);
/* The same in stages, so a caller can show something meanwhile: the tracepoints (cheap), then up
 * to MAX points per call (one or two tcx links, an RCU grace period each in the kernel: ~8-25 ms
 * per link, microseconds while more than one is pending: expedite.h), the first ones in point
 * order, grouped by namespace on several threads. A call with
 * every point attached does nothing. A point that fails has no link left, is said on ERR and is
 * not tried again before the next probes__update; the others of the call are attached all the
 * same. The first error, or 0. */
void probes__attach_tracepoints(struct probes *p, FILE *err);
int probes__attach_some(struct probes *p, int max, FILE *err);
/* How many points are attached; the others observe nothing yet. */
int probes__nattached(const struct probes *p);
bool probes__attached(const struct probes *p, int i);
/* Point I's interface or namespace is not there (probes__update): it is neither attached nor
 * pending, and keeps what it counted. */
bool probes__absent(const struct probes *p, int i);
/* Observe T's points from now on (the live network changed): a point whose interface (namespace
 * inode and ifindex) is still there keeps its number, links and counters; one whose interface is
 * gone is detached and its number freed (reused, zeroed, by a later change: point_diff.h); a new
 * one gets a free number and waits for probes__attach_some. DECLARED: T is a file's, whose
 * interfaces may be missing: a point whose interface or namespace is not there is absent (it keeps
 * the number of the point of its name, detached) and the others are observed; else (a view of a
 * reading that had it: it went meanwhile) that is an error. 0 or -errno (printed on ERR; the
 * points are then as they were, or with the gone ones freed). */
int probes__update(struct probes *p, const struct topo *t, bool declared, FILE *err);
/* Changes with every probes__update that changes a point (one gone, one new, one renamed...):
 * whoever copied the points knows to copy them again. */
unsigned int probes__generation(const struct probes *p);
/* Detach everything attached and free. NULL is fine. */
void probes__destroy(struct probes *p);

/* Numbers in use, vacant ones (a point whose interface is gone) included; the points there are. */
int probes__npoints(const struct probes *p);
int probes__nactive(const struct probes *p);
/* Points still to attach (neither attached nor failed). */
int probes__npending(const struct probes *p);
/* Point I, or NULL when I is out of range or vacant. */
const struct probe_point *probes__point(const struct probes *p, int i);
/* Whether point I is an inlet (NSVIZ_DEV_INLET): neither a bridge device nor a loopback, and its
 * other side (a VM, a vxlan's remote, an unobserved peer) is not observed. What it receives
 * enters the observed network there, what it sends leaves it. */
bool probes__is_inlet(const struct probes *p, int i);
/* The point and direction of SLOT, or NULL when no point has it. */
const struct probe_point *probes__slot(const struct probes *p, int slot, enum nsviz_dir *dir);
/* "tcx", "clsact", "tcx+xdp", ... (what the first point settled once it is attached) */
const char *probes__hook_mode(const struct probes *p);
/* The kernel's name of a drop reason ("NO_SOCKET"), or NULL when it has none. */
const char *probes__drop_reason(const struct probes *p, uint32_t reason);
struct nsviz_bpf *probes__skel(const struct probes *p);

#endif
