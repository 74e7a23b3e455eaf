// SPDX-License-Identifier: GPL-2.0
/* The keys and a legend of the picture, in a box over the current view. */
#include "ui.h"

#define SEPARATOR NULL /* a rule across the box, titled with the entry's text */

static const char *const help[][2] = {
	{ "q", "quit (the demo removes what it built)" },
	{ "?", "this help; any key closes it" },
	{ "1-5", "views: topology, interfaces, flows, FDB, paths" },
	{ "Tab S-Tab", "next / previous pane" },
	{ "arrows hjkl", "move the selection; PgUp PgDn Home End" },
	{ "Enter", "focus the selection: flows, events only cross it" },
	{ "Esc", "clear the focus and the filter" },
	{ "p w", "ping / why from the selected namespace (5: the path)" },
	{ "space", "pause the display (collection goes on)" },
	{ "s", "sort flows: rate, packets, bytes, recent" },
	{ "/", "filter flows, events and paths by text" },
	{ SEPARATOR, " legend " },
	{ "colours", "green busy, yellow heavy, red down, dim idle" },
	{ "\u2500 \u2501", "a link; heavy over 1 Mbit/s or 1000 packets/s" },
	{ "\u25bc\u25b2 \u25b6\u25c0 \u25cf", "rates each way; \u25cf a packet on a busy link" },
	{ "DOWN DN \u2717", "set down (admin down)" },
	{ "no carrier NC", "up, but no carrier (its peer is down, no cable)" },
	{ "disabled DIS", "a bridge port not forwarding, by its state" },
	/* One row for both: the legend fits in 24 rows. */
	{ "missing MIS \u2260", "not in the kernel; \u2260 magenta: not as the file says" },
	{ "\u256d\u256e \u250c\u2510", "namespace, bridge; dim: down or outside the focus" },
};

void view_help(const struct region *r)
{
	int n = sizeof(help) / sizeof(help[0]), w = 72;
	int pad = r->h >= n + 4, h = n + 2 + 2 * pad; /* a blank row inside when there is room */
	int x = (r->w - w) / 2, y = (r->h - h) / 2;

	if (x < 0)
		x = 0;
	if (y < 0)
		y = 0;
	rg_box(r, x, y, w, h, ST_TITLE, true);
	rg_text(r, x + 2, y, -1, ST_TITLE, " nsviz keys ");
	for (int i = 0, row = y + 1 + pad; i < n; i++, row++) {
		if (help[i][0] == SEPARATOR) {
			rg_hline(r, x, x + w - 1, row, ST_TITLE, false);
			rg_text(r, x + 2, row, -1, ST_TITLE, help[i][1]);
			continue;
		}
		rg_text(r, x + 2, row, 14, ST_TITLE, help[i][0]);
		rg_text(r, x + 17, row, w - 19, ST_NORMAL, help[i][1]);
	}
}
