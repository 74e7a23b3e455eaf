// SPDX-License-Identifier: GPL-2.0
/* The JSON writer's strings: quotes, backslashes and control characters escaped, UTF-8 kept as
 * it is, bytes that are not UTF-8 (names may hold any byte but '/') replaced by U+FFFD, so that
 * every line is valid UTF-8 JSON (RFC 8259 section 7 and 8.1). */
#include <stdlib.h>
#include <string.h>

#include "out_json.h"
#include "tap.h"

/* S written by out_json_str, in a buffer of its own. */
static char *str_of(const char *s, bool null_if_empty)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	out_json_str(f, s, null_if_empty);
	fclose(f);
	return buf;
}

static void is_json(const char *s, const char *want, const char *name)
{
	char *got = str_of(s, false);

	tap_is_str(got, want, name);
	free(got);
}

static void test_escapes(void)
{
	is_json("eth0-r", "\"eth0-r\"", "a plain name as it is");
	is_json("b\"\\q", "\"b\\\"\\\\q\"", "quote and backslash escaped");
	is_json("a\x01\n\x1f\x7f" "b", "\"a\\u0001\\u000a\\u001f\\u007fb\"",
		"control characters and DEL as \\u escapes");
	is_json("", "\"\"", "an empty string");
}

static void test_utf8(void)
{
	is_json("gr\xc3\xbcn \xe2\x82\xac \xf0\x9f\x90\x9d \xf4\x8f\xbf\xbf",
		"\"gr\xc3\xbcn \xe2\x82\xac \xf0\x9f\x90\x9d \xf4\x8f\xbf\xbf\"",
		"valid UTF-8 of 2, 3 and 4 bytes, up to U+10FFFF, as it is");
	is_json("r\xe9" "d", "\"r\\ufffdd\"", "a Latin-1 byte: U+FFFD");
	is_json("\xff\xfe", "\"\\ufffd\\ufffd\"", "bytes that never start UTF-8: one U+FFFD each");
	is_json("\x80x", "\"\\ufffdx\"", "a lone continuation byte");
	is_json("ab\xe2\x82", "\"ab\\ufffd\"", "a sequence cut short by the end: one U+FFFD");
	is_json("\xe2\x82" "b\xe2\x82\xac", "\"\\ufffdb\xe2\x82\xac\"",
		"a sequence cut short by an ASCII byte: the byte and what follows kept");
	is_json("\xc0\xaf\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"",
		"overlong forms are not UTF-8");
	is_json("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"", "an encoded surrogate is not UTF-8");
	is_json("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"", "past U+10FFFF is not UTF-8");
}

static void test_null(void)
{
	char *a = str_of("", true), *b = str_of(NULL, false);

	tap_ok(!strcmp(a, "null") && !strcmp(b, "null"), "empty (when asked) and NULL as null");
	free(a);
	free(b);
}

int main(void)
{
	test_escapes();
	test_utf8();
	test_null();
	return tap_done();
}
