// SPDX-License-Identifier: GPL-2.0
/* The ownership record: written line by line, read back whole, partial records still usable. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"
#include "tap.h"

static char dir[] = "/tmp/nsviz-state-test.XXXXXX";

static void write_bytes(const char *name, const char *text, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.state", dir, name);
	f = fopen(path, "w");
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
}

static void write_file(const char *name, const char *text)
{
	write_bytes(name, text, strlen(text));
}

static char why[512];

static int load(const char *name, struct state **out)
{
	why[0] = '\0';
	return state_load(name, out, why, sizeof(why));
}

static void test_roundtrip(void)
{
	struct state *s = NULL, *r = NULL;

	tap_ok(load("nzq1", &r) == -ENOENT, "no record: -ENOENT");
	tap_ok(state_begin("nzq1", 4026531840u, &s) == 0, "begin a record");
	if (!s)
		return;
	tap_ok(state_begin("nzq1", 1, &r) == -EEXIST, "a second begin is refused");
	tap_ok(!state_add(s, STATE_NETNS, "red", 4026532247u, NULL), "add a namespace");
	tap_ok(!state_add(s, STATE_BRIDGE, "bridge1", 5, NULL), "add a bridge");
	tap_ok(load("nzq1", &r) == 0 && r && !r->complete && r->nobjs == 2,
	       "a record cut short loads, marked incomplete");
	state_free(r);
	r = NULL;
	tap_ok(!state_add(s, STATE_LINK, "veth-r", 6, "red") && !state_commit(s), "add a link, commit");
	state_free(s);
	tap_ok(load("nzq1", &r) == 0 && r, "load the record");
	if (!r)
		return;
	tap_ok(r->complete && r->hostns == 4026531840u && r->nobjs == 3, "complete, hostns, 3 objects");
	tap_ok(r->objs[0].kind == STATE_NETNS && r->objs[0].id == 4026532247u, "namespace and inode");
	tap_is_str(r->objs[1].name, "bridge1", "objects in the order made");
	tap_ok(r->objs[2].kind == STATE_LINK && r->objs[2].id == 6, "link and ifindex");
	tap_is_str(r->objs[2].peer, "red", "link and the namespace of its peer");
	tap_is_str(r->objs[1].peer, "", "a bridge has no peer");
	state_free(r);
	tap_ok(state_remove("nzq1") == 0, "remove");
	tap_ok(state_remove("nzq1") == -ENOENT, "remove again: -ENOENT");
}

static void test_damaged(void)
{
	struct state *r = NULL;

	write_file("nzq2", "hostns 7\nnetns red 9\nbridge br");
	tap_ok(load("nzq2", &r) == 0 && r && r->nobjs == 1 && !r->complete,
	       "a last line without newline (killed mid-write) is ignored");
	state_free(r);
	write_file("nzq3", "hostns 7\nqdisc red 9\n");
	tap_ok(load("nzq3", &r) == -EBADMSG, "an unknown line is refused");
	write_file("nzq3", "hostns 7\nlink veth-r 9\n");
	tap_ok(load("nzq3", &r) == -EBADMSG, "a link without its peer is refused");
	write_file("nzq3", "hostns 7\nlink veth-r 9 -\n");
	tap_ok(load("nzq3", &r) == 0 && r && !r->objs[0].peer[0], "'-': a peer in the host");
	state_free(r);
	tap_ok(load("../etc", &r) == -EINVAL, "a name that is not a path component is refused");
	state_remove("nzq2");
	state_remove("nzq3");
}

/* What `down` would act on, and what must stop it: each record is refused, naming its line. */
static const struct {
	const char *text, *line, *what;
} bad[] = {
	{ "hostns 7\nbridge bridge1 0\n", ":2: ", "ifindex 0 (crashed up and down)" },
	{ "hostns 7\nbridge victimbr 4294967298\n", ":2: ", "ifindex 2^32+2 (was truncated to 2)" },
	{ "hostns 7\nlink v 2147483648 -\n", ":2: ", "ifindex above INT_MAX" },
	{ "hostns 7\nbridge b -1\n", ":2: ", "a negative ifindex" },
	{ "hostns 7\nbridge b 02\n", ":2: ", "a leading zero" },
	{ "hostns 7\nnetns red 0\n", ":2: ", "cookie 0" },
	{ "hostns 7\nnetns red 18446744073709551616\n", ":2: ", "a cookie past 2^64-1" },
	{ "hostns 7\nnetns ../other/v 9\n", ":2: ", "a namespace name with '/'" },
	{ "hostns 7\nnetns .. 9\n", ":2: ", "namespace '..'" },
	{ "hostns 7\nnetns -x 9\n", ":2: ", "a namespace name starting with '-'" },
	{ "hostns 7\nnetns a\tb 9\n", ":2: ", "a control character" },
	{ "hostns 7\nbridge 0123456789abcdef 2\n", ":2: ", "an interface name of 16 bytes" },
	{ "hostns 7\nbridge a%d 2\n", ":2: ", "an interface name template" },
	{ "hostns 7\nlink v 3 ../x\n", ":2: ", "a peer namespace with '/'" },
	{ "hostns 7\nlink v 3 blue\n", ":2: ", "a peer namespace not listed" },
	{ "hostns 7\nnetns red 9\nnetns red 10\n", ":3: ", "a namespace twice" },
	{ "hostns 7\nbridge b 2\nlink v 2 -\n", ":3: ", "an ifindex twice" },
	{ "hostns 7\nup\nbridge b 2\n", ":3: ", "a line after up" },
	{ "netns red 9\n", ":1: ", "no hostns first" },
	{ "hostns 0\n", ":1: ", "hostns 0" },
	{ "hostns 7\nhostns 8\n", ":2: ", "hostns twice" },
	{ "hostns 7\nbridge  b 2\n", ":2: ", "two blanks" },
	{ "hostns 7\nbridge b 2 \n", ":2: ", "a trailing blank" },
	{ "hostns 7\n\n", ":2: ", "an empty line" },
	{ "hostns 7\nbridge b 2 x\n", ":2: ", "a word too many" },
	{ "hostns 7\nup now\n", ":2: ", "'up' with a word" },
	{ "hostns 7\nbridge b 2x\n", ":2: ", "trailing garbage in a number" },
};

