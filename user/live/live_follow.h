/* SPDX-License-Identifier: GPL-2.0 */
/* Knowing when the live network changes, at no cost while it does not: an rtnetlink socket in
 * every namespace subscribed to links, addresses, routes and forwarding, and inotify on
 * /run/netns, all behind one epoll fd for the caller's loop. Namespaces held by processes come
 * and go without a notification: the caller also scans (live_scan) now and then. */
#ifndef NSVIZ_LIVE_FOLLOW_H
#define NSVIZ_LIVE_FOLLOW_H

#include "live.h"

struct live_follow;

int live_follow__open(struct live_follow **out);
/* The fd to wait on: readable when something may have changed. */
int live_follow__fd(const struct live_follow *f);
/* Listen in every namespace of LIVE, and no longer in those it lost (a socket inside a
 * namespace keeps it alive). 0 or -errno. */
int live_follow__track(struct live_follow *f, const struct live *live);
/* Read what is pending: 1 when something changed and the burst of notifications is over (0.1 s
 * after the first), 0 when not yet or nothing, -errno. */
int live_follow__drain(struct live_follow *f);
/* The cookies of the namespaces that notified in the burst drain() last said was over: the ones
 * to read again (the others are as they were). Returns how many. */
int live_follow__changed(const struct live_follow *f, const uint64_t **cookies);
void live_follow__destroy(struct live_follow *f);

#endif
