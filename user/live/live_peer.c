// SPDX-License-Identifier: GPL-2.0
/* Pairing veth ends. A veth names its peer by ifindex (IFLA_LINK) in a namespace given by an id
 * that only its own namespace understands (IFLA_LINK_NETNSID). An end whose pair matches both ways
 * (its link is the other's ifindex and back) in exactly one other namespace is paired at once;
 * when several namespaces match (ifindexes are per namespace, and every new one starts at 2),
 * the id is asked of the kernel: which id does this namespace give each candidate. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "live.h"

static bool is_veth(const struct live_link *l)
{
	return !strcmp(l->l.kind, "veth");
}

/* Y in namespace B could be the peer of X: it points back at X's ifindex, across namespaces
 * exactly when X does, and is not paired yet. */
static bool could_pair(const struct live_link *x, const struct live_link *y)
{
	return y && is_veth(y) && y->peer_ns < 0 && y->l.link == x->l.ifindex &&
	       (y->l.link_nsid < 0) == (x->l.link_nsid < 0);
}

static void pair(struct live *live, int a, int i, int b, int j)
{
	live->ns[a].links[i].peer_ns = b;
	live->ns[a].links[i].peer_link = j;
	live->ns[b].links[j].peer_ns = a;
	live->ns[b].links[j].peer_link = i;
}

/* Whether namespace A numbers namespace B as NSID. */
static int nsid_is(const struct live_ns *a, const struct live_ns *b, int nsid, bool *yes)
{
	int afd = open(a->path, O_RDONLY | O_CLOEXEC), bfd = open(b->path, O_RDONLY | O_CLOEXEC);
	struct nl *nl = NULL;
	int err, id = -1;

	err = afd < 0 || bfd < 0 ? -errno : nl_open(afd, &nl) ?: nl_nsid(nl, bfd, &id);
	*yes = id == nsid;
	nl_close(nl);
	if (afd >= 0)
		close(afd);
	if (bfd >= 0)
		close(bfd);
	return err;
}

/* The peer of link I of namespace A among namespaces other than A. */
static int pair_across(struct live *live, int a, int i)
{
	const struct live_link *x = &live->ns[a].links[i];
	int found = -1, n = 0, err = 0;
	bool yes;

	for (int b = 0; b < live->nns; b++)
		if (b != a && could_pair(x, live_link_by_index(&live->ns[b], x->l.link))) {
			found = b;
			n++;
		}
	for (int b = 0; n > 1 && b < live->nns && !err; b++) {
		if (b == a || !could_pair(x, live_link_by_index(&live->ns[b], x->l.link)))
			continue;
		err = nsid_is(&live->ns[a], &live->ns[b], x->l.link_nsid, &yes);
		if (!err && yes) {
			found = b;
			n = 1;
		}
	}
	if (err || n != 1)
		return err == -ENOENT ? 0 : err; /* a namespace gone meanwhile: its end stays unknown */
	pair(live, a, i, found,
	     (int)(live_link_by_index(&live->ns[found], x->l.link) - live->ns[found].links));
	return 0;
}

int live_resolve_peers(struct live *live, FILE *err)
{
	int ret = 0;

	for (int a = 0; a < live->nns && !ret; a++) {
		struct live_ns *ns = &live->ns[a];

		for (int i = 0; i < ns->nlinks && !ret; i++) {
			const struct live_link *x = &ns->links[i], *y;

			if (!is_veth(x) || x->peer_ns >= 0)
				continue;
			if (x->l.link_nsid >= 0) {
				ret = pair_across(live, a, i);
				continue;
			}
			y = live_link_by_index(ns, x->l.link);
			if (y != x && could_pair(x, y))
				pair(live, a, i, a, (int)(y - ns->links));
		}
		if (ret)
			fprintf(err, "nsviz: find the veth peers of %s: %s\n",
				ns->origin == LIVE_HOST ? "the host namespace" : ns->name, strerror(-ret));
	}
	return ret;
}
