/* SPDX-License-Identifier: GPL-2.0 */
/* Expedited RCU grace periods while nsviz makes or closes many tcx links. Every tcx attach and
 * detach waits for a grace period under the RTNL lock (~8-12 ms here, HZ=250): 200 links are two
 * seconds of waiting. With /sys/kernel/rcu_expedited at 1 the same wait is tens of microseconds.
 * nsviz turns it on for the burst only, only when it was off, and back off after it. The nsviz
 * that turned it on holds an flock on STATE_DIR/rcu_expedited, which says "on" until it is off
 * again: a burst cut short by SIGKILL leaves the file saying "on" and the lock free, and the next
 * nsviz that loads programs turns the setting off (expedite_sweep). A 1 that nsviz did not write
 * (an administrator's) is never touched. docs/datapath.md: "Where attach time goes". */
#ifndef NSVIZ_EXPEDITE_H
#define NSVIZ_EXPEDITE_H

#include <stdbool.h>

struct expedite {
	int lock_fd;   /* held while this process has the setting on; -1 otherwise */
	bool off;      /* never turn it on (NSVIZ_EXPEDITE=0) */
	bool made_dir; /* the state directory was made for the mark: removed with it */
};

#define EXPEDITE_INIT { .lock_fd = -1 }

/* Turn expedited grace periods on, if they are off and nobody else's burst has them on. Does
 * nothing if it already has them on, or when the kernel or the filesystem refuses. */
void expedite_begin(struct expedite *e);
/* Turn them off again if expedite_begin turned them on. */
void expedite_end(struct expedite *e);
/* Turn them off if a killed nsviz left them on. */
void expedite_sweep(void);

#endif
