/* SPDX-License-Identifier: GPL-2.0 */
/* The single event loop: poll over registered fds, periodic timers and signals (signalfd). */
#ifndef NSVIZ_LOOP_H
#define NSVIZ_LOOP_H

/* A callback returns 0 to go on, 1 to end the loop normally, or -errno to end it with an error. */
typedef int (*loop_cb)(void *ctx);

struct loop;

struct loop *loop_new(void);
/* Call CB when FD is readable. 0 or -errno. */
int loop_add_fd(struct loop *l, int fd, loop_cb cb, void *ctx);
/* Call CB every PERIOD seconds (the first call one period from now). 0 or -errno. */
int loop_add_timer(struct loop *l, double period, loop_cb cb, void *ctx);
/* Deliver SIGNO through the loop (it is blocked for normal delivery). SIGINT, SIGTERM and
 * SIGHUP end the loop with status 0 unless a callback is registered for them. 0 or -errno. */
int loop_add_signal(struct loop *l, int signo, loop_cb cb, void *ctx);
/* Run until a callback ends it, a terminating signal arrives, or DURATION seconds pass
 * (0 = no limit). Returns 0, or the negative errno a callback returned. */
int loop_run(struct loop *l, double duration);
/* Restore the signal mask, SIGINT, SIGTERM and SIGHUP left blocked (the teardown that follows
 * finishes), and free. NULL is fine. */
void loop_free(struct loop *l);

#endif
