/* SPDX-License-Identifier: GPL-2.0 */
/* A grid of cells, each a character (or line segments joined into box drawing) and a style.
 * Views draw into regions of it; the UI blits it, the tests dump it as text. No ncurses here. */
#ifndef NSVIZ_CANVAS_H
#define NSVIZ_CANVAS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "style.h"
#include "textfit.h"

/* Line segments meeting in a cell; the glyph is chosen from them when it is output. */
enum { LN_N = 1, LN_E = 2, LN_S = 4, LN_W = 8, LN_DIRS = 15, LN_HEAVY = 16, LN_ROUND = 32 };

struct cell {
	uint32_t ch; /* a code point, 0 for the lines (or a blank), CELL_TAIL right of a wide one */
	uint8_t lines;
	uint8_t style;
};

struct canvas {
	int w, h;
	struct cell *cells;
};

struct canvas *canvas_new(int w, int h);
void canvas_free(struct canvas *c);
/* New size, all blank. 0 or -ENOMEM. */
int canvas_resize(struct canvas *c, int w, int h);
void canvas_clear(struct canvas *c);
const struct cell *canvas_at(const struct canvas *c, int x, int y);
/* The code point to show for CELL: a box-drawing glyph in UTF8 mode, else ASCII. */
uint32_t canvas_glyph(const struct cell *cell, bool utf8);
/* Each row as text (trailing blanks dropped); with ATTRS, then the resolved attributes layer by
 * layer (foreground, background, flags), one character per cell, for golden files. */
void canvas_dump(const struct canvas *c, FILE *f, bool utf8, bool attrs, bool color);

/* A clipped window on the canvas. Drawing takes virtual coordinates: (ox, oy) is the virtual
 * point shown at the region's top left, so scrolling is a change of origin. */
struct region {
	struct canvas *c;
	int x, y, w, h;
	int ox, oy;
};

struct region region_make(struct canvas *c, int x, int y, int w, int h);
/* A sub-window of R in R's screen space, at R-relative (x, y), with origin 0. */
struct region region_sub(const struct region *r, int x, int y, int w, int h);
void rg_put(const struct region *r, int x, int y, uint32_t ch, enum style s);
/* The cell at virtual (x, y), or NULL when clipped. */
const struct cell *rg_get(const struct region *r, int x, int y);
/* UTF-8 text in at most MAXW columns (<0: up to the region's right edge), which also bound it,
 * fitted as KIND says (textfit.h). Returns the columns used. */
int rg_fit(const struct region *r, int x, int y, int maxw, enum style s, const char *text,
	   enum fit kind);
/* rg_fit(..., FIT_TEXT). */
int rg_text(const struct region *r, int x, int y, int maxw, enum style s, const char *text);
int rg_printf(const struct region *r, int x, int y, int maxw, enum style s, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void rg_fill(const struct region *r, int x, int y, int w, int h, enum style s);
/* Segments from (x1, y) to (x2, y) and from (x, y1) to (x, y2), joining whatever they meet. */
void rg_hline(const struct region *r, int x1, int x2, int y, enum style s, bool heavy);
void rg_vline(const struct region *r, int x, int y1, int y2, enum style s, bool heavy);
void rg_box(const struct region *r, int x, int y, int w, int h, enum style s, bool round);

#endif
