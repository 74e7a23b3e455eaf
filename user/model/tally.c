// SPDX-License-Identifier: GPL-2.0
/* Drops, FDB changes and path latencies counted as they arrive (tally.h). Each kind is a small
 * array searched linearly: it holds one entry per key seen, and the keys are few. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "tally.h"

/* From 10 us (a veth hop) to 1 s (the tracer's timeout for an open path). */
const double tally_le[TALLY_BUCKETS] = { 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005,
					 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.25, 1 };

static int count_drop(struct tally *t, const struct snap_event *e)
{
	struct tally_drop *d;

	for (int i = 0; i < t->ndrops; i++) {
		d = &t->drops[i];
		if (!strcmp(d->netns, e->netns) && !strcmp(d->ifname, e->ifname) &&
		    !strcmp(d->reason, e->drop.reason)) {
			d->count++;
			return 0;
		}
	}
	d = grow_append((void **)&t->drops, &t->drops_cap, &t->ndrops, sizeof(*d));
	if (!d)
		return -ENOMEM;
	snprintf(d->netns, sizeof(d->netns), "%s", e->netns);
	snprintf(d->ifname, sizeof(d->ifname), "%s", e->ifname);
	snprintf(d->reason, sizeof(d->reason), "%s", e->drop.reason);
	d->count = 1;
	return 0;
}

static int count_fdb(struct tally *t, const struct snap_event *e)
{
	struct tally_fdb *f;

	for (int i = 0; i < t->nfdb; i++) {
		f = &t->fdb[i];
		if (!strcmp(f->bridge, e->ifname) && !strcmp(f->op, e->fdb.op)) {
			f->count++;
			return 0;
		}
	}
	f = grow_append((void **)&t->fdb, &t->fdb_cap, &t->nfdb, sizeof(*f));
	if (!f)
		return -ENOMEM;
	snprintf(f->bridge, sizeof(f->bridge), "%s", e->ifname);
	snprintf(f->op, sizeof(f->op), "%s", e->fdb.op);
	f->count = 1;
	return 0;
}

int tally_event(struct tally *t, const struct snap_event *e)
{
	if (!strcmp(e->kind, "drop"))
		return count_drop(t, e);
	if (!strcmp(e->kind, "fdb"))
		return count_fdb(t, e);
	return 0;
}

static struct tally_latency *latency_of(struct tally *t, const char *verdict)
{
	struct tally_latency *l;

	for (int i = 0; i < t->nlatency; i++)
		if (!strcmp(t->latency[i].verdict, verdict))
			return &t->latency[i];
	l = grow_append((void **)&t->latency, &t->latency_cap, &t->nlatency, sizeof(*l));
	if (!l)
		return NULL;
	snprintf(l->verdict, sizeof(l->verdict), "%s", verdict);
	return l;
}

int tally_path(struct tally *t, const struct snap_path *p)
{
	double s = p->latency_us / 1e6;
	struct tally_latency *l;
	int b = 0;

	if (!p->complete || !*p->verdict) {
		t->incomplete++;
		return 0;
	}
	l = latency_of(t, p->verdict);
	if (!l)
		return -ENOMEM;
	while (b < TALLY_BUCKETS && s > tally_le[b])
		b++;
	l->buckets[b]++;
	l->count++;
	l->sum += s;
	return 0;
}

static void *dup_array(const void *a, int n, size_t size)
{
	void *p = malloc(n ? n * size : 1);

	if (p && n)
		memcpy(p, a, n * size);
	return p;
}

int tally_copy(const struct tally *t, struct tally *out)
{
	*out = *t;
	out->drops_cap = t->ndrops;
	out->fdb_cap = t->nfdb;
	out->latency_cap = t->nlatency;
	out->drops = dup_array(t->drops, t->ndrops, sizeof(*t->drops));
	out->fdb = dup_array(t->fdb, t->nfdb, sizeof(*t->fdb));
	out->latency = dup_array(t->latency, t->nlatency, sizeof(*t->latency));
	if (out->drops && out->fdb && out->latency)
		return 0;
	tally_free(out);
	return -ENOMEM;
}

void tally_free(struct tally *t)
{
	free(t->drops);
	free(t->fdb);
	free(t->latency);
	memset(t, 0, sizeof(*t));
}
