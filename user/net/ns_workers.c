// SPDX-License-Identifier: GPL-2.0
/* See ns_workers.h. Groups are handed out in order from one counter. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include "ns_workers.h"

#define THREADS_MAX 64

struct pool {
	const int *nsfds;
	int n;
	int next; /* the next group to take (atomic) */
	ns_work_fn fn;
	void *arg;
};

static void *work(void *arg)
{
	struct pool *w = arg;
	int g;

	while ((g = __atomic_fetch_add(&w->next, 1, __ATOMIC_RELAXED)) < w->n)
		w->fn(w->arg, g, setns(w->nsfds[g], CLONE_NEWNET) ? -errno : 0);
	return NULL;
}

int ns_workers_run(const int *nsfds, int n, int nthreads, ns_work_fn fn, void *arg)
{
	struct pool w = { nsfds, n, 0, fn, arg };
	pthread_t tids[THREADS_MAX];
	int self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC), started = 0, rc = 0;

	if (self < 0)
		return -errno;
	if (nthreads > n)
		nthreads = n;
	if (nthreads > THREADS_MAX)
		nthreads = THREADS_MAX;
	/* A thread that cannot start leaves its share to the others (the calling one at least). */
	while (started < nthreads - 1 && !pthread_create(&tids[started], NULL, work, &w))
		started++;
	work(&w);
	for (int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	if (setns(self, CLONE_NEWNET))
		rc = -errno;
	close(self);
	return rc;
}
