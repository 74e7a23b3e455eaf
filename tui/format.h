/* SPDX-License-Identifier: GPL-2.0 */
/* Numbers for people: short SI rates, clock times, durations. */
#ifndef NSVIZ_FORMAT_H
#define NSVIZ_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* V with an SI suffix in at most 5 columns: "0", "12", "1.6k", "950k", "12M". */
char *fmt_si(double v, char *buf, size_t len);
/* "1.6kb/s"-style rate label for a direction: PPS packets/s and BPS bytes/s. */
char *fmt_rate(double pps, double bps, char *buf, size_t len);
/* "1:02:03" or "2d 03:04". */
char *fmt_uptime(double secs, char *buf, size_t len);
/* Local wall-clock "HH:MM:SS" of UNIX time T. */
char *fmt_clock(double t, char *buf, size_t len);

#endif
