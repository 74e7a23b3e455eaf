/* SPDX-License-Identifier: GPL-2.0 */
/* Bounds-checked parsing of Ethernet/VLAN/ARP/IPv4/IPv6/ICMP/TCP/UDP. Every header is copied, in
 * place from a tc skb's linear data when it lies there, else with a load helper that fails when
 * the frame is shorter than asked, so a truncated or inconsistent
 * frame is classified (malformed) and never read past its end. The same code reads tc skbs, XDP
 * buffers and, for drops, the linear data of a kernel skb; SRC_* is a compile-time constant in
 * every caller so the other branches vanish. */
#ifndef NSVIZ_PARSE_BPF_H
#define NSVIZ_PARSE_BPF_H

#include "nsviz.h"

#define ETH_P_IP_ 0x0800
#define ETH_P_ARP_ 0x0806
#define ETH_P_IPV6_ 0x86DD
#define ETH_P_8021Q_ 0x8100
#define ETH_P_8021AD_ 0x88A8
#define IPPROTO_ICMP_ 1
#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17
#define IPPROTO_ICMPV6_ 58
#define PKT_VLAN_MAX 2
#define PKT_IPV6_EXT_MAX 6
#define PKT_NO_L4 NSVIZ_CLASS_MAX
/* Direct reads only this far into the frame: the verifier needs a bound on the offset. */
#define PKT_DIRECT_MAX 1024

enum pkt_src_kind { SRC_SKB, SRC_XDP, SRC_KERNEL };

struct pkt_src {
	void *ctx;        /* __sk_buff, xdp_md, or kernel memory holding the frame */
	__u32 limit;      /* SRC_KERNEL: bytes readable at ctx */
};

struct pkt {
	struct nsviz_flow_key key __attribute__((aligned(8))); /* compared as words: flow_marked */
	__u8 l3;        /* NSVIZ_C_ARP, _IPV4, _IPV6 or _OTHER */
	__u8 l4;        /* NSVIZ_C_ICMP, _ICMPV6, _TCP, _UDP or PKT_NO_L4 */
	__u8 malformed;
	__u8 tcp_flags;
	__u8 icmp_type, icmp_code;
	__u16 icmp_id, icmp_seq; /* echo only */
	__u32 ident; /* tells packets of one flow apart: IPv4 id, TCP seq, ack and window, ICMP echo */
	struct nsviz_ev_arp arp;   /* valid when l3 == ARP and not malformed */
};

static __always_inline int pkt_load(const struct pkt_src *s, enum pkt_src_kind kind, __u32 off,
				    void *to, __u32 len)
{
	if (kind == SRC_SKB) {
		struct __sk_buff *skb = s->ctx;
		void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;

		/* Headers are nearly always in the linear data: read in place there (the parse of a
		 * TCP frame took ~90 ns with a helper call per header, ~25 ns so); the helper reads
		 * what is not (a paged frame), and fails, as before, past the end. */
		if (off <= PKT_DIRECT_MAX && data + off + len <= end) {
			__builtin_memcpy(to, data + off, len);
			return 0;
		}
		return bpf_skb_load_bytes(s->ctx, off, to, len);
	}
	if (kind == SRC_XDP)
		return bpf_xdp_load_bytes(s->ctx, off, to, len);
	if (off > s->limit || len > s->limit - off)
		return -1;
	return bpf_probe_read_kernel(to, len, (char *)s->ctx + off);
}

static __always_inline __u16 pkt_be16(const __u8 *p)
{
	return (__u16)p[0] << 8 | p[1];
}

static __always_inline void pkt_arp(const struct pkt_src *s, enum pkt_src_kind kind, __u32 off,
				    struct pkt *p)
{
	__u8 a[28];

