// SPDX-License-Identifier: GPL-2.0
/* The live source: probes in, model out. Reads per-CPU counters (summed here, so the BPF side
 * never needs an atomic), the lost-event counts and the flow table on each tick, the bridges' FDB
 * every FDB_PERIOD (and its MACs' owners now and then), and hands every ring-buffer record to the
 * tap and the model as it is drained. Opened in stages, it attaches its points from the caller's
 * loop: a few at a time whenever the loop finds its fd ready, or a fixed number per tick
 * (NSVIZ_ATTACH_STEP). */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "collector.h"
#include "fdb.h"
#include "grow.h"
#include "netns.h"
#include "nsviz.skel.h"

#define PINGS_MAX 16
/* Attaching in the background stops after this long to let the loop serve keys and redraws:
 * a few tcx links (~15 ms each). */
#define ATTACH_SLICE_S 0.04
/* Ring drains a second: events reach the outputs within 50 ms, and a flood costs 20 wakeups a
 * second instead of one per record. */
#define DRAIN_HZ 20
/* One drain stops after this long even if the ring still holds records: under a flood the BPF
 * side refills the ring as fast as it is read, and an unbounded drain starved the loop's timers
 * (no snapshot, no frame for 25 s). What the reader leaves behind fills the ring, and the kernel
 * counts what it then refuses as lost events. */
#define DRAIN_SLICE_S 0.02
/* on_record's way to stop ring_buffer__consume at the end of the slice. */
#define DRAIN_STOP (-ETIME)
/* Seconds between FDB reads: the kernel's ages restart on every frame forwarded to a MAC, and
 * entries age out, without an event we see; a read costs one dump per bridge. */
#define FDB_PERIOD 0.5
/* Seconds between reads of the namespaces' MACs (owners of FDB entries): one socket per
 * namespace, so only now and then, and sooner when more learned MACs lack an owner than after the
 * last read (MACs from off the network never get one: they alone cause no re-read). */
#define OWNERS_PERIOD 30
#define OWNERS_RETRY 2

struct collector {
	struct source src; /* first: a collector is its own source */
	struct probes *probes;
	struct nsviz_bpf *skel;
	struct ring_buffer *rb;
	int epfd;      /* what the loop polls: the ring buffer, and attach_fd while attaching */
	int attach_fd; /* always readable while points remain to attach in the background, or -1 */
	int drain_fd;  /* timerfd: the BPF side wakes the reader only for a full-ish ring */
	double drain_end; /* monotonic seconds: the current drain stops here */
	FILE *err;     /* where attach and read errors go */
	int attach_step; /* points attached per tick, or 0 to attach in the background */
	struct model *model;
	const struct topo *topo;
	struct topo **views; /* the topologies collector__update gave it (see there) */
	int nviews;
	double fdb_read_at;    /* UNIX seconds of the last FDB read, 0 = never */
	double owners_read_at; /* and of the last read of its owners */
	int unowned;           /* learned MACs without an owner after that read */
	int ncpus;
	void *percpu; /* one per-CPU value buffer, for the largest value (counters) */
	collector_tap_fn tap;
	void *tap_ctx;
	collector_event_fn on_event;
	void *ev_ctx;
	pid_t pings[PINGS_MAX];
};

/* DRAIN_STOP once the slice is used up (the record just handled is consumed), else 0. */
static int drain_over(struct collector *c)
{
	return mono_now() >= c->drain_end ? DRAIN_STOP : 0;
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct collector *c = ctx;
	const struct nsviz_event *e = data;
	const struct snap_event *me;

	if (c->tap)
		c->tap(data, size, c->tap_ctx);
	if (size < sizeof(*e) || e->h.kind == NSVIZ_EV_PACKET)
		return drain_over(c);
	me = model_event(c->model, e,
			 e->h.kind == NSVIZ_EV_DROP ? probes__drop_reason(c->probes, e->drop.reason)
						    : NULL,
			 c->on_event != NULL);
	if (me && c->on_event)
		c->on_event(me, c->ev_ctx);
	return drain_over(c);
}

