// SPDX-License-Identifier: GPL-2.0
/* btf_names: names in a BTF file's string section, on a crafted file and on the kernel's own. */
#include <errno.h>
#include <linux/btf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "btf_names.h"
#include "tap.h"

static const char *const names[] = { "btf_trace_kfree_skb", "kfree_skb", "trace_kfree",
				      "btf_trace_missing" };

/* A header, 8 bytes of types, then STRS (LEN bytes) as the string section, into PATH. */
static int write_btf(char *path, const char *strs, size_t len, uint16_t magic)
{
	struct btf_header h = { .magic = magic, .version = 1, .hdr_len = sizeof(h),
				.type_off = 0, .type_len = 8, .str_off = 8, .str_len = len };
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	uint64_t types = 0;

	if (!f)
		return -1;
	fwrite(&h, sizeof(h), 1, f);
	fwrite(&types, sizeof(types), 1, f);
	fwrite(strs, 1, len, f);
	return fclose(f);
}

static void test_crafted(void)
{
	/* "kfree_skb" only as the tail of a longer string; "trace_kfree" only as a prefix. */
	static const char strs[] = "\0int\0btf_trace_kfree_skb\0trace_kfree_all\0";
	char path[] = "/tmp/nsviz-btf-XXXXXX";
	bool has[4];

	tap_ok(!write_btf(path, strs, sizeof(strs), BTF_MAGIC), "a crafted BTF file");
	tap_ok(!btf_names_have(path, names, 4, has), "read");
	tap_ok(has[0], "a whole string is found");
	tap_ok(!has[1], "the tail of a longer string is not");
	tap_ok(!has[2], "nor a prefix of one");
	tap_ok(!has[3], "nor a name that is not there");
	unlink(path);
	strcpy(path, "/tmp/nsviz-btf-XXXXXX");
	write_btf(path, strs, sizeof(strs), 0x1234);
	has[0] = true;
	tap_ok(btf_names_have(path, names, 1, has) == -EINVAL && !has[0],
	       "not BTF (bad magic): -EINVAL, nothing found");
	unlink(path);
	tap_ok(btf_names_have("/nonexistent/btf", names, 1, has) < 0 && !has[0],
	       "no file: an error, nothing found");
}

/* The running kernel's: what nsviz relies on (its tracepoints, docs/datapath.md). */
static void test_kernel(void)
{
	static const char *const real[] = { "btf_trace_kfree_skb", "sk_buff", "nsviz_no_such" };
	bool has[3];

	tap_ok(!btf_names_have("/sys/kernel/btf/vmlinux", real, 3, has), "the kernel's BTF");
	tap_ok(has[0] && has[1] && !has[2], "has btf_trace_kfree_skb and sk_buff, not a made-up name");
}

int main(void)
{
	test_crafted();
	test_kernel();
	return tap_done();
}
