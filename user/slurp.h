/* SPDX-License-Identifier: GPL-2.0 */
/* A whole file into memory, also one whose size the kernel does not tell (/proc, sysfs). */
#ifndef NSVIZ_SLURP_H
#define NSVIZ_SLURP_H

#include <stddef.h>

/* All of PATH, NUL-terminated (the NUL not counted in *LEN, when LEN is not NULL): free() it. NULL
 * with errno set when it cannot be opened or read, or memory runs out. */
char *slurp(const char *path, size_t *len);

#endif