	p->l3 = NSVIZ_C_ARP;
	/* Only Ethernet/IPv4 ARP has the layout below. */
	if (pkt_load(s, kind, off, a, sizeof(a)) || pkt_be16(a) != 1 ||
	    pkt_be16(a + 2) != ETH_P_IP_ || a[4] != 6 || a[5] != 4) {
		p->malformed = 1;
		return;
	}
	p->arp.op = pkt_be16(a + 6);
	__builtin_memcpy(p->arp.sha, a + 8, 6);
	__builtin_memcpy(p->arp.spa, a + 14, 4);
	__builtin_memcpy(p->arp.tha, a + 18, 6);
	__builtin_memcpy(p->arp.tpa, a + 24, 4);
}

static __always_inline void pkt_icmp(struct pkt *p, const __u8 *h, __u8 echo_req, __u8 echo_rep)
{
	p->icmp_type = h[0];
	p->icmp_code = h[1];
	p->key.dport = h[0];
	if (h[0] == echo_req || h[0] == echo_rep) {
		p->icmp_id = pkt_be16(h + 4);
		p->icmp_seq = pkt_be16(h + 6);
		p->ident ^= (__u32)p->icmp_id << 16 | p->icmp_seq;
		p->key.sport = p->icmp_id;
	}
}

/* The L4 header at OFF; the IP header said it is there, so a short read is malformed. */
static __always_inline void pkt_l4(const struct pkt_src *s, enum pkt_src_kind kind, __u32 off,
				   struct pkt *p)
{
	__u8 h[20];
	__u8 proto = p->key.proto;

	if (proto == IPPROTO_TCP_) {
		if (pkt_load(s, kind, off, h, 20) || (h[12] >> 4) < 5) {
			p->malformed = 1;
			return;
		}
		p->tcp_flags = h[13];
		/* a pure ACK's seq stays, its ack moves; a window update moves the window only */
		p->ident ^= ((__u32)pkt_be16(h + 4) << 16 | pkt_be16(h + 6)) ^
			    ((__u32)pkt_be16(h + 10) << 16 | pkt_be16(h + 8)) ^
			    (__u32)pkt_be16(h + 14) << 8;
		p->l4 = NSVIZ_C_TCP;
	} else if (proto == IPPROTO_UDP_) {
		if (pkt_load(s, kind, off, h, 8)) {
			p->malformed = 1;
			return;
		}
		p->l4 = NSVIZ_C_UDP;
	} else if ((proto == IPPROTO_ICMP_ && p->key.family == 4) ||
		   (proto == IPPROTO_ICMPV6_ && p->key.family == 6)) {
		if (pkt_load(s, kind, off, h, 8)) {
			p->malformed = 1;
			return;
		}
		if (proto == IPPROTO_ICMP_) {
			p->l4 = NSVIZ_C_ICMP;
			pkt_icmp(p, h, 8, 0);
		} else {
			p->l4 = NSVIZ_C_ICMPV6;
			pkt_icmp(p, h, 128, 129);
		}
		return;
	} else {
		return;
	}
	p->key.sport = pkt_be16(h);
	p->key.dport = pkt_be16(h + 2);
}

static __always_inline void pkt_ipv4(const struct pkt_src *s, enum pkt_src_kind kind, __u32 off,
				     __u32 len, struct pkt *p)
{
	__u8 h[20];
	__u32 ihl;

	p->l3 = NSVIZ_C_IPV4;
	if (pkt_load(s, kind, off, h, sizeof(h))) {
		p->malformed = 1;
		return;
	}
	ihl = (h[0] & 0xf) * 4;
	if ((h[0] >> 4) != 4 || ihl < 20 || pkt_be16(h + 2) < ihl ||
	    (kind != SRC_KERNEL && pkt_be16(h + 2) > len - off)) {
		p->malformed = 1;
		return;
	}
	p->key.family = 4;
	p->key.proto = h[9];
	p->ident = pkt_be16(h + 4);
	__builtin_memset(p->key.saddr, 0, sizeof(p->key.saddr));
	__builtin_memset(p->key.daddr, 0, sizeof(p->key.daddr));
	__builtin_memcpy(p->key.saddr, h + 12, 4);
	__builtin_memcpy(p->key.daddr, h + 16, 4);
	/* A later fragment carries no L4 header. */
	if (pkt_be16(h + 6) & 0x1fff)
		return;
	pkt_l4(s, kind, off + ihl, p);
}

