// SPDX-License-Identifier: GPL-2.0
/* See paths.h for the rules. Open paths live in a small table scanned linearly: it holds at most
 * PATHS_OPEN_MAX entries and new paths beyond the rate are only remembered (so that their later
 * hops are recognised and skipped), not recorded. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"

#define TAILS_MAX 8

enum tail_state { TAIL_LIVE, TAIL_TERMINAL, TAIL_DROPPED, TAIL_LOST };

/* The newest hop of one branch, by the skb that carries it. */
struct tail {
	uint64_t skb;
	int hop;
	enum tail_state state;
};

struct open_path {
	bool used;
	bool sampled_out; /* remembered to skip its hops, never emitted */
	bool group;       /* sent to an Ethernet group (broadcast, multicast) address */
	uint64_t fp;
	uint64_t ident;   /* L3 identity, 0 unknown */
	uint64_t first_ns, last_ns;
	struct tail tails[TAILS_MAX];
	int ntails;
	int slots[SNAP_HOPS_MAX]; /* observation point of each hop */
	struct snap_path p;
};

struct paths {
	paths_emit_cb cb;
	void *ctx;
	struct path_point *points; /* NSVIZ_SLOTS_MAX, indexed by slot */
	bool *known;
	unsigned rate;
	double tokens;
	uint64_t refill_ns;
	int64_t wall_offset_ns;
	struct path_stats st;
	struct open_path open[PATHS_OPEN_MAX];
};

struct paths *paths_new(paths_emit_cb cb, void *ctx, unsigned rate)
{
	struct paths *ps = calloc(1, sizeof(*ps));

	if (!ps)
		return NULL;
	ps->points = calloc(NSVIZ_SLOTS_MAX, sizeof(*ps->points));
	ps->known = calloc(NSVIZ_SLOTS_MAX, sizeof(*ps->known));
	if (!ps->points || !ps->known) {
		paths_free(ps);
		return NULL;
	}
	ps->cb = cb;
	ps->ctx = ctx;
	ps->rate = rate ? rate : PATHS_RATE_DEFAULT;
	ps->tokens = ps->rate;
	return ps;
}

void paths_free(struct paths *ps)
{
	if (!ps)
		return;
	free(ps->points);
	free(ps->known);
	free(ps);
}

void paths_set_clock(struct paths *ps, int64_t wall_minus_mono_ns)
{
	ps->wall_offset_ns = wall_minus_mono_ns;
}

int paths_set_point(struct paths *ps, int slot, const struct path_point *pt)
{
	if (slot < 0 || slot >= NSVIZ_SLOTS_MAX || (pt->dir != 'r' && pt->dir != 't'))
		return -EINVAL;
	ps->points[slot] = *pt;
	ps->known[slot] = true;
	return 0;
}

void paths_stats(const struct paths *ps, struct path_stats *st)
{
	*st = ps->st;
}

static const struct path_point *point(const struct paths *ps, int slot)
{
	return slot >= 0 && slot < NSVIZ_SLOTS_MAX && ps->known[slot] ? &ps->points[slot] : NULL;
}

/* Received by a namespace end or by a bridge device: the packet arrived somewhere. */
static bool is_terminal(const struct path_point *pt)
{
	return pt->dir == 'r' && (!pt->bridge[0] || pt->is_bridge);
}

static bool is_bridge_port(const struct path_point *pt)
{
	return pt->bridge[0] && !pt->is_bridge;
}

/* A packet at PT can come straight from PREV: across a veth (peer tx -> rx), through a bridge
 * (port rx or bridge-device tx -> port tx; port rx -> bridge-device rx), or through a namespace's
 * stack (rx -> tx in the same namespace, a router). */
static bool follows(const struct path_point *prev, const struct path_point *pt)
{
	if (is_bridge_port(pt) && pt->dir == 't')
		return !strcmp(prev->bridge, pt->bridge) &&
		       ((is_bridge_port(prev) && prev->dir == 'r') || (prev->is_bridge && prev->dir == 't'));
	if (pt->is_bridge && pt->dir == 'r')
		return !strcmp(prev->bridge, pt->bridge) && is_bridge_port(prev) && prev->dir == 'r';
	if (pt->dir == 'r' && pt->peer >= 0)
		return prev->iface == pt->peer && prev->dir == 't';
	return !strcmp(prev->netns, pt->netns) && prev->dir == 'r';
}

