/* SPDX-License-Identifier: GPL-2.0 */
/* Content negotiation: what an HTTP Accept header says of one media type (RFC 9110 12.5.1). */
#ifndef NSVIZ_HTTP_ACCEPT_H
#define NSVIZ_HTTP_ACCEPT_H

/* The quality (0 to 1) ACCEPT gives media type TYPE ("text/plain") in version VERSION: the q of
 * its most specific range that matches: TYPE itself, else its major type with any subtype, else
 * any type; a range with a version parameter matches only that version. A missing or empty
 * ACCEPT accepts everything (1). */
double http_accept_q(const char *accept, const char *type, const char *version);

#endif
