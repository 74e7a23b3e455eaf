// SPDX-License-Identifier: GPL-2.0
/* The ownership record: written line by line, read back whole, partial records still usable. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "state.h"
#include "tap.h"

static char dir[] = "/tmp/nsviz-state-test.XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.state", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_roundtrip(void)
{
	struct state *s = NULL, *r = NULL;

	tap_ok(state_load("nzq1", &r) == -ENOENT, "no record: -ENOENT");
	tap_ok(state_begin("nzq1", 4026531840u, &s) == 0, "begin a record");
	if (!s)
		return;
	tap_ok(state_begin("nzq1", 1, &r) == -EEXIST, "a second begin is refused");
	tap_ok(!state_add(s, STATE_NETNS, "red", 4026532247u, NULL), "add a namespace");
	tap_ok(!state_add(s, STATE_BRIDGE, "bridge1", 5, NULL), "add a bridge");
	tap_ok(state_load("nzq1", &r) == 0 && r && !r->complete && r->nobjs == 2,
	       "a record cut short loads, marked incomplete");
	state_free(r);
	r = NULL;
	tap_ok(!state_add(s, STATE_LINK, "veth-r", 6, "red") && !state_commit(s), "add a link, commit");
	state_free(s);
	tap_ok(state_load("nzq1", &r) == 0 && r, "load the record");
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
	tap_ok(state_load("nzq2", &r) == 0 && r && r->nobjs == 1 && !r->complete,
	       "a last line without newline (killed mid-write) is ignored");
	state_free(r);
	write_file("nzq3", "hostns 7\nqdisc red 9\n");
	tap_ok(state_load("nzq3", &r) == -EINVAL, "an unknown line is refused");
	write_file("nzq3", "hostns 7\nlink veth-r 9\n");
	tap_ok(state_load("nzq3", &r) == -EINVAL, "a link without its peer is refused");
	write_file("nzq3", "hostns 7\nlink veth-r 9 -\n");
	tap_ok(state_load("nzq3", &r) == 0 && r && !r->objs[0].peer[0], "'-': a peer in the host");
	state_free(r);
	tap_ok(state_load("../etc", &r) == -EINVAL, "a name that is not a path component is refused");
	state_remove("nzq2");
	state_remove("nzq3");
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
	rmdir(dir);
	return tap_done();
}
