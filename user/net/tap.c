// SPDX-License-Identifier: GPL-2.0
/* Tap devices through /dev/net/tun: the device lives in the namespace of the thread that asks. */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "netns.h"
#include "tap.h"

static int tap_make(const char *name)
{
	struct ifreq ifr = { .ifr_flags = IFF_TAP | IFF_NO_PI };
	int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	/* TUNSETIFF would attach to a tap of that name that exists: refuse it, as a create would. */
	if (if_nametoindex(name))
		err = -EEXIST;
	else if (ioctl(fd, TUNSETIFF, &ifr) || ioctl(fd, TUNSETPERSIST, 1))
		err = -errno;
	close(fd);
	return err;
}

int tap_add(int nsfd, const char *name)
{
	int saved, err;

	if (nsfd < 0)
		return tap_make(name);
	err = netns_enter(nsfd, &saved);
	if (err)
		return err;
	err = tap_make(name);
	return netns_leave(saved) ?: err;
}
