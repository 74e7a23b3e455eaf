// SPDX-License-Identifier: GPL-2.0
/* Observation points, the skeleton lifecycle and attaching: tcx links inside each namespace
 * (they detach themselves when nsviz dies, even by SIGKILL), a clsact + cls_bpf fallback with a
 * handle and priority of our own, XDP links on bridge ports, tp_btf tracepoints when present. */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netns.h"
#include "ns_workers.h"
#include "clock.h"
#include "nsviz.skel.h"
#include "point_diff.h"
#include "btf_names.h"
#include "expedite.h"
#include "probes.h"

#define TCX_INGRESS 46 /* BPF_TCX_INGRESS/EGRESS: libbpf 1.1 predates their names */
#define TCX_EGRESS 47
/* Our cls_bpf filters in the fallback: a handle and priority no other tool is likely to use, so
 * detaching and sweeping touch nothing else. */
#define CLSACT_HANDLE 0x6e73
#define CLSACT_PRIO 0x6e73
#define DROP_REASONS_MAX 1024

enum hook { HOOK_TCX, HOOK_CLSACT };

struct point_state {
	struct probe_point pt;
	int nsfd; /* borrowed from probes.nsfds */
	int links[NSVIZ_DIRS]; /* tcx ingress/egress, XDP link fds; -1 when none */
	bool filters[2];       /* clsact ingress/egress filters we added */
	bool vacant;           /* no point: its object is gone (probes__update) */
	bool attached;
	bool rx_by_peer;       /* no ingress link: the peer's egress counts what it receives */
	bool failed;           /* attaching failed: not tried again before the next update */
	bool absent;           /* its interface or namespace is not there (probes__update): no link,
				* no fd, failed; it keeps its name and what it counted */
	double freed_at;       /* monotonic seconds when it became vacant */
};

struct probes {
	struct nsviz_bpf *skel;
	struct point_state *ps;
	int npoints;   /* slots used, vacant ones included */
	unsigned int generation; /* changes of the points so far */
	int nattached; /* points attached */
	int *nsfds; /* one per namespace */
	int nnsfds;
	enum hook hook;
	bool hook_decided; /* after the first point a tcx failure is an error, not a switch */
	bool xdp, force_clsact;
	bool peer_rx; /* a veth end's rx may be counted at its peer's egress (not every_point) */
	int threads; /* attaching at once */
	/* The --if interfaces (the caller's, alive as long as P): probes__update makes them too. */
	const struct probe_if *ifs;
	int nifs;
	struct bpf_link *tp_links[3];
	/* The kernel's drop reason names, read from its BTF on the first drop (a parse of the whole
	 * vmlinux BTF: a fifth of a second nobody waits for before the first snapshot). */
	struct drop_names *reasons;
	struct expedite expedite; /* on while many links are made or closed */
	char mode[24];
};

/* Points attached in one go: grouped by namespace, each group on one thread. */
struct batch {
	struct probes *p;
	struct point_state **todo; /* the points, a group's together */
	int *rcs;                  /* per point: 0 or -errno */
	int *first;                /* group g: todo[first[g]] .. todo[first[g + 1] - 1] */
	int *nsfds;                /* group g's namespace */
	int n, ngroups;
	FILE *err;
};

/* probes_opts.debug of the last probes__open: libbpf's print callback has no context. */
static int libbpf_debug;

/* libbpf reports expected failures too (no clsact qdisc yet, no stale filter to sweep); nsviz
 * prints its own message with context, so libbpf speaks only when asked (NSVIZ_DEBUG). */
static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (!libbpf_debug || (level == LIBBPF_DEBUG && libbpf_debug < 2))
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* An fd on the namespace of PT ("" = ours), one per namespace, shared by every point in it (owned
 * by p->nsfds): fds are counted, 200 namespaces must fit in the usual limit of 1024. */
static int point_nsfd(struct probes *p, int n, const struct probe_point *pt)
{
	int fd;

	for (int i = 0; i < n; i++)
		if (!strcmp(p->ps[i].pt.netns, pt->netns))
			return p->ps[i].nsfd;
	fd = netns_open_at(*pt->netns ? pt->netns : NULL, pt->nspath);
	if (fd >= 0)
		p->nsfds[p->nnsfds++] = fd;
	return fd;
}

/* A point named by --if, not by the topology. */
static bool point_named(const struct probe_point *pt)
{
	return pt->veth < 0 && !pt->is_bridge && !pt->is_port;
}

/* The namespace of PT (RC from opening it) or, with NS_OK, its interface is not there: said
 * once. -ENXIO for a point named by --if (bad input), else RC. */
static int point_missing(const struct probe_point *pt, bool ns_ok, int rc, FILE *err)
{
	const char *ns = *pt->netns ? pt->netns : "host";

	if (point_named(pt))
		fprintf(err, "nsviz: --if %s:%s: no %s %s\n", ns, pt->ifname,
			ns_ok ? "interface" : "namespace", ns_ok ? pt->ifname : ns);
	else if (!ns_ok)
		fprintf(err, "nsviz: open namespace %s: %s (is the topology up?)\n", pt->netns,
			strerror(-rc));
	else
		fprintf(err, "nsviz: interface %s:%s not found (is the topology up?)\n", ns,
			pt->ifname);
	return point_named(pt) ? -ENXIO : rc;
}

