/* SPDX-License-Identifier: GPL-2.0 */
/* The only header shared by the BPF programs and user space: fixed-width types only, every
 * layout pinned by _Static_assert so both sides agree byte for byte. docs/datapath.md explains. */
#ifndef NSVIZ_H
#define NSVIZ_H

#ifdef __BPF__
/* vmlinux.h provides __u8..__u64 */
#else
#include <linux/types.h>
#endif

/* Packet classes counted per observation point. Every packet counts in its total and in exactly
 * one of arp/ipv4/ipv6/other (by ethertype); an IP packet whose L4 header was read also counts in
 * one of icmp/icmpv6/tcp/udp; malformed counts any packet whose headers are cut short or
 * inconsistent, on top of its ethertype class. */
enum nsviz_class {
	NSVIZ_C_ARP,
	NSVIZ_C_IPV4,
	NSVIZ_C_IPV6,
	NSVIZ_C_ICMP,
	NSVIZ_C_ICMPV6,
	NSVIZ_C_TCP,
	NSVIZ_C_UDP,
	NSVIZ_C_OTHER,
	NSVIZ_C_MALFORMED,
	NSVIZ_CLASS_MAX,
};

/* An observation point is an interface (numbered by user space, 0..NSVIZ_IFACES_MAX-1) and a
 * direction; its slot indexes the counters. */
enum nsviz_dir {
	NSVIZ_DIR_RX,  /* tc ingress: what the interface received */
	NSVIZ_DIR_TX,  /* tc egress: what the interface sent */
	NSVIZ_DIR_XDP, /* XDP (--xdp, bridge ports only): received, at the earliest hook */
	NSVIZ_DIRS,
	NSVIZ_DIR_NONE = 0xff, /* drop and FDB events: no direction */
};

/* What the tc and XDP programs do at a point, fixed at load (rodata `hook_work`) so that the
 * verifier prunes what a mode does not need. */
enum nsviz_work {
	NSVIZ_WORK_ALL,   /* counters, flows, events (watch, run, trace, why) */
	NSVIZ_WORK_COUNT, /* counters only (stats): no clock, no flow, no event */
	NSVIZ_WORK_NONE,  /* return at once: the benchmark's floor (NSVIZ_HOOK=empty) */
};

#define NSVIZ_IFACES_MAX 4096
#define NSVIZ_IFACE_NONE 0xffff
#define NSVIZ_SLOTS_MAX (NSVIZ_IFACES_MAX * NSVIZ_DIRS)
#define NSVIZ_SLOT(iface, dir) ((iface) * NSVIZ_DIRS + (dir))
#define NSVIZ_SNAPLEN_MAX 256
#define NSVIZ_SNAPLEN_DEFAULT 128

/* Key of the `devs` map: where a program runs (ifindex is per namespace). */
struct nsviz_dev_key {
	__u32 ifindex;
	__u32 netns_ino; /* inode of the network namespace (stat of /run/netns/NAME) */
};

/* An edge point is the egress of an interface that is not a bridge port (namespace veth ends,
 * bridge devices): where a namespace's stack sends into the observed network. A packet enters the
 * network at the edge point where it is sent by the namespace that made it (or that received it
 * through an interface nsviz does not observe); a router forwarding it from one of ours sends it
 * through an edge point again, but it does not enter there. Flows count packets, and ARP/ICMP
 * events are emitted, where the packet enters only: one ping is one ICMP event and one packet of
 * its flow, however many LANs and routers it crosses. */
#define NSVIZ_DEV_EDGE 0x1
/* A bridge device counts received bytes without the Ethernet header (br_pass_frame_up counts
 * skb->len after eth_type_trans), so its rx byte counter does too, to equal the kernel's. */
#define NSVIZ_DEV_RX_NO_ETH 0x2

/* A veth end whose peer is observed too: what this end sends, the peer receives, so the egress
 * program marks the peer's rx slot in the flow (`peer` names it) and the peer's ingress program
 * only counts. One flow update per packet per veth crossing instead of two. */
