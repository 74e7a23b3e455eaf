// SPDX-License-Identifier: GPL-2.0
/* Tracing the probes of `nsviz why`: the live network's view (observe/live_view.h, what `watch`
 * observes with no TOPOLOGY), so the collector and the tracer observe it as they observe one nsviz
 * built, namespaces held only by a process and bridges inside namespaces included. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "collector.h"
#include "live_view.h"
#include "topo.h"
#include "tracer.h"
#include "why_trace.h"

/* Consumes of the ring after the probes: enough for seconds of records (see why_trace_pump). */
#define WHY_END_DRAINS 100

#define WHY_SNAPLEN 128

struct why_trace {
	struct topo t;
	struct collector *c;
	struct source *src;
	struct tracer *tr;
	struct filter *f;
	struct snap_path paths[WHY_TRACE_PATHS];
	int npaths;
};

static void on_path(const struct snap_path *p, void *ctx)
{
	struct why_trace *t = ctx;

	if (t->npaths < WHY_TRACE_PATHS)
		t->paths[t->npaths++] = *p;
}

static void on_tap(const void *rec, size_t size, void *ctx)
{
	tracer_record(((struct why_trace *)ctx)->tr, rec, size);
}

/* Packets between SRC and DST, and ARP of SRC, as a tcpdump filter. */
static int make_filter(const struct topo_addr *src, const struct topo_addr *dst,
		       struct filter **f, FILE *err)
{
	char s[64], d[64], expr[256], msg[512];
	char *words[] = { expr };
	int rc;

	snprintf(expr, sizeof(expr), "(host %s and host %s) or (arp and host %s)",
		 topo_ip_str(src, s, sizeof(s)), topo_ip_str(dst, d, sizeof(d)), s);
	rc = filter_new(words, 1, WHY_SNAPLEN, f, msg, sizeof(msg));
	if (rc)
		fprintf(err, "nsviz why: filter '%s': %s\n", expr, rc == -EINVAL ? msg : strerror(-rc));
	return rc;
}

int why_trace_start(const struct live *live, const struct topo_addr *src,
		    const struct topo_addr *dst, struct why_trace **out, FILE *err)
{
	struct probes_opts opts = { .trace_snaplen = WHY_SNAPLEN, .every_point = true };
	struct why_trace *t = calloc(1, sizeof(*t));
	int rc = t ? 0 : -ENOMEM;

	*out = NULL;
	rc = rc ?: live_view(live, &t->t, "why", err) ?: make_filter(src, dst, &t->f, err) ?:
	     collector__open(&t->t, &opts, &t->c, err) ?: collector__attach(t->c);
	if (!rc) {
		t->src = collector__source(t->c);
		t->tr = tracer_new(collector__probes(t->c), t->f, on_path, NULL, t);
		rc = t->tr ? 0 : -ENOMEM;
	}
	if (rc) {
		if (rc == -ENOMEM)
			fprintf(err, "nsviz why: %s\n", strerror(ENOMEM));
		why_trace_free(t);
		return rc;
	}
	collector__set_tap(t->c, on_tap, t);
	*out = t;
	return 0;
}

void why_trace_pump(struct why_trace *t, bool end)
{
	if (!t)
		return;
	/* One consume reads for one drain slice at most (collector.c): what seconds of probing left
	 * in the ring, the chatter of every port included, takes several at the end. */
	for (int i = 0; i < (end ? WHY_END_DRAINS : 1); i++)
		t->src->ops->consume(t->src);
	if (end)
		tracer_flush(t->tr);
	else
		tracer_tick(t->tr);
}

int why_trace_npaths(const struct why_trace *t)
{
	return t ? t->npaths : 0;
}

const struct snap_path *why_trace_path(const struct why_trace *t, int i)
{
	return &t->paths[i];
}

void why_trace_free(struct why_trace *t)
{
	if (!t)
		return;
	collector__destroy(t->c);
	tracer_free(t->tr);
	filter_free(t->f);
	topo_free(&t->t);
	free(t);
}
