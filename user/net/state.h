/* SPDX-License-Identifier: GPL-2.0 */
/* The ownership record: what `nsviz up` created for one topology, with enough identity (namespace
 * cookie, ifindex) that `down` never removes something that merely has the same name now. It lives
 * in /run/nsviz/NAME.state ($NSVIZ_RUNDIR overrides the directory) and grows one line per object
 * as objects are made, so a killed `up` can still be undone. */
#ifndef NSVIZ_STATE_H
#define NSVIZ_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "topo.h"

enum state_kind {
	STATE_NETNS,  /* id: the namespace's cookie (SO_NETNS_COOKIE), never reused within a boot */
	STATE_BRIDGE, /* id: ifindex in the host namespace */
	STATE_LINK,   /* a veth end in the host namespace; id: ifindex */
	STATE_TAP,    /* a tap port of a host bridge; id: ifindex */
	STATE_DUMMY,  /* a dummy port of a host bridge; id: ifindex */
	STATE_KINDS
};

struct state_obj {
	enum state_kind kind;
	char name[TOPO_NETNS_MAX + 1];
	uint64_t id;
	char peer[TOPO_NETNS_MAX + 1]; /* STATE_LINK: namespace of the other end, "" for the host */
};

struct state {
	char topo[TOPO_NAME_MAX + 1];
	uint64_t hostns; /* cookie of the namespace the bridges and host veth ends live in */
	bool complete;   /* `up` finished */
	struct state_obj *objs; /* in the order they were made */
	int nobjs;
	int fd; /* open for appending between state_begin() and state_free(), else -1 */
};

/* The record of topology NAME. 0, -ENOENT when there is none, -EBADMSG when it is not one nsviz
 * wrote (not a regular file, too large, a line `up` does not write: WHY says "PATH:LINE: what is
 * wrong"), other -errno (WHY: the path). */
int state_load(const char *name, struct state **out, char *why, size_t whylen);
/* The directory of the records (NSVIZ_RUNDIR, read by the command layer); NULL: /run/nsviz. */
void state_set_dir(const char *dir);
/* That directory: where nsviz keeps what must outlive one process. */
const char *state_dir(void);
/* Make it: 1 when made now, 0 when it was there already, or a negative errno. */
int state_dir_make(void);
/* Start the record of NAME; -EEXIST when there is one already. */
int state_begin(const char *name, uint64_t hostns, struct state **out);
/* Record an object just made (PEER: see struct state_obj; NULL for none); it is on disk when
 * this returns 0. */
int state_add(struct state *s, enum state_kind kind, const char *name, uint64_t id,
	      const char *peer);
/* Record that `up` finished. */
int state_commit(struct state *s);
/* Remove the record of NAME. 0 or -errno (-ENOENT when there is none). */
int state_remove(const char *name);
void state_free(struct state *s);
/* Serialize `up`, `down` and `run` on topology NAME: hold its lock file NAME.lock next to the
 * record. When another process holds it, say so on ERR as "nsviz CMD: ..." and wait. Returns
 * the fd to pass to state_unlock(), or -errno. */
int state_lock(const char *name, const char *cmd, FILE *err);
/* Release the lock; the lock file goes too when there is no record left. */
void state_unlock(const char *name, int fd);
/* Print the record of NAME as it is (whatever it is) on OUT, then remove it, and only it. 0,
 * -ENOENT when there is none, other -errno (reported on ERR as "nsviz CMD: ..."). */
int state_forget(const char *name, const char *cmd, FILE *out, FILE *err);
const char *state_kind_name(enum state_kind kind);

#endif
