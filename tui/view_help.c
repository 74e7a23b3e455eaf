// SPDX-License-Identifier: GPL-2.0
/* The keys, in a box over the current view. */
#include "ui.h"

static const char *const help[][2] = {
	{ "q", "quit (the demo removes what it built)" },
	{ "?", "this help; any key closes it" },
	{ "1-5", "views: topology, interfaces, flows, FDB, paths" },
	{ "Tab S-Tab", "next / previous pane" },
	{ "arrows hjkl", "move the selection; PgUp PgDn Home End" },
	{ "Enter", "focus the selected namespace, bridge or link:" },
	{ "", "flows and events then show only what crosses it" },
	{ "Esc", "clear the focus and the filter" },
	{ "p", "ping from the selected namespace to one you pick" },
	{ "space", "pause the display (collection goes on)" },
	{ "s", "sort flows: rate, packets, bytes, recent" },
	{ "/", "filter flows, events and paths by text" },
	{ "", "" },
	{ "links", "\u25bc\u25b2 \u25b6\u25c0 rates per direction; heavy = busy" },
	{ "\u25cf", "a packet marker runs along each busy direction" },
};

void view_help(const struct region *r)
{
	int n = sizeof(help) / sizeof(help[0]), w = 66, h = n + 4;
	int x = (r->w - w) / 2, y = (r->h - h) / 2;

	if (x < 0)
		x = 0;
	if (y < 0)
		y = 0;
	rg_box(r, x, y, w, h, ST_TITLE, true);
	rg_text(r, x + 2, y, -1, ST_TITLE, " nsviz keys ");
	for (int i = 0; i < n; i++) {
		rg_text(r, x + 2, y + 2 + i, 12, ST_TITLE, help[i][0]);
		rg_text(r, x + 15, y + 2 + i, w - 17, ST_NORMAL, help[i][1]);
	}
}
