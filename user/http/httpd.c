// SPDX-License-Identifier: GPL-2.0
/* libmicrohttpd with the exporter's rules: the socket is bound here, so that an address in use
 * is one clear message before anything is attached; requests are small and few at a time. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "httpd.h"
#include "text.h"

/* A request line and headers fit in this, or the request is refused (431); the response body
 * is kept outside it. */
#define MEMORY_LIMIT (16 * 1024)
#define CONNECTIONS_MAX 32
#define CONNECTIONS_PER_IP 8
/* Seconds a connection may stay idle (a client that sends nothing more) before it is closed. */
#define IDLE_TIMEOUT 10
#define BODY_DRAIN_MAX (1024 * 1024)

static const char index_page[] =
	"<!DOCTYPE html>\n<html><head><title>nsviz exporter</title></head><body>\n"
	"<h1>nsviz exporter</h1>\n<p><a href=\"/metrics\">Metrics</a></p>\n</body></html>\n";

struct httpd {
	struct MHD_Daemon *d;
	httpd_body_fn fn;
	void *ctx;
};

static int parse_port(const char *s, in_port_t *port)
{
	char *end;
	long p;

	if (!*s || strspn(s, "0123456789") != strlen(s))
		return -EINVAL;
	p = strtol(s, &end, 10);
	if (p < 1 || p > 65535)
		return -EINVAL;
	*port = htons((uint16_t)p);
	return 0;
}

int httpd_parse(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	const char *colon = strrchr(s, ':');
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	char host[INET6_ADDRSTRLEN + 2];
	size_t n = colon ? (size_t)(colon - s) : 0;

	memset(ss, 0, sizeof(*ss));
	if (!colon || n >= sizeof(host))
		return -EINVAL;
	memcpy(host, s, n);
	host[n] = '\0';
	if (!n || (host[0] == '[' && host[n - 1] == ']')) {
		v6->sin6_family = AF_INET6;
		*len = sizeof(*v6);
		if (n)
			host[n - 1] = '\0';
		if (n && inet_pton(AF_INET6, host + 1, &v6->sin6_addr) != 1)
			return -EINVAL;
		return parse_port(colon + 1, &v6->sin6_port);
	}
	v4->sin_family = AF_INET;
	*len = sizeof(*v4);
	if (inet_pton(AF_INET, host, &v4->sin_addr) != 1)
		return -EINVAL;
	return parse_port(colon + 1, &v4->sin_port);
}

/* A socket listening on SS: the wildcard IPv6 one takes IPv4 too. The socket, or -errno. */
static int listen_on(const struct sockaddr_storage *ss, socklen_t len)
{
	int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int on = 1, off = 0, rc = 0;

	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) ||
	    (ss->ss_family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off))) ||
	    bind(fd, (const struct sockaddr *)ss, len) || listen(fd, 64))
		rc = -errno;
	if (!rc)
		return fd;
	close(fd);
	return rc;
}

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned int status,
			      struct MHD_Response *r, const char *ctype)
{
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	ok = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result text(struct MHD_Connection *conn, unsigned int status, const char *msg,
			    const char *allow)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(msg), (void *)msg,
								 MHD_RESPMEM_PERSISTENT);

	if (r && allow)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow);
	return answer(conn, status, r, "text/plain; charset=utf-8");
}

static enum MHD_Result metrics(struct httpd *h, struct MHD_Connection *conn)
{
	const char *accept = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							 MHD_HTTP_HEADER_ACCEPT);
	const char *ctype = NULL;
	struct MHD_Response *r;
	char *body = NULL;
	size_t len = 0;

	int rc = h->fn(accept, &body, &len, &ctype, h->ctx);

	if (rc == -EAGAIN)
		return text(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "starting: not observing yet\n", NULL);
	if (rc)
		return text(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "metrics unavailable\n", NULL);
	r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!r)
		free(body);
	else
		MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept");
	return answer(conn, MHD_HTTP_OK, r, ctype);
}

/* Nothing here takes a request body, but a 405 sent while the client is still sending one is
 * followed by a close with unread data, which resets the connection: the client may never read
 * the answer (a 1 MB POST got none, now and then). So a body is read and dropped first, up to
 * BODY_DRAIN_MAX, past which the answer goes at once. *REQ counts the bytes dropped, plus one. */
static enum MHD_Result refuse(struct MHD_Connection *conn, size_t *upload_len, void **req)
{
	uintptr_t seen = (uintptr_t)*req;

	if (!seen || (*upload_len && seen <= BODY_DRAIN_MAX)) {
		*req = (void *)(seen + 1 + *upload_len);
		*upload_len = 0;
		return MHD_YES;
	}
	*upload_len = 0;
	return text(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD\n", "GET, HEAD");
}

/* GET and HEAD are answered at once. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_len, void **req)
{
	struct httpd *h = cls;

	(void)version, (void)upload;
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return refuse(conn, upload_len, req);
	if (!strcmp(url, "/metrics"))
		return metrics(h, conn);
	if (!strcmp(url, "/"))
		return answer(conn, MHD_HTTP_OK,
			      MHD_create_response_from_buffer(sizeof(index_page) - 1,
							      (void *)index_page,
							      MHD_RESPMEM_PERSISTENT),
			      "text/html; charset=utf-8");
	return text(conn, MHD_HTTP_NOT_FOUND, "not found: the metrics are at /metrics\n", NULL);
}

/* The server's thread must not take the signals the caller's loop waits for: it starts with
 * every signal blocked. */
static struct MHD_Daemon *start(struct httpd *h, int fd)
{
	sigset_t all, old;
	struct MHD_Daemon *d;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	d = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD, 0, NULL, NULL, on_request, h,
			     MHD_OPTION_LISTEN_SOCKET, fd,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MEMORY_LIMIT,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned int)CONNECTIONS_MAX,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)CONNECTIONS_PER_IP,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)IDLE_TIMEOUT,
			     MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return d;
}

int httpd__open(const char *listen, httpd_body_fn fn, void *ctx, const char *cmd, FILE *err,
		struct httpd **out)
{
	struct httpd *h = calloc(1, sizeof(*h));
	struct sockaddr_storage ss;
	char shown[256];
	socklen_t len;
	int fd, rc = h ? 0 : -ENOMEM;

	text_escape(listen, shown, sizeof(shown));
	if (!rc && httpd_parse(listen, &ss, &len)) {
		fprintf(err, "nsviz %s: --listen: '%s' is not ADDR:PORT (127.0.0.1:9477, [::1]:9477, "
			     "0.0.0.0:9477, or :9477 for every address; port 1 to 65535)\n", cmd, shown);
		free(h);
		return -EINVAL;
	}
	fd = rc ? rc : listen_on(&ss, len);
	if (fd >= 0) {
		*h = (struct httpd){ .fn = fn, .ctx = ctx };
		h->d = start(h, fd);
		if (h->d) {
			*out = h;
			return 0;
		}
		close(fd);
		fd = -EIO;
	}
	fprintf(err, "nsviz %s: listen on %s: %s\n", cmd, shown, strerror(-fd));
	free(h);
	return fd;
}

void httpd__destroy(struct httpd *h)
{
	if (!h)
		return;
	MHD_stop_daemon(h->d);
	free(h);
}
