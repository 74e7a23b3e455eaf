/* SPDX-License-Identifier: GPL-2.0 */
/* What a topology file declares that the live network does not hold (docs/live.md). */
#ifndef NSVIZ_LIVE_MISMATCH_H
#define NSVIZ_LIVE_MISMATCH_H

#include "live.h"
#include "topo.h"

/* One difference: the declared object, the field that differs, and both values as text. */
struct live_mismatch {
	const char *object;   /* "netns", "interface", "bridge", "route" */
	const char *netns;    /* the declared namespace; "" for the host */
	const char *ifname;   /* "" for a namespace or a route */
	const char *field;    /* "exists", "kind", "peer", "master", "addrs", "route", ... */
	const char *declared; /* the file's value */
	const char *live;     /* the kernel's; "" for none */
	const char *text;     /* one sentence saying all of it */
};

typedef void live_mismatch_fn(const struct live_mismatch *m, void *ctx);

/* Call CB once for each thing T declares that LIVE lacks or holds otherwise. What LIVE holds and
 * T does not declare is no difference. The number of differences, or -ENOMEM. */
int live_mismatch(const struct topo *t, const struct live *live, live_mismatch_fn *cb, void *ctx);

#endif
