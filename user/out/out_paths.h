/* SPDX-License-Identifier: GPL-2.0 */
/* Paths and FDB entries as text and as JSON objects (docs/json.md, docs/paths.md). Shared by
 * `nsviz trace`, `nsviz fdb` and `watch --json`. */
#ifndef NSVIZ_OUT_PATHS_H
#define NSVIZ_OUT_PATHS_H

#include <stdio.h>
#include "snapshot.h"

/* The summary line, then the hops and the verdict on a second line, indented. */
void out_path_text(FILE *out, const struct snap_path *p);
/* One {"type":"path",...} object, without a newline. */
void out_path_json(FILE *out, const struct snap_path *p);
/* A table of N entries, or "no entries". */
void out_fdb_text(FILE *out, const struct snap_fdb *e, int n);
/* A JSON array of N entries ([{"bridge":…,"port":…,"mac":…,"vlan":…,"static":…,"age":…}]). */
void out_fdb_json(FILE *out, const struct snap_fdb *e, int n);

#endif
