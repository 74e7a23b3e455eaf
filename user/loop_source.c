// SPDX-License-Identifier: GPL-2.0
/* loop_source.h: the callbacks that feed a source from the loop. */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "loop_source.h"

static int on_readable(void *ctx)
{
	struct loop_source *ls = ctx;
	int rc = ls->src->ops->consume(ls->src);

	ls->said = rc < 0;
	return rc;
}

int loop_source_tick(struct loop_source *ls)
{
	int rc = ls->src->ops->tick(ls->src, wall_now());

	if (!rc && ls->after_tick)
		rc = ls->after_tick(ls->ctx);
	ls->said = rc < 0;
	return rc;
}

static int on_tick(void *ctx)
{
	return loop_source_tick(ctx);
}

int loop_source_add(struct loop *l, struct loop_source *ls, double period)
{
	int fd = ls->src->ops->fd(ls->src), rc = 0;

	if (fd >= 0)
		rc = loop_add_fd(l, fd, on_readable, ls);
	if (!rc && period > 0)
		rc = loop_add_timer(l, period, on_tick, ls);
	return rc;
}

int loop_source_end(const struct loop_source *ls, int rc, const char *cmd)
{
	if (rc < 0 && !ls->said)
		fprintf(stderr, "nsviz %s: event loop: %s\n", cmd, strerror(-rc));
	return rc;
}
