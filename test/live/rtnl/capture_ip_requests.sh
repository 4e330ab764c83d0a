#!/usr/bin/env bash
# Capture the netlink requests real iproute2 sends for a list of `ip link`
# commands, and the kernel's replies, with strace hex dumps.  Also record ip's
# exit code, stdout and stderr, and the text output of `ip link show`,
# `ip -s link show` and `ip -d link show` for a fixed topology.
#
# Output (default: <repo>/test/golden/rtnetlink/, override with GOLDEN_DIR):
#   ip-requests.jsonl        one record per command (see README.md here)
#   ip-requests.meta.json    kernel/ip version, normalisation rules
#   ip-link-show.txt, ip-s-link-show.txt, ip-d-link-show.txt, ip-show-topology.json
#
# Needs root, strace, iproute2, python3.  Everything runs inside network
# namespaces named kveth-nl-<pid>-*, created here and deleted on exit.  The
# script re-executes itself in a private mount namespace with a private tmpfs
# on /run/netns, so `ip` only ever sees our namespaces (its netns-name lookups
# for link-netns are then deterministic) and, should this script be killed,
# the namespaces disappear with the mount namespace.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
GOLD=${GOLDEN_DIR:-$ROOT/test/golden/rtnetlink}

if [ "${KVETH_NL_PRIVATE_MNT:-}" != 1 ]; then
    [ "$(id -u)" = 0 ] || { echo "need root" >&2; exit 2; }
    for t in strace ip python3 unshare; do
        command -v $t >/dev/null || { echo "missing $t" >&2; exit 2; }
    done
    mkdir -p /run/netns
    exec unshare --mount --propagation private env KVETH_NL_PRIVATE_MNT=1 bash "$0" "$@"
fi
mount -t tmpfs -o size=1m,mode=0755 kveth-nl-netns /run/netns || exit 2

P=$$
NS1=kveth-nl-$P-ns1
NS2=kveth-nl-$P-ns2
T1=kveth-nl-$P-t1
T2=kveth-nl-$P-t2
W=$(mktemp -d /tmp/kveth-nl-$P-XXXXXX)

