// SPDX-License-Identifier: GPL-2.0
/* `nsviz trace`: packet paths hop by hop; `nsviz fdb`: the bridges' forwarding databases. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "fdb.h"
#include "out_paths.h"
#include "topo.h"

static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The FDBs of T's bridges, sorted, in F. Prints the error. */
static int read_fdbs(const struct topo *t, struct fdb *f, const char *cmd)
{
	const char **names = calloc(t->nbridges + 1, sizeof(*names));
	int ret = names ? 0 : -ENOMEM;

	for (int i = 0; !ret && i < t->nbridges; i++) {
		names[i] = t->bridges[i].name;
		if (!if_nametoindex(names[i])) {
			fprintf(stderr, "nsviz %s: bridge %s does not exist: is topology %s up? "
					"(nsviz up %s)\n", cmd, names[i], t->name, t->name);
			ret = -ENODEV;
		}
	}
	if (!ret) {
		ret = fdb_refresh(f, names, t->nbridges, wall_now());
		if (ret)
			fprintf(stderr, "nsviz %s: read the bridge FDBs: %s\n", cmd, strerror(-ret));
	}
	free(names);
	return ret;
}

int cmd_fdb(const struct env *env)
{
	const struct snap_fdb *e;
	struct fdb *f = NULL;
	int ret = EXIT_FAIL, n;
	struct topo t;
	double now;

	if (topo_load(env->topology, &t, stderr))
		return EXIT_USAGE;
	f = fdb_new();
	if (!f || read_fdbs(&t, f, "fdb"))
		goto cleanup;
	now = wall_now();
	e = fdb_entries(f, now, &n);
	if (env->json) {
		printf("{\"type\":\"fdb\",\"time\":%.6f,\"fdb\":", now);
		out_fdb_json(stdout, e, n);
		printf("}\n");
	} else {
		out_fdb_text(stdout, e, n);
	}
	ret = fflush(stdout) ? EXIT_FAIL : EXIT_OK;
cleanup:
	fdb_free(f);
	topo_free(&t);
	return ret;
}

int cmd_trace(const struct env *env)
{
	(void)env;
	fprintf(stderr, "nsviz trace: not implemented yet\n");
	return EXIT_FAIL;
}
