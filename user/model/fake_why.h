/* SPDX-License-Identifier: GPL-2.0 */
/* The fake source's `why` (docs/tui.md): a canned answer that sends nothing, in the words and
 * layout `nsviz why` uses, from the fake links' states (fake_link.h) on the way. */
#ifndef NSVIZ_FAKE_WHY_H
#define NSVIZ_FAKE_WHY_H

#include "snapshot.h"

#define FAKE_WHY_S 3.0 /* seconds it "runs": as long as the real one's three probes */

/* The answer for namespace A of T to namespace B's address DEST, EL seconds into the fake
 * source's time, into OUT's text and status. */
void fake_why(const struct topo *t, int a, int b, const char *dest, double el,
	      struct snap_why *out);

#endif
