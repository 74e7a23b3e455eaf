/* SPDX-License-Identifier: GPL-2.0 */
/* Small crafted Ethernet frames shared by the unit tests of the packet-path code. */
#ifndef NSVIZ_TEST_FRAMES_H
#define NSVIZ_TEST_FRAMES_H

#include <stdint.h>

/* red (02:00:00:00:00:01, 10.0.0.1) asks who has 10.0.0.2, broadcast. */
static const uint8_t frame_arp_req[42] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x06,
	0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01,
	0x02, 0, 0, 0, 0, 0x01, 10, 0, 0, 1,
	0, 0, 0, 0, 0, 0, 10, 0, 0, 2,
};

/* 10.0.0.1 > 10.0.0.2 ICMP echo request id 7 seq 1, IP id 0x1234, 8 bytes of payload. */
static const uint8_t frame_icmp_req[50] = {
	0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
	0x45, 0x00, 0x00, 36, 0x12, 0x34, 0x40, 0x00, 64, 1, 0x00, 0x00,
	10, 0, 0, 1, 10, 0, 0, 2,
	8, 0, 0x00, 0x00, 0x00, 7, 0x00, 1,
	'n', 's', 'v', 'i', 'z', '!', '!', '!',
};

/* 10.0.0.1.40000 > 10.0.0.2.53 UDP, 4 bytes of payload. */
static const uint8_t frame_udp[46] = {
	0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
	0x45, 0x00, 0x00, 32, 0x00, 0x05, 0x40, 0x00, 64, 17, 0x00, 0x00,
	10, 0, 0, 1, 10, 0, 0, 2,
	0x9c, 0x40, 0x00, 53, 0x00, 12, 0x00, 0x00,
	'a', 'b', 'c', 'd',
};

#endif
