/* SPDX-License-Identifier: GPL-2.0 */
/* A data source fills snapshots of the model: the live engine (BPF) or a fake one for the UI's
 * tests and demos. The outputs (TUI, JSON, tables) only talk to this interface. */
#ifndef NSVIZ_SOURCE_H
#define NSVIZ_SOURCE_H

#include "snapshot.h"

struct source;

struct source_ops {
	/* An fd to poll for input (ring buffer epoll fd), or -1. */
	int (*fd)(struct source *s);
	/* FD is readable: drain it into the model. 0 or -errno; consume and tick have printed
	 * their failure (with what failed) when they return one, so the caller does not. */
	int (*consume)(struct source *s);
	/* An interval elapsed: read counters, compute rates. NOW is UNIX seconds. 0 or -errno. */
	int (*tick)(struct source *s, double now);
	/* The current model as plain data; valid until the next call on S. */
	const struct snapshot *(*snapshot)(struct source *s);
	/* The demo ping from the UI: COUNT echo requests from namespace FROM to address TO,
	 * in the background. 0 or -errno. May be NULL when the source cannot ping. */
	int (*ping)(struct source *s, const char *from, const char *to, int count);
	/* `nsviz why FROM DEST` in the background (one at a time: a new one replaces the last);
	 * its output joins the snapshots as snapshot.why. 0 or -errno. May be NULL. */
	int (*why)(struct source *s, const char *from, const char *dest);
	void (*destroy)(struct source *s);
};

struct source {
	const struct source_ops *ops;
};

#endif
