/* SPDX-License-Identifier: GPL-2.0 */
/* Human-readable tables: the counters (`nsviz stats`, `nsviz watch` off a terminal) and the FDB
 * (`nsviz fdb`). */
#ifndef NSVIZ_OUT_TABLE_H
#define NSVIZ_OUT_TABLE_H

#include <stdio.h>
#include "snapshot.h"

/* One row per interface and direction: cumulative packets and bytes, rates, packets per class. */
void out_table_counters(FILE *f, const struct snapshot *s);
/* The N entries of the bridges' FDBs (`nsviz fdb`), or "no FDB entries". */
void out_table_fdb(FILE *out, const struct snap_fdb *e, int n);

#endif
