/* SPDX-License-Identifier: GPL-2.0 */
/* tcpdump filter expressions, compiled by libpcap and matched in user space against the packet
 * bytes the BPF side captured (Ethernet frames, possibly truncated to the snapshot length). */
#ifndef NSVIZ_FILTER_H
#define NSVIZ_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct filter;

/* Join the NWORDS WORDS with spaces (as tcpdump does) and compile them for Ethernet frames of
 * at most SNAPLEN bytes. No words: a filter that matches everything. On a bad expression
 * -EINVAL is returned and libpcap's explanation is put in ERR. 0 or -errno. */
int filter_new(char *const *words, int nwords, int snaplen, struct filter **out, char *err,
	       size_t errlen);
/* The frame (CAPLEN bytes captured of WIRELEN) passes the filter. */
bool filter_match(const struct filter *f, const void *data, uint32_t caplen, uint32_t wirelen);
/* The expression as compiled ("" for none). */
const char *filter_text(const struct filter *f);
void filter_free(struct filter *f);

#endif
