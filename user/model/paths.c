// SPDX-License-Identifier: GPL-2.0
/* See paths.h for the rules. Open paths live in a table of at most PATHS_OPEN_MAX entries; new
 * paths beyond the rate are only remembered (so that their later hops are recognised and skipped),
 * not recorded. Every observation looks up open paths, so they are indexed by hash chains through
 * the entries (ids are table positions: lookups break ties by table order, as a scan would): the
 * branch tails by skb address and content, the live tails by skb address (the slab hands the same
 * few addresses out again and again, so an index by address alone has long chains), the paths by
 * fingerprint. Drops, rarer, scan the table. The entries' last activity is kept in an array of its
 * own, the one thing scanned when the table is full. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "pktinfo.h"

#define TAILS_MAX 8
#define SKB_BITS 12 /* buckets of the tail indexes: up to PATHS_OPEN_MAX * TAILS_MAX tails */
#define FP_BITS 10  /* buckets of the fingerprint index */
#define NIL (-1)    /* end of a chain */
#define USED_WORDS (PATHS_OPEN_MAX / 64)
_Static_assert(SNAP_HOPS_MAX <= 32, "open_path.unknown_dst has a bit per hop");

enum tail_state { TAIL_LIVE, TAIL_TERMINAL, TAIL_DROPPED, TAIL_LOST };

/* The newest hop of one branch, by the skb that carries it. */
struct tail {
	uint64_t skb;
	int key_next;  /* the next tail (path * TAILS_MAX + tail) in its skb-and-content chain */
	int live_next; /* the next live tail in its skb chain (while this one is live) */
	int8_t hop;    /* < SNAP_HOPS_MAX */
	uint8_t state; /* enum tail_state: change it with tail_state() */
};

/* Small, so that lookups touch few cache lines: the record being built lives apart. */
struct open_path {
	uint64_t fp;
	struct tail tails[TAILS_MAX];
	int ntails;
	int fp_next;      /* the next path in its fingerprint chain */
	bool sampled_out; /* remembered to skip its hops, never emitted */
	bool group;       /* sent to an Ethernet group (broadcast, multicast) address */
	uint64_t ident;   /* identity (path_obs.ident), 0 unknown */
	uint64_t first_ns; /* the last activity is in paths.last_ns */
	uint32_t unknown_dst; /* bit h: hop h entered a bridge whose FDB lacked the destination */
	int slots[SNAP_HOPS_MAX]; /* observation point of each hop */
	struct snap_path *p;      /* in paths.recs, for good; last: start_path clears the rest */
};

struct paths {
	paths_emit_cb cb;
	void *ctx;
	struct path_point *points; /* NSVIZ_SLOTS_MAX, indexed by slot */
	struct snap_path *recs;    /* PATHS_OPEN_MAX: the record of each open path */
	bool *known;
	unsigned rate;
	double tokens;
	uint64_t refill_ns;
	int64_t wall_offset_ns;
	struct path_stats st;
	uint64_t used[USED_WORDS];          /* bit i: open[i] is in use */
	uint64_t last_ns[PATHS_OPEN_MAX];  /* kernel time of each open path's latest news */
	int key_head[1 << SKB_BITS];  /* tails by skb and fingerprint */
	int live_head[1 << SKB_BITS]; /* live tails by skb */
	int fp_head[1 << FP_BITS];
	struct open_path open[PATHS_OPEN_MAX];
};

struct paths *paths_new(paths_emit_cb cb, void *ctx, unsigned rate)
{
	struct paths *ps = calloc(1, sizeof(*ps));

	if (!ps)
		return NULL;
	ps->points = calloc(NSVIZ_SLOTS_MAX, sizeof(*ps->points));
	ps->known = calloc(NSVIZ_SLOTS_MAX, sizeof(*ps->known));
	ps->recs = calloc(PATHS_OPEN_MAX, sizeof(*ps->recs));
	if (!ps->points || !ps->known || !ps->recs) {
		paths_free(ps);
		return NULL;
	}
	for (int i = 0; i < PATHS_OPEN_MAX; i++)
		ps->open[i].p = &ps->recs[i];
	ps->cb = cb;
	ps->ctx = ctx;
	ps->rate = rate ? rate : PATHS_RATE_DEFAULT;
	ps->tokens = ps->rate;
	memset(ps->key_head, 0xff, sizeof(ps->key_head)); /* NIL */
	memset(ps->live_head, 0xff, sizeof(ps->live_head));
	memset(ps->fp_head, 0xff, sizeof(ps->fp_head));
	return ps;
}

