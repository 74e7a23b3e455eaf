/* SPDX-License-Identifier: GPL-2.0 */
/* What watch, stats, trace and fdb observe: a topology that is up, or the live network. */
#ifndef NSVIZ_TARGET_H
#define NSVIZ_TARGET_H

#include "env.h"
#include "live.h"
#include "topo.h"

/* T becomes what ENV asks to observe: the names of env->topology when it is set (they must
 * exist), else the live network of this host (docs/live.md); narrowed by --netns and --bridge.
 * 0, or the exit status with the reason printed. */
int target_load(const struct env *env, struct topo *t);

/* What ENV observes after LIVE, a later reading of the live network, into *OUT (heap-allocated):
 * ENV's TOPOLOGY again (its interfaces may have been made again), or a new view of LIVE, narrowed
 * as target_load narrows: a --netns or --bridge name LIVE no longer has leaves it out (it was
 * deleted while observed); what PREV, the view before, has keeps its order. 0 or -errno (printed,
 * except for the TOPOLOGY, which parsed at the start). */
int target_view(const struct env *env, const struct live *live, const struct topo *prev,
		struct topo **out);

#endif
