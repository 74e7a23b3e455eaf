// SPDX-License-Identifier: GPL-2.0
/* The probes of `nsviz why`, sent from inside the namespace FROM: ICMP echo requests with DF set
 * (`ping -M do -s SIZE`), a TCP SYN (connect), or a UDP datagram. An answer is any sign that the
 * destination got it: an echo reply, a connection accepted or refused (RST), a datagram back or a
 * port-unreachable. Each waits up to WHY_PROBE_WAIT_MS for its answer. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "why_probe.h"

struct opening {
	const struct why_query *q;
	int fd;
};

static int open_here(void *ctx)
{
	struct opening *o = ctx;
	int type = o->q->proto == WHY_ICMP ? SOCK_RAW : o->q->proto == WHY_TCP ? SOCK_STREAM :
		   SOCK_DGRAM;
	int pmtu = IP_PMTUDISC_DO;

	o->fd = socket(AF_INET, type | SOCK_CLOEXEC | SOCK_NONBLOCK,
		       o->q->proto == WHY_ICMP ? IPPROTO_ICMP : 0);
	if (o->fd < 0)
		return -errno;
	/* DF: a probe larger than a link's MTU is refused, not fragmented. */
	if (setsockopt(o->fd, IPPROTO_IP, IP_MTU_DISCOVER, &pmtu, sizeof(pmtu))) {
		close(o->fd);
		return -errno;
	}
	return 0;
}

static uint16_t checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

/* Wait for FD to be ready for EVENTS; 1 ready, 0 timed out, -errno. */
static int wait_fd(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n = poll(&p, 1, WHY_PROBE_WAIT_MS);

	return n < 0 ? -errno : n;
}

/* An echo reply to ID/SEQ from DST among what the raw socket receives within the wait. */
static int echo_answered(int fd, const struct sockaddr_in *dst, uint16_t id, uint16_t seq)
{
	uint8_t buf[65536];

	while (wait_fd(fd, POLLIN) > 0) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		const struct iphdr *ip = (const void *)buf;
		const struct icmphdr *ic;

		if (n < (ssize_t)sizeof(*ip) || n < ip->ihl * 4 + (ssize_t)sizeof(*ic))
			continue;
		ic = (const void *)(buf + ip->ihl * 4);
		if (ic->type == ICMP_ECHOREPLY && ic->un.echo.id == id &&
		    ic->un.echo.sequence == seq && ip->saddr == dst->sin_addr.s_addr)
			return 1;
	}
	return 0;
}

static int send_echo(int fd, const struct why_query *q, const struct sockaddr_in *dst, int seq)
{
	size_t len = sizeof(struct icmphdr) + q->size;
	struct icmphdr *ic = calloc(1, len);
	int rc;

	if (!ic)
		return -ENOMEM;
	ic->type = ICMP_ECHO;
	ic->un.echo.id = htons((uint16_t)getpid());
	ic->un.echo.sequence = htons((uint16_t)seq);
	ic->checksum = checksum(ic, len);
	rc = sendto(fd, ic, len, 0, (const struct sockaddr *)dst, sizeof(*dst)) < 0 ? -errno : 0;
	free(ic);
	return rc ? rc : echo_answered(fd, dst, htons((uint16_t)getpid()), htons((uint16_t)seq));
}

/* A TCP SYN (connect) or a UDP datagram; answered when the far side says anything. */
static int send_connect(int fd, const struct why_query *q, const struct sockaddr_in *dst)
{
	char *payload;
	int err = 0, rc;
	socklen_t len = sizeof(err);

	if (connect(fd, (const struct sockaddr *)dst, sizeof(*dst)) && errno != EINPROGRESS)
		return errno == ECONNREFUSED ? 1 : -errno;
	if (q->proto == WHY_TCP) {
		rc = wait_fd(fd, POLLOUT);
		if (rc <= 0)
			return rc;
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
		return !err || err == ECONNREFUSED ? 1 : 0;
	}
	payload = calloc(1, q->size ? q->size : 1);
	if (!payload)
		return -ENOMEM;
	rc = send(fd, payload, q->size, 0) < 0 ? -errno : wait_fd(fd, POLLIN);
	if (rc > 0)
		rc = recv(fd, payload, q->size ? q->size : 1, 0) >= 0 || errno == ECONNREFUSED;
	free(payload);
	return rc;
}

static int probe_once(const struct live_ns *ns, const struct why_query *q, int seq)
{
	struct sockaddr_in dst = { .sin_family = AF_INET, .sin_port = htons((uint16_t)q->port) };
	struct opening o = { .q = q, .fd = -1 };
	int rc = live_in_ns(ns, open_here, &o);

	if (rc)
		return rc;
	memcpy(&dst.sin_addr, q->dst.addr, 4);
	rc = q->proto == WHY_ICMP ? send_echo(o.fd, q, &dst, seq) : send_connect(o.fd, q, &dst);
	close(o.fd);
	return rc;
}

int why_probe(const struct live_ns *ns, const struct why_query *q, int count,
	      struct why_probes *out)
{
	*out = (struct why_probes){ 0 };
	for (int i = 0; i < count; i++) {
		int rc = probe_once(ns, q, i + 1);

		if (rc == -EMSGSIZE || rc == -EHOSTUNREACH || rc == -ENETUNREACH) {
			out->send_err = -rc; /* refused by FROM itself: the same for every probe */
			out->sent = count;
			return 0;
		}
		if (rc < 0)
			return rc;
		out->sent++;
		out->answered += rc;
	}
	return 0;
}
