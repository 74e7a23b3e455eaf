// SPDX-License-Identifier: GPL-2.0
/* nsviz watch / stats / run: attach to a topology that is up and report what the datapath sees,
 * as JSON lines, the UI, or a table; `run` builds the topology first and removes what it built. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "clock.h"
#include "collector.h"
#include "commands.h"
#include "fake.h"
#include "loop_source.h"
#include "out_json.h"
#include "out_live.h"
#include "out_table.h"
#include "source_live.h"
#include "source_paths.h"
#include "target.h"
#include "text.h"
#include "tui.h"

enum watch_out { OUT_JSON, OUT_TABLE };

/* Watch traces packets for the paths view at this many records per second per CPU at most: a
 * demo ping is a few dozen, a flood does not cost the datapath more than this. */
#define WATCH_TRACE_RATE 1000
/* and a busy flow's packets at most this many times a second per CPU, each with its whole path
 * (a smooth animation's rate; the paths view shows the last 64): a demo ping (a few a second)
 * keeps every packet, an iperf3 stream's ~500-700 paths a second, many of them fragments, become 25
 * whole ones per direction (docs/datapath.md, "Whole paths, fewer"). */
#define WATCH_FLOW_PATHS 25

struct watch {
	const char *cmd;
	struct source *src;
	enum watch_out out;
	bool pipe;          /* stdout is a pipe: its unread bytes can be asked for */
	uint64_t unwritten; /* event and path lines dropped because the reader of stdout was behind */
	struct watch_follow follow; /* its collector is borrowed: src owns it */
};

/* Output stdout did not take ends the watch: a reader that went away (EPIPE) normally (1, the
 * error cleared), anything else (a full disk) as a failure of W, printed. */
static int flushed(const struct watch *w)
{
	int rc;

	if (!fflush(stdout) && !ferror(stdout))
		return 0;
	rc = errno ? -errno : -EIO;
	clearerr(stdout);
	if (rc == -EPIPE)
		return 1;
	fprintf(stderr, "nsviz %s: write to stdout: %s\n", w->cmd, strerror(-rc));
	return rc;
}

/* Unread bytes a pipe on stdout may hold before events are dropped: a snapshot waits behind at
 * most this much of them (a quarter of a default pipe), however slow the reader. */
#define BACKLOG_MAX 16384

/* Whether an event or path line may go out now. Written regardless, events would fill the pipe of
 * a reader that falls behind: the next snapshot would wait behind all of them, and a blocking
 * write would stop the loop. A pipe poll calls writable has a free page, so a line of up to
 * PIPE_BUF bytes (events and paths are far shorter) goes in whole. */
static bool stdout_ready(struct watch *w)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };
	int unread = 0;

	if (poll(&p, 1, 0) == 1 && (p.revents & POLLOUT) &&
	    (!w->pipe || (!ioctl(STDOUT_FILENO, FIONREAD, &unread) && unread < BACKLOG_MAX)))
		return true;
	w->unwritten++;
	return false;
}

static bool stdout_is_pipe(void)
{
	struct stat st;

	return !fstat(STDOUT_FILENO, &st) && S_ISFIFO(st.st_mode);
}

static void print_event(const struct snap_event *e, void *ctx)
{
	if (!stdout_ready(ctx))
		return;
	out_json_event(stdout, e);
	fflush(stdout);
}

static void print_topology(const struct live_event *e, void *ctx)
{
	if (!stdout_ready(ctx))
		return;
	out_live_json_event(stdout, wall_now(), e);
	fflush(stdout);
}

static void print_path(const struct snap_path *p, void *ctx)
{
	if (!stdout_ready(ctx))
		return;
	out_json_path(stdout, p);
	fputc('\n', stdout);
	fflush(stdout);
}

/* Snapshots are never dropped: they wait for the reader. Their lost_events also counts the lines
 * dropped here, so the reader learns what it missed. */
static void print_snapshot(const struct watch *w)
{
	struct snapshot s = *w->src->ops->snapshot(w->src);

	s.lost_events += w->unwritten;
	out_json_snapshot(stdout, &s);
}

/* After a tick: the counters, as a JSON snapshot or a table. */
static int report(void *ctx)
{
	struct watch *w = ctx;

	if (w->out == OUT_JSON) {
		print_snapshot(w);
	} else {
		out_table_counters(stdout, w->src->ops->snapshot(w->src));
		fputc('\n', stdout);
	}
	return flushed(w);
}

/* Snapshots every interval and, in JSON, events as they come, then a last snapshot at the end. */
static int watch_loop(struct watch *w, const struct env *env)
{
	struct loop_source run = { .src = w->src, .after_tick = report, .ctx = w };
	struct loop *l = loop_new();
	int rc = l ? loop_source_add(l, &run, env->interval) : -ENOMEM;

	if (!rc)
		rc = loop_run(l, env->duration);
	if (rc >= 0) {
		w->src->ops->consume(w->src);
		rc = loop_source_tick(&run);
		rc = rc > 0 ? 0 : rc;
	}
	loop_free(l);
	return loop_source_end(&run, rc, w->cmd);
}

