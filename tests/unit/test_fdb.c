// SPDX-License-Identifier: GPL-2.0
/* The FDB table between netlink reads: datapath events learn, move and delete entries and are told
 * apart by what the table held; ages count from the last use; entries come out sorted by bridge,
 * port, MAC. */
#include <string.h>

#include "fdb_table.h"
#include "tap.h"

static int event(struct fdb_table *f, bool update, const char *port, const char *mac,
		 uint16_t vlan, bool is_static, double now, char *old)
{
	struct snap_fdb e = { .bridge = "br0", .vlan = vlan, .is_static = is_static };

	strcpy(e.port, port);
	strcpy(e.mac, mac);
	old[0] = '\0';
	return fdb_table_event(f, update, &e, now, old);
}

int main(void)
{
	const char *a = "02:00:00:00:00:0a", *b = "02:00:00:00:00:0b";
	struct fdb_table *f = fdb_table_new();
	const struct snap_fdb *e;
	char old[TOPO_IFNAME_MAX + 1];
	int n = -1;

	e = fdb_table_entries(f, 100, &n);
	tap_ok(n == 0, "empty at first");
	tap_ok(event(f, true, "p2", b, 1, false, 100, old) == FDB_LEARN, "a new MAC is a learn");
	event(f, true, "p1", a, 1, false, 101, old);
	e = fdb_table_entries(f, 103, &n);
	tap_ok(n == 2 && !strcmp(e[0].port, "p1") && !strcmp(e[0].mac, a),
	       "two learned, sorted by port");
	tap_ok(e[0].age == 2 && e[1].age == 3 && !e[0].is_static, "ages since last use");
	tap_ok(event(f, true, "p3", a, 1, false, 104, old) == FDB_MOVE && !strcmp(old, "p1"),
	       "the same MAC on another port is a move, from the port it held");
	e = fdb_table_entries(f, 104, &n);
	tap_ok(n == 2 && !strcmp(e[1].port, "p3") && e[1].age == 0, "a move updates port and age");
	event(f, true, "p3", a, 2, true, 104, old);
	e = fdb_table_entries(f, 104, &n);
	tap_ok(n == 3, "another VLAN is another entry");
	tap_ok(event(f, false, "p3", a, 1, false, 105, old) == FDB_DELETE, "a delete");
	event(f, false, "p9", a, 7, false, 105, old);
	e = fdb_table_entries(f, 105, &n);
	tap_ok(n == 2 && e[1].vlan == 2 && e[1].is_static, "a delete removes exactly its entry");
	tap_ok(event(f, true, "p3", a, 1, false, 106, old) == FDB_LEARN && !old[0],
	       "after a delete the MAC is learned again, not moved");
	fdb_table_free(f);
	return tap_done();
}