/* Find the interface of point N in its namespace: its ifindex and the namespace's inode. */
static int point_resolve(struct probes *p, int n, FILE *err)
{
	struct point_state *s = &p->ps[n];
	struct stat st;
	int saved, rc;

	s->nsfd = point_nsfd(p, n, &s->pt);
	if (s->nsfd < 0)
		return point_missing(&s->pt, false, s->nsfd, err);
	if (fstat(s->nsfd, &st))
		return -errno;
	s->pt.netns_ino = (uint32_t)st.st_ino;
	rc = netns_enter(s->nsfd, &saved);
	if (rc)
		return rc;
	s->pt.ifindex = (int)if_nametoindex(s->pt.ifname);
	netns_leave(saved);
	return s->pt.ifindex ? 0 : point_missing(&s->pt, true, -ENODEV, err);
}

/* The namespace and name of END, and its bridge when it is a port. */
static void point_from_end(const struct topo *t, const struct topo_end *end, struct probe_point *pt)
{
	const char *ns = topo_end_netns(t, end);

	snprintf(pt->netns, sizeof(pt->netns), "%s", ns ? ns : "");
	snprintf(pt->nspath, sizeof(pt->nspath), "%s", topo_end_nspath(t, end));
	snprintf(pt->ifname, sizeof(pt->ifname), "%s", end->ifname);
	pt->is_port = end->kind == TOPO_OWNER_BRIDGE;
	if (pt->is_port)
		snprintf(pt->bridge, sizeof(pt->bridge), "%s", t->bridges[end->owner].name);
}

static void point_from_veth(const struct topo *t, int v, int e, struct probe_point *pt)
{
	point_from_end(t, &t->veths[v].end[e], pt);
	pt->veth = v;
	pt->end = e;
	pt->peer = 2 * v + !e;
}

static void point_from_bridge(const struct topo *t, int b, struct probe_point *pt)
{
	const struct topo_bridge *br = &t->bridges[b];

	if (br->netns >= 0) {
		snprintf(pt->netns, sizeof(pt->netns), "%s", t->netns[br->netns].name);
		snprintf(pt->nspath, sizeof(pt->nspath), "%s", t->netns[br->netns].path);
	}
	snprintf(pt->ifname, sizeof(pt->ifname), "%s", br->name);
	snprintf(pt->bridge, sizeof(pt->bridge), "%s", br->name);
	pt->is_bridge = true;
}

/* An interface named by --if: in a namespace of T when it has that name (entered as T says),
 * else in /run/netns/NAME. */
static void point_from_if(const struct topo *t, const struct probe_if *f, struct probe_point *pt)
{
	snprintf(pt->netns, sizeof(pt->netns), "%s", f->netns);
	for (int i = 0; *f->netns && i < t->nnetns; i++)
		if (!strcmp(t->netns[i].name, f->netns))
			snprintf(pt->nspath, sizeof(pt->nspath), "%s", t->netns[i].path);
	snprintf(pt->ifname, sizeof(pt->ifname), "%s", f->ifname);
}

/* Point I: both ends of every veth in order (veth v end e is point 2v+e), then the bridges, the
 * ports that are no veth, and the interfaces of --if. */
static void point_make(const struct topo *t, const struct probes_opts *o, int i,
		       struct probe_point *pt)
{
	int b = i - 2 * t->nveths, port = b - t->nbridges, f = port - t->nports;

	pt->veth = pt->end = pt->peer = -1;
	if (b < 0)
		point_from_veth(t, i / 2, i % 2, pt);
	else if (port < 0)
		point_from_bridge(t, b, pt);
	else if (f < 0)
		point_from_end(t, &t->ports[port].end, pt);
	else
		point_from_if(t, &o->ifs[f], pt);
}

/* The interfaces of --if that T observes already are not made a second point. */
static bool if_is_point(const struct probes *p, int n, const struct probe_point *pt)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(p->ps[i].pt.netns, pt->netns) && !strcmp(p->ps[i].pt.ifname, pt->ifname))
			return true;
	return false;
}

/* KEEP_MISSING: a point whose interface or namespace is not there is made absent, not an error. */
static int points_make(struct probes *p, const struct topo *t, const struct probes_opts *o,
		       bool keep_missing, FILE *err)
{
	int n = 2 * t->nveths + t->nbridges + t->nports + o->nifs, made = 0;

	if (n > NSVIZ_IFACES_MAX) {
		fprintf(err, "nsviz: %d interfaces to observe, at most %d\n", n, NSVIZ_IFACES_MAX);
		return -E2BIG;
	}
	p->ps = calloc(n ? n : 1, sizeof(*p->ps));
	p->nsfds = calloc(n ? n : 1, sizeof(*p->nsfds));
	if (!p->ps || !p->nsfds)
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		struct probe_point *pt = &p->ps[made].pt;

		memset(&p->ps[made], 0, sizeof(p->ps[made]));
		p->ps[made].nsfd = -1;
		for (int d = 0; d < NSVIZ_DIRS; d++)
			p->ps[made].links[d] = -1;
		point_make(t, o, i, pt);
		if (i >= n - o->nifs && if_is_point(p, made, pt))
			continue;
		p->npoints = ++made;
		int rc = point_resolve(p, made - 1, err);
		if (rc && keep_missing && (rc == -ENODEV || rc == -ENOENT || rc == -ENXIO))
			p->ps[made - 1].absent = true;
		else if (rc)
			return rc;
	}
	return 0;
}

