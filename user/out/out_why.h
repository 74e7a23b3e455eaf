/* SPDX-License-Identifier: GPL-2.0 */
/* What `nsviz why` found, as text lines or one JSON object (docs/why.md, docs/json.md). */
#ifndef NSVIZ_OUT_WHY_H
#define NSVIZ_OUT_WHY_H

#include <stdio.h>
#include "why.h"
#include "why_probe.h"
#include "why_trace.h"

struct out_why {
	const char *from, *dest; /* as the user named them */
	const struct why_query *q;
	const struct why_result *r;
	const struct why_probes *p;
	bool reachable;
	const struct why_trace *tr; /* the probes' paths as traced; NULL: not traced */
};

void out_why_text(FILE *f, const struct out_why *w);
void out_why_json(FILE *f, const struct out_why *w);

#endif