/* The path starts where packets are sent (a namespace end or a bridge device transmitting) and
 * every hop follows the one before it: no hop is missing (sampled or lost records). */
static bool whole(const struct paths *ps, const struct open_path *op)
{
	const struct path_point *first = op->p.nhops ? point(ps, op->slots[0]) : NULL;

	if (!op->p.nhops)
		return op->ntails > 0; /* dropped before any observation point */
	if (!first || first->dir != 't' || is_bridge_port(first))
		return false;
	for (int h = 1; h < op->p.nhops; h++) {
		int from = op->p.hops[h].from;
		const struct path_point *prev = from >= 0 ? point(ps, op->slots[from]) : NULL;
		const struct path_point *pt = point(ps, op->slots[h]);

		if (!prev || !pt || !follows(prev, pt))
			return false;
	}
	return true;
}

static struct snap_bridge_verdict *bridge_entry(struct snap_path *p, const char *bridge)
{
	for (int i = 0; i < p->nbridges; i++)
		if (!strcmp(p->bridges[i].bridge, bridge))
			return &p->bridges[i];
	if (p->nbridges == SNAP_PATH_BRIDGES)
		return NULL;
	snprintf(p->bridges[p->nbridges].bridge, sizeof(p->bridges[0].bridge), "%s", bridge);
	return &p->bridges[p->nbridges++];
}

/* A bridge floods group-addressed frames (and unknown unicast) to every port but the one they
 * came in on, plus itself: more than one destination, or any port for a group address. */
static const char *bridge_verdict(const struct snap_bridge_verdict *b, bool group, bool dropped)
{
	if (b->ports + b->local > 1 || (group && b->ports))
		return "flood";
	if (b->ports == 1)
		return "forward";
	if (b->local)
		return "local";
	return dropped ? "drop" : "";
}

/* Per bridge: ports sent out of (tx on a port) and local delivery (rx on the bridge device). */
static void set_verdicts(const struct paths *ps, struct open_path *op)
{
	struct snap_path *p = &op->p;
	bool delivered = false, dropped = false;
	const char *rank[] = { "flood", "forward", "local" };

	for (int i = 0; i < op->ntails; i++) {
		delivered |= op->tails[i].state == TAIL_TERMINAL;
		dropped |= op->tails[i].state == TAIL_DROPPED;
	}
	for (int h = 0; h < p->nhops; h++) {
		const struct path_point *pt = point(ps, op->slots[h]);
		struct snap_bridge_verdict *b = pt && pt->bridge[0] ? bridge_entry(p, pt->bridge) : NULL;

		if (b && is_bridge_port(pt) && pt->dir == 't')
			b->ports++;
		if (b && pt->is_bridge && pt->dir == 'r')
			b->local = true;
	}
	for (int i = 0; i < p->nbridges; i++)
		strcpy(p->bridges[i].verdict, bridge_verdict(&p->bridges[i], op->group, dropped));
	p->complete = whole(ps, op);
	for (int i = 0; i < op->ntails; i++)
		p->complete &= op->tails[i].state == TAIL_TERMINAL || op->tails[i].state == TAIL_DROPPED;
	if (dropped && !delivered) {
		strcpy(p->verdict, "drop");
		return;
	}
	for (size_t r = 0; r < sizeof(rank) / sizeof(rank[0]); r++)
		for (int i = 0; i < p->nbridges; i++)
			if (!strcmp(p->bridges[i].verdict, rank[r])) {
				strcpy(p->verdict, rank[r]);
				return;
			}
	strcpy(p->verdict, p->complete ? "forward" : "");
}

static void emit(struct paths *ps, struct open_path *op)
{
	if (!op->sampled_out) {
		set_verdicts(ps, op);
		op->p.first_ns = op->first_ns;
		op->p.latency_us = (op->last_ns - op->first_ns) / 1000;
		op->p.time = ((int64_t)op->first_ns + ps->wall_offset_ns) / 1e9;
		ps->st.emitted++;
		ps->st.incomplete += !op->p.complete;
		ps->cb(&op->p, ps->ctx);
	}
	op->used = false;
}

