/* SPDX-License-Identifier: GPL-2.0 */
/* Probes sent from a namespace to the destination of a `why` query, and how many were answered. */
#ifndef NSVIZ_WHY_PROBE_H
#define NSVIZ_WHY_PROBE_H

#include "why.h"

#define WHY_PROBE_WAIT_MS 1000

struct why_probes {
	int sent, answered;
	int send_err; /* errno with which FROM itself refused to send (EMSGSIZE...), 0: none */
};

/* COUNT probes of Q from inside NS, one after the other. 0 or -errno. */
int why_probe(const struct live_ns *ns, const struct why_query *q, int count,
	      struct why_probes *out);

#endif
