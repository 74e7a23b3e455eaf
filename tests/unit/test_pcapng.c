// SPDX-License-Identifier: GPL-2.0
/* The pcapng writer: a file with two interfaces and three packets reads back with tshark
 * (when installed) without warnings, with the interface names, directions and timestamps. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frames.h"
#include "out_pcapng.h"
#include "tap.h"

static const uint64_t t0 = 1764400000123456789ull; /* ns since the epoch */

static int write_sample(const char *path, bool nanosec)
{
	struct pcapng *w;
	int a, b, err;

	err = out_pcapng_new(path, 128, nanosec, &w);
	if (err)
		return err;
	a = out_pcapng_add_iface(w, "red/eth0-r (tx)");
	b = out_pcapng_add_iface(w, "host/veth-r (rx)");
	err = a < 0 ? a : b < 0 ? b : 0;
	if (!err)
		err = out_pcapng_write(w, a, t0, PCAPNG_DIR_OUT, frame_arp_req, 42, 60);
	if (!err)
		err = out_pcapng_write(w, b, t0 + 1000, PCAPNG_DIR_IN, frame_arp_req, 42, 60);
	if (!err)
		err = out_pcapng_flush(w); /* a flush in the middle must not break the file */
	if (!err)
		err = out_pcapng_write(w, a, t0 + 2000, PCAPNG_DIR_OUT, frame_icmp_req, 50, 50);
	if (!err)
		err = out_pcapng_write(w, 5, t0, PCAPNG_DIR_OUT, frame_icmp_req, 50, 50) == -EINVAL ? 0 : -1;
	return out_pcapng_close(w) ? -1 : err;
}

/* Run CMD, return its stdout (first LEN-1 bytes) and whether stderr stayed empty. */
static int run(const char *cmd, char *buf, size_t len)
{
	char full[512];
	FILE *p;
	size_t n;

	snprintf(full, sizeof(full), "%s 2>/tmp/nsviz-pcapng-test.err", cmd);
	p = popen(full, "r");
	if (!p)
		return -1;
	n = fread(buf, 1, len - 1, p);
	buf[n] = 0;
	if (pclose(p))
		return -1;
	/* tshark's only acceptable remark is about running as root */
	p = popen("grep -v '^Running as user \"root\"' /tmp/nsviz-pcapng-test.err", "r");
	n = p ? fread(full, 1, sizeof(full) - 1, p) : 1;
	full[p ? n : 0] = 0;
	if (p)
		pclose(p);
	unlink("/tmp/nsviz-pcapng-test.err");
	if (n)
		printf("# tshark said: %s\n", full);
	return n == 0 ? 0 : -1;
}

static void check_blocks(const char *path)
{
	uint8_t buf[4096];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(buf, 1, sizeof(buf), f) : 0;
	uint32_t type, len, tail;
	int blocks = 0, good = 1;

	if (f)
		fclose(f);
	for (size_t off = 0; off + 12 <= n; off += len, blocks++) {
		memcpy(&type, buf + off, 4);
		memcpy(&len, buf + off + 4, 4);
		if (len % 4 || len < 12 || off + len > n) {
			good = 0;
			break;
		}
		memcpy(&tail, buf + off + len - 4, 4);
		good &= tail == len;
	}
	tap_ok(good && blocks == 6, "6 well-formed blocks (SHB, 2 IDB, 3 EPB), got %d", blocks);
	memcpy(&type, buf, 4);
	tap_ok(n >= 4 && type == 0x0A0D0D0A, "file starts with a section header block");
}

int main(void)
{
	char path[] = "/tmp/nsviz-pcapng-XXXXXX";
	char out[2048];
	int fd = mkstemp(path);

	tap_ok(fd >= 0 && write_sample(path, true) == 0, "write a nanosecond file");
	check_blocks(path);
	tap_ok(out_pcapng_new("/nonexistent/dir/x.pcapng", 128, true, &(struct pcapng *){ 0 }) == -ENOENT,
	       "an unwritable path is -ENOENT");
	if (system("command -v tshark >/dev/null 2>&1")) {
		printf("# tshark not installed: read-back skipped\n");
	} else {
		char cmd[256];

		snprintf(cmd, sizeof(cmd), "tshark -r %s -T fields -e frame.interface_name "
			 "-e frame.time_epoch -e frame.len -e frame.cap_len -e _ws.col.Protocol", path);
		tap_ok(run(cmd, out, sizeof(out)) == 0, "tshark reads it without warnings");
		tap_is_str(out,
			   "red/eth0-r (tx)\t1764400000.123456789\t60\t42\tARP\n"
			   "host/veth-r (rx)\t1764400000.123457789\t60\t42\tARP\n"
			   "red/eth0-r (tx)\t1764400000.123458789\t50\t50\tICMP\n",
			   "interface names, ns timestamps, lengths, protocols");
		snprintf(cmd, sizeof(cmd), "tshark -r %s -T fields -e frame.packet_flags_direction", path);
		tap_ok(run(cmd, out, sizeof(out)) == 0 && !strcmp(out, "0x00000002\n0x00000001\n0x00000002\n"),
		       "directions out, in, out");
		tap_ok(write_sample(path, false) == 0, "write a microsecond file");
		snprintf(cmd, sizeof(cmd), "tshark -r %s -T fields -e frame.time_epoch", path);
		tap_ok(run(cmd, out, sizeof(out)) == 0, "tshark reads the microsecond file");
		tap_is_str(out, "1764400000.123456000\n1764400000.123457000\n1764400000.123458000\n",
			   "microsecond timestamps");
	}
	if (fd >= 0)
		close(fd);
	unlink(path);
	return tap_done();
}
