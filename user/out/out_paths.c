// SPDX-License-Identifier: GPL-2.0
/* A path as text lines (`nsviz trace`): formatting only, no state. */
#include <stdio.h>

#include "out_paths.h"
#include "paths.h"
#include "text.h"

void out_paths_text(FILE *out, const struct snap_path *p)
{
	char hops[2048], shown[4 * sizeof(hops)], summary[4 * sizeof(p->summary)];

	paths_format_hops(p, hops, sizeof(hops));
	fprintf(out, "%s\n  %s\n", p->summary[0] ? text_escape(p->summary, summary, sizeof(summary))
		     : "(unknown packet)", text_escape(hops, shown, sizeof(shown)));
}
