// SPDX-License-Identifier: GPL-2.0
/* The FDB table between netlink reads: datapath events learn, move and delete entries and are told
 * apart by what the table held; ages are the kernel's (a learn is used now, a move keeps its age);
 * MACs name their owners; entries come out sorted by bridge, port, MAC. */
#include <string.h>

#include "fdb_table.h"
#include "tap.h"

static int event(struct fdb_table *f, bool update, const char *port, const char *mac,
		 uint16_t vlan, double now, char *old)
{
	struct snap_fdb e = { .bridge = "br0", .vlan = vlan, .type = "learned" };

	strcpy(e.port, port);
	strcpy(e.mac, mac);
	old[0] = '\0';
	return fdb_table_event(f, update, &e, now, old);
}

int main(void)
{
	const char *a = "02:00:00:00:00:0a", *b = "02:00:00:00:00:0b", *c = "02:00:00:00:00:0c";
	const struct snap_fdb read[] = {
		{ .bridge = "br0", .port = "p1", .mac = "02:00:00:00:00:0a", .type = "learned",
		  .age = 4 },
		{ .bridge = "br0", .port = "p1", .mac = "02:00:00:00:00:01", .type = "local",
		  .age = 300 },
	};
	const struct fdb_owner owners[] = { { "02:00:00:00:00:0b", "green:eth0" },
					    { "02:00:00:00:00:0a", "red:eth0" } };
	struct fdb_table *f = fdb_table_new();
	const struct snap_fdb *e;
	struct snap_fdb moved;
	char old[TOPO_IFNAME_MAX + 1];
	int n = -1;

	e = fdb_table_entries(f, 100, &n);
	tap_ok(n == 0, "empty at first");
	tap_ok(fdb_table_refresh(f, read, 2, 100) == 0, "a read replaces the table");
	e = fdb_table_entries(f, 101, &n);
	tap_ok(n == 2 && !strcmp(e[0].mac, "02:00:00:00:00:01") && e[0].age == 301 &&
		       !strcmp(e[0].type, "local") && e[1].age == 5,
	       "read ages go on from the kernel's, types as read");
	tap_ok(event(f, true, "p2", b, 0, 102, old) == FDB_LEARN, "a new MAC is a learn");
	e = fdb_table_entries(f, 103, &n);
	tap_ok(n == 3 && !strcmp(e[2].port, "p2") && e[2].age == 1 && !strcmp(e[2].type, "learned"),
	       "a learned entry was used when it was learned");
	tap_ok(event(f, true, "p3", a, 0, 104, old) == FDB_MOVE && !strcmp(old, "p1"),
	       "the same MAC on another port is a move, from the port it held");
	e = fdb_table_entries(f, 104, &n);
	tap_ok(n == 3 && !strcmp(e[2].port, "p3") && !strcmp(e[2].mac, a) && e[2].age == 8,
	       "a move changes the port and keeps the age (the kernel only marks it updated)");
	event(f, true, "p3", a, 2, 104, old);
	e = fdb_table_entries(f, 104, &n);
	tap_ok(n == 4, "another VLAN is another entry");
	tap_ok(event(f, false, "p3", a, 0, 105, old) == FDB_DELETE, "a delete");
	event(f, false, "p9", c, 7, 105, old);
	e = fdb_table_entries(f, 105, &n);
	tap_ok(n == 3 && e[2].vlan == 2 && !strcmp(e[2].mac, a), "a delete removes exactly its entry");
	tap_ok(event(f, true, "p3", a, 0, 106, old) == FDB_LEARN && !old[0],
	       "after a delete the MAC is learned again, not moved");
	tap_ok(fdb_table_unowned(f) == 3, "three learned entries without owners");
	tap_ok(fdb_table_owners(f, owners, 2) == 0, "owners set");
	e = fdb_table_entries(f, 106, &n);
	tap_ok(!strcmp(e[1].owner, "green:eth0") && !strcmp(e[2].owner, "red:eth0") &&
		       !strcmp(e[3].owner, "red:eth0"),
	       "each learned MAC names its owner, on every VLAN");
	tap_ok(!e[0].owner[0], "a MAC that is on no namespace has no owner");
	tap_ok(fdb_table_unowned(f) == 0, "every learned MAC owned (the local one needs none)");
	event(f, true, "p4", c, 0, 107, old);
	tap_ok(fdb_table_unowned(f) == 1, "a MAC from elsewhere has none");
	moved = (struct snap_fdb){ .bridge = "br0", .port = "p5", .type = "learned" };
	strcpy(moved.mac, a);
	tap_ok(fdb_table_refresh(f, &moved, 1, 108) == 0 &&
		       event(f, true, "p5", a, 0, 108, old) == FDB_MOVE && !strcmp(old, "p3"),
	       "a read that shows a move before its event arrives: still a move, from p3");
	fdb_table_free(f);
	return tap_done();
}
