// SPDX-License-Identifier: GPL-2.0
/* The busiest flows: protocol, endpoints with their namespaces, rates and totals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "ui.h"

/* The number columns: right edges from the end of the destination column. A column that does
 * not fit is left out, name and numbers: a number is never cut. */
static const struct {
	const char *name;
	int right;
	enum ui_sort key;
} cols[] = {
	{ "PKT/S", 6, SORT_COUNT }, { "BIT/S", 14, SORT_RATE },
	{ "PACKETS", 23, SORT_PACKETS }, { "BYTES", 31, SORT_BYTES },
};

#define NCOLS (int)(sizeof(cols) / sizeof(cols[0]))

/* Column names, the sorted one marked; the mark goes before a right-aligned name (inside its
 * column) so that names stay above their numbers whatever the sort. */
static void flows_header(const struct ui *ui, const struct region *r, int ew, bool active)
{
	enum style st = active ? ST_TAB_ACTIVE : ST_HEADER;
	const char *mark = ui->utf8 ? "\u25bc" : "v";
	char buf[32];

	ui_header(r, 0, "", active);
	rg_printf(r, 1, 0, -1, st, "FLOWS%s", ui->sort == SORT_RECENT ? mark : "");
	rg_text(r, 7, 0, ew, st, "SOURCE");
	rg_text(r, 7 + ew, 0, ew, st, "DESTINATION");
	for (int i = 0; i < NCOLS && 7 + 2 * ew + cols[i].right <= r->w; i++) {
		snprintf(buf, sizeof(buf), "%s%s", ui->sort == cols[i].key ? mark : "", cols[i].name);
		rg_text(r, 7 + 2 * ew + cols[i].right - text_width(buf), 0, -1, st, buf);
	}
}

/* An ICMP echo request or reply: its flows are told apart by the echo id (in sport). */
static bool icmp_echo(const struct snap_flow *f)
{
	if (!strcmp(f->proto, "icmp"))
		return f->dport == 8 || f->dport == 0;
	return !strcmp(f->proto, "icmp6") && (f->dport == 128 || f->dport == 129);
}

/* "10.0.0.1:5201", "10.0.0.1 id 4321" or "10.0.0.1". */
static void endpoint_text(const struct snap_flow *f, bool src, char *buf, size_t len)
{
	const char *addr = src ? f->src : f->dst;
	uint16_t port = src ? f->sport : f->dport;

	if (!strcmp(f->proto, "tcp") || !strcmp(f->proto, "udp"))
		snprintf(buf, len, "%s:%u", addr, port);
	else if (src && icmp_echo(f))
		snprintf(buf, len, "%s id %u", addr, port);
	else
		snprintf(buf, len, "%s", addr);
}

/* "red 10.0.0.1:5201", "red 10.0.0.1 id 4321" in at most W columns, the namespace in its own
 * style; without it when both do not fit, as the address and port tell the flow apart. */
static void endpoint(const struct region *r, int x, int y, int w, const struct snap_flow *f, bool src,
		     enum style st)
{
	const char *ns = src ? f->src_netns : f->dst_netns, *addr = src ? f->src : f->dst;
	char buf[80];

	endpoint_text(f, src, buf, sizeof(buf));
	if (*ns && text_width(ns) + 1 + text_width(buf) <= w) {
		int n = rg_text(r, x, y, w, st == ST_NORMAL ? ST_NS_NAME : st, ns);

		x += n + 1;
		w -= n + 1;
	}
	if (text_width(buf) > w) /* the port or echo id goes before the address is shortened */
		snprintf(buf, sizeof(buf), "%s", addr);
	if (w > 0)
		rg_fit(r, x, y, w, st, buf, FIT_MIDDLE);
}

/* Columns endpoint() needs to show F's end whole, namespace included. */
static int endpoint_width(const struct snap_flow *f, bool src)
{
	const char *ns = src ? f->src_netns : f->dst_netns;
	char buf[80];

	endpoint_text(f, src, buf, sizeof(buf));
	return (*ns ? text_width(ns) + 1 : 0) + text_width(buf);
}

/* One endpoint column: wide enough for the widest shown endpoint and its space. */
static int endpoint_col(const struct ui *ui, const struct snapshot *s)
{
	int w = 10;

	for (int i = 0; i < s->nflows; i++)
		for (int e = 0; e < 2 && ui_flow_shown(ui, s, &s->flows[i]); e++)
			if (endpoint_width(&s->flows[i], !e) + 1 > w)
				w = endpoint_width(&s->flows[i], !e) + 1;
	return w;
}

int flows_width(const struct ui *ui, const struct snapshot *s)
{
	return 7 + 2 * endpoint_col(ui, s) + cols[NCOLS - 1].right + 1;
}

static void flow_row(const struct region *r, int y, int ew, const struct snap_flow *f, enum style st)
{
	const double num[NCOLS] = { f->pps, f->bps, f->packets, f->bytes };
	char buf[16];
	int x = 1;

	rg_fill(r, 0, y, r->w, 1, st);
	x += rg_printf(r, x, y, 6, st == ST_NORMAL ? ST_FLOW : st, "%-6s", f->proto);
	endpoint(r, x, y, ew - 1, f, true, st);
	x += ew;
	endpoint(r, x, y, ew - 1, f, false, st);
	x += ew;
	for (int i = 0; i < NCOLS && x + cols[i].right <= r->w; i++) {
		fmt_si(num[i], buf, sizeof(buf));
		rg_fit(r, x + cols[i].right - text_width(buf), y, -1, st, buf, FIT_WHOLE);
	}
}

/* Link-local chatter is folded away (ui_folded): the last row of WHOLE counts it. */
void view_flows(struct ui *ui, const struct snapshot *s, const struct region *whole, bool active)
{
	int n, *idx = ui_sorted_flows(ui, s, &n), ew = (whole->w - 1 - 6 - 31) / 2, *row, hidden = 0;
	struct region rows;
	const struct region *r = &rows;

	if (whole->h < 1)
		goto cleanup;
	for (int i = 0; i < s->nflows; i++)
		hidden += ui_folded(ui, s->flows[i].src, s->flows[i].dst);
	rows = region_sub(whole, 0, 0, whole->w, ui_fold_note(whole, hidden));
	if (ew < 10)
		ew = 10;
	flows_header(ui, r, ew, active);
	if (!idx || n == 0) {
		rg_text(r, 2, 1, r->w - 2, ST_DIM,
			ui->focus || ui->filter[0] ? "no flows match the focus or filter"
						   : "no flows yet (press p to ping between namespaces)");
		goto cleanup;
	}
	row = ui_row(ui, VIEW_MAX + PANE_FLOWS);
	for (int i = ui_scroll(row, n, r->h - 1), y = 1; i < n && y < r->h; i++, y++)
		flow_row(r, y, ew, &s->flows[idx[i]], active && i == *row ? ST_SELECTED : ST_NORMAL);
cleanup:
	free(idx);
}
