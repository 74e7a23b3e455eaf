/* SPDX-License-Identifier: GPL-2.0 */
/* A generated topology of N namespaces for the layout and dense-mode tests. */
#ifndef NSVIZ_GEN_TOPO_H
#define NSVIZ_GEN_TOPO_H

#include <stdio.h>
#include <stdlib.h>

/* N namespaces: hosts spread over N/20+1 bridges, a router between neighbouring bridges, from
 * 10 namespaces on a pair joined directly and a router between the first and last bridge. */
static inline char *make_topo(int n)
{
	size_t cap = 200 + n * 160;
	char *s = malloc(cap), *p = s;
	int nb = n / 20 + 1, used = 0;

	p += sprintf(p, "# generated: %d namespaces\n", n);
	for (int b = 0; b < nb; b++)
		p += sprintf(p, "bridge br%d\n", b);
	for (int b = 0; b + 1 < nb && used + 1 < n; b++, used++)
		p += sprintf(p, "netns r%d forwarding\nveth r%d:a 10.%d.0.1/16 -- br%d:r%da\n"
				"veth r%d:b 10.%d.0.254/16 -- br%d:r%db\n", b, b, b, b, b, b, b + 1, b + 1, b);
	if (n >= 10) {
		p += sprintf(p, "netns rx forwarding\nveth rx:a -- br0:rxa\nveth rx:b -- br%d:rxb\n", nb - 1);
		p += sprintf(p, "netns pa\nnetns pb\nveth pa:e0 10.200.0.1/24 -- pb:e0 10.200.0.2/24\n");
		used += 3;
	}
	for (int h = 0; used < n; h++, used++)
		p += sprintf(p, "netns h%d\nveth h%d:eth0 10.%d.%d.%d/16 -- br%d:p%d\n", h, h, h % nb,
			     (h / 250) + 1, h % 250 + 1, h % nb, h);
	return s;
}

#endif
