/* SPDX-License-Identifier: GPL-2.0 */
/* What watch, stats, trace and fdb observe: a topology that is up, or the live network. */
#ifndef NSVIZ_TARGET_H
#define NSVIZ_TARGET_H

#include "env.h"
#include "topo.h"

/* T becomes what ENV asks to observe: the names of env->topology when it is set (they must
 * exist), else the live network of this host (docs/live.md); narrowed by --netns and --bridge.
 * 0, or the exit status with the reason printed. */
int target_load(const struct env *env, struct topo *t);

#endif
