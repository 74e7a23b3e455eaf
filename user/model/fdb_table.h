/* SPDX-License-Identifier: GPL-2.0 */
/* The one FDB table: the bridges' forwarding databases as last read from the kernel, kept current
 * between reads by the datapath's FDB events, which it also tells apart (learn, move, delete).
 * Pure: the caller supplies the reads and the clock (UNIX seconds). */
#ifndef NSVIZ_FDB_TABLE_H
#define NSVIZ_FDB_TABLE_H

#include <stdbool.h>
#include "snapshot.h"

enum fdb_op { FDB_LEARN, FDB_MOVE, FDB_DELETE };

/* Whose MAC it is: an interface of one of the network's namespaces. */
struct fdb_owner {
	char mac[18];
	char owner[sizeof(((struct snap_fdb *)0)->owner)]; /* "netns:ifname" */
};

struct fdb_table;

struct fdb_table *fdb_table_new(void);
void fdb_table_free(struct fdb_table *f);
/* Replace everything with FRESH (N entries, ages as read) read at time NOW. 0 or -ENOMEM (the
 * table then keeps what it had). */
int fdb_table_refresh(struct fdb_table *f, const struct snap_fdb *fresh, int n, double now);
/* A learn or move (UPDATE true) or a delete of E (bridge, port, mac, vlan, type) seen by the
 * datapath at time NOW. A learn is used at NOW, as the kernel marks a new entry; a move keeps the
 * entry's age, as the kernel does. Returns which it was, and for a move the port left in
 * OLD_PORT; or -ENOMEM. */
int fdb_table_event(struct fdb_table *f, bool update, const struct snap_fdb *e, double now,
		    char old_port[TOPO_IFNAME_MAX + 1]);
/* Replace the owners of MACs with the N in O. 0 or -ENOMEM (then the old ones stay). */
int fdb_table_owners(struct fdb_table *f, const struct fdb_owner *o, int n);
/* How many learned entries have a MAC without an owner. */
int fdb_table_unowned(const struct fdb_table *f);
/* The entries sorted by bridge, port, MAC, with their owners, ages as of NOW; valid until the
 * next call on F. */
const struct snap_fdb *fdb_table_entries(struct fdb_table *f, double now, int *n);

#endif