static bool point_live(const struct point_state *s)
{
	return !s->vacant && !s->absent;
}

/* A veth end whose peer is observed gets no ingress link: the peer's egress counts what it
 * receives (NSVIZ_DEV_PEER_RX), which halves the programs a packet runs through and the links to
 * attach. Decided while the point has no links yet; one whose peer has gone is attached again,
 * which gives it its ingress link (docs/datapath.md, "Per point, only what is needed"). */
static void peers_settle(struct probes *p)
{
	for (int i = 0; i < p->npoints; i++) {
		struct point_state *s = &p->ps[i];
		int peer = s->pt.peer;
		bool peer_ok = p->peer_rx && peer >= 0 && peer < p->npoints &&
			       point_live(&p->ps[peer]);

		if (!s->attached && point_live(s))
			s->rx_by_peer = peer_ok;
		else if (s->rx_by_peer && !peer_ok) {
			s->rx_by_peer = false;
			s->attached = false;
			p->nattached--;
		}
	}
}

static bool peer_observed(const struct probes *p, const struct probe_point *pt)
{
	return pt->peer >= 0 && pt->peer < p->npoints;
}

/* Every namespace's loopback has this ifindex (the kernel's LOOPBACK_IFINDEX). */
#define LOOPBACK_IFINDEX 1

bool probes__is_inlet(const struct probes *p, int i)
{
	const struct probe_point *pt = &p->ps[i].pt;

	/* A loopback receives what its namespace sent through it: counted where it was sent. */
	return !pt->is_bridge && !peer_observed(p, pt) && pt->ifindex != LOOPBACK_IFINDEX;
}

static int devs_fill(struct probes *p)
{
	int fd = bpf_map__fd(p->skel->maps.devs);

	for (int i = 0; i < p->npoints; i++) {
		const struct probe_point *pt = &p->ps[i].pt;
		struct nsviz_dev_key k = { pt->ifindex, pt->netns_ino };
		struct nsviz_dev_val v = { .iface = (uint16_t)i };

		if (p->ps[i].vacant || p->ps[i].absent)
			continue;
		if (!pt->is_port)
			v.flags |= NSVIZ_DEV_EDGE;
		if (pt->is_bridge)
			v.flags |= NSVIZ_DEV_RX_NO_ETH;
		if (probes__is_inlet(p, i))
			v.flags |= NSVIZ_DEV_INLET;
		if (peer_observed(p, pt)) {
			v.flags |= NSVIZ_DEV_PEER;
			v.peer = (uint16_t)pt->peer;
			if (p->ps[pt->peer].rx_by_peer)
				v.flags |= NSVIZ_DEV_PEER_RX;
		}
		if (bpf_map_update_elem(fd, &k, &v, BPF_ANY))
			return -errno;
	}
	return 0;
}

/* The kernel's drop reason names, from the enum in its BTF. */
struct drop_names {
	bool read;
	char *names[DROP_REASONS_MAX];
};

static void reasons_load(struct drop_names *r)
{
	const char *prefix = "SKB_DROP_REASON_";
	struct btf *btf = btf__load_vmlinux_btf();
	int id = btf ? btf__find_by_name_kind(btf, "skb_drop_reason", BTF_KIND_ENUM) : -1;
	const struct btf_type *t = id > 0 ? btf__type_by_id(btf, id) : NULL;
	const struct btf_enum *e = t ? btf_enum(t) : NULL;

	r->read = true;
	for (int i = 0; t && i < btf_vlen(t); i++) {
		const char *name = btf__name_by_offset(btf, e[i].name_off);

		if (e[i].val < 0 || e[i].val >= DROP_REASONS_MAX || !name || r->names[e[i].val])
			continue;
		if (!strncmp(name, prefix, strlen(prefix)))
			name += strlen(prefix);
		r->names[e[i].val] = strdup(name);
	}
	btf__free(btf);
}

static struct bpf_program *tp_prog(struct nsviz_bpf *skel, int i, const char **tp)
{
	static const char *const names[] = { "kfree_skb", "br_fdb_update", "fdb_delete" };
	struct bpf_program *progs[] = { skel->progs.nsviz_kfree_skb, skel->progs.nsviz_fdb_update,
					skel->progs.nsviz_fdb_delete };

	*tp = names[i];
	return progs[i];
}

/* Load only the tracepoint programs this kernel can attach (the typedef btf_trace_TP in the
 * kernel's or the bridge module's BTF); say once what is missing. */
static void tracepoints_detect(struct probes *p, FILE *err)
{
	static const char *const btf_names[] = { "btf_trace_kfree_skb", "btf_trace_br_fdb_update",
						 "btf_trace_fdb_delete" };
	bool in_kernel[3], in_bridge[3];

	btf_names_have("/sys/kernel/btf/vmlinux", btf_names, 3, in_kernel);
	btf_names_have("/sys/kernel/btf/bridge", btf_names, 3, in_bridge); /* absent: built in */
	for (int i = 0; i < 3; i++) {
		const char *tp;
		struct bpf_program *prog = tp_prog(p->skel, i, &tp);

		if (in_kernel[i] || in_bridge[i])
			continue;
		bpf_program__set_autoload(prog, false);
		fprintf(err, "nsviz: tracepoint %s not available in this kernel: its events are off\n", tp);
	}
}

