/* SPDX-License-Identifier: GPL-2.0 */
/* Which MACs each bridge's forwarding database holds, so that the tracer can tell a unicast frame
 * a bridge forwards (known destination) from one it floods (unknown unicast): read from the kernel
 * when tracing starts, then kept current by the datapath's FDB events (learn, move, delete). */
#ifndef NSVIZ_FDB_SEEN_H
#define NSVIZ_FDB_SEEN_H

#include <stdbool.h>
#include <stdint.h>

struct fdb_seen;

/* NULL on ENOMEM. */
struct fdb_seen *fdb_seen_new(void);
void fdb_seen_free(struct fdb_seen *f);
/* Add every entry of the bridge BR_IFINDEX, called BRIDGE, of the caller's namespace, the first
 * time only: after that its events keep it. 0 or -errno. */
int fdb_seen_read(struct fdb_seen *f, const char *bridge, int br_ifindex);
/* An entry of BRIDGE for MAC on VLAN was learned or moved (PRESENT), or deleted. 0 or -ENOMEM. */
int fdb_seen_set(struct fdb_seen *f, const char *bridge, const uint8_t mac[6], uint16_t vlan,
		 bool present);
/* BRIDGE has an entry for MAC, on any VLAN. */
bool fdb_seen_has(const struct fdb_seen *f, const char *bridge, const uint8_t mac[6]);

#endif
