/* SPDX-License-Identifier: GPL-2.0 */
/* Declared-vs-live differences as JSON events and as lines of text (docs/json.md). */
#ifndef NSVIZ_OUT_MISMATCH_H
#define NSVIZ_OUT_MISMATCH_H

#include <stdio.h>
#include "live_mismatch.h"

/* {"type":"event","time":TIME,"kind":"mismatch",...}: one line. */
void out_mismatch_json(FILE *f, double time, const struct live_mismatch *m);
/* PREFIX and M's sentence, escaped for a terminal: one line. */
void out_mismatch_text(FILE *f, const char *prefix, const struct live_mismatch *m);

#endif
