// SPDX-License-Identifier: GPL-2.0
/* Cells carry line directions rather than glyphs so that a link ending on a box edge becomes a
 * proper junction (┬ ┴ ├ ┤) whatever the drawing order. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"

struct canvas *canvas_new(int w, int h)
{
	struct canvas *c = calloc(1, sizeof(*c));

	if (c && canvas_resize(c, w, h)) {
		free(c);
		return NULL;
	}
	return c;
}

void canvas_free(struct canvas *c)
{
	if (!c)
		return;
	free(c->cells);
	free(c);
}

int canvas_resize(struct canvas *c, int w, int h)
{
	struct cell *cells;

	if (w < 1 || h < 1)
		return -EINVAL;
	cells = calloc((size_t)w * h, sizeof(*cells));
	if (!cells)
		return -ENOMEM;
	free(c->cells);
	c->cells = cells;
	c->w = w;
	c->h = h;
	return 0;
}

void canvas_clear(struct canvas *c)
{
	memset(c->cells, 0, sizeof(*c->cells) * c->w * c->h);
}

const struct cell *canvas_at(const struct canvas *c, int x, int y)
{
	return &c->cells[y * c->w + x];
}

static const char *const light = " \u2502\u2500\u2514\u2502\u2502\u250c\u251c\u2500\u2518\u2500\u2534\u2510\u2524\u252c\u253c";
static const char *const heavy = " \u2503\u2501\u2517\u2503\u2503\u250f\u2523\u2501\u251b\u2501\u253b\u2513\u252b\u2533\u254b";

/* The Nth code point of a UTF-8 string of box glyphs (index by line directions). */
static uint32_t nth_glyph(const char *s, int n)
{
	const unsigned char *p = (const unsigned char *)s;

	if (n == 0)
		return ' ';
	p++;
	for (int i = 1; i < n; i++)
		p += 3;
	return ((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
}

static uint32_t round_corner(int dirs, uint32_t g)
{
	switch (dirs) {
	case LN_E | LN_S: return 0x256d;
	case LN_S | LN_W: return 0x256e;
	case LN_N | LN_W: return 0x256f;
	case LN_N | LN_E: return 0x2570;
	}
	return g;
}

/* ASCII stand-ins for the few non-ASCII characters the views use. */
static uint32_t ascii_of(uint32_t ch)
{
	static const struct {
		uint32_t from;
		char to;
	} map[] = {
		{ 0x25b2, '^' }, { 0x25bc, 'v' }, { 0x25b6, '>' }, { 0x25c0, '<' }, { 0x25cf, 'o' },
		{ 0x00b5, 'u' }, { 0x2026, '~' }, { 0x00b7, '.' }, { 0x2192, '>' }, { 0x2190, '<' },
		{ 0x2591, ':' }, { 0x2581, '_' }, { 0x2582, '_' }, { 0x2583, '.' }, { 0x2584, '-' },
		{ 0x2585, '=' }, { 0x2586, '=' }, { 0x2587, '#' }, { 0x2588, '#' }, { 0x2502, '|' },
		{ 0x2500, '-' }, { 0x21b5, '<' }, { 0x2191, '^' }, { 0x2193, 'v' }, { 0x00d7, 'x' },
	};

	if (ch < 0x80)
		return ch;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].from == ch)
			return map[i].to;
	return '?';
}

uint32_t canvas_glyph(const struct cell *cell, bool utf8)
{
	int dirs = cell->lines & LN_DIRS;
	uint32_t g;

	if (cell->ch == CELL_TAIL)
		return utf8 ? 0 : '?';
	if (cell->ch)
		return utf8 ? cell->ch : ascii_of(cell->ch);
	if (!dirs)
		return ' ';
	if (!utf8)
		return dirs == LN_N || dirs == LN_S || dirs == (LN_N | LN_S) ? '|'
		       : dirs == LN_E || dirs == LN_W || dirs == (LN_E | LN_W) ? '-' : '+';
	g = nth_glyph(cell->lines & LN_HEAVY ? heavy : light, dirs);
	return cell->lines & LN_ROUND ? round_corner(dirs, g) : g;
}

