// SPDX-License-Identifier: GPL-2.0
/* The Accept header, range by range: "type/subtype;param=value;q=0.5, ...". Parameters other
 * than version and q do not change whether a range matches. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http_accept.h"

/* S from *AT up to the next STOP character or the end, without blanks around it, into BUF
 * (LEN bytes; longer is cut); *AT then points at the STOP character or the end. */
static void token(const char **at, const char *stop, char *buf, size_t len)
{
	const char *s = *at + strspn(*at, " \t"), *end = s + strcspn(s, stop);
	size_t n;

	*at = end;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	n = (size_t)(end - s) < len - 1 ? (size_t)(end - s) : len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* How specifically RANGE names TYPE: 2 itself, 1 its major type (text, any subtype), 0 any type,
 * -1 not at all. */
static int specificity(const char *range, const char *type)
{
	size_t major = strcspn(type, "/");

	if (!strcasecmp(range, type))
		return 2;
	if (!strncasecmp(range, type, major) && !strcmp(range + major, "/*"))
		return 1;
	return strcmp(range, "*/*") ? -1 : 0;
}

/* One range's parameters from *AT (after its ';'): its q, and whether its version (if any) is
 * VERSION. */
static double params(const char **at, const char *version, int *spec)
{
	char p[64], *eq;
	double q = 1;

	while (**at == ';') {
		(*at)++;
		token(at, ";,", p, sizeof(p));
		eq = strchr(p, '=');
		if (!eq)
			continue;
		*eq++ = '\0';
		if (!strcasecmp(p, "q"))
			q = strtod(eq, NULL);
		else if (!strcasecmp(p, "version") && strcmp(eq, version))
			*spec = -1;
	}
	return q < 0 ? 0 : q > 1 ? 1 : q;
}

double http_accept_q(const char *accept, const char *type, const char *version)
{
	const char *at = accept;
	int best = -1;
	double q = 0;
	char range[128];

	if (!accept || !accept[strspn(accept, " \t")])
		return 1;
	while (*at) {
		int spec;
		double rq;

		token(&at, ";,", range, sizeof(range));
		spec = specificity(range, type);
		rq = params(&at, version, &spec);
		if (spec > best || (spec == best && rq > q)) {
			best = spec;
			q = rq;
		}
		if (*at == ',')
			at++;
	}
	return best < 0 ? 0 : q;
}
