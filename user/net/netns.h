/* SPDX-License-Identifier: GPL-2.0 */
/* Named network namespaces the `ip netns` way (/run/netns/NAME bind mounts), and entering them. */
#ifndef NSVIZ_NETNS_H
#define NSVIZ_NETNS_H

#include <stdbool.h>
#include <stdint.h>

/* Create /run/netns/NAME as `ip netns add` does (shared /run/netns, bind mount). RECORD(CTX)
 * runs first, on a thread inside the new namespace, before the name exists; its failure stops
 * the creation. 0 or -errno; -EEXIST when the name exists already. */
int netns_create(const char *name, int (*record)(void *ctx), void *ctx);
/* Unmount and remove /run/netns/NAME. 0 or -errno; -ENOENT when it is not there. */
int netns_delete(const char *name);
bool netns_exists(const char *name);
/* An fd for the namespace NAME (NULL = the caller's current namespace), or -errno. */
int netns_open(const char *name);
/* An fd for the namespace at PATH (/proc/PID/ns/net) when PATH is not "", else netns_open(NAME);
 * or -errno. */
int netns_open_at(const char *name, const char *path);
/* Switch the calling thread into the namespace of NSFD. *SAVED receives an fd for the namespace
 * left, to pass to netns_leave(). 0 or -errno. */
int netns_enter(int nsfd, int *saved);
/* Return to the namespace SAVED and close it. 0 or -errno. */
int netns_leave(int saved);
/* The identity of the namespace behind NSFD (-1: the calling thread's): its cookie, unique for
 * the boot. 0 or -errno. */
int netns_cookie(int nsfd, uint64_t *id);

#endif
