/* SPDX-License-Identifier: GPL-2.0 */
/* What is wrong with an interface, from its live state (snap_link), and the words the picture
 * and the tables mark it with, long to short, so that a mark shortens rather than vanishes. */
#ifndef NSVIZ_LINKSTATE_H
#define NSVIZ_LINKSTATE_H

#include <stdbool.h>
#include "snapshot.h"

/* In rising order of severity: a link shows the worse of its two ends. */
enum lstate { LS_OK, LS_NOCARRIER, LS_PORT, LS_DOWN, LS_MISSING };

/* The state of F (NULL, or not read from the kernel: LS_OK, nothing to say). */
enum lstate lstate_of(const struct snap_iface *f);
/* The end (0 or 1) of the worse state of A and B, either may be NULL. */
int lstate_worse(const struct snap_iface *a, const struct snap_iface *b);
/* The mark for ST of F in FORM 0 (words: "DOWN", "no carrier", "disabled", "missing"), 1 (two
 * or three letters: "DN", "NC", "DIS", "MIS") or 2 (a symbol); NULL for LS_OK. */
const char *lstate_mark(enum lstate st, const struct snap_iface *f, int form, bool utf8);
/* How F differs from the topology file, in words; NULL when it does not (or no file). */
const char *lmismatch(const struct snap_iface *f);
/* The mark of a difference from the file: "≠", or "!" without UTF-8. */
const char *lmismatch_mark(bool utf8);
/* The state column of the interfaces view: the mark, "up", or "" when not known. */
const char *lstate_word(const struct snap_iface *f);

#endif
