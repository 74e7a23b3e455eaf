/* SPDX-License-Identifier: GPL-2.0 */
/* A source whose snapshots carry the live state of every interface (snap_link), kept current by
 * the live network's notifications: nothing is read again while nothing changes. */
#ifndef NSVIZ_SOURCE_LIVE_H
#define NSVIZ_SOURCE_LIVE_H

#include <stdio.h>
#include "source.h"

/* Wrap INNER (its ownership passes to the new source, also on failure). The live network is
 * read now; failures are printed on ERR with CMD. NULL on failure. */
struct source *source_live_new(struct source *inner, const char *cmd, FILE *err);

#endif