int watch_attach(const struct env *env, const struct topo *t, bool trace, bool staged, FILE *err,
		 struct collector **c)
{
	/* stats reads counters only: the programs need not keep flows or send events. */
	struct probes_opts o = { .xdp = env->xdp, .work = trace ? NSVIZ_WORK_ALL : NSVIZ_WORK_COUNT };
	int rc;

	if (trace) {
		o.trace_snaplen = NSVIZ_SNAPLEN_DEFAULT;
		o.trace_rate = WATCH_TRACE_RATE;
		o.trace_flow_rate = WATCH_FLOW_PATHS;
	}

	env_probes_opts(env, &o);
	rc = collector__open(t, &o, c, err);
	if (!rc && !staged)
		rc = collector__attach(*c);
	if (rc)
		return rc;
	/* The baseline: rates start from here. */
	return collector__source(*c)->ops->tick(collector__source(*c), wall_now());
}

/* While the UI owns the terminal, messages wait in a buffer and are printed once it is gone. */
static void log_flush(FILE *log, char **buf)
{
	if (log == stderr)
		return;
	fclose(log);
	fputs(*buf, stderr);
	free(*buf);
}

/* The live network changed: observe what it has now (docs/live.md). With a TOPOLOGY, a declared
 * interface that is missing stays a point without a link (present:false) while the others are
 * observed; a failure is not tried again on every tick: the file is what it is until the next
 * change. */
int watch_follow(const struct live *live, const struct topo **scope, void *ctx)
{
	struct watch_follow *f = ctx;
	struct topo *t;
	int rc = target_view(f->env, live, f->view, &t);

	if (!rc && !(rc = collector__update(f->coll, t, f->env->topology != NULL)))
		*scope = f->view = collector__topo(f->coll);
	return f->env->topology ? 0 : rc;
}

struct source *watch_follow_source(struct watch_follow *f, const struct topo *t, FILE *err)
{
	struct source *s = source_live_new(collector__source(f->coll), NULL, NULL, NULL,
					   f->env->cmd, err);

	f->view = t;
	if (s)
		source_live_on_change(s, watch_follow, f);
	return s;
}

/* Topology events (JSON) are those of SCOPE's names, or of the whole live network when NULL.
 * DECLARED: T is a file's (or a built-in), which the live network is compared with. LIVE: what is
 * observed is made again as the live network changes (target_view). */
static int watch_topology(const struct env *env, const struct topo *t, const struct topo *scope,
			  bool declared, bool live)
{
	struct collector *c = NULL;
	struct watch w = { .cmd = env->cmd, .out = env->json ? OUT_JSON : OUT_TABLE,
			   .pipe = stdout_is_pipe() };
	bool ui = !env->json && isatty(STDOUT_FILENO);
	struct tui_opts ui_opts;
	char *buf = NULL;
	size_t len = 0;
	FILE *log = ui ? open_memstream(&buf, &len) : NULL;
	int rc;

	if (!log)
		log = stderr;
	signal(SIGPIPE, SIG_IGN);
	/* The UI opens at once and fills in as points attach; JSON and tables count from an
	 * attachment that is complete before their first output. */
	rc = watch_attach(env, t, true, ui, log, &c);
	if (rc)
		goto cleanup;
	/* Where the network is not what the file says, before the first snapshot; a failure to
	 * read it is said and does not stop the watch. The live network is what it is: no file. */
	if (declared)
		check_report(t, env->json ? stdout : log, env->json, env->cmd);
	if (env->json)
		collector__on_event(c, print_event, &w);
	/* Paths join the snapshots; the collector now belongs to w.src. */
	w.follow = (struct watch_follow){ .env = env, .coll = c, .view = t };
	w.src = source_paths_new(c, env->json ? print_path : NULL, &w);
	c = NULL;
	/* The live state of every interface joins them (source_live prints its failure). */
	if (w.src && !(w.src = source_live_new(w.src, scope, env->json ? print_topology : NULL, &w,
					       env->cmd, log))) {
		rc = -ENODEV;
		goto cleanup;
	}
	if (w.src && declared)
		source_live_expect(w.src, t);
	if (w.src && live)
		source_live_on_change(w.src, watch_follow, &w.follow);
	rc = w.src ? 0 : -ENOMEM;
	if (rc) {
		fprintf(stderr, "nsviz %s: paths: %s\n", env->cmd, strerror(-rc));
		goto cleanup;
	}
	env_tui_opts(env, &ui_opts);
	rc = ui ? tui_run(w.src, &ui_opts) : watch_loop(&w, env);
cleanup:
	if (w.src)
		w.src->ops->destroy(w.src);
	collector__destroy(c);
	log_flush(log, &buf);
	return rc == -ENXIO ? EXIT_USAGE : rc ? EXIT_FAIL : EXIT_OK; /* ENXIO: a bad --if */
}

