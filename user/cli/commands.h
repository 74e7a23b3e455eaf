/* SPDX-License-Identifier: GPL-2.0 */
/* One entry point per subcommand; each returns the process exit status. */
#ifndef NSVIZ_COMMANDS_H
#define NSVIZ_COMMANDS_H

#include "env.h"

#include <stdio.h>
#include "topo.h"

/* EXIT_MISMATCH: the live network differs from the file (`check`), or the destination is
 * unreachable (`why`). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_MISMATCH = 3 };

int cmd_up(const struct env *env);
int cmd_down(const struct env *env);
int cmd_show(const struct env *env);
int cmd_run(const struct env *env);   /* up (unless up), watch, down what it built */
int cmd_watch(const struct env *env); /* TUI on a terminal, else table; --json lines */
int cmd_stats(const struct env *env);
int cmd_trace(const struct env *env);
int cmd_fdb(const struct env *env);
int cmd_discover(const struct env *env); /* the live network as .topo or JSON */
int cmd_check(const struct env *env);    /* the file against the live network */
int cmd_why(const struct env *env);      /* why FROM cannot reach DEST */
int cmd_export(const struct env *env);   /* metrics for Prometheus over HTTP */

/* Read the live network and print on OUT each difference from T: JSON events, or lines (after
 * "nsviz CMD: " unless CMD is NULL). How many, or -errno (printed on stderr). */
int check_report(const struct topo *t, FILE *out, bool json, const char *cmd);

struct collector;
/* Open the collector for watch's observation of T (with the tracer's records when TRACE) and
 * take its baseline; STAGED: its points are attached as the source runs, else all now. Problems
 * are printed on ERR. 0 or -errno. */
int watch_attach(const struct env *env, const struct topo *t, bool trace, bool staged, FILE *err,
		 struct collector **c);

struct live;
/* What a command that follows the live network observes: COLL (borrowed) observes VIEW. */
struct watch_follow {
	const struct env *env;
	struct collector *coll;
	const struct topo *view;
};
/* A source_live change callback (CTX: a struct watch_follow): observe what LIVE has now. */
int watch_follow(const struct live *live, const struct topo **scope, void *ctx);
struct source;
/* F's collector (F->coll, T observed: its ownership passes to the new source, also on
 * failure) as a source that follows the live network (watch_follow; F must outlive it), for a
 * command that prints no topology event (trace, stats). NULL on failure (printed on ERR). */
struct source *watch_follow_source(struct watch_follow *f, const struct topo *t, FILE *err);

#endif
