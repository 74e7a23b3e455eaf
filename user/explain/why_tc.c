// SPDX-License-Identifier: GPL-2.0
/* Queueing disciplines that drop everything sent out of an interface, from `tc qdisc show`:
 * blackhole, and netem losing 100%. (tc filters with a drop action are not read yet.) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "why.h"

static bool drops_all(const char *kind, const char *line)
{
	return !strcmp(kind, "blackhole") || (!strcmp(kind, "netem") && strstr(line, " loss 100%"));
}

static int parse_line(const char *line, struct why_ns_facts *ns)
{
	char kind[32], dev[IFNAMSIZ];
	const char *at = strstr(line, " dev ");
	struct why_qdisc *q;
	int err;

	if (sscanf(line, "qdisc %31s", kind) != 1 || !at || sscanf(at, " dev %15s", dev) != 1 ||
	    !drops_all(kind, line))
		return 0;
	err = live_grow((void **)&ns->qdiscs, ns->nqdiscs, sizeof(*ns->qdiscs));
	if (err)
		return err;
	q = &ns->qdiscs[ns->nqdiscs++];
	snprintf(q->ifname, sizeof(q->ifname), "%s", dev);
	snprintf(q->text, sizeof(q->text), "%s", line + strlen("qdisc "));
	return 0;
}

int why_parse_tc(const char *text, struct why_ns_facts *ns)
{
	char *copy = strdup(text), *save = NULL;
	int err = copy ? 0 : -ENOMEM;

	for (char *line = copy ? strtok_r(copy, "\n", &save) : NULL; line && !err;
	     line = strtok_r(NULL, "\n", &save))
		err = parse_line(line, ns);
	free(copy);
	return err;
}