void paths_free(struct paths *ps)
{
	if (!ps)
		return;
	free(ps->points);
	free(ps->known);
	free(ps->recs);
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

/* Where tail T was last seen; NULL before its first hop (a drop at no point). */
static const struct path_point *tail_point(const struct paths *ps, const struct open_path *op,
					   const struct tail *t)
{
	return t->hop >= 0 ? point(ps, op->slots[t->hop]) : NULL;
}

/* Received by a namespace end or by a bridge device, or sent out of an open end (to a VM, say):
 * the packet arrived somewhere. */
static bool is_terminal(const struct path_point *pt)
{
	return pt->dir == 'r' ? !pt->bridge[0] || pt->is_bridge : pt->open;
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

/* The path starts where packets are sent (a namespace end or a bridge device transmitting) or
 * come in from outside (an open end receiving), and every hop follows the one before it: no hop
 * is missing (sampled or lost records). */
static bool whole(const struct paths *ps, const struct open_path *op)
{
	const struct path_point *first = op->p->nhops ? point(ps, op->slots[0]) : NULL;

	if (!op->p->nhops)
		return op->ntails > 0; /* dropped before any observation point */
	if (!first || (first->dir == 't' ? is_bridge_port(first) : !first->open))
		return false;
	for (int h = 1; h < op->p->nhops; h++) {
		int from = op->p->hops[h].from;
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
 * came in on, plus itself: more than one destination, or any port for a group address. A unicast
 * frame flooded is unknown unicast: sent to more than one destination, or to a port while the FDB
 * had no entry for its destination (UNKNOWN; on a two-port bridge a flood reaches one port). */
static const char *bridge_verdict(const struct snap_bridge_verdict *b, bool group, bool unknown,
				  bool dropped)
{
	bool several = b->ports + b->local > 1;

	if (!group && b->ports && (several || unknown))
		return "flood (unknown unicast)";
	if (several || (group && b->ports))
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
	struct snap_path *p = op->p;
	bool delivered = false, dropped = false;
	const char *rank[] = { "flood (unknown unicast)", "flood", "forward", "local" };
	bool unknown[SNAP_PATH_BRIDGES] = { false };

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
		if (b && op->unknown_dst >> h & 1)
			unknown[b - p->bridges] = true;
	}
	for (int i = 0; i < p->nbridges; i++)
		strcpy(p->bridges[i].verdict,
		       bridge_verdict(&p->bridges[i], op->group, unknown[i], dropped));
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

static int index_of(const struct paths *ps, const struct open_path *op)
{
	return (int)(op - ps->open);
}

static bool is_used(const struct paths *ps, int i)
{
	return ps->used[i / 64] >> (i % 64) & 1;
}

static struct tail *tail_at(struct paths *ps, int id)
{
	return &ps->open[id / TAILS_MAX].tails[id % TAILS_MAX];
}

/* Fibonacci hashing: skb addresses and fingerprints differ in their high or low bits alike. */
static unsigned bucket(uint64_t key, int bits)
{
	return (unsigned)(key * 0x9e3779b97f4a7c15ull >> (64 - bits));
}

/* Unlink the node ID from the chain at HEAD, whose links NEXT_OF gives. */
static void chain_unlink(struct paths *ps, int *head, int id, int *(*next_of)(struct paths *, int))
{
	int *link = head;

	while (*link != NIL && *link != id)
		link = next_of(ps, *link);
	if (*link == id)
		*link = *next_of(ps, id);
}

static int *key_next(struct paths *ps, int id)
{
	return &tail_at(ps, id)->key_next;
}

static int *live_next(struct paths *ps, int id)
{
	return &tail_at(ps, id)->live_next;
}

static int *fp_next(struct paths *ps, int i)
{
	return &ps->open[i].fp_next;
}

static int tail_id(const struct paths *ps, const struct open_path *op, const struct tail *t)
{
	return index_of(ps, op) * TAILS_MAX + (int)(t - op->tails);
}

static int *key_head(struct paths *ps, uint64_t skb, uint64_t fp)
{
	return &ps->key_head[bucket(skb ^ fp * 0xff51afd7ed558ccdull, SKB_BITS)];
}

/* Set T's state, in or out of the live index. */
static void tail_state(struct paths *ps, struct open_path *op, struct tail *t, enum tail_state st)
{
	int *head = &ps->live_head[bucket(t->skb, SKB_BITS)];

	if (t->state == TAIL_LIVE && st != TAIL_LIVE)
		chain_unlink(ps, head, tail_id(ps, op, t), live_next);
	if (t->state != TAIL_LIVE && st == TAIL_LIVE) {
		t->live_next = *head;
		*head = tail_id(ps, op, t);
	}
	t->state = st;
}

static void tail_unlink(struct paths *ps, struct open_path *op, struct tail *t)
{
	chain_unlink(ps, key_head(ps, t->skb, op->fp), tail_id(ps, op, t), key_next);
	tail_state(ps, op, t, TAIL_LOST);
}

/* Take entry I out of use and out of both indexes. */
static void release(struct paths *ps, int i)
{
	struct open_path *op = &ps->open[i];

	for (int k = 0; k < op->ntails; k++)
		tail_unlink(ps, op, &op->tails[k]);
	chain_unlink(ps, &ps->fp_head[bucket(op->fp, FP_BITS)], i, fp_next);
	ps->used[i / 64] &= ~(1ull << (i % 64));
}

static void emit(struct paths *ps, struct open_path *op)
{
	int i = index_of(ps, op);

	if (!op->sampled_out) {
		set_verdicts(ps, op);
		op->p->first_ns = op->first_ns;
		op->p->latency_us = (ps->last_ns[i] - op->first_ns) / 1000;
		op->p->time = ((int64_t)op->first_ns + ps->wall_offset_ns) / 1e9;
		ps->st.emitted++;
		ps->st.incomplete += !op->p->complete;
		ps->cb(op->p, ps->ctx);
	}
	release(ps, i);
}

static bool all_tails_done(const struct open_path *op)
{
	for (int i = 0; i < op->ntails; i++)
		if (op->tails[i].state == TAIL_LIVE)
			return false;
	return true;
}

static bool is_done(const struct paths *ps, int i, uint64_t now_ns)
{
	const struct open_path *op = &ps->open[i];
	uint64_t last = ps->last_ns[i], quiet = now_ns - last;

	if (now_ns < last)
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
		if (is_used(ps, i) && (all || is_done(ps, i, now_ns)))
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

/* A new branch carrying SKB in state ST; past TAILS_MAX the last one is reused (its packet is then
 * followed no more). */
static struct tail *new_tail(struct paths *ps, struct open_path *op, uint64_t skb,
			     enum tail_state st)
{
	struct tail *t = &op->tails[TAILS_MAX - 1];
	int *head = key_head(ps, skb, op->fp);

	if (op->ntails < TAILS_MAX) {
		t = &op->tails[op->ntails++];
		t->state = TAIL_LOST; /* in no index yet */
	} else {
		tail_unlink(ps, op, t);
	}
	t->skb = skb;
	t->key_next = *head;
	*head = tail_id(ps, op, t);
	tail_state(ps, op, t, st);
	return t;
}

/* T (NULL: a new branch) now ends at HOP, at PT. */
static void set_tail(struct paths *ps, struct open_path *op, struct tail *t, uint64_t skb, int hop,
		     const struct path_point *pt)
{
	enum tail_state st = is_terminal(pt) ? TAIL_TERMINAL : TAIL_LIVE;

	if (!t)
		t = new_tail(ps, op, skb, st);
	else
		tail_state(ps, op, t, st);
	t->hop = hop;
}

/* DST (a member of struct snap_hop) from SRC, a string of the same capacity. */
#define COPY_NAME(dst, src)                                                                      \
	do {                                                                                     \
		_Static_assert(sizeof(dst) == sizeof(src), "same capacity");                     \
		memcpy(dst, src, sizeof(dst));                                                   \
	} while (0)

/* Append a hop after hop FROM (-1: the first). Returns its index, or FROM when the path is full. */
static int add_hop(struct paths *ps, struct open_path *op, int from, int slot,
		   const struct path_point *pt, uint64_t ts)
{
	struct snap_path *p = op->p;
	struct snap_hop *h = &p->hops[p->nhops];

	if (p->nhops == SNAP_HOPS_MAX)
		return from;
	COPY_NAME(h->netns, pt->netns);
	COPY_NAME(h->ifname, pt->ifname);
	COPY_NAME(h->bridge, pt->bridge);
	h->dir = pt->dir;
	h->t_us = (ts - op->first_ns) / 1000;
	h->from = from;
	op->slots[p->nhops] = slot;
	ps->last_ns[index_of(ps, op)] = ts;
	return p->nhops++;
}

/* "red", a bridge port's bridge, or "host" (the bridge device itself, host interfaces). */
/* The open path a packet observation of skb O->skb continues: same skb, same content, the first
 * in table order. A live tail before it whose skb now carries other content lost its packet
 * (freed, the address reused). */
static struct open_path *find_by_skb(struct paths *ps, const struct path_obs *o, struct tail **tp)
{
	int found = NIL, next;

	for (int id = *key_head(ps, o->skb, o->fp); id != NIL; id = tail_at(ps, id)->key_next) {
		const struct tail *t = tail_at(ps, id);

		if (t->skb == o->skb && t->state != TAIL_LOST &&
		    ps->open[id / TAILS_MAX].fp == o->fp && (found == NIL || id < found))
			found = id;
	}
	for (int id = ps->live_head[bucket(o->skb, SKB_BITS)]; id != NIL; id = next) {
		struct open_path *op = &ps->open[id / TAILS_MAX];
		struct tail *t = tail_at(ps, id);

		next = t->live_next;
		if (t->skb == o->skb && op->fp != o->fp && (found == NIL || id < found))
			tail_state(ps, op, t, TAIL_LOST);
	}
	if (found == NIL)
		return NULL;
	*tp = tail_at(ps, found);
	return &ps->open[found / TAILS_MAX];
}

/* A packet last seen at LAST (NULL: not seen) may be dropped at AT (NULL: at no point): in the
 * same namespace (its stack, a bridge there and the bridge's ports), across the veth it was sent
 * into, or anywhere after leaving through an open end (a macvlan's parent or a vxlan's underlay
 * may be in another namespace). Elsewhere the skb address was freed and reused by another
 * packet. */
static bool drop_reachable(const struct path_point *last, const struct path_point *at)
{
	return !last || !at || !strcmp(last->netns, at->netns) ||
	       (last->dir == 't' && last->open) ||
	       (last->peer >= 0 && last->peer == at->iface) || (at->peer >= 0 && at->peer == last->iface);
}

/* The most recently active open path holding the dropped skb in a tail (the first in table order
 * among equals) that could reach the drop's point, with the same identity when both are known
 * (drops carry no more content than that). */
static struct open_path *find_dropped(struct paths *ps, const struct path_obs *o, struct tail **tp)
{
	const struct path_point *at = point(ps, o->slot);
	struct open_path *best = NULL;

	for (int i = 0; i < PATHS_OPEN_MAX; i++) {
		struct open_path *op = &ps->open[i];

		if (!is_used(ps, i) || (o->ident && op->ident && o->ident != op->ident))
			continue;
		for (int k = 0; k < op->ntails; k++)
			if (op->tails[k].skb == o->skb && op->tails[k].state != TAIL_LOST &&
			    drop_reachable(tail_point(ps, op, &op->tails[k]), at) &&
			    (!best || ps->last_ns[i] > ps->last_ns[index_of(ps, best)])) {
				best = op;
				*tp = &op->tails[k];
			}
	}
	return best;
}

/* A copy or clone of a packet still moving: same content, recently active (the most recently, the
 * first in table order among equals). */
static struct open_path *find_by_fp(struct paths *ps, const struct path_obs *o)
{
	int best = NIL;

	for (int i = ps->fp_head[bucket(o->fp, FP_BITS)]; i != NIL; i = ps->open[i].fp_next) {
		uint64_t last = ps->last_ns[i];

		if (ps->open[i].fp != o->fp || o->ts_ns - last >= PATHS_SETTLE_NS)
			continue;
		if (best == NIL || last > ps->last_ns[best] || (last == ps->last_ns[best] && i < best))
			best = i;
	}
	return best == NIL ? NULL : &ps->open[best];
}

/* The hop a clone at PT branches from: the newest one it can follow, else the newest. */
static int predecessor(const struct paths *ps, const struct open_path *op,
		       const struct path_point *pt)
{
	for (int h = op->p->nhops - 1; h >= 0; h--) {
		const struct path_point *prev = point(ps, op->slots[h]);

		if (prev && follows(prev, pt))
			return h;
	}
	return op->p->nhops - 1;
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

/* The first free entry; when the table is full the least recently active open path is emitted to
 * make room. */
static int free_entry(struct paths *ps)
{
	uint64_t least = UINT64_MAX;
	int oldest = 0;

	for (int w = 0; w < USED_WORDS; w++)
		if (~ps->used[w])
			return w * 64 + __builtin_ctzll(~ps->used[w]);
	/* Two passes without a data-dependent branch: under load this runs for every new path. */
	for (int i = 0; i < PATHS_OPEN_MAX; i++)
		least = ps->last_ns[i] < least ? ps->last_ns[i] : least;
	while (ps->last_ns[oldest] != least)
		oldest++;
	emit(ps, &ps->open[oldest]);
	return oldest;
}

/* The summary of a recorded path's first observation. */
static void describe(struct snap_path *p, const struct path_obs *o)
{
	struct pktinfo pi;

	if (o->summary || !o->frame) {
		snprintf(p->summary, sizeof(p->summary), "%s", o->summary ? o->summary : "");
		return;
	}
	pktinfo_parse(o->frame, o->caplen, &pi);
	memcpy(p->summary, pi.summary, sizeof(p->summary));
}

static struct open_path *start_path(struct paths *ps, const struct path_obs *o)
{
	int i = free_entry(ps);
	struct open_path *op = &ps->open[i];
	int *head = &ps->fp_head[bucket(o->fp, FP_BITS)];

	memset(op, 0, offsetof(struct open_path, p));
	op->fp = o->fp;
	op->group = o->group;
	op->ident = o->ident;
	op->first_ns = ps->last_ns[i] = o->ts_ns;
	op->fp_next = *head;
	*head = i;
	ps->used[i / 64] |= 1ull << (i % 64);
	op->sampled_out = !take_token(ps, o->ts_ns);
	ps->st.sampled_out += op->sampled_out;
	if (op->sampled_out)
		return op; /* its record is never read */
	memset(op->p, 0, sizeof(*op->p));
	/* The slab reuses skb addresses, so the first hop's time tells two of them apart. */
	op->p->id = o->skb ^ (o->ts_ns * 0x9e3779b97f4a7c15ull);
	describe(op->p, o);
	snprintf(op->p->proto, sizeof(op->p->proto), "%s", o->proto ? o->proto : "");
	return op;
}

static int observe_drop(struct paths *ps, const struct path_obs *o, const struct path_point *pt)
{
	struct tail *t = NULL;
	struct open_path *op = find_dropped(ps, o, &t);
	struct snap_path *p;
	uint64_t *last;

	if (!op && ((!pt && !o->drop_where) || o->join_only))
		return 0;
	if (!op)
		op = start_path(ps, o);
	if (op->sampled_out)
		return 0;
	p = op->p;
	if (!t) {
		t = new_tail(ps, op, o->skb, TAIL_DROPPED);
		t->hop = -1;
	} else {
		tail_state(ps, op, t, TAIL_DROPPED);
	}
	last = &ps->last_ns[index_of(ps, op)];
	*last = o->ts_ns > *last ? o->ts_ns : *last;
	snprintf(p->drop_reason, sizeof(p->drop_reason), "%s", o->drop_reason);
	snprintf(p->drop_function, sizeof(p->drop_function), "%s",
		 o->drop_function ? o->drop_function : "");
	snprintf(p->cause, sizeof(p->cause), "%s", o->cause ? o->cause : "");
	snprintf(p->cause_where, sizeof(p->cause_where), "%s", o->cause_where ? o->cause_where : "");
	if (pt)
		snprintf(p->drop_where, sizeof(p->drop_where), "%s:%s",
			 snap_place(pt->netns, pt->bridge, pt->ifname), pt->ifname);
	else
		snprintf(p->drop_where, sizeof(p->drop_where), "%s", o->drop_where ? o->drop_where : "");
	return 1;
}

int paths_observe(struct paths *ps, const struct path_obs *o)
{
	const struct path_point *pt = point(ps, o->slot);
	struct open_path *op;
	struct tail *t = NULL;
	int from, hop;

	if (o->drop_reason)
		return observe_drop(ps, o, pt);
	if (!pt)
		return 0;
	op = find_by_skb(ps, o, &t);
	if (!op && !(op = find_by_fp(ps, o)))
		op = start_path(ps, o);
	if (op->sampled_out) {
		ps->last_ns[index_of(ps, op)] = o->ts_ns;
		return 0;
	}
	from = t ? t->hop : predecessor(ps, op, pt); /* a new path has no hop: -1 */
	hop = add_hop(ps, op, from, o->slot, pt, o->ts_ns);
	if (hop >= 0)
		op->unknown_dst |= (uint32_t)o->unknown_dst << hop;
	set_tail(ps, op, t, o->skb, hop, pt);
	return 1;
}
