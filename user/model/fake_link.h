/* SPDX-License-Identifier: GPL-2.0 */
/* The fake source's live link state (snap_link): what the kernel would say of each veth end, with
 * a timeline that breaks something at fixed moments of every minute, so that the UI's link states
 * can be seen and tested without root. A function of the topology and the time only. */
#ifndef NSVIZ_FAKE_LINK_H
#define NSVIZ_FAKE_LINK_H

#include "snapshot.h"

#define FAKE_CYCLE 60 /* seconds: the timeline repeats every minute */

/* Seconds into each minute (of the source's time) when something breaks, and for how long:
 *  - veth 0's bridge port (else its end 0) is set down ([5, 15)): it reads DOWN (and its port
 *    state disabled), its peer has no carrier;
 *  - veth 1's bridge port is disabled by hand ([25, 35)): port state "disabled";
 *  - the other end of the last veth loses its carrier ([40, 50)), its peer stays up;
 *  - veth 0's namespace end has another IPv4 address than the file's ([50, 60)): the last byte
 *    of its first one has its top bit flipped, and its mismatch says so. */
#define FAKE_DOWN_AT 5
#define FAKE_DISABLED_AT 25
#define FAKE_NOCARRIER_AT 40
#define FAKE_MOVED_AT 50
#define FAKE_BREAK_FOR 10

/* The live state of end E of veth V of T at EL seconds after the source's time zero. */
void fake_link(const struct topo *t, int v, int e, double el, struct snap_link *l);

#endif
