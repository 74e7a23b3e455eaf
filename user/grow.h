/* SPDX-License-Identifier: GPL-2.0 */
/* Room for one more element at the end of an array that grows: amortised doubling, so appending
 * N elements costs O(N) copies, never a realloc per element. */
#ifndef NSVIZ_GROW_H
#define NSVIZ_GROW_H

#include <stddef.h>

/* Make room for element N (N are in use) in *ARR, elements of SIZE bytes, realloc'ing it to
 * twice its room (at least 8) when full. *CAP is its room, updated; CAP NULL: the array is only
 * ever grown here, one element at a time from empty, so its room is the power of two at or
 * above N (at least 8) and need not be kept. The new element is not initialised. 0, or -ENOMEM
 * (also for a size that does not fit in size_t or a room past INT_MAX; *ARR is then unchanged). */
int grow_array(void **arr, int *cap, int n, size_t size);
/* Append one zeroed element to *ARR (*N in use, then one more; CAP as for grow_array): the
 * element, or NULL when out of memory (nothing is changed). */
void *grow_append(void **arr, int *cap, int *n, size_t size);

#endif
