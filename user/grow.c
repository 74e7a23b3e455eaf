// SPDX-License-Identifier: GPL-2.0
/* grow.h: one growth rule for the arrays nsviz appends to. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

#define GROW_MIN 8

/* The room of an array grown only by grow_array without a CAP, holding N elements. */
static int implied_cap(int n)
{
	int cap = GROW_MIN;

	if (!n)
		return 0;
	while (cap < n && cap <= INT_MAX / 2)
		cap *= 2;
	return cap;
}

int grow_array(void **arr, int *cap, int n, size_t size)
{
	int room = cap ? *cap : implied_cap(n), more;
	void *p;

	if (n < room)
		return 0;
	if (room > INT_MAX / 2)
		return -ENOMEM;
	more = room ? 2 * room : GROW_MIN;
	if (size && (size_t)more > SIZE_MAX / size)
		return -ENOMEM;
	p = realloc(*arr, (size_t)more * size);
	if (!p)
		return -ENOMEM;
	*arr = p;
	if (cap)
		*cap = more;
	return 0;
}

void *grow_append(void **arr, int *cap, int *n, size_t size)
{
	if (grow_array(arr, cap, *n, size))
		return NULL;
	return memset((char *)*arr + (size_t)(*n)++ * size, 0, size);
}
