/* SPDX-License-Identifier: GPL-2.0 */
/* A data source run on the loop: its fd drained as it becomes readable, a tick every period, and
 * a record of whether the failure that ended the loop was printed already. watch, export and the
 * UI run their source this way. */
#ifndef NSVIZ_LOOP_SOURCE_H
#define NSVIZ_LOOP_SOURCE_H

#include <stdbool.h>

#include "loop.h"
#include "source.h"

struct loop_source {
	struct source *src;
	/* After each tick that succeeded: what the caller does with the news (print it, publish
	 * it). Returns as a loop callback does, and prints its own failure. May be NULL. */
	loop_cb after_tick;
	void *ctx;
	/* The failure that ended the loop is printed already: by the source (source.h) or by
	 * after_tick. */
	bool said;
};

/* Run LS on L: its source's fd (if it has one) and, when PERIOD > 0, a tick every PERIOD
 * seconds (with PERIOD 0 the caller ticks, with loop_source_tick). 0 or -errno. */
int loop_source_add(struct loop *l, struct loop_source *ls, double period);
/* Tick the source now, then after_tick. As a loop callback: 0, 1 or -errno. */
int loop_source_tick(struct loop_source *ls);
/* RC, the end of command CMD's loop of LS: printed as its failure unless it was already. */
int loop_source_end(const struct loop_source *ls, int rc, const char *cmd);

#endif
