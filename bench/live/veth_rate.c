// SPDX-License-Identifier: GPL-2.0-only
/*
 * veth_rate.c - live-kernel half of kveth's `npm run bench`.
 *
 * Blasts a prebuilt Ethernet frame out of a veth end through an AF_PACKET
 * SOCK_RAW socket (protocol 0: no receive hook is registered) with sendmmsg(),
 * and measures how many frames the peer really received (veth_xmit ->
 * netif_rx -> backlog -> __netif_receive_skb) by reading the peer's
 * IFLA_STATS64 over rtnetlink inside the peer's network namespace.
 *
 * Build: cc -O2 -o veth_rate veth_rate.c      (libc + kernel UAPI headers only)
 * Run (inside the sender's netns, as root):
 *   veth_rate --ifname A0 --peer-netns /run/netns/B --peer-ifname B0 \
 *             --len 64 [--proto unknown|ipv4] [--seconds 2] [--warmup 0.5] \
 *             [--batch 64] [--cpu 1] [--qdisc-bypass]
 * Output: one JSON object on stdout.
 *
 * "pps" is the peer's rx_packets delta divided by the measured wall time, i.e.
 * frames that actually crossed the pair; "tx_pps" is what sendmmsg accepted.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define MAX_BATCH 1024
#define MAX_FRAME 9216

static void die(const char *what)
{
	fprintf(stderr, "veth_rate: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---------- rtnetlink IFLA_STATS64 ---------- */

static int nl_open(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		die("socket(NETLINK_ROUTE)");
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("bind(netlink)");
	return fd;
}

/* Netlink socket living in the netns at path (the netns is fixed at socket()). */
static int nl_open_in(const char *nspath)
{
	int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	int other = open(nspath, O_RDONLY | O_CLOEXEC);
	if (self < 0 || other < 0)
		die("open netns");
	if (setns(other, CLONE_NEWNET) < 0)
		die("setns(peer)");
	int fd = nl_open();
	if (setns(self, CLONE_NEWNET) < 0)
		die("setns(back)");
	close(self);
	close(other);
	return fd;
}

static void nl_stats(int fd, const char *ifname, struct rtnl_link_stats64 *out)
{
	static uint32_t seq;
	struct {
		struct nlmsghdr nh;
		struct ifinfomsg ifi;
		char attrs[64];
	} req;
	memset(&req, 0, sizeof(req));
	size_t nlen = strlen(ifname) + 1;
	struct rtattr *rta = (struct rtattr *)req.attrs;
	rta->rta_type = IFLA_IFNAME;
	rta->rta_len = RTA_LENGTH(nlen);
	memcpy(RTA_DATA(rta), ifname, nlen);
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifi)) + RTA_ALIGN(rta->rta_len);
	req.nh.nlmsg_type = RTM_GETLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	req.nh.nlmsg_seq = ++seq;
	req.ifi.ifi_family = AF_UNSPEC;
	if (send(fd, &req, req.nh.nlmsg_len, 0) < 0)
		die("send(RTM_GETLINK)");

	static char buf[65536];
	ssize_t n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0)
		die("recv(RTM_GETLINK)");
	for (struct nlmsghdr *nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (size_t)n);
	     nh = NLMSG_NEXT(nh, n)) {
		if (nh->nlmsg_type == NLMSG_ERROR) {
			errno = -((struct nlmsgerr *)NLMSG_DATA(nh))->error;
			fprintf(stderr, "veth_rate: RTM_GETLINK %s: %s\n", ifname, strerror(errno));
			exit(1);
		}
		if (nh->nlmsg_type != RTM_NEWLINK)
			continue;
		struct ifinfomsg *ifi = NLMSG_DATA(nh);
		int alen = IFLA_PAYLOAD(nh);
		for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
			if (a->rta_type == IFLA_STATS64) {
				memcpy(out, RTA_DATA(a), sizeof(*out));
				return;
			}
		}
	}
	fprintf(stderr, "veth_rate: no IFLA_STATS64 for %s\n", ifname);
	exit(1);
}

