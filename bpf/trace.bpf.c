// SPDX-License-Identifier: GPL-2.0
/* tp_btf programs: drops (skb:kfree_skb, with the kernel's reason) and bridge FDB changes
 * (bridge:br_fdb_update, bridge:fdb_delete), kept only when they happen on an interface of the
 * topology. User space loads each one only if the running kernel has its tracepoint. */
#include "../vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include "nsviz.h"
#include "parse.bpf.h"
#include "emit.bpf.h"

#define HEADER_UNSET 0xffff /* skb->mac_header, skb->network_header not set */

static __always_inline struct nsviz_dev_val *dev_lookup(struct net_device *dev,
							 struct nsviz_dev_key *k)
{
	if (!dev)
		return NULL;
	k->ifindex = BPF_CORE_READ(dev, ifindex);
	k->netns_ino = BPF_CORE_READ(dev, nd_net.net, ns.inum);
	return bpf_map_lookup_elem(&devs, k);
}

/* What was dropped: its headers from the linear data, from the MAC header when it is known, else
 * from the network header (a packet waiting for its neighbour, NEIGH_FAILED, has no MAC header
 * yet), else only its ethertype. */
static __always_inline void drop_key(struct sk_buff *skb, struct nsviz_flow_key *key)
{
	__u16 mac = BPF_CORE_READ(skb, mac_header);
	__u16 net = BPF_CORE_READ(skb, network_header);
	__u16 proto = bpf_ntohs(BPF_CORE_READ(skb, protocol));
	unsigned char *head = BPF_CORE_READ(skb, head);
	__u32 tail = BPF_CORE_READ(skb, tail);
	struct pkt_src src;
	struct pkt p;

	if (mac != HEADER_UNSET && tail > mac) {
		src.ctx = head + mac;
		src.limit = tail - mac;
		pkt_parse(&src, SRC_KERNEL, src.limit, &p);
	} else if (net != HEADER_UNSET && tail > net) {
		src.ctx = head + net;
		src.limit = tail - net;
		__builtin_memset(&p, 0, sizeof(p));
		pkt_l3(&src, SRC_KERNEL, 0, src.limit, proto, &p);
	} else {
		key->ethertype = proto;
		return;
	}
	*key = p.key;
}

SEC("tp_btf/kfree_skb")
int BPF_PROG(nsviz_kfree_skb, struct sk_buff *skb, void *location, enum skb_drop_reason reason)
{
	struct nsviz_dev_key k = {};
	struct nsviz_dev_val *v = dev_lookup(BPF_CORE_READ(skb, dev), &k);
	struct nsviz_event *e;

	if (!v)
		return 0;
	e = ev_reserve(NSVIZ_EV_DROP, bpf_ktime_get_ns());
	if (!e)
		return 0;
	e->h.skb = (__u64)skb;
	e->h.ifindex = k.ifindex;
	e->h.netns_ino = k.netns_ino;
	e->h.iface = v->iface;
	e->h.dir = NSVIZ_DIR_NONE;
	e->h.len = BPF_CORE_READ(skb, len);
	e->drop.reason = reason;
	e->drop.location = (__u64)location;
	drop_key(skb, &e->drop.key);
	bpf_ringbuf_submit(e, ev_wake_flags());
	return 0;
}

static __always_inline struct nsviz_event *fdb_event(struct net_bridge *br, __u8 op)
{
	struct nsviz_dev_key k = {};
	struct nsviz_dev_val *v = dev_lookup(BPF_CORE_READ(br, dev), &k);
	struct nsviz_event *e;

	if (!v)
		return NULL;
	e = ev_reserve(NSVIZ_EV_FDB, bpf_ktime_get_ns());
	if (!e)
		return NULL;
	e->h.ifindex = k.ifindex;
	e->h.netns_ino = k.netns_ino;
	e->h.iface = v->iface;
	e->h.dir = NSVIZ_DIR_NONE;
	e->fdb.op = op;
	e->fdb.br_ifindex = k.ifindex;
	return e;
}

SEC("tp_btf/br_fdb_update")
int BPF_PROG(nsviz_fdb_update, struct net_bridge *br, struct net_bridge_port *source,
	     const unsigned char *addr, u16 vid)
{
	struct nsviz_event *e = fdb_event(br, NSVIZ_FDB_UPDATE);

	if (!e)
		return 0;
	e->fdb.vlan = vid;
	if (source)
		e->fdb.port_ifindex = BPF_CORE_READ(source, dev, ifindex);
	bpf_probe_read_kernel(e->fdb.mac, 6, addr);
	bpf_ringbuf_submit(e, ev_wake_flags());
	return 0;
}

SEC("tp_btf/fdb_delete")
int BPF_PROG(nsviz_fdb_delete, struct net_bridge *br, struct net_bridge_fdb_entry *f)
{
	struct nsviz_event *e = fdb_event(br, NSVIZ_FDB_DELETE);
	struct net_bridge_port *dst;

	if (!e)
		return 0;
	e->fdb.vlan = BPF_CORE_READ(f, key.vlan_id);
	e->fdb.is_static = !!(BPF_CORE_READ(f, flags) & (1UL << BR_FDB_STATIC));
	dst = BPF_CORE_READ(f, dst);
	if (dst)
		e->fdb.port_ifindex = BPF_CORE_READ(dst, dev, ifindex);
	BPF_CORE_READ_INTO(&e->fdb.mac, f, key.addr.addr);
	bpf_ringbuf_submit(e, ev_wake_flags());
	return 0;
}
