// SPDX-License-Identifier: GPL-2.0
/* `up`: topology -> kernel objects. Conflicts are checked before anything is made; every object
 * is recorded the moment it exists, so a failed step rolls back exactly this run's objects and a
 * killed run can still be undone by `down`. Each phase opens a namespace's fd and socket only for
 * as long as it needs them, so a thousand namespaces stay within the fd limit. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "build_int.h"
#include "netns.h"
#include "tap.h"

struct build {
	const struct topo *t;
	const char *cmd;     /* "up", "run": messages start "nsviz CMD: " */
	FILE *out, *err;
	struct nl *host;     /* socket in the host namespace: host bridges and their ports */
	struct state *rec;   /* the ownership record, also the rollback journal */
	int *bridge_ifindex; /* per topo bridge, in its namespace */
	int step, fail_at;   /* build_fail_at(): step N fails with -EIO (a test hook) */
	char what[200];      /* the step under way, for the error message */
};

/* A namespace opened for one phase: its fd and a socket inside it. */
struct ns_handle {
	int fd;
	struct nl *nl;
};

static int ns_handle_open(const char *name, struct ns_handle *h)
{
	int err;

	h->nl = NULL;
	h->fd = netns_open(name);
	if (h->fd < 0)
		return h->fd;
	err = nl_open(h->fd, &h->nl);
	if (err) {
		close(h->fd);
		h->fd = -1;
	}
	return err;
}

static void ns_handle_close(struct ns_handle *h)
{
	nl_close(h->nl);
	h->nl = NULL;
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
}

/* Name the step about to run (for the error message) and apply the test hook. */
__attribute__((format(printf, 2, 3))) static int step(struct build *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->what, sizeof(b->what), fmt, ap);
	va_end(ap);
	return ++b->step == b->fail_at ? -EIO : 0;
}

static const char *owner_name(const struct topo *t, const struct topo_end *e)
{
	return e->kind == TOPO_OWNER_NETNS ? t->netns[e->owner].name : t->bridges[e->owner].name;
}

struct netns_rec {
	struct build *b;
	const char *name;
};

/* On the thread inside the new namespace, before its name exists (see netns_create). */
static int record_netns(void *ctx)
{
	struct netns_rec *r = ctx;
	uint64_t id = 0;

	return netns_cookie(-1, &id) ?: state_add(r->b->rec, STATE_NETNS, r->name, id, NULL);
}

/* *IFINDEX of NAME in the namespace of NL, looked up unless known. A lookup is the last resort
 * in the host: the kernel describes a veth with its peer's namespace id, found by a linear scan,
 * so each lookup costs O(namespaces). */
static int link_index(struct nl *nl, const char *name, int *ifindex)
{
	struct nl_link l;
	int err;

	if (*ifindex > 0)
		return 0;
	err = nl_link_get(nl, 0, name, &l);
	*ifindex = l.ifindex;
	return err;
}

/* PEER: the namespace of a veth end's other end (NULL: the host). */
static int record_link(struct build *b, enum state_kind kind, const char *name, const char *peer,
		       int *ifindex)
{
	return link_index(b->host, name, ifindex) ?:
	       state_add(b->rec, kind, name, (uint64_t)*ifindex, peer);
}

/* Write "1" to the sysctl PATH (under /proc/sys/net) of the namespace NSFD. An OPTIONAL one
 * may be missing (IPv6 compiled out or disabled). */
static int sysctl_set(int nsfd, const char *path, bool optional)
{
	char full[128];
	int saved, fd, err = netns_enter(nsfd, &saved);

	if (err)
		return err;
	/* /proc/sys/net belongs to the namespace of the thread that opens it. */
	snprintf(full, sizeof(full), "/proc/sys/net/%s", path);
	fd = open(full, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "1\n", 2) != 2)
		err = -errno;
	if (fd >= 0)
		close(fd);
	if (err == -ENOENT && optional)
		err = 0;
	return netns_leave(saved) ?: err;
}

