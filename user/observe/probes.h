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
	bool is_port;                     /* a bridge-port veth end */
	int veth, end;                    /* topo->veths index and end, -1 for a bridge */
	int peer;                         /* point number of the veth peer, -1 for a bridge */
};

struct probes_opts {
	bool xdp;              /* also XDP on bridge-port veth ends */
	uint32_t trace_snaplen; /* trace mode: bytes per packet record, 0 = off */
	uint32_t ringbuf_size; /* bytes, a power of 2 >= page size; 0 = built-in default */
	uint32_t event_rate;   /* events per second per kind per CPU, 0 = unlimited */
	uint32_t trace_rate;   /* trace mode: packet records per second per CPU, 0 = event_rate */
	uint32_t attach_step;  /* attaching in stages: points per tick, 0 = in the background */
	bool force_clsact;     /* clsact filters even where tcx works (to test the fallback) */
	enum nsviz_work work;  /* what the programs do at each point: all, count only, nothing */
	int debug;             /* 1: libbpf's messages on stderr, 2: with its debug ones */
};

/* Events per second per kind per CPU when nothing else is asked: well above what `ping -f`
 * makes here, low enough that a flood cannot keep the reader busy forever. */
#define PROBES_EVENT_RATE 200000


struct probes;
struct nsviz_bpf;

/* Resolve T's observation points (T must be up), open and load the skeleton. 0 or -errno. */
int probes__open(const struct topo *t, const struct probes_opts *o, struct probes **out, FILE *err);
/* Attach to every point; a tracepoint the kernel lacks is reported once on ERR, not fatal. */
int probes__attach(struct probes *p, FILE *err);
/* The same in stages, so a caller can show something meanwhile: the tracepoints (cheap), then one
 * point per call (~15 ms for tcx), in point order. A call with every point attached does nothing. */
void probes__attach_tracepoints(struct probes *p, FILE *err);
int probes__attach_next(struct probes *p, FILE *err);
/* Points 0..n-1 are attached; the others observe nothing yet. */
int probes__nattached(const struct probes *p);
/* Detach everything attached and free. NULL is fine. */
void probes__destroy(struct probes *p);

int probes__npoints(const struct probes *p);
const struct probe_point *probes__point(const struct probes *p, int i);
/* The point and direction of SLOT, or NULL when no point has it. */
const struct probe_point *probes__slot(const struct probes *p, int slot, enum nsviz_dir *dir);
/* "tcx", "clsact", "tcx+xdp", ... (what the first point settled once it is attached) */
const char *probes__hook_mode(const struct probes *p);
/* The kernel's name of a drop reason ("NO_SOCKET"), or NULL when it has none. */
const char *probes__drop_reason(const struct probes *p, uint32_t reason);
struct nsviz_bpf *probes__skel(const struct probes *p);

#endif