/* Sum of the per-CPU values of KEY in FD into OUT, as an array of N u64 fields. */
static int percpu_sum(struct collector *c, int fd, uint32_t key, uint64_t *out, size_t n)
{
	const uint64_t *v = c->percpu;

	if (bpf_map_lookup_elem(fd, &key, c->percpu))
		return -errno;
	memset(out, 0, n * sizeof(*out));
	for (int cpu = 0; cpu < c->ncpus; cpu++)
		for (size_t i = 0; i < n; i++)
			out[i] += v[cpu * n + i];
	return 0;
}

static int counters_read(struct collector *c)
{
	int fd = bpf_map__fd(c->skel->maps.counters), lost_fd = bpf_map__fd(c->skel->maps.lost);
	struct nsviz_counters sum;
	uint64_t lost[2] = { 0 }, n = 0;

	/* Points not attached yet keep no counters: the snapshot says they are pending. */
	for (int i = 0; i < probes__npoints(c->probes); i++) {
		for (int dir = 0; dir < NSVIZ_DIRS && probes__attached(c->probes, i); dir++) {
			int rc = percpu_sum(c, fd, NSVIZ_SLOT(i, dir), (uint64_t *)&sum,
					    sizeof(sum) / sizeof(uint64_t));
			if (rc)
				return rc;
			model_set_counters(c->model, i, dir, &sum);
		}
	}
	for (uint32_t k = 0; k < NSVIZ_LOST_MAX; k++) {
		int rc = percpu_sum(c, lost_fd, k, &n, 1);

		if (rc)
			return rc;
		lost[k / NSVIZ_LOST_WHYS == NSVIZ_EV_PACKET] += n;
	}
	model_set_lost(c->model, lost[0], lost[1]);
	return 0;
}

/* One flow from its per-CPU values. */
static void flow_merge(const struct collector *c, struct nsviz_flow *out)
{
	const struct nsviz_flow *v = c->percpu;

	memset(out, 0, sizeof(*out));
	for (int cpu = 0; cpu < c->ncpus; cpu++) {
		out->packets += v[cpu].packets;
		out->bytes += v[cpu].bytes;
		if (v[cpu].first_ns && (!out->first_ns || v[cpu].first_ns < out->first_ns))
			out->first_ns = v[cpu].first_ns;
		if (v[cpu].last_ns > out->last_ns)
			out->last_ns = v[cpu].last_ns;
		out->points |= v[cpu].points;
		out->tcp_flags |= v[cpu].tcp_flags;
	}
}

static int flows_read(struct collector *c)
{
	int fd = bpf_map__fd(c->skel->maps.flows);
	uint32_t max = bpf_map__max_entries(c->skel->maps.flows);
	struct nsviz_flow_key key, next;
	struct nsviz_flow f;
	void *prev = NULL;

	model_flows_begin(c->model);
	/* When the LRU evicts the key we stand on, the walk starts over: under a flood of new flows
	 * it might never end, so it stops after as many steps as the table has entries. */
	for (uint32_t n = 0; n < max && !bpf_map_get_next_key(fd, prev, &next); n++) {
		key = next;
		prev = &key;
		/* Evicted meanwhile: skip it. */
		if (bpf_map_lookup_elem(fd, &key, c->percpu))
			continue;
		flow_merge(c, &f);
		if (model_flow(c->model, &key, &f))
			return -ENOMEM;
	}
	return 0;
}

static void pings_reap(struct collector *c, bool wait)
{
	for (int i = 0; i < PINGS_MAX; i++) {
		if (!c->pings[i])
			continue;
		if (wait)
			kill(c->pings[i], SIGTERM);
		if (waitpid(c->pings[i], NULL, wait ? 0 : WNOHANG) != 0)
			c->pings[i] = 0;
	}
}