/* The spacing of N a second, in ns; 0 (no limit) for 0. */
static uint64_t gap_ns(uint32_t n)
{
	return n ? 1000000000ull / n : 0;
}

static void skel_configure(struct probes *p, const struct probes_opts *o)
{
	struct nsviz_bpf *s = p->skel;

	if (o->ringbuf_size)
		bpf_map__set_max_entries(s->maps.events, o->ringbuf_size);
	/* The collector drains the ring on a timer; the kernel wakes it early at 1/8 full. */
	s->rodata->wake_bytes = bpf_map__max_entries(s->maps.events) / 8;
	s->rodata->hook_work = o->work;
	s->rodata->trace_snaplen = o->trace_snaplen > NSVIZ_SNAPLEN_MAX ? NSVIZ_SNAPLEN_MAX
									 : o->trace_snaplen;
	for (int k = 0; k < NSVIZ_EV_KINDS; k++)
		s->rodata->ev_cost_ns[k] = gap_ns(o->event_rate);
	if (o->trace_rate)
		s->rodata->ev_cost_ns[NSVIZ_EV_PACKET] = gap_ns(o->trace_rate);
	s->rodata->trace_flow_gap_ns = gap_ns(o->trace_flow_rate);
	bpf_program__set_autoload(s->progs.nsviz_xdp, o->xdp);
}

/* Two fds per observation point (its links), one per namespace, some per map: a topology of 200
 * namespaces needs more than the usual soft limit of 1024. */
static void nofile_raise(void)
{
	struct rlimit r;

	if (!getrlimit(RLIMIT_NOFILE, &r) && r.rlim_cur < r.rlim_max) {
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_NOFILE, &r);
	}
}

int probes__open(const struct topo *t, const struct probes_opts *o, struct probes **out, FILE *err)
{
	struct probes *p = calloc(1, sizeof(*p));
	int rc;

	if (!p)
		return -ENOMEM;
	libbpf_debug = o->debug;
	libbpf_set_print(libbpf_print);
	nofile_raise();
	p->xdp = o->xdp;
	p->force_clsact = o->force_clsact;
	p->reasons = calloc(1, sizeof(*p->reasons));
	if (!p->reasons) {
		free(p);
		return -ENOMEM;
	}
	p->expedite = (struct expedite)EXPEDITE_INIT;
	p->expedite.off = o->no_expedite;
	expedite_sweep();
	p->peer_rx = !o->every_point;
	p->threads = o->attach_threads ? (int)o->attach_threads : PROBES_ATTACH_THREADS;
	p->ifs = o->ifs;
	p->nifs = o->nifs;
	snprintf(p->mode, sizeof(p->mode), "%s%s", p->force_clsact ? "clsact" : "tcx",
		 p->xdp ? "+xdp" : "");
	rc = points_make(p, t, o, false, err);
	if (rc)
		goto cleanup;
	p->skel = nsviz_bpf__open();
	if (!p->skel) {
		rc = -errno;
		fprintf(err, "nsviz: open BPF skeleton: %s\n", strerror(-rc));
		goto cleanup;
	}
	skel_configure(p, o);
	tracepoints_detect(p, err);
	rc = nsviz_bpf__load(p->skel);
	if (rc) {
		fprintf(err, "nsviz: load BPF programs: %s\n", strerror(-rc));
		goto cleanup;
	}
	peers_settle(p);
	rc = devs_fill(p);
	if (rc)
		fprintf(err, "nsviz: fill the device map: %s\n", strerror(-rc));
cleanup:
	if (rc)
		probes__destroy(p);
	else
		*out = p;
	return rc;
}

static int tcx_attach(struct probes *p, struct point_state *s, int dir)
{
	struct bpf_program *prog = dir == NSVIZ_DIR_RX ? p->skel->progs.nsviz_tc_ingress
						       : p->skel->progs.nsviz_tc_egress;
	int fd = bpf_link_create(bpf_program__fd(prog), s->pt.ifindex,
				 dir == NSVIZ_DIR_RX ? TCX_INGRESS : TCX_EGRESS, NULL);

	if (fd < 0)
		return fd;
	s->links[dir] = fd;
	return 0;
}

static struct bpf_tc_hook tc_hook(const struct point_state *s, int dir)
{
	return (struct bpf_tc_hook){
		.sz = sizeof(struct bpf_tc_hook),
		.ifindex = s->pt.ifindex,
		.attach_point = dir == NSVIZ_DIR_RX ? BPF_TC_INGRESS : BPF_TC_EGRESS,
	};
}

