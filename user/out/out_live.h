/* SPDX-License-Identifier: GPL-2.0 */
/* The live network as JSON (`nsviz discover --json`, docs/json.md). */
#ifndef NSVIZ_OUT_LIVE_H
#define NSVIZ_OUT_LIVE_H

#include <stdio.h>
#include "live.h"

/* {"type":"live","netns":[...]}: one line. */
void out_live_json(FILE *f, const struct live *live);
/* {"type":"event","kind":"topology",...} of `discover --follow --json`, at TIME. */
void out_live_json_event(FILE *f, double time, const struct live_event *e);
/* "+ interface red:eth0-r", "~ interface red:eth0-r oper: up -> down": one line. */
void out_live_text_event(FILE *f, const struct live_event *e);

#endif
