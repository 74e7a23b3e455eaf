/* SPDX-License-Identifier: GPL-2.0 */
/* The live network seen as a topology: what `watch`, `stats`, `trace` and `fdb` observe when no
 * TOPOLOGY is given (docs/live.md says what the view cannot carry). */
#ifndef NSVIZ_LIVE_VIEW_H
#define NSVIZ_LIVE_VIEW_H

#include <stdio.h>
#include "live.h"
#include "topo.h"

/* T becomes the view of LIVE: its namespaces (a process-held one with its /proc path), the
 * bridges of the host namespace, and every veth whose ends are each in a namespace or a port of
 * one of those bridges, with its addresses. 0 or -ENOMEM (printed on ERR with CMD). */
int live_view(const struct live *live, struct topo *t, const char *cmd, FILE *err);

#endif