static void put_utf8(FILE *f, uint32_t cp)
{
	if (cp < 0x80) {
		fputc((int)cp, f);
	} else if (cp < 0x800) {
		fputc(0xc0 | (cp >> 6), f);
		fputc(0x80 | (cp & 0x3f), f);
	} else if (cp < 0x10000) {
		fputc(0xe0 | (cp >> 12), f);
		fputc(0x80 | ((cp >> 6) & 0x3f), f);
		fputc(0x80 | (cp & 0x3f), f);
	} else {
		fputc(0xf0 | (cp >> 18), f);
		fputc(0x80 | ((cp >> 12) & 0x3f), f);
		fputc(0x80 | ((cp >> 6) & 0x3f), f);
		fputc(0x80 | (cp & 0x3f), f);
	}
}

static void dump_text(const struct canvas *c, FILE *f, bool utf8)
{
	for (int y = 0; y < c->h; y++) {
		int end = c->w;

		while (end > 0 && canvas_glyph(canvas_at(c, end - 1, y), utf8) == ' ')
			end--;
		for (int x = 0; x < end; x++) {
			uint32_t g = canvas_glyph(canvas_at(c, x, y), utf8);

			if (g) /* not the second column of a wide character */
				put_utf8(f, g);
		}
		fputc('\n', f);
	}
}

/* LAYER 0: foreground colour, 1: background colour, 2: flags (hex digit; '.' for none). */
static char attr_char(struct attr a, int layer)
{
	static const char colors[] = "krgybmcw";
	uint8_t v = layer == 0 ? a.fg : layer == 1 ? a.bg : a.flags;

	if (layer == 2)
		return v ? "0123456789abcdef"[v & 15] : '.';
	return v == COLOR_DEFAULT ? '.' : colors[v & 7];
}

void canvas_dump(const struct canvas *c, FILE *f, bool utf8, bool attrs, bool color)
{
	static const char *const names[] = { "foreground", "background",
					     "flags (1 bold, 2 dim, 4 reverse, 8 underline)" };

	dump_text(c, f, utf8);
	if (!attrs)
		return;
	for (int layer = color ? 0 : 2; layer < 3; layer++) {
		fprintf(f, "-- %s --\n", names[layer]);
		for (int y = 0; y < c->h; y++) {
			for (int x = 0; x < c->w; x++)
				fputc(attr_char(style_attr(canvas_at(c, x, y)->style, color), layer), f);
			fputc('\n', f);
		}
	}
}

struct region region_make(struct canvas *c, int x, int y, int w, int h)
{
	return (struct region){ c, x, y, w, h, 0, 0 };
}

struct region region_sub(const struct region *r, int x, int y, int w, int h)
{
	if (x + w > r->w)
		w = r->w - x;
	if (y + h > r->h)
		h = r->h - y;
	return (struct region){ r->c, r->x + x, r->y + y, w < 0 ? 0 : w, h < 0 ? 0 : h, 0, 0 };
}

/* The canvas cell for virtual (x, y), or NULL when clipped. */
static struct cell *rg_cell(const struct region *r, int x, int y)
{
	x -= r->ox;
	y -= r->oy;
	if (x < 0 || y < 0 || x >= r->w || y >= r->h)
		return NULL;
	x += r->x;
	y += r->y;
	if (x < 0 || y < 0 || x >= r->c->w || y >= r->c->h)
		return NULL;
	return &r->c->cells[y * r->c->w + x];
}

const struct cell *rg_get(const struct region *r, int x, int y)
{
	return rg_cell(r, x, y);
}

/* CELL, about to be written, stops being half of a wide character: the other half is blanked
 * so that no stray column is left on screen. */
static void split_wide(const struct canvas *c, struct cell *cell)
{
	size_t i = cell - c->cells;
	int x = i % c->w;

	if (cell->ch == CELL_TAIL && x > 0)
		cell[-1] = (struct cell){ ' ', 0, cell[-1].style };
	else if (x + 1 < c->w && cell[1].ch == CELL_TAIL)
		cell[1] = (struct cell){ ' ', 0, cell[1].style };
}

