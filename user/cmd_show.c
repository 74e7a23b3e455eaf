// SPDX-License-Identifier: GPL-2.0
/* Placeholder: replaced by the issue that implements these commands. */
#include <stdio.h>
#include "commands.h"

int cmd_show(const struct env *env)
{
	(void)env;
	fprintf(stderr, "nsviz show: not implemented yet\n");
	return EXIT_FAIL;
}
