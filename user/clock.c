// SPDX-License-Identifier: GPL-2.0
/* The clocks every part reads; see clock.h. */
#include <time.h>

#include "clock.h"

static double seconds(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

double wall_now(void)
{
	return seconds(CLOCK_REALTIME);
}

double mono_now(void)
{
	return seconds(CLOCK_MONOTONIC);
}

uint64_t mono_now_ns(void)
{
	struct timespec m;

	clock_gettime(CLOCK_MONOTONIC, &m);
	return m.tv_sec * 1000000000ull + m.tv_nsec;
}

int64_t wall_minus_mono_ns(void)
{
	struct timespec w, m;

	clock_gettime(CLOCK_REALTIME, &w);
	clock_gettime(CLOCK_MONOTONIC, &m);
	return (w.tv_sec - m.tv_sec) * 1000000000LL + (w.tv_nsec - m.tv_nsec);
}
