/* SPDX-License-Identifier: GPL-2.0 */
/* The live state a snapshot carries (its interfaces' snap_link, its namespaces with their routes
 * and forwarding), from a reading of the live network. */
#ifndef NSVIZ_LIVE_LINKS_H
#define NSVIZ_LIVE_LINKS_H

#include "live.h"
#include "snapshot.h"

/* OUT becomes what LIVE says of interface IFNAME in namespace NETNS ("" for the host): known,
 * and present unless the namespace or the interface is not there. */
void live_link_fill(const struct live *live, const char *netns, const char *ifname,
		    struct snap_link *out);

/* The namespaces a snapshot of T carries: the host, then T's, each with its routes (all into
 * arrays of the caller's, grown as needed: *NS of *NNS, *ROUTES of *NROUTES). 0 or -ENOMEM. */
int live_netns_fill(const struct live *live, const struct topo *t, struct snap_netns **ns,
		    int *nns, struct snap_route **routes, int *nroutes);

#endif