static bool all_tails_done(const struct open_path *op)
{
	for (int i = 0; i < op->ntails; i++)
		if (op->tails[i].state == TAIL_LIVE)
			return false;
	return true;
}

static bool is_done(const struct open_path *op, uint64_t now_ns)
{
	uint64_t quiet = now_ns - op->last_ns;

	if (now_ns < op->last_ns)
		return false;
	return (all_tails_done(op) && quiet >= PATHS_SETTLE_NS) || quiet >= PATHS_TIMEOUT_NS ||
	       now_ns - op->first_ns >= 2 * PATHS_TIMEOUT_NS;
}

static int cmp_first(const void *a, const void *b)
{
	const struct open_path *x = *(struct open_path *const *)a, *y = *(struct open_path *const *)b;

	return x->first_ns < y->first_ns ? -1 : x->first_ns > y->first_ns;
}

/* Emit the open paths that are done (all of them when ALL), oldest first. */
static void emit_done(struct paths *ps, uint64_t now_ns, bool all)
{
	struct open_path *ready[PATHS_OPEN_MAX];
	int n = 0;

	for (int i = 0; i < PATHS_OPEN_MAX; i++)
		if (ps->open[i].used && (all || is_done(&ps->open[i], now_ns)))
			ready[n++] = &ps->open[i];
	qsort(ready, n, sizeof(ready[0]), cmp_first);
	for (int i = 0; i < n; i++)
		emit(ps, ready[i]);
}

void paths_tick(struct paths *ps, uint64_t now_ns)
{
	emit_done(ps, now_ns, false);
}

void paths_flush(struct paths *ps)
{
	emit_done(ps, 0, true);
}

/* A new branch; past TAILS_MAX the last one is reused (its packet is then followed no more). */
static struct tail *new_tail(struct open_path *op)
{
	return op->ntails < TAILS_MAX ? &op->tails[op->ntails++] : &op->tails[TAILS_MAX - 1];
}

static void set_tail(struct open_path *op, struct tail *t, uint64_t skb, int hop,
		     const struct path_point *pt)
{
	if (!t)
		t = new_tail(op);
	t->skb = skb;
	t->hop = hop;
	t->state = is_terminal(pt) ? TAIL_TERMINAL : TAIL_LIVE;
}

/* Append a hop after hop FROM (-1: the first). Returns its index, or FROM when the path is full. */
static int add_hop(struct open_path *op, int from, int slot, const struct path_point *pt,
		   uint64_t ts)
{
	struct snap_path *p = &op->p;
	struct snap_hop *h = &p->hops[p->nhops];

	if (p->nhops == SNAP_HOPS_MAX)
		return from;
	snprintf(h->netns, sizeof(h->netns), "%s", pt->netns);
	snprintf(h->ifname, sizeof(h->ifname), "%s", pt->ifname);
	snprintf(h->bridge, sizeof(h->bridge), "%s", pt->bridge);
	h->dir = pt->dir;
	h->t_us = (ts - op->first_ns) / 1000;
	h->from = from;
	op->slots[p->nhops] = slot;
	op->last_ns = ts;
	return p->nhops++;
}

/* "red", a bridge port's bridge, or "host" (the bridge device itself, host interfaces). */
static const char *place(const char *netns, const char *bridge, const char *ifname)
{
	if (netns[0])
		return netns;
	if (bridge[0] && strcmp(bridge, ifname))
		return bridge;
	return "host";
}

/* The open path a packet observation of skb O->skb continues: same skb, same content. A live tail
 * whose skb now carries other content lost its packet (freed, the address reused). */
static struct open_path *find_by_skb(struct paths *ps, const struct path_obs *o, struct tail **tp)
{
	for (int i = 0; i < PATHS_OPEN_MAX; i++) {
		struct open_path *op = &ps->open[i];

		for (int k = 0; op->used && k < op->ntails; k++) {
			struct tail *t = &op->tails[k];

			if (t->skb != o->skb || t->state == TAIL_LOST)
				continue;
			if (op->fp == o->fp) {
				*tp = t;
				return op;
			}
			if (t->state == TAIL_LIVE)
				t->state = TAIL_LOST;
		}
	}
	return NULL;
}

