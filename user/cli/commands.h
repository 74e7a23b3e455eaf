/* SPDX-License-Identifier: GPL-2.0 */
/* One entry point per subcommand; each returns the process exit status. */
#ifndef NSVIZ_COMMANDS_H
#define NSVIZ_COMMANDS_H

#include "env.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

int cmd_up(const struct env *env);
int cmd_down(const struct env *env);
int cmd_show(const struct env *env);
int cmd_run(const struct env *env);   /* up (unless up), watch, down what it built */
int cmd_watch(const struct env *env); /* TUI on a terminal, else table; --json lines */
int cmd_stats(const struct env *env);
int cmd_trace(const struct env *env);
int cmd_fdb(const struct env *env);
int cmd_discover(const struct env *env); /* the live network as .topo or JSON */

#endif