/* Walk the extension headers up to the transport header. */
static __always_inline void pkt_ipv6(const struct pkt_src *s, enum pkt_src_kind kind, __u32 off,
				     struct pkt *p)
{
	__u8 h[40], x[8];
	__u8 nh;

	p->l3 = NSVIZ_C_IPV6;
	if (pkt_load(s, kind, off, h, sizeof(h)) || (h[0] >> 4) != 6) {
		p->malformed = 1;
		return;
	}
	p->key.family = 6;
	__builtin_memcpy(p->key.saddr, h + 8, 16);
	__builtin_memcpy(p->key.daddr, h + 24, 16);
	nh = h[6];
	off += 40;
#pragma unroll
	for (int i = 0; i < PKT_IPV6_EXT_MAX; i++) {
		if (nh != 0 && nh != 43 && nh != 44 && nh != 60 && nh != 51)
			break;
		if (pkt_load(s, kind, off, x, sizeof(x))) {
			p->key.proto = nh;
			p->malformed = 1;
			return;
		}
		if (nh == 44 && (pkt_be16(x + 2) & 0xfff8)) {
			p->key.proto = x[0]; /* a later fragment: no L4 header */
			return;
		}
		if (nh == 44)
			off += 8;
		else if (nh == 51)
			off += ((__u32)x[1] + 2) * 4;
		else
			off += ((__u32)x[1] + 1) * 8;
		nh = x[0];
	}
	p->key.proto = nh;
	if (nh == 0 || nh == 43 || nh == 44 || nh == 60 || nh == 51)
		return; /* more extension headers than we walk: classified as IPv6 only */
	pkt_l4(s, kind, off, p);
}

/* The network header of ethertype PROTO at OFF (the frame is LEN bytes). */
static __always_inline void pkt_l3(const struct pkt_src *s, enum pkt_src_kind kind, __u32 off,
				   __u32 len, __u16 proto, struct pkt *p)
{
	p->key.ethertype = proto;
	if (proto == ETH_P_ARP_)
		pkt_arp(s, kind, off, p);
	else if (proto == ETH_P_IP_)
		pkt_ipv4(s, kind, off, len, p);
	else if (proto == ETH_P_IPV6_)
		pkt_ipv6(s, kind, off, p);
}

/* Classify the frame of LEN bytes and fill its flow key. */
static __always_inline void pkt_parse(const struct pkt_src *s, enum pkt_src_kind kind, __u32 len,
				      struct pkt *p)
{
	__u8 eth[14], tag[4];
	__u32 off = 14;
	__u16 proto;

	__builtin_memset(p, 0, sizeof(*p));
	p->l3 = NSVIZ_C_OTHER;
	p->l4 = PKT_NO_L4;
	if (pkt_load(s, kind, 0, eth, sizeof(eth))) {
		p->malformed = 1;
		return;
	}
	__builtin_memcpy(p->key.saddr, eth + 6, 6);
	__builtin_memcpy(p->key.daddr, eth, 6);
	proto = pkt_be16(eth + 12);
#pragma unroll
	for (int i = 0; i < PKT_VLAN_MAX; i++) {
		if (proto != ETH_P_8021Q_ && proto != ETH_P_8021AD_)
			break;
		if (pkt_load(s, kind, off, tag, sizeof(tag))) {
			p->malformed = 1;
			p->key.ethertype = proto;
			return;
		}
		proto = pkt_be16(tag + 2);
		off += 4;
	}
	pkt_l3(s, kind, off, len, proto, p);
}

#endif
