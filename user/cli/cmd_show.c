// SPDX-License-Identifier: GPL-2.0
/* `nsviz show [TOPOLOGY]`: parse and print, the way to check a file. No root needed.
 * `show --builtins`: the built-in names, one a line, for shell completion and scripts. */
#include <stdio.h>

#include "commands.h"
#include "topo.h"

static int show_builtins(const struct env *env)
{
	const char *name;

	if (env->topology) {
		fprintf(stderr, "nsviz show: --builtins takes no TOPOLOGY\n");
		return EXIT_USAGE;
	}
	for (size_t i = 0; (name = topo_builtin_name(i)); i++)
		printf("%s\n", name);
	return EXIT_OK;
}

int cmd_show(const struct env *env)
{
	struct topo t;

	if (env->builtins)
		return show_builtins(env);
	if (topo_load(env->topology, &t, stderr))
		return EXIT_USAGE;
	topo_print(&t, stdout);
	topo_free(&t);
	return EXIT_OK;
}
