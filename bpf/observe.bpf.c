// SPDX-License-Identifier: GPL-2.0
/* tc ingress/egress (and optional XDP) on every observation point: count by slot and class,
 * update flows, emit ARP/ICMP/flow events and, in trace mode, one packet record per point; as
 * much of it as the load-time `hook_work` asks (the floor: nothing; stats: counters only).
 * Every program lets the packet through (TCX_NEXT, which is TC_ACT_UNSPEC for cls_bpf). */
#include "../vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "nsviz.h"
#include "parse.bpf.h"
#include "emit.bpf.h"

#define TCX_NEXT -1
#define IFF_UP 0x1
#define VLAN_HLEN 4
#define FLOW_MARK_SETS_BITS 5		    /* 32 sets of two marks per CPU */
#define FLOW_MARK_FRESH_NS 100000000ULL /* 100 ms */

extern void *bpf_cast_to_kern_ctx(void *obj) __ksym;
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;

struct point {
	__u32 slot;
	__u16 iface;
	__u8 dir;
	bool edge;  /* an edge point (NSVIZ_DEV_EDGE) */
	bool inlet; /* the ingress of an inlet (NSVIZ_DEV_INLET): every packet enters here */
	bool entry; /* the packet enters the observed network here: count it in its flow */
	bool rx_no_eth;
	bool flows;      /* keeps flows here: not the ingress of a veth end whose peer is observed */
	bool veth_tx;    /* the egress of a veth end whose peer is observed (NSVIZ_DEV_PEER) */
	bool peer_rx;    /* counts the peer's rx here too (NSVIZ_DEV_PEER_RX) */
	bool peer_gets;  /* with veth_tx: the driver delivers this packet to the peer */
	__u16 peer;      /* the peer's interface number */
	__u32 peer_slot; /* the peer's rx slot */
	__u64 path_bits; /* the flow's points for this packet: this slot, and the peer's rx */
	__u32 ifindex, netns_ino;
	__u64 skb; /* struct sk_buff address, 0 at XDP */
	__u32 len;   /* wire length: skb->len with the Ethernet header */
	__u32 bytes; /* what the kernel's byte counter of this point counts */
	__u64 now;    /* bpf_ktime_get_ns(), read once an event needs it (point_now); 0 until then */
	__u64 coarse; /* bpf_ktime_get_coarse_ns(): flow times, the trace bucket, the recent marks */
};

/* A flow whose path a point other than its entry marked lately on this CPU (flow_marked), and
 * the packet its entry point last picked for records (trace_picked). */
struct flow_mark {
	struct nsviz_flow_key key;
	__u64 points;
	__u64 at_ns;      /* coarse clock */
	__u64 trace_ns;   /* when the entry point last picked a packet for records (trace_picked) */
	__u64 trace_skb;  /* which packet: its skb, */
	__u64 trace_id;   /* and what it carries (trace_id_of) */
	__u64 trace_done; /* the points that recorded it: an identical packet later is another */
	__u8 tcp_flags;
};

/* A connection's two directions: one set, one way each (flow_mark_set_of). */
struct flow_mark_set {
	struct flow_mark way[2];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1 << FLOW_MARK_SETS_BITS);
	__type(key, __u32);
	__type(value, struct flow_mark_set);
} flow_marks SEC(".maps");

static __always_inline struct nsviz_dev_val *dev_find(__u32 ifindex, __u32 netns_ino)
{
	struct nsviz_dev_key k = { .ifindex = ifindex, .netns_ino = netns_ino };

	return bpf_map_lookup_elem(&devs, &k);
}

