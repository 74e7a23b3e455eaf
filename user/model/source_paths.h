/* SPDX-License-Identifier: GPL-2.0 */
/* A source that adds packet paths to the live collector's snapshots: the collector runs in trace
 * mode, its records go through a tracer into paths. */
#ifndef NSVIZ_SOURCE_PATHS_H
#define NSVIZ_SOURCE_PATHS_H

#include "collector.h"
#include "paths.h"
#include "source.h"

#define SOURCE_PATHS_KEEP 64       /* recent paths in a snapshot */

/* Wrap C (its ownership passes to the new source, also on failure). ON_PATH, if not NULL, gets each path as it completes. NULL on ENOMEM. */
struct source *source_paths_new(struct collector *c, paths_emit_cb on_path, void *ctx);

#endif