/* The hook mode says how far attaching is; the background fd goes once it is done. */
static void attach_status(struct collector *c)
{
	int n = probes__nattached(c->probes), all = probes__nactive(c->probes);
	char mode[40];

	if (probes__npending(c->probes)) {
		snprintf(mode, sizeof(mode), "attaching %d/%d", n, all);
		model_set_hook_mode(c->model, mode);
		return;
	}
	model_set_hook_mode(c->model, probes__hook_mode(c->probes));
	if (c->attach_fd >= 0) {
		epoll_ctl(c->epfd, EPOLL_CTL_DEL, c->attach_fd, NULL);
		close(c->attach_fd);
		c->attach_fd = -1;
	}
}

/* Point I observes nothing yet, but will (an absent one will not: its interface is not there). */
static bool point_pending(const struct probes *p, int i)
{
	return !probes__attached(p, i) && !probes__absent(p, i);
}

/* Attach up to MAX more points, for at most SLICE seconds (0: no limit). 0 or -errno. */
static int attach_some(struct collector *c, int max, double slice)
{
	double end = mono_now() + slice;
	int rc = 0;

	for (int k = 0, step; k < max && probes__npending(c->probes); k += step) {
		/* In slices one point at a time: the kernel makes links one after the other anyway
		 * (docs/datapath.md), and a slice must stay short for keys and frames. */
		step = slice > 0 ? 1 : max - k;
		rc = probes__attach_some(c->probes, step, c->err);
		if (rc && !c->nviews)
			break;
		/* After a change of the live network, a point whose interface went before it was
		 * attached is said and left: the next change takes it away. */
		rc = 0;
		if (slice > 0 && mono_now() >= end)
			break;
	}
	for (int i = 0; i < probes__npoints(c->probes); i++)
		model_set_pending(c->model, i, point_pending(c->probes, i));
	attach_status(c);
	return rc;
}

static int live_fd(struct source *s)
{
	return ((struct collector *)s)->epfd;
}

/* The source's failures are printed where they are met (source.h): RC, after WHAT. */
static int read_failed(struct collector *c, const char *what, int rc)
{
	fprintf(c->err, "nsviz: read %s: %s\n", what, strerror(-rc));
	return rc;
}

static int live_consume(struct source *s)
{
	struct collector *c = (struct collector *)s;
	uint64_t expirations;
	int rc;

	if (read(c->drain_fd, &expirations, sizeof(expirations)) < 0 && errno != EAGAIN)
		return read_failed(c, "the drain timer", -errno);
	c->drain_end = mono_now() + DRAIN_SLICE_S;
	rc = ring_buffer__consume(c->rb);
	if (rc == DRAIN_STOP)
		rc = 0;
	if (rc < 0)
		return read_failed(c, "the event ring buffer", rc);
	if (c->attach_fd >= 0)
		rc = attach_some(c, INT32_MAX, ATTACH_SLICE_S);
	return rc < 0 ? rc : 0;
}

/* The kernel's FDB into the model, every FDB_PERIOD. A failed read (a bridge just deleted) keeps
 * the last one and is tried again on the next tick. */
static void fdb_reread(struct collector *c, double now)
{
	struct snap_fdb *fresh = NULL;
	int n = 0, cap = 0;

	if (now - c->fdb_read_at < FDB_PERIOD)
		return;
	if (!fdb_read(c->topo, &fresh, &n, &cap) && !model_fdb_refresh(c->model, fresh, n, now))
		c->fdb_read_at = now;
	free(fresh);
}

static void owners_reread(struct collector *c, double now)
{
	double since = now - c->owners_read_at;
	struct fdb_owner *o = NULL;
	int n = 0;

	if (since < OWNERS_RETRY ||
	    (since < OWNERS_PERIOD && model_fdb_unowned(c->model) <= c->unowned))
		return;
	if (!fdb_read_owners(c->topo, &o, &n) && !model_fdb_owners(c->model, o, n)) {
		c->owners_read_at = now;
		c->unowned = model_fdb_unowned(c->model);
	}
	free(o);
}

