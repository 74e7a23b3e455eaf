/* SPDX-License-Identifier: GPL-2.0 */
/* The live network as JSON (`nsviz discover --json`, docs/json.md). */
#ifndef NSVIZ_OUT_LIVE_H
#define NSVIZ_OUT_LIVE_H

#include <stdio.h>
#include "live.h"

/* {"type":"live","netns":[...]}: one line. */
void json_live(FILE *f, const struct live *live);

#endif
