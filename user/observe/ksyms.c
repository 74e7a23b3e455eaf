// SPDX-License-Identifier: GPL-2.0
/* See ksyms.h. Only text symbols (t, T, w, W) are kept, sorted by address. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksyms.h"

struct ksym {
	uint64_t addr;
	char *name;
};

struct ksyms {
	char *path;
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
	for (size_t i = 0; i < k->n; i++)
		free(k->syms[i].name);
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
			return -1;
		k->syms = s;
		k->cap = cap;
	}
	k->syms[k->n].name = strdup(name);
	if (!k->syms[k->n].name)
		return -1;
	k->syms[k->n++].addr = addr;
	return 0;
}

static int cmp_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Every text symbol with a non-zero address; on a failure the lookups find nothing. */
static void load(struct ksyms *k)
{
	FILE *f = fopen(k->path, "r");
	char line[512], type, name[256];
	unsigned long long addr;

	k->loaded = true;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) == 3 && addr &&
		    strchr("tTwW", type) && add(k, addr, name))
			break;
	fclose(f);
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
