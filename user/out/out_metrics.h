/* SPDX-License-Identifier: GPL-2.0 */
/* The model as metrics for Prometheus: the text format 0.0.4, or OpenMetrics 1.0
 * (docs/export.md). */
#ifndef NSVIZ_OUT_METRICS_H
#define NSVIZ_OUT_METRICS_H

#include <stdio.h>
#include "selfstat.h"
#include "snapshot.h"
#include "tally.h"

enum metrics_format { METRICS_TEXT, METRICS_OPENMETRICS };

/* The Content-Type of format F. */
const char *out_metrics_content_type(enum metrics_format f);
/* Every metric of S, T and SELF (NULL: no process_* metrics) on OUT in format F. */
void out_metrics(FILE *out, enum metrics_format f, const struct snapshot *s, const struct tally *t,
		 const struct selfstat *self);

#endif
