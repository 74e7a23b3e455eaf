/* SPDX-License-Identifier: GPL-2.0 */
/* Ring-buffer records of trace mode (packets at every observation point, drops) into paths, with
 * an optional tcpdump filter and pcapng copy of every observation kept. Feed it from the
 * collector's tap; tick it from a timer. */
#ifndef NSVIZ_TRACER_H
#define NSVIZ_TRACER_H

#include <stddef.h>
#include "filter.h"
#include "out_pcapng.h"
#include "paths.h"
#include "probes.h"

struct tracer;

/* Observation points from PR (kept by reference); FILTER and PCAP may be NULL (kept by
 * reference, not freed). Finished paths go to CB. NULL on ENOMEM. */
struct tracer *tracer_new(const struct probes *pr, struct filter *filter, struct pcapng *pcap,
			  paths_emit_cb cb, void *ctx);
/* One ring-buffer record (the collector's tap). */
void tracer_record(struct tracer *t, const void *rec, size_t size);
/* Emit the paths that are done by now; flush the pcapng file. 0 or the pcapng write error. */
int tracer_tick(struct tracer *t);
/* Emit every open path (at exit). */
void tracer_flush(struct tracer *t);
void tracer_stats(const struct tracer *t, struct path_stats *st);
void tracer_free(struct tracer *t);

#endif
