// SPDX-License-Identifier: GPL-2.0
/* The glue between the datapath's records and the pure path correlator: slots become named
 * points, packet bytes become summaries and fingerprints, drop reasons get their kernel names,
 * drops their causes (the freeing function, unanswered ARP), unicast frames entering a bridge
 * whether its FDB knew their destination. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "arp_silence.h"
#include "clock.h"
#include "fdb_seen.h"
#include "ksyms.h"
#include "model.h"
#include "netlink.h"
#include "netns.h"
#include "pktinfo.h"
#include "tracer.h"

struct tracer {
	const struct probes *pr;
	unsigned int points_gen; /* probes__generation when the paths' points were set */
	struct filter *filter;
	struct paths *paths;
	int64_t wall_off;
	tracer_packet_cb packet_cb;
	void *ctx;
	struct ksyms *ksyms; /* NOT_SPECIFIED drops' functions; read on the first such drop */
	struct fdb_seen *fdb; /* NULL when the bridges' FDBs could not be read */
	struct arp_silence *arp;
};

/* The paths' points are the probes' (again after they changed: a vacant number keeps its last
 * point, which nothing observes any more). */
static void set_points(struct tracer *t)
{
	t->points_gen = probes__generation(t->pr);
	for (int i = 0; i < probes__npoints(t->pr); i++) {
		const struct probe_point *pp = probes__point(t->pr, i);
		struct path_point pt;

		if (!pp)
			continue;
		pt = (struct path_point){ .iface = i, .peer = pp->peer, .is_bridge = pp->is_bridge,
					  .open = probes__is_inlet(t->pr, i) };

		snprintf(pt.netns, sizeof(pt.netns), "%s", pp->netns);
		snprintf(pt.ifname, sizeof(pt.ifname), "%s", pp->ifname);
		snprintf(pt.bridge, sizeof(pt.bridge), "%s", pp->bridge);
		pt.dir = 'r';
		paths_set_point(t->paths, NSVIZ_SLOT(i, NSVIZ_DIR_RX), &pt);
		pt.dir = 't';
		paths_set_point(t->paths, NSVIZ_SLOT(i, NSVIZ_DIR_TX), &pt);
	}
}

/* The FDB of every bridge observed, as tracing starts and when a bridge joins (it has entries
 * already); a bridge read once is kept by its events alone (fdb_seen_read), which come in order
 * with the packet records. Without it no frame is said to be unknown unicast by the FDB rule. */
static void read_fdbs(struct tracer *t)
{
	for (int i = 0; t->fdb && i < probes__npoints(t->pr); i++) {
		const struct probe_point *pp = probes__point(t->pr, i);

		if (pp && pp->is_bridge && !probes__absent(t->pr, i) &&
		    fdb_seen_read(t->fdb, pp->ifname, pp->ifindex)) {
			fdb_seen_free(t->fdb);
			t->fdb = NULL;
		}
	}
}

static void points_current(struct tracer *t)
{
	if (t->points_gen == probes__generation(t->pr))
		return;
	set_points(t);
	read_fdbs(t);
}

struct owns_ctx {
	int ifindex;
	const uint8_t *ip;
	bool found;
};

static int owns_cb(const struct nl_addr *a, void *data)
{
	struct owns_ctx *o = data;

	o->found |= a->ifindex == o->ifindex && a->a.family == AF_INET && !memcmp(a->a.addr, o->ip, 4);
	return 0;
}

/* POINT's interface has the address IP, read from its namespace now (only when explaining a
 * drop). */
static bool owns_addr(int point, const uint8_t ip[4], void *ctx)
{
	const struct probe_point *pp = probes__point(((struct tracer *)ctx)->pr, point);
	struct owns_ctx o = { .ifindex = pp ? pp->ifindex : 0, .ip = ip };
	int nsfd = pp ? netns_open(pp->netns[0] ? pp->netns : NULL) : -ENOENT;
	struct nl *nl = NULL;

	if (nsfd >= 0 && !nl_open(nsfd, &nl))
		nl_dump_addrs(nl, owns_cb, &o);
	nl_close(nl);
	if (nsfd >= 0)
		close(nsfd);
	return o.found;
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
	t->ksyms = ksyms_new(NULL);
	t->arp = arp_silence_new(owns_addr, t);
	if (!t->paths || !t->ksyms || !t->arp) {
		tracer_free(t);
		return NULL;
	}
	paths_set_clock(t->paths, t->wall_off);
	set_points(t);
	t->fdb = fdb_seen_new();
	read_fdbs(t);
	return t;
}