#define NSVIZ_DEV_PEER 0x4
/* The peer has no ingress program (watch, stats, export: docs/datapath.md, "Per point, only what
 * is needed"): this end's egress counts the peer's rx too, as the kernel does (a veth end's rx
 * counters are its peer's tx counters, veth_get_stats64), when the driver will deliver the frame. */
#define NSVIZ_DEV_PEER_RX 0x8
/* An inlet: an interface whose other side nsviz does not observe, not a bridge device (a tap or
 * vxlan port, a veth end whose peer is not observed, an `--if` interface but a loopback, which
 * receives what it sent). What it receives comes from outside the observed network and enters it
 * here, as at an edge point: a VM's ping through a tap port is one packet of its flow and one
 * ICMP event. */
#define NSVIZ_DEV_INLET 0x10

struct nsviz_dev_val {
	__u16 iface;
	__u16 flags;
	__u16 peer; /* the peer's interface number, with NSVIZ_DEV_PEER */
	__u16 pad;
};

/* Per-CPU counters of one slot. */
struct nsviz_counters {
	__u64 packets;
	__u64 bytes;
	__u64 classes[NSVIZ_CLASS_MAX]; /* packets */
};

/* Flow identity. IPv4 addresses fill the first 4 bytes of saddr/daddr; non-IP frames carry the
 * MACs there (6 bytes) and family 0. ICMP: sport = echo id (0 for other types), dport = type. */
struct nsviz_flow_key {
	__u8 saddr[16];
	__u8 daddr[16];
	__u16 sport; /* host byte order */
	__u16 dport;
	__u16 ethertype; /* host byte order */
	__u8 proto;      /* IPPROTO_*, 0 for non-IP */
	__u8 family;     /* 4, 6, or 0 for L2 */
};

struct nsviz_flow {
	__u64 packets; /* counted where the packet enters the network, see NSVIZ_DEV_EDGE */
	__u64 bytes;
	__u64 first_ns; /* bpf_ktime_get_coarse_ns(): CLOCK_MONOTONIC_COARSE, a tick's precision */
	__u64 last_ns;
	__u64 points;   /* bit (slot % 64) for every slot that saw the flow */
	__u8 tcp_flags; /* OR of the flags seen */
	__u8 pad[7];
};

enum nsviz_ev_kind {
	NSVIZ_EV_ARP = 1,
	NSVIZ_EV_ICMP,
	NSVIZ_EV_FLOW,
	NSVIZ_EV_DROP,
	NSVIZ_EV_FDB,
	NSVIZ_EV_PACKET, /* trace mode only: struct nsviz_ev_packet */
	NSVIZ_EV_KINDS,
};

/* Every ring-buffer record starts with this header. */
struct nsviz_ev_hdr {
	__u64 ts_ns;     /* bpf_ktime_get_ns(): CLOCK_MONOTONIC */
	__u64 skb;       /* struct sk_buff address (the same skb across hops), 0 if none */
	__u32 ifindex;   /* interface where it happened, in namespace netns_ino; 0 if unknown */
	__u32 netns_ino;
	__u16 iface;     /* user-space interface number, NSVIZ_IFACE_NONE if not observed */
	__u8 kind;       /* enum nsviz_ev_kind */
	__u8 dir;        /* enum nsviz_dir; slot = NSVIZ_SLOT(iface, dir) */
	__u32 len;       /* skb->len: wire length of the frame */
};

struct nsviz_ev_arp {
	__u16 op; /* 1 request (who-has), 2 reply (is-at) */
	__u8 sha[6];
	__u8 spa[4];
	__u8 tha[6];
	__u8 tpa[4];
	__u8 pad[2];
};

struct nsviz_ev_icmp {
	__u8 family; /* 4 or 6 */
	__u8 type;
	__u8 code;
	__u8 pad;
	__u16 id;  /* echo id/seq in host byte order, 0 for other types */
	__u16 seq;
	__u8 saddr[16];
	__u8 daddr[16];
};

struct nsviz_ev_flow {
	struct nsviz_flow_key key;
};

