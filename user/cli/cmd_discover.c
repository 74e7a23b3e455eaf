// SPDX-License-Identifier: GPL-2.0
/* `nsviz discover`: read the live network and print it as a .topo file, or as one JSON object;
 * with --follow, then one line per change until a signal or --duration ends it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "commands.h"
#include "live.h"
#include "live_follow.h"
#include "loop.h"
#include "out_live.h"

/* How often process-held namespaces are looked for: they come and go without a notification. */
#define SCAN_PERIOD 1.0

struct follow {
	struct live cur;
	struct live_follow *f;
	bool json;
};

static double wall_now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

static void print_event(const struct live_event *e, void *ctx)
{
	const struct follow *fw = ctx;

	if (fw->json)
		out_live_json_event(stdout, wall_now(), e);
	else
		out_live_text_event(stdout, e);
}

/* Read again the namespaces that notified CHANGED (N cookies) and the new ones, print what
 * changed, listen in the namespaces there are now. */
static int refresh(struct follow *fw, const uint64_t *changed, int n)
{
	struct live next;
	int err = live_rediscover(&next, &fw->cur, changed, n, stderr);

	if (err)
		return err;
	err = live_diff(&fw->cur, &next, print_event, fw);
	live_free(&fw->cur);
	fw->cur = next;
	fflush(stdout);
	return err ?: live_follow__track(fw->f, &fw->cur);
}

static int on_notification(void *ctx)
{
	struct follow *fw = ctx;
	int settled = live_follow__drain(fw->f);
	const uint64_t *changed;
	int n = live_follow__changed(fw->f, &changed);

	return settled > 0 ? refresh(fw, changed, n) : settled;
}

static int on_scan(void *ctx)
{
	struct follow *fw = ctx;
	struct live scan;
	bool same;
	int err = live_scan(&scan, stderr);

	if (err)
		return err;
	same = live_same_namespaces(&fw->cur, &scan);
	live_free(&scan);
	return same ? 0 : refresh(fw, NULL, 0);
}

static int follow(struct follow *fw, double duration)
{
	struct loop *l = loop_new();
	int err = l ? live_follow__open(&fw->f) : -ENOMEM;

	err = err ?: live_follow__track(fw->f, &fw->cur) ?:
	      loop_add_fd(l, live_follow__fd(fw->f), on_notification, fw) ?:
	      loop_add_timer(l, SCAN_PERIOD, on_scan, fw) ?: loop_run(l, duration);
	if (err)
		fprintf(stderr, "nsviz discover: follow the live network: %s\n", strerror(-err));
	live_follow__destroy(fw->f);
	loop_free(l);
	return err;
}

int cmd_discover(const struct env *env)
{
	struct follow fw = { .json = env->json };
	int err;

	if (env->topology) {
		fprintf(stderr, "nsviz discover: unexpected argument '%s': discover reads the live "
				"network, not a topology\n", env->topology);
		return EXIT_USAGE;
	}
	if (live_discover(&fw.cur, stderr))
		return EXIT_FAIL;
	signal(SIGPIPE, SIG_IGN);
	if (env->json)
		out_live_json(stdout, &fw.cur);
	else
		live_print_topo(stdout, &fw.cur);
	err = fflush(stdout) ? -errno : 0;
	if (!err && env->follow)
		err = follow(&fw, env->duration);
	live_free(&fw.cur);
	return err ? EXIT_FAIL : EXIT_OK;
}