/* Which of our observation points this device is, or false when it is not one of ours. */
static __always_inline bool point_find(struct net_device *dev, __u8 dir, struct point *pt)
{
	struct nsviz_dev_val *v;

	if (!dev)
		return false;
	pt->ifindex = dev->ifindex;
	pt->netns_ino = dev->nd_net.net->ns.inum;
	v = dev_find(pt->ifindex, pt->netns_ino);
	if (!v || v->iface >= NSVIZ_IFACES_MAX)
		return false;
	pt->iface = v->iface;
	pt->dir = dir;
	pt->slot = NSVIZ_SLOT(v->iface, dir);
	pt->edge = dir == NSVIZ_DIR_TX && (v->flags & NSVIZ_DEV_EDGE);
	pt->inlet = dir == NSVIZ_DIR_RX && (v->flags & NSVIZ_DEV_INLET);
	pt->rx_no_eth = dir == NSVIZ_DIR_RX && (v->flags & NSVIZ_DEV_RX_NO_ETH);
	pt->flows = dir != NSVIZ_DIR_RX || !(v->flags & NSVIZ_DEV_PEER);
	pt->path_bits = 1ULL << (pt->slot % 64);
	pt->peer = v->peer;
	pt->peer_slot = NSVIZ_SLOT(v->peer, NSVIZ_DIR_RX);
	pt->veth_tx = dir == NSVIZ_DIR_TX && (v->flags & NSVIZ_DEV_PEER);
	pt->peer_rx = dir == NSVIZ_DIR_TX && (v->flags & NSVIZ_DEV_PEER_RX);
	if (pt->veth_tx)
		pt->path_bits |= 1ULL << (pt->peer_slot % 64);
	return true;
}

/* At an edge point, the packet enters the observed network unless this namespace forwards it
 * from one of our interfaces, where it was counted already (a router's second LAN). The kernel
 * sets skb_iif when a namespace receives a packet; a packet the namespace made itself has 0, so
 * only forwarded packets pay the extra lookup. */
static __always_inline bool point_entry(const struct point *pt, const struct __sk_buff *skb)
{
	__u32 iif;

	if (pt->inlet)
		return true;
	if (!pt->edge)
		return false;
	iif = skb->ingress_ifindex;
	return !iif || !dev_find(iif, pt->netns_ino);
}

static __always_inline void count(__u32 slot, __u32 bytes, const struct pkt *p)
{
	struct nsviz_counters *c = bpf_map_lookup_elem(&counters, &slot);

	if (!c)
		return;
	c->packets++;
	c->bytes += bytes;
	c->classes[p->l3 < NSVIZ_CLASS_MAX ? p->l3 : NSVIZ_C_OTHER]++;
	if (p->l4 < NSVIZ_CLASS_MAX)
		c->classes[p->l4]++;
	if (p->malformed)
		c->classes[NSVIZ_C_MALFORMED]++;
}

/* Whether the veth driver will hand the frame this end sends to its peer (and count it there):
 * __dev_forward_skb drops it when the peer is down, or when it is longer than the peer's MTU +
 * hard header + a VLAN tag and not GSO; the kernel then counts it in this end's tx_dropped. A
 * full backlog on the receiving CPU drops too, and is not foreseen (docs/datapath.md). */
static __always_inline bool peer_delivers(const struct sk_buff *kskb, const struct __sk_buff *skb)
{
	/* netdev_priv(); read-only casts make plain loads (no helper call per field) */
	__u64 priv = (__u64)kskb->dev + bpf_core_field_offset(struct net_device, priv);
	struct veth_priv *vp;
	struct net_device *peer;

	vp = bpf_rdonly_cast((void *)priv, bpf_core_type_id_kernel(struct veth_priv));
	peer = vp->peer;

	if (!peer || !(peer->flags & IFF_UP))
		return false;
	return skb->gso_size || skb->len <= peer->mtu + peer->hard_header_len + VLAN_HLEN;
}

/* The clock source costs ~50 ns a read here under load (tsc in a VM), so only what is emitted
 * reads it; flows keep the coarse time, a tick's precision (docs/datapath.md). */
static __always_inline __u64 point_now(struct point *pt)
{
	if (!pt->now)
		pt->now = bpf_ktime_get_ns();
	return pt->now;
}

static __always_inline void ev_header(struct nsviz_ev_hdr *h, const struct point *pt)
{
	h->skb = pt->skb;
	h->ifindex = pt->ifindex;
	h->netns_ino = pt->netns_ino;
	h->iface = pt->iface;
	h->dir = pt->dir;
	h->len = pt->len;
}

static __always_inline void flow_new(struct point *pt, const struct pkt *p)
{
	struct nsviz_flow f = {
		.first_ns = pt->coarse,
		.last_ns = pt->coarse,
		.points = pt->path_bits,
		.tcp_flags = p->tcp_flags,
	};
	struct nsviz_event *e;

	if (pt->entry) {
		f.packets = 1;
		f.bytes = pt->len;
	}
	/* Another CPU may have created it meanwhile: then this packet is not counted in the flow,
	 * which is rare and acceptable for flows (the slot counters stay exact). */
	if (bpf_map_update_elem(&flows, &p->key, &f, BPF_NOEXIST))
		return;
	e = ev_reserve(NSVIZ_EV_FLOW, point_now(pt));
	if (!e)
		return;
	ev_header(&e->h, pt);
	e->flow.key = p->key;
	bpf_ringbuf_submit(e, ev_wake_flags());
}

