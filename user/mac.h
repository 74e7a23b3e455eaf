/* SPDX-License-Identifier: GPL-2.0 */
/* Ethernet addresses as every output writes them. */
#ifndef NSVIZ_MAC_H
#define NSVIZ_MAC_H

#include <stdint.h>

#define MAC_STR_LEN 18 /* "02:00:00:00:00:01" and its NUL */

/* MAC as six lower-case hex pairs joined by colons into BUF. */
void mac_str(const uint8_t mac[6], char buf[MAC_STR_LEN]);

#endif
