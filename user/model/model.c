// SPDX-License-Identifier: GPL-2.0
/* Counters, rates, flows and FDB of the model, and the snapshot handed to the outputs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "model.h"
#include "model_int.h"

struct model *model_new(const struct topo *t, const struct snap_iface *ifaces, int n)
{
	struct model *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->topo = t;
	m->n = n;
	m->ifaces = calloc(n ? n : 1, sizeof(*m->ifaces));
	m->prev = calloc(n ? n : 1, sizeof(*m->prev));
	m->fdb = fdb_table_new();
	m->ksyms = ksyms_new(NULL);
	if (!m->ifaces || !m->prev || !m->fdb || !m->ksyms) {
		model_free(m);
		return NULL;
	}
	memcpy(m->ifaces, ifaces, n * sizeof(*ifaces));
	m->first_tick = -1;
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	free(m->ifaces);
	free(m->snap_ifaces);
	free(m->prev);
	free(m->flows);
	free(m->prev_flows);
	free(m->snap_flows);
	free(m->snap_events);
	fdb_table_free(m->fdb);
	ksyms_free(m->ksyms);
	free(m);
}

/* Interface I of the model and FRESH name the same interface: it keeps what it counted. */
static bool same_iface(const struct snap_iface *old, const struct snap_iface *fresh)
{
	return *old->ifname && *fresh->ifname && old->ifindex == fresh->ifindex &&
	       !strcmp(old->netns, fresh->netns);
}

int model_set_ifaces(struct model *m, const struct topo *t, const struct snap_iface *ifaces,
		     int n)
{
	struct snap_iface *ifs = calloc(n ? n : 1, sizeof(*ifs));
	struct model_prev_iface *prev = calloc(n ? n : 1, sizeof(*prev));

	if (!ifs || !prev) {
		free(ifs);
		free(prev);
		return -ENOMEM;
	}
	for (int i = 0; i < n; i++) {
		ifs[i] = ifaces[i];
		if (i >= m->n || !same_iface(&m->ifaces[i], &ifaces[i]))
			continue;
		ifs[i].rx = m->ifaces[i].rx;
		ifs[i].tx = m->ifaces[i].tx;
		ifs[i].xdp = m->ifaces[i].xdp;
		memcpy(ifs[i].hist_pps, m->ifaces[i].hist_pps, sizeof(ifs[i].hist_pps));
		prev[i] = m->prev[i];
	}
	free(m->ifaces);
	free(m->prev);
	m->ifaces = ifs;
	m->prev = prev;
	m->n = n;
	m->topo = t;
	return 0;
}

/* The interfaces for a snapshot: the vacant ones (no name) left out. */
static int snap_ifaces(struct model *m, struct snapshot *s)
{
	int n = 0;

	s->ifaces = m->ifaces;
	s->nifaces = m->n;
	for (int i = 0; i < m->n; i++)
		n += *m->ifaces[i].ifname != 0;
	if (n == m->n)
		return 0;
	free(m->snap_ifaces);
	m->snap_ifaces = calloc(n ? n : 1, sizeof(*m->snap_ifaces));
	if (!m->snap_ifaces)
		return -ENOMEM;
	s->ifaces = m->snap_ifaces;
	s->nifaces = 0;
	for (int i = 0; i < m->n; i++)
		if (*m->ifaces[i].ifname)
			m->snap_ifaces[s->nifaces++] = m->ifaces[i];
	return 0;
}

void model_set_clock(struct model *m, int64_t wall_minus_mono_ns)
{
	m->clock_ns = wall_minus_mono_ns;
}

void model_set_hook_mode(struct model *m, const char *mode)
{
	snprintf(m->hook_mode, sizeof(m->hook_mode), "%s", mode);
}

static struct snap_dir *model_dir(struct model *m, int i, enum nsviz_dir dir)
{
	if (dir == NSVIZ_DIR_RX)
		return &m->ifaces[i].rx;
	if (dir == NSVIZ_DIR_TX)
		return &m->ifaces[i].tx;
	return &m->ifaces[i].xdp;
}

void model_set_pending(struct model *m, int i, bool pending)
{
	if (i >= 0 && i < m->n)
		m->ifaces[i].pending = pending;
}

void model_set_counters(struct model *m, int i, enum nsviz_dir dir, const struct nsviz_counters *c)
{
	struct snap_dir *d;

	if (i < 0 || i >= m->n || dir >= NSVIZ_DIRS)
		return;
	d = model_dir(m, i, dir);
	d->packets = c->packets;
	d->bytes = c->bytes;
	memcpy(d->classes, c->classes, sizeof(d->classes));
}

void model_set_lost(struct model *m, uint64_t events, uint64_t trace)
{
	m->lost = events;
	m->lost_trace = trace;
}

