/* SPDX-License-Identifier: GPL-2.0 */
/* bpf_prog_test_run_opts hands tc programs a skb on the loopback device of the caller's network
 * namespace: load the tc programs of an opened skeleton (the tracepoints and XDP off) and make
 * the loopback the observed interface V. Shared by tests/bpf and bench/prog-cost.c. */
#ifndef NSVIZ_TESTS_LOOPBACK_H
#define NSVIZ_TESTS_LOOPBACK_H

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <sys/stat.h>

#include "nsviz.h"
#include "nsviz.skel.h"

/* 0, or -1 when the programs do not load (not root?) or the map refuses the entry. */
static inline int loopback_load(struct nsviz_bpf *skel, const struct nsviz_dev_val *v)
{
	struct nsviz_dev_key k = { .ifindex = 1 };
	struct stat st;

	if (stat("/proc/self/ns/net", &st))
		return -1;
	k.netns_ino = (uint32_t)st.st_ino;
	bpf_program__set_autoload(skel->progs.nsviz_xdp, false);
	bpf_program__set_autoload(skel->progs.nsviz_kfree_skb, false);
	bpf_program__set_autoload(skel->progs.nsviz_fdb_update, false);
	bpf_program__set_autoload(skel->progs.nsviz_fdb_delete, false);
	if (nsviz_bpf__load(skel) || bpf_map_update_elem(bpf_map__fd(skel->maps.devs), &k, v, BPF_ANY))
		return -1;
	return 0;
}

#endif
