/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by build.c (up) and build_down.c (down, rollback): removing what the record holds. */
#ifndef NSVIZ_BUILD_INT_H
#define NSVIZ_BUILD_INT_H

#include <stdint.h>
#include <stdio.h>
#include "netlink.h"
#include "state.h"

/* The record of topology NAME, loaded for CMD; -ENOENT when there is none. A record that cannot
 * be read is reported on ERR, with the way out. */
int build_load(const char *name, const char *cmd, struct state **s, FILE *err);
/* 0 when every object of S is still the very one recorded (HOST: a socket in the host
 * namespace), -ENOENT when one is gone, -ESTALE when a namespace was replaced, -EXDEV when S was
 * made from another host namespace, other -errno on failure. */
int build_all_present(struct nl *host, const struct state *s);
/* Remove the objects of S newest first, each only if it is still the one recorded; print each
 * removal on OUT (may be NULL) and each problem on ERR as "nsviz CMD: ...". *REMOVED counts the
 * objects removed. 0 or the first -errno. */
int build_undo(struct nl *host, const struct state *s, const char *cmd, int *removed, FILE *out,
	       FILE *err);

#endif
