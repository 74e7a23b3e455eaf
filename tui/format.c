// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "format.h"

char *fmt_si(double v, char *buf, size_t len)
{
	static const char units[] = " kMGTP";
	int u = 0;

	while (v >= 999.5 && u < 5) {
		v /= 1000;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, v < 9.95 ? "%.1f%c" : "%.0f%c", v, units[u]);
	return buf;
}

char *fmt_rate(double pps, double bps, char *buf, size_t len)
{
	char p[16], b[16];

	snprintf(buf, len, "%sp/s %sb/s", fmt_si(pps, p, sizeof(p)), fmt_si(bps, b, sizeof(b)));
	return buf;
}

char *fmt_uptime(double secs, char *buf, size_t len)
{
	long s = secs < 0 ? 0 : (long)secs;

	if (s >= 86400)
		snprintf(buf, len, "%ldd %02ld:%02ld", s / 86400, s / 3600 % 24, s / 60 % 60);
	else
		snprintf(buf, len, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	return buf;
}

char *fmt_clock(double t, char *buf, size_t len)
{
	time_t tt = (time_t)floor(t);
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, len, "%H:%M:%S", &tm);
	return buf;
}
