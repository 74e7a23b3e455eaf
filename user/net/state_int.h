/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by state.c (the record's file), state_parse.c (its lines) and state_lock.c. */
#ifndef NSVIZ_STATE_INT_H
#define NSVIZ_STATE_INT_H

#include <stddef.h>
#include <sys/types.h>
#include "state.h"

/* The longest line `up` writes: "link " IFNAME " " INT_MAX " " NETNS. */
#define STATE_LINE_MAX (5 + TOPO_IFNAME_MAX + 1 + 10 + 1 + TOPO_NETNS_MAX)

/* PATH of the record of NAME with SUFFIX (".state", ".lock"); -EINVAL for a NAME that is not one
 * path component. */
int state_path(const char *name, const char *suffix, char *buf, size_t len);
/* "a directory", "a FIFO"...: what a record must not be. */
const char *state_file_type(mode_t mode);
int state_push(struct state *s, enum state_kind kind, const char *name, uint64_t id,
	       const char *peer);
/* Check and take in TEXT, the record read from PATH (NUL-terminated, modified). On -EINVAL, WHY
 * says "PATH:LINE: what is wrong". */
int state_parse(struct state *s, const char *path, char *text, char *why, size_t whylen);

#endif
