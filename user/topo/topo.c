// SPDX-License-Identifier: GPL-2.0
/* The topology model: built-ins, loading a TOPOLOGY argument, freeing, ownership questions. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"
#include "topo_int.h"

/* Identical to examples/seed.topo and examples/router.topo (a unit test holds them together). */
static const struct {
	const char *name;
	const char *text;
} builtins[] = {
	{ "seed",
	  "# The tutorial's network: two namespaces on one bridge.\n"
	  "netns red\n"
	  "netns green\n"
	  "bridge bridge1\n"
	  "veth red:eth0-r 10.0.0.1/24 -- bridge1:veth-r\n"
	  "veth green:eth0-g 10.0.0.2/24 -- bridge1:veth-g\n" },
	{ "router",
	  "# Two LANs joined by a router: h1 -- lan1 -- router -- lan2 -- h2.\n"
	  "# A ping from h1 to h2 crosses both bridges and the router.\n"
	  "netns router forwarding\n"
	  "netns h1\n"
	  "netns h2\n"
	  "bridge lan1\n"
	  "bridge lan2\n"
	  "veth h1:eth0 10.0.1.2/24 -- lan1:lan1-h1\n"
	  "veth router:eth1 10.0.1.1/24 -- lan1:lan1-r\n"
	  "veth router:eth2 10.0.2.1/24 -- lan2:lan2-r\n"
	  "veth h2:eth0 10.0.2.2/24 -- lan2:lan2-h2\n"
	  "route h1 default via 10.0.1.1\n"
	  "route h2 default via 10.0.2.1\n" },
};

const char *topo_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return builtins[i].text;
	return NULL;
}

const char *topo_builtin_name(size_t i)
{
	return i < sizeof(builtins) / sizeof(builtins[0]) ? builtins[i].name : NULL;
}

void topo_free(struct topo *t)
{
	for (int i = 0; i < t->nveths; i++)
		for (int j = 0; j < 2; j++)
			free(t->veths[i].end[j].addrs);
	for (int i = 0; i < t->nports; i++)
		free(t->ports[i].end.addrs);
	free(t->netns);
	free(t->bridges);
	free(t->veths);
	free(t->ports);
	free(t->routes);
	memset(t, 0, sizeof(*t));
}

int topo_end_netns_index(const struct topo *t, const struct topo_end *end)
{
	return end->kind == TOPO_OWNER_NETNS ? end->owner : t->bridges[end->owner].netns;
}

const char *topo_end_netns(const struct topo *t, const struct topo_end *end)
{
	int ns = topo_end_netns_index(t, end);

	return ns >= 0 ? t->netns[ns].name : NULL;
}

const char *topo_end_nspath(const struct topo *t, const struct topo_end *end)
{
	int ns = topo_end_netns_index(t, end);

	return ns >= 0 ? t->netns[ns].path : "";
}

bool topo_port_kind_ok(const char *kind)
{
	return !strcmp(kind, "dummy") || !strcmp(kind, "tap");
}

/* Group N items by KEYS[i] (0..NKEYS-1, or -1 for none): a counting sort. */
static int group_by(struct topo_group *g, int n, int nkeys, const int *keys)
{
	g->first = calloc(nkeys + 2, sizeof(int));
	g->item = calloc(n + 1, sizeof(int));
	if (!g->first || !g->item) {
		topo_group_free(g);
		return -ENOMEM;
	}
	for (int i = 0; i < n; i++)
		if (keys[i] >= 0)
			g->first[keys[i] + 2]++;
	for (int k = 2; k < nkeys + 2; k++)
		g->first[k] += g->first[k - 1];
	for (int i = 0; i < n; i++) /* first[key + 1] counts the items of KEY placed so far */
		if (keys[i] >= 0)
			g->item[g->first[keys[i] + 1]++] = i;
	return 0;
}

int topo_group_ends(const struct topo *t, enum topo_owner_kind kind, struct topo_group *g)
{
	int *keys = calloc(2 * t->nveths + 1, sizeof(int)), ret;

	if (!keys)
		return -ENOMEM;
	for (int k = 0; k < 2 * t->nveths; k++) {
		const struct topo_end *e = &t->veths[k / 2].end[k % 2];

		keys[k] = e->kind == kind ? e->owner : -1;
	}
	ret = group_by(g, 2 * t->nveths, kind == TOPO_OWNER_NETNS ? t->nnetns : t->nbridges, keys);
	free(keys);
	return ret;
}

int topo_group_routes(const struct topo *t, struct topo_group *g)
{
	int *keys = calloc(t->nroutes + 1, sizeof(int)), ret;

	if (!keys)
		return -ENOMEM;
	for (int r = 0; r < t->nroutes; r++)
		keys[r] = t->routes[r].netns;
	ret = group_by(g, t->nroutes, t->nnetns, keys);
	free(keys);
	return ret;
}