/* A filter of ours left by an nsviz that was killed: recognised by handle, priority and name. */
static void clsact_sweep(const struct point_state *s, int dir)
{
	struct bpf_tc_hook hook = tc_hook(s, dir);
	struct bpf_tc_opts q = { .sz = sizeof(q), .handle = CLSACT_HANDLE, .priority = CLSACT_PRIO };
	struct bpf_prog_info info = { 0 };
	uint32_t len = sizeof(info);
	int fd;

	if (bpf_tc_query(&hook, &q))
		return;
	fd = bpf_prog_get_fd_by_id(q.prog_id);
	if (fd < 0)
		return;
	if (!bpf_obj_get_info_by_fd(fd, &info, &len) && !strncmp(info.name, "nsviz_tc", 8)) {
		q.prog_id = 0;
		bpf_tc_detach(&hook, &q);
	}
	close(fd);
}

/* The clsact qdisc may belong to another tool: we add and remove only our own filter. */
static int clsact_attach(struct probes *p, struct point_state *s, int dir)
{
	struct bpf_program *prog = dir == NSVIZ_DIR_RX ? p->skel->progs.nsviz_tc_ingress
						       : p->skel->progs.nsviz_tc_egress;
	struct bpf_tc_hook hook = tc_hook(s, dir);
	struct bpf_tc_opts o = { .sz = sizeof(o), .prog_fd = bpf_program__fd(prog),
				 .handle = CLSACT_HANDLE, .priority = CLSACT_PRIO };
	int rc;

	clsact_sweep(s, dir);
	rc = bpf_tc_hook_create(&hook);
	if (rc && rc != -EEXIST)
		return rc;
	rc = bpf_tc_attach(&hook, &o);
	if (!rc)
		s->filters[dir] = true;
	return rc;
}

static void clsact_detach(struct point_state *s, int dir)
{
	struct bpf_tc_hook hook = tc_hook(s, dir);
	struct bpf_tc_opts o = { .sz = sizeof(o), .handle = CLSACT_HANDLE, .priority = CLSACT_PRIO };

	if (s->filters[dir] && !bpf_tc_detach(&hook, &o))
		s->filters[dir] = false;
}

/* tcx first; a kernel without it (EINVAL: unknown attach type) switches every point to clsact. */
static int tc_attach(struct probes *p, struct point_state *s, int dir)
{
	int rc = -EINVAL;

	if (p->hook == HOOK_TCX && !p->force_clsact)
		rc = tcx_attach(p, s, dir);
	if ((rc == -EINVAL || rc == -EOPNOTSUPP) && !p->hook_decided)
		p->hook = HOOK_CLSACT;
	if (p->hook == HOOK_CLSACT)
		rc = clsact_attach(p, s, dir);
	return rc;
}

static int xdp_attach(struct probes *p, struct point_state *s)
{
	int fd = bpf_link_create(bpf_program__fd(p->skel->progs.nsviz_xdp), s->pt.ifindex, BPF_XDP,
				 NULL);

	if (fd < 0)
		return fd;
	s->links[NSVIZ_DIR_XDP] = fd;
	return 0;
}

static void point_detach(struct point_state *s)
{
	int saved;

	s->attached = false;
	for (int d = 0; d < NSVIZ_DIRS; d++) {
		if (s->links[d] >= 0)
			close(s->links[d]);
		s->links[d] = -1;
	}
	if ((s->filters[0] || s->filters[1]) && !netns_enter(s->nsfd, &saved)) {
		clsact_detach(s, NSVIZ_DIR_RX);
		clsact_detach(s, NSVIZ_DIR_TX);
		netns_leave(saved);
	}
}

static bool point_has(const struct point_state *s, int dir)
{
	return s->links[dir] >= 0 || (dir != NSVIZ_DIR_XDP && s->filters[dir]);
}

/* Point S's links that it lacks, made in the namespace the calling thread is in. On a failure its
 * links are undone and WHAT names the one that failed. */
static int point_links(struct probes *p, struct point_state *s, const char **what)
{
	int rc = 0;

	*what = "tc ingress";
	if (!s->rx_by_peer && !point_has(s, NSVIZ_DIR_RX))
		rc = tc_attach(p, s, NSVIZ_DIR_RX);
	if (!rc && !point_has(s, NSVIZ_DIR_TX)) {
		*what = "tc egress";
		rc = tc_attach(p, s, NSVIZ_DIR_TX);
	}
	/* A killed trace's filter (it has a program on every point); the hook is settled by now. */
	if (!rc && s->rx_by_peer && p->hook == HOOK_CLSACT)
		clsact_sweep(s, NSVIZ_DIR_RX);
	if (!rc && p->xdp && s->pt.is_port && s->pt.veth >= 0 && !point_has(s, NSVIZ_DIR_XDP)) {
		*what = "xdp";
		rc = xdp_attach(p, s);
	}
	if (rc)
		point_detach(s);
	return rc;
}

void probes__attach_tracepoints(struct probes *p, FILE *err)
{
	for (int i = 0; i < 3; i++) {
		const char *tp;
		struct bpf_program *prog = tp_prog(p->skel, i, &tp);

		if (!bpf_program__autoload(prog) || p->tp_links[i])
			continue;
		p->tp_links[i] = bpf_program__attach(prog);
		if (!p->tp_links[i])
			fprintf(err, "nsviz: attach tracepoint %s: %s: its events are off\n", tp,
				strerror(errno));
	}
}

static bool point_pending(const struct point_state *s)
{
	return !s->vacant && !s->attached && !s->failed;
}

