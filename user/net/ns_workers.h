/* SPDX-License-Identifier: GPL-2.0 */
/* Work done in many network namespaces at once: setns() changes the namespace of the calling
 * thread only, so each thread enters the namespace of the group of work it takes and runs it
 * there. Attaching tcx links inside 1000 namespaces is the use: the threads overlap the user
 * space and the setns() of one group with the kernel's work for another. */
#ifndef NSVIZ_NS_WORKERS_H
#define NSVIZ_NS_WORKERS_H

/* Run group G inside its namespace; RC is -errno when entering it failed (then G must do nothing
 * there and say why). Groups run concurrently: FN touches only what belongs to G. */
typedef void (*ns_work_fn)(void *arg, int g, int rc);

/* FN(ARG, g, rc) for every g in 0..N-1, group g inside NSFDS[g], on up to NTHREADS threads (the
 * calling one among them; its namespace is the same again on return). 0, or -errno when the
 * calling thread could not come back to its namespace. */
int ns_workers_run(const int *nsfds, int n, int nthreads, ns_work_fn fn, void *arg);

#endif
