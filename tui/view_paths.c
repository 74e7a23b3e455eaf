// SPDX-License-Identifier: GPL-2.0
/* Recent packet paths; the selected one is drawn hop by hop on the topology, with the time of
 * each hop, what each bridge decided, and for a drop the kernel's reason. */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "ui.h"

static enum style verdict_style(const struct snap_path *p)
{
	if (!strcmp(p->verdict, "drop"))
		return ST_WARN;
	if (!strcmp(p->verdict, "flood"))
		return ST_ARP;
	return ST_ICMP;
}

/* "red:eth0-r tx → bridge1:veth-r rx → ..." wrapped over the rows of R from Y. */
static int hop_lines(const struct ui *ui, const struct region *r, int y, const struct snap_path *p)
{
	int x = 1;

	for (int h = 0; h < p->nhops && y < r->h; h++) {
		const struct snap_hop *hop = &p->hops[h];
		char buf[160];

		snprintf(buf, sizeof(buf), "%s%s%s %s +%u%s", hop->netns, *hop->netns ? ":" : "",
			 hop->ifname, hop->dir == 't' ? "tx" : "rx", hop->t_us, ui->utf8 ? "\u00b5s" : "us");
		if (x > 1 && x + text_width(buf) + 3 > r->w) {
			x = 3;
			y++;
		}
		if (h > 0)
			x += rg_text(r, x, y, -1, ST_DIM, ui->utf8 ? " \u2192 " : " > ");
		x += rg_printf(r, x, y, -1, ST_PATH, "%d", h + 1);
		x += rg_text(r, x + 1, y, -1, ST_NORMAL, buf) + 1;
	}
	return y + 1;
}

static void path_detail(const struct ui *ui, const struct region *r, int y, const struct snap_path *p)
{
	char buf[256];
	int x;

	if (y >= r->h)
		return;
	x = 1 + rg_printf(r, 1, y, -1, ST_BOLD, "%s ", p->summary);
	x += rg_printf(r, x, y, -1, verdict_style(p), "[%s%s%s]", p->verdict, *p->drop_reason ? ": " : "",
		       p->drop_reason);
	snprintf(buf, sizeof(buf), " %u%s end to end%s", p->latency_us, ui->utf8 ? "\u00b5s" : "us",
		 p->complete ? "" : ", incomplete");
	rg_text(r, x, y, -1, ST_NORMAL, buf);
	hop_lines(ui, r, y + 1, p);
}

void view_paths(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	const struct layout *l = ui_layout(ui, s->topo, r->w);
	const struct snap_path *sel = ui_selected_path(ui, s);
	int th = l->h + 1 > r->h - 10 ? r->h - 10 : l->h + 1, *row = ui_row(ui, VIEW_PATHS), top;
	struct region topo = region_sub(r, 0, 0, r->w, th < 3 ? 3 : th);
	struct region list = region_sub(r, 0, topo.h, r->w, r->h - topo.h);
	int lh = list.h - 4;

	view_topology(ui, s, &topo, sel);
	ui_header(&list, 0, " PATHS     SUMMARY                                           VERDICT   LATENCY", true);
	if (!sel) {
		rg_text(&list, 2, 1, -1, ST_DIM, "no packet paths yet (press p to ping)");
		return;
	}
	top = ui_scroll(row, s->npaths, lh - 1);
	for (int i = top, y = 1; i < s->npaths && y < lh; i++, y++) {
		const struct snap_path *p = &s->paths[s->npaths - 1 - i];
		enum style st = i == *row ? ST_SELECTED : ST_NORMAL;
		char clock[16];

		rg_fill(&list, 0, y, list.w, 1, st);
		rg_printf(&list, 1, y, -1, st, "%s  %-49.49s ", fmt_clock(p->time, clock, sizeof(clock)),
			  p->summary);
		rg_printf(&list, 61, y, -1, st == ST_SELECTED ? st : verdict_style(p), "%-8s", p->verdict);
		rg_printf(&list, 70, y, -1, st, "%6u%s", p->latency_us, ui->utf8 ? "\u00b5s" : "us");
	}
	path_detail(ui, &list, lh, sel);
}
