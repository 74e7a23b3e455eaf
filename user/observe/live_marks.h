/* SPDX-License-Identifier: GPL-2.0 */
/* The declared-vs-live differences a snapshot carries: each on the interface or the namespace it
 * is about, for the UI to mark (docs/tui.md). */
#ifndef NSVIZ_LIVE_MARKS_H
#define NSVIZ_LIVE_MARKS_H

#include "live.h"
#include "snapshot.h"

/* Compare DECLARED with LIVE and put each difference in words on the mismatch of the interface of
 * IFS (N of them) or the namespace of NS (NNS) it is about; the others' become "". A bridge's is
 * on its device, a route's on its namespace. 0 or -ENOMEM. */
int live_marks_fill(const struct topo *declared, const struct live *live, struct snap_iface *ifs,
		    int n, struct snap_netns *ns, int nns);

#endif