static void put(const struct region *r, int x, int y, uint32_t ch, int w, enum style s)
{
	struct cell *cell = rg_cell(r, x, y), *next = w == 2 ? rg_cell(r, x + 1, y) : NULL;

	if (!cell)
		return;
	split_wide(r->c, cell);
	if (w == 2 && !next) { /* half of it would be clipped: the terminal could not draw it */
		*cell = (struct cell){ ' ', 0, s };
		return;
	}
	*cell = (struct cell){ ch, 0, s };
	if (next) {
		split_wide(r->c, next);
		*next = (struct cell){ CELL_TAIL, 0, s };
	}
}

void rg_put(const struct region *r, int x, int y, uint32_t ch, enum style s)
{
	put(r, x, y, ch, 1, s);
}

/* Where the region's visible part ends, in columns from virtual X. */
static int room(const struct region *r, int x)
{
	return r->ox + r->w - x;
}

int rg_fit(const struct region *r, int x, int y, int maxw, enum style s, const char *text,
	   enum fit kind)
{
	char buf[1024];
	const char *p = buf;
	int w = room(r, x), n = 0, cw;

	if (maxw >= 0 && maxw < w)
		w = maxw;
	text_fit(text, w, kind, buf, sizeof(buf));
	while (*p) {
		uint32_t ch = text_next(&p, &cw);

		if (cw > 0)
			put(r, x + n, y, ch, cw, s);
		n += cw;
	}
	return n;
}

int rg_text(const struct region *r, int x, int y, int maxw, enum style s, const char *text)
{
	return rg_fit(r, x, y, maxw, s, text, FIT_TEXT);
}

int rg_printf(const struct region *r, int x, int y, int maxw, enum style s, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return rg_text(r, x, y, maxw, s, buf);
}

void rg_fill(const struct region *r, int x, int y, int w, int h, enum style s)
{
	for (int j = 0; j < h; j++)
		for (int i = 0; i < w; i++)
			rg_put(r, x + i, y + j, ' ', s);
}

/* Join DIRS into a cell; a heavy stroke stays heavy only where nothing light meets it. */
static void add_lines(const struct region *r, int x, int y, int dirs, enum style s, bool heavy)
{
	struct cell *cell = rg_cell(r, x, y);

	if (!cell)
		return;
	split_wide(r->c, cell);
	if (!(cell->lines & LN_DIRS))
		cell->lines = heavy ? LN_HEAVY : 0;
	else if (!heavy)
		cell->lines &= ~LN_HEAVY;
	cell->ch = 0;
	cell->lines |= dirs;
	cell->style = s;
}

void rg_hline(const struct region *r, int x1, int x2, int y, enum style s, bool heavy)
{
	if (x1 > x2) {
		int t = x1;
		x1 = x2;
		x2 = t;
	}
	for (int x = x1; x <= x2; x++)
		add_lines(r, x, y, (x > x1 ? LN_W : 0) | (x < x2 ? LN_E : 0), s, heavy);
}

void rg_vline(const struct region *r, int x, int y1, int y2, enum style s, bool heavy)
{
	if (y1 > y2) {
		int t = y1;
		y1 = y2;
		y2 = t;
	}
	for (int y = y1; y <= y2; y++)
		add_lines(r, x, y, (y > y1 ? LN_N : 0) | (y < y2 ? LN_S : 0), s, heavy);
}

void rg_box(const struct region *r, int x, int y, int w, int h, enum style s, bool round)
{
	struct cell *cell;

	rg_fill(r, x, y, w, h, ST_NORMAL); /* nothing underneath joins the frame */
	rg_hline(r, x, x + w - 1, y, s, false);
	rg_hline(r, x, x + w - 1, y + h - 1, s, false);
	rg_vline(r, x, y, y + h - 1, s, false);
	rg_vline(r, x + w - 1, y, y + h - 1, s, false);
	if (!round)
		return;
	const int corners[4][2] = { { x, y }, { x + w - 1, y }, { x, y + h - 1 }, { x + w - 1, y + h - 1 } };
	for (int i = 0; i < 4; i++)
		if ((cell = rg_cell(r, corners[i][0], corners[i][1])))
			cell->lines |= LN_ROUND;
}
