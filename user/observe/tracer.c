// SPDX-License-Identifier: GPL-2.0
/* The glue between the datapath's records and the pure path correlator: slots become named
 * points, packet bytes become summaries and fingerprints, drop reasons get their kernel names. */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "model.h"
#include "pktinfo.h"
#include "tracer.h"

struct tracer {
	const struct probes *pr;
	struct filter *filter;
	struct paths *paths;
	int64_t wall_off;
	tracer_packet_cb packet_cb;
	void *ctx;
};

static void set_points(struct tracer *t)
{
	for (int i = 0; i < probes__npoints(t->pr); i++) {
		const struct probe_point *pp = probes__point(t->pr, i);
		struct path_point pt = { .iface = i, .peer = pp->peer, .is_bridge = pp->is_bridge };

		snprintf(pt.netns, sizeof(pt.netns), "%s", pp->netns);
		snprintf(pt.ifname, sizeof(pt.ifname), "%s", pp->ifname);
		snprintf(pt.bridge, sizeof(pt.bridge), "%s", pp->bridge);
		pt.dir = 'r';
		paths_set_point(t->paths, NSVIZ_SLOT(i, NSVIZ_DIR_RX), &pt);
		pt.dir = 't';
		paths_set_point(t->paths, NSVIZ_SLOT(i, NSVIZ_DIR_TX), &pt);
	}
}

struct tracer *tracer_new(const struct probes *pr, struct filter *filter, paths_emit_cb path_cb,
			  tracer_packet_cb packet_cb, void *ctx)
{
	struct tracer *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->pr = pr;
	t->filter = filter;
	t->packet_cb = packet_cb;
	t->ctx = ctx;
	t->wall_off = wall_minus_mono_ns();
	t->paths = paths_new(path_cb, ctx, 0);
	if (!t->paths) {
		tracer_free(t);
		return NULL;
	}
	paths_set_clock(t->paths, t->wall_off);
	set_points(t);
	return t;
}

void tracer_free(struct tracer *t)
{
	if (!t)
		return;
	paths_free(t->paths);
	free(t);
}

static void on_packet(struct tracer *t, const struct nsviz_ev_packet *e, size_t size)
{
	int slot = NSVIZ_SLOT(e->h.iface, e->h.dir);
	const struct probe_point *pp = probes__point(t->pr, e->h.iface);
	struct path_obs o = { .ts_ns = e->h.ts_ns, .skb = e->h.skb, .slot = slot };
	uint32_t cap = e->cap_len;
	struct pktinfo pi;

	if (!pp || e->h.dir > NSVIZ_DIR_TX || size < offsetof(struct nsviz_ev_packet, data) + cap)
		return;
	if (t->filter && !filter_match(t->filter, e->data, cap, e->h.len))
		return;
	pktinfo_identify(e->data, cap, &pi); /* paths describes the few it records */
	o.fp = pi.fp;
	o.group = pi.group;
	o.ident = pi.ident;
	o.frame = e->data;
	o.caplen = cap;
	o.proto = pi.proto;
	if (paths_observe(t->paths, &o) && t->packet_cb)
		t->packet_cb(&(struct trace_packet){ .slot = slot, .netns = pp->netns,
						     .ifname = pp->ifname,
						     .dir = e->h.dir == NSVIZ_DIR_RX ? 'r' : 't',
						     .wall_ns = e->h.ts_ns + t->wall_off,
						     .data = e->data, .caplen = cap,
						     .wirelen = e->h.len },
			     t->ctx);
}

static void on_drop(struct tracer *t, const struct nsviz_event *e)
{
	const char *reason = probes__drop_reason(t->pr, e->drop.reason);
	char src[48], dst[48], summary[128], num[16];
	struct path_obs o = { .ts_ns = e->h.ts_ns, .skb = e->h.skb, .summary = summary,
			      .join_only = t->filter != NULL,
			      .slot = e->h.iface == NSVIZ_IFACE_NONE ? -1
								     : NSVIZ_SLOT(e->h.iface, NSVIZ_DIR_RX) };

	if (model_drop_is_delivery(&e->drop, reason))
		return;
	if (!reason) {
		snprintf(num, sizeof(num), "reason %u", e->drop.reason);
		reason = num;
	}
	model_key_str(&e->drop.key, src, dst, sizeof(src));
	o.proto = model_key_proto(&e->drop.key);
	/* Not yet sent (e.g. waiting for ARP): no MAC header to read, only the ethertype. */
	if (!e->drop.key.family && !memcmp(e->drop.key.saddr, e->drop.key.daddr, 6) &&
	    !memcmp(e->drop.key.saddr, (uint8_t[6]){ 0 }, 6))
		snprintf(summary, sizeof(summary), "a packet of ethertype 0x%04x, its headers not "
			 "readable where it was dropped", e->drop.key.ethertype);
	else
		snprintf(summary, sizeof(summary), "%s > %s %s", src, dst, o.proto);
	o.drop_reason = reason;
	if (e->drop.key.family == 4 || e->drop.key.family == 6)
		o.ident = pktinfo_ident(e->drop.key.proto, e->drop.key.saddr, e->drop.key.daddr,
					e->drop.key.family == 4 ? 4 : 16);
	paths_observe(t->paths, &o);
}

void tracer_record(struct tracer *t, const void *rec, size_t size)
{
	const struct nsviz_ev_hdr *h = rec;

	if (size < sizeof(*h))
		return;
	if (h->kind == NSVIZ_EV_PACKET)
		on_packet(t, rec, size);
	else if (h->kind == NSVIZ_EV_DROP && size >= sizeof(struct nsviz_event))
		on_drop(t, rec);
}

void tracer_tick(struct tracer *t)
{
	paths_tick(t->paths, mono_now_ns());
}

void tracer_flush(struct tracer *t)
{
	paths_flush(t->paths);
}

void tracer_stats(const struct tracer *t, struct path_stats *st)
{
	paths_stats(t->paths, st);
}
