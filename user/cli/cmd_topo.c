// SPDX-License-Identifier: GPL-2.0
/* `nsviz up` and `nsviz down`: load the topology, then build or remove it (user/net/build.c says how;
 * it reports kernel errors itself, with the step that failed). A closed stdout (`nsviz up | head`)
 * must not kill them halfway: SIGPIPE is ignored and the lines are lost instead. */
#include <signal.h>
#include <stdio.h>

#include "build.h"
#include "commands.h"
#include "topo.h"

int cmd_up(const struct env *env)
{
	bool already = false;
	struct topo t;
	int err;

	if (topo_load(env->topology, &t, stderr))
		return EXIT_USAGE;
	signal(SIGPIPE, SIG_IGN);
	err = build_up(&t, &already, stdout, stderr);
	if (!err)
		printf(already ? "nsviz up: %s is already up\n" : "nsviz up: %s is up\n", t.name);
	topo_free(&t);
	return err ? EXIT_FAIL : EXIT_OK;
}

int cmd_down(const struct env *env)
{
	bool was_up = false;
	struct topo t;
	int err;

	if (topo_load(env->topology, &t, stderr))
		return EXIT_USAGE;
	signal(SIGPIPE, SIG_IGN);
	err = build_down(&t, &was_up, stdout, stderr);
	if (!err)
		printf(was_up ? "nsviz down: %s is down\n" : "nsviz down: %s is not up\n", t.name);
	topo_free(&t);
	return err ? EXIT_FAIL : EXIT_OK;
}
