/* SPDX-License-Identifier: GPL-2.0 */
/* A pcapng writer: one section, one Interface Description Block per observation point, one
 * Enhanced Packet Block per observation. Blocks are written whole (write(2) of complete blocks
 * only), so the file is readable up to the last flush even if the process is killed. */
#ifndef NSVIZ_OUT_PCAPNG_H
#define NSVIZ_OUT_PCAPNG_H

#include <stdbool.h>
#include <stdint.h>

struct pcapng;

enum pcapng_dir { PCAPNG_DIR_UNKNOWN, PCAPNG_DIR_IN, PCAPNG_DIR_OUT };

/* Create PATH (truncating it) and write the section header. SNAPLEN is recorded in each
 * interface; NANOSEC selects if_tsresol 9 (else microseconds). 0 or -errno. */
int out_pcapng_new(const char *path, uint32_t snaplen, bool nanosec, struct pcapng **out);
/* Describe an interface (Ethernet) named NAME; its id is returned (>= 0), or -errno. */
int out_pcapng_add_iface(struct pcapng *w, const char *name);
/* One packet seen on interface IFACE at WALL_NS (ns since the epoch): CAPLEN bytes of DATA,
 * WIRELEN on the wire. 0 or -errno. */
int out_pcapng_write(struct pcapng *w, int iface, uint64_t wall_ns, enum pcapng_dir dir,
		 const void *data, uint32_t caplen, uint32_t wirelen);
/* Write out the buffered blocks. 0 or -errno. */
int out_pcapng_flush(struct pcapng *w);
/* Flush, close and free; returns the first error met since out_pcapng_new (0 or -errno). NULL ok. */
int out_pcapng_close(struct pcapng *w);

#endif
