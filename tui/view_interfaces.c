// SPDX-License-Identifier: GPL-2.0
/* Every observed interface: its live state and MTU, rates and totals per direction, a sparkline of
 * recent packets/s, and for the selected one graphs of its packets/s and bits/s with their scales
 * and the breakdown by packet class. */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "linkstate.h"
#include "sparkline.h"
#include "ui.h"

#define COL_NUMS 28 /* where the columns after INTERFACE and BRIDGE start */
#define STATE_W 17  /* "no carrier  1500 " */

/* A class's column header: its name, except where that would not fit the 7 columns
 * ("malformed") or would differ from how the flows and events views name the protocol. */
static const char *class_label(enum nsviz_class c)
{
	switch (c) {
	case NSVIZ_C_ICMPV6: return "icmp6";
	case NSVIZ_C_MALFORMED: return "bad";
	default: return snap_class_name(c);
	}
}

/* Totals only when the screen is wide enough to keep a useful sparkline. */
static bool wide(const struct region *r)
{
	return r->w >= 110;
}

/* State and MTU from 96 columns, which leaves the sparkline 20. */
static bool state_cols(const struct region *r)
{
	return r->w >= 96;
}

/* STATE and MTU at X; returns the columns taken. */
static int state_row(const struct region *r, int x, int y, const struct snap_iface *f, enum style st,
		     bool selected)
{
	const char *word = lstate_word(f);
	bool bad = *word && strcmp(word, "up");

	rg_text(r, x, y, 10, bad && !selected ? ST_WARN : st, word);
	if (f->link.known && f->link.present)
		rg_printf(r, x + 11, y, -1, st, "%5u", f->link.mtu);
	return STATE_W;
}

/* F is the device of one of the topology's bridges (not a port, not an --if interface). */
static bool bridge_device(const struct snapshot *s, const struct snap_iface *f)
{
	for (int b = 0; b < s->topo->nbridges; b++)
		if (ui_bridge_iface(s, b) == f)
			return true;
	return false;
}

static void iface_row(const struct ui *ui, const struct snapshot *s, const struct region *r,
		      int y, const struct snap_iface *f, bool selected)
{
	char n[6][16], where[96];
	enum style st = selected ? ST_SELECTED : ST_NORMAL;
	int x;

	rg_fill(r, 0, y, r->w, 1, st);
	snprintf(where, sizeof(where), "%s:%s", *f->netns ? f->netns : "host", f->ifname);
	rg_text(r, 1, y, 17, selected ? st : ST_BOLD, where);
	rg_text(r, 19, y, 9, st, *f->bridge ? f->bridge : bridge_device(s, f) ? "(bridge)" : "");
	x = COL_NUMS + (state_cols(r) ? state_row(r, COL_NUMS, y, f, st, selected) : 0);
	/* Not observed yet, or not there: no number would be true. */
	if (f->pending || lstate_of(f) == LS_MISSING) {
		rg_text(r, x, y, -1, selected ? st : ST_DIM,
			f->pending ? "attaching" : state_cols(r) ? "" : "missing");
		return;
	}
	x += rg_printf(r, x, y, -1, st, "%6s %7s %6s %7s ", fmt_si(f->rx.pps, n[0], 16),
			   fmt_si(f->rx.bps, n[1], 16), fmt_si(f->tx.pps, n[2], 16),
			   fmt_si(f->tx.bps, n[3], 16));
	if (wide(r))
		x += rg_printf(r, x, y, -1, st, "%8s %8s ", fmt_si(f->rx.packets, n[4], 16),
			       fmt_si(f->tx.packets, n[5], 16));
	sparkline(ui, r, x, y, r->w - x - 1, f->hist_pps);
}

static void class_rows(const struct region *r, int y, const struct snap_iface *f)
{
	int x = 8;

	ui_header(r, y, " CLASSES", false);
	rg_printf(r, 1, y + 1, -1, ST_BOLD, "rx");
	rg_printf(r, 1, y + 2, -1, ST_BOLD, "tx");
	for (int c = 0; c < NSVIZ_CLASS_MAX && x + 8 <= r->w; c++, x += 8) {
		char a[16], b[16];

		rg_printf(r, x, y, -1, ST_HEADER, "%7s", class_label(c));
		rg_printf(r, x, y + 1, -1, f->rx.classes[c] ? ST_NORMAL : ST_DIM, "%7s",
			  fmt_si(f->rx.classes[c], a, sizeof(a)));
		rg_printf(r, x, y + 2, -1, f->tx.classes[c] ? ST_NORMAL : ST_DIM, "%7s",
			  fmt_si(f->tx.classes[c], b, sizeof(b)));
	}
}

/* Rows of the graphs: two of title, plot and time axis, stacked or side by side; each plot at
 * most 8 rows, at least 3. 0 where the table would keep fewer than 3 rows. */
static int graph_rows(const struct region *r, int nifaces)
{
	int avail = r->h - 4 - 1 - (nifaces < 3 ? nifaces : 3), side = r->w >= 2 * GRAPH_W + 3;
	int plot = (side ? avail : avail / 2) - 2;

	if (plot > 8)
		plot = 8;
	return plot < 3 ? 0 : (plot + 2) * (side ? 1 : 2);
}

/* The selected interface's packets/s and bits/s (rx+tx) over the last SNAP_HIST ticks. */
static void graphs(const struct ui *ui, const struct region *r, int y, int h, const struct snap_iface *f)
{
	bool side = r->w >= 2 * GRAPH_W + 3;
	int gh = side ? h : h / 2;
	struct region a = region_sub(r, 0, y, GRAPH_W, gh);
	struct region b = side ? region_sub(r, GRAPH_W + 3, y, GRAPH_W, gh)
			       : region_sub(r, 0, y + gh, GRAPH_W, gh);
	char where[96], title[128];

	snprintf(where, sizeof(where), "%s:%s", *f->netns ? f->netns : "host", f->ifname);
	snprintf(title, sizeof(title), "packets/s %s rx+tx", where);
	graph(ui, &a, 0, gh, title, f->hist_pps, "p/s");
	snprintf(title, sizeof(title), "bits/s %s rx+tx", where);
	graph(ui, &b, 0, gh, title, f->hist_bps, "b/s");
}

void view_interfaces(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	int *row = ui_row(ui, VIEW_INTERFACES), gh = graph_rows(r, s->nifaces), h = r->h - 4 - gh, top;
	char head[160];

	snprintf(head, sizeof(head), " INTERFACE         BRIDGE   %s RX P/S  RX b/s TX P/S  TX b/s %sPACKETS/S",
		 state_cols(r) ? "STATE        MTU " : "", wide(r) ? " RX PKTS  TX PKTS " : "");
	ui_header(r, 0, head, true);
	if (!s->nifaces) {
		rg_text(r, 2, 1, -1, ST_DIM, "no interfaces observed");
		return;
	}
	if (h > s->nifaces + 1)
		h = s->nifaces + 1;
	top = ui_scroll(row, s->nifaces, h - 1);
	for (int i = top, y = 1; i < s->nifaces && y < h; i++, y++)
		iface_row(ui, s, r, y, &s->ifaces[i], i == *row);
	if (gh)
		graphs(ui, r, h + 1, gh, &s->ifaces[*row]);
	class_rows(r, r->h - 3, &s->ifaces[*row]);
}
