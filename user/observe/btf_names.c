// SPDX-License-Identifier: GPL-2.0
/* See btf_names.h. The layout is the kernel's struct btf_header (include/uapi/linux/btf.h). */
#include <errno.h>
#include <fcntl.h>
#include <linux/btf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btf_names.h"

/* The whole file into *BUF (sysfs gives no size up front: read until the end). */
static int read_all(const char *path, char **buf, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
	size_t cap = 1 << 20;
	ssize_t got;

	*len = 0;
	*buf = fd < 0 ? NULL : malloc(cap);
	if (fd < 0 || !*buf) {
		rc = fd < 0 ? -errno : -ENOMEM;
		goto out;
	}
	while ((got = read(fd, *buf + *len, cap - *len)) > 0)
		if ((*len += got) == cap) {
			char *more = realloc(*buf, cap *= 2);

			if (!more) {
				rc = -ENOMEM;
				goto out;
			}
			*buf = more;
		}
	if (got < 0)
		rc = -errno;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

/* NAME as a whole string of the section S (LEN bytes), not the tail of a longer one. */
static bool has_string(const char *s, size_t len, const char *name)
{
	size_t n = strlen(name) + 1; /* with its NUL: not a prefix of a longer one either */
	const char *end = s + len;

	for (const char *p = s; p < end && (p = memmem(p, end - p, name, n)); p++)
		if (p == s || p[-1] == '\0')
			return true;
	return false;
}

int btf_names_have(const char *path, const char *const *names, int n, bool *has)
{
	const struct btf_header *h;
	char *buf = NULL;
	size_t len;
	int rc = read_all(path, &buf, &len);

	memset(has, 0, n * sizeof(*has));
	h = (const struct btf_header *)buf;
	if (!rc && (len < sizeof(*h) || h->magic != BTF_MAGIC || h->hdr_len > len ||
		    (size_t)h->hdr_len + h->str_off + h->str_len > len))
		rc = -EINVAL;
	for (int i = 0; !rc && i < n; i++)
		has[i] = has_string(buf + h->hdr_len + h->str_off, h->str_len, names[i]);
	free(buf);
	return rc;
}