void tracer_free(struct tracer *t)
{
	if (!t)
		return;
	paths_free(t->paths);
	ksyms_free(t->ksyms);
	fdb_seen_free(t->fdb);
	arp_silence_free(t->arp);
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
	/* Every ARP frame at a namespace end, also those the filter hides: a drop may need them. */
	if (!pp->is_port && !pp->is_bridge)
		arp_silence_frame(t->arp, e->data, cap,
				  &(struct arp_end){ e->h.iface, pp->netns, pp->ifname },
				  e->h.dir == NSVIZ_DIR_RX, e->h.ts_ns);
	if (t->filter && !filter_match(t->filter, e->data, cap, e->h.len))
		return;
	pktinfo_identify(e->data, cap, &pi); /* paths describes the few it records */
	o.fp = pi.fp;
	o.group = pi.group;
	o.unknown_dst = pp->is_port && e->h.dir == NSVIZ_DIR_RX && !pi.group && t->fdb &&
			cap >= 6 && !fdb_seen_has(t->fdb, pp->bridge, e->data);
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

/* Kernel functions that free packets without a reason, and what that means there (%s: the
 * interface the packet was dropped at, or its veth peer). Found by provoking each on this kernel
 * (docs/paths.md). */
static const struct known_spot {
	const char *function, *words;
	bool peer;
} known_spots[] = {
	{ "br_dev_queue_push_xmit", "frame larger than the MTU of %s", false },
	{ "br_nf_dev_queue_xmit", "frame larger than the MTU of %s", false }, /* br_netfilter */
	{ "__dev_forward_skb2", "frame larger than the MTU of %s", true },   /* veth_xmit */
};

/* A NOT_SPECIFIED drop: the function that freed it into FN, and what that means into WORDS. */
static void unspecified_drop(struct tracer *t, const struct nsviz_event *e, char *fn, size_t fn_len,
			     char *words, size_t words_len)
{
	const struct probe_point *pp = probes__point(t->pr, e->h.iface);
	const char *name = ksyms_name(t->ksyms, e->drop.location);

	snprintf(fn, fn_len, "%s", name ? name : "");
	for (size_t i = 0; name && pp && i < sizeof(known_spots) / sizeof(known_spots[0]); i++) {
		const struct known_spot *k = &known_spots[i];
		const struct probe_point *at = k->peer ? probes__point(t->pr, pp->peer) : pp;

		if (at && !strcmp(name, k->function))
			snprintf(words, words_len, k->words, at->ifname);
	}
}

/* "10.0.0.1 > 10.0.0.9 ICMP": what the drop's headers still tell. */
static void drop_summary(const struct nsviz_flow_key *key, const char *proto, char *out, size_t len)
{
	char src[48], dst[48], up[16];
	size_t i;

	/* Neither a MAC nor a network header to read, only the ethertype. */
	if (!key->family && !memcmp(key->saddr, key->daddr, 6) &&
	    !memcmp(key->saddr, (uint8_t[6]){ 0 }, 6)) {
		snprintf(out, len, "a packet of ethertype 0x%04x, its headers not readable where it "
			 "was dropped", key->ethertype);
		return;
	}
	for (i = 0; proto[i] && i < sizeof(up) - 1; i++)
		up[i] = toupper((unsigned char)proto[i]);
	up[i] = 0;
	model_key_str(key, src, dst, sizeof(src));
	snprintf(out, len, "%s > %s %s", src, dst, up);
}

static void on_drop(struct tracer *t, const struct nsviz_event *e)
{
	const char *reason = probes__drop_reason(t->pr, e->drop.reason);
	const struct probe_point *pp = probes__point(t->pr, e->h.iface);
	char summary[128], num[16], fn[64] = "", words[160] = "", silent[160];
	struct path_obs o = { .ts_ns = e->h.ts_ns, .skb = e->h.skb, .summary = summary,
			      .join_only = t->filter != NULL, .drop_function = fn, .cause = words,
			      .slot = e->h.iface == NSVIZ_IFACE_NONE ? -1
								     : NSVIZ_SLOT(e->h.iface, NSVIZ_DIR_RX) };

	if (model_drop_is_delivery(&e->drop, reason))
		return;
	if (!reason) {
		snprintf(num, sizeof(num), "reason %u", e->drop.reason);
		reason = num;
	}
	if (!strcmp(reason, "NOT_SPECIFIED"))
		unspecified_drop(t, e, fn, sizeof(fn), words, sizeof(words));
	if (!strcmp(reason, "NEIGH_FAILED") && e->drop.key.family == 4 && pp &&
	    !arp_silence_explain(t->arp, e->drop.key.daddr, pp->netns, e->h.ts_ns, words,
				 sizeof(words), silent, sizeof(silent)))
		o.cause_where = silent;
	o.proto = model_key_proto(&e->drop.key);
	drop_summary(&e->drop.key, o.proto, summary, sizeof(summary));
	o.drop_reason = reason;
	if (e->drop.key.family == 4 || e->drop.key.family == 6)
		o.ident = pktinfo_ident(e->drop.key.proto, e->drop.key.saddr, e->drop.key.daddr,
					e->drop.key.family == 4 ? 4 : 16);
	else
		o.ident = pktinfo_ident_l2(e->drop.key.ethertype);
	paths_observe(t->paths, &o);
}

/* A bridge learned, moved or deleted an entry: keep the FDB the flood rule reads current. */
static void on_fdb(struct tracer *t, const struct nsviz_event *e)
{
	const struct probe_point *br = probes__point(t->pr, e->h.iface);

	if (br && t->fdb && fdb_seen_set(t->fdb, br->ifname, e->fdb.mac, e->fdb.vlan,
					 e->fdb.op == NSVIZ_FDB_UPDATE)) {
		fdb_seen_free(t->fdb); /* out of memory: rather no flood rule than a wrong one */
		t->fdb = NULL;
	}
}

/* A record at a veth end's egress that stands for its peer's ingress too (NSVIZ_PKT_PEER_RX): the
 * peer's hop, at the same time (the driver hands the frame over within the same call). */
static void on_peer_packet(struct tracer *t, const struct nsviz_ev_packet *e, size_t size)
{
	const struct probe_point *peer = probes__point(t->pr, e->peer_iface);
	struct nsviz_ev_packet rx;

	if (!peer || size > sizeof(rx))
		return;
	memcpy(&rx, e, size);
	rx.h.iface = e->peer_iface;
	rx.h.dir = NSVIZ_DIR_RX;
	rx.h.ifindex = (uint32_t)peer->ifindex;
	rx.h.netns_ino = peer->netns_ino;
	on_packet(t, &rx, size);
}

void tracer_record(struct tracer *t, const void *rec, size_t size)
{
	const struct nsviz_ev_hdr *h = rec;

	points_current(t);
	if (size < sizeof(*h))
		return;
	if (h->kind == NSVIZ_EV_PACKET) {
		on_packet(t, rec, size);
		if (size >= offsetof(struct nsviz_ev_packet, data) &&
		    (((const struct nsviz_ev_packet *)rec)->flags & NSVIZ_PKT_PEER_RX))
			on_peer_packet(t, rec, size);
	} else if (h->kind == NSVIZ_EV_DROP && size >= sizeof(struct nsviz_event))
		on_drop(t, rec);
	else if (h->kind == NSVIZ_EV_FDB && size >= sizeof(struct nsviz_event))
		on_fdb(t, rec);
}

void tracer_tick(struct tracer *t)
{
	points_current(t);
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
