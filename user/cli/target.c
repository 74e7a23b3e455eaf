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