/* This CPU's share of the flow (per-CPU values: no atomics, no cache line shared between the
 * CPUs of the two ends). Packets and bytes are counted where the packet enters the network;
 * other points only mark the path. */
static __always_inline void flow_update(struct point *pt, const struct pkt *p)
{
	struct nsviz_flow *f = bpf_map_lookup_elem(&flows, &p->key);

	if (!f) {
		flow_new(pt, p);
		return;
	}
	if (!f->first_ns)
		f->first_ns = pt->coarse;
	if (pt->entry) {
		f->packets++;
		f->bytes += pt->len;
	}
	f->last_ns = pt->coarse;
	f->points |= pt->path_bits;
	f->tcp_flags |= p->tcp_flags;
}

static __always_inline void emit_arp(struct point *pt, const struct pkt *p)
{
	struct nsviz_event *e = ev_reserve(NSVIZ_EV_ARP, point_now(pt));

	if (!e)
		return;
	ev_header(&e->h, pt);
	e->arp = p->arp;
	bpf_ringbuf_submit(e, ev_wake_flags());
}

static __always_inline void emit_icmp(struct point *pt, const struct pkt *p)
{
	struct nsviz_event *e = ev_reserve(NSVIZ_EV_ICMP, point_now(pt));

	if (!e)
		return;
	ev_header(&e->h, pt);
	e->icmp.family = p->key.family;
	e->icmp.type = p->icmp_type;
	e->icmp.code = p->icmp_code;
	e->icmp.id = p->icmp_id;
	e->icmp.seq = p->icmp_seq;
	__builtin_memcpy(e->icmp.saddr, p->key.saddr, 16);
	__builtin_memcpy(e->icmp.daddr, p->key.daddr, 16);
	bpf_ringbuf_submit(e, ev_wake_flags());
}

/* Trace mode: the first trace_snaplen bytes of the frame, variable length, through the scratch
 * buffer because a ring reservation must have a constant size. */
static __always_inline void emit_packet(struct __sk_buff *skb, struct point *pt)
{
	__u32 zero = 0, cap = pt->len < trace_snaplen ? pt->len : trace_snaplen;
	struct nsviz_ev_packet *e;
	__u64 len;

	if (!ev_allow(NSVIZ_EV_PACKET, pt->coarse))
		return;
	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)
		return;
	if (cap > NSVIZ_SNAPLEN_MAX)
		cap = NSVIZ_SNAPLEN_MAX;
	/* Clang tests a copy of cap for zero; the verifier must see 1..256 in the length itself. */
	if (cap && bpf_skb_load_bytes(skb, 0, e->data, ((cap - 1) & (NSVIZ_SNAPLEN_MAX - 1)) + 1))
		cap = 0;
	__builtin_memset(&e->h, 0, sizeof(e->h));
	e->h.ts_ns = point_now(pt);
	e->h.kind = NSVIZ_EV_PACKET;
	ev_header(&e->h, pt);
	e->cap_len = cap;
	e->peer_iface = pt->peer;
	e->flags = pt->peer_rx && pt->peer_gets ? NSVIZ_PKT_PEER_RX : 0;
	len = cap;
	/* Clang may test a copy of cap and pass the original, unbounded for the verifier: the bound
	 * goes on the register that is passed. */
	asm volatile("if %[len] <= %[max] goto +1; %[len] = %[max]"
		     : [len] "+r"(len)
		     : [max] "i"(NSVIZ_SNAPLEN_MAX));
	if (bpf_ringbuf_output(&events, e, sizeof(*e) - NSVIZ_SNAPLEN_MAX + len,
			       ev_wake_flags()))
		ev_lost(NSVIZ_EV_PACKET, NSVIZ_LOST_RING);
}

/* Which set of marks a key has: a multiplicative hash of what the two directions of a connection
 * share (the addresses and ports, XORed), so that they land in one set, one way each, and never
 * push each other out (a TCP stream's data and its ACKs run on the same CPU). */
