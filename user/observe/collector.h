/* SPDX-License-Identifier: GPL-2.0 */
/* The live data source: attaches the probes to a topology that is up, drains the ring buffer into
 * the model, reads the per-CPU counters and the flow table on every tick, and the bridges' FDB
 * (with the owners of its MACs) every half second. */
#ifndef NSVIZ_COLLECTOR_H
#define NSVIZ_COLLECTOR_H

#include <stddef.h>
#include <stdio.h>
#include "model.h"
#include "probes.h"
#include "source.h"

struct collector;

/* Every ring-buffer record, raw (a struct nsviz_event, or a struct nsviz_ev_packet in trace mode),
 * before the model sees it. */
typedef void (*collector_tap_fn)(const void *rec, size_t size, void *ctx);
/* Every event the model kept, as it arrives. */
typedef void (*collector_event_fn)(const struct snap_event *e, void *ctx);

/* Resolve T's points (T must be up), load the probes and attach the tracepoints (quick); the
 * points are attached by collector__attach, or else as the source runs, so a UI can show the
 * topology at once and fill it in. Until then the snapshot's hook_mode reads "attaching N/M" and
 * the interfaces not yet observed are pending. Problems are printed on ERR (kept until the
 * collector is destroyed): an attach error met as the source runs is also returned by its
 * consume or tick. 0 or -errno. */
int collector__open(const struct topo *t, const struct probes_opts *o, struct collector **out,
		    FILE *err);
/* Attach every point not attached yet, now. 0 or -errno (printed). */
int collector__attach(struct collector *c);
/* Observe T from now on (a new view of the live network, or DECLARED: a file's names looked up
 * again, some maybe missing): probes__update, then the model's
 * interfaces; new points attach as the first ones did (in the background, or per tick). T is
 * heap-allocated and becomes the collector's, also on failure (the points may then be partly
 * updated: a later update mends them); when it says what the one observed says and no point
 * changed, it is dropped and that one stays (collector__topo). 0 or -errno (printed, except an
 * interface or namespace gone meanwhile: -ENODEV, -ENOENT). */
int collector__update(struct collector *c, struct topo *t, bool declared);
/* The topology observed now. */
const struct topo *collector__topo(const struct collector *c);
/* The source's destroy also destroys the collector. */
struct source *collector__source(struct collector *c);
void collector__set_tap(struct collector *c, collector_tap_fn fn, void *ctx);
void collector__on_event(struct collector *c, collector_event_fn fn, void *ctx);
const struct probes *collector__probes(const struct collector *c);
/* Detach and free (the same as the source's destroy). NULL is fine. */
void collector__destroy(struct collector *c);

#endif
