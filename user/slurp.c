// SPDX-License-Identifier: GPL-2.0
/* See slurp.h. Files in /proc and sysfs report size 0: read to the end, doubling the buffer. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "slurp.h"

char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;
	size_t n = 0, cap = 1 << 20;
	char *buf = fd >= 0 ? malloc(cap) : NULL;
	ssize_t r = 0;

	while (buf && (r = read(fd, buf + n, cap - n - 1)) > 0) {
		char *more = (n += r) + 1 < cap ? buf : realloc(buf, cap *= 2);

		if (!more)
			free(buf);
		buf = more;
	}
	err = errno;
	if (fd >= 0)
		close(fd);
	if (buf && r < 0) {
		free(buf);
		buf = NULL;
	}
	if (!buf) {
		errno = err ? err : ENOMEM;
		return NULL;
	}
	buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}
