// SPDX-License-Identifier: GPL-2.0
/* The bridges' forwarding databases: which MAC sits behind which port, learned, static or the
 * port's own (local), how long since the kernel last forwarded to it, and whose MAC it is. */
#include <stdio.h>
#include <string.h>

#include "ui.h"

#define ROW " %-*s %-*s %-17s %4s %-7s %7s  %s"

/* The name columns are as wide as their longest name on screen, so the owner fits on 80
 * columns. */
static void name_widths(const struct snapshot *s, int *wb, int *wp)
{
	*wb = strlen("BRIDGE");
	*wp = strlen("PORT");
	for (int i = 0; i < s->nfdb; i++) {
		if (text_width(s->fdb[i].bridge) > *wb)
			*wb = text_width(s->fdb[i].bridge);
		if (text_width(s->fdb[i].port) > *wp)
			*wp = text_width(s->fdb[i].port);
	}
}

/* One entry: names at their columns (padded by their width on screen, not their bytes), the
 * MAC whole or shortened in its middle, then the rest. */
static void fdb_row(const struct region *r, int y, int wb, int wp, const struct snap_fdb *f,
		    enum style st, enum style type_st)
{
	char vlan[8] = "-", age[16];
	int x = 1 + wb + 1 + wp + 1;

	if (f->vlan)
		snprintf(vlan, sizeof(vlan), "%u", f->vlan);
	snprintf(age, sizeof(age), "%.1fs", f->age);
	rg_fill(r, 0, y, r->w, 1, st);
	rg_text(r, 1, y, wb, st, f->bridge);
	rg_text(r, 1 + wb + 1, y, wp, st, f->port);
	rg_fit(r, x, y, 17, st, f->mac, FIT_MIDDLE);
	rg_printf(r, x + 18, y, -1, st, "%4s", vlan);
	rg_text(r, x + 23, y, 7, type_st, f->type);
	rg_printf(r, x + 31, y, -1, st, "%7s  %s", age, f->owner[0] ? f->owner : "-");
}

void view_fdb(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	int *row = ui_row(ui, VIEW_FDB), top, wb, wp;
	char head[128];

	name_widths(s, &wb, &wp);
	snprintf(head, sizeof(head), ROW, wb, "BRIDGE", wp, "PORT", "MAC", "VLAN", "TYPE", "AGE",
		 "OWNER");
	ui_header(r, 0, head, true);
	if (!s->nfdb) {
		rg_text(r, 2, 1, -1, ST_DIM, "no FDB entries (they appear as bridges learn)");
		return;
	}
	top = ui_scroll(row, s->nfdb, r->h - 1);
	for (int i = top, y = 1; i < s->nfdb && y < r->h; i++, y++) {
		enum style st = i == *row ? ST_SELECTED : ST_NORMAL;

		fdb_row(r, y, wb, wp, &s->fdb[i], st,
			i == *row ? st : !strcmp(s->fdb[i].type, "learned") ? ST_FDB : ST_DIM);
	}
}
