/* SPDX-License-Identifier: GPL-2.0 */
/* A small HTTP server for the exporter, on libmicrohttpd's own thread: GET or HEAD on /metrics
 * (the caller's body) and on / (a page linking to it); anything else is refused. */
#ifndef NSVIZ_HTTPD_H
#define NSVIZ_HTTPD_H

#include <stdio.h>
#include <sys/socket.h>

#define HTTPD_DEFAULT_LISTEN "127.0.0.1:9477"

struct httpd;

/* The body of /metrics for a request whose Accept header is ACCEPT (NULL if none): *BODY
 * (malloc'd; the server frees it) of *LEN bytes, of Content-Type *CTYPE (static). Called on the
 * server's thread. 0, or -errno: the server answers 503 for -EAGAIN (not ready yet), else 500. */
typedef int (*httpd_body_fn)(const char *accept, char **body, size_t *len, const char **ctype,
			     void *ctx);

/* ADDR:PORT as --listen takes it: 127.0.0.1:9477, [::1]:9477, 0.0.0.0:9477, or :9477 for every
 * address (IPv6 and IPv4). 0, or -EINVAL when it does not parse. */
int httpd_parse(const char *s, struct sockaddr_storage *ss, socklen_t *len);
/* Listen on LISTEN (as httpd_parse takes it) and serve from a thread of its own. A failure is
 * printed on ERR as "nsviz CMD: ..." on one line: -EINVAL for an address that does not parse,
 * else the errno of the step that failed (-EADDRINUSE ...). */
int httpd__open(const char *listen, httpd_body_fn fn, void *ctx, const char *cmd, FILE *err,
		struct httpd **out);
/* Stop serving and close the socket. NULL is fine. */
void httpd__destroy(struct httpd *h);

#endif
