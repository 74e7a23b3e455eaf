// SPDX-License-Identifier: GPL-2.0
/* The why pane: what `nsviz why FROM DEST` printed, in its own words, over the current view.
 * The verdict, the path, what the probes did and the causes come first; the traced paths
 * (`seen:`) last, so that the causes fit at 80x24. Long lines wrap at blanks. */
#include <stdio.h>
#include <string.h>

#include "ui.h"

#define ROWS_MAX 512
#define LINE_MAX_BYTES 2048

struct wrow {
	const char *p; /* bytes of the text */
	int n;
	int x;         /* column it starts at */
	enum style st;
};

/* Bytes of TEXT (N bytes) that fit in W columns, broken at the last blank that fits (a word
 * wider than W is broken where W ends: nothing is lost). */
static int fit_row(const char *text, int n, int w)
{
	int i = 0, brk = 0;

	for (int col = 0; i < n && col < w; col++) {
		if (text[i] == ' ')
			brk = i;
		do
			i++;
		while (i < n && (text[i] & 0xc0) == 0x80);
	}
	if (i >= n || text[i] == ' ')
		return i;
	return brk ? brk : i;
}

/* TEXT (N bytes) as rows of W columns into ROWS (room for MAX): the first at column 0, the rest
 * at INDENT. Returns the rows; *CUT when they did not all fit. */
static int wrap_rows(const char *text, int n, int w, int indent, enum style st,
		     struct wrow *rows, int max, bool *cut)
{
	int k = 0, x = 0;

	while (n > 0 && k < max) {
		int take = fit_row(text, n, w - x > 1 ? w - x : 1);

		rows[k++] = (struct wrow){ text, take, x, st };
		text += take;
		n -= take;
		while (n > 0 && *text == ' ')
			text++, n--;
		x = indent < w / 2 ? indent : 0;
	}
	*cut = n > 0;
	return k;
}

static void draw_row(const struct region *r, int x, int y, const struct wrow *row)
{
	char buf[LINE_MAX_BYTES];

	snprintf(buf, sizeof(buf), "%.*s", row->n, row->p);
	rg_text(r, x + row->x, y, -1, row->st, buf);
}

int ui_wrap(const struct ui *ui, const struct region *r, int x, int y, int w, int rows,
	    int indent, enum style st, const char *text)
{
	struct wrow wr[16];
	bool cut;
	int n = wrap_rows(text, (int)strlen(text), w, indent, st, wr, rows < 16 ? rows : 16, &cut);

	for (int i = 0; i < n; i++)
		draw_row(r, x, y + i, &wr[i]);
	if (cut && n) {
		const struct wrow *last = &wr[n - 1];
		int end = last->x, i = 0;

		for (; i < last->n; i++)
			end += (last->p[i] & 0xc0) != 0x80;
		rg_text(r, x + (end < w ? end : w - 1), y + n - 1, 1, st, ui->utf8 ? "\u2026" : "~");
	}
	return n;
}

bool ui_why_line(const struct snap_why *w, const char *prefix, char *buf, size_t len)
{
	const char *p = w ? w->text : "";
	size_t pl = strlen(prefix);

	for (; *p; p = strchrnul(p, '\n'), p += *p == '\n')
		if (!strncmp(p, prefix, pl)) {
			snprintf(buf, len, "%.*s", (int)(strchrnul(p, '\n') - p - pl), p + pl);
			return true;
		}
	return false;
}

/* A traced path (`seen:` and the hops under it) rather than the verdict, path or a cause. */
static bool seen_line(const char *line, bool after_seen)
{
	return !strncmp(line, "  seen:", 7) || (after_seen && !strncmp(line, "        ", 8));
}

/* How the line reads: the verdict (the one line not indented) bold, causes and why's own
 * messages ("nsviz why: ...") in the warning style, traced paths dim. */