/* Open namespace NAME for a phase; a failure names it. */
static int open_ns(struct build *b, const char *name, struct ns_handle *h)
{
	snprintf(b->what, sizeof(b->what), "enter netns %s", name);
	return ns_handle_open(name, h);
}

static int build_netns(struct build *b, const struct topo_netns *n)
{
	struct ns_handle h = { .fd = -1 };
	struct netns_rec rec = { .b = b, .name = n->name };
	int err;

	err = step(b, "create netns %s", n->name) ?: netns_create(n->name, record_netns, &rec) ?:
	      open_ns(b, n->name, &h) ?: step(b, "set lo up in %s", n->name) ?:
	      nl_link_up(h.nl, 1, 0);
	/* No IPv6 link-local addresses on the interfaces made in here (addr_gen_mode none): their
	 * duplicate address detection and MLD reports would flood every bridge port, O(ports) per
	 * new port, and hide the traffic one wants to watch. IPv6 addresses from the file work. */
	if (!err)
		err = step(b, "disable IPv6 link-local addresses in %s", n->name) ?:
		      sysctl_set(h.fd, "ipv6/conf/default/addr_gen_mode", true);
	if (!err && n->forwarding)
		err = step(b, "enable forwarding in %s", n->name) ?:
		      sysctl_set(h.fd, "ipv4/ip_forward", false);
	ns_handle_close(&h);
	if (!err && b->out)
		fprintf(b->out, "netns %s%s\n", n->name, n->forwarding ? " forwarding" : "");
	return err;
}

static bool port_opts(const struct topo_link_opts *o)
{
	return o->nolearning || o->noflood || o->isolated || o->hairpin;
}

/* MTU, port flags, then state: a link set down last keeps what was made before it. OWNER names
 * it. */
static int build_opts(struct build *b, struct nl *nl, const char *owner, const char *name,
		      int ifindex, const struct topo_link_opts *o)
{
	struct nl_port p = { .learning = !o->nolearning, .flood = !o->noflood,
			     .isolated = o->isolated, .hairpin = o->hairpin };
	int err = 0;

	if (port_opts(o))
		err = step(b, "set the port flags of %s:%s", owner, name) ?:
		      nl_port_set(nl, ifindex, &p);
	if (!err && o->mtu)
		err = step(b, "set the MTU of %s:%s to %u", owner, name, o->mtu) ?:
		      nl_link_mtu(nl, ifindex, o->mtu);
	if (!err && o->down)
		err = step(b, "set %s:%s down", owner, name) ?: nl_link_down(nl, ifindex);
	return err;
}

/* The socket for namespace NS (-1: the host's): B's own, or one opened into H for a phase. */
static int ns_nl(struct build *b, int ns, struct ns_handle *h, struct nl **nl)
{
	*nl = b->host;
	if (ns < 0)
		return 0;
	*nl = NULL;
	return open_ns(b, b->t->netns[ns].name, h) ?: (*nl = h->nl, 0);
}

/* "bridge [NS:]NAME" for messages and the report, into BUF. */
static const char *bridge_str(const struct topo *t, const struct topo_bridge *br, char *buf,
			      size_t len)
{
	snprintf(buf, len, "%s%s%s", br->netns >= 0 ? t->netns[br->netns].name : "",
		 br->netns >= 0 ? ":" : "", br->name);
	return buf;
}