cleanup() {
    for n in "$NS1" "$NS2" "$T1" "$T2"; do
        ip netns del "$n" 2>/dev/null
    done
    rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

ip netns add "$NS1" && ip netns add "$NS2" || exit 2
printf '%s\t%s\n' "$NS1" NS1 "$NS2" NS2 "$T1" NS1 "$T2" NS2 > "$W/names.tsv"
: > "$W/manifest.tsv"

i=0
# run ROLE TEMPLATE: run `ip ...` (TEMPLATE with NS1/NS2 placeholders) inside
# NS1 under strace, cwd = $W (so the batch file is named relatively).
run() {
    local role=$1 tmpl=$2 cmd idx
    i=$((i + 1)); idx=$(printf '%03d' $i)
    cmd=${tmpl//NS1/$NS1}; cmd=${cmd//NS2/$NS2}
    printf '%s\t%s\t%s\n' "$idx" "$role" "$tmpl" >> "$W/manifest.tsv"
    ( cd "$W" && ip netns exec "$NS1" strace -o "$W/$idx.strace" \
        -e trace=sendmsg,sendto,recvmsg,recvfrom -e write=all -e read=all -xx -s 65536 \
        $cmd > "$W/$idx.out" 2> "$W/$idx.err"; echo $? > "$W/$idx.rc" )
}
in1() { ip netns exec "$NS1" "$@"; }

run golden "ip link add veth0 type veth peer name veth1"
run golden "ip link add a type veth"
run golden "ip link add name a type veth"
run golden "ip link add a0 address 02:00:00:00:00:0a mtu 1400 type veth peer name b0 address 02:00:00:00:00:0b mtu 9000"
run golden "ip link add a1 type veth peer name b1 netns NS2"
run golden "ip link add a2 netns NS2 type veth peer name b2"
run golden "ip link add a3 index 50 type veth peer name b3 index 60"
run golden "ip link set a0 up"
run golden "ip link set a0 down"
run golden "ip link set a0 mtu 2000"
run golden "ip link set a0 mtu 67"
run golden "ip link set a0 address 02:00:00:00:01:01"
run golden "ip link set a0 name renamed0"
run golden "ip link set b0 netns NS2"
run golden "ip link del renamed0"
run golden "ip link del nosuchdev"
# Give every remaining device in NS1 a fixed MAC so that the dumps below are
# deterministic (these commands are recorded too, with role "mac-setup").
n=0
for dev in veth0 veth1 a veth2 a1 b2 a3 b3; do
    n=$((n + 1))
    run mac-setup "ip link set dev $dev address 02:00:00:00:02:$(printf '%02x' $n)"
done
run golden "ip link show"
run golden "ip -s link show"
run golden "ip -d link show"
run golden "ip link add veth0 type veth peer name veth1"
run golden "ip link add 0123456789abcdef type veth"
run golden "ip link add x type nosuchkind"
cat > "$W/batch.txt" <<'EOF'
link add c0 type veth peer name c1
link add c0 type veth peer name c1
link set c0 mtu 67
link set c0 up
EOF
run golden "ip -batch batch.txt"
in1 ip link del c0 2>/dev/null
run golden "ip -force -batch batch.txt"
cp "$W/batch.txt" "$W/batch.copy"

mkdir -p "$GOLD"
python3 "$HERE/strace2jsonl.py" "$W" "$GOLD/ip-requests.jsonl" || exit 1

# ---- text goldens for a fixed topology --------------------------------------
ip netns add "$T1" && ip netns add "$T2" || exit 2
TOPO=(
    "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02"
    "ip link set v0 up"
    "ip link set v1 up"
    "ip link add v2 address 02:00:00:00:00:03 mtu 9000 type veth peer name v3 address 02:00:00:00:00:04 netns NS2"
    "ip link set v2 up"
    "ip link add v4 address 02:00:00:00:00:05 mtu 1400 type veth peer name v5 address 02:00:00:00:00:06 mtu 1400"
)
for n in "$T1" "$T2"; do
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
for c in "${TOPO[@]}"; do
    c2=${c//NS2/$T2}
    ip netns exec "$T1" $c2 || { echo "topology step failed: $c" >&2; exit 1; }
done
# wait for linkwatch to report v0/v1 operstate UP
for _ in $(seq 50); do
    ip netns exec "$T1" ip -o link show v1 | grep -q 'state UP' &&
        ip netns exec "$T1" ip -o link show v0 | grep -q 'state UP' && break
    sleep 0.1
done
sub() { sed -e "s/$T1/NS1/g" -e "s/$T2/NS2/g"; }
ip netns exec "$T1" ip link show | sub > "$GOLD/ip-link-show.txt"
ip netns exec "$T1" ip -s link show | sub > "$GOLD/ip-s-link-show.txt"
ip netns exec "$T1" ip -d link show | sub > "$GOLD/ip-d-link-show.txt"

python3 - "$GOLD" "$W/batch.copy" "${TOPO[@]}" <<'EOF'
import json, os, platform, subprocess, sys
gold, batch, topo = sys.argv[1], sys.argv[2], sys.argv[3:]
ipv = subprocess.run(["ip", "-V"], capture_output=True, text=True).stdout.strip()
json.dump({
    "setup_in_NS1": ["sysctl -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 (NS1 and NS2)"] + topo,
    "files": {"ip link show": "ip-link-show.txt", "ip -s link show": "ip-s-link-show.txt",
              "ip -d link show": "ip-d-link-show.txt"},
    "notes": ["namespace names replaced by NS1/NS2",
              "numtxqueues/numrxqueues in -d output = num_possible_cpus of the capture machine (%d)" % os.cpu_count(),
              "IPv6 disabled in both namespaces so no packets are sent and all counters stay 0"],
    "kernel": platform.release(), "iproute2": ipv,
}, open(os.path.join(gold, "ip-show-topology.json"), "w"), indent=1)
json.dump({
    "kernel": platform.release(), "iproute2": ipv, "cpus": os.cpu_count(),
    "batch_file_batch.txt": open(batch).read(),
    "record_fields": {
        "cmd": "command line, namespace names replaced by NS1/NS2; run inside NS1 with cwd = the directory of batch.txt",
        "role": "golden, or mac-setup (sets fixed MACs so later dumps are deterministic)",
        "requests": "hex of every datagram ip sent (sendto/sendmsg), normalised, in order",
        "replies": "hex of every datagram ip received (recvmsg; MSG_PEEK|MSG_TRUNC size probes omitted), normalised, in order",
        "messages": "requests and replies interleaved in order: dir, sock (0 = first netlink socket ip used, 1 = second), hex, decoded summary",
        "orig": "per message, the original values replaced by normalisation (seq, pid, echo_seq, echo_pid, netns_fd, netns_pid, random_mac, inet6_cacheinfo [tstamp, reachable_time])",
        "exit/stdout/stderr": "ip's exit status and output (namespace names replaced by NS1/NS2)"},
    "normalisation": [
        "nlmsghdr.nlmsg_seq and nlmsg_pid set to 0 in every message, including the request header echoed inside NLMSG_ERROR (ip uses seq = time(NULL)+n; pid is the kernel-assigned port id, negative random for ip's second socket)",
        "IFLA_NET_NS_FD (type 28) and IFLA_NET_NS_PID (type 19), top level or inside IFLA_LINKINFO/IFLA_INFO_DATA/VETH_INFO_PEER, and NETNSA_FD (type 3 in RTM_GETNSID) u32 values set to 0 (fd numbers / pid of the ip process)",
        "IFLA_AF_SPEC/AF_INET6/IFLA_INET6_CACHEINFO: tstamp and reachable_time (2nd and 3rd u32) set to 0",
        "ifindex values are NOT rewritten: every namespace is fresh (lo = 1) and the command order is fixed, so indexes are deterministic",
        "6-byte IFLA_ADDRESS values not starting with 02:00:00 (random MACs from eth_hw_addr_random; every MAC set by this script starts with 02:00:00) set to 00:00:00:00:00:00; the mac-setup records give the remaining devices fixed MACs before the ip link show dumps, so the dumps and ip's text output contain no random MAC",
        "environment-dependent values left as is: IFLA_NUM_TX_QUEUES/IFLA_NUM_RX_QUEUES (= CPU count), IFLA_INET6_CONF defaults (compiled-in netns defaults), IFLA_STATS/IFLA_STATS64 (all zero here: no device ever has carrier in NS1, so nothing is sent)",
        "kernel-version-dependent: RTM_NEWLINK replies from 6.18 carry IFLA_MAX_PACING_OFFLOAD_HORIZON (66, u32), IFLA_NETNS_IMMUTABLE (67, u8), IFLA_HEADROOM (68, u16) and IFLA_TAILROOM (69, u16); 6.12.117 rtnl_fill_ifinfo does not emit them (IFLA_MAX is 65 there), so a 6.12 port's dump messages are 32 bytes shorter per link"],
}, open(os.path.join(gold, "ip-requests.meta.json"), "w"), indent=1)
EOF
echo "goldens written to $GOLD"
