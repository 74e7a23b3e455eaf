// SPDX-License-Identifier: GPL-2.0
/* Widths come from the C library's wcwidth, so they follow the locale the UI set (setlocale in
 * tui.c): in a UTF-8 locale 红 is 2 columns, as the terminal draws it. Strings are UTF-8 inside
 * nsviz whatever the locale, so they are decoded here rather than with mbrtowc. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "textfit.h"

#define ELLIPSIS "\u2026"

uint32_t text_next(const char **p, int *w)
{
	const unsigned char *s = (const unsigned char *)*p;
	int n = text_utf8_len(*p), cw;
	uint32_t cp;

	if (n < 0) {
		(*p)++;
		*w = 1;
		return '?';
	}
	cp = n == 1 ? s[0] : s[0] & (0x7f >> n);
	for (int i = 1; i < n; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	*p += n;
	cw = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
	*w = cw < 0 ? 1 : cw;
	return cp;
}

/* One character of the text: where it starts, its bytes and columns. */
struct piece {
	const char *at;
	int bytes, w;
};

enum { MAX_PIECES = 1024 };

/* TEXT escaped into ESC and cut into pieces; returns their count, *TOTAL their columns. */
static int pieces_of(const char *text, char *esc, size_t len, struct piece *pc, int *total)
{
	const char *p = text_escape(text, esc, len);
	int n = 0;

	*total = 0;
	while (*p && n < MAX_PIECES) {
		const char *at = p;

		text_next(&p, &pc[n].w);
		pc[n].at = at;
		pc[n].bytes = p - at;
		*total += pc[n++].w;
	}
	return n;
}

/* How many pieces from FROM, stepping by DIR, fit in W columns. */
static int fitting(const struct piece *pc, int n, int from, int dir, int w)
{
	int k = 0;

	for (int i = from; i >= 0 && i < n && pc[i].w <= w; i += dir, k++)
		w -= pc[i].w;
	return k;
}

static bool is_blank(const struct piece *p)
{
	return p->bytes == 1 && *p->at == ' ';
}

/* The cut before piece K splits a word with a digit in it (`10.0.0.2`, `110`, `id=7`): cut
 * before the word instead, so that no number or address is ever left half on screen. */
static int cut_before_word(const struct piece *pc, int n, int k)
{
	int start = k, end = k;
	bool digit = false;

	if (k == 0 || k >= n || is_blank(&pc[k]) || is_blank(&pc[k - 1]))
		return k;
	while (start > 0 && !is_blank(&pc[start - 1]))
		start--;
	while (end < n && !is_blank(&pc[end]))
		end++;
	for (int i = start; i < end; i++)
		digit |= pc[i].bytes == 1 && *pc[i].at >= '0' && *pc[i].at <= '9';
	return digit ? start : k;
}

static bool is_separator(const struct piece *p)
{
	return p->bytes == 1 && strchr(":.-", *p->at);
}

/* An address keeps whole groups on each side of the cut (`fe80::…:8a74`, not `fe80::…a:8a74`):
 * HEAD and TAIL pieces shrink to the nearest separator, where there is one. */
static void cut_at_groups(const struct piece *pc, int n, int *head, int *tail)
{
	int h = *head, t = *tail;

	while (h > 0 && !is_separator(&pc[h - 1]) && !is_separator(&pc[h]))
		h--;
	while (t > 0 && !is_separator(&pc[n - t]) && !is_separator(&pc[n - t - 1]))
		t--;
	*head = h ? h : *head;
	*tail = t ? t : *tail;
}

/* Pieces [FROM, TO) appended to BUF at *OFF. */
static void append(char *buf, size_t len, size_t *off, const struct piece *pc, int from, int to)
{
	for (int i = from; i < to; i++)
		if (*off + pc[i].bytes < len) {
			memcpy(buf + *off, pc[i].at, pc[i].bytes);
			*off += pc[i].bytes;
		}
	buf[*off] = 0;
}

static int columns(const struct piece *pc, int from, int to)
{
	int w = 0;

	for (int i = from; i < to; i++)
		w += pc[i].w;
	return w;
}

int text_fit(const char *text, int w, enum fit kind, char *buf, size_t len)
{
	static struct piece pc[MAX_PIECES]; /* the UI is one thread */
	char esc[1024];
	int total, n = pieces_of(text, esc, sizeof(esc), pc, &total), head, tail;
	size_t off = 0;

	*buf = 0;
	if (total <= w) {
		append(buf, len, &off, pc, 0, n);
		return total;
	}
	if (kind == FIT_WHOLE || w < 1)
		return 0;
	if (kind == FIT_TEXT) {
		head = cut_before_word(pc, n, fitting(pc, n, 0, 1, w - 1));
		tail = 0;
	} else {
		head = fitting(pc, n, 0, 1, w / 2);
		tail = fitting(pc, n, n - 1, -1, w - 1 - columns(pc, 0, head));
		cut_at_groups(pc, n, &head, &tail);
	}
	append(buf, len, &off, pc, 0, head);
	if (off + strlen(ELLIPSIS) < len) {
		strcpy(buf + off, ELLIPSIS);
		off += strlen(ELLIPSIS);
	}
	append(buf, len, &off, pc, n - tail, n);
	return columns(pc, 0, head) + 1 + columns(pc, n - tail, n);
}

int text_width(const char *text)
{
	static struct piece pc[MAX_PIECES];
	char esc[1024];
	int total;

	pieces_of(text, esc, sizeof(esc), pc, &total);
	return total;
}
