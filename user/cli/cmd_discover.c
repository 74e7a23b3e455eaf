// SPDX-License-Identifier: GPL-2.0
/* `nsviz discover`: read the live network and print it as a .topo file, or as one JSON object. */
#include <stdio.h>

#include "commands.h"
#include "live.h"
#include "out_live.h"

int cmd_discover(const struct env *env)
{
	struct live live;

	if (env->topology) {
		fprintf(stderr, "nsviz discover: unexpected argument '%s': discover reads the live "
				"network, not a topology\n", env->topology);
		return EXIT_USAGE;
	}
	if (live_discover(&live, stderr))
		return EXIT_FAIL;
	if (env->json)
		json_live(stdout, &live);
	else
		live_print_topo(stdout, &live);
	live_free(&live);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}