void model_flows_begin(struct model *m)
{
	m->nflows = 0;
}

int model_flow(struct model *m, const struct nsviz_flow_key *k, const struct nsviz_flow *f)
{
	int rc = grow_array((void **)&m->flows, &m->cap_flows, m->nflows, sizeof(*m->flows));

	if (rc)
		return rc;
	m->flows[m->nflows++] = (struct model_flow){ .key = *k, .f = *f };
	return 0;
}

static void dir_rate(struct snap_dir *d, const struct model_prev *p, double dt)
{
	d->pps = dt > 0 ? (double)(d->packets - p->packets) / dt : 0;
	d->bps = dt > 0 ? (double)(d->bytes - p->bytes) * 8 / dt : 0;
}

/* Drops are rare and bursty: a rate that fades over a few intervals keeps the mark on screen
 * long enough to be read, and gone soon after the drops stop. */
static void drop_tick(struct snap_iface *s, uint64_t *prev, double dt)
{
	double now = dt > 0 ? (double)(s->drops - *prev) / dt : 0, faded = s->drop_rate / 2;

	if (dt <= 0)
		return;
	s->drop_rate = now > faded ? now : faded < 0.05 ? 0 : faded;
	*prev = s->drops;
}

static void ifaces_tick(struct model *m, double dt)
{
	for (int i = 0; i < m->n; i++) {
		struct snap_iface *s = &m->ifaces[i];

		dir_rate(&s->rx, &m->prev[i].rx, dt);
		dir_rate(&s->tx, &m->prev[i].tx, dt);
		dir_rate(&s->xdp, &m->prev[i].xdp, dt);
		m->prev[i].rx = (struct model_prev){ s->rx.packets, s->rx.bytes };
		m->prev[i].tx = (struct model_prev){ s->tx.packets, s->tx.bytes };
		m->prev[i].xdp = (struct model_prev){ s->xdp.packets, s->xdp.bytes };
		drop_tick(s, &m->prev[i].drops, dt);
		memmove(s->hist_pps, s->hist_pps + 1, (SNAP_HIST - 1) * sizeof(s->hist_pps[0]));
		s->hist_pps[SNAP_HIST - 1] = (float)(s->rx.pps + s->tx.pps);
		memmove(s->hist_bps, s->hist_bps + 1, (SNAP_HIST - 1) * sizeof(s->hist_bps[0]));
		s->hist_bps[SNAP_HIST - 1] = (float)(s->rx.bps + s->tx.bps);
	}
}

void model_tick(struct model *m, double now)
{
	double dt = m->last_tick > 0 ? now - m->last_tick : 0;

	if (m->first_tick < 0)
		m->first_tick = now;
	ifaces_tick(m, dt);
	model_flows_tick(m, dt);
	m->last_tick = now;
}

int model_fdb_refresh(struct model *m, const struct snap_fdb *fresh, int n, double now)
{
	return fdb_table_refresh(m->fdb, fresh, n, now);
}

int model_fdb_owners(struct model *m, const struct fdb_owner *o, int n)
{
	return fdb_table_owners(m->fdb, o, n);
}

int model_fdb_unowned(const struct model *m)
{
	return fdb_table_unowned(m->fdb);
}

const struct snapshot *model_snapshot(struct model *m)
{
	struct snapshot *s = &m->snap;
	int n = m->nevents < MODEL_EVENTS_MAX ? m->nevents : MODEL_EVENTS_MAX;

	if (!m->snap_events)
		m->snap_events = calloc(MODEL_EVENTS_MAX, sizeof(*m->snap_events));
	s->topo = m->topo;
	snprintf(s->hook_mode, sizeof(s->hook_mode), "%s", m->hook_mode);
	s->time = m->last_tick;
	s->uptime = m->first_tick >= 0 ? m->last_tick - m->first_tick : 0;
	s->lost_events = m->lost;
	s->lost_trace = m->lost_trace;
	s->events_seen = (uint64_t)m->nevents;
	if (snap_ifaces(m, s))
		s->nifaces = 0; /* out of memory: no interfaces this once, rather than vacant ones */
	s->flows = m->snap_flows;
	s->nflows = m->nsnap_flows;
	s->nevents = m->snap_events ? n : 0;
	/* The ring holds the last N events; the snapshot lists them oldest first. */
	for (int i = 0; i < s->nevents; i++) {
		struct model_event *me = &m->events[(m->nevents - n + i) % MODEL_EVENTS_MAX];

		model_event_format(m, me);
		m->snap_events[i] = me->s;
	}
	s->events = m->snap_events;
	s->fdb = (struct snap_fdb *)fdb_table_entries(m->fdb, m->last_tick, &s->nfdb);
	return s;
}
