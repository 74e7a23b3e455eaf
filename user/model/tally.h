/* SPDX-License-Identifier: GPL-2.0 */
/* Counts kept from events and paths as they arrive, for the exporter: drops by place and reason,
 * FDB changes by bridge and operation, and a histogram of path latency by verdict. Their keys are
 * names of the network and the kernel's fixed sets, never packet contents: the number of series
 * stays bounded (interfaces x drop reasons, bridges x 3, verdicts x buckets). */
#ifndef NSVIZ_TALLY_H
#define NSVIZ_TALLY_H

#include <stdint.h>
#include "snapshot.h"

/* Upper bounds of the latency buckets, in seconds; one more bucket (+Inf) holds the rest. */
#define TALLY_BUCKETS 14
extern const double tally_le[TALLY_BUCKETS];

struct tally_drop {
	char netns[TOPO_NETNS_MAX + 1];
	char ifname[TOPO_IFNAME_MAX + 1];
	char reason[48];
	uint64_t count;
};

struct tally_fdb {
	char bridge[TOPO_IFNAME_MAX + 1];
	char op[8];
	uint64_t count;
};

struct tally_latency {
	char verdict[24];
	uint64_t buckets[TALLY_BUCKETS + 1]; /* not cumulative; the last is past every bound */
	uint64_t count;
	double sum; /* seconds */
};

struct tally {
	struct tally_drop *drops;
	int ndrops, drops_cap; /* in use, allocated (grow.h) */
	struct tally_fdb *fdb;
	int nfdb, fdb_cap;
	struct tally_latency *latency;
	int nlatency, latency_cap;
	uint64_t incomplete; /* paths that did not complete: no latency to count */
};

/* A drop or FDB event counts; other kinds do not. 0 or -ENOMEM. */
int tally_event(struct tally *t, const struct snap_event *e);
/* A complete path counts in its verdict's histogram, an incomplete one in t->incomplete.
 * 0 or -ENOMEM. */
int tally_path(struct tally *t, const struct snap_path *p);
/* A deep copy into OUT. 0 or -ENOMEM (OUT is then empty). */
int tally_copy(const struct tally *t, struct tally *out);
void tally_free(struct tally *t);

#endif
