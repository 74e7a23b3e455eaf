/* SPDX-License-Identifier: GPL-2.0 */
/* The live state of a snapshot's interfaces (snap_link), read from a reading of the live network. */
#ifndef NSVIZ_LIVE_LINKS_H
#define NSVIZ_LIVE_LINKS_H

#include "live.h"
#include "snapshot.h"

/* OUT becomes what LIVE says of interface IFNAME in namespace NETNS ("" for the host): known,
 * and present unless the namespace or the interface is not there. */
void live_link_fill(const struct live *live, const char *netns, const char *ifname,
		    struct snap_link *out);

#endif
