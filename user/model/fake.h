/* SPDX-License-Identifier: GPL-2.0 */
/* A synthetic data source over a topology (like bmon's dummy input): counters and rates that
 * move, a few flows, ARP/ICMP/FDB/drop events, paths and an FDB. Everything is a function of the
 * seed and the time, so two runs with the same ticks show the same screens. No root, no kernel. */
#ifndef NSVIZ_FAKE_H
#define NSVIZ_FAKE_H

#include <stdint.h>
#include "source.h"

/* A source over T (which must outlive it), with time zero at T0 (UNIX seconds). */
struct source *fake_source_new(const struct topo *t, uint64_t seed, double t0);

#endif