static int live_tick(struct source *s, double now)
{
	struct collector *c = (struct collector *)s;
	int rc = c->attach_step ? attach_some(c, c->attach_step, 0) : 0;

	if (!rc && (rc = counters_read(c)))
		read_failed(c, "the counters", rc);
	if (!rc && (rc = flows_read(c)))
		read_failed(c, "the flow table", rc);
	pings_reap(c, false);
	fdb_reread(c, now);
	owners_reread(c, now);
	model_tick(c->model, now);
	return rc;
}

static const struct snapshot *live_snapshot(struct source *s)
{
	return model_snapshot(((struct collector *)s)->model);
}

/* In the child: into the namespace, quiet, default signal mask (the loop blocks some). */
static void ping_exec(int nsfd, const char *to, int count)
{
	char n[16];
	sigset_t none;
	int null = open("/dev/null", O_RDWR);

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (setns(nsfd, CLONE_NEWNET) || null < 0)
		_exit(127);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	snprintf(n, sizeof(n), "%d", count);
	execlp("ping", "ping", "-q", "-c", n, "-i", "0.2", "--", to, (char *)NULL);
	_exit(127);
}

/* Where to enter namespace NAME of T: a process-held one of the live view by its /proc path. */
static const char *nspath(const struct topo *t, const char *name)
{
	for (int i = 0; i < t->nnetns; i++)
		if (!strcmp(t->netns[i].name, name))
			return t->netns[i].path;
	return "";
}

static int live_ping(struct source *s, const char *from, const char *to, int count)
{
	struct collector *c = (struct collector *)s;
	int slot = -1, nsfd;
	pid_t pid;

	pings_reap(c, false);
	for (int i = 0; i < PINGS_MAX && slot < 0; i++)
		if (!c->pings[i])
			slot = i;
	if (slot < 0)
		return -EBUSY;
	if (count < 1 || !*to || *to == '-')
		return -EINVAL;
	nsfd = netns_open_at(from, nspath(c->topo, from));
	if (nsfd < 0)
		return nsfd;
	pid = fork();
	if (pid == 0)
		ping_exec(nsfd, to, count);
	close(nsfd);
	if (pid < 0)
		return -errno;
	c->pings[slot] = pid;
	return 0;
}

static void live_destroy(struct source *s)
{
	collector__destroy((struct collector *)s);
}

static const struct source_ops live_ops = {
	.fd = live_fd,
	.consume = live_consume,
	.tick = live_tick,
	.snapshot = live_snapshot,
	.ping = live_ping,
	.destroy = live_destroy,
};

/* The model's interfaces: one per point number, a vacant one without a name (model.h). */
static struct snap_iface *ifaces_make(const struct collector *c)
{
	int n = probes__npoints(c->probes);
	struct snap_iface *ifs = calloc(n ? n : 1, sizeof(*ifs));

	for (int i = 0; ifs && i < n; i++) {
		const struct probe_point *pt = probes__point(c->probes, i);
		const struct probe_point *peer = pt ? probes__point(c->probes, pt->peer) : NULL;

		if (!pt)
			continue;
		snprintf(ifs[i].netns, sizeof(ifs[i].netns), "%s", pt->netns);
		snprintf(ifs[i].ifname, sizeof(ifs[i].ifname), "%s", pt->ifname);
		ifs[i].ifindex = pt->ifindex;
		if (pt->is_port)
			snprintf(ifs[i].bridge, sizeof(ifs[i].bridge), "%s", pt->bridge);
		if (peer) {
			snprintf(ifs[i].peer_netns, sizeof(ifs[i].peer_netns), "%s", peer->netns);
			snprintf(ifs[i].peer_ifname, sizeof(ifs[i].peer_ifname), "%s", peer->ifname);
		}
		ifs[i].veth = pt->veth;
		ifs[i].end = pt->end;
		ifs[i].pending = point_pending(c->probes, i);
	}
	return ifs;
}

