// SPDX-License-Identifier: GPL-2.0
/* The observation points' slots across a change of the live network (point_diff.h). */
#include <errno.h>
#include <string.h>

#include "point_diff.h"

static bool same(const struct point_id *a, const struct point_id *b)
{
	return a->ifindex && a->ifindex == b->ifindex && a->netns_ino == b->netns_ino;
}

static int find(const struct point_id *ids, int n, const struct point_id *id)
{
	for (int i = 0; i < n; i++)
		if (same(&ids[i], id))
			return i;
	return -1;
}

/* A vacant slot of OLD freed before NOW - POINT_REUSE_AFTER that no point took yet (TAKEN),
 * or -1. */
static int reusable(const struct point_id *old, int nold, const bool *taken, double now)
{
	for (int i = 0; i < nold; i++)
		if (!old[i].ifindex && !taken[i] && now - old[i].freed_at >= POINT_REUSE_AFTER)
			return i;
	return -1;
}

int point_diff(const struct point_id *old, int nold, const struct point_id *cur, int ncur,
	       double now, int max, int *slot_of, bool *gone, int *nslots)
{
	bool taken[nold + 1];
	int n = nold;

	memset(taken, 0, sizeof(taken));
	for (int i = 0; i < nold; i++) {
		gone[i] = old[i].ifindex && find(cur, ncur, &old[i]) < 0;
		taken[i] = gone[i]; /* not reused within the change that frees it */
	}
	for (int j = 0; j < ncur; j++) {
		slot_of[j] = find(old, nold, &cur[j]);
		if (slot_of[j] < 0)
			slot_of[j] = reusable(old, nold, taken, now);
		if (slot_of[j] < 0) {
			if (n >= max)
				return -E2BIG;
			slot_of[j] = n++;
		} else {
			taken[slot_of[j]] = true;
		}
	}
	*nslots = n;
	return 0;
}
