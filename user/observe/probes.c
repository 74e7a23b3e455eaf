// SPDX-License-Identifier: GPL-2.0
/* Observation points, the skeleton lifecycle and attaching: tcx links inside each namespace
 * (they detach themselves when nsviz dies, even by SIGKILL), a clsact + cls_bpf fallback with a
 * handle and priority of our own, XDP links on bridge ports, tp_btf tracepoints when present. */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdarg.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netns.h"
#include "nsviz.skel.h"
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
};

struct probes {
	struct nsviz_bpf *skel;
	struct point_state *ps;
	int npoints;
	int nattached; /* points 0..nattached-1 are attached, in order */
	int *nsfds; /* one per namespace */
	int nnsfds;
	enum hook hook;
	bool hook_decided; /* after the first point a tcx failure is an error, not a switch */
	bool xdp, force_clsact;
	struct bpf_link *tp_links[3];
	char *reasons[DROP_REASONS_MAX];
	char mode[24];
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

/* Find the interface of point N in its namespace: its ifindex and the namespace's inode. */
static int point_resolve(struct probes *p, int n, FILE *err)
{
	struct point_state *s = &p->ps[n];
	struct stat st;
	int saved, rc;

	s->nsfd = point_nsfd(p, n, &s->pt);
	if (s->nsfd < 0) {
		fprintf(err, "nsviz: open namespace %s: %s (is the topology up?)\n", s->pt.netns,
			strerror(-s->nsfd));
		return s->nsfd;
	}
	if (fstat(s->nsfd, &st))
		return -errno;
	s->pt.netns_ino = (uint32_t)st.st_ino;
	rc = netns_enter(s->nsfd, &saved);
	if (rc)
		return rc;
	s->pt.ifindex = (int)if_nametoindex(s->pt.ifname);
	rc = s->pt.ifindex ? 0 : -ENODEV;
	netns_leave(saved);
	if (rc)
		fprintf(err, "nsviz: interface %s:%s not found (is the topology up?)\n",
			*s->pt.netns ? s->pt.netns : "host", s->pt.ifname);
	return rc;
}

static void point_from_end(const struct topo *t, int v, int e, struct probe_point *pt)
{
	const struct topo_end *end = &t->veths[v].end[e];
	const char *ns = topo_end_netns(t, end);

	snprintf(pt->netns, sizeof(pt->netns), "%s", ns ? ns : "");
	if (ns)
		snprintf(pt->nspath, sizeof(pt->nspath), "%s", t->netns[end->owner].path);
	snprintf(pt->ifname, sizeof(pt->ifname), "%s", end->ifname);
	pt->is_port = end->kind == TOPO_OWNER_BRIDGE;
	if (pt->is_port)
		snprintf(pt->bridge, sizeof(pt->bridge), "%s", t->bridges[end->owner].name);
	pt->veth = v;
	pt->end = e;
	pt->peer = 2 * v + !e;
}

/* Points: both ends of every veth in order (veth v end e is point 2v+e), then the bridges. */
static int points_make(struct probes *p, const struct topo *t, FILE *err)
{
	int n = 2 * t->nveths + t->nbridges;

	if (n > NSVIZ_IFACES_MAX) {
		fprintf(err, "nsviz: %d interfaces to observe, at most %d\n", n, NSVIZ_IFACES_MAX);
		return -E2BIG;
	}
	p->ps = calloc(n ? n : 1, sizeof(*p->ps));
	p->nsfds = calloc(n ? n : 1, sizeof(*p->nsfds));
	if (!p->ps || !p->nsfds)
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		struct probe_point *pt = &p->ps[i].pt;

		p->ps[i].nsfd = -1;
		for (int d = 0; d < NSVIZ_DIRS; d++)
			p->ps[i].links[d] = -1;
		if (i < 2 * t->nveths) {
			point_from_end(t, i / 2, i % 2, pt);
		} else {
			snprintf(pt->ifname, sizeof(pt->ifname), "%s", t->bridges[i - 2 * t->nveths].name);
			snprintf(pt->bridge, sizeof(pt->bridge), "%s", pt->ifname);
			pt->is_bridge = true;
			pt->veth = pt->end = pt->peer = -1;
		}
		p->npoints = i + 1;
		int rc = point_resolve(p, i, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int devs_fill(struct probes *p)
{
	int fd = bpf_map__fd(p->skel->maps.devs);

	for (int i = 0; i < p->npoints; i++) {
		const struct probe_point *pt = &p->ps[i].pt;
		struct nsviz_dev_key k = { pt->ifindex, pt->netns_ino };
		struct nsviz_dev_val v = { .iface = (uint16_t)i };

		if (!pt->is_port)
			v.flags |= NSVIZ_DEV_EDGE;
		if (pt->is_bridge)
			v.flags |= NSVIZ_DEV_RX_NO_ETH;
		if (pt->peer >= 0 && pt->peer < p->npoints) {
			v.flags |= NSVIZ_DEV_PEER;
			v.peer = (uint16_t)pt->peer;
		}
		if (bpf_map_update_elem(fd, &k, &v, BPF_ANY))
			return -errno;
	}
	return 0;
}

/* The kernel's drop reason names, from the enum in its BTF. */
static void reasons_load(struct probes *p, const struct btf *btf)
{
	const char *prefix = "SKB_DROP_REASON_";
	int id = btf__find_by_name_kind(btf, "skb_drop_reason", BTF_KIND_ENUM);
	const struct btf_type *t = id > 0 ? btf__type_by_id(btf, id) : NULL;
	const struct btf_enum *e = t ? btf_enum(t) : NULL;

	for (int i = 0; t && i < btf_vlen(t); i++) {
		const char *name = btf__name_by_offset(btf, e[i].name_off);

		if (e[i].val < 0 || e[i].val >= DROP_REASONS_MAX || !name || p->reasons[e[i].val])
			continue;
		if (!strncmp(name, prefix, strlen(prefix)))
			name += strlen(prefix);
		p->reasons[e[i].val] = strdup(name);
	}
}

static bool btf_has_tp(const struct btf *vmlinux, const struct btf *mod, const char *tp)
{
	char name[64];

	snprintf(name, sizeof(name), "btf_trace_%s", tp);
	return btf__find_by_name_kind(vmlinux, name, BTF_KIND_TYPEDEF) > 0 ||
	       (mod && btf__find_by_name_kind(mod, name, BTF_KIND_TYPEDEF) > 0);
}

static struct bpf_program *tp_prog(struct nsviz_bpf *skel, int i, const char **tp)
{
	static const char *const names[] = { "kfree_skb", "br_fdb_update", "fdb_delete" };
	struct bpf_program *progs[] = { skel->progs.nsviz_kfree_skb, skel->progs.nsviz_fdb_update,
					skel->progs.nsviz_fdb_delete };

	*tp = names[i];
	return progs[i];
}

/* Load only the tracepoint programs this kernel can attach; say once what is missing. */
static void tracepoints_detect(struct probes *p, FILE *err)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	struct btf *mod = vmlinux ? btf__load_module_btf("bridge", vmlinux) : NULL;

	for (int i = 0; i < 3; i++) {
		const char *tp;
		struct bpf_program *prog = tp_prog(p->skel, i, &tp);

		if (vmlinux && btf_has_tp(vmlinux, mod, tp))
			continue;
		bpf_program__set_autoload(prog, false);
		fprintf(err, "nsviz: tracepoint %s not available in this kernel: its events are off\n", tp);
	}
	if (vmlinux)
		reasons_load(p, vmlinux);
	btf__free(mod);
	btf__free(vmlinux);
}

static void skel_configure(struct probes *p, const struct probes_opts *o)
{
	struct nsviz_bpf *s = p->skel;
	uint64_t cost = o->event_rate ? 1000000000ull / o->event_rate : 0;

	if (o->ringbuf_size)
		bpf_map__set_max_entries(s->maps.events, o->ringbuf_size);
	/* The collector drains the ring on a timer; the kernel wakes it early at 1/8 full. */
	s->rodata->wake_bytes = bpf_map__max_entries(s->maps.events) / 8;
	s->rodata->hook_work = o->work;
	s->rodata->trace_snaplen = o->trace_snaplen > NSVIZ_SNAPLEN_MAX ? NSVIZ_SNAPLEN_MAX
									 : o->trace_snaplen;
	for (int k = 0; k < NSVIZ_EV_KINDS; k++)
		s->rodata->ev_cost_ns[k] = cost;
	if (o->trace_rate)
		s->rodata->ev_cost_ns[NSVIZ_EV_PACKET] = 1000000000ull / o->trace_rate;
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
	snprintf(p->mode, sizeof(p->mode), "%s%s", p->force_clsact ? "clsact" : "tcx",
		 p->xdp ? "+xdp" : "");
	rc = points_make(p, t, err);
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

static int point_attach(struct probes *p, struct point_state *s, FILE *err)
{
	const char *what = "enter the namespace of";
	int saved, rc = netns_enter(s->nsfd, &saved);

	if (rc)
		goto cleanup;
	what = "tc ingress";
	rc = tc_attach(p, s, NSVIZ_DIR_RX);
	if (!rc) {
		what = "tc egress";
		rc = tc_attach(p, s, NSVIZ_DIR_TX);
	}
	if (!rc && p->xdp && s->pt.is_port) {
		what = "xdp";
		rc = xdp_attach(p, s);
	}
	netns_leave(saved);
cleanup:
	if (rc)
		fprintf(err, "nsviz: attach %s (%s) to %s:%s: %s\n", what,
			p->hook == HOOK_TCX ? "tcx" : "clsact", *s->pt.netns ? s->pt.netns : "host",
			s->pt.ifname, strerror(-rc));
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

int probes__attach_next(struct probes *p, FILE *err)
{
	int rc;

	if (p->nattached >= p->npoints)
		return 0;
	/* Each tcx link costs an RCU grace period in the kernel, under the RTNL lock: ~15 ms here,
	 * serialised (threads do not help); 200 namespaces take ~12 s. */
	rc = point_attach(p, &p->ps[p->nattached], err);
	/* The first point settles tcx or clsact for all the others. */
	p->hook_decided = true;
	if (rc)
		return rc;
	p->nattached++;
	snprintf(p->mode, sizeof(p->mode), "%s%s", p->hook == HOOK_TCX ? "tcx" : "clsact",
		 p->xdp ? "+xdp" : "");
	return 0;
}

int probes__attach(struct probes *p, FILE *err)
{
	probes__attach_tracepoints(p, err);
	while (p->nattached < p->npoints) {
		int rc = probes__attach_next(p, err);

		if (rc)
			return rc;
	}
	return 0;
}

static void point_detach(struct point_state *s)
{
	int saved;

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

void probes__destroy(struct probes *p)
{
	if (!p)
		return;
	for (int i = 0; i < 3; i++)
		bpf_link__destroy(p->tp_links[i]);
	for (int i = 0; i < p->npoints; i++)
		point_detach(&p->ps[i]);
	for (int i = 0; i < p->nnsfds; i++)
		close(p->nsfds[i]);
	for (int i = 0; i < DROP_REASONS_MAX; i++)
		free(p->reasons[i]);
	nsviz_bpf__destroy(p->skel);
	free(p->nsfds);
	free(p->ps);
	free(p);
}

int probes__npoints(const struct probes *p)
{
	return p->npoints;
}

const struct probe_point *probes__point(const struct probes *p, int i)
{
	return i >= 0 && i < p->npoints ? &p->ps[i].pt : NULL;
}

const struct probe_point *probes__slot(const struct probes *p, int slot, enum nsviz_dir *dir)
{
	if (slot < 0 || slot / NSVIZ_DIRS >= p->npoints)
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
	return reason < DROP_REASONS_MAX ? p->reasons[reason] : NULL;
}

struct nsviz_bpf *probes__skel(const struct probes *p)
{
	return p->skel;
}
