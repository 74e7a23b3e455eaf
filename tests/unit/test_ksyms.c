// SPDX-License-Identifier: GPL-2.0
/* ksyms: addresses to functions from a file in /proc/kallsyms' format, and against the real one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ksyms.h"
#include "tap.h"

static const char *name_or(struct ksyms *k, uint64_t addr)
{
	const char *n = ksyms_name(k, addr);

	return n ? n : "(null)";
}

static void test_file(void)
{
	char path[] = "/tmp/nsviz-ksyms-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	struct ksyms *k;

	tap_ok(f != NULL, "a fake kallsyms");
	if (!f)
		return;
	/* Out of order, with data symbols and a module's, as the kernel lists them. */
	fputs("ffffffff81000300 t br_dev_queue_push_xmit\n"
	      "ffffffff81000100 T __dev_forward_skb2\n"
	      "ffffffff81000200 D some_data\n"
	      "ffffffffc0001000 t veth_xmit\t[veth]\n", f);
	fclose(f);
	k = ksyms_new(path);
	tap_is_str(name_or(k, 0xffffffff81000100), "__dev_forward_skb2", "an exact address");
	tap_is_str(name_or(k, 0xffffffff81000250), "__dev_forward_skb2",
		   "inside a function (data symbols are not functions)");
	tap_is_str(name_or(k, 0xffffffff81000388), "br_dev_queue_push_xmit", "the list is sorted");
	tap_is_str(name_or(k, 0xffffffffc0001010), "veth_xmit", "a module's function");
	tap_is_str(name_or(k, 0xffffffff81000000), "(null)", "below every function: none");
	ksyms_free(k);
	unlink(path);
	k = ksyms_new("/nonexistent/kallsyms");
	tap_is_str(name_or(k, 0xffffffff81000100), "(null)", "an unreadable file: none");
	ksyms_free(k);
	/* Without CAP_SYSLOG (the exporter's systemd unit) every address reads as zero. */
	k = ksyms_new("/dev/null");
	tap_is_str(name_or(k, 0xffffffff81000100), "(null)", "no address at all: none");
	ksyms_free(k);
}

/* The real file (as root): a function's own address resolves to it. */
static void test_proc(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	unsigned long long addr = 0;
	char type, name[256] = "", line[512];
	struct ksyms *k;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) == 3 && addr &&
		    !strcmp(name, "kfree_skb_list_reason"))
			break;
	if (f)
		fclose(f);
	if (!addr || strcmp(name, "kfree_skb_list_reason")) {
		tap_ok(1, "# SKIP /proc/kallsyms hides addresses (not root?)");
		return;
	}
	k = ksyms_new(NULL);
	tap_is_str(name_or(k, addr + 1), "kfree_skb_list_reason", "/proc/kallsyms: kfree_skb_list_reason");
	ksyms_free(k);
}

int main(void)
{
	test_file();
	test_proc();
	return tap_done();
}