static int build_bridge(struct build *b, int i)
{
	const struct topo_bridge *br = &b->t->bridges[i];
	struct ns_handle h = { .fd = -1 };
	char addr[64] = "", opts[64], name[TOPO_NETNS_MAX + TOPO_IFNAME_MAX + 2];
	struct nl *nl;
	int err;

	bridge_str(b->t, br, name, sizeof(name));
	err = ns_nl(b, br->netns, &h, &nl) ?: step(b, "create bridge %s", name) ?:
	      nl_bridge_add(nl, br->name, br->stp, br->vlan_filtering);
	if (err >= 0) {
		b->bridge_ifindex[i] = err;
		/* One in a namespace nsviz made goes with it; the host's is recorded. */
		err = br->netns >= 0 ? link_index(nl, br->name, &b->bridge_ifindex[i]) :
		      record_link(b, STATE_BRIDGE, br->name, NULL, &b->bridge_ifindex[i]);
	}
	if (!err && br->has_addr) {
		topo_addr_str(&br->addr, addr, sizeof(addr));
		err = step(b, "add %s to bridge %s", addr, name) ?:
		      nl_addr_add(nl, b->bridge_ifindex[i], &br->addr);
	}
	err = err ?: build_opts(b, nl, "bridge", name, b->bridge_ifindex[i], &br->opts);
	ns_handle_close(&h);
	if (!err && b->out)
		fprintf(b->out, "bridge %s%s%s%s%s%s\n", name, *addr ? " " : "", addr,
			topo_opts_str(&br->opts, opts, sizeof(opts)), br->stp ? " stp" : "",
			br->vlan_filtering ? " vlan_filtering" : "");
	return err;
}

/* The second end of a pair was made down: attach it to its bridge (which brings it up) or bring
 * it up in its namespace (NL). */
static int build_peer_up(struct build *b, const struct topo_end *e, struct nl *nl, int *ifindex)
{
	const char *owner = owner_name(b->t, e);

	if (e->kind == TOPO_OWNER_BRIDGE)
		return link_index(nl, e->ifname, ifindex) ?:
		       step(b, "attach %s to bridge %s", e->ifname, owner) ?:
		       nl_link_up(nl, *ifindex, b->bridge_ifindex[e->owner]);
	return link_index(nl, e->ifname, ifindex) ?:
	       step(b, "set %s:%s up", owner, e->ifname) ?: nl_link_up(nl, *ifindex, 0);
}

/* The addresses and options of an end. */
static int build_end(struct build *b, const struct topo_end *e, struct nl *nl, int *ifindex)
{
	bool more = e->naddrs || e->opts.mtu || e->opts.down || port_opts(&e->opts);
	int err = more ? link_index(nl, e->ifname, ifindex) : 0;
	char addr[64];

	for (int i = 0; !err && i < e->naddrs; i++) {
		topo_addr_str(&e->addrs[i], addr, sizeof(addr));
		err = step(b, "add %s to %s:%s", addr, owner_name(b->t, e), e->ifname) ?:
		      nl_addr_add(nl, *ifindex, &e->addrs[i]);
	}
	return err ?: build_opts(b, nl, owner_name(b->t, e), e->ifname, *ifindex, &e->opts);
}

static void end_str(const struct topo *t, const struct topo_end *e, char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "%s:%s", owner_name(t, e), e->ifname);

	for (int i = 0; i < e->naddrs && n < len; i++) {
		buf[n++] = ' ';
		topo_addr_str(&e->addrs[i], buf + n, len - n);
		n += strlen(buf + n);
	}
	if (n < len)
		topo_opts_str(&e->opts, buf + n, len - n);
}

