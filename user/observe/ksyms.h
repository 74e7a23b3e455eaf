/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel text addresses to function names, from /proc/kallsyms: read on the first lookup only
 * (drops that need a name are rare; the file is large), then found by binary search. */
#ifndef NSVIZ_KSYMS_H
#define NSVIZ_KSYMS_H

#include <stdint.h>

struct ksyms;

/* PATH: a file in /proc/kallsyms' format (NULL: /proc/kallsyms). NULL on ENOMEM. */
struct ksyms *ksyms_new(const char *path);
/* The function holding ADDR ("br_dev_queue_push_xmit"), or NULL when the file could not be read,
 * hides addresses (kptr_restrict) or has no function below ADDR. */
const char *ksyms_name(struct ksyms *k, uint64_t addr);
void ksyms_free(struct ksyms *k);

#endif
