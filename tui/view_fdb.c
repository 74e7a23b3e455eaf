// SPDX-License-Identifier: GPL-2.0
/* The bridges' forwarding databases: which MAC sits behind which port, learned, static or the
 * port's own (local), how long since the kernel last forwarded to it, and whose MAC it is. */
#include <stdio.h>
#include <string.h>

#include "ui.h"

/* Which columns are shown and how wide: the owner always whole, so on a narrow screen the age
 * goes first, then the VLAN, then the type, then the MAC loses its middle. */
struct fdb_cols {
	int wb, wp, wmac, wowner;
	bool vlan, type, age;
};

/* The name columns are as wide as their longest name on screen. */
static void name_widths(const struct snapshot *s, struct fdb_cols *c)
{
	c->wb = strlen("BRIDGE");
	c->wp = strlen("PORT");
	c->wowner = strlen("OWNER");
	for (int i = 0; i < s->nfdb; i++) {
		if (text_width(s->fdb[i].bridge) > c->wb)
			c->wb = text_width(s->fdb[i].bridge);
		if (text_width(s->fdb[i].port) > c->wp)
			c->wp = text_width(s->fdb[i].port);
		if (text_width(s->fdb[i].owner) > c->wowner)
			c->wowner = text_width(s->fdb[i].owner);
	}
}

static int cols_width(const struct fdb_cols *c)
{
	return 1 + c->wb + 1 + c->wp + 1 + c->wmac + (c->vlan ? 5 : 0) + (c->type ? 8 : 0) +
	       (c->age ? 9 : 1) + 1 + c->wowner;
}

static struct fdb_cols fdb_cols(const struct snapshot *s, int w)
{
	struct fdb_cols c = { .wmac = 17, .vlan = true, .type = true, .age = true };
	bool *drop[] = { &c.age, &c.vlan, &c.type };

	name_widths(s, &c);
	for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]) && cols_width(&c) > w; i++)
		*drop[i] = false;
	if (cols_width(&c) > w)
		c.wmac -= cols_width(&c) - w;
	return c;
}

/* One entry (the header where HEAD): names padded by their width on screen, not their bytes,
 * the MAC whole or shortened in its middle, the owner whole. */
static void fdb_row(const struct region *r, int y, const struct fdb_cols *c, const struct snap_fdb *f,
		    bool head, enum style st, enum style type_st)
{
	char vlan[8] = "-", age[16];
	int x = 1 + c->wb + 1 + c->wp + 1;

	if (f->vlan)
		snprintf(vlan, sizeof(vlan), "%u", f->vlan);
	snprintf(age, sizeof(age), "%.1fs", f->age);
	rg_fill(r, 0, y, r->w, 1, st);
	rg_text(r, 1, y, c->wb, st, f->bridge);
	rg_text(r, 1 + c->wb + 1, y, c->wp, st, f->port);
	rg_fit(r, x, y, c->wmac, st, f->mac, FIT_MIDDLE);
	x += c->wmac;
	if (c->vlan)
		x += rg_printf(r, x, y, -1, st, " %4s", head ? "VLAN" : vlan);
	if (c->type) {
		rg_text(r, x + 1, y, 7, type_st, f->type);
		x += 8;
	}
	x += c->age ? rg_printf(r, x, y, -1, st, " %7s ", head ? "AGE" : age) : 1;
	rg_fit(r, x + 1, y, c->wowner, st, f->owner[0] ? f->owner : "-", FIT_WHOLE);
}

void view_fdb(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	int *row = ui_row(ui, VIEW_FDB), top;
	struct fdb_cols c = fdb_cols(s, r->w);
	struct snap_fdb head = { .bridge = "BRIDGE", .port = "PORT", .mac = "MAC", .type = "TYPE",
				 .owner = "OWNER" };

	fdb_row(r, 0, &c, &head, true, ST_TAB_ACTIVE, ST_TAB_ACTIVE);
	if (!s->nfdb) {
		rg_text(r, 2, 1, -1, ST_DIM, "no FDB entries (they appear as bridges learn)");
		return;
	}
	top = ui_scroll(row, s->nfdb, r->h - 1);
	for (int i = top, y = 1; i < s->nfdb && y < r->h; i++, y++) {
		enum style st = i == *row ? ST_SELECTED : ST_NORMAL;

		fdb_row(r, y, &c, &s->fdb[i], false, st,
			i == *row ? st : !strcmp(s->fdb[i].type, "learned") ? ST_FDB : ST_DIM);
	}
}
