/* SPDX-License-Identifier: GPL-2.0 */
/* The model of what the datapath saw: cumulative counters and their rates per interface, flows,
 * the recent events, the bridges' FDB. Pure (no BPF, no clock of its own): the collector feeds it kernel records and
 * ticks it; model_snapshot() hands out plain data. */
#ifndef NSVIZ_MODEL_H
#define NSVIZ_MODEL_H

#include <stdint.h>
#include "fdb_table.h"
#include "snapshot.h"
#include "nsviz.h"

#define MODEL_EVENTS_MAX 256 /* recent events kept for the snapshot */
#define MODEL_FLOWS_MAX 256  /* busiest flows in the snapshot */

struct model;

/* IFACES (N of them, identity fields filled: netns, ifname, ifindex, bridge, peer, veth, end) are
 * the observed interfaces; the number of each is its index. T is kept by reference. */
struct model *model_new(const struct topo *t, const struct snap_iface *ifaces, int n);
void model_free(struct model *m);
/* The observed interfaces are now IFACES (N, as for model_new; a number no point has is one with
 * an empty ifname, left out of snapshots) and the topology T: an interface with the same number,
 * namespace and ifindex as before keeps its counters, rates and history, any other starts from
 * zero. 0 or -ENOMEM (nothing changed). */
int model_set_ifaces(struct model *m, const struct topo *t, const struct snap_iface *ifaces,
		     int n);
/* Wall clock minus CLOCK_MONOTONIC in ns: turns kernel timestamps into UNIX time. */
void model_set_clock(struct model *m, int64_t wall_minus_mono_ns);
void model_set_hook_mode(struct model *m, const char *mode);

/* Interface I is not observed yet (true) or is from now on (false). */
void model_set_pending(struct model *m, int i, bool pending);
/* Cumulative counters of interface I in DIR (rx, tx or xdp), summed over CPUs. */
void model_set_counters(struct model *m, int i, enum nsviz_dir dir, const struct nsviz_counters *c);
/* Undelivered events, and undelivered trace-mode packet records, since attach. */
void model_set_lost(struct model *m, uint64_t events, uint64_t trace);
/* Replace the flow table: call model_flow() for each flow of the kernel's table between
 * model_flows_begin() and model_tick(). 0 or -ENOMEM. */
void model_flows_begin(struct model *m);
int model_flow(struct model *m, const struct nsviz_flow_key *k, const struct nsviz_flow *f);
/* NOW is UNIX seconds: rates over the time since the previous tick, flows sorted. */
void model_tick(struct model *m, double now);

/* Record one ring-buffer event; REASON names a drop's reason (may be NULL; it must outlive the
 * model). Returns the event as kept (valid until the next call), or NULL for records the model
 * does not keep. Its fields are filled only with FORMAT, or later when a snapshot shows it: a
 * flood costs no formatting (without FORMAT only its time is set). */
const struct snap_event *model_event(struct model *m, const struct nsviz_event *e,
				     const char *reason, bool format);

/* Replace the FDB with a fresh read from the kernel (N entries, ages as read) made at NOW.
 * 0 or -ENOMEM. */
int model_fdb_refresh(struct model *m, const struct snap_fdb *fresh, int n, double now);
/* Replace the owners of MACs (the network's interfaces) with the N in O. 0 or -ENOMEM. */
int model_fdb_owners(struct model *m, const struct fdb_owner *o, int n);
/* How many learned FDB entries have a MAC without an owner (yet). */
int model_fdb_unowned(const struct model *m);

const struct snapshot *model_snapshot(struct model *m);

/* Addresses of a flow key as text ("10.0.0.1", "fe80::1", MACs for L2; LEN at least
 * MAC_STR_LEN), its protocol name. */
void model_key_str(const struct nsviz_flow_key *k, char *src, char *dst, size_t len);
const char *model_key_proto(const struct nsviz_flow_key *k);
/* A drop record that is really a delivery: an echo reply is freed as NO_SOCKET when no ping
 * socket wants it, even after a raw socket (ping run as root) took its copy. */
bool model_drop_is_delivery(const struct nsviz_ev_drop *d, const char *reason);

#endif
