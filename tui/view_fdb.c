// SPDX-License-Identifier: GPL-2.0
/* The bridges' forwarding databases: which MAC sits behind which port, learned, static or the
 * port's own (local), how long since the kernel last forwarded to it, and whose MAC it is. */
#include <stdio.h>
#include <string.h>

#include "ui.h"

#define ROW " %-*s %-*s %-17s %4s %-7s %7s  %s"

/* The name columns are as wide as their longest name, so the owner fits on 80 columns. */
static void name_widths(const struct snapshot *s, int *wb, int *wp)
{
	*wb = strlen("BRIDGE");
	*wp = strlen("PORT");
	for (int i = 0; i < s->nfdb; i++) {
		if ((int)strlen(s->fdb[i].bridge) > *wb)
			*wb = strlen(s->fdb[i].bridge);
		if ((int)strlen(s->fdb[i].port) > *wp)
			*wp = strlen(s->fdb[i].port);
	}
}

void view_fdb(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	int *row = ui_row(ui, VIEW_FDB), top, wb, wp, x;
	char head[128];

	name_widths(s, &wb, &wp);
	snprintf(head, sizeof(head), ROW, wb, "BRIDGE", wp, "PORT", "MAC", "VLAN", "TYPE", "AGE",
		 "OWNER");
	ui_header(r, 0, head, true);
	if (!s->nfdb) {
		rg_text(r, 2, 1, -1, ST_DIM, "no FDB entries (they appear as bridges learn)");
		return;
	}
	/* TYPE starts after the names, the MAC, the VLAN and their spaces. */
	x = 1 + wb + 1 + wp + 1 + 17 + 1 + 4 + 1;
	top = ui_scroll(row, s->nfdb, r->h - 1);
	for (int i = top, y = 1; i < s->nfdb && y < r->h; i++, y++) {
		const struct snap_fdb *f = &s->fdb[i];
		enum style st = i == *row ? ST_SELECTED : ST_NORMAL;
		bool learned = !strcmp(f->type, "learned");
		char vlan[8] = "-", age[16];

		if (f->vlan)
			snprintf(vlan, sizeof(vlan), "%u", f->vlan);
		snprintf(age, sizeof(age), "%.1fs", f->age);
		rg_fill(r, 0, y, r->w, 1, st);
		rg_printf(r, 0, y, -1, st, ROW, wb, f->bridge, wp, f->port, f->mac, vlan, "", age,
			  f->owner[0] ? f->owner : "-");
		rg_text(r, x, y, -1, i == *row ? st : learned ? ST_FDB : ST_DIM, f->type);
	}
}
