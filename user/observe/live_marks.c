// SPDX-License-Identifier: GPL-2.0
/* See live_marks.h. */
#include <string.h>

#include "live_marks.h"
#include "live_mismatch.h"

struct marks {
	struct snap_iface *ifs;
	int n;
	struct snap_netns *ns;
	int nns;
};

/* TEXT after what BUF (SNAP_MISMATCH_LEN bytes) says already; cut when it is full. */
static void append(char *buf, const char *text)
{
	size_t len = strlen(buf);

	snprintf(buf + len, SNAP_MISMATCH_LEN - len, "%s%s", len ? "; " : "", text);
}

static char *mark_of(struct marks *mk, const struct live_mismatch *m)
{
	if (*m->ifname) {
		for (int i = 0; i < mk->n; i++)
			if (!strcmp(mk->ifs[i].netns, m->netns) && !strcmp(mk->ifs[i].ifname, m->ifname))
				return mk->ifs[i].link.mismatch;
		return NULL;
	}
	for (int i = 0; i < mk->nns; i++)
		if (!strcmp(mk->ns[i].name, m->netns))
			return mk->ns[i].mismatch;
	return NULL;
}

static void on_mismatch(const struct live_mismatch *m, void *ctx)
{
	char *buf = mark_of(ctx, m);

	if (buf)
		append(buf, m->text);
}

int live_marks_fill(const struct topo *declared, const struct live *live, struct snap_iface *ifs,
		    int n, struct snap_netns *ns, int nns)
{
	struct marks mk = { .ifs = ifs, .n = n, .ns = ns, .nns = nns };
	int rc;

	for (int i = 0; i < n; i++)
		ifs[i].link.mismatch[0] = 0;
	for (int i = 0; i < nns; i++)
		ns[i].mismatch[0] = 0;
	rc = live_mismatch(declared, live, on_mismatch, &mk);
	return rc < 0 ? rc : 0;
}
