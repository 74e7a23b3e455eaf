/* SPDX-License-Identifier: GPL-2.0 */
/* Delivering events: a per-CPU token bucket per kind, the ring buffer, and the count of every
 * event that could not be delivered. Counters never depend on any of this. */
#ifndef NSVIZ_EMIT_BPF_H
#define NSVIZ_EMIT_BPF_H

#include "maps.bpf.h"

#define NSEC_PER_SEC 1000000000ULL

static __always_inline void ev_lost(__u32 kind, __u32 why)
{
	__u32 i = NSVIZ_LOST(kind, why);
	__u64 *n = bpf_map_lookup_elem(&lost, &i);

	if (n)
		*n += 1;
}

/* Per CPU, so no atomics: the bucket refills with elapsed time, capped at one second. NOW comes
 * from one clock for every event of a kind: trace-mode packet records ask for every packet, and
 * use the coarse clock (a tick's precision keeps the rate); tracing programs may not read it. */
static __always_inline bool ev_allow(__u32 kind, __u64 now)
{
	__u64 cost = kind < NSVIZ_EV_KINDS ? ev_cost_ns[kind] : 0;
	struct ev_bucket *b;

	if (!cost)
		return true;
	b = bpf_map_lookup_elem(&buckets, &kind);
	if (!b)
		return true;
	b->credit_ns += now - b->last_ns;
	b->last_ns = now;
	if (b->credit_ns > NSEC_PER_SEC)
		b->credit_ns = NSEC_PER_SEC;
	if (b->credit_ns < cost) {
		ev_lost(kind, NSVIZ_LOST_RATE);
		return false;
	}
	b->credit_ns -= cost;
	return true;
}

/* Waking the reader for every record cost more CPU than handling the record: under a flood of
 * trace records the loop woke thousands of times a second. Batch, and let a full-ish ring wake it. */
static __always_inline __u64 ev_wake_flags(void)
{
	if (!wake_bytes)
		return 0;
	return bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= wake_bytes ? BPF_RB_FORCE_WAKEUP
									   : BPF_RB_NO_WAKEUP;
}

/* A zeroed fixed-size event with its header filled (time NOW), or NULL (and counted) when it
 * cannot go. */
static __always_inline struct nsviz_event *ev_reserve(__u32 kind, __u64 now)
{
	struct nsviz_event *e;

	if (!ev_allow(kind, now))
		return NULL;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		ev_lost(kind, NSVIZ_LOST_RING);
		return NULL;
	}
	__builtin_memset(e, 0, sizeof(*e));
	e->h.ts_ns = now;
	e->h.kind = kind;
	return e;
}

#endif