/* A group of B's first G is in S's namespace already. */
static bool point_queued(const struct batch *b, int g, const struct point_state *s)
{
	for (int k = 0; k < g; k++)
		if (b->nsfds[k] == s->nsfd)
			return true;
	return false;
}

/* Up to MAX points still to attach, in point order, grouped by namespace (each group entered once)
 * into B. */
static int batch_make(struct probes *p, int max, struct batch *b)
{
	int n = 0, g = 0;

	b->todo = calloc(p->npoints + 1, sizeof(*b->todo));
	b->rcs = calloc(p->npoints + 1, sizeof(*b->rcs));
	b->first = calloc(p->npoints + 2, sizeof(*b->first));
	b->nsfds = calloc(p->npoints + 1, sizeof(*b->nsfds));
	if (!b->todo || !b->rcs || !b->first || !b->nsfds)
		return -ENOMEM;
	for (int i = 0; i < p->npoints && n < max; i++)
		n += point_pending(&p->ps[i]);
	for (int i = 0, left = n; i < p->npoints && left; i++) {
		if (!point_pending(&p->ps[i]) || point_queued(b, g, &p->ps[i]))
			continue;
		b->nsfds[g] = p->ps[i].nsfd;
		b->first[g] = b->n;
		for (int j = i; j < p->npoints && left; j++)
			if (point_pending(&p->ps[j]) && p->ps[j].nsfd == p->ps[i].nsfd) {
				b->todo[b->n++] = &p->ps[j];
				left--;
			}
		g++;
	}
	b->first[g] = b->n;
	b->ngroups = g;
	return 0;
}

/* Group G of the batch ARG, inside its namespace (RC: entering it failed). */
static void batch_group(void *arg, int g, int rc)
{
	struct batch *b = arg;

	for (int k = b->first[g]; k < b->first[g + 1]; k++) {
		const char *what = "enter the namespace of";
		struct point_state *s = b->todo[k];

		b->rcs[k] = rc ?: point_links(b->p, s, &what);
		if (b->rcs[k])
			fprintf(b->err, "nsviz: attach %s (%s) to %s:%s: %s\n", what,
				b->p->hook == HOOK_TCX ? "tcx" : "clsact",
				*s->pt.netns ? s->pt.netns : "host", s->pt.ifname,
				strerror(-b->rcs[k]));
	}
}

static void batch_free(struct batch *b)
{
	free(b->todo);
	free(b->rcs);
	free(b->first);
	free(b->nsfds);
}

/* Attach up to MAX points on up to NTHREADS threads. The first error, or 0. */
static int batch_attach(struct probes *p, int max, int nthreads, FILE *err)
{
	struct batch b = { .p = p, .err = err };
	int rc = batch_make(p, max, &b);

	if (!rc)
		rc = ns_workers_run(b.nsfds, b.ngroups, nthreads, batch_group, &b);
	if (rc)
		fprintf(err, "nsviz: attach: %s\n", strerror(-rc));
	for (int k = 0; k < b.n; k++) {
		struct point_state *s = b.todo[k];

		s->failed = b.rcs[k] != 0;
		s->attached = !s->failed;
		p->nattached += s->attached;
		rc = rc ?: b.rcs[k];
	}
	batch_free(&b);
	return rc;
}

int probes__attach_some(struct probes *p, int max, FILE *err)
{
	int rc = 0;

	if (probes__npending(p) > 1)
		expedite_begin(&p->expedite);
	/* The first point settles tcx or clsact for all the others: it goes alone. */
	if (!p->hook_decided && max > 0 && probes__npending(p)) {
		rc = batch_attach(p, 1, 1, err);
		p->hook_decided = true;
		max--;
	}
	/* Each tcx link waits for an RCU grace period under the RTNL lock (docs/datapath.md):
	 * threads overlap everything else with it. */
	if (!rc && max > 0 && probes__npending(p))
		rc = batch_attach(p, max, p->threads, err);
	if (!probes__npending(p))
		expedite_end(&p->expedite);
	snprintf(p->mode, sizeof(p->mode), "%s%s", p->hook == HOOK_TCX ? "tcx" : "clsact",
		 p->xdp ? "+xdp" : "");
	return rc;
}

int probes__attach(struct probes *p, FILE *err)
{
	probes__attach_tracepoints(p, err);
	return probes__attach_some(p, INT32_MAX, err);
}

void probes__destroy(struct probes *p)
{
	if (!p)
		return;
	for (int i = 0; i < 3; i++)
		bpf_link__destroy(p->tp_links[i]);
	if (p->nattached > 1)
		expedite_begin(&p->expedite);
	for (int i = 0; i < p->npoints; i++)
		point_detach(&p->ps[i]);
	expedite_end(&p->expedite);
	for (int i = 0; i < p->nnsfds; i++)
		close(p->nsfds[i]);
	for (int i = 0; p->reasons && i < DROP_REASONS_MAX; i++)
		free(p->reasons->names[i]);
	free(p->reasons);
	nsviz_bpf__destroy(p->skel);
	free(p->nsfds);
	free(p->ps);
	free(p);
}