/* ---------- frame ---------- */

static uint16_t csum16(const void *p, size_t len, uint32_t sum)
{
	const uint8_t *b = p;
	for (; len > 1; len -= 2, b += 2)
		sum += (b[0] << 8) | b[1];
	if (len)
		sum += b[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void build_frame(uint8_t *f, int len, int ipv4)
{
	static const uint8_t dst[6] = { 0x02, 0, 0, 0, 0, 0x0b };
	static const uint8_t src[6] = { 0x02, 0, 0, 0, 0, 0x0a };
	memset(f, 0, len);
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	for (int i = 14; i < len; i++)
		f[i] = (uint8_t)i;
	if (!ipv4) {
		f[12] = 0x88; /* 0x88b5: IEEE 802 local experimental, no handler */
		f[13] = 0xb5;
		return;
	}
	f[12] = 0x08;
	f[13] = 0x00;
	uint8_t *ip = f + 14;
	int iplen = len - 14, udplen = iplen - 20;
	memset(ip, 0, 28);
	ip[0] = 0x45;
	ip[2] = iplen >> 8; ip[3] = iplen & 0xff;
	ip[6] = 0x40; /* DF */
	ip[8] = 64;   /* TTL */
	ip[9] = 17;   /* UDP */
	inet_pton(AF_INET, "198.51.100.1", ip + 12);
	inet_pton(AF_INET, "198.51.100.2", ip + 16);
	uint16_t c = csum16(ip, 20, 0);
	ip[10] = c >> 8; ip[11] = c & 0xff;
	uint8_t *udp = ip + 20;
	udp[0] = 0x9c; udp[1] = 0x40; /* sport 40000 */
	udp[2] = 0x23; udp[3] = 0x29; /* dport 9001 (nobody listens) */
	udp[4] = udplen >> 8; udp[5] = udplen & 0xff;
	uint32_t ph = ((ip[12] << 8) | ip[13]) + ((ip[14] << 8) | ip[15]) +
		      ((ip[16] << 8) | ip[17]) + ((ip[18] << 8) | ip[19]) + 17 + udplen;
	c = csum16(udp, udplen, ph);
	if (!c)
		c = 0xffff;
	udp[6] = c >> 8; udp[7] = c & 0xff;
}

/* ---------- main ---------- */

static void usage(void)
{
	fprintf(stderr,
		"usage: veth_rate --ifname IF --peer-netns PATH --peer-ifname IF --len N\n"
		"                 [--proto unknown|ipv4] [--seconds S] [--warmup S]\n"
		"                 [--batch N] [--cpu N] [--qdisc-bypass]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *ifname = NULL, *peer_ns = NULL, *peer_if = NULL, *proto = "unknown";
	int len = 64, batch = 64, cpu = -1, qbypass = 0;
	double seconds = 2.0, warmup = 0.5;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--qdisc-bypass")) { qbypass = 1; continue; }
		if (!v) usage();
		i++;
		if (!strcmp(a, "--ifname")) ifname = v;
		else if (!strcmp(a, "--peer-netns")) peer_ns = v;
		else if (!strcmp(a, "--peer-ifname")) peer_if = v;
		else if (!strcmp(a, "--proto")) proto = v;
		else if (!strcmp(a, "--len")) len = atoi(v);
		else if (!strcmp(a, "--batch")) batch = atoi(v);
		else if (!strcmp(a, "--cpu")) cpu = atoi(v);
		else if (!strcmp(a, "--seconds")) seconds = atof(v);
		else if (!strcmp(a, "--warmup")) warmup = atof(v);
		else usage();
	}
	int ipv4 = !strcmp(proto, "ipv4");
	if (!ifname || !peer_ns || !peer_if || (!ipv4 && strcmp(proto, "unknown")))
		usage();
	if (len < (ipv4 ? 14 + 28 : 14) || len > MAX_FRAME || batch < 1 || batch > MAX_BATCH ||
	    seconds <= 0 || warmup < 0)
		usage();

	if (cpu >= 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) < 0)
			die("sched_setaffinity");
	}

	int nl_peer = nl_open_in(peer_ns); /* stats of the receiving end */
	int nl_self = nl_open();           /* stats of the sending end */

	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0); /* proto 0: tx only */
	if (fd < 0)
		die("socket(AF_PACKET)");
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = 0,
				   .sll_ifindex = (int)if_nametoindex(ifname) };
	if (!sll.sll_ifindex)
		die("if_nametoindex");
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		die("bind(AF_PACKET)");
	if (qbypass) {
		int one = 1;
		if (setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)) < 0)
			die("PACKET_QDISC_BYPASS");
	}

	static uint8_t frame[MAX_FRAME];
	build_frame(frame, len, ipv4);
	static struct mmsghdr msgs[MAX_BATCH];
	static struct iovec iov;
	iov.iov_base = frame;
	iov.iov_len = len;
	for (int i = 0; i < batch; i++) {
		msgs[i].msg_hdr.msg_iov = &iov; /* bound socket: no msg_name needed */
		msgs[i].msg_hdr.msg_iovlen = 1;
	}

	/* warm-up (not counted) */
	double t0 = now_s(), end = t0 + warmup;
	while (now_s() < end)
		(void)sendmmsg(fd, msgs, batch, 0);
	usleep(50000);

	struct rtnl_link_stats64 p0, p1, s0, s1;
	nl_stats(nl_peer, peer_if, &p0);
	nl_stats(nl_self, ifname, &s0);

	uint64_t sent = 0, errors = 0, calls = 0;
	int last_errno = 0;
	t0 = now_s();
	end = t0 + seconds;
	double t;
	do {
		int r = sendmmsg(fd, msgs, batch, 0);
		calls++;
		if (r < 0) {
			errors++; /* the first message of the batch failed */
			last_errno = errno;
		} else {
			sent += r;
		}
	} while ((t = now_s()) < end);
	double elapsed = t - t0;

	usleep(100000); /* let any softirq/backlog work settle before reading counters */
	nl_stats(nl_peer, peer_if, &p1);
	nl_stats(nl_self, ifname, &s1);

	uint64_t rx = p1.rx_packets - p0.rx_packets;
	struct utsname u;
	uname(&u);
	printf("{\"frame_len\":%d,\"proto\":\"%s\",\"ethertype\":\"0x%02x%02x\",\"batch\":%d,"
	       "\"cpu\":%d,\"qdisc_bypass\":%s,\"sent\":%llu,\"errors\":%llu,\"last_errno\":%d,"
	       "\"sendmmsg_calls\":%llu,\"seconds\":%.6f,\"pps\":%.0f,\"tx_pps\":%.0f,"
	       "\"B0_rx_packets_delta\":%llu,\"B0_rx_bytes_delta\":%llu,"
	       "\"B0_rx_dropped_delta\":%llu,\"B0_rx_nohandler_delta\":%llu,"
	       "\"A0_tx_packets_delta\":%llu,\"A0_tx_dropped_delta\":%llu,"
	       "\"kernel\":\"%s\"}\n",
	       len, proto, frame[12], frame[13], batch, cpu, qbypass ? "true" : "false",
	       (unsigned long long)sent, (unsigned long long)errors, last_errno,
	       (unsigned long long)calls, elapsed, rx / elapsed, sent / elapsed,
	       (unsigned long long)rx,
	       (unsigned long long)(p1.rx_bytes - p0.rx_bytes),
	       (unsigned long long)(p1.rx_dropped - p0.rx_dropped),
	       (unsigned long long)(p1.rx_nohandler - p0.rx_nohandler),
	       (unsigned long long)(s1.tx_packets - s0.tx_packets),
	       (unsigned long long)(s1.tx_dropped - s0.tx_dropped), u.release);
	return 0;
}
