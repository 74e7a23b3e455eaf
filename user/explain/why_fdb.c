// SPDX-License-Identifier: GPL-2.0
/* The forwarding databases of the bridges of one namespace, read over rtnetlink from inside it:
 * a port that is not flooded to gets unicast only for the MACs its bridge has learned there. */
#include <errno.h>
#include <linux/neighbour.h>
#include <string.h>

#include "grow.h"
#include "netlink.h"
#include "why.h"

static int add_entry(const struct nl_fdb *e, void *ctx)
{
	struct why_ns_facts *f = ctx;
	int err;

	if (e->state & NUD_PERMANENT)
		return 0; /* a port's own address, not a MAC behind it */
	err = grow_array((void **)&f->fdb, NULL, f->nfdb, sizeof(*f->fdb));
	if (err)
		return err;
	f->fdb[f->nfdb].port = e->port;
	memcpy(f->fdb[f->nfdb].mac, e->mac, 6);
	f->nfdb++;
	return 0;
}

int why_fdb_read(const struct live_ns *ns, struct why_ns_facts *f)
{
	struct nl *nl = NULL;
	int err = 0;

	for (int i = 0; !err && i < ns->nlinks; i++) {
		if (strcmp(ns->links[i].l.kind, "bridge"))
			continue;
		err = nl ? 0 : nl_open(-1, &nl);
		err = err ?: nl_fdb_dump(nl, ns->links[i].l.ifindex, add_entry, f);
	}
	nl_close(nl);
	f->fdb_read = !err;
	return err;
}
