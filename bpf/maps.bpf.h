/* SPDX-License-Identifier: GPL-2.0 */
/* Maps and load-time configuration shared by observe.bpf.c and trace.bpf.c. Declared __weak so
 * that `bpftool gen object` merges the two copies into one map each in the linked object. */
#ifndef NSVIZ_MAPS_BPF_H
#define NSVIZ_MAPS_BPF_H

#include "nsviz.h"

/* enum nsviz_work: how much of the tc/XDP programs runs. */
const volatile __u32 hook_work __weak = NSVIZ_WORK_ALL;
/* Trace mode: bytes of each frame sent as an NSVIZ_EV_PACKET at every point; 0 = off. */
const volatile __u32 trace_snaplen __weak = 0;
/* Trace mode: a flow's packets get records at most this often per CPU, each with all its points;
 * 0 = any packet, as the rate limit allows. */
const volatile __u64 trace_flow_gap_ns __weak = 0;
/* Token-bucket cost of one event of each kind, per CPU, in ns (1e9 / events per second);
 * 0 = unlimited. The bucket holds at most one second of credit. */
const volatile __u64 ev_cost_ns[NSVIZ_EV_KINDS] __weak = {};
/* Wake the reader only once this many bytes wait in the ring (it also drains on a timer);
 * 0 = wake it for every record. */
const volatile __u64 wake_bytes __weak = 0;

/* Where programs run: (ifindex, netns) -> the interface number user space gave it. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, NSVIZ_IFACES_MAX);
	__type(key, struct nsviz_dev_key);
	__type(value, struct nsviz_dev_val);
} devs SEC(".maps") __weak;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, NSVIZ_SLOTS_MAX);
	__type(key, __u32);
	__type(value, struct nsviz_counters);
} counters SEC(".maps") __weak;

/* Per-CPU values: the sender's and the receiver's CPUs touch the same flow at every packet, and a
 * shared value would bounce between their caches. User space merges the CPUs. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH);
	__uint(max_entries, 8192);
	__type(key, struct nsviz_flow_key);
	__type(value, struct nsviz_flow);
} flows SEC(".maps") __weak;

/* User space may resize it before load (NSVIZ_RINGBUF_SIZE). */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 << 20);
} events SEC(".maps") __weak;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, NSVIZ_LOST_MAX);
	__type(key, __u32);
	__type(value, __u64);
} lost SEC(".maps") __weak;

struct ev_bucket {
	__u64 last_ns;
	__u64 credit_ns;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, NSVIZ_EV_KINDS);
	__type(key, __u32);
	__type(value, struct ev_bucket);
} buckets SEC(".maps") __weak;

/* Trace mode builds its variable-length record here before copying it into the ring. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct nsviz_ev_packet);
} scratch SEC(".maps") __weak;

#endif
