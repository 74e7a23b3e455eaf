// SPDX-License-Identifier: GPL-2.0
/* Control characters in names (C0, DEL, C1 in UTF-8 and as stray bytes) are escaped the same way
 * in messages and tables (text_escape), JSON (out_json_str) and the UI (rg_text); UTF-8 text whose
 * bytes fall in 0x80-0x9f is left alone. */
#include <stdlib.h>

#include "canvas.h"
#include "out_json.h"
#include "out_paths.h"
#include "out_table.h"
#include "tap.h"
#include "text.h"

static const struct {
	const char *name, *in, *text, *json;
} cases[] = {
	{ "plain", "eth0-r", "eth0-r", "\"eth0-r\"" },
	{ "C0 (ESC)", "a\033[2Jb", "a\\x1b[2Jb", "\"a\\u001b[2Jb\"" },
	{ "DEL", "a\177b", "a\\x7fb", "\"a\\u007fb\"" },
	{ "C1 CSI in UTF-8 (U+009B)", "a\xc2\x9b" "31mb", "a\\xc2\\x9b31mb", "\"a\\u009b31mb\"" },
	{ "C1 NEL in UTF-8 (U+0085)", "\xc2\x85", "\\xc2\\x85", "\"\\u0085\"" },
	{ "first and last C1 (U+0080, U+009F)", "\xc2\x80\xc2\x9f", "\\xc2\\x80\\xc2\\x9f",
	  "\"\\u0080\\u009f\"" },
	{ "C1 as a stray byte (Latin-1 CSI)", "a\x9b" "31m", "a\\x9b31m", "\"a\\ufffd31m\"" },
	{ "U+00A0 is no control", "a\xc2\xa0" "b", "a\xc2\xa0" "b", "\"a\xc2\xa0" "b\"" },
	{ "UTF-8 with continuation bytes 0x80-0x9f", "r\xc4\x81 \xe4\xb8\x80 \xf0\x9f\x98\x80",
	  "r\xc4\x81 \xe4\xb8\x80 \xf0\x9f\x98\x80", "\"r\xc4\x81 \xe4\xb8\x80 \xf0\x9f\x98\x80\"" },
	{ "a truncated UTF-8 sequence ending in 0x9f", "x\xe4\x9f", "x\xe4\\x9f", NULL },
};

static void test_text_and_json(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[128], *js = NULL;
		size_t len = 0;
		FILE *f;

		tap_is_str(text_escape(cases[i].in, buf, sizeof(buf)), cases[i].text, cases[i].name);
		if (!cases[i].json)
			continue;
		f = open_memstream(&js, &len);
		out_json_str(f, cases[i].in, false);
		fclose(f);
		tap_is_str(js, cases[i].json, cases[i].name);
		free(js);
	}
}

static void test_cut(void)
{
	char buf[8];

	tap_is_str(text_escape("ab\xc2\x9b" "cd", buf, sizeof(buf)), "ab", "a control character "
		   "that does not fit whole is left out whole");
	tap_is_str(text_escape("abc\xe4\xb8\x80" "defg", buf, sizeof(buf)), "abc\xe4\xb8\x80" "d",
		   "a UTF-8 character is never cut");
}

/* The UI draws the escape, one cell per character, and measures it the same way. */
static void test_ui(void)
{
	struct canvas *c = canvas_new(20, 1);
	struct region r = region_make(c, 0, 0, 20, 1);
	const char *name = "e\xc2\x9b" "1";
	const char *want = "e\\xc2\\x9b1";
	char got[32] = "";
	int n = rg_text(&r, 0, 0, -1, ST_NORMAL, name);

	for (int x = 0; x < n && x < 31; x++)
		got[x] = (char)canvas_at(c, x, 0)->ch;
	tap_is_str(got, want, "the UI draws U+009B as \\xc2\\x9b");
	tap_ok(n == (int)strlen(want) && text_width(name) == n, "and measures it as drawn (%d)", n);
	canvas_free(c);
}

/* No byte of S is a C0 control but the newline, DEL, or 0x80-0x9f. */
static bool no_raw_controls(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || (*p >= 0x7f && *p <= 0x9f))
			return false;
	return true;
}

/* The counters and FDB tables and trace lines show kernel names, which may hold anything. */
static void test_tables(void)
{
	struct snap_iface iface = { .netns = "r\xc2\x9b" "2J", .ifname = "e\x9b" "1\033" };
	struct snapshot snap = { .hook_mode = "tcx", .ifaces = &iface, .nifaces = 1 };
	struct snap_fdb fdb = { .bridge = "br\xc2\x85", .mac = "02:00:00:00:00:01",
				.port = "p\x9b" };
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	struct snap_path path = { .summary = "ARP \xc2\x9b", .nhops = 1, .verdict = "local",
				  .hops = { { .netns = "r\xc2\x9b", .ifname = "e\x9b", .dir = 't',
					      .from = -1 } } };

	out_table_counters(f, &snap);
	out_table_fdb(f, &fdb, 1);
	out_paths_text(f, &path);
	fclose(f);
	tap_ok(out && strstr(out, "r\\xc2\\x9b2J:e\\x9b1\\x1b ") && strstr(out, "br\\xc2\\x85 ") &&
	       strstr(out, "p\\x9b "), "the tables escape names");
	tap_ok(out && strstr(out, "ARP \\xc2\\x9b\n  r\\xc2\\x9b:e\\x9b tx"),
	       "so do trace path lines");
	tap_ok(out && no_raw_controls(out), "and send no control byte");
	free(out);
}

int main(void)
{
	test_text_and_json();
	test_cut();
	test_ui();
	test_tables();
	return tap_done();
}
