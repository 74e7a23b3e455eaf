/* SPDX-License-Identifier: GPL-2.0 */
/* The human-readable counters table (`nsviz stats`, `nsviz watch` off a terminal). */
#ifndef NSVIZ_OUT_TABLE_H
#define NSVIZ_OUT_TABLE_H

#include <stdio.h>
#include "snapshot.h"

/* One row per interface and direction: cumulative packets and bytes, rates, packets per class. */
void table_print(FILE *f, const struct snapshot *s);

#endif
