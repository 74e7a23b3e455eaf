/* SPDX-License-Identifier: GPL-2.0 */
/* A source whose snapshots carry the live state of every interface (snap_link), kept current by
 * the live network's notifications: nothing is read again while nothing changes. */
#ifndef NSVIZ_SOURCE_LIVE_H
#define NSVIZ_SOURCE_LIVE_H

#include <stdio.h>
#include "live.h"
#include "source.h"
#include "topo.h"

/* Each change of the live network, as live_diff finds it. */
typedef void (*source_live_event_fn)(const struct live_event *e, void *ctx);

/* Wrap INNER (its ownership passes to the new source, also on failure). The live network is
 * read now; failures are printed on ERR with CMD. ON_EVENT, if not NULL, gets every change of
 * the live network that concerns SCOPE (NULL: every change; else its namespaces, and the host's
 * interfaces it names), which must outlive the source. NULL on failure. */
struct source *source_live_new(struct source *inner, const struct topo *scope,
			       source_live_event_fn on_event, void *ctx, const char *cmd, FILE *err);
/* From now on, compare the live network with DECLARED (which must outlive the source) at each
 * reading, and carry each difference on its interface or namespace (snap_link.mismatch,
 * snap_netns.mismatch). */
void source_live_expect(struct source *s, const struct topo *declared);

/* After each reading of the live network: FN makes what is observed follow LIVE, and may set
 * *SCOPE to a new scope for ON_EVENT (the topology now observed; a change is told when it concerns
 * the scope before or after it). 0, or -errno to be called again on the next tick. */
typedef int (*source_live_change_fn)(const struct live *live, const struct topo **scope,
				     void *ctx);
void source_live_on_change(struct source *s, source_live_change_fn fn, void *ctx);

#endif
