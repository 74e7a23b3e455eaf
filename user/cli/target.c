// SPDX-License-Identifier: GPL-2.0
/* The topology a command observes: a file's or built-in one that must be up, or a view of the
 * live network; then its scope. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "commands.h"
#include "live.h"
#include "live_view.h"
#include "target.h"
#include "text.h"

static int require_up(const struct env *env, const struct topo *t)
{
	int up = build_is_up(t, env->cmd, stderr);
	char shown[256];

	if (up)
		return up > 0 ? 0 : up == -EBADMSG ? EXIT_USAGE : EXIT_FAIL;
	text_escape(env->topology, shown, sizeof(shown));
	fprintf(stderr, "nsviz %s: topology '%s' is not up (try: nsviz up %s; without TOPOLOGY, "
			"nsviz %s observes the live network)\n", env->cmd, t->name, shown, env->cmd);
	return EXIT_FAIL;
}

/* Discovery prints its own failures (a namespace it cannot enter is left out, not fatal). */
static int load_live(const struct env *env, struct topo *t)
{
	struct live live = { 0 };
	int rc = live_discover(&live, stderr);

	if (!rc)
		rc = live_view(&live, t, env->cmd, stderr);
	live_free(&live);
	return rc ? EXIT_FAIL : 0;
}

int target_load(const struct env *env, struct topo *t)
{
	int rc;

	if (!env->topology) {
		rc = load_live(env, t);
	} else {
		rc = topo_load(env->topology, t, stderr) ? EXIT_USAGE : 0;
		if (!rc && (rc = require_up(env, t)))
			topo_free(t);
	}
	if (rc)
		return rc;
	if (topo_scope(t, env->netns, env->bridge, env->cmd, stderr)) {
		topo_free(t);
		return EXIT_USAGE;
	}
	return 0;
}

static bool has_netns(const struct topo *t, const char *name, size_t len)
{
	for (int i = 0; i < t->nnetns; i++)
		if (strlen(t->netns[i].name) == len && !strncmp(t->netns[i].name, name, len))
			return true;
	return false;
}

static bool has_bridge(const struct topo *t, const char *name)
{
	for (int i = 0; i < t->nbridges; i++)
		if (!strcmp(t->bridges[i].name, name))
			return true;
	return false;
}

/* The names of the list NETNS that T has, into BUF (LEN bytes at least strlen(NETNS) + 1). */
static char *netns_present(const struct topo *t, const char *netns, char *buf)
{
	*buf = 0;
	for (const char *p = netns, *end; p; p = *end ? end + 1 : NULL) {
		end = p + strcspn(p, ",");
		if (has_netns(t, p, (size_t)(end - p)))
			sprintf(buf + strlen(buf), "%s%.*s", *buf ? "," : "", (int)(end - p), p);
	}
	return buf;
}

/* ENV's scope on T, a view of a later reading: a scope name the live network no longer has
 * narrows to nothing (its namespace or bridge went away while observed), not an error. */
static int rescope(const struct env *env, struct topo *t)
{
	char *list = env->netns ? malloc(strlen(env->netns) + 1) : NULL;
	int rc = env->netns && !list ? -ENOMEM : 0;

	if (!rc && ((list && !*netns_present(t, env->netns, list)) ||
		    (env->bridge && !has_bridge(t, env->bridge)))) {
		topo_free(t);
		snprintf(t->name, sizeof(t->name), "live");
		snprintf(t->source, sizeof(t->source), "live network");
	} else if (!rc) {
		rc = topo_scope(t, list, env->bridge, env->cmd, stderr);
	}
	free(list);
	return rc;
}

/* ENV's TOPOLOGY read again, narrowed (it parsed at the start: a failure now, the file edited
 * meanwhile, is not said again and again). */
static int file_view(const struct env *env, struct topo *t)
{
	char *msg = NULL;
	size_t len = 0;
	FILE *quiet = open_memstream(&msg, &len);
	int rc = quiet ? topo_load(env->topology, t, quiet) : -ENOMEM;

	if (!rc && (rc = topo_scope(t, env->netns, env->bridge, env->cmd, quiet)))
		topo_free(t);
	if (quiet)
		fclose(quiet);
	free(msg);
	return rc;
}

int target_view(const struct env *env, const struct live *live, const struct topo *prev,
		struct topo **out)
{
	struct topo *t = calloc(1, sizeof(*t));
	int rc = !t ? -ENOMEM : env->topology ? file_view(env, t) : live_view(live, t, env->cmd, stderr);

	if (!rc && !env->topology && (rc = rescope(env, t) ?: topo_order_like(t, prev)))
		topo_free(t);
	if (rc)
		free(t);
	else
		*out = t;
	return rc;
}
