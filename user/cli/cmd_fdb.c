// SPDX-License-Identifier: GPL-2.0
/* `nsviz fdb`: the bridges' forwarding databases, with the owners of their MACs. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "commands.h"
#include "fdb.h"
#include "fdb_table.h"
#include "out_json.h"
#include "out_table.h"
#include "target.h"
#include "topo.h"

/* The FDBs of T's bridges and the owners of their MACs, read at NOW, in F. Prints the error. */
static int read_fdbs(const struct topo *t, struct fdb_table *f, double now)
{
	struct snap_fdb *fresh = NULL;
	struct fdb_owner *o = NULL;
	int n = 0, cap = 0, no = 0, ret = 0;

	for (int i = 0; !ret && i < t->nbridges; i++) {
		ret = fdb_bridge_exists(t, i);
		if (ret == -ENODEV)
			fprintf(stderr, "nsviz fdb: bridge %s does not exist: is topology %s up? "
					"(nsviz up %s)\n", t->bridges[i].name, t->name, t->name);
		else if (ret)
			fprintf(stderr, "nsviz fdb: bridge %s: %s\n", t->bridges[i].name,
				strerror(-ret));
	}
	if (!ret) {
		ret = fdb_read(t, &fresh, &n, &cap);
		if (!ret)
			ret = fdb_read_owners(t, &o, &no);
		if (!ret)
			ret = fdb_table_refresh(f, fresh, n, now);
		if (!ret)
			ret = fdb_table_owners(f, o, no);
		if (ret)
			fprintf(stderr, "nsviz fdb: read the bridge FDBs: %s\n", strerror(-ret));
	}
	free(fresh);
	free(o);
	return ret;
}

int cmd_fdb(const struct env *env)
{
	const struct snap_fdb *e;
	struct fdb_table *f = NULL;
	int ret = EXIT_FAIL, n;
	double now = wall_now();
	struct topo t;

	ret = target_load(env, &t);
	if (ret)
		return ret;
	ret = EXIT_FAIL;
	f = fdb_table_new();
	if (!f)
		fprintf(stderr, "nsviz fdb: %s\n", strerror(ENOMEM));
	if (!f || read_fdbs(&t, f, now))
		goto cleanup;
	e = fdb_table_entries(f, now, &n);
	if (env->json) {
		out_json_fdb(stdout, now, e, n);
	} else {
		out_table_fdb(stdout, e, n);
	}
	ret = EXIT_OK; /* main reports output stdout did not take */
cleanup:
	fdb_table_free(f);
	topo_free(&t);
	return ret;
}
