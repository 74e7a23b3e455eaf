// SPDX-License-Identifier: GPL-2.0
/* The tc programs' own cost per run, without the machine's noise: bpf_prog_test_run_opts runs
 * each program on one TCP frame (a 1514-byte data segment) REPEAT times in the kernel and says the
 * mean time of a run; the best of five such runs is printed, for each load-time work mode
 * (docs/datapath.md) and kind of point. Hot caches: the cost of the instructions, helpers and map
 * operations, not of cache misses. The loopback plays the observed interface.
 * usage: build/bench/prog-cost [REPEAT]   (default 200000; needs root). Results:
 * docs/bench-datapath.md. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nsviz.h"
#include "nsviz.skel.h"
#include "../tests/bpf/loopback.h"

#define ROUNDS 5

struct setup {
	const char *name;
	enum nsviz_work work;
	uint32_t snaplen; /* trace mode, as `watch` loads it */
	uint16_t flags;   /* of the loopback's devs entry */
	int dir;
};

static uint8_t frame[1514] = {
	2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
	0x45, 0, 0x05, 0xdc, 0x12, 0x34, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
	0x9c, 0x40, 0x14, 0x51, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0,
};

static struct nsviz_bpf *load(const struct setup *s)
{
	struct nsviz_dev_val v = { .iface = 0, .flags = s->flags, .peer = 1 };
	struct nsviz_bpf *skel = nsviz_bpf__open();

	if (!skel)
		goto fail;
	skel->rodata->hook_work = s->work;
	skel->rodata->trace_snaplen = s->snaplen;
	for (int i = 0; i < NSVIZ_EV_KINDS; i++) /* `watch`'s limits: 200000/s, packets 5000/s */
		skel->rodata->ev_cost_ns[i] = i == NSVIZ_EV_PACKET ? 200000 : 5000;
	if (loopback_load(skel, &v))
		goto fail;
	return skel;
fail:
	fprintf(stderr, "prog-cost: load the programs for '%s' (root?)\n", s->name);
	nsviz_bpf__destroy(skel);
	return NULL;
}

/* Best mean ns per run of ROUNDS runs of REPEAT, or -1. */
static int measure(const struct setup *s, uint32_t repeat)
{
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = frame, .data_size_in = sizeof(frame),
		    .repeat = repeat);
	struct nsviz_bpf *skel = load(s);
	struct bpf_program *prog;
	int best = -1;

	if (!skel)
		return -1;
	prog = s->dir == NSVIZ_DIR_RX ? skel->progs.nsviz_tc_ingress : skel->progs.nsviz_tc_egress;
	for (int r = 0; r < ROUNDS; r++) {
		if (bpf_prog_test_run_opts(bpf_program__fd(prog), &o)) {
			perror("prog-cost: test run");
			break;
		}
		if (best < 0 || (int)o.duration < best)
			best = (int)o.duration;
	}
	nsviz_bpf__destroy(skel);
	return best;
}

int main(int argc, char **argv)
{
	static const struct setup setups[] = {
		{ "floor (NSVIZ_HOOK=empty)", NSVIZ_WORK_NONE, 0, NSVIZ_DEV_EDGE, NSVIZ_DIR_TX },
		{ "stats, any point", NSVIZ_WORK_COUNT, 0, NSVIZ_DEV_EDGE, NSVIZ_DIR_TX },
		{ "watch, edge egress", NSVIZ_WORK_ALL, NSVIZ_SNAPLEN_DEFAULT,
		  NSVIZ_DEV_EDGE | NSVIZ_DEV_PEER, NSVIZ_DIR_TX },
		{ "watch, port egress", NSVIZ_WORK_ALL, NSVIZ_SNAPLEN_DEFAULT, NSVIZ_DEV_PEER,
		  NSVIZ_DIR_TX },
		{ "watch, ingress, peer seen", NSVIZ_WORK_ALL, NSVIZ_SNAPLEN_DEFAULT, NSVIZ_DEV_PEER,
		  NSVIZ_DIR_RX },
		{ "watch, ingress, bridge", NSVIZ_WORK_ALL, NSVIZ_SNAPLEN_DEFAULT,
		  NSVIZ_DEV_RX_NO_ETH, NSVIZ_DIR_RX },
	};
	uint32_t repeat = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 200000;
	int floor_ns = -1;

	if (argc > 2 || !repeat) {
		fprintf(stderr, "usage: prog-cost [REPEAT]\n");
		return 2;
	}
	printf("%-28s %8s %12s   (best of %d x %u runs of a 1514-byte TCP frame)\n", "program, point",
	       "ns/run", "above floor", ROUNDS, repeat);
	for (size_t i = 0; i < sizeof(setups) / sizeof(setups[0]); i++) {
		int ns = measure(&setups[i], repeat);

		if (ns < 0)
			return 1;
		if (floor_ns < 0)
			floor_ns = ns;
		printf("%-28s %8d %12d\n", setups[i].name, ns, ns - floor_ns);
	}
	return 0;
}