/* The most recently active open path holding the dropped skb in a tail, with the same L3
 * identity when both are known (drops carry no more content than that). */
static struct open_path *find_dropped(struct paths *ps, const struct path_obs *o, struct tail **tp)
{
	struct open_path *best = NULL;

	for (int i = 0; i < PATHS_OPEN_MAX; i++) {
		struct open_path *op = &ps->open[i];

		if (o->ident && op->ident && o->ident != op->ident)
			continue;
		for (int k = 0; op->used && k < op->ntails; k++)
			if (op->tails[k].skb == o->skb && op->tails[k].state != TAIL_LOST &&
			    (!best || op->last_ns > best->last_ns)) {
				best = op;
				*tp = &op->tails[k];
			}
	}
	return best;
}

/* A copy or clone of a packet still moving: same content, recently active. */
static struct open_path *find_by_fp(struct paths *ps, const struct path_obs *o)
{
	struct open_path *best = NULL;

	for (int i = 0; i < PATHS_OPEN_MAX; i++) {
		struct open_path *op = &ps->open[i];

		if (op->used && op->fp == o->fp && o->ts_ns - op->last_ns < PATHS_SETTLE_NS &&
		    (!best || op->last_ns > best->last_ns))
			best = op;
	}
	return best;
}

/* The hop a clone at PT branches from: the newest one it can follow, else the newest. */
static int predecessor(const struct paths *ps, const struct open_path *op,
		       const struct path_point *pt)
{
	for (int h = op->p.nhops - 1; h >= 0; h--) {
		const struct path_point *prev = point(ps, op->slots[h]);

		if (prev && follows(prev, pt))
			return h;
	}
	return op->p.nhops - 1;
}

static bool take_token(struct paths *ps, uint64_t ts)
{
	if (ts > ps->refill_ns) {
		ps->tokens += (ts - ps->refill_ns) / 1e9 * ps->rate;
		if (ps->tokens > ps->rate)
			ps->tokens = ps->rate;
	}
	ps->refill_ns = ts;
	if (ps->tokens < 1)
		return false;
	ps->tokens -= 1;
	return true;
}

/* A free entry; when the table is full the oldest open path is emitted to make room. */
static struct open_path *free_entry(struct paths *ps)
{
	struct open_path *oldest = NULL;

	for (int i = 0; i < PATHS_OPEN_MAX; i++) {
		if (!ps->open[i].used)
			return &ps->open[i];
		if (!oldest || ps->open[i].last_ns < oldest->last_ns)
			oldest = &ps->open[i];
	}
	emit(ps, oldest);
	return oldest;
}

static struct open_path *start_path(struct paths *ps, const struct path_obs *o)
{
	struct open_path *op = free_entry(ps);

	memset(op, 0, sizeof(*op));
	op->used = true;
	op->fp = o->fp;
	op->group = o->group;
	op->ident = o->ident;
	op->first_ns = op->last_ns = o->ts_ns;
	op->sampled_out = !take_token(ps, o->ts_ns);
	ps->st.sampled_out += op->sampled_out;
	snprintf(op->p.summary, sizeof(op->p.summary), "%s", o->summary ? o->summary : "");
	snprintf(op->p.proto, sizeof(op->p.proto), "%s", o->proto ? o->proto : "");
	return op;
}

static int observe_drop(struct paths *ps, const struct path_obs *o, const struct path_point *pt)
{
	struct tail *t = NULL;
	struct open_path *op = find_dropped(ps, o, &t);
	struct snap_path *p;

	if (!op && ((!pt && !o->drop_where) || o->join_only))
		return 0;
	if (!op)
		op = start_path(ps, o);
	if (op->sampled_out)
		return 0;
	p = &op->p;
	if (!t) {
		t = new_tail(op);
		t->skb = o->skb;
		t->hop = -1;
	}
	t->state = TAIL_DROPPED;
	op->last_ns = o->ts_ns > op->last_ns ? o->ts_ns : op->last_ns;
	snprintf(p->drop_reason, sizeof(p->drop_reason), "%s", o->drop_reason);
	if (pt)
		snprintf(p->drop_where, sizeof(p->drop_where), "%s:%s",
			 place(pt->netns, pt->bridge, pt->ifname), pt->ifname);
	else
		snprintf(p->drop_where, sizeof(p->drop_where), "%s", o->drop_where ? o->drop_where : "");
	return 1;
}

