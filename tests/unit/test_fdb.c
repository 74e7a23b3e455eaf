// SPDX-License-Identifier: GPL-2.0
/* The FDB table between netlink reads: datapath events learn, move and delete entries; ages count
 * from the last use; entries come out sorted by bridge, port, MAC. */
#include <string.h>

#include "fdb.h"
#include "tap.h"

int main(void)
{
	const uint8_t a[6] = { 2, 0, 0, 0, 0, 0xa }, b[6] = { 2, 0, 0, 0, 0, 0xb };
	struct fdb *f = fdb_new();
	const struct snap_fdb *e;
	int n = -1;

	e = fdb_entries(f, 100, &n);
	tap_ok(n == 0, "empty at first");
	fdb_event(f, true, "br0", "p2", b, 1, false, 100);
	fdb_event(f, true, "br0", "p1", a, 1, false, 101);
	e = fdb_entries(f, 103, &n);
	tap_ok(n == 2 && !strcmp(e[0].port, "p1") && !strcmp(e[0].mac, "02:00:00:00:00:0a"),
	       "two learned, sorted by port");
	tap_ok(e[0].age == 2 && e[1].age == 3 && !e[0].is_static, "ages since last use");
	fdb_event(f, true, "br0", "p3", a, 1, false, 104);
	e = fdb_entries(f, 104, &n);
	tap_ok(n == 2 && !strcmp(e[1].port, "p3") && e[1].age == 0, "a move updates port and age");
	fdb_event(f, true, "br0", "p3", a, 2, true, 104);
	e = fdb_entries(f, 104, &n);
	tap_ok(n == 3, "another VLAN is another entry");
	fdb_event(f, false, "br0", "p3", a, 1, false, 105);
	fdb_event(f, false, "br0", "p9", a, 7, false, 105);
	e = fdb_entries(f, 105, &n);
	tap_ok(n == 2 && e[1].vlan == 2 && e[1].is_static, "a delete removes exactly its entry");
	fdb_free(f);
	return tap_done();
}
