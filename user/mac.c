// SPDX-License-Identifier: GPL-2.0
/* Ethernet addresses as every output writes them; see mac.h. */
#include <stdio.h>

#include "mac.h"

void mac_str(const uint8_t mac[6], char buf[MAC_STR_LEN])
{
	snprintf(buf, MAC_STR_LEN, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
		 mac[4], mac[5]);
}
