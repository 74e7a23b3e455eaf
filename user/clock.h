/* SPDX-License-Identifier: GPL-2.0 */
/* The clocks: wall time for what is shown and written (timestamps, ages), monotonic time for
 * intervals and deadlines (a clock step must not stretch or end them), and the offset between
 * the two that turns the datapath's monotonic nanoseconds into wall time. */
#ifndef NSVIZ_CLOCK_H
#define NSVIZ_CLOCK_H

#include <stdint.h>

/* Seconds since the epoch (CLOCK_REALTIME). */
double wall_now(void);
/* Monotonic seconds (CLOCK_MONOTONIC). */
double mono_now(void);
/* Monotonic nanoseconds, the clock bpf_ktime_get_ns() reads. */
uint64_t mono_now_ns(void);
/* Wall time minus monotonic time, in nanoseconds. */
int64_t wall_minus_mono_ns(void);

#endif