static int build_veth(struct build *b, const struct topo_veth *v)
{
	struct ns_handle h[2] = { { .fd = -1 }, { .fd = -1 } };
	const struct topo_end *e = v->end;
	/* The end made first is up at once, attached in the same request and its ifindex echoed;
	 * the kernel cannot open the other before the pair exists. Rather a bridge port, then. */
	int m = e[0].kind != TOPO_OWNER_BRIDGE && e[1].kind == TOPO_OWNER_BRIDGE;
	int ifindex[2] = { 0, 0 }, err = 0;
	struct nl *nl[2];
	char s0[200], s1[200];

	for (int i = 0; i < 2 && !err; i++)
		err = ns_nl(b, topo_end_netns_index(b->t, &e[i]), &h[i], &nl[i]);
	if (err)
		goto cleanup;
	err = step(b, "create veth %s:%s -- %s:%s", owner_name(b->t, &e[0]), e[0].ifname,
		   owner_name(b->t, &e[1]), e[1].ifname) ?:
	      nl_veth_add(b->host, e[m].ifname, h[m].fd,
			  e[m].kind == TOPO_OWNER_BRIDGE ? b->bridge_ifindex[e[m].owner] : 0,
			  e[!m].ifname, h[!m].fd);
	if (err < 0)
		goto cleanup;
	ifindex[m] = err;
	/* Host ends go on record before anything else can fail: a namespace end goes with its
	 * namespace, but a host end only with the namespace of its peer, asynchronously. */
	err = 0;
	for (int i = 0; i < 2 && !err; i++)
		if (topo_end_netns_index(b->t, &e[i]) < 0)
			err = record_link(b, STATE_LINK, e[i].ifname, topo_end_netns(b->t, &e[!i]),
					  &ifindex[i]);
	err = err ?: build_peer_up(b, &e[!m], nl[!m], &ifindex[!m]) ?:
	      build_end(b, &e[0], nl[0], &ifindex[0]) ?: build_end(b, &e[1], nl[1], &ifindex[1]);
	if (!err && b->out) {
		end_str(b->t, &e[0], s0, sizeof(s0));
		end_str(b->t, &e[1], s1, sizeof(s1));
		fprintf(b->out, "veth %s -- %s\n", s0, s1);
	}
cleanup:
	ns_handle_close(&h[0]);
	ns_handle_close(&h[1]);
	return err;
}

/* How the record lists a port of a host bridge. */
static enum state_kind port_kind(const struct topo_port *p)
{
	return !strcmp(p->kind, "tap") ? STATE_TAP : STATE_DUMMY;
}

/* A port that is no veth: made in its bridge's namespace, recorded there if it is the host's,
 * put on the bridge (which brings it up), then its options. */
static int build_port(struct build *b, const struct topo_port *p)
{
	const struct topo_end *e = &p->end;
	const char *br = b->t->bridges[e->owner].name;
	int ns = topo_end_netns_index(b->t, e), ifindex = 0, err;
	struct ns_handle h = { .fd = -1 };
	struct nl *nl;
	char opts[64];

	err = ns_nl(b, ns, &h, &nl) ?: step(b, "create %s %s:%s", p->kind, br, e->ifname);
	if (!err)
		err = !strcmp(p->kind, "tap") ? tap_add(h.fd, e->ifname) :
		      nl_link_add(nl, e->ifname, p->kind);
	if (err >= 0)
		err = ns < 0 ? record_link(b, port_kind(p), e->ifname, NULL, &ifindex) :
		      link_index(nl, e->ifname, &ifindex);
	err = err ?: step(b, "attach %s to bridge %s", e->ifname, br) ?:
	      nl_link_up(nl, ifindex, b->bridge_ifindex[e->owner]) ?:
	      build_opts(b, nl, br, e->ifname, ifindex, &e->opts);
	ns_handle_close(&h);
	if (!err && b->out)
		fprintf(b->out, "port %s %s:%s%s\n", p->kind, br, e->ifname,
			topo_opts_str(&e->opts, opts, sizeof(opts)));
	return err;
}

static int build_route(struct build *b, const struct topo_route *r)
{
	const char *ns = b->t->netns[r->netns].name;
	struct ns_handle h;
	char dst[64], via[64];
	int err;

	if (r->is_default)
		snprintf(dst, sizeof(dst), "default");
	else
		topo_addr_str(&r->dst, dst, sizeof(dst));
	topo_ip_str(&r->via, via, sizeof(via));
	err = open_ns(b, ns, &h);
	if (err)
		return err;
	err = step(b, "add route %s via %s in %s", dst, via, ns) ?:
	      nl_route_add(h.nl, r->is_default ? NULL : &r->dst, &r->via);
	ns_handle_close(&h);
	if (!err && b->out)
		fprintf(b->out, "route %s %s via %s\n", ns, dst, via);
	return err;
}

