// SPDX-License-Identifier: GPL-2.0
/* Rate history drawn small: sparklines in the tables and on the links, and the selected
 * interface's graph, both from the model's per-tick samples (snap_iface.hist_pps, hist_bps). */
#include <math.h>
#include <stdio.h>

#include "format.h"
#include "sparkline.h"

void sparkline(const struct ui *ui, const struct region *r, int x, int y, int w, const float *hist)
{
	static const char ascii[] = "_.-=+*#";
	int first = SNAP_HIST > w ? SNAP_HIST - w : 0;
	float max = 0;

	for (int i = first; i < SNAP_HIST; i++)
		if (hist[i] > max)
			max = hist[i];
	for (int i = first; i < SNAP_HIST; i++) {
		int level = max > 0 ? (int)(hist[i] / max * 6.999f) : 0;

		if (hist[i] <= 0)
			rg_put(r, x + i - first, y, ui->utf8 ? 0x2581 : '_', ST_DIM);
		else
			rg_put(r, x + i - first, y, ui->utf8 ? 0x2582 + level : ascii[level], ST_SPARK);
	}
}

float hist_max(const float *hist)
{
	float max = 0;

	for (int i = 0; i < SNAP_HIST; i++)
		if (hist[i] > max)
			max = hist[i];
	return max;
}

/* Column X's bar in plot row K from the bottom: EIGHTHS of a row filled below its top. */
static void bar_cell(const struct ui *ui, const struct region *r, int x, int y, int eighths)
{
	if (eighths <= 0)
		return;
	if (eighths >= 8)
		rg_put(r, x, y, ui->utf8 ? 0x2588 : '#', ST_SPARK);
	else
		rg_put(r, x, y, ui->utf8 ? 0x2580 + eighths : eighths >= 4 ? ':' : '.', ST_SPARK);
}

/* The y axis: the scale top on the top row, half of it in the middle, 0 at the bottom. */
static void y_axis(const struct ui *ui, const struct region *r, int y, int rows, float max)
{
	char n[16];

	for (int k = 0; k < rows; k++) {
		bool tick = k == 0 || k == rows - 1 || (rows >= 5 && k == rows / 2);

		rg_put(r, 6, y + k, ui->utf8 ? (tick ? 0x2524 : 0x2502) : '|', ST_DIM);
	}
	rg_printf(r, 0, y, 5, ST_NORMAL, "%5s", fmt_si(max, n, sizeof(n)));
	if (rows >= 5)
		rg_printf(r, 0, y + rows / 2, 5, ST_DIM, "%5s",
			  fmt_si(max * (rows - 1 - rows / 2) / (rows - 1), n, sizeof(n)));
	rg_printf(r, 0, y + rows - 1, 5, ST_DIM, "%5s", "0");
}

/* The time axis under the plot: the oldest sample's age at the left, "now" at the right. */
static void x_axis(const struct ui *ui, const struct region *r, int y)
{
	double dt = ui->interval > 0 ? ui->interval : 1;
	char a[16], b[16];

	snprintf(a, sizeof(a), "-%gs", SNAP_HIST * dt);
	snprintf(b, sizeof(b), "-%gs", SNAP_HIST / 2 * dt);
	rg_text(r, 7, y, -1, ST_DIM, a);
	rg_text(r, 7 + SNAP_HIST / 2 - text_width(b) / 2, y, -1, ST_DIM, b);
	rg_text(r, 7 + SNAP_HIST - 3, y, -1, ST_DIM, "now");
}

void graph(const struct ui *ui, const struct region *r, int y, int h, const char *title,
	   const float *hist, const char *unit)
{
	float max = hist_max(hist);
	int rows = h - 2;
	char now[16], top[16], head[160];

	snprintf(head, sizeof(head), "%s  now %s%s  max %s%s", title,
		 fmt_si(hist[SNAP_HIST - 1], now, sizeof(now)), unit, fmt_si(max, top, sizeof(top)), unit);
	rg_text(r, 1, y, GRAPH_W - 1, ST_BOLD, head);
	y_axis(ui, r, y + 1, rows, max);
	for (int i = 0; i < SNAP_HIST && max > 0; i++) {
		int eighths = (int)lround(hist[i] / max * rows * 8);

		for (int k = 0; k < rows; k++)
			bar_cell(ui, r, 7 + i, y + rows - k, eighths - 8 * k);
	}
	if (max <= 0)
		rg_text(r, 9, y + 1 + rows / 2, -1, ST_DIM, "no traffic in this window");
	x_axis(ui, r, y + 1 + rows);
}