static enum style line_style(const char *line)
{
	if (!strncmp(line, "  cause:", 8) || !strncmp(line, "nsviz", 5))
		return ST_WARN;
	if (seen_line(line, false) || !strncmp(line, "        ", 8))
		return ST_DIM;
	return *line == ' ' ? ST_NORMAL : ST_BOLD;
}

/* Continuation rows start under the text after the line's label ("  cause: "). */
static int line_indent(const char *line, int n)
{
	int lead = (int)strspn(line, " "), k = lead;

	while (k < n && k < lead + 12 && line[k] >= 'a' && line[k] <= 'z')
		k++;
	return k > lead && k + 1 < n && line[k] == ':' && line[k + 1] == ' ' ? k + 2 : lead + 2;
}

/* The rows of W's output in W columns: the traced paths after the rest (PASS 1). */
static int why_rows(const struct snap_why *why, int w, struct wrow *rows, int max)
{
	int k = 0;

	for (int pass = 0; pass < 2; pass++) {
		bool in_seen = false;

		for (const char *p = why->text; *p && k < max;) {
			const char *end = strchrnul(p, '\n');
			int n = (int)(end - p);
			bool cut;

			in_seen = seen_line(p, in_seen);
			if (in_seen == (pass == 1))
				k += wrap_rows(p, n, w, line_indent(p, n), line_style(p), rows + k,
					       max - k, &cut);
			p = *end ? end + 1 : end;
		}
	}
	return k;
}

/* The state line: running, or how it ended when its status says more than its text. */
static void status_row(const struct ui *ui, const struct snap_why *why, char *buf, size_t len)
{
	buf[0] = 0;
	if (why->running)
		snprintf(buf, len, "running why %s %s %s %s", why->from, ui->utf8 ? "\u2192" : "->",
			 why->dest, ui->utf8 ? "\u2026" : "...");
	else if (why->status != 0 && why->status != 3)
		snprintf(buf, len, "why ended with status %d", why->status);
}

void view_why(struct ui *ui, const struct snapshot *s, const struct region *r)
{
	struct wrow rows[ROWS_MAX];
	const struct snap_why *why = s->why;
	int w = r->w - 2 > 100 ? 100 : r->w - 2, n = 0, h, x, y, inner;
	char state[160], title[160];

	if (!ui->why_open || !why || w < 12 || r->h < 4)
		return;
	ui->animating |= why->running; /* redraw until the answer has come */
	status_row(ui, why, state, sizeof(state));
	if (state[0])
		rows[n++] = (struct wrow){ state, (int)strlen(state), 0, why->running ? ST_DIM : ST_WARN };
	n += why_rows(why, w - 4, rows + n, ROWS_MAX - n);
	inner = n < r->h - 2 ? n : r->h - 2;
	h = inner + 2;
	x = (r->w - w) / 2;
	y = (r->h - h) / 2;
	if (ui->why_top > n - inner)
		ui->why_top = n - inner;
	rg_fill(r, x - 1, y, w + 2, h, ST_NORMAL); /* a blank column each side: no stray text */
	rg_box(r, x, y, w, h, ST_TITLE, true);
	snprintf(title, sizeof(title), " why %s %s %s ", why->from, ui->utf8 ? "\u2192" : "->",
		 why->dest);
	rg_text(r, x + 2, y, w - 4, ST_TITLE, title);
	for (int i = 0; i < inner; i++) {
		struct region in = region_sub(r, x + 2, y + 1 + i, w - 4, 1);

		draw_row(&in, 0, 0, &rows[ui->why_top + i]);
	}
	snprintf(title, sizeof(title), " %s%sEsc close ", n > inner ? (ui->utf8 ? "\u2191\u2193 " : "") : "",
		 n > inner ? (ui->utf8 ? "scroll " : "j k scroll ") : "");
	rg_text(r, x + w - 2 - text_width(title), y + h - 1, -1, ST_TITLE, title);
}
