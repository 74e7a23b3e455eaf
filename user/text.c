// SPDX-License-Identifier: GPL-2.0
/* Control characters in names, found and escaped the same way for every output (text.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int text_utf8_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	int n;

	if (*p < 0x80)
		return 1;
	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4;
	else
		return -1;
	if (*p == 0xe0 || *p == 0xf0)
		lo = *p == 0xe0 ? 0xa0 : 0x90;
	else if (*p == 0xed || *p == 0xf4)
		hi = *p == 0xed ? 0x9f : 0x8f;
	for (int i = 1; i < n; i++, lo = 0x80, hi = 0xbf)
		if (p[i] < lo || p[i] > hi) /* also stops at the terminating NUL */
			return -i;
	return n;
}

size_t text_char(const char *s, bool *control)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = text_utf8_len(s);

	if (!p[0]) {
		*control = false;
		return 0;
	}
	if (n < 0) { /* not UTF-8: one byte, a control on a Latin-1 terminal when 0x80-0x9f */
		*control = p[0] <= 0x9f;
		return 1;
	}
	*control = p[0] < 0x20 || p[0] == 0x7f || (p[0] == 0xc2 && p[1] <= 0x9f);
	return n;
}

bool text_has_control(const char *s, const char **at)
{
	bool control;

	for (size_t n; (n = text_char(s, &control)); s += n)
		if (control) {
			if (at)
				*at = s;
			return true;
		}
	return false;
}

char *text_escape(const char *s, char *buf, size_t len)
{
	size_t off = 0;
	bool control;

	for (size_t n; (n = text_char(s, &control)); s += n) {
		size_t need = control ? 4 * n : n;

		if (off + need >= len)
			break;
		if (control)
			for (size_t i = 0; i < n; i++)
				off += snprintf(buf + off, len - off, "\\x%02x", (unsigned char)s[i]);
		else
			memcpy(buf + off, s, n);
		off += control ? 0 : n;
	}
	if (len)
		buf[off] = 0;
	return buf;
}

char *text_escape_dup(const char *s)
{
	size_t len = 4 * strlen(s) + 1;
	char *buf = malloc(len);

	return buf ? text_escape(s, buf, len) : NULL;
}