static int build_all(struct build *b)
{
	const struct topo *t = b->t;
	int err = 0;

	for (int i = 0; i < t->nnetns && !err; i++)
		err = build_netns(b, &t->netns[i]);
	for (int i = 0; i < t->nbridges && !err; i++)
		err = build_bridge(b, i);
	for (int i = 0; i < t->nveths && !err; i++)
		err = build_veth(b, &t->veths[i]);
	for (int i = 0; i < t->nports && !err; i++)
		err = build_port(b, &t->ports[i]);
	for (int i = 0; i < t->nroutes && !err; i++)
		err = build_route(b, &t->routes[i]);
	return err;
}

/* A host-namespace name taken by something nsviz did not make for this topology. */
static int check_host_name(struct build *b, const char *what, const char *name, int *conflicts)
{
	struct nl_link l;
	int err = nl_link_get(b->host, 0, name, &l);

	if (err == -ENODEV)
		return 0;
	if (err) {
		fprintf(b->err, "nsviz %s: look up %s %s: %s\n", b->cmd, what, name,
			strerror(-err));
		return err;
	}
	fprintf(b->err, "nsviz %s: %s %s: the name is taken in the host namespace by an interface "
			"nsviz did not create for %s\n", b->cmd, what, name, b->t->name);
	(*conflicts)++;
	return 0;
}

/* Every conflict is reported, and nothing is made when there is one. */
static int check_conflicts(struct build *b)
{
	const struct topo *t = b->t;
	int conflicts = 0, err = 0;

	for (int i = 0; i < t->nnetns; i++) {
		if (!netns_exists(t->netns[i].name))
			continue;
		fprintf(b->err, "nsviz %s: netns %s exists already (in /run/netns) and nsviz did not "
				"create it for %s\n", b->cmd, t->netns[i].name, t->name);
		conflicts++;
	}
	for (int i = 0; i < t->nbridges && !err; i++)
		if (t->bridges[i].netns < 0)
			err = check_host_name(b, "bridge", t->bridges[i].name, &conflicts);
	for (int i = 0; i < t->nveths && !err; i++)
		for (int j = 0; j < 2 && !err; j++)
			if (topo_end_netns_index(t, &t->veths[i].end[j]) < 0)
				err = check_host_name(b, "veth end", t->veths[i].end[j].ifname,
						      &conflicts);
	for (int i = 0; i < t->nports && !err; i++)
		if (topo_end_netns_index(t, &t->ports[i].end) < 0)
			err = check_host_name(b, "port", t->ports[i].end.ifname, &conflicts);
	if (err)
		return err;
	if (conflicts)
		fprintf(b->err, "nsviz %s: %s not built: %d name%s taken; nothing changed\n",
			b->cmd, t->name, conflicts, conflicts == 1 ? "" : "s");
	return conflicts ? -EEXIST : 0;
}

/* Undo this run after a failed step, and say which step failed. */
static void rollback(struct build *b, int cause)
{
	int removed = 0, err = build_undo(b->host, b->rec, b->cmd, &removed, NULL, b->err);

	if (!err)
		err = state_remove(b->t->name);
	if (err)
		fprintf(b->err, "nsviz %s: %s: %s; rollback incomplete (removed %d objects): run "
				"'nsviz down %s'\n", b->cmd, b->what, strerror(-cause), removed,
			b->t->name);
	else
		fprintf(b->err, "nsviz %s: %s: %s; rolled back %d object%s\n", b->cmd, b->what,
			strerror(-cause), removed, removed == 1 ? "" : "s");
}

