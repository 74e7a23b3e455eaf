// SPDX-License-Identifier: GPL-2.0
/* Naming process-held namespaces after the container that holds them, where the container
 * runtime's own files say which (docs/live.md): Docker's config.v2.json, whose SandboxKey is the
 * netns file it bind-mounts, and LXC's cgroup `lxc.payload.NAME`. Read once per discovery, and
 * only when some namespace is held by a process. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "grow.h"
#include "live.h"

#define DOCKER_CONTAINERS "/var/lib/docker/containers"

/* The namespace whose netns file a runtime names, by its nsfs inode. */
struct sandbox {
	uint64_t ino;
	char name[65];
};

struct sandboxes {
	struct sandbox *s;
	int n;
	dev_t nsfs; /* the device of every namespace file: a plain file of that inode is none */
};

/* Container ID's Name ("/web") and NetworkSettings.SandboxKey from its config.v2.json, the
 * names moby's container.Container and network.Settings give them. A container that is not
 * running has no SandboxKey, and one being written may not parse: both are skipped. */
static int docker_container(struct sandboxes *sb, const char *id)
{
	char path[512];
	json_t *root, *name, *key;
	struct stat st;
	int err = 0;

	snprintf(path, sizeof(path), DOCKER_CONTAINERS "/%s/config.v2.json", id);
	root = json_load_file(path, 0, NULL);
	name = json_object_get(root, "Name");
	key = json_object_get(json_object_get(root, "NetworkSettings"), "SandboxKey");
	if (json_is_string(name) && json_is_string(key) && !stat(json_string_value(key), &st) &&
	    st.st_dev == sb->nsfs &&
	    !(err = grow_array((void **)&sb->s, NULL, sb->n, sizeof(*sb->s)))) {
		sb->s[sb->n].ino = st.st_ino;
		live_safe_name(json_string_value(name) + (json_string_value(name)[0] == '/'),
			       SIZE_MAX, "container", sb->s[sb->n++].name);
	}
	json_decref(root);
	return err;
}

static int read_docker(struct sandboxes *sb)
{
	DIR *d = opendir(DOCKER_CONTAINERS);
	struct dirent *e;
	int err = 0;

	if (!d)
		return 0; /* no Docker here, or not readable: COMM-PID names */
	while (!err && (e = readdir(d)))
		if (e->d_name[0] != '.')
			err = docker_container(sb, e->d_name);
	closedir(d);
	return err;
}

/* The LXC container PID runs in, from its cgroup (`0::/lxc.payload.NAME/...`), into NAME of 65
 * bytes; false when it runs in none. */
static bool lxc_name(int pid, char *name)
{
	char path[64], line[512], *p = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	f = fopen(path, "re");
	while (f && !p && fgets(line, sizeof(line), f))
		p = strstr(line, "/lxc.payload.");
	if (f)
		fclose(f);
	if (!p)
		return false;
	p += strlen("/lxc.payload.");
	live_safe_name(p, strcspn(p, "/\n"), "container", name);
	return true;
}

static const char *docker_name(const struct sandboxes *sb, uint64_t ino)
{
	for (int i = 0; i < sb->n; i++)
		if (sb->s[i].ino == ino)
			return sb->s[i].name;
	return NULL;
}

static bool any_proc(const struct live *live)
{
	for (int i = 0; i < live->nns; i++)
		if (live->ns[i].origin == LIVE_PROC)
			return true;
	return false;
}

int live_name_containers(struct live *live)
{
	struct sandboxes sb = { 0 };
	struct stat host;
	int err;

	if (!any_proc(live) || stat("/proc/thread-self/ns/net", &host))
		return 0;
	sb.nsfs = host.st_dev;
	err = read_docker(&sb);
	for (int i = 0; !err && i < live->nns; i++) {
		struct live_ns *ns = &live->ns[i];
		const char *name = ns->origin == LIVE_PROC ? docker_name(&sb, ns->ino) : NULL;

		if (name)
			snprintf(ns->name, sizeof(ns->name), "%s", name);
		else if (ns->origin == LIVE_PROC)
			lxc_name(ns->pid, ns->name);
	}
	free(sb.s);
	return err;
}
