// SPDX-License-Identifier: GPL-2.0
/* What the tc programs do at a point (docs/datapath.md, "Per point, only what is needed"), through
 * bpf_prog_test_run_opts on one ICMP echo request: the floor (NSVIZ_WORK_NONE) touches nothing;
 * count-only (stats) counts exactly as before but keeps no flow and sends no event; everything
 * (watch) lets the egress of a veth end mark its observed peer's rx slot in the flow, and the
 * peer's ingress then only counts. Needs root. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nsviz.h"
#include "nsviz.skel.h"
#include "../unit/tap.h"
#include "loopback.h"

/* Test runs see the loopback device: it plays interface 0, a veth end whose peer is interface 1. */
#define PEER 1

/* 10.0.0.1 -> 10.0.0.2, ICMP echo request id 7 seq 1, 42 bytes with its Ethernet header. */
static const uint8_t echo[42] = {
	2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
	0x45, 0, 0, 28, 0x12, 0x34, 0, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
	8, 0, 0, 0, 0, 7, 0, 1,
};

struct ctx {
	struct nsviz_bpf *skel;
	struct ring_buffer *rb;
	int ncpus, events;
};

static int on_event(void *c, void *data, size_t size)
{
	(void)data;
	(void)size;
	((struct ctx *)c)->events++;
	return 0;
}

/* Load with WORK; the loopback is interface 0 with FLAGS (peer PEER when NSVIZ_DEV_PEER). */
static int ctx_open(struct ctx *x, enum nsviz_work work, uint16_t flags)
{
	struct nsviz_dev_val v = { .iface = 0, .flags = flags, .peer = PEER };

	memset(x, 0, sizeof(*x));
	x->ncpus = libbpf_num_possible_cpus();
	x->skel = nsviz_bpf__open();
	if (!x->skel)
		return -1;
	x->skel->rodata->hook_work = work;
	if (loopback_load(x->skel, &v))
		return -1;
	x->rb = ring_buffer__new(bpf_map__fd(x->skel->maps.events), on_event, x, NULL);
	return x->rb ? 0 : -1;
}

static void ctx_close(struct ctx *x)
{
	ring_buffer__free(x->rb);
	nsviz_bpf__destroy(x->skel);
}

/* The echo through the program of DIR; its verdict, or -1000 when the run fails. */
static int run(struct ctx *x, int dir)
{
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = echo, .data_size_in = sizeof(echo), .repeat = 1);
	struct bpf_program *prog = dir == NSVIZ_DIR_RX ? x->skel->progs.nsviz_tc_ingress
						       : x->skel->progs.nsviz_tc_egress;

	if (bpf_prog_test_run_opts(bpf_program__fd(prog), &o)) {
		printf("# test run: %s\n", strerror(errno));
		return -1000;
	}
	ring_buffer__consume(x->rb);
	return (int)o.retval;
}

/* Packets counted at interface 0's DIR, summed over the CPUs. */
static uint64_t counted(struct ctx *x, int dir)
{
	struct nsviz_counters v[x->ncpus];
	uint32_t key = NSVIZ_SLOT(0, dir);
	uint64_t n = 0;

	if (bpf_map_lookup_elem(bpf_map__fd(x->skel->maps.counters), &key, v))
		return (uint64_t)-1;
	for (int c = 0; c < x->ncpus; c++)
		n += v[c].packets;
	return n;
}

/* The flows kept: how many, and the packets and points of the last, merged over the CPUs. */
static int flows(struct ctx *x, uint64_t *packets, uint64_t *points)
{
	int fd = bpf_map__fd(x->skel->maps.flows), n = 0;
	struct nsviz_flow_key k, *prev = NULL;
	struct nsviz_flow v[x->ncpus];

	*packets = *points = 0;
	while (!bpf_map_get_next_key(fd, prev, &k)) {
		prev = &k;
		if (bpf_map_lookup_elem(fd, &k, v))
			return -1;
		n++;
		*packets = *points = 0;
		for (int c = 0; c < x->ncpus; c++) {
			*packets += v[c].packets;
			*points |= v[c].points;
		}
	}
	return n;
}

static uint64_t bit(int iface, int dir)
{
	return 1ULL << (NSVIZ_SLOT(iface, dir) % 64);
}

/* The floor and count-only: WANT packets at each point, never a flow or an event. */
static void test_lean(enum nsviz_work work, const char *name, uint64_t want)
{
	struct ctx x;
	uint64_t packets, points;

	if (tap_ok(!ctx_open(&x, work, NSVIZ_DEV_EDGE), "%s: load the programs", name)) {
		tap_ok(run(&x, NSVIZ_DIR_TX) == -1 && run(&x, NSVIZ_DIR_RX) == -1,
		       "%s: both programs let the packet through", name);
		tap_ok(counted(&x, NSVIZ_DIR_TX) == want && counted(&x, NSVIZ_DIR_RX) == want,
		       "%s: the echo counted %llu time(s) at each point", name,
		       (unsigned long long)want);
		tap_ok(flows(&x, &packets, &points) == 0 && x.events == 0,
		       "%s: no flow, no ICMP or flow event", name);
	}
	ctx_close(&x);
}

static void test_peer(void)
{
	struct ctx x;
	uint64_t packets, points;
	int n;

	if (!tap_ok(!ctx_open(&x, NSVIZ_WORK_ALL, NSVIZ_DEV_EDGE | NSVIZ_DEV_PEER),
		    "load every program's work, interface 0 with an observed peer")) {
		ctx_close(&x);
		return;
	}
	run(&x, NSVIZ_DIR_TX);
	n = flows(&x, &packets, &points);
	tap_ok(n == 1 && packets == 1 && points == (bit(0, NSVIZ_DIR_TX) | bit(PEER, NSVIZ_DIR_RX)),
	       "egress: one flow of one packet, through this tx and the peer's rx (%d flows, %llu "
	       "packets, points %#llx)", n, (unsigned long long)packets, (unsigned long long)points);
	tap_ok(x.events == 2, "egress: an ICMP and a new-flow event (%d)", x.events);
	run(&x, NSVIZ_DIR_RX);
	n = flows(&x, &packets, &points);
	tap_ok(counted(&x, NSVIZ_DIR_RX) == 1, "ingress of a veth end with an observed peer: counted");
	tap_ok(n == 1 && packets == 1 && !(points & bit(0, NSVIZ_DIR_RX)) && x.events == 2,
	       "and only counted: the flow and the events are the peer's egress's (points %#llx)",
	       (unsigned long long)points);
	ctx_close(&x);
	if (!tap_ok(!ctx_open(&x, NSVIZ_WORK_ALL, NSVIZ_DEV_EDGE), "load again, no observed peer"))
		return;
	run(&x, NSVIZ_DIR_TX);
	run(&x, NSVIZ_DIR_RX);
	flows(&x, &packets, &points);
	tap_ok(points == (bit(0, NSVIZ_DIR_TX) | bit(0, NSVIZ_DIR_RX)),
	       "without an observed peer the ingress marks its own rx (points %#llx)",
	       (unsigned long long)points);
	ctx_close(&x);
}

int main(void)
{
	if (geteuid() != 0) {
		printf("1..0 # SKIP needs root to load BPF programs\n");
		return 0;
	}
	test_lean(NSVIZ_WORK_NONE, "floor", 0);
	test_lean(NSVIZ_WORK_COUNT, "count only", 1);
	test_peer();
	return tap_done();
}
