// SPDX-License-Identifier: GPL-2.0
/* grow.h: arrays grow by doubling, keep their contents, and a size past the limits is refused
 * without touching the array. The room is checked against the allocator's own account of it
 * (malloc_usable_size), not against the helper's bookkeeping. */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdint.h>

#include "grow.h"
#include "tap.h"

#define N 5000

/* Appending N elements with a kept room: contents kept, room real, few reallocs. */
static void test_cap(void)
{
	int *v = NULL, n = 0, cap = 0, resized = 0, bad = 0;

	for (int i = 0; i < N; i++) {
		int old = cap;

		if (grow_array((void **)&v, &cap, n, sizeof(*v)))
			break;
		resized += cap != old;
		if (malloc_usable_size(v) < (size_t)cap * sizeof(*v) || cap <= n)
			bad++;
		v[n++] = i;
	}
	tap_ok(n == N, "%d elements appended with a kept room", N);
	tap_ok(!bad, "the allocation always holds the room it claims (%d short)", bad);
	for (int i = 0; i < n; i++)
		bad += v[i] != i;
	tap_ok(!bad, "every element kept its value through the reallocs (%d changed)", bad);
	/* Doubling from 8: 8, 16, ..., 8192 for 5000 elements. One realloc per element would
	 * resize 5000 times. */
	tap_ok(resized == 11, "the room was resized 11 times, doubling (got %d)", resized);
	tap_ok(cap == 8192, "the room is the power of two above 5000 (got %d)", cap);
	free(v);
}

/* Without a kept room the array must still have room for each new element. */
static void test_implied(void)
{
	long *v = NULL;
	int n, bad = 0;

	for (n = 0; n < N; n++) {
		if (grow_array((void **)&v, NULL, n, sizeof(*v)))
			break;
		if (malloc_usable_size(v) < (size_t)(n + 1) * sizeof(*v))
			bad++;
		v[n] = -n;
	}
	tap_ok(n == N, "%d elements appended without a kept room", N);
	tap_ok(!bad, "each had room in the allocation (%d without)", bad);
	for (int i = 0; i < n; i++)
		bad += v[i] != -i;
	tap_ok(!bad, "every element kept its value (%d changed)", bad);
	free(v);
}

static void test_overflow(void)
{
	char *v = malloc(16), *was = v;
	int cap = 8, big = INT_MAX / 2 + 1, rc;

	tap_require(v != NULL, "malloc");
	memcpy(v, "kept", 5);
	rc = grow_array((void **)&v, &cap, 8, SIZE_MAX / 8);
	tap_ok(rc == -ENOMEM && v == was && cap == 8, "a room whose bytes overflow size_t is refused");
	rc = grow_array((void **)&v, &big, big, 1);
	tap_ok(rc == -ENOMEM && v == was && big == INT_MAX / 2 + 1,
	       "a room past INT_MAX elements is refused");
	rc = grow_array((void **)&v, NULL, 1 << 30, 1);
	tap_ok(rc == -ENOMEM && v == was, "so is one past INT_MAX implied by the count");
	tap_is_str(v, "kept", "the refused array is unchanged");
	free(v);
}

static void test_append(void)
{
	struct pair {
		int a, b;
	} *v = NULL, *e;
	int n = 0, cap = 0, bad = 0;

	for (int i = 0; i < 100; i++) {
		e = grow_append((void **)&v, &cap, &n, sizeof(*v));
		if (!e)
			break;
		bad += e != &v[i] || e->a || e->b;
		e->a = i;
		e->b = 2 * i;
	}
	tap_ok(n == 100, "grow_append counts the elements it adds (got %d)", n);
	tap_ok(!bad, "each new element is the last and zeroed (%d not)", bad);
	for (int i = 0; i < n; i++)
		bad += v[i].a != i || v[i].b != 2 * i;
	tap_ok(!bad, "the elements appended kept their values (%d changed)", bad);
	cap = n = INT_MAX / 2 + 1;
	tap_ok(!grow_append((void **)&v, &cap, &n, sizeof(*v)) && n == INT_MAX / 2 + 1,
	       "a refused append leaves the count as it was");
	free(v);
}

int main(void)
{
	test_cap();
	test_implied();
	test_overflow();
	test_append();
	return tap_done();
}