static __always_inline __u32 flow_mark_set_of(const struct nsviz_flow_key *k)
{
	const __u64 *w = (const __u64 *)k;
	__u64 ports = (w[4] ^ (w[4] >> 16)) & 0xffff, rest = w[4] >> 32;
	__u64 h = ((w[0] ^ w[2]) * 0x9e3779b97f4a7c15ULL ^ (w[1] ^ w[3])) * 0x9e3779b97f4a7c15ULL;

	h = (h ^ (ports | rest << 16)) * 0x9e3779b97f4a7c15ULL;
	return h >> (64 - FLOW_MARK_SETS_BITS);
}

/* Which way: the direction, from the order of the two ends (source against destination). */
static __always_inline __u32 flow_mark_way_of(const struct nsviz_flow_key *k)
{
	const __u64 *w = (const __u64 *)k;

	if (w[0] != w[2])
		return w[0] < w[2];
	if (w[1] != w[3])
		return w[1] < w[3];
	return k->sport < k->dport;
}

static __always_inline bool flow_key_eq(const struct nsviz_flow_key *a,
					const struct nsviz_flow_key *b)
{
	const __u64 *x = (const __u64 *)a, *y = (const __u64 *)b;

	return x[0] == y[0] && x[1] == y[1] && x[2] == y[2] && x[3] == y[3] && x[4] == y[4];
}

/* This CPU's mark of the packet's flow; one that held another flow is taken over, empty. */
static __always_inline struct flow_mark *flow_mark_of(const struct pkt *p)
{
	__u32 i = flow_mark_set_of(&p->key);
	struct flow_mark_set *set = bpf_map_lookup_elem(&flow_marks, &i);
	struct flow_mark *m;

	if (!set)
		return NULL;
	m = &set->way[flow_mark_way_of(&p->key) & 1];
	if (!flow_key_eq(&m->key, &p->key)) {
		__builtin_memset(m, 0, sizeof(*m));
		m->key = p->key;
	}
	return m;
}

/* Whether this CPU's share of the flow has this point's bits and the packet's TCP flags already,
 * marked less than FLOW_MARK_FRESH_NS ago, so that a point other than the entry need not update
 * it: the flow LRU lookup was most of what `watch` costs above `stats`, and a packet between two
 * namespaces made two. What waits is the flow's last_ns (by at most that long, and only for a
 * flow that has no entry point: the entry point updates it for every packet). Otherwise the
 * mark takes them, for the update that follows. */
static __always_inline bool flow_marked(struct flow_mark *m, const struct point *pt,
					const struct pkt *p)
{
	if (pt->coarse - m->at_ns < FLOW_MARK_FRESH_NS &&
	    (m->points & pt->path_bits) == pt->path_bits && (m->tcp_flags | p->tcp_flags) == m->tcp_flags)
		return true;
	m->points |= pt->path_bits;
	m->tcp_flags |= p->tcp_flags;
	m->at_ns = pt->coarse;
	return false;
}

/* ARP and ICMP events come from where the packet enters the network, as its flow's count does.
 * Returns the flow's mark where one was needed (NULL at the entry point unless records are
 * picked per flow). */
static __always_inline struct flow_mark *flow_and_events(struct point *pt, struct __sk_buff *skb,
							 const struct pkt *p)
{
	struct flow_mark *m = NULL;

	pt->entry = point_entry(pt, skb);
	if (!pt->entry || trace_flow_gap_ns)
		m = flow_mark_of(p);
	if (m && !pt->entry && flow_marked(m, pt, p))
		return m;
	flow_update(pt, p);
	if (pt->entry && p->l3 == NSVIZ_C_ARP && !p->malformed)
		emit_arp(pt, p);
	if (pt->entry && (p->l4 == NSVIZ_C_ICMP || p->l4 == NSVIZ_C_ICMPV6))
		emit_icmp(pt, p);
	return m;
}

/* With the skb, which packet this is, as every point sees it: the slab hands the next packet of
 * a flow the same skb, and what that one carries differs; a flooded copy carries the same. */
static __always_inline __u64 trace_id_of(const struct point *pt, const struct pkt *p)
{
	return (__u64)p->ident << 32 | pt->len;
}

