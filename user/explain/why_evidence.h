/* SPDX-License-Identifier: GPL-2.0 */
/* The probes' fate from the paths traced while they were sent (pure). */
#ifndef NSVIZ_WHY_EVIDENCE_H
#define NSVIZ_WHY_EVIDENCE_H

#include <stddef.h>
#include "snapshot.h"

/* One sentence into BUF about the N paths PS of packets between SRC and DST (addresses as text):
 * where the last probe stopped and with what drop reason, whether it was answered, or that
 * ARP went unanswered. The place where a dropped probe stopped ("green:eth0-g",
 * "bridge1:veth-g") into STOP, of STOP_LEN bytes ("" when none was dropped). */
void why_evidence(const struct snap_path *ps, int n, const char *src, const char *dst,
		  char *buf, size_t len, char *stop, size_t stop_len);
/* The object of a cause (an interface "green:eth0-g" or "veth-g", a bridge, a namespace) is
 * where the probe stopped, STOP: the same interface, or that namespace. */
bool why_stopped_at(const char *stop, const char *object);

#endif
