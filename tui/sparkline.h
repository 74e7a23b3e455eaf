/* SPDX-License-Identifier: GPL-2.0 */
/* Rate history drawn small: a sparkline (one cell a sample, the tallest the window's maximum)
 * and a bmon-style graph with its scale (packets/s or bits/s on the y axis, the seconds ago on
 * the x axis). */
#ifndef NSVIZ_SPARKLINE_H
#define NSVIZ_SPARKLINE_H

#include "ui.h"

/* The last W samples of HIST (SNAP_HIST of them, oldest first) at (X, Y) of R, scaled to their
 * own maximum. */
void sparkline(const struct ui *ui, const struct region *r, int x, int y, int w, const float *hist);

/* The largest of the SNAP_HIST samples of HIST: the graph's scale top. */
float hist_max(const float *hist);

/* Columns a graph takes: its y axis labels, the axis, one column a sample. */
#define GRAPH_W (7 + SNAP_HIST)

/* A graph of HIST in R from row Y, H rows (title, plot, time axis; at least 3): TITLE, the
 * newest sample and the scale top in UNIT ("p/s", "b/s") on its first row. */
void graph(const struct ui *ui, const struct region *r, int y, int h, const char *title,
	   const float *hist, const char *unit);

#endif
