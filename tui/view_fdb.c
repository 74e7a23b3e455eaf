// SPDX-License-Identifier: GPL-2.0
/* The bridges' forwarding databases: which MAC sits behind which port, learned or static. */
#include <stdio.h>

#include "ui.h"

void view_fdb(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	int *row = ui_row(ui, VIEW_FDB), top;

	ui_header(r, 0, " BRIDGE          MAC                PORT             VLAN  TYPE       AGE", true);
	if (!s->nfdb) {
		rg_text(r, 2, 1, -1, ST_DIM, "no FDB entries (they appear as bridges learn)");
		return;
	}
	top = ui_scroll(row, s->nfdb, r->h - 1);
	for (int i = top, y = 1; i < s->nfdb && y < r->h; i++, y++) {
		const struct snap_fdb *f = &s->fdb[i];
		enum style st = i == *row ? ST_SELECTED : ST_NORMAL;
		char vlan[8] = "-";

		if (f->vlan)
			snprintf(vlan, sizeof(vlan), "%u", f->vlan);
		rg_fill(r, 0, y, r->w, 1, st);
		rg_printf(r, 1, y, -1, st, "%-15s %-18s %-16s %4s  ", f->bridge, f->mac, f->port, vlan);
		rg_text(r, 58, y, -1, i == *row ? st : f->is_static ? ST_DIM : ST_FDB,
			f->is_static ? "static" : "learned");
		rg_printf(r, 65, y, -1, st, "%6.1fs", f->age);
	}
}
