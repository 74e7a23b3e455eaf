// SPDX-License-Identifier: GPL-2.0
/* Decorates the collector's source: every call goes through to it, and the snapshot it hands out
 * is a copy with the paths and FDB filled in. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fdb.h"
#include "source_paths.h"
#include "tracer.h"

struct source_paths {
	struct source src; /* first: it is its own source */
	struct source *inner;
	const struct collector *c;
	const struct topo *t;
	struct tracer *tr;
	struct fdb *fdb;
	double fdb_read_at; /* UNIX seconds of the last netlink read, 0 = never */
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

static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void keep_path(const struct snap_path *p, void *ctx)
{
	struct source_paths *sp = ctx;

	sp->recent[sp->npaths++ % SOURCE_PATHS_KEEP] = *p;
	if (sp->on_path)
		sp->on_path(p, sp->ctx);
}

/* The name of the host-namespace interface IFINDEX among the observation points. */
static const char *host_ifname(const struct probes *pr, uint32_t ifindex)
{
	for (int i = 0; i < probes__npoints(pr); i++) {
		const struct probe_point *pt = probes__point(pr, i);

		if (!pt->netns[0] && (uint32_t)pt->ifindex == ifindex)
			return pt->ifname;
	}
	return NULL;
}

static void on_fdb(struct source_paths *sp, const struct nsviz_event *e)
{
	const struct probes *pr = collector_probes(sp->c);
	const char *br = host_ifname(pr, e->fdb.br_ifindex);
	const char *port = e->fdb.port_ifindex ? host_ifname(pr, e->fdb.port_ifindex) : br;

	if (br && port)
		fdb_event(sp->fdb, e->fdb.op == NSVIZ_FDB_UPDATE, br, port, e->fdb.mac, e->fdb.vlan,
			  e->fdb.is_static, wall_now());
}

static void on_record(const void *rec, size_t size, void *ctx)
{
	struct source_paths *sp = ctx;
	const struct nsviz_event *e = rec;

	tracer_record(sp->tr, rec, size);
	if (size >= sizeof(*e) && e->h.kind == NSVIZ_EV_FDB)
		on_fdb(sp, e);
}

static int sp_fd(struct source *s)
{
	return of(s)->inner->ops->fd(of(s)->inner);
}

static int sp_consume(struct source *s)
{
	return of(s)->inner->ops->consume(of(s)->inner);
}

/* The FDB from netlink now and then: entries age out in the kernel without an event we see. */
static void fdb_reread(struct source_paths *sp, double now)
{
	const char *names[64];
	int n = 0;

	if (now - sp->fdb_read_at < SOURCE_PATHS_FDB_PERIOD)
		return;
	for (int i = 0; i < sp->t->nbridges && n < 64; i++)
		names[n++] = sp->t->bridges[i].name;
	if (!fdb_refresh(sp->fdb, names, n, now))
		sp->fdb_read_at = now;
}

static int sp_tick(struct source *s, double now)
{
	struct source_paths *sp = of(s);
	int rc = sp->inner->ops->tick(sp->inner, now);

	tracer_tick(sp->tr);
	fdb_reread(sp, now);
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
	sp->snap.fdb = (struct snap_fdb *)fdb_entries(sp->fdb, wall_now(), &sp->snap.nfdb);
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
	fdb_free(sp->fdb);
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

struct source *source_paths_new(struct collector *c, const struct topo *t, paths_emit_cb on_path,
				void *ctx)
{
	struct source_paths *sp = calloc(1, sizeof(*sp));

	if (!sp) {
		collector_free(c);
		return NULL;
	}
	sp->src.ops = &sp_ops;
	sp->inner = collector_source(c);
	sp->c = c;
	sp->t = t;
	sp->on_path = on_path;
	sp->ctx = ctx;
	sp->tr = tracer_new(collector_probes(c), NULL, keep_path, NULL, sp);
	sp->fdb = fdb_new();
	if (!sp->tr || !sp->fdb) {
		sp_destroy(&sp->src);
		return NULL;
	}
	collector_set_tap(c, on_record, sp);
	fdb_reread(sp, wall_now());
	return &sp->src;
}
