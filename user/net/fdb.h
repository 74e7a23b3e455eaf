/* SPDX-License-Identifier: GPL-2.0 */
/* The bridges' forwarding databases read over rtnetlink (one dump per bridge, netlink.c's), as
 * snapshot entries, and the owners of their MACs. */
#ifndef NSVIZ_FDB_H
#define NSVIZ_FDB_H

#include "fdb_table.h"
#include "snapshot.h"
#include "topo.h"

/* Bridge I of T exists (in its namespace): 0, -ENODEV, or another -errno. */
int fdb_bridge_exists(const struct topo *t, int i);
/* Append the entries of every bridge of T (each read in its namespace) to *ENTRIES (*N of them in
 * room for *CAP, realloc'd as grow.h does; free() it). Ages are in seconds since the entry was
 * last used. 0 or -errno (-ENODEV: a bridge is missing). */
int fdb_read(const struct topo *t, struct snap_fdb **entries, int *n, int *cap);
/* The MACs of every interface in T's namespaces, with their "netns:ifname", in *OWNERS (*N of
 * them; free() it). A namespace that does not exist owns nothing. 0 or -errno. */
int fdb_read_owners(const struct topo *t, struct fdb_owner **owners, int *n);

#endif
