/* SPDX-License-Identifier: GPL-2.0 */
/* The ncurses front end: renders snapshots of SRC, turns keys into actions. */
#ifndef NSVIZ_TUI_H
#define NSVIZ_TUI_H

#include <stdbool.h>

#include "source.h"

struct tui_opts {
	double interval; /* seconds between ticks of the source */
	double refresh;  /* redraws per second */
	double duration; /* seconds to run, 0 = until quit */
	bool no_color;   /* NO_COLOR */
};

/* Run the UI on the terminal until the user quits or a terminating signal arrives.
 * Restores the terminal on every path. Returns 0 or -errno; a failure of the UI's own is printed
 * on stderr once the terminal is restored (the source prints its own, source.h). */
int tui_run(struct source *src, const struct tui_opts *opts);

#endif
