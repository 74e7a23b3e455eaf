// SPDX-License-Identifier: GPL-2.0
/* The event loop: timers fire, fds wake it, signals end it, durations bound it. */
#include <signal.h>
#include <unistd.h>

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
	double t0;

	tap_ok(l != NULL, "loop_new");
	loop_add_timer(l, 0.01, count_cb, &c);
	tap_ok(loop_run(l, 5) == 0 && c.n == 3, "a timer callback returning 1 ends the loop (n=%d)", c.n);
	loop_free(l);

	l = loop_new();
	c = (struct counter){ 0, 1000 };
	loop_add_timer(l, 0.01, count_cb, &c);
	t0 = loop_now();
	loop_run(l, 0.2);
	tap_ok(loop_now() - t0 >= 0.2 && c.n >= 5, "duration bounds the run (%d ticks)", c.n);
	loop_free(l);

	l = loop_new();
	tap_ok(pipe(p) == 0, "pipe");
	loop_add_fd(l, p[0], drain_cb, &p[0]);
	tap_ok(write(p[1], "xq", 2) == 2, "write");
	tap_ok(loop_run(l, 5) == 0, "an fd callback ends the loop");
	loop_free(l);

	l = loop_new();
	loop_add_timer(l, 0.01, raise_cb, NULL);
	t0 = loop_now();
	tap_ok(loop_run(l, 5) == 0 && loop_now() - t0 < 4, "SIGTERM ends the loop cleanly");
	loop_free(l);
	return tap_done();
}
