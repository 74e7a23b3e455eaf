// SPDX-License-Identifier: GPL-2.0
/* Queueing disciplines that drop everything sent out of an interface, from `tc qdisc show`:
 * blackhole, and netem losing 100%. And the interfaces that have tc filters: their actions are
 * not read (this kernel has no gact action to test them with), so they can only be noted. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "why.h"

static bool drops_all(const char *kind, const char *line)
{
	return !strcmp(kind, "blackhole") || (!strcmp(kind, "netem") && strstr(line, " loss 100%"));
}

static int add(struct why_ns_facts *ns, const char *dev, const char *text, bool filter)
{
	int err = grow_array((void **)&ns->qdiscs, NULL, ns->nqdiscs, sizeof(*ns->qdiscs));
	struct why_qdisc *q;

	if (err)
		return err;
	q = &ns->qdiscs[ns->nqdiscs++];
	snprintf(q->ifname, sizeof(q->ifname), "%s", dev);
	snprintf(q->text, sizeof(q->text), "%s", text);
	for (size_t n = strlen(q->text); n && q->text[n - 1] == ' '; n--)
		q->text[n - 1] = '\0'; /* tc ends a filter's line with a space */
	q->filter = filter;
	return 0;
}

static int parse_line(const char *line, struct why_ns_facts *ns)
{
	char kind[32], dev[IFNAMSIZ];
	const char *at = strstr(line, " dev ");
	int n = 0;

	if (sscanf(line, "filter dev %15s %*s %n", dev, &n) == 1 && n)
		return add(ns, dev, line + strlen("filter dev ") + strlen(dev) + 1, true);
	if (sscanf(line, "qdisc %31s", kind) != 1 || !at || sscanf(at, " dev %15s", dev) != 1 ||
	    !drops_all(kind, line))
		return 0;
	return add(ns, dev, line + strlen("qdisc "), false);
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
