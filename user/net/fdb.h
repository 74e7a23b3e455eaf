/* SPDX-License-Identifier: GPL-2.0 */
/* The bridges' forwarding databases: read over rtnetlink (RTM_GETNEIGH, AF_BRIDGE, one dump per
 * bridge filtered by NDA_MASTER), kept current between reads by the FDB events of the datapath. */
#ifndef NSVIZ_FDB_H
#define NSVIZ_FDB_H

#include <stdint.h>
#include "snapshot.h"

/* Append the entries of bridge BRIDGE (in the caller's namespace) to *ENTRIES (*N of them,
 * realloc'd; free() it). Ages are in seconds since the entry was last used. 0 or -errno
 * (-ENODEV: no such bridge). */
int fdb_read(const char *bridge, struct snap_fdb **entries, int *n);

/* A table of the FDBs of several bridges, aged with a caller-supplied clock (seconds). */
struct fdb;

struct fdb *fdb_new(void);
void fdb_free(struct fdb *f);
/* Replace everything with fresh reads of the NBRIDGES BRIDGES at time NOW. 0 or -errno (the
 * table then keeps what it had). */
int fdb_refresh(struct fdb *f, const char *const *bridges, int nbridges, double now);
/* A learn or move (UPDATE true) or a delete seen by the datapath at time NOW. 0 or -ENOMEM. */
int fdb_event(struct fdb *f, bool update, const char *bridge, const char *port,
	      const uint8_t mac[6], uint16_t vlan, bool is_static, double now);
/* The entries, bridge by bridge, ages as of NOW; valid until the next call on F. */
const struct snap_fdb *fdb_entries(struct fdb *f, double now, int *n);

/* "02:00:00:00:00:01" into BUF (18 bytes). */
void fdb_mac_str(const uint8_t mac[6], char buf[18]);

#endif
