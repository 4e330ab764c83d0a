#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run_live.sh - measure the live kernel's veth frame rate for kveth's bench.
#
# Creates two throwaway netns (kveth-bench-$$-A / -B), a veth pair
# A0 (02:00:00:00:00:0a, in A) <-> B0 (02:00:00:00:00:0b, in B), IPv6 disabled,
# builds veth_rate.c with `cc -O2`, and runs it inside A once per frame size.
# Prints one JSON line per size on stdout (diagnostics go to stderr).
#
# usage: sudo bench/live/run_live.sh [--sizes "64 1500"] [--seconds 2]
#            [--warmup 0.5] [--proto unknown|ipv4] [--batch 64] [--cpu N]
#            [--qdisc-bypass]
# Env equivalents: KVETH_LIVE_SIZES, KVETH_LIVE_SECONDS, KVETH_LIVE_WARMUP,
#                  KVETH_LIVE_PROTO, KVETH_LIVE_BATCH, KVETH_LIVE_CPU.
# Exit codes: 0 ok; 2 unsupported environment (not root, no netns/veth, no cc);
#             1 anything else.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SIZES=${KVETH_LIVE_SIZES:-"64 1500"}
SECONDS_=${KVETH_LIVE_SECONDS:-2}
WARMUP=${KVETH_LIVE_WARMUP:-0.5}
PROTO=${KVETH_LIVE_PROTO:-unknown}
BATCH=${KVETH_LIVE_BATCH:-64}
CPU=${KVETH_LIVE_CPU:-}
QBYPASS=""

while [ $# -gt 0 ]; do
	case "$1" in
	--sizes) SIZES=$2; shift 2 ;;
	--seconds) SECONDS_=$2; shift 2 ;;
	--warmup) WARMUP=$2; shift 2 ;;
	--proto) PROTO=$2; shift 2 ;;
	--batch) BATCH=$2; shift 2 ;;
	--cpu) CPU=$2; shift 2 ;;
	--qdisc-bypass) QBYPASS=--qdisc-bypass; shift ;;
	-h|--help) sed -n '3,19p' "$0" >&2; exit 0 ;;
	*) echo "run_live: unknown argument: $1" >&2; exit 1 ;;
	esac
done

unsupported() { echo "run_live: unsupported: $*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || unsupported "must run as root (needs netns + AF_PACKET)"
command -v ip >/dev/null 2>&1 || unsupported "iproute2 'ip' not found"
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || unsupported "no C compiler ('$CC') found"
case "$PROTO" in unknown|ipv4) ;; *) echo "run_live: --proto must be unknown|ipv4" >&2; exit 1 ;; esac
if [ -z "$CPU" ]; then
	CPU=$(( $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1) - 1 ))
fi

NS_A="kveth-bench-$$-A"
NS_B="kveth-bench-$$-B"
WORK=""
CHILD=""
CREATED_A=0
CREATED_B=0

cleanup() {
	[ -n "$CHILD" ] && kill "$CHILD" 2>/dev/null && wait "$CHILD" 2>/dev/null
	[ "$CREATED_A" = 1 ] && ip netns del "$NS_A" 2>/dev/null
	[ "$CREATED_B" = 1 ] && ip netns del "$NS_B" 2>/dev/null
	[ -n "$WORK" ] && rm -rf "$WORK"
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kveth-live.XXXXXX") || { echo "run_live: mktemp failed" >&2; exit 1; }
if ! "$CC" -O2 -Wall -o "$WORK/veth_rate" "$HERE/veth_rate.c" >"$WORK/cc.log" 2>&1; then
	cat "$WORK/cc.log" >&2
	unsupported "cc failed to build veth_rate.c"
fi

ip netns add "$NS_A" 2>"$WORK/err" || unsupported "no netns support: $(cat "$WORK/err")"
CREATED_A=1
ip netns add "$NS_B" 2>"$WORK/err" || unsupported "no netns support: $(cat "$WORK/err")"
CREATED_B=1

# Disable IPv6 in both namespaces before any link exists/comes up (no ND/MLD noise).
for ns in "$NS_A" "$NS_B"; do
	ip netns exec "$ns" sh -c '
		d=/proc/sys/net/ipv6/conf
		[ -d $d ] || exit 0
		echo 1 > $d/all/disable_ipv6 && echo 1 > $d/default/disable_ipv6' ||
		{ echo "run_live: could not disable IPv6 in $ns" >&2; exit 1; }
done

MAXLEN=0
for s in $SIZES; do [ "$s" -gt "$MAXLEN" ] && MAXLEN=$s; done
MTU=1500
[ $((MAXLEN - 14)) -gt $MTU ] && MTU=$((MAXLEN - 14))

ip -n "$NS_A" link add A0 address 02:00:00:00:00:0a mtu "$MTU" type veth \
	peer name B0 netns "$NS_B" address 02:00:00:00:00:0b mtu "$MTU" 2>"$WORK/err" ||
	unsupported "cannot create veth pair: $(cat "$WORK/err")"
for pair in "$NS_A A0" "$NS_B B0"; do
	set -- $pair
	ip netns exec "$1" sh -c "f=/proc/sys/net/ipv6/conf/$2/disable_ipv6; [ ! -e \$f ] || echo 1 > \$f"
done

if [ "$PROTO" = ipv4 ]; then
	# Give B0 a local address so frames reach udp_rcv (no listener -> dropped,
	# ICMP unreachable is rate limited); static neighbours avoid ARP traffic.
	ip -n "$NS_A" addr add 198.51.100.1/24 dev A0 || exit 1
	ip -n "$NS_B" addr add 198.51.100.2/24 dev B0 || exit 1
	ip -n "$NS_A" neigh replace 198.51.100.2 lladdr 02:00:00:00:00:0b dev A0 nud permanent || exit 1
	ip -n "$NS_B" neigh replace 198.51.100.1 lladdr 02:00:00:00:00:0a dev B0 nud permanent || exit 1
fi

ip -n "$NS_A" link set lo up && ip -n "$NS_B" link set lo up || exit 1
ip -n "$NS_B" link set B0 up && ip -n "$NS_A" link set A0 up || exit 1

# Wait for carrier on both ends (veth reports it once both are up).
for _ in $(seq 50); do
	ip -n "$NS_A" link show A0 | grep -q 'state UP' &&
		ip -n "$NS_B" link show B0 | grep -q 'state UP' && break
	sleep 0.02
done

rc=0
for size in $SIZES; do
	# Run in the background and `wait` so INT/TERM traps fire immediately
	# (bash defers traps while a foreground child runs); cleanup kills CHILD.
	ip netns exec "$NS_A" "$WORK/veth_rate" --ifname A0 \
		--peer-netns "/run/netns/$NS_B" --peer-ifname B0 \
		--len "$size" --proto "$PROTO" --seconds "$SECONDS_" --warmup "$WARMUP" \
		--batch "$BATCH" --cpu "$CPU" $QBYPASS </dev/null &
	CHILD=$!
	wait "$CHILD" || { rc=1; CHILD=""; break; }
	CHILD=""
done
exit $rc
