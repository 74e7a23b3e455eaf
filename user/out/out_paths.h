/* SPDX-License-Identifier: GPL-2.0 */
/* A path as text (docs/paths.md), the lines of `nsviz trace`. */
#ifndef NSVIZ_OUT_PATHS_H
#define NSVIZ_OUT_PATHS_H

#include <stdio.h>
#include "snapshot.h"

/* The summary line, then the hops and the verdict on a second line, indented. */
void out_paths_text(FILE *out, const struct snap_path *p);

#endif