/* `watch --fake`, `run --fake`: the UI on the synthetic source. */
static int watch_fake(const struct env *env, const struct tui_opts *ui)
{
	struct topo t = { 0 };
	struct source *src = NULL;
	int status = EXIT_FAIL;

	if (!isatty(STDOUT_FILENO) || env->json) {
		fprintf(stderr, "nsviz %s --fake: the fake source only feeds the UI; run it on a terminal "
				"without --json\n", env->cmd);
		return EXIT_USAGE;
	}
	if (topo_load(env->topology, &t, stderr))
		return EXIT_USAGE; /* as for the live source: the topology file is bad input */
	/* As if it had been running for a minute: rates and sparklines from the first frame. */
	src = fake_source_new(&t, 1, wall_now() - 60);
	if (!src) {
		fprintf(stderr, "nsviz: fake source: %s\n", strerror(ENOMEM));
		goto cleanup;
	}
	src->ops->tick(src, wall_now());
	/* tui_run prints its failure; the fake source has none of its own. */
	status = tui_run(src, ui) ? EXIT_FAIL : EXIT_OK;
cleanup:
	if (src)
		src->ops->destroy(src);
	topo_free(&t);
	return status;
}

/* Load the topology; 0, or the exit status for a file that does not parse. */
static int load(const struct env *env, struct topo *t)
{
	return topo_load(env->topology, t, stderr) ? EXIT_USAGE : 0;
}

int cmd_watch(const struct env *env)
{
	struct topo t = { 0 };
	struct tui_opts ui;
	int rc;

	env_tui_opts(env, &ui);
	if (env->fake)
		return watch_fake(env, &ui);
	rc = target_load(env, &t);
	if (!rc)
		rc = watch_topology(env, &t, env->topology || env->netns || env->bridge ? &t : NULL,
				    env->topology, true);
	topo_free(&t);
	return rc;
}

/* Counters after one interval; events are drained meanwhile so the ring never fills. SRC follows
 * the live network meanwhile: the table is of what is there at its end. */
static int stats_once(struct source *src, const struct env *env)
{
	struct watch w = { .cmd = env->cmd, .src = src, .out = OUT_TABLE };
	struct loop_source run = { .src = src, .after_tick = report, .ctx = &w };
	struct loop *l = loop_new();
	int rc = l ? loop_source_add(l, &run, 0) : -ENOMEM;

	if (!rc)
		rc = loop_run(l, env->interval);
	if (!rc)
		rc = loop_source_tick(&run);
	loop_free(l);
	return loop_source_end(&run, rc > 0 ? 0 : rc, w.cmd); /* 1: the reader went away */
}

int cmd_stats(const struct env *env)
{
	struct topo t = { 0 };
	struct collector *c = NULL;
	struct watch_follow f = { .env = env };
	struct source *src = NULL;
	int rc = target_load(env, &t);

	if (!rc && (rc = watch_attach(env, &t, false, false, stderr, &c)))
		rc = rc == -ENXIO ? EXIT_USAGE : EXIT_FAIL; /* ENXIO: a bad --if */
	if (!rc && env->topology)
		check_report(&t, stderr, false, env->cmd);
	if (!rc) {
		f.coll = c;
		src = watch_follow_source(&f, &t, stderr);
		c = NULL; /* src's now, also on failure */
		rc = src ? 0 : EXIT_FAIL;
	}
	if (!rc && stats_once(src, env))
		rc = EXIT_FAIL;
	if (src)
		src->ops->destroy(src);
	collector__destroy(c);
	topo_free(&t);
	return rc;
}

int cmd_run(const struct env *env)
{
	struct topo t = { 0 };
	bool already = false, was_up;
	struct tui_opts ui;
	int rc;

	env_tui_opts(env, &ui);
	if (env->fake)
		return watch_fake(env, &ui);
	rc = load(env, &t);
	if (rc)
		goto cleanup;
	/* Progress goes to stderr: stdout is for JSON, the table or the UI. */
	rc = build_up(&t, env->cmd, &already, env->json || !isatty(STDOUT_FILENO) ? stderr : NULL, stderr);
	if (rc) {
		rc = rc == -EBADMSG ? EXIT_USAGE : EXIT_FAIL; /* a record nsviz refuses: bad input */
		goto cleanup;
	}
	rc = watch_topology(env, &t, &t, true, false);
	if (!already && build_down(&t, env->cmd, &was_up, NULL, stderr))
		rc = EXIT_FAIL;
cleanup:
	topo_free(&t);
	return rc;
}
