// SPDX-License-Identifier: GPL-2.0
/* point_diff: which slot each observation point takes across a change of the live network. */
#include <errno.h>
#include <string.h>

#include "point_diff.h"
#include "tap.h"

#define ID(ino, ifindex) ((struct point_id){ (ino), (ifindex), 0 })
#define VACANT(at) ((struct point_id){ 0, 0, (at) })

static int slot_of[8], nslots;
static bool gone[8];

static int diff(const struct point_id *old, int nold, const struct point_id *cur, int ncur,
		double now, int max)
{
	memset(slot_of, -1, sizeof(slot_of));
	memset(gone, 0, sizeof(gone));
	return point_diff(old, nold, cur, ncur, now, max, slot_of, gone, &nslots);
}

int main(void)
{
	/* Two namespaces whose veth ends both have ifindex 2: told apart by inode. */
	const struct point_id old[] = { ID(100, 2), ID(200, 2), ID(1, 7), VACANT(9.5) };
	const struct point_id same[] = { ID(1, 7), ID(200, 2), ID(100, 2) };
	const struct point_id grown[] = { ID(100, 2), ID(300, 2), ID(1, 8), ID(200, 2), ID(1, 7) };
	const struct point_id shrunk[] = { ID(1, 7) };

	tap_ok(!diff(old, 4, same, 3, 10.0, 8), "the same points in another order");
	tap_ok(slot_of[0] == 2 && slot_of[1] == 1 && slot_of[2] == 0 && nslots == 4,
	       "each keeps its slot (matched by namespace inode and ifindex, not by order)");
	tap_ok(!gone[0] && !gone[1] && !gone[2] && !gone[3], "none is gone; a vacant slot is not");

	tap_ok(!diff(old, 4, grown, 5, 10.0, 8), "two new points");
	tap_ok(slot_of[0] == 0 && slot_of[3] == 1 && slot_of[4] == 2, "the old ones keep their slots");
	tap_ok(slot_of[1] == 4 && slot_of[2] == 5 && nslots == 6,
	       "the new ones get new slots: slot 3 was freed 0.5 s ago, too recently to reuse");
	tap_ok(!diff(old, 4, grown, 5, 10.5, 8) && slot_of[1] == 3 && slot_of[2] == 4 && nslots == 5,
	       "POINT_REUSE_AFTER later the first new one reuses slot 3, the second gets slot 4");

	tap_ok(!diff(old, 4, shrunk, 1, 20.0, 8), "two points gone");
	tap_ok(gone[0] && gone[1] && !gone[2] && slot_of[0] == 2 && nslots == 4,
	       "their slots are freed, the one left keeps its slot, no slot disappears");

	{
		const struct point_id freed[] = { VACANT(0), ID(1, 7) };
		const struct point_id back[] = { ID(1, 9), ID(100, 2) };

		tap_ok(!diff(freed, 2, back, 2, 20.0, 8), "one gone and two new in one change");
		tap_ok(gone[1] && slot_of[0] == 0 && slot_of[1] == 2 && nslots == 3,
		       "a slot freed by this change is not reused by it (its BPF side may still count)");
	}
	tap_ok(diff(old, 4, grown, 5, 10.0, 5) == -E2BIG, "more slots than MAX: -E2BIG");
	tap_ok(!diff(NULL, 0, shrunk, 1, 0, 8) && slot_of[0] == 0 && nslots == 1,
	       "from no points at all");
	return tap_done();
}
