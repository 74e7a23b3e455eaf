// SPDX-License-Identifier: GPL-2.0
/* The keys and a legend of the picture, in a box over the current view: one box when both fit
 * the height, else two pages (`?` turns from the keys to the legend). */
#include "ui.h"

struct entry {
	const char *what, *says;
};

static const struct entry keys[] = {
	{ "q", "quit (the demo removes what it built)" },
	{ "?", "this help; ? again: the legend; other keys close it" },
	{ "1-5", "views: topology, interfaces, flows, FDB, paths" },
	{ "Tab S-Tab", "next / previous pane" },
	{ "arrows hjkl", "move the selection; PgUp PgDn Home End" },
	{ "Enter", "focus the selection: flows, events only cross it" },
	{ "Esc", "clear the focus and the filter" },
	{ "p w", "ping / why from the selected namespace (5: the path)" },
	{ "r", "replay the selected path hop by hop (view 5)" },
	{ "space", "pause the display (collection goes on)" },
	{ "s", "sort flows: rate, packets, bytes, recent" },
	{ "/", "filter flows, events and paths by text" },
	{ "6", "show / fold link-local chatter (RS, MLD, DAD, IGMP)" },
	{ "g", "go to a namespace: its name or a prefix, Enter" },
	{ "d", "dense layout on / off (on by itself when too tall)" },
};

/* Colours, link styles, markers, state marks, symbols. */
static const struct entry legend[] = {
	{ "colours", "green busy, yellow heavy, red down, dim idle" },
	{ "\u2500 \u2501", "a link; heavy over 1 Mbit/s or 1000 packets/s" },
	{ "\u25bc\u25b2 \u25b6\u25c0 \u25cf", "rates each way; \u25cf a packet on a busy link" },
	{ "idle attaching", "no traffic; probes not attached yet (no number)" },
	{ "\u25b25 \u25bc5", "dense: packets/s each way; no label when idle" },
	{ "DOWN DN \u2717", "set down (admin down)" },
	{ "no carrier NC", "up, but no carrier (its peer is down, no cable)" },
	{ "\u2717 by a name", "drops here; its link: drop/s; select it: the reason" },
	{ "disabled DIS", "a bridge port not forwarding, by its state" },
	/* One row for both: the legend fits in 24 rows. */
	{ "missing MIS \u2260", "not in the kernel; \u2260 magenta: not as the file says" },
	{ "\u256d\u256e \u250c\u2510", "namespace, bridge; dim: down or outside the focus" },
	{ "#1 tx +6\u00b5s", "a hop of the selected path (view 5), its time" },
	{ "\u2581\u2583\u2585\u2588", "recent packets/s, tallest the maximum; graphs: view 2" },
	{ "\u25b2 more \u25bc more", "more of the picture above, below: the arrows scroll" },
	{ "\u2026", "text shortened here; a number is never cut" },
	{ "PAUSED", "the display is still (space); the counters go on" },
};

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))
#define BOX_W 72

/* ENTRIES as rows from ROW, inside the box at X. */
static int rows(const struct region *r, int x, int row, const struct entry *e, int n)
{
	for (int i = 0; i < n; i++, row++) {
		rg_text(r, x + 2, row, 14, ST_TITLE, e[i].what);
		rg_text(r, x + 17, row, BOX_W - 19, ST_NORMAL, e[i].says);
	}
	return row;
}

/* A rule across the box at ROW, titled TITLE. */
static void rule(const struct region *r, int x, int row, const char *title)
{
	rg_hline(r, x, x + BOX_W - 1, row, ST_TITLE, false);
	rg_text(r, x + 2, row, -1, ST_TITLE, title);
}

void view_help(const struct region *r, int page)
{
	bool both = N(keys) + 1 + N(legend) + 2 <= r->h;
	int n = both ? N(keys) + 1 + N(legend) : page == 1 ? N(keys) : N(legend);
	int pad = r->h >= n + 4, h = n + 2 + 2 * pad; /* a blank row inside when there is room */
	int x = (r->w - BOX_W) / 2, y = (r->h - h) / 2, row;

	x = x < 0 ? 0 : x;
	y = y < 0 ? 0 : y;
	rg_box(r, x, y, BOX_W, h, ST_TITLE, true);
	rg_text(r, x + 2, y, -1, ST_TITLE, page == 1 || both ? " nsviz keys " : " nsviz legend ");
	row = y + 1 + pad;
	if (page == 1 || both)
		row = rows(r, x, row, keys, N(keys));
	if (both)
		rule(r, x, row++, " legend ");
	if (page == 2 || both)
		rows(r, x, row, legend, N(legend));
	if (!both && page == 1)
		rg_text(r, x + BOX_W - 20, y + h - 1, -1, ST_TITLE, " ? the legend ");
}