struct nsviz_ev_drop {
	__u32 reason; /* enum skb_drop_reason; user space names it from the kernel's BTF */
	__u32 pad;
	__u64 location; /* kernel text address that freed it */
	struct nsviz_flow_key key; /* what was dropped, as far as its headers could be read */
};

enum nsviz_fdb_op {
	NSVIZ_FDB_UPDATE = 1, /* learned or moved: user space tells which from what it has seen */
	NSVIZ_FDB_DELETE,
};

struct nsviz_ev_fdb {
	__u8 op;
	__u8 is_static; /* delete: the entry was static/permanent */
	__u16 vlan;
	__u32 br_ifindex;   /* the bridge (host namespace: bridges live there) */
	__u32 port_ifindex; /* 0 when the entry points at the bridge itself */
	__u8 mac[6];
	__u8 pad[2];
};

/* Fixed-size record for every kind but NSVIZ_EV_PACKET. */
struct nsviz_event {
	struct nsviz_ev_hdr h;
	union {
		struct nsviz_ev_arp arp;
		struct nsviz_ev_icmp icmp;
		struct nsviz_ev_flow flow;
		struct nsviz_ev_drop drop;
		struct nsviz_ev_fdb fdb;
	};
};

/* Trace mode: one per packet per observation point. The record is
 * sizeof(struct nsviz_ev_packet) - NSVIZ_SNAPLEN_MAX + cap_len bytes long. */
struct nsviz_ev_packet {
	struct nsviz_ev_hdr h;
	__u16 cap_len; /* bytes of data[] captured: min(h.len, snaplen) */
	__u16 peer_iface; /* with NSVIZ_PKT_PEER_RX */
	__u8 flags;       /* NSVIZ_PKT_* */
	__u8 pad[3];
	__u8 data[NSVIZ_SNAPLEN_MAX]; /* the frame from its Ethernet header */
};

/* A record at a veth end's egress (NSVIZ_DEV_PEER_RX) that stands for its peer's ingress too: the
 * peer has no program, and the driver delivers the frame to it. */
#define NSVIZ_PKT_PEER_RX 0x1

/* Events that could not be delivered, per kind, in the per-CPU `lost` array at
 * NSVIZ_LOST(kind, why). */
enum nsviz_lost_why {
	NSVIZ_LOST_RATE, /* the kind's token bucket was empty */
	NSVIZ_LOST_RING, /* the ring buffer was full */
	NSVIZ_LOST_WHYS,
};
#define NSVIZ_LOST(kind, why) ((kind) * NSVIZ_LOST_WHYS + (why))
#define NSVIZ_LOST_MAX (NSVIZ_EV_KINDS * NSVIZ_LOST_WHYS)

_Static_assert(sizeof(struct nsviz_dev_key) == 8, "nsviz_dev_key");
_Static_assert(sizeof(struct nsviz_dev_val) == 8, "nsviz_dev_val");
_Static_assert(sizeof(struct nsviz_counters) == 16 + 8 * NSVIZ_CLASS_MAX, "nsviz_counters");
_Static_assert(sizeof(struct nsviz_flow_key) == 40, "nsviz_flow_key");
_Static_assert(sizeof(struct nsviz_flow) == 48, "nsviz_flow");
_Static_assert(sizeof(struct nsviz_ev_hdr) == 32, "nsviz_ev_hdr");
_Static_assert(sizeof(struct nsviz_ev_arp) == 24, "nsviz_ev_arp");
_Static_assert(sizeof(struct nsviz_ev_icmp) == 40, "nsviz_ev_icmp");
_Static_assert(sizeof(struct nsviz_ev_drop) == 56, "nsviz_ev_drop");
_Static_assert(sizeof(struct nsviz_ev_fdb) == 20, "nsviz_ev_fdb");
_Static_assert(sizeof(struct nsviz_event) == 88, "nsviz_event");
_Static_assert(sizeof(struct nsviz_ev_packet) == 40 + NSVIZ_SNAPLEN_MAX, "nsviz_ev_packet");

#endif
