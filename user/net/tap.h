/* SPDX-License-Identifier: GPL-2.0 */
/* Tap devices: the kernel makes them only through /dev/net/tun, not rtnetlink. */
#ifndef NSVIZ_TAP_H
#define NSVIZ_TAP_H

/* A persistent tap NAME (no packet information header) in the namespace NSFD (-1: the calling
 * thread's), as `ip tuntap add NAME mode tap` makes it: down, no process attached (no carrier
 * until one opens it). `ip link del` removes it. 0 or -errno. */
int tap_add(int nsfd, const char *name);

#endif
