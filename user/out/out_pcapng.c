// SPDX-License-Identifier: GPL-2.0
/* pcapng (draft-ietf-opsawg-pcapng) in host byte order: the section header's byte-order magic
 * tells readers which one. Each block is composed in a scratch buffer and appended to the output
 * buffer whole, so a flush never leaves half a block in the file. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "out_pcapng.h"

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 0x00000001u
#define BT_EPB 0x00000006u
#define OPT_END 0
#define OPT_SHB_USERAPPL 4
#define OPT_IF_NAME 2
#define OPT_IF_TSRESOL 9
#define OPT_EPB_FLAGS 2
#define LINKTYPE_ETHERNET 1
#define OUT_SIZE (256 * 1024)
#define BLOCK_MAX (64 * 1024 + 512)
#define CAPLEN_MAX (64 * 1024)

struct pcapng {
	int fd;
	int err;          /* first error, sticky */
	uint32_t snaplen;
	uint8_t tsresol;  /* 6 or 9: decimal digits of the timestamp unit */
	int nifaces;
	size_t blen;      /* bytes of the block being composed */
	uint8_t block[BLOCK_MAX];
	size_t olen;      /* bytes buffered for the file */
	uint8_t out[OUT_SIZE];
};

static void put(struct pcapng *w, const void *p, size_t n)
{
	if (n)
		memcpy(w->block + w->blen, p, n);
	w->blen += n;
}

static void put32(struct pcapng *w, uint32_t v)
{
	put(w, &v, 4);
}

static void put_pad(struct pcapng *w)
{
	static const uint8_t zero[4];

	put(w, zero, (4 - w->blen % 4) % 4);
}

static void put_opt(struct pcapng *w, uint16_t code, const void *val, uint16_t len)
{
	put(w, &code, 2);
	put(w, &len, 2);
	put(w, val, len);
	put_pad(w);
}

static void block_begin(struct pcapng *w, uint32_t type)
{
	w->blen = 0;
	put32(w, type);
	put32(w, 0); /* total length, set by block_end */
}

/* Close the options, set both length fields and append the block to the output buffer. */
static int block_end(struct pcapng *w, bool has_opts)
{
	uint32_t total;

	if (has_opts)
		put_opt(w, OPT_END, NULL, 0);
	total = w->blen + 4;
	memcpy(w->block + 4, &total, 4);
	put32(w, total);
	if (w->olen + w->blen > sizeof(w->out) && out_pcapng_flush(w))
		return w->err;
	memcpy(w->out + w->olen, w->block, w->blen);
	w->olen += w->blen;
	return 0;
}

int out_pcapng_flush(struct pcapng *w)
{
	size_t off = 0;
	ssize_t n;

	while (!w->err && off < w->olen) {
		n = write(w->fd, w->out + off, w->olen - off);
		if (n < 0 && errno != EINTR)
			w->err = -errno;
		else if (n > 0)
			off += n;
	}
	w->olen = 0;
	return w->err;
}

static int write_shb(struct pcapng *w)
{
	static const char appl[] = "nsviz " NSVIZ_VERSION;
	const uint16_t version[2] = { 1, 0 };
	const int64_t section_len = -1; /* unknown: written as a stream */

	block_begin(w, BT_SHB);
	put32(w, 0x1A2B3C4D);
	put(w, version, sizeof(version));
	put(w, &section_len, 8);
	put_opt(w, OPT_SHB_USERAPPL, appl, sizeof(appl) - 1);
	return block_end(w, true);
}

int out_pcapng_new(const char *path, uint32_t snaplen, bool nanosec, struct pcapng **out)
{
	struct pcapng *w = calloc(1, sizeof(*w));
	int err;

	if (!w)
		return -ENOMEM;
	w->snaplen = snaplen;
	w->tsresol = nanosec ? 9 : 6;
	w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (w->fd < 0) {
		err = -errno;
		free(w);
		return err;
	}
	err = write_shb(w);
	if (!err)
		err = out_pcapng_flush(w);
	if (err) {
		out_pcapng_close(w);
		return err;
	}
	*out = w;
	return 0;
}

int out_pcapng_add_iface(struct pcapng *w, const char *name)
{
	const uint16_t link[2] = { LINKTYPE_ETHERNET, 0 };
	size_t len = strnlen(name, 256);
	int err;

	block_begin(w, BT_IDB);
	put(w, link, sizeof(link));
	put32(w, w->snaplen);
	put_opt(w, OPT_IF_NAME, name, len);
	put_opt(w, OPT_IF_TSRESOL, &w->tsresol, 1);
	err = block_end(w, true);
	return err ? err : w->nifaces++;
}

int out_pcapng_write(struct pcapng *w, int iface, uint64_t wall_ns, enum pcapng_dir dir,
		 const void *data, uint32_t caplen, uint32_t wirelen)
{
	uint64_t ts = w->tsresol == 9 ? wall_ns : wall_ns / 1000;
	uint32_t flags = dir == PCAPNG_DIR_IN ? 1 : dir == PCAPNG_DIR_OUT ? 2 : 0;

	if (iface < 0 || iface >= w->nifaces)
		return -EINVAL;
	if (caplen > CAPLEN_MAX)
		caplen = CAPLEN_MAX;
	if (wirelen < caplen)
		wirelen = caplen;
	block_begin(w, BT_EPB);
	put32(w, iface);
	put32(w, ts >> 32);
	put32(w, (uint32_t)ts);
	put32(w, caplen);
	put32(w, wirelen);
	put(w, data, caplen);
	put_pad(w);
	if (flags)
		put_opt(w, OPT_EPB_FLAGS, &flags, 4);
	return block_end(w, flags != 0);
}

int out_pcapng_close(struct pcapng *w)
{
	int err;

	if (!w)
		return 0;
	err = out_pcapng_flush(w);
	if (close(w->fd) && !err)
		err = -errno;
	free(w);
	return err;
}
