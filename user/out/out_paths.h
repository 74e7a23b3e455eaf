/* SPDX-License-Identifier: GPL-2.0 */
/* A path as text (docs/paths.md), the lines of `nsviz trace`. */
#ifndef NSVIZ_OUT_PATHS_H
#define NSVIZ_OUT_PATHS_H

#include <stdio.h>
#include "snapshot.h"

/* "red:eth0-r tx → bridge1:veth-r rx → ...  [forward, 41 µs]" (no newline) into BUF. */
void out_paths_hops(const struct snap_path *p, char *buf, size_t len);
/* The summary line, then the hops and the verdict on a second line, indented. */
void out_paths_text(FILE *out, const struct snap_path *p);

#endif
