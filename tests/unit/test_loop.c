// SPDX-License-Identifier: GPL-2.0
/* The event loop: timers fire, fds wake it, signals end it, durations bound it. */
#include <signal.h>
#include <unistd.h>

#include "clock.h"
#include "loop.h"
#include "tap.h"

struct counter {
	int n, stop_at;
};

static int count_cb(void *ctx)
{
	struct counter *c = ctx;

	return ++c->n == c->stop_at;
}

static int drain_cb(void *ctx)
{
	int *fd = ctx;
	char b;

	return read(*fd, &b, 1) == 1 && b == 'q';
}

static int raise_cb(void *ctx)
{
	(void)ctx;
	raise(SIGTERM);
	return 0;
}

int main(void)
{
	struct counter c = { 0, 3 };
	struct loop *l = loop_new();
	int p[2];
	double t0, t1;
	sigset_t pending;
	int ret;

	tap_require(l != NULL, "loop_new");
	loop_add_timer(l, 0.01, count_cb, &c);
	ret = loop_run(l, 5);
	tap_ok(ret == 0 && c.n == 3, "a timer callback returning 1 ends the loop (n=%d)", c.n);
	loop_free(l);

	l = loop_new();
	c = (struct counter){ 0, 1000 };
	loop_add_timer(l, 0.01, count_cb, &c);
	t0 = mono_now();
	loop_run(l, 0.2);
	/* The upper bound is generous for a noisy machine, yet far below the 10 s that a timer
	 * never told to stop would run (1000 ticks of 10 ms). */
	t1 = mono_now() - t0;
	tap_ok(t1 >= 0.2 && t1 < 3 && c.n >= 5 && c.n < 1000, "duration bounds the run (%.2f s, %d ticks)",
	       t1, c.n);
	loop_free(l);

	l = loop_new();
	tap_require(l != NULL && pipe(p) == 0, "loop_new and pipe");
	loop_add_fd(l, p[0], drain_cb, &p[0]);
	tap_require(write(p[1], "xq", 2) == 2, "write to the pipe");
	tap_ok(loop_run(l, 5) == 0, "an fd callback ends the loop");
	loop_free(l);

	l = loop_new();
	loop_add_timer(l, 0.01, raise_cb, NULL);
	t0 = mono_now();
	tap_ok(loop_run(l, 5) == 0 && mono_now() - t0 < 4, "SIGTERM ends the loop cleanly");
	loop_free(l);

	/* The teardown after a loop is not cut short: a second SIGTERM waits (and this test
	 * would end here if it did not). */
	raise(SIGTERM);
	sigpending(&pending);
	tap_ok(sigismember(&pending, SIGTERM), "after the loop, a SIGTERM stays pending");
	return tap_done();
}
