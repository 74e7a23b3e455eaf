// SPDX-License-Identifier: GPL-2.0
/* See ksyms.h. Only text symbols (t, T, w, W) are kept, sorted by address. The file is read whole
 * and parsed in place (names point into it): ~120 000 lines here, and sscanf() with a strdup()
 * per symbol took ~0.3 s of a loaded CPU, during the first snapshot (docs/datapath.md). */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ksyms.h"
#include "slurp.h"

struct ksym {
	uint64_t addr;
	const char *name; /* into ksyms.text */
};

struct ksyms {
	char *path;
	char *text; /* the file, its names ended in place */
	bool loaded;
	struct ksym *syms;
	size_t n, cap;
};

struct ksyms *ksyms_new(const char *path)
{
	struct ksyms *k = calloc(1, sizeof(*k));

	if (!k)
		return NULL;
	k->path = strdup(path ? path : "/proc/kallsyms");
	if (!k->path) {
		free(k);
		return NULL;
	}
	return k;
}

void ksyms_free(struct ksyms *k)
{
	if (!k)
		return;
	free(k->text);
	free(k->syms);
	free(k->path);
	free(k);
}

static int add(struct ksyms *k, uint64_t addr, const char *name)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 4096;
		struct ksym *s = realloc(k->syms, cap * sizeof(*s));

		if (!s)
			return -ENOMEM;
		k->syms = s;
		k->cap = cap;
	}
	k->syms[k->n++] = (struct ksym){ addr, name };
	return 0;
}

/* The text symbol of the line at LINE ("ADDR TYPE NAME[\tMODULE]"), its name ended in place; the
 * next line into NEXT. */
static int parse_line(struct ksyms *k, char *line, char **next)
{
	char *end, *name, *nl = strchr(line, '\n');
	unsigned long long addr = strtoull(line, &end, 16);

	*next = nl ? nl + 1 : line + strlen(line);
	if (nl)
		*nl = 0;
	if (end == line || !addr || end[0] != ' ' || !end[1] || !strchr("tTwW", end[1]) ||
	    end[2] != ' ')
		return 0;
	name = end + 3;
	name[strcspn(name, " \t")] = 0;
	return *name ? add(k, addr, name) : 0;
}

static int cmp_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Every text symbol with a non-zero address; on a failure the lookups find nothing. */
static void load(struct ksyms *k)
{
	char *line;

	k->loaded = true;
	k->text = slurp(k->path, NULL);
	for (line = k->text; line && *line;)
		if (parse_line(k, line, &line))
			break;
	if (k->n) /* none without CAP_SYSLOG (kptr_restrict zeroes them), and qsort wants a list */
		qsort(k->syms, k->n, sizeof(*k->syms), cmp_addr);
}

const char *ksyms_name(struct ksyms *k, uint64_t addr)
{
	size_t lo = 0, hi;

	if (!k->loaded)
		load(k);
	hi = k->n;
	/* The last symbol at or below ADDR. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (k->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? k->syms[lo - 1].name : NULL;
}
