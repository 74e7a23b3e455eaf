// SPDX-License-Identifier: GPL-2.0
/* Text fitting: widths in display columns (as wcswidth says, in a UTF-8 locale), prose cut at
 * its end with `…` but never inside a number or an address, addresses and MACs cut in the
 * middle, numbers whole or not at all; and on the canvas, a wide character takes two cells. */
#include <locale.h>
#include <wchar.h>

#include "canvas.h"
#include "tap.h"

/* Columns of UTF-8 S by the C library alone (mbstowcs + wcswidth): the independent measure. */
static int libc_width(const char *s)
{
	wchar_t w[256];
	size_t n = mbstowcs(w, s, 256);

	return n == (size_t)-1 ? -1 : wcswidth(w, n);
}

static void check_width(const char *s)
{
	int want = libc_width(s);

	tap_ok(text_width(s) == want, "'%s' is %d columns (wcswidth: %d)", s, text_width(s), want);
}

static void check_fit(const char *in, int w, enum fit kind, const char *want)
{
	char buf[256];
	int n = text_fit(in, w, kind, buf, sizeof(buf));

	tap_is_str(buf, want, in);
	tap_ok(n == libc_width(buf) && n <= w, "  in %d columns: %d, as wcswidth measures it", w, n);
}

static void check_canvas(void)
{
	struct canvas *c = canvas_new(8, 1);
	struct region r = region_make(c, 0, 0, 8, 1);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	tap_ok(rg_text(&r, 1, 0, -1, ST_NORMAL, "\u7ea2\u8272") == 4, "红色 takes 4 cells");
	tap_ok(canvas_at(c, 2, 0)->ch == CELL_TAIL && canvas_at(c, 4, 0)->ch == CELL_TAIL,
	       "each second cell is the right half of its character");
	rg_put(&r, 2, 0, 'x', ST_NORMAL); /* over the right half of 红 */
	tap_ok(canvas_at(c, 1, 0)->ch == ' ', "overwriting half of a wide character blanks the other");
	rg_text(&r, 6, 0, -1, ST_NORMAL, "\u7ea2\u8272"); /* 2 columns left: no room for 红… */
	canvas_dump(c, out, true, false, false);
	fclose(out);
	tap_is_str(buf, "  x\u8272 \u2026\n", "a wide character is never half on the canvas");
	free(buf);
	canvas_free(c);
}

int main(void)
{
	tap_require(setlocale(LC_ALL, "C.UTF-8") != NULL, "the C.UTF-8 locale");
	check_width("red");
	check_width("caf\u00e9");
	check_width("\u7ea2\u8272");
	check_width("e\u0301"); /* a combining accent takes no column */
	check_fit("red", 3, FIT_TEXT, "red");
	check_fit("no flows yet", 8, FIT_TEXT, "no flow\u2026");
	check_fit("echo request 10.0.0.1 > 10.0.0.2 id 7 seq 110", 44, FIT_TEXT,
		  "echo request 10.0.0.1 > 10.0.0.2 id 7 seq \u2026");
	check_fit("green 10.0.0.2", 13, FIT_TEXT, "green \u2026");
	check_fit("\u7ea2\u8272 10.0.0.1", 6, FIT_TEXT, "\u7ea2\u8272 \u2026");
	check_fit("\u7ea2\u8272abc", 2, FIT_TEXT, "\u2026");
	check_fit("fe80::4c1e:13ff:fe2a:8a74", 13, FIT_MIDDLE, "fe80::\u2026:8a74");
	check_fit("02:42:ac:11:00:02", 11, FIT_MIDDLE, "02:42\u202600:02");
	check_fit("fe80::1", 7, FIT_MIDDLE, "fe80::1");
	check_fit("1234567", 6, FIT_WHOLE, "");
	check_fit("12345", 6, FIT_WHOLE, "12345");
	check_canvas();
	return tap_done();
}
