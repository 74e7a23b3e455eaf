/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the model_*.c files only: the model's state. */
#ifndef NSVIZ_MODEL_INT_H
#define NSVIZ_MODEL_INT_H

#include "fdb_table.h"
#include "ksyms.h"
#include "model.h"

struct model_prev {
	uint64_t packets, bytes;
};

struct model_prev_iface {
	struct model_prev rx, tx, xdp;
	uint64_t drops;
};

struct model_flow {
	struct nsviz_flow_key key;
	struct nsviz_flow f;
};

/* A kernel event record and its snapshot form, made from it when someone looks. */
struct model_event {
	struct snap_event s;
	struct nsviz_event raw;
	bool formatted;
	const char *reason; /* drop: the reason's name, may be NULL */
	const char *fdb_op; /* fdb: "learn", "move" or "delete", decided on arrival */
	char old_port[TOPO_IFNAME_MAX + 1]; /* fdb move: the port it moved from */
};

struct model {
	const struct topo *topo;
	struct snap_iface *ifaces; /* by point number; a vacant number has no ifname */
	int n;
	struct snap_iface *snap_ifaces; /* the snapshot's when some are vacant */
	struct model_prev_iface *prev;
	int64_t clock_ns;
	char hook_mode[24];
	uint64_t lost, lost_trace;
	double first_tick, last_tick;
	struct model_flow *flows; /* this tick's kernel table, then sorted by key */
	int nflows, cap_flows;
	struct model_flow *prev_flows; /* the previous tick's, sorted by key */
	int nprev_flows;
	struct snap_flow *snap_flows; /* busiest first */
	int nsnap_flows;
	struct model_event events[MODEL_EVENTS_MAX]; /* a ring: event i at i % MODEL_EVENTS_MAX */
	long nevents;
	struct snap_event *snap_events;
	struct fdb_table *fdb;
	struct ksyms *ksyms; /* NOT_SPECIFIED drops' functions, read on the first one */
	struct snapshot snap;
};

void model_flows_tick(struct model *m, double dt);
/* Fill the words of ME (once). */
void model_event_format(const struct model *m, struct model_event *me);
/* The namespace that owns ADDR according to the topology ("" for the host), or NULL. */
const char *model_addr_netns(const struct model *m, int family, const uint8_t *addr);

#endif
