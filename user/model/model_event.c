// SPDX-License-Identifier: GPL-2.0
/* Kernel event records into the model's recent events: where they happened, in words. */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chatter.h"
#include "mac.h"
#include "model_int.h"

static const char *const kind_names[NSVIZ_EV_KINDS] = {
	[NSVIZ_EV_ARP] = "arp", [NSVIZ_EV_ICMP] = "icmp", [NSVIZ_EV_FLOW] = "flow",
	[NSVIZ_EV_DROP] = "drop", [NSVIZ_EV_FDB] = "fdb",
};

/* The text of ME; formatted aside first because its arguments live in ME too. */
static void __attribute__((format(printf, 2, 3))) set_text(struct model_event *me, const char *fmt, ...)
{
	char buf[sizeof(me->s.text)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	memcpy(me->s.text, buf, sizeof(buf));
}

static void describe_arp(struct model_event *me)
{
	const struct nsviz_ev_arp *a = &me->raw.arp;
	struct snap_event *s = &me->s;

	s->arp.op = a->op;
	inet_ntop(AF_INET, a->spa, s->src, sizeof(s->src));
	inet_ntop(AF_INET, a->tpa, s->dst, sizeof(s->dst));
	mac_str(a->sha, s->arp.sender_mac);
	mac_str(a->tha, s->arp.target_mac);
	if (a->op == 1)
		set_text(me, "who-has %s tell %s", s->dst, s->src);
	else if (a->op == 2)
		set_text(me, "%s is-at %s", s->src, s->arp.sender_mac);
	else
		set_text(me, "arp op %u %s > %s", a->op, s->src, s->dst);
}

static const char *icmp_name(int family, int type)
{
	static const struct { int family, type; const char *name; } names[] = {
		{ 4, 0, "echo reply" }, { 4, 3, "dest unreachable" }, { 4, 5, "redirect" },
		{ 4, 8, "echo request" }, { 4, 11, "time exceeded" },
		{ 6, 1, "dest unreachable" }, { 6, 2, "packet too big" }, { 6, 3, "time exceeded" },
		{ 6, 128, "echo request" }, { 6, 129, "echo reply" }, { 6, 133, "router solicitation" },
		{ 6, 134, "router advertisement" }, { 6, 135, "neighbor solicitation" },
		{ 6, 136, "neighbor advertisement" }, { 6, 143, "mldv2 report" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].family == family && names[i].type == type)
			return names[i].name;
	return NULL;
}

static void describe_icmp(struct model_event *me)
{
	const struct nsviz_ev_icmp *c = &me->raw.icmp;
	const char *name = icmp_name(c->family, c->type);
	bool echo = (c->family == 4 && (c->type == 0 || c->type == 8)) ||
		    (c->family == 6 && (c->type == 128 || c->type == 129));
	struct snap_event *s = &me->s;
	char what[48];

	s->icmp.family = c->family;
	s->icmp.type = c->type;
	s->icmp.code = c->code;
	s->icmp.id = c->id;
	s->icmp.seq = c->seq;
	inet_ntop(c->family == 4 ? AF_INET : AF_INET6, c->saddr, s->src, sizeof(s->src));
	inet_ntop(c->family == 4 ? AF_INET : AF_INET6, c->daddr, s->dst, sizeof(s->dst));
	snprintf(s->proto, sizeof(s->proto), "%s", c->family == 4 ? "icmp" : "icmp6");
	if (name)
		snprintf(what, sizeof(what), "%s", name);
	else
		snprintf(what, sizeof(what), "type %u", c->type);
	if (echo)
		set_text(me, "%s > %s %s id %u seq %u", s->src, s->dst,
			 what, c->id, c->seq);
	else
		set_text(me, "%s > %s %s code %u", s->src, s->dst, what,
			 c->code);
}

/* The key's fields in S, and in BUF "udp 10.0.0.1:5353 > 10.0.0.2:9", ports only for TCP/UDP. */
static void describe_key(struct snap_event *s, const struct nsviz_flow_key *k, char *buf,
			 size_t len)
{
	bool ports = k->proto == 6 || k->proto == 17;

	snprintf(s->proto, sizeof(s->proto), "%s", model_key_proto(k));
	model_key_str(k, s->src, s->dst, sizeof(s->src));
	s->sport = k->sport;
	s->dport = k->dport;
	if (ports && k->family)
		snprintf(buf, len, "%s %s:%u > %s:%u", s->proto, s->src, k->sport, s->dst,
			 k->dport);
	else
		snprintf(buf, len, "%s %s > %s", s->proto, s->src, s->dst);
}

static void describe_flow(struct model_event *me)
{
	char what[128];

	describe_key(&me->s, &me->raw.flow.key, what, sizeof(what));
	set_text(me, "new %s", what);
}

/* A NOT_SPECIFIED drop also names the function that freed it (docs/paths.md). */
static void describe_drop(const struct model *m, struct model_event *me)
{
	struct snap_event *s = &me->s;
	const char *fn = NULL;
	char what[128];

	s->drop.code = me->raw.drop.reason;
	if (me->reason)
		snprintf(s->drop.reason, sizeof(s->drop.reason), "%s", me->reason);
	else
		snprintf(s->drop.reason, sizeof(s->drop.reason), "reason %u", s->drop.code);
	if (me->reason && !strcmp(me->reason, "NOT_SPECIFIED"))
		fn = ksyms_name(m->ksyms, me->raw.drop.location);
	snprintf(s->drop.function, sizeof(s->drop.function), "%s", fn ? fn : "");
	describe_key(s, &me->raw.drop.key, what, sizeof(what));
	set_text(me, "%s%s%s: %s", s->drop.reason, fn ? " in " : "", fn ? fn : "", what);
}

/* The host-namespace interface IFINDEX (bridges and their ports live there), "if7" when it is not
 * observed. */
static void host_name(const struct model *m, uint32_t ifindex, char *buf, size_t len)
{
	snprintf(buf, len, "if%u", ifindex);
	for (int i = 0; i < m->n; i++)
		if (!m->ifaces[i].netns[0] && m->ifaces[i].ifindex == (int)ifindex)
			snprintf(buf, len, "%s", m->ifaces[i].ifname);
}

/* The kernel reports learn and move alike; what the FDB held before tells them apart, so this is
 * decided as each event arrives, in order. */
static void fdb_record(struct model *m, struct model_event *me)
{
	static const char *const ops[] = { [FDB_LEARN] = "learn", [FDB_MOVE] = "move",
					   [FDB_DELETE] = "delete" };
	const struct nsviz_ev_fdb *f = &me->raw.fdb;
	/* Only learning reports updates: entries added by hand or local ones come from reads. */
	struct snap_fdb e = { .vlan = f->vlan, .type = "learned" };
	int op;

	host_name(m, f->br_ifindex, e.bridge, sizeof(e.bridge));
	if (f->port_ifindex)
		host_name(m, f->port_ifindex, e.port, sizeof(e.port));
	else
		snprintf(e.port, sizeof(e.port), "%s", e.bridge);
	mac_str(f->mac, e.mac);
	op = fdb_table_event(m->fdb, f->op == NSVIZ_FDB_UPDATE, &e, me->s.time, me->old_port);
	me->fdb_op = ops[op < 0 ? FDB_LEARN : op];
}

static void describe_fdb(const struct model *m, struct model_event *me)
{
	const struct nsviz_ev_fdb *f = &me->raw.fdb;
	struct snap_event *s = &me->s;

	snprintf(s->fdb.op, sizeof(s->fdb.op), "%s", me->fdb_op);
	mac_str(f->mac, s->fdb.mac);
	if (f->port_ifindex)
		host_name(m, f->port_ifindex, s->fdb.port, sizeof(s->fdb.port));
	s->fdb.vlan = f->vlan;
	s->fdb.is_static = f->is_static;
	if (me->old_port[0]) {
		set_text(me, "move %s vlan %u from %s to %s", s->fdb.mac, f->vlan, me->old_port,
			 s->fdb.port);
	} else {
		set_text(me, "%s %s vlan %u on %s", s->fdb.op, s->fdb.mac, f->vlan,
			 *s->fdb.port ? s->fdb.port : s->ifname);
	}
}

static void event_where(const struct model *m, struct model_event *me)
{
	const struct nsviz_ev_hdr *h = &me->raw.h;
	struct snap_event *s = &me->s;

	s->ifindex = (int)h->ifindex;
	if (h->iface < m->n) {
		snprintf(s->netns, sizeof(s->netns), "%s", m->ifaces[h->iface].netns);
		snprintf(s->ifname, sizeof(s->ifname), "%s", m->ifaces[h->iface].ifname);
	}
	s->dir = h->dir == NSVIZ_DIR_RX ? 'r' : h->dir == NSVIZ_DIR_TX ? 't' : 0;
	s->ts_ns = h->ts_ns;
	s->skb = h->skb;
	s->len = h->len;
}

void model_event_format(const struct model *m, struct model_event *me)
{
	int kind = me->raw.h.kind;
	double time = me->s.time;

	if (me->formatted)
		return;
	me->formatted = true;
	/* The slot is reused: only the time, taken with the clock of its arrival, is kept. */
	me->s = (struct snap_event){ .time = time };
	snprintf(me->s.kind, sizeof(me->s.kind), "%s", kind_names[kind]);
	event_where(m, me);
	if (kind == NSVIZ_EV_ARP)
		describe_arp(me);
	else if (kind == NSVIZ_EV_ICMP)
		describe_icmp(me);
	else if (kind == NSVIZ_EV_FLOW)
		describe_flow(me);
	else if (kind == NSVIZ_EV_DROP)
		describe_drop(m, me);
	else
		describe_fdb(m, me);
}

bool model_drop_is_delivery(const struct nsviz_ev_drop *d, const char *reason)
{
	const struct nsviz_flow_key *k = &d->key;

	return reason && !strcmp(reason, "NO_SOCKET") &&
	       ((k->proto == 1 && k->dport == 0) || (k->proto == 58 && k->dport == 129));
}

/* The interface where E was dropped counts it, as a fault or as chatter. */
static void count_drop(struct model *m, const struct nsviz_event *e, const char *reason)
{
	char src[48], dst[48];
	struct snap_iface *f;

	if (e->h.iface >= m->n)
		return;
	f = &m->ifaces[e->h.iface];
	model_key_str(&e->drop.key, src, dst, sizeof(src));
	if (chatter(src, dst)) {
		f->drops_chatter++;
		return;
	}
	f->drops++;
	if (reason)
		snprintf(f->drop_reason, sizeof(f->drop_reason), "%s", reason);
	else
		snprintf(f->drop_reason, sizeof(f->drop_reason), "reason %u", e->drop.reason);
}

const struct snap_event *model_event(struct model *m, const struct nsviz_event *e,
				     const char *reason, bool format)
{
	struct model_event *me;
	int kind = e->h.kind;

	if (kind <= 0 || kind >= NSVIZ_EV_KINDS || !kind_names[kind])
		return NULL;
	if (kind == NSVIZ_EV_DROP && model_drop_is_delivery(&e->drop, reason))
		return NULL;
	if (kind == NSVIZ_EV_DROP)
		count_drop(m, e, reason);
	me = &m->events[m->nevents % MODEL_EVENTS_MAX];
	me->raw = *e;
	me->formatted = false;
	me->reason = reason;
	me->old_port[0] = '\0';
	me->s.time = (double)((int64_t)e->h.ts_ns + m->clock_ns) / 1e9;
	if (kind == NSVIZ_EV_FDB)
		fdb_record(m, me);
	m->nevents++;
	if (format)
		model_event_format(m, me);
	return &me->s;
}