int paths_observe(struct paths *ps, const struct path_obs *o)
{
	const struct path_point *pt = point(ps, o->slot);
	struct open_path *op;
	struct tail *t = NULL;
	int from = -1, hop;

	if (o->drop_reason)
		return observe_drop(ps, o, pt);
	if (!pt)
		return 0;
	op = find_by_skb(ps, o, &t);
	if (op)
		from = t->hop;
	else if ((op = find_by_fp(ps, o)))
		from = predecessor(ps, op, pt);
	else
		op = start_path(ps, o);
	if (op->sampled_out) {
		op->last_ns = o->ts_ns;
		return 0;
	}
	hop = add_hop(op, from, o->slot, pt, o->ts_ns);
	set_tail(op, t, o->skb, hop, pt);
	return 1;
}

struct fmt {
	char *buf;
	size_t len, off;
};

static void fmt_add(struct fmt *f, const char *fmt, const char *a, const char *b, const char *c)
{
	int n;

	if (f->off >= f->len)
		return;
	n = snprintf(f->buf + f->off, f->len - f->off, fmt, a, b, c);
	if (n > 0)
		f->off += n;
}

/* Hop H and what follows it: one child continues the line, several branch in { | }. */
static void fmt_hop(struct fmt *f, const struct snap_path *p, int h, int depth)
{
	const struct snap_hop *hop = &p->hops[h];
	int nchild = 0, n = 0;

	fmt_add(f, "%s:%s %s", place(hop->netns, hop->bridge, hop->ifname), hop->ifname,
		hop->dir == 'r' ? "rx" : "tx");
	for (int c = h + 1; c < p->nhops; c++)
		nchild += p->hops[c].from == h;
	if (!nchild || depth > SNAP_HOPS_MAX)
		return;
	fmt_add(f, "%s%s%s", " → ", nchild > 1 ? "{ " : "", "");
	for (int c = h + 1; c < p->nhops; c++) {
		if (p->hops[c].from != h)
			continue;
		if (n++)
			fmt_add(f, "%s%s%s", " | ", "", "");
		fmt_hop(f, p, c, depth + 1);
	}
	if (nchild > 1)
		fmt_add(f, "%s%s%s", " }", "", "");
}

static void fmt_verdict(struct fmt *f, const struct snap_path *p)
{
	const struct snap_bridge_verdict *b = NULL;
	char ports[48] = "", lat[24];

	for (int i = 0; i < p->nbridges && !b; i++)
		if (!strcmp(p->bridges[i].verdict, "flood"))
			b = &p->bridges[i];
	if (b && !strcmp(p->verdict, "flood"))
		snprintf(ports, sizeof(ports), " to %u port%s%s", b->ports, b->ports == 1 ? "" : "s",
			 b->local ? " and the bridge" : "");
	snprintf(lat, sizeof(lat), ", %u µs", p->latency_us);
	fmt_add(f, "  [%s%s", p->verdict[0] ? p->verdict : "unknown", ports, "");
	if (p->drop_reason[0])
		fmt_add(f, ": %s at %s%s", p->drop_reason, p->drop_where, "");
	fmt_add(f, "%s%s]", lat, p->complete ? "" : ", incomplete", "");
}

void paths_format_hops(const struct snap_path *p, char *buf, size_t len)
{
	struct fmt f = { .buf = buf, .len = len };

	buf[0] = 0;
	if (!p->nhops)
		fmt_add(&f, "%s%s%s", "(no hop observed)", "", "");
	for (int h = 0; h < p->nhops; h++)
		if (p->hops[h].from < 0) {
			if (h)
				fmt_add(&f, "%s%s%s", " ; ", "", "");
			fmt_hop(&f, p, h, 0);
		}
	fmt_verdict(&f, p);
}