static void test_refused(void)
{
	struct state *r = NULL;
	char want[64];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file("nzq5", bad[i].text);
		tap_ok(load("nzq5", &r) == -EBADMSG && !r, "refused: %s", bad[i].what);
		snprintf(want, sizeof(want), "nzq5.state%s", bad[i].line);
		tap_ok(strstr(why, want) != NULL, "the message names the line (%s): %s", bad[i].line,
		       why);
	}
	write_bytes("nzq5", "hostns 7\nbridge b\0 2\n", 20);
	tap_ok(load("nzq5", &r) == -EBADMSG && strstr(why, "nzq5.state:2: "), "a NUL byte: %s", why);
	write_file("nzq5", "");
	tap_ok(load("nzq5", &r) == 0 && r && !r->nobjs && !r->complete,
	       "an empty record (killed before its first line) lists nothing");
	state_free(r);
	r = NULL;
	write_file("nzq5", "hostns 18446744073709551615\nnetns r 18446744073709551615\n"
			   "bridge 012345678901234 2147483647\nlink v 1 r\nup\n");
	tap_ok(load("nzq5", &r) == 0 && r && r->nobjs == 3 && r->complete, "the largest values load");
	state_free(r);
	state_remove("nzq5");
}

/* Anything but a regular file of a plausible size is refused before it is read. */
static void test_not_a_file(void)
{
	char path[512];
	struct state *r = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "%s/nzq6.state", dir);
	tap_ok(!mkdir(path, 0755) && load("nzq6", &r) == -EBADMSG && strstr(why, "a directory"),
	       "a directory: %s", why);
	rmdir(path);
	tap_ok(!mkfifo(path, 0644) && load("nzq6", &r) == -EBADMSG && strstr(why, "a FIFO"),
	       "a FIFO is refused without blocking: %s", why);
	unlink(path);
	tap_ok(!symlink("/etc/hostname", path) && load("nzq6", &r) == -EBADMSG &&
	       strstr(why, "a symbolic link"), "a symlink: %s", why);
	unlink(path);
	f = fopen(path, "w");
	tap_ok(f && !ftruncate(fileno(f), 17 << 20) && load("nzq6", &r) == -EBADMSG &&
	       strstr(why, "larger than"), "17 MiB: %s", why);
	if (f)
		fclose(f);
	unlink(path);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	state_set_dir(dir);
	test_roundtrip();
	test_damaged();
	test_refused();
	test_not_a_file();
	rmdir(dir);
	return tap_done();
}
