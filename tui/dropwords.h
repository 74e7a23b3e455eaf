/* SPDX-License-Identifier: GPL-2.0 */
/* A drop reason in words, for the paths view and the drop marks of the picture. */
#ifndef NSVIZ_DROPWORDS_H
#define NSVIZ_DROPWORDS_H

/* REASON ("NETFILTER_DROP", the kernel's name) in words ("a netfilter rule dropped it"), or NULL
 * for a reason nsviz has no words for. */
const char *drop_words(const char *reason);

#endif
