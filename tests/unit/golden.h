/* SPDX-License-Identifier: GPL-2.0 */
/* Golden files: a render compared with tests/unit/golden/NAME.txt, or written there. */
#ifndef NSVIZ_GOLDEN_H
#define NSVIZ_GOLDEN_H

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"

static inline char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;

	if (!f)
		return NULL;
	FILE *out = open_memstream(&buf, &len);
	for (int ch; (ch = fgetc(f)) != EOF;)
		fputc(ch, out);
	fclose(out);
	fclose(f);
	return buf;
}

/* GOT against the golden file DIR/NAME.txt; with UPDATE, GOT is written there instead. */
static inline void compare(const char *dir, const char *name, const char *got, bool update)
{
	char path[512], *want;
	FILE *out;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s.txt", dir, name);
	if (update) {
		out = fopen(path, "w");
		ok = out && fputs(got, out) >= 0;
		tap_ok((!out || !fclose(out)) && ok, "%s: written", path);
		return;
	}
	want = slurp(path);
	tap_ok(want && !strcmp(got, want), "%s matches %s", name, path);
	if (want && strcmp(got, want))
		printf("# got:\n%s", got);
	free(want);
}

/* The tests' common start: times in UTC, widths as a UTF-8 terminal counts them; DIR gets the
 * golden files' folder (under $NSVIZ_TOP, else the current one). Returns UPDATE_GOLDEN's. */
static inline bool golden_start(char *dir, size_t len)
{
	const char *top = getenv("NSVIZ_TOP");

	setenv("TZ", "UTC", 1);
	tap_require(setlocale(LC_ALL, "C.UTF-8") != NULL, "the C.UTF-8 locale (widths as a terminal's)");
	snprintf(dir, len, "%s/tests/unit/golden", top ? top : ".");
	return getenv("UPDATE_GOLDEN") != NULL;
}

#endif