/* A copy of the picked packet in another skb (a bridge floods clones) follows the pick when it
 * comes this soon: the entry point's coarse time, a tick or so. Only a clone: a pure ACK sent
 * twice is a new skb with the same content, and not the packet picked. */
#define TRACE_PICK_COPY_NS 5000000ULL

/* `watch`: whether this packet gets its records. A busy flow's packets are picked at most every
 * trace_flow_gap_ns per CPU, each with all its points, instead of the fragments a rate limit
 * leaves: the entry point picks, the packet's later points follow (the mark keeps the pick). A
 * point whose flow has no pick (no entry point, or another flow took the mark meanwhile) leaves
 * it to the rate limit, as before (docs/datapath.md, "Whole paths, fewer"). */
static __always_inline bool trace_picked(const struct point *pt, const struct sk_buff *kskb,
					 const struct pkt *p, struct flow_mark *m)
{
	if (!trace_flow_gap_ns || !m)
		return true;
	if (!pt->entry) {
		if (!m->trace_ns)
			return true;
		if (m->trace_id != trace_id_of(pt, p) || (m->trace_done & pt->path_bits) ||
		    (m->trace_skb != pt->skb && !(BPF_CORE_READ_BITFIELD(kskb, cloned) &&
						  pt->coarse - m->trace_ns <= TRACE_PICK_COPY_NS)))
			return false;
		m->trace_done |= pt->path_bits;
		return true;
	}
	if (pt->coarse - m->trace_ns < trace_flow_gap_ns)
		return false;
	m->trace_ns = pt->coarse;
	m->trace_skb = pt->skb;
	m->trace_id = trace_id_of(pt, p);
	m->trace_done = pt->path_bits;
	return true;
}

static __always_inline int observe(struct __sk_buff *skb, __u8 dir)
{
	struct sk_buff *kskb = bpf_cast_to_kern_ctx(skb);
	struct pkt_src src = { .ctx = skb };
	struct flow_mark *m = NULL;
	struct point pt;
	struct pkt p;

	if (hook_work == NSVIZ_WORK_NONE || !point_find(kskb->dev, dir, &pt))
		return TCX_NEXT;
	pt.skb = (__u64)kskb;
	pt.len = skb->len;
	pt.bytes = pt.rx_no_eth ? pt.len - kskb->mac_len : pt.len;
	pkt_parse(&src, SRC_SKB, pt.len, &p);
	/* What the veth driver drops it counts in tx_dropped, not in tx_packets: neither do we. */
	pt.peer_gets = !pt.veth_tx || peer_delivers(kskb, skb);
	if (pt.peer_gets)
		count(pt.slot, pt.bytes, &p);
	if (pt.peer_rx && pt.peer_gets)
		count(pt.peer_slot, pt.len, &p);
	/* Counters are all stats needs; at a veth end whose peer's egress keeps the flow, only a
	 * trace record would need the clock (docs/datapath.md, "Per point, only what is needed"). */
	if (hook_work == NSVIZ_WORK_COUNT || (!pt.flows && !trace_snaplen))
		return TCX_NEXT;
	pt.now = 0;
	pt.coarse = bpf_ktime_get_coarse_ns();
	if (pt.flows)
		m = flow_and_events(&pt, skb, &p);
	if (trace_snaplen && trace_picked(&pt, kskb, &p, m))
		emit_packet(skb, &pt);
	return TCX_NEXT;
}

SEC("tc")
int nsviz_tc_ingress(struct __sk_buff *skb)
{
	return observe(skb, NSVIZ_DIR_RX);
}

SEC("tc")
int nsviz_tc_egress(struct __sk_buff *skb)
{
	return observe(skb, NSVIZ_DIR_TX);
}

/* Counts only: the frame has no skb yet, and events come from the tc hooks behind it. */
SEC("xdp")
int nsviz_xdp(struct xdp_md *ctx)
{
	struct xdp_buff *x = bpf_cast_to_kern_ctx(ctx);
	struct pkt_src src = { .ctx = ctx };
	struct point pt;
	struct pkt p;

	if (hook_work == NSVIZ_WORK_NONE || !point_find(x->rxq->dev, NSVIZ_DIR_XDP, &pt))
		return XDP_PASS;
	pt.len = bpf_xdp_get_buff_len(ctx);
	pt.bytes = pt.len;
	pkt_parse(&src, SRC_XDP, pt.len, &p);
	count(pt.slot, pt.bytes, &p);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
