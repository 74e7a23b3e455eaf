// SPDX-License-Identifier: GPL-2.0
/* loop_source.h: a source on the loop is drained when its fd is readable and ticked on its
 * period, after_tick follows each good tick, and a failure is printed exactly once: by the
 * source or after_tick when they said so, else by loop_source_end. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "loop_source.h"
#include "tap.h"

struct fake {
	struct source s;
	int fd;
	int consumed, ticks, consume_rc, tick_rc;
};

static int f_fd(struct source *s)
{
	return ((struct fake *)s)->fd;
}

static int f_consume(struct source *s)
{
	struct fake *f = (struct fake *)s;
	char b;

	f->consumed += read(f->fd, &b, 1) == 1;
	return f->consume_rc;
}

static int f_tick(struct source *s, double now)
{
	struct fake *f = (struct fake *)s;

	(void)now;
	f->ticks++;
	return f->tick_rc;
}

static const struct source_ops fake_ops = { .fd = f_fd, .consume = f_consume, .tick = f_tick };

struct after {
	int calls, stop_at, rc;
};

static int after_cb(void *ctx)
{
	struct after *a = ctx;

	return ++a->calls == a->stop_at ? a->rc : 0;
}

/* What loop_source_end printed for RC, into BUF. */
static const char *end_says(const struct loop_source *ls, int rc, char *buf, size_t len)
{
	FILE *saved = stderr, *mem = fmemopen(buf, len, "w");

	buf[0] = 0;
	stderr = mem;
	loop_source_end(ls, rc, "test");
	fclose(mem);
	stderr = saved;
	return buf;
}

/* F on a loop for at most DURATION seconds, ticked every PERIOD, after_tick A: its end. */
static int run(struct fake *f, struct after *a, struct loop_source *ls, double period,
	       double duration)
{
	struct loop *l = loop_new();
	int rc;

	*ls = (struct loop_source){ .src = &f->s, .after_tick = after_cb, .ctx = a };
	tap_require(l && !loop_source_add(l, ls, period), "loop_new and loop_source_add");
	rc = loop_run(l, duration);
	loop_free(l);
	return rc;
}

int main(void)
{
	struct fake f = { .s.ops = &fake_ops };
	struct after a = { .stop_at = 3, .rc = 1 };
	struct loop_source ls;
	char buf[256];
	int p[2], rc;

	tap_require(pipe(p) == 0, "pipe");
	f.fd = p[0];
	tap_require(write(p[1], "ab", 2) == 2, "write to the pipe");
	rc = run(&f, &a, &ls, 0.01, 5);
	tap_ok(rc == 0 && f.ticks == 3 && a.calls == 3,
	       "after_tick follows each tick and ends the loop (%d ticks, %d after)", f.ticks, a.calls);
	tap_ok(f.consumed == 2, "the readable fd was drained (%d bytes)", f.consumed);
	tap_is_str(end_says(&ls, rc, buf, sizeof(buf)), "", "a normal end prints nothing");

	f = (struct fake){ .s.ops = &fake_ops, .fd = p[0], .consume_rc = -EIO };
	a = (struct after){ .stop_at = 100, .rc = 1 };
	tap_require(write(p[1], "c", 1) == 1, "write to the pipe");
	rc = run(&f, &a, &ls, 10, 5);
	tap_ok(rc == -EIO && ls.said, "a failed consume ends the loop, printed by the source");
	tap_is_str(end_says(&ls, rc, buf, sizeof(buf)), "", "so loop_source_end does not repeat it");

	f = (struct fake){ .s.ops = &fake_ops, .fd = -1, .tick_rc = -ENOMEM };
	rc = run(&f, &a, &ls, 0.01, 5);
	tap_ok(rc == -ENOMEM && ls.said && f.ticks == 1 && a.calls == 0,
	       "a failed tick ends the loop before after_tick (no fd to poll)");

	f = (struct fake){ .s.ops = &fake_ops, .fd = -1 };
	a = (struct after){ .stop_at = 2, .rc = -ENOSPC };
	rc = run(&f, &a, &ls, 0.01, 5);
	tap_ok(rc == -ENOSPC && ls.said && a.calls == 2, "after_tick's failure ends it, as said");

	ls.said = false;
	tap_is_str(end_says(&ls, -EPIPE, buf, sizeof(buf)), "nsviz test: event loop: Broken pipe\n",
		   "a failure nobody printed is printed once, with the command");

	f = (struct fake){ .s.ops = &fake_ops, .fd = -1 };
	a = (struct after){ .stop_at = 100 };
	rc = run(&f, &a, &ls, 0, 0.1);
	tap_ok(rc == 0 && f.ticks == 0, "period 0: no tick from the loop (%d)", f.ticks);
	tap_ok(loop_source_tick(&ls) == 0 && f.ticks == 1 && a.calls == 1,
	       "loop_source_tick ticks and runs after_tick");
	close(p[0]);
	close(p[1]);
	return tap_done();
}