/* The point leaves the BPF side: no program finds its slot any more, its links are closed. */
static void point_free(struct probes *p, struct point_state *s, double now)
{
	struct nsviz_dev_key k = { s->pt.ifindex, s->pt.netns_ino };

	/* An absent point's key may be another's now. */
	if (!s->absent)
		bpf_map_delete_elem(bpf_map__fd(p->skel->maps.devs), &k);
	p->nattached -= s->attached;
	point_detach(s);
	s->vacant = true;
	s->absent = false;
	s->freed_at = now;
	s->nsfd = -1;
}

/* Slot S's interface is gone but its point stays, absent: what it counted stays, nothing keeps
 * its namespace alive. */
static void point_absent(struct probes *p, struct point_state *s)
{
	if (s->absent)
		return;
	point_free(p, s, 0);
	s->vacant = false;
	s->absent = true;
	p->generation++;
}

/* Slot I starts counting from zero: a reused slot must not show what its last point counted. */
static int slot_zero(struct probes *p, int i)
{
	int ncpus = libbpf_num_possible_cpus(), fd = bpf_map__fd(p->skel->maps.counters), rc = 0;
	void *zero = ncpus > 0 ? calloc(ncpus, sizeof(struct nsviz_counters)) : NULL;

	if (!zero)
		return ncpus < 0 ? ncpus : -ENOMEM;
	for (int d = 0; d < NSVIZ_DIRS && !rc; d++) {
		uint32_t slot = NSVIZ_SLOT(i, d);

		rc = bpf_map_update_elem(fd, &slot, zero, BPF_ANY) ? -errno : 0;
	}
	free(zero);
	return rc;
}

/* An fd on the namespace of the new point F for P: one of P's on the same namespace, or a copy of
 * F's (F's own are closed after the update). */
static int nsfd_adopt(struct probes *p, const struct point_state *f)
{
	for (int i = 0; i < p->npoints; i++)
		if (!p->ps[i].vacant && p->ps[i].nsfd >= 0 && p->ps[i].pt.netns_ino == f->pt.netns_ino)
			return p->ps[i].nsfd;
	p->nsfds[p->nnsfds] = fcntl(f->nsfd, F_DUPFD_CLOEXEC, 0);
	return p->nsfds[p->nnsfds] < 0 ? -errno : p->nsfds[p->nnsfds++];
}

/* Close the namespace fds no point uses: an fd would keep a deleted namespace (and its veths)
 * alive. */
static void nsfds_prune(struct probes *p)
{
	int n = 0;

	for (int k = 0; k < p->nnsfds; k++) {
		bool used = false;

		for (int i = 0; i < p->npoints && !used; i++)
			used = !p->ps[i].vacant && p->ps[i].nsfd == p->nsfds[k];
		if (used)
			p->nsfds[n++] = p->nsfds[k];
		else
			close(p->nsfds[k]);
	}
	p->nnsfds = n;
}

static int grow(struct probes *p, int nslots, int nfresh)
{
	struct point_state *ps = realloc(p->ps, nslots * sizeof(*ps));
	int *fds;

	if (!ps)
		return -ENOMEM;
	p->ps = ps;
	fds = realloc(p->nsfds, (p->nnsfds + nfresh + 1) * sizeof(*fds));
	if (!fds)
		return -ENOMEM;
	p->nsfds = fds;
	for (int i = p->npoints; i < nslots; i++)
		p->ps[i] = (struct point_state){ .vacant = true, .nsfd = -1,
						 .links = { -1, -1, -1 } };
	p->npoints = nslots;
	return 0;
}

/* The new point F into slot I of P (SLOT_OF: the slots of F's set): the same interface keeps its
 * links, a new one waits to be attached. */
static int point_take(struct probes *p, int i, const struct point_state *f, const int *slot_of)
{
	struct point_state *s = &p->ps[i];
	struct probe_point pt = f->pt;
	int rc = 0;

	if (s->vacant) {
		memset(&s->pt, 0, sizeof(s->pt));
		rc = slot_zero(p, i);
		if (rc)
			return rc;
		s->nsfd = f->absent ? -1 : nsfd_adopt(p, f);
		if (s->nsfd < 0 && !f->absent)
			return s->nsfd;
		s->vacant = false;
	} else if (f->absent) {
		/* The interface it had, for what it counted (model.h: same_iface). */
		pt.ifindex = s->pt.ifindex;
		pt.netns_ino = s->pt.netns_ino;
		point_absent(p, s);
	}
	if (pt.peer >= 0)
		pt.peer = slot_of[pt.peer];
	if (memcmp(&pt, &s->pt, sizeof(pt)))
		p->generation++;
	s->pt = pt;
	s->absent = f->absent;
	/* Its interface may have been made again: try once more; an absent one has nothing to try. */
	s->failed = f->absent;
	return 0;
}

static int merge(struct probes *p, const struct probes *fresh, const int *slot_of,
		 const bool *gone, int nslots)
{
	double now = mono_now();
	int rc, nold = p->npoints;

	for (int i = 0; i < nold; i++) {
		if (gone[i])
			point_free(p, &p->ps[i], now);
		p->generation += gone[i];
	}
	rc = grow(p, nslots, fresh->npoints);
	for (int j = 0; !rc && j < fresh->npoints; j++)
		rc = point_take(p, slot_of[j], &fresh->ps[j], slot_of);
	nsfds_prune(p);
	peers_settle(p);
	return rc ?: devs_fill(p);
}

