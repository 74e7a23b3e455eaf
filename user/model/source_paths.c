// SPDX-License-Identifier: GPL-2.0
/* Decorates the collector's source: every call goes through to it, and the snapshot it hands out
 * is a copy with the paths filled in. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "source_paths.h"
#include "tracer.h"

struct source_paths {
	struct source src; /* first: it is its own source */
	struct source *inner;
	const struct collector *c;
	struct tracer *tr;
	paths_emit_cb on_path;
	void *ctx;
	struct snap_path recent[SOURCE_PATHS_KEEP]; /* a ring: path i at i % SOURCE_PATHS_KEEP */
	long npaths;
	struct snap_path snap_paths[SOURCE_PATHS_KEEP]; /* oldest first */
	struct snapshot snap;
};

static struct source_paths *of(struct source *s)
{
	return (struct source_paths *)s;
}

static void keep_path(const struct snap_path *p, void *ctx)
{
	struct source_paths *sp = ctx;

	sp->recent[sp->npaths++ % SOURCE_PATHS_KEEP] = *p;
	if (sp->on_path)
		sp->on_path(p, sp->ctx);
}

static void on_record(const void *rec, size_t size, void *ctx)
{
	struct source_paths *sp = ctx;

	tracer_record(sp->tr, rec, size);
}

static int sp_fd(struct source *s)
{
	return of(s)->inner->ops->fd(of(s)->inner);
}

static int sp_consume(struct source *s)
{
	return of(s)->inner->ops->consume(of(s)->inner);
}

static int sp_tick(struct source *s, double now)
{
	struct source_paths *sp = of(s);
	int rc = sp->inner->ops->tick(sp->inner, now);

	tracer_tick(sp->tr);
	return rc;
}

static const struct snapshot *sp_snapshot(struct source *s)
{
	struct source_paths *sp = of(s);
	long first = sp->npaths > SOURCE_PATHS_KEEP ? sp->npaths - SOURCE_PATHS_KEEP : 0;

	sp->snap = *sp->inner->ops->snapshot(sp->inner);
	for (long i = first; i < sp->npaths; i++)
		sp->snap_paths[i - first] = sp->recent[i % SOURCE_PATHS_KEEP];
	sp->snap.paths = sp->snap_paths;
	sp->snap.npaths = sp->npaths - first;
	return &sp->snap;
}

static int sp_ping(struct source *s, const char *from, const char *to, int count)
{
	struct source *in = of(s)->inner;

	return in->ops->ping ? in->ops->ping(in, from, to, count) : -ENOTSUP;
}

static void sp_destroy(struct source *s)
{
	struct source_paths *sp = of(s);

	if (!sp)
		return;
	tracer_free(sp->tr);
	if (sp->inner)
		sp->inner->ops->destroy(sp->inner);
	free(sp);
}

static const struct source_ops sp_ops = {
	.fd = sp_fd,
	.consume = sp_consume,
	.tick = sp_tick,
	.snapshot = sp_snapshot,
	.ping = sp_ping,
	.destroy = sp_destroy,
};

struct source *source_paths_new(struct collector *c, paths_emit_cb on_path, void *ctx)
{
	struct source_paths *sp = calloc(1, sizeof(*sp));

	if (!sp) {
		collector__destroy(c);
		return NULL;
	}
	sp->src.ops = &sp_ops;
	sp->inner = collector__source(c);
	sp->c = c;
	sp->on_path = on_path;
	sp->ctx = ctx;
	sp->tr = tracer_new(collector__probes(c), NULL, keep_path, NULL, sp);
	if (!sp->tr) {
		sp_destroy(&sp->src);
		return NULL;
	}
	collector__set_tap(c, on_record, sp);
	return &sp->src;
}