static int model_make(struct collector *c, const struct topo *t)
{
	struct snap_iface *ifs = ifaces_make(c);

	if (!ifs)
		return -ENOMEM;
	c->model = model_new(t, ifs, probes__npoints(c->probes));
	free(ifs);
	if (!c->model)
		return -ENOMEM;
	model_set_clock(c->model, wall_minus_mono_ns());
	c->topo = t;
	attach_status(c);
	return 0;
}

/* Attaching goes on in the background, between keys and frames, while this fd is readable. */
static int attach_fd_open(struct collector *c)
{
	struct epoll_event ev = { .events = EPOLLIN };

	if (c->attach_fd >= 0)
		return 0;
	c->attach_fd = eventfd(1, EFD_CLOEXEC | EFD_NONBLOCK);
	if (c->attach_fd < 0 || epoll_ctl(c->epfd, EPOLL_CTL_ADD, c->attach_fd, &ev))
		return -errno;
	return 0;
}

/* The loop polls one fd: the ring buffer's, a timer that drains the ring DRAIN_HZ times a second
 * (records are submitted without waking the reader until the ring fills up, see emit.bpf.h), and
 * in background mode an eventfd that stays readable until every point is attached, so attaching
 * goes on between keys and frames. */
static int fds_make(struct collector *c, bool background)
{
	const struct itimerspec every = { .it_interval.tv_nsec = 1000000000 / DRAIN_HZ,
					  .it_value.tv_nsec = 1000000000 / DRAIN_HZ };
	struct epoll_event ev = { .events = EPOLLIN };

	c->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (c->epfd < 0 || epoll_ctl(c->epfd, EPOLL_CTL_ADD, ring_buffer__epoll_fd(c->rb), &ev))
		return -errno;
	c->drain_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (c->drain_fd < 0 || timerfd_settime(c->drain_fd, 0, &every, NULL) ||
	    epoll_ctl(c->epfd, EPOLL_CTL_ADD, c->drain_fd, &ev))
		return -errno;
	return background ? attach_fd_open(c) : 0;
}

int collector__open(const struct topo *t, const struct probes_opts *o, struct collector **out,
		   FILE *err)
{
	struct collector *c = calloc(1, sizeof(*c));
	int rc;

	if (!c)
		return -ENOMEM;
	c->src.ops = &live_ops;
	c->epfd = c->attach_fd = c->drain_fd = -1;
	c->err = err;
	c->attach_step = (int)o->attach_step;
	_Static_assert(sizeof(struct nsviz_counters) >= sizeof(struct nsviz_flow), "percpu buffer");
	c->ncpus = libbpf_num_possible_cpus();
	c->percpu = calloc(c->ncpus > 0 ? c->ncpus : 1, sizeof(struct nsviz_counters));
	rc = c->ncpus < 0 ? c->ncpus : c->percpu ? 0 : -ENOMEM;
	if (rc)
		goto cleanup;
	rc = probes__open(t, o, &c->probes, err);
	if (rc)
		goto cleanup;
	c->skel = probes__skel(c->probes);
	probes__attach_tracepoints(c->probes, err);
	rc = model_make(c, t);
	if (rc)
		goto cleanup;
	c->rb = ring_buffer__new(bpf_map__fd(c->skel->maps.events), on_record, c, NULL);
	rc = c->rb ? fds_make(c, !c->attach_step) : -errno;
	if (rc)
		fprintf(err, "nsviz: open the event ring buffer: %s\n", strerror(-rc));
cleanup:
	if (rc)
		collector__destroy(c);
	else
		*out = c;
	return rc;
}

/* T becomes the topology observed (room for it in views is made first). The one before stays
 * whole (events of this change may concern what it had, source_live.h), the older ones stay
 * allocated, emptied, until the end: outputs tell a new topology from the one they laid out by
 * its address, which a new one must therefore never share with an old one. */
