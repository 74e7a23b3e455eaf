/* SPDX-License-Identifier: GPL-2.0 */
/* The only header shared by the BPF programs and user space: fixed-width types only. */
#ifndef NSVIZ_H
#define NSVIZ_H

#ifdef __BPF__
/* vmlinux.h provides __u8..__u64 */
#else
#include <linux/types.h>
#endif

/* Packet classes counted per observation point. */
enum nsviz_class {
	NSVIZ_C_ARP,
	NSVIZ_C_IPV4,
	NSVIZ_C_IPV6,
	NSVIZ_C_ICMP,
	NSVIZ_C_ICMPV6,
	NSVIZ_C_TCP,
	NSVIZ_C_UDP,
	NSVIZ_C_OTHER,
	NSVIZ_C_MALFORMED,
	NSVIZ_CLASS_MAX,
};

#endif
