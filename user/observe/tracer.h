/* SPDX-License-Identifier: GPL-2.0 */
/* Ring-buffer records of trace mode (packets at every observation point, drops) into paths, with
 * an optional tcpdump filter. Finished paths, and each packet kept in a path as it is seen, go to
 * the caller's callbacks (the trace command wires them to its outputs: path lines, pcapng). Feed
 * it from the collector's tap; tick it from a timer. */
#ifndef NSVIZ_TRACER_H
#define NSVIZ_TRACER_H

#include <stddef.h>
#include "filter.h"
#include "paths.h"
#include "probes.h"

struct tracer;

/* A packet kept in a path, at one observation point; valid during the callback only. */
struct trace_packet {
	int slot;           /* NSVIZ_SLOT(point, dir): stable for the tracer's life */
	const char *netns;  /* "" for the host namespace */
	const char *ifname;
	char dir;           /* 'r' (ingress) or 't' (egress) */
	uint64_t wall_ns;   /* ns since the epoch */
	const uint8_t *data;
	uint32_t caplen, wirelen;
};

typedef void (*tracer_packet_cb)(const struct trace_packet *p, void *ctx);

/* Observation points from PR (kept by reference); FILTER may be NULL (kept by reference, not
 * freed). Finished paths go to PATH_CB; with PACKET_CB, every packet kept in a path too. Reads the
 * FDB of PR's bridges (rtnetlink, in the caller's namespace) once PR's tracepoints are attached.
 * NULL on ENOMEM. */
struct tracer *tracer_new(const struct probes *pr, struct filter *filter, paths_emit_cb path_cb,
			  tracer_packet_cb packet_cb, void *ctx);
/* One ring-buffer record (the collector's tap). */
void tracer_record(struct tracer *t, const void *rec, size_t size);
/* Emit the paths that are done by now. */
void tracer_tick(struct tracer *t);
/* Emit every open path (at exit). */
void tracer_flush(struct tracer *t);
void tracer_stats(const struct tracer *t, struct path_stats *st);
void tracer_free(struct tracer *t);

#endif