static bool recorded(const struct state *s, enum state_kind kind, const char *name)
{
	for (int i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == kind && !strcmp(s->objs[i].name, name))
			return true;
	return false;
}

/* Every namespace, host bridge and host port of the topology is in the record S: the topology is
 * the one that was built (a file edited since would not be). */
static bool record_matches(const struct topo *t, const struct state *s)
{
	for (int i = 0; i < t->nnetns; i++)
		if (!recorded(s, STATE_NETNS, t->netns[i].name))
			return false;
	for (int i = 0; i < t->nbridges; i++)
		if (t->bridges[i].netns < 0 && !recorded(s, STATE_BRIDGE, t->bridges[i].name))
			return false;
	for (int i = 0; i < t->nveths; i++)
		for (int j = 0; j < 2; j++)
			if (topo_end_netns_index(t, &t->veths[i].end[j]) < 0 &&
			    !recorded(s, STATE_LINK, t->veths[i].end[j].ifname))
				return false;
	for (int i = 0; i < t->nports; i++)
		if (topo_end_netns_index(t, &t->ports[i].end) < 0 &&
		    !recorded(s, port_kind(&t->ports[i]), t->ports[i].end.ifname))
			return false;
	return true;
}

/* Up already (0, *ALREADY set), not up (0), or a record that does not match what exists. */
static int check_record(struct build *b, bool *already)
{
	struct state *s = NULL;
	int err = build_load(b->t->name, b->cmd, &s, b->err);

	if (err)
		return err == -ENOENT ? 0 : err;
	err = build_all_present(b->host, s);
	if (!err && s->complete && record_matches(b->t, s))
		*already = true;
	else if (!err && s->complete)
		fprintf(b->err, "nsviz %s: %s is up, but not as the file says now (edited since?); run "
				"'nsviz down %s' first\n", b->cmd, b->t->name, b->t->name);
	else
		fprintf(b->err, "nsviz %s: %s is partly built (an interrupted `up`, or objects removed "
				"since); run 'nsviz down %s' first\n", b->cmd, b->t->name,
			b->t->name);
	state_free(s);
	return *already ? 0 : -EEXIST;
}

static int fail_at_step;

void build_fail_at(int step)
{
	fail_at_step = step;
}

int build_up(const struct topo *t, const char *cmd, bool *already, FILE *out, FILE *err)
{
	struct build b = { .t = t, .cmd = cmd, .out = out, .err = err, .fail_at = fail_at_step };
	uint64_t hostns;
	int ret, lock = -1;

	*already = false;
	b.bridge_ifindex = calloc(t->nbridges + 1, sizeof(int));
	ret = b.bridge_ifindex ? nl_open(-1, &b.host) : -ENOMEM;
	if (ret) {
		fprintf(err, "nsviz %s: open rtnetlink: %s\n", cmd, strerror(-ret));
		goto cleanup;
	}
	lock = state_lock(t->name, cmd, err);
	if (lock < 0) {
		ret = lock;
		fprintf(err, "nsviz %s: lock the record of %s: %s\n", cmd, t->name, strerror(-ret));
		goto cleanup;
	}
	ret = check_record(&b, already);
	if (ret || *already || (ret = check_conflicts(&b)))
		goto cleanup;
	ret = netns_cookie(-1, &hostns) ?: state_begin(t->name, hostns, &b.rec);
	if (ret) {
		fprintf(err, "nsviz %s: start the record of %s: %s\n", cmd, t->name,
			strerror(-ret));
		goto cleanup;
	}
	ret = build_all(&b);
	if (!ret && (ret = state_commit(b.rec)))
		snprintf(b.what, sizeof(b.what), "record %s as up", t->name);
	if (ret)
		rollback(&b, ret);
cleanup:
	state_free(b.rec);
	state_unlock(t->name, lock);
	nl_close(b.host);
	free(b.bridge_ifindex);
	return ret;
}