static void view_keep(struct collector *c, struct topo *t)
{
	if (c->nviews >= 2)
		topo_free(c->views[c->nviews - 2]);
	c->views[c->nviews++] = t;
	c->topo = t;
}

/* Probes' messages for an update, said only when they are not the network changing again
 * between its reading and the update (an interface or namespace gone meanwhile). */
static int points_update(struct collector *c, const struct topo *t, bool declared)
{
	char *msg = NULL;
	size_t len = 0;
	FILE *quiet = open_memstream(&msg, &len);
	int rc = quiet ? probes__update(c->probes, t, declared, quiet) : -ENOMEM;

	if (quiet)
		fclose(quiet);
	if (rc && rc != -ENODEV && rc != -ENOENT)
		fprintf(c->err, "%s", msg ? msg : "");
	free(msg);
	return rc;
}

/* A and B say the same (as `nsviz show` prints them). */
static bool topo_same(const struct topo *a, const struct topo *b)
{
	char *ta = NULL, *tb = NULL;
	size_t la = 0, lb = 0;
	FILE *fa = open_memstream(&ta, &la), *fb = open_memstream(&tb, &lb);
	bool same = fa && fb;

	if (fa)
		topo_print(a, fa);
	if (fb)
		topo_print(b, fb);
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	same = same && la == lb && !memcmp(ta, tb, la);
	free(ta);
	free(tb);
	return same;
}

int collector__update(struct collector *c, struct topo *t, bool declared)
{
	struct snap_iface *ifs = NULL;
	unsigned int gen = probes__generation(c->probes);
	int rc = grow_array((void **)&c->views, NULL, c->nviews, sizeof(*c->views)) ?:
		 points_update(c, t, declared);

	/* Nothing changed for the outputs: they keep their topology (and the UI its layout, its
	 * selection and its focus). */
	if (!rc && gen == probes__generation(c->probes) && topo_same(c->topo, t))
		rc = 1;
	if (!rc) {
		ifs = ifaces_make(c);
		rc = ifs ? model_set_ifaces(c->model, t, ifs, probes__npoints(c->probes)) : -ENOMEM;
		free(ifs);
	}
	if (rc) {
		topo_free(t);
		free(t);
		return rc > 0 ? 0 : rc;
	}
	view_keep(c, t);
	if (!c->attach_step && probes__npending(c->probes))
		rc = attach_fd_open(c);
	attach_status(c);
	if (rc)
		fprintf(c->err, "nsviz: observe the new points: %s\n", strerror(-rc));
	return rc;
}

int collector__attach(struct collector *c)
{
	return attach_some(c, INT32_MAX, 0);
}

struct source *collector__source(struct collector *c)
{
	return &c->src;
}

void collector__set_tap(struct collector *c, collector_tap_fn fn, void *ctx)
{
	c->tap = fn;
	c->tap_ctx = ctx;
}

void collector__on_event(struct collector *c, collector_event_fn fn, void *ctx)
{
	c->on_event = fn;
	c->ev_ctx = ctx;
}

const struct topo *collector__topo(const struct collector *c)
{
	return c->topo;
}

const struct probes *collector__probes(const struct collector *c)
{
	return c->probes;
}

void collector__destroy(struct collector *c)
{
	if (!c)
		return;
	pings_reap(c, true);
	if (c->attach_fd >= 0)
		close(c->attach_fd);
	if (c->drain_fd >= 0)
		close(c->drain_fd);
	if (c->epfd >= 0)
		close(c->epfd);
	ring_buffer__free(c->rb);
	probes__destroy(c->probes);
	model_free(c->model);
	for (int i = 0; i < c->nviews; i++) {
		topo_free(c->views[i]);
		free(c->views[i]);
	}
	free(c->views);
	free(c->percpu);
	free(c);
}
