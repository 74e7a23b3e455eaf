// SPDX-License-Identifier: GPL-2.0
/* `nsviz show [TOPOLOGY]`: parse and print, the way to check a file. No root needed. */
#include <stdio.h>

#include "commands.h"
#include "topo.h"

int cmd_show(const struct env *env)
{
	struct topo t;

	if (topo_load(env->topology, &t, stderr))
		return EXIT_USAGE;
	topo_print(&t, stdout);
	topo_free(&t);
	return EXIT_OK;
}
