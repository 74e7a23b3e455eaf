/* SPDX-License-Identifier: GPL-2.0 */
/* JSON lines (docs/json.md): one object per line. The caller flushes. */
#ifndef NSVIZ_OUT_JSON_H
#define NSVIZ_OUT_JSON_H

#include <stdio.h>
#include "snapshot.h"

/* {"type":"snapshot",...}: counters of every interface, the busiest flows. */
void out_json_snapshot(FILE *f, const struct snapshot *s);
/* {"type":"event","kind":...}: one event with its kind's fields. */
void out_json_event(FILE *f, const struct snap_event *e);
/* {"type":"fdb",...} of `nsviz fdb --json`: the N entries E read at TIME. */
void out_json_fdb(FILE *f, double time, const struct snap_fdb *e, int n);
/* {"type":"trace_stats",...} of `nsviz trace --json` at TIME: paths ST, records lost as in S. */
void out_json_trace_stats(FILE *f, double time, bool final, const struct path_stats *st,
			  const struct snapshot *s);
/* One {"type":"path",...} object (docs/paths.md), without a newline. */
void out_json_path(FILE *out, const struct snap_path *p);
/* S as a JSON string, or null when S is empty and NULL_IF_EMPTY. Control characters (and DEL)
 * are escaped, bytes that are not UTF-8 written as U+FFFD: the line is valid UTF-8 text. */
void out_json_str(FILE *f, const char *s, bool null_if_empty);
/* The live state L of an interface, as fields to append to its object (",\"present\":true,...");
 * nothing when it was not read. */
void out_json_link(FILE *f, const struct snap_link *l);
/* The live namespaces of S, as a field to append to its object (",\"netns\":[...]"); nothing
 * when it has none. */
void out_json_netns(FILE *f, const struct snapshot *s);

#endif
