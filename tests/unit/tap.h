/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal TAP producer for C unit tests; prove counts the results. */
#ifndef NSVIZ_TAP_H
#define NSVIZ_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	return cond;
}

/* Compare strings, printing both on failure. */
static inline int tap_is_str(const char *got, const char *want, const char *name)
{
	int same = got && want && !strcmp(got, want);

	tap_ok(same, "%s", name);
	/* On stderr, as Test::More does: prove shows it, so CI's log keeps a failure's evidence. */
	if (!same) {
		fflush(stdout);
		fprintf(stderr, "# got:\n#   '%s'\n# expected:\n#   '%s'\n", got ? got : "(null)",
			want ? want : "(null)");
	}
	return same;
}

/* A setup step that must hold for the tests to mean anything: not a test of its own. */
static inline void tap_require(int cond, const char *what)
{
	if (!cond) {
		printf("Bail out! %s\n", what);
		exit(1);
	}
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
