/* SPDX-License-Identifier: GPL-2.0 */
/* Topology -> kernel objects (netlink, namespaces), with a journal for rollback and an ownership
 * record under /run/nsviz so `down` removes exactly what `up` made, also after a crash. */
#ifndef NSVIZ_BUILD_H
#define NSVIZ_BUILD_H

#include <stdbool.h>
#include <stdio.h>
#include "topo.h"

/* CMD names the command in messages ("nsviz CMD: ..."): "up", "run"... */
/* Build T. *ALREADY is set when it was up before (then nothing is done). On failure everything
 * made in this run is removed, the failing step is reported on ERR, and -errno is returned.
 * Progress lines go to OUT (may be NULL). */
int build_up(const struct topo *t, const char *cmd, bool *already, FILE *out, FILE *err);
/* From now on, step STEP of build_up fails with -EIO (NSVIZ_FAIL_AT, to test the rollback); 0:
 * none. */
void build_fail_at(int step);
/* Remove what build_up recorded for T, and only that. *WAS_UP is false when nothing was up. */
int build_down(const struct topo *t, const char *cmd, bool *was_up, FILE *out, FILE *err);
/* 1 when T's namespaces and bridges exist, whoever made them (nsviz up or plain ip commands), 0
 * when not. A record of T, if there is one, is read and checked all the same: one that cannot be
 * read is reported on ERR and its -errno returned (-EBADMSG: refused). */
int build_is_up(const struct topo *t, const char *cmd, FILE *err);

#endif