void topo_group_free(struct topo_group *g)
{
	free(g->first);
	free(g->item);
	g->first = g->item = NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* A topology file is text a person wrote: far below this. It bounds what a mistaken path
 * (a disk image, /dev/zero) costs before it is refused. */
#define TOPO_FILE_MAX (16 << 20)

static const char *file_kind(mode_t mode)
{
	return S_ISDIR(mode) ? "a directory" : S_ISFIFO(mode) ? "a FIFO" : S_ISCHR(mode) ?
	       "a character device" : S_ISBLK(mode) ? "a block device" : S_ISSOCK(mode) ?
	       "a socket" : "not a regular file";
}

/* Open PATH (SHOWN in messages) for reading, refusing anything but a regular file of at most
 * TOPO_FILE_MAX bytes. O_NONBLOCK: opening a FIFO must not wait for a writer. The descriptor, or
 * -errno. */
static int open_text(const char *path, const char *shown, FILE *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), ret = -EINVAL;
	struct stat st;

	if (fd < 0) {
		ret = -errno;
		fprintf(err, "%s: cannot open: %s\n", shown, strerror(errno));
		return ret;
	}
	if (fstat(fd, &st)) {
		ret = -errno;
		fprintf(err, "%s: cannot stat: %s\n", shown, strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		fprintf(err, "%s: is %s; a topology is a regular text file\n", shown,
			file_kind(st.st_mode));
	} else if (st.st_size > TOPO_FILE_MAX) {
		fprintf(err, "%s: is %lld bytes; a topology file may have at most %d\n", shown,
			(long long)st.st_size, TOPO_FILE_MAX);
	} else {
		return fd;
	}
	close(fd);
	return ret;
}

/* The whole file PATH as a string in *TEXT; 0 or -errno (messages on ERR, naming SHOWN). */
static int read_text(const char *path, const char *shown, char **text, FILE *err)
{
	int fd = open_text(path, shown, err), ret = 0;
	size_t len = 0, cap = 0;
	char *buf = NULL, *p;
	ssize_t n = 0;

	if (fd < 0)
		return fd;
	do { /* up to one byte past the limit: a file that grew since fstat is caught too */
		if (len + 1 >= cap) {
			cap = cap ? 2 * cap : 8192;
			p = realloc(buf, cap);
			if (!p) {
				ret = -ENOMEM;
				fprintf(err, "%s: out of memory\n", shown);
				goto cleanup;
			}
			buf = p;
		}
		n = read(fd, buf + len, cap - 1 - len);
		len += n > 0 ? n : 0;
	} while (n > 0 && len <= TOPO_FILE_MAX);
	if (n < 0) {
		ret = -errno;
		fprintf(err, "%s: cannot read: %s\n", shown, strerror(errno));
	} else if (len > TOPO_FILE_MAX) {
		ret = -EFBIG;
		fprintf(err, "%s: has more than %d bytes; a topology file may have at most that\n",
			shown, TOPO_FILE_MAX);
	} else if (memchr(buf, 0, len)) {
		ret = -EINVAL;
		fprintf(err, "%s: contains a NUL byte; is it a text file?\n", shown);
	}
	buf[len] = 0;
cleanup:
	close(fd);
	if (ret)
		free(buf);
	else
		*text = buf;
	return ret;
}

/* The file's basename without ".topo": it names the topology (state, messages). */
static int name_from_path(const char *path, const char *shown, char *name, FILE *err)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base) - (ends_with(base, ".topo") ? 5 : 0);

	if (!n || n > TOPO_NAME_MAX || text_has_control(base, NULL) || !strncmp(base, ".", n) ||
	    !strncmp(base, "..", n)) {
		fprintf(err, "%s: cannot name a topology after its file name: use 1 to %d printable "
			     "bytes (plus .topo)\n", shown, TOPO_NAME_MAX);
		return -EINVAL;
	}
	memcpy(name, base, n);
	name[n] = 0;
	return 0;
}

static bool is_path(const char *arg)
{
	return strchr(arg, '/') || ends_with(arg, ".topo") || !access(arg, F_OK);
}

static int load_file(const char *path, struct topo *t, FILE *err)
{
	char name[TOPO_NAME_MAX + 1], *text = NULL, *shown = text_escape_dup(path);
	int ret = shown ? 0 : -ENOMEM;

	memset(t, 0, sizeof(*t));
	if (!ret)
		ret = name_from_path(path, shown, name, err);
	if (!ret)
		ret = read_text(path, shown, &text, err);
	if (!ret)
		ret = topo_parse(path, text, t, err);
	if (!ret)
		snprintf(t->name, sizeof(t->name), "%s", name);
	else if (!shown)
		fprintf(err, "out of memory\n");
	free(text);
	free(shown);
	return ret;
}

int topo_load(const char *arg, struct topo *t, FILE *err)
{
	char source[64], shown[256];
	const char *text;
	int ret;

	if (!arg)
		arg = "seed";
	if (is_path(arg))
		return load_file(arg, t, err);
	text = topo_builtin(arg);
	if (!text) {
		memset(t, 0, sizeof(*t));
		fprintf(err, "unknown topology '%s': no such file, and not a built-in (built-ins:",
			text_escape(arg, shown, sizeof(shown)));
		for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
			fprintf(err, "%s %s", i ? "," : "", builtins[i].name);
		fprintf(err, ")\n");
		return -ENOENT;
	}
	snprintf(source, sizeof(source), "built-in:%s", arg);
	ret = topo_parse(source, text, t, err);
	if (!ret)
		snprintf(t->name, sizeof(t->name), "%s", arg);
	return ret;
}
