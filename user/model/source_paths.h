/* SPDX-License-Identifier: GPL-2.0 */
/* A source that adds packet paths and the bridges' forwarding databases to the live collector's
 * snapshots: the collector runs in trace mode, its records go through a tracer into paths, its FDB
 * events and a periodic netlink read keep the FDB. */
#ifndef NSVIZ_SOURCE_PATHS_H
#define NSVIZ_SOURCE_PATHS_H

#include "collector.h"
#include "paths.h"
#include "source.h"

#define SOURCE_PATHS_KEEP 64       /* recent paths in a snapshot */
#define SOURCE_PATHS_FDB_PERIOD 5  /* seconds between FDB re-reads */

/* Wrap C (its ownership passes to the new source, also on failure) for topology T (kept by
 * reference). ON_PATH, if not NULL, gets each path as it completes. NULL on ENOMEM. */
struct source *source_paths_new(struct collector *c, const struct topo *t, paths_emit_cb on_path,
				void *ctx);

#endif
