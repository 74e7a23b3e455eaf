/* SPDX-License-Identifier: GPL-2.0 */
/* Which slot each observation point takes when the live network changes: a point keeps its slot
 * while its interface exists (a rename keeps it), a point whose interface is gone frees its slot,
 * a new point takes a slot freed long enough ago or a new one. Pure: no BPF, no clock. */
#ifndef NSVIZ_POINT_DIFF_H
#define NSVIZ_POINT_DIFF_H

#include <stdbool.h>
#include <stdint.h>

/* Seconds a freed slot stays unused: far longer than a BPF program that found the slot before its
 * device entry was deleted can still run (an RCU grace period), so the zeroed counters of a reused
 * slot never get a late increment of the interface that had it. */
#define POINT_REUSE_AFTER 1.0

/* An interface: its namespace's nsfs inode and its ifindex there. ifindex 0: a vacant slot. */
struct point_id {
	uint64_t netns_ino;
	int ifindex;
	double freed_at; /* a vacant slot: when it was freed (monotonic seconds) */
};

/* OLD: the NOLD slots as they are; CUR: the NCUR points wanted now, at NOW. Fills SLOT_OF[j] (the
 * slot of CUR[j]) and GONE[i] (slot i of OLD had a point and loses it), and *NSLOTS (slots used,
 * at least NOLD; at most MAX). 0, or -E2BIG when MAX slots are not enough. */
int point_diff(const struct point_id *old, int nold, const struct point_id *cur, int ncur,
	       double now, int max, int *slot_of, bool *gone, int *nslots);

#endif
