/* SPDX-License-Identifier: GPL-2.0 */
/* The probes of `nsviz why`, watched by the same machinery as `nsviz trace`: the live network as
 * a topology (what `nsviz discover` prints), its points observed in trace mode, and the paths of
 * the probes and their ARP kept, to show where they went and where they stopped. */
#ifndef NSVIZ_WHY_TRACE_H
#define NSVIZ_WHY_TRACE_H

#include <stdio.h>
#include "live.h"
#include "snapshot.h"

#define WHY_TRACE_PATHS 16 /* paths kept: the first ones, enough for a few probes and their ARP */

struct why_trace;

/* Observe LIVE in trace mode for packets between SRC and DST (and SRC's ARP). 0 or -errno
 * (printed on ERR: tracing is then off, and the caller goes on without it). */
int why_trace_start(const struct live *live, const struct topo_addr *src,
		    const struct topo_addr *dst, struct why_trace **out, FILE *err);
/* Read what the kernel recorded since; at the end, every open path too. */
void why_trace_pump(struct why_trace *t, bool end);
int why_trace_npaths(const struct why_trace *t);
const struct snap_path *why_trace_path(const struct why_trace *t, int i);
/* Detach and free; NULL is fine. */
void why_trace_free(struct why_trace *t);

#endif
