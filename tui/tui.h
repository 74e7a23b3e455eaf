/* SPDX-License-Identifier: GPL-2.0 */
/* The ncurses front end: renders snapshots of SRC, turns keys into actions. */
#ifndef NSVIZ_TUI_H
#define NSVIZ_TUI_H

#include "env.h"
#include "source.h"

/* Run the UI on the terminal until the user quits or a terminating signal arrives.
 * Restores the terminal on every path. Returns 0 or -errno. */
int tui_run(struct source *src, const struct env *env);

#endif
