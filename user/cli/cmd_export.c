// SPDX-License-Identifier: GPL-2.0
/* nsviz export: observe like watch and serve the model as metrics for Prometheus over HTTP
 * (docs/export.md). The loop owns the source; after each tick it publishes a copy of the
 * snapshot and of the tallies under a mutex, and the HTTP thread renders a scrape from that copy:
 * the two threads share nothing else. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "collector.h"
#include "commands.h"
#include "http_accept.h"
#include "httpd.h"
#include "loop_source.h"
#include "out_metrics.h"
#include "source_live.h"
#include "source_paths.h"
#include "tally.h"
#include "target.h"

struct exporter {
	const char *cmd;
	struct source *src;
	struct watch_follow follow; /* what src observes, made again as the live network changes */
	struct tally live;  /* the loop's, as events and paths come */
	int tally_rc;       /* its first failure (ENOMEM), reported on the next tick */
	pthread_mutex_t lock; /* guards the two below */
	struct snapshot *snap; /* the latest published, NULL before the first */
	struct tally shown;
};

static void on_event(const struct snap_event *e, void *ctx)
{
	struct exporter *x = ctx;

	if (!x->tally_rc)
		x->tally_rc = tally_event(&x->live, e);
}

static void on_path(const struct snap_path *p, void *ctx)
{
	struct exporter *x = ctx;

	if (!x->tally_rc)
		x->tally_rc = tally_path(&x->live, p);
}

/* The current model, copied where the HTTP thread reads it. 0 or -ENOMEM (printed). */
static int publish(struct exporter *x)
{
	struct snapshot *s = snapshot_dup(x->src->ops->snapshot(x->src));
	struct snapshot *old_snap;
	struct tally t = { 0 }, old;
	int rc = x->tally_rc ? x->tally_rc : !s ? -ENOMEM : tally_copy(&x->live, &t);

	if (rc) {
		snapshot_free(s);
		fprintf(stderr, "nsviz %s: the metrics: %s\n", x->cmd, strerror(-rc));
		return rc;
	}
	pthread_mutex_lock(&x->lock);
	old = x->shown;
	x->shown = t;
	old_snap = x->snap;
	x->snap = s;
	pthread_mutex_unlock(&x->lock);
	snapshot_free(old_snap);
	tally_free(&old);
	return 0;
}

/* OpenMetrics when the scraper prefers it to the text format (Prometheus does); else text. */
static enum metrics_format negotiate(const char *accept)
{
	return http_accept_q(accept, "application/openmetrics-text", "1.0.0") >
			       http_accept_q(accept, "text/plain", "0.0.4")
		       ? METRICS_OPENMETRICS
		       : METRICS_TEXT;
}

/* On the HTTP thread. */
static int body(const char *accept, char **out, size_t *len, const char **ctype, void *ctx)
{
	struct exporter *x = ctx;
	enum metrics_format f = negotiate(accept);
	struct selfstat self;
	bool have_self = !selfstat_read(&self);
	FILE *mem = open_memstream(out, len);
	int rc = 0;

	if (!mem)
		return -errno;
	pthread_mutex_lock(&x->lock);
	if (x->snap)
		out_metrics(mem, f, x->snap, &x->shown, have_self ? &self : NULL);
	else
		rc = -EAGAIN; /* not observing yet */
	pthread_mutex_unlock(&x->lock);
	if (fclose(mem) && !rc)
		rc = -ENOMEM;
	if (rc) {
		free(*out);
		return rc;
	}
	*ctype = out_metrics_content_type(f);
	return 0;
}

static int on_ticked(void *ctx)
{
	return publish(ctx);
}

static int serve(struct exporter *x, const struct env *env)
{
	struct loop_source run = { .src = x->src, .after_tick = on_ticked, .ctx = x };
	struct loop *l = loop_new();
	int rc = l ? 0 : -ENOMEM;

	if (!rc && (rc = publish(x)))
		run.said = true;
	if (!rc)
		rc = loop_source_add(l, &run, env->interval);
	if (!rc)
		rc = loop_run(l, 0);
	loop_free(l);
	return loop_source_end(&run, rc, x->cmd);
}

/* The source stack of watch: the collector (staged: HTTP answers while points attach), its
 * paths and the live state of every interface, into X->src. An exit status (printed). */
static int observe(struct exporter *x, const struct env *env, const struct topo *t,
		   const struct topo *scope)
{
	struct collector *c = NULL;
	struct source *s;
	int rc = watch_attach(env, t, true, true, stderr, &c);

	if (rc)
		return rc == -ENXIO ? EXIT_USAGE : EXIT_FAIL; /* ENXIO: a bad --if */
	collector__on_event(c, on_event, x);
	s = source_paths_new(c, on_path, x);
	if (!s) {
		fprintf(stderr, "nsviz %s: paths: %s\n", env->cmd, strerror(ENOMEM));
		return EXIT_FAIL;
	}
	x->src = source_live_new(s, scope, NULL, NULL, env->cmd, stderr);
	if (!x->src)
		return EXIT_FAIL;
	/* Like watch, it follows the live network: new interfaces are scraped, gone ones leave. */
	x->follow = (struct watch_follow){ .env = env, .coll = c, .view = t };
	source_live_on_change(x->src, watch_follow, &x->follow);
	return 0;
}

int cmd_export(const struct env *env)
{
	struct exporter x = { .cmd = env->cmd, .lock = PTHREAD_MUTEX_INITIALIZER };
	struct httpd *h = NULL;
	struct topo t = { 0 };
	int rc;

	signal(SIGPIPE, SIG_IGN);
	/* The port first: one that is taken, or an address that does not parse, stops it before
	 * anything is read or attached. */
	rc = httpd__open(env->listen ? env->listen : HTTPD_DEFAULT_LISTEN, body, &x, env->cmd,
			 stderr, &h);
	if (rc)
		return rc == -EINVAL ? EXIT_USAGE : EXIT_FAIL;
	rc = target_load(env, &t);
	if (!rc) {
		rc = observe(&x, env, &t, env->topology || env->netns || env->bridge ? &t : NULL);
	}
	if (!rc && serve(&x, env) < 0)
		rc = EXIT_FAIL;
	httpd__destroy(h);
	if (x.src)
		x.src->ops->destroy(x.src);
	snapshot_free(x.snap);
	tally_free(&x.shown);
	tally_free(&x.live);
	topo_free(&t);
	return rc;
}