static void points_release(struct probes *p)
{
	for (int i = 0; i < p->nnsfds; i++)
		close(p->nsfds[i]);
	free(p->nsfds);
	free(p->ps);
}

/* The identities of P's slots (vacant: ifindex 0) into IDS. An absent point has no interface: its
 * slot is its identity (a negative ifindex, which no interface has). */
static void points_ids(const struct probes *p, struct point_id *ids)
{
	for (int i = 0; i < p->npoints; i++) {
		const struct point_state *s = &p->ps[i];

		ids[i] = (struct point_id){ s->absent ? 0 : s->pt.netns_ino,
					    s->vacant ? 0 : s->absent ? -(i + 1) : s->pt.ifindex,
					    s->freed_at };
	}
}

static bool id_in(const struct point_id *ids, int n, const struct point_id *id)
{
	for (int j = 0; j < n; j++)
		if (ids[j].ifindex == id->ifindex && ids[j].netns_ino == id->netns_ino)
			return true;
	return false;
}

/* A point of FRESH that is absent keeps the slot of P with its name (namespace and interface),
 * unless an interface of FRESH has that slot's identity (OLD: P's identities, CUR: FRESH's). */
static void absent_ids(const struct probes *p, const struct point_id *old,
		       const struct probes *fresh, struct point_id *cur)
{
	for (int j = 0; j < fresh->npoints; j++) {
		const struct probe_point *f = &fresh->ps[j].pt;

		if (!fresh->ps[j].absent)
			continue;
		cur[j] = (struct point_id){ 0 }; /* no slot of P unless it has its name */
		for (int i = 0; i < p->npoints; i++)
			if (!p->ps[i].vacant && !strcmp(p->ps[i].pt.netns, f->netns) &&
			    !strcmp(p->ps[i].pt.ifname, f->ifname) &&
			    !id_in(cur, fresh->npoints, &old[i]))
				cur[j] = old[i];
	}
}

static int update_with(struct probes *p, const struct probes *fresh, FILE *err)
{
	struct point_id *old = calloc(p->npoints + 1, sizeof(*old));
	struct point_id *cur = calloc(fresh->npoints + 1, sizeof(*cur));
	int *slot_of = calloc(fresh->npoints + 1, sizeof(*slot_of)), nslots = 0, rc = -ENOMEM;
	bool *gone = calloc(p->npoints + 1, sizeof(*gone));

	if (old && cur && slot_of && gone) {
		points_ids(p, old);
		points_ids(fresh, cur);
		absent_ids(p, old, fresh, cur);
		rc = point_diff(old, p->npoints, cur, fresh->npoints, mono_now(), NSVIZ_IFACES_MAX,
				slot_of, gone, &nslots);
		if (rc == -E2BIG)
			fprintf(err, "nsviz: more than %d interfaces to observe\n", NSVIZ_IFACES_MAX);
	}
	if (!rc)
		rc = merge(p, fresh, slot_of, gone, nslots);
	free(old);
	free(cur);
	free(slot_of);
	free(gone);
	return rc;
}

int probes__update(struct probes *p, const struct topo *t, bool declared, FILE *err)
{
	struct probes_opts o = { .ifs = p->ifs, .nifs = p->nifs };
	struct probes fresh = { 0 };
	int rc = points_make(&fresh, t, &o, declared, err);

	if (!rc)
		rc = update_with(p, &fresh, err);
	points_release(&fresh);
	return rc;
}

int probes__npoints(const struct probes *p)
{
	return p->npoints;
}

const struct probe_point *probes__point(const struct probes *p, int i)
{
	return i >= 0 && i < p->npoints && !p->ps[i].vacant ? &p->ps[i].pt : NULL;
}

bool probes__attached(const struct probes *p, int i)
{
	return i >= 0 && i < p->npoints && p->ps[i].attached;
}

bool probes__absent(const struct probes *p, int i)
{
	return i >= 0 && i < p->npoints && p->ps[i].absent;
}

unsigned int probes__generation(const struct probes *p)
{
	return p->generation;
}

int probes__nactive(const struct probes *p)
{
	int n = 0;

	for (int i = 0; i < p->npoints; i++)
		n += !p->ps[i].vacant;
	return n;
}

int probes__npending(const struct probes *p)
{
	int n = 0;

	for (int i = 0; i < p->npoints; i++)
		n += point_pending(&p->ps[i]);
	return n;
}

const struct probe_point *probes__slot(const struct probes *p, int slot, enum nsviz_dir *dir)
{
	if (slot < 0 || !probes__point(p, slot / NSVIZ_DIRS))
		return NULL;
	*dir = (enum nsviz_dir)(slot % NSVIZ_DIRS);
	return &p->ps[slot / NSVIZ_DIRS].pt;
}

int probes__nattached(const struct probes *p)
{
	return p->nattached;
}

const char *probes__hook_mode(const struct probes *p)
{
	return p->mode;
}

const char *probes__drop_reason(const struct probes *p, uint32_t reason)
{
	if (!p->reasons->read)
		reasons_load(p->reasons);
	return reason < DROP_REASONS_MAX ? p->reasons->names[reason] : NULL;
}

struct nsviz_bpf *probes__skel(const struct probes *p)
{
	return p->skel;
}
