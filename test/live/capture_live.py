#!/usr/bin/python3
"""capture_live.py: replay a frame corpus through a real veth pair and record what the kernel did.

Usage:  capture_live.py [--trace] [--rx-down] [--mtu-a N] [--mtu-b N] [FILE|-]

Same CLI and same output as `kveth replay` (this tool produces the golden files that kveth is
compared against). Needs root, network namespaces and tracefs (for --trace). Stdlib only;
run it with /usr/bin/python3.

SETUP (all of it is removed again on every exit path, including SIGINT/SIGTERM/SIGHUP):
  * netns kveth-cap-<pid>-A and kveth-cap-<pid>-B; net.ipv6.conf.{all,default}.disable_ipv6=1 in
    both *before* the veth pair exists (no ND/MLD/DAD traffic). No IP addresses are configured;
    lo stays down.
  * veth pair A0 (netns A, 02:00:00:00:00:0a) <-> B0 (netns B, 02:00:00:00:00:0b), MTUs from
    --mtu-a/--mtu-b (default 1500), both set up; then we wait until both report operstate UP
    (linkwatch has attached the noqueue qdisc). With --rx-down, B0 is then set down
    (`ip link set B0 down`) and we wait until A0 reports operstate DOWN (carrier off, linkwatch
    has swapped A0's txq to the noop qdisc).
  * tap: AF_PACKET/SOCK_RAW, protocol ETH_P_ALL, bound to B0.  sender: AF_PACKET/SOCK_RAW,
    protocol 0 (installs no receive hook), bound to A0. The process is pinned to one CPU so the
    NET_RX softirq runs on that CPU, in our task, when send() re-enables bottom halves.
  * --trace: private tracefs instance /sys/kernel/tracing/instances/kveth-cap-<pid> with
    set_event_pid = our pid and the events net:net_dev_queue, net:net_dev_start_xmit,
    net:net_dev_xmit, net:netif_rx_entry, net:netif_rx, net:netif_rx_exit,
    net:netif_receive_skb, napi:napi_poll, skb:kfree_skb, skb:consume_skb.

PER FRAME (idx counts frames from 0 in file order):
  counters before -> clear trace buffer -> send(frame) -> poll(tap, 30 ms) + 5 ms settle ->
  drain tap with non-blocking recvfrom -> read trace -> counters after.

OUTPUT: one JSON object per frame, one per line, compact separators (",", ":"), keys in this
order:
  {"idx":N,"label":"...","len":L,"send":{"ok":true}|{"ok":false,"err":"EINVAL"},
   "delivered":bool,"rx":[{"hex":"..","pkttype":0,"protocol":"0x0800"},...],
   "counters":{"A0":{C},"B0":{C},"softnet_dropped":n},"trace":[...]}
  * label: "" when the line has none. len: frame length in bytes.
  * send.err: errno name (errno.errorcode) of the OSError raised by send().
  * rx: packets read from the tap in order; hex = bytes returned by recvfrom (lowercase),
    pkttype = sll_pkttype (0 host,1 broadcast,2 multicast,3 otherhost,4 outgoing),
    protocol = sll_protocol in host order, "0x%04x".
  * delivered: len(rx) > 0.
  * C = {"tx_packets","tx_bytes","tx_dropped","rx_packets","rx_bytes","rx_dropped",
    "rx_nohandler"} in that order: deltas (after - before) of the device's rtnl_link_stats64
    (RTM_GETLINK IFLA_STATS64, i.e. dev_get_stats(), the numbers `ip -s -s link` shows),
    read over a NETLINK_ROUTE socket created inside that device's namespace.
  * softnet_dropped: delta of the sum over CPUs of column 2 (hex) of /proc/net/softnet_stat
    (system-wide, not per namespace).
  * trace: only with --trace (see below).

TRACE SELECTION (per frame, from the events our pid emitted between clear and read):
  1. an event naming dev=A0 or dev=B0 (net_dev_queue, net_dev_start_xmit, net_dev_xmit,
     netif_rx_entry, netif_rx, netif_receive_skb) is kept, and its skbaddr joins the chain;
  2. netif_rx_exit (it has no dev/skbaddr) is kept when the netif_rx_entry it closes was kept
     (entry/exit pairs are matched as a stack, so nested pairs work);
  3. kfree_skb/consume_skb is kept when its skbaddr is in the chain (the address then leaves the
     chain, since a freed address can be reused), or when its location is packet_recvmsg or
     skb_free_datagram (the tap's skb, possibly a clone with a new address, freed at recvfrom),
     or packet_sendmsg (the sender's own skb, freed when packet_snd rejects the frame);
  4. napi_poll for device "(no_device)" (the per-CPU backlog) is kept when a kept
     netif_receive_skb happened since the previous napi_poll.
  Consequence: a frame the sender rejects (EINVAL, EMSGSIZE) shows only the kfree_skb of the
  skb packet_sendmsg allocated and dropped (when it got as far as allocating one).
  If the trace is incomplete (a kept netif_rx_exit with ret=0 but no kept netif_receive_skb and
  napi_poll after it, e.g. because the softirq ran in ksoftirqd), the frame is re-sent (max 5
  attempts; a note goes to stderr); counters are deltas of the final attempt.

TRACE NORMALIZATION (kveth must produce identical strings):
  * the "TASK-PID [CPU] FLAGS TIMESTAMP: " prefix is removed; a line starts at the event name:
      "net_dev_queue: dev=A0 skbaddr=#0 len=74"
    i.e. "<event>: <TP_printk output>" with the kernel's spacing kept as is.
  * every skb address (skbaddr=%p) becomes "#k", k = 0,1,.. in order of first appearance within
    the frame (the tap's clone freed by recvfrom gets the next number like any other address).
  * napi_poll: "napi struct %p" becomes "napi struct #napi".
  * kfree_skb: "rx_sk=0000000000000000" stays; a non-NULL rx_sk becomes "rx_sk=#sk".
  * kfree_skb/consume_skb: "location=sym+0xoff/0xsize" becomes "location=sym"; suffixes
    ".constprop.N", ".isra.N", ".part.N", ".cold" (repeated, any order) are stripped from sym,
    e.g. "__netif_receive_skb_core.constprop.0+0x821/0x13c0" -> "__netif_receive_skb_core".
  * nothing else is changed (len=, protocol= (decimal in kfree_skb, 0x%04x elsewhere),
    reason:, work/budget, truesize=, hash= ... are kept verbatim).

Environment: KVETH_CAPTURE_RAWTRACE=<file> appends the unfiltered per-frame trace (our pid) to
<file> for debugging. Exit status: 0 ok, 1 unexpected failure or watchdog timeout (SIGALRM:
60 s for setup, 30 s per frame), 2 environment problem (not root, no netns/veth/tracefs,
unreadable input or bad hex), 130 on SIGINT/SIGTERM/SIGHUP. Cleanup (sockets, trace instance,
both namespaces; tracefs is unmounted only if this process mounted it and no other instance
exists) runs on every path except SIGKILL; leftovers are named kveth-cap-<pid>-{A,B} and
instances/kveth-cap-<pid>.
"""
import argparse
import ctypes
import errno
import json
import os
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import time

ETH_P_ALL = 0x0003
CLONE_NEWNET = 0x40000000
TRACEFS = "/sys/kernel/tracing"
MAC_A0 = "02:00:00:00:00:0a"
MAC_B0 = "02:00:00:00:00:0b"
EVENTS = [
    "net:net_dev_queue", "net:net_dev_start_xmit", "net:net_dev_xmit",
    "net:netif_rx_entry", "net:netif_rx", "net:netif_rx_exit", "net:netif_receive_skb",
    "napi:napi_poll", "skb:kfree_skb", "skb:consume_skb",
]
COUNTER_KEYS = ["tx_packets", "tx_bytes", "tx_dropped", "rx_packets", "rx_bytes", "rx_dropped",
                "rx_nohandler"]
# index of each key in struct rtnl_link_stats64 (u64 fields)
STATS64_INDEX = {"rx_packets": 0, "tx_packets": 1, "rx_bytes": 2, "tx_bytes": 3,
                 "rx_dropped": 6, "tx_dropped": 7, "rx_nohandler": 23}
TAP_POLL_MS = 30
SETTLE_S = 0.005
MAX_ATTEMPTS = 5
SETUP_TIMEOUT_S = 60   # watchdog (SIGALRM) for the setup ...
FRAME_TIMEOUT_S = 30   # ... and for each frame; on expiry: clean up, exit 1


class EnvError(Exception):
    """Environment problem: exit status 2."""


class Interrupted(BaseException):
    pass


def die_env(msg):
    raise EnvError(msg)


# ------------------------------------------------------------------------------------------------
# input

def parse_frames(text):
    frames = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        label = ""
        if "#" in line:
            line, label = line.split("#", 1)
            line = line.strip()
            label = label.strip()
        try:
            data = bytes.fromhex(line)
        except ValueError:
            die_env("line %d: invalid hex" % lineno)
        frames.append((data, label))
    return frames


# ------------------------------------------------------------------------------------------------
# namespaces and links

_libc = ctypes.CDLL(None, use_errno=True)


def setns(fd):
    if _libc.setns(fd, CLONE_NEWNET) != 0:
        e = ctypes.get_errno()
        raise OSError(e, "setns: " + os.strerror(e))


def run(cmd, check=True):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20, text=True)
    if check and p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd), p.stderr.strip()))
    return p


class NetlinkStats:
    """RTM_GETLINK over a NETLINK_ROUTE socket created in the current netns."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)  # NETLINK_ROUTE
        self.sock.bind((0, 0))
        self.sock.settimeout(5)
        self.seq = 0

    def get(self, ifname):
        RTM_GETLINK, RTM_NEWLINK, NLMSG_ERROR = 18, 16, 2
        IFLA_IFNAME, IFLA_STATS64 = 3, 23
        self.seq += 1
        name = ifname.encode() + b"\0"
        attr = struct.pack("HH", 4 + len(name), IFLA_IFNAME) + name
        attr += b"\0" * ((4 - len(attr) % 4) % 4)
        body = struct.pack("BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0) + attr
        msg = struct.pack("IHHII", 16 + len(body), RTM_GETLINK, 1, self.seq, 0) + body  # NLM_F_REQUEST
        self.sock.send(msg)
        while True:
            data = self.sock.recv(65536)
            off = 0
            while off + 16 <= len(data):
                ln, typ, flags, seq, pid = struct.unpack_from("IHHII", data, off)
                if seq == self.seq:
                    if typ == NLMSG_ERROR:
                        err = struct.unpack_from("i", data, off + 16)[0]
                        raise OSError(-err, "RTM_GETLINK %s: %s" % (ifname, os.strerror(-err)))
                    if typ == RTM_NEWLINK:
                        a = off + 16 + 16
                        while a + 4 <= off + ln:
                            alen, atype = struct.unpack_from("HH", data, a)
                            if alen < 4:
                                break
                            if (atype & 0x3FFF) == IFLA_STATS64:
                                n = (alen - 4) // 8
                                vals = struct.unpack_from("%dQ" % n, data, a + 4)
                                return {k: vals[i] for k, i in STATS64_INDEX.items()}
                            a += (alen + 3) & ~3
                        raise RuntimeError("no IFLA_STATS64 for " + ifname)
                off += (ln + 3) & ~3

    def close(self):
        self.sock.close()


def softnet_dropped():
    total = 0
    with open("/proc/net/softnet_stat") as f:
        for line in f:
            cols = line.split()
            if len(cols) > 1:
                total += int(cols[1], 16)
    return total


# ------------------------------------------------------------------------------------------------
# tracing

LINE_RE = re.compile(r"^\s*(?P<comm>.*?)-(?P<pid>\d+)\s+(?:\(\s*[-\d]+\)\s+)?\[(?P<cpu>\d+)\]\s+"
                     r"(?:(?P<flags>\S{4,6})\s+)?(?P<ts>\d+\.\d+):\s+(?P<event>\w+):\s?(?P<body>.*)$")
SKB_RE = re.compile(r"skbaddr=([0-9a-fx]+|\(null\))")
DEV_RE = re.compile(r"(?:^|\s)dev=(\S+)")
LOC_RE = re.compile(r"location=(\S+)")
NAPI_RE = re.compile(r"napi struct ([0-9a-fx]+)")
RXSK_RE = re.compile(r"rx_sk=([0-9a-fx]+|\(null\))")
SUFFIX_RE = re.compile(r"(\.(constprop|isra|part|llvm)\.\d+|\.cold(\.\d+)?)+$")


def norm_location(loc):
    sym = loc.split("+", 1)[0]
    return SUFFIX_RE.sub("", sym)


class Tracer:
    def __init__(self, name):
        self.mounted_by_us = False
        self.inst = None
        if not os.path.isdir(os.path.join(TRACEFS, "instances")):
            if not os.path.isdir(TRACEFS):
                die_env("%s does not exist (no tracefs support?)" % TRACEFS)
            p = run(["mount", "-t", "tracefs", "nodev", TRACEFS], check=False)
            if p.returncode != 0 or not os.path.isdir(os.path.join(TRACEFS, "instances")):
                die_env("cannot mount tracefs at %s: %s" % (TRACEFS, p.stderr.strip()))
            self.mounted_by_us = True
        inst = os.path.join(TRACEFS, "instances", name)
        try:
            os.mkdir(inst)
        except OSError as e:
            die_env("cannot create trace instance %s: %s" % (inst, e))
        self.inst = inst
        avail = open(os.path.join(TRACEFS, "available_events")).read().split()
        for ev in EVENTS:
            if ev not in avail:
                die_env("trace event %s not available" % ev)
        self._w("tracing_on", "0")
        self._w("buffer_size_kb", "1024")
        self._w("set_event_pid", str(os.getpid()))
        with open(os.path.join(inst, "set_event"), "w") as f:
            for ev in EVENTS:
                f.write(ev + "\n")
                f.flush()
        self._w("tracing_on", "1")

    def _w(self, fname, val):
        with open(os.path.join(self.inst, fname), "w") as f:
            f.write(val)

    def clear(self):
        with open(os.path.join(self.inst, "trace"), "w"):
            pass

    def read(self):
        with open(os.path.join(self.inst, "trace")) as f:
            return f.read()

    def close(self):
        if self.inst:
            try:
                self._w("tracing_on", "0")
            except OSError:
                pass
            try:
                with open(os.path.join(self.inst, "set_event"), "w") as f:
                    f.write("")
            except OSError:
                pass
            for i in range(50):
                try:
                    os.rmdir(self.inst)
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                sys.stderr.write("capture_live: could not remove %s\n" % self.inst)
            self.inst = None
        if self.mounted_by_us:
            try:
                if not os.listdir(os.path.join(TRACEFS, "instances")):
                    run(["umount", TRACEFS], check=False)
            except OSError:
                pass
            self.mounted_by_us = False


def parse_trace(text, pid):
    """Return the list of (event, body) of our pid, in buffer order, plus lost-event flag."""
    out = []
    lost = False
    for line in text.splitlines():
        if line.startswith("#"):
            if "entries-in-buffer" in line:
                m = re.search(r"entries-in-buffer/entries-written: (\d+)/(\d+)", line)
                if m and m.group(1) != m.group(2):
                    lost = True
            continue
        if "LOST" in line and "EVENTS" in line:
            lost = True
            continue
        m = LINE_RE.match(line)
        if not m:
            continue
        if int(m.group("pid")) != pid:
            continue
        out.append((m.group("event"), m.group("body")))
    return out, lost


def select_and_normalize(events, devs=("A0", "B0")):
    """Apply the selection rules and the normalization. Returns (lines, complete)."""
    chain = set()
    kept = []  # (event, body)
    rx_stack = []
    recv_since_poll = False
    for ev, body in events:
        keep = False
        m = SKB_RE.search(body)
        addr = m.group(1) if m else None
        d = DEV_RE.search(body)
        if d and d.group(1) in devs and addr is not None:
            chain.add(addr)
            keep = True
            if ev == "netif_rx_entry":
                rx_stack.append(True)
            if ev == "netif_receive_skb":
                recv_since_poll = True
        elif ev == "netif_rx_entry":
            rx_stack.append(False)
        elif ev == "netif_rx_exit":
            keep = rx_stack.pop() if rx_stack else False
        elif ev in ("kfree_skb", "consume_skb"):
            loc = LOC_RE.search(body)
            locn = norm_location(loc.group(1)) if loc else ""
            if addr in chain:
                keep = True
                chain.discard(addr)
            elif locn in ("packet_recvmsg", "skb_free_datagram", "packet_sendmsg"):
                keep = True
        elif ev == "napi_poll":
            if recv_since_poll and "for device (no_device)" in body:
                keep = True
            recv_since_poll = False
        if keep:
            kept.append((ev, body))

    # completeness: every successful netif_rx must be followed by netif_receive_skb and napi_poll
    complete = True
    pending = 0
    for ev, body in kept:
        if ev == "netif_rx_exit" and body.strip() == "ret=0":
            pending += 1
        elif ev == "napi_poll":
            pending = 0
    if pending:
        complete = False

    # normalization
    ids = {}
    lines = []
    for ev, body in kept:
        def skb_sub(mm):
            a = mm.group(1)
            if a not in ids:
                ids[a] = len(ids)
            return "skbaddr=#%d" % ids[a]
        body = SKB_RE.sub(skb_sub, body)
        body = NAPI_RE.sub("napi struct #napi", body)
        body = RXSK_RE.sub(lambda mm: "rx_sk=" + (mm.group(1) if set(mm.group(1)) <= {"0"}
                                                   else "#sk"), body)
        body = LOC_RE.sub(lambda mm: "location=" + norm_location(mm.group(1)), body)
        lines.append("%s: %s" % (ev, body))
    return lines, complete


# ------------------------------------------------------------------------------------------------
# the capture

class Capture:
    def __init__(self, args):
        self.args = args
        pid = os.getpid()
        self.pid = pid
        self.ns = {"A": "kveth-cap-%d-A" % pid, "B": "kveth-cap-%d-B" % pid}
        self.created_ns = []
        self.fds = {}
        self.orig_fd = None
        self.tap = self.sender = None
        self.nl = {}
        self.tracer = None
        self.inst_name = "kveth-cap-%d" % pid

    # -- setup -----------------------------------------------------------------------------
    def setup(self):
        a = self.args
        if not os.path.exists("/proc/self/ns/net"):
            die_env("network namespaces are not supported")
        self.orig_fd = os.open("/proc/self/ns/net", os.O_RDONLY)
        for k in ("A", "B"):
            p = run(["ip", "netns", "add", self.ns[k]], check=False)
            if p.returncode != 0:
                die_env("ip netns add %s failed: %s" % (self.ns[k], p.stderr.strip()))
            self.created_ns.append(self.ns[k])
            self.fds[k] = os.open("/var/run/netns/" + self.ns[k], os.O_RDONLY)
        # IPv6 off before any link exists in the namespaces
        for k in ("A", "B"):
            setns(self.fds[k])
            try:
                for c in ("all", "default"):
                    with open("/proc/sys/net/ipv6/conf/%s/disable_ipv6" % c, "w") as f:
                        f.write("1")
            except OSError:
                pass  # kernel without IPv6: nothing to disable
            finally:
                setns(self.orig_fd)
        p = run(["ip", "-n", self.ns["A"], "link", "add", "A0", "address", MAC_A0, "type", "veth",
                 "peer", "name", "B0", "address", MAC_B0, "netns", self.ns["B"]], check=False)
        if p.returncode != 0:
            die_env("cannot create veth pair: %s" % p.stderr.strip())
        if a.mtu_a is not None:
            run(["ip", "-n", self.ns["A"], "link", "set", "A0", "mtu", str(a.mtu_a)])
        if a.mtu_b is not None:
            run(["ip", "-n", self.ns["B"], "link", "set", "B0", "mtu", str(a.mtu_b)])
        run(["ip", "-n", self.ns["A"], "link", "set", "A0", "up"])
        run(["ip", "-n", self.ns["B"], "link", "set", "B0", "up"])
        self.wait_oper("A", "A0", "UP")
        self.wait_oper("B", "B0", "UP")
        if a.rx_down:
            run(["ip", "-n", self.ns["B"], "link", "set", "B0", "down"])
            self.wait_oper("A", "A0", "DOWN", other_ok=("LOWERLAYERDOWN",))
        time.sleep(0.05)

        # sockets, created inside the namespaces
        setns(self.fds["B"])
        try:
            self.tap = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
            self.tap.bind(("B0", ETH_P_ALL))
            self.tap.setblocking(False)
            self.tap.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            self.nl["B"] = NetlinkStats()
        finally:
            setns(self.orig_fd)
        setns(self.fds["A"])
        try:
            self.sender = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
            self.sender.bind(("A0", 0))
            self.sender.settimeout(5)
            self.nl["A"] = NetlinkStats()
        finally:
            setns(self.orig_fd)

        # one CPU, so the backlog and its softirq are ours
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
        if a.trace:
            self.tracer = Tracer(self.inst_name)
        time.sleep(0.05)
        self.drain_tap()

    def wait_oper(self, k, dev, want, other_ok=(), timeout=10.0):
        end = time.time() + timeout
        st = None
        while time.time() < end:
            p = run(["ip", "-n", self.ns[k], "-j", "link", "show", dev])
            st = json.loads(p.stdout)[0].get("operstate")
            if st == want or st in other_ok:
                return
            time.sleep(0.02)
        raise RuntimeError("%s did not reach operstate %s (is %s)" % (dev, want, st))

    # -- teardown --------------------------------------------------------------------------
    def teardown(self):
        for s in (self.tap, self.sender):
            try:
                if s:
                    s.close()
            except OSError:
                pass
        for n in self.nl.values():
            try:
                n.close()
            except OSError:
                pass
        if self.tracer:
            try:
                self.tracer.close()
            except Exception as e:  # keep cleaning up
                sys.stderr.write("capture_live: trace cleanup: %s\n" % e)
        inst = os.path.join(TRACEFS, "instances", self.inst_name)
        if os.path.isdir(inst):  # created, but a signal arrived before self.tracer was set
            try:
                with open(os.path.join(inst, "set_event"), "w") as f:
                    f.write("")
                os.rmdir(inst)
            except OSError as e:
                sys.stderr.write("capture_live: could not remove %s: %s\n" % (inst, e))
        if self.orig_fd is not None:
            try:
                setns(self.orig_fd)
            except OSError:
                pass
        for fd in self.fds.values():
            try:
                os.close(fd)
            except OSError:
                pass
        for name in (self.ns["B"], self.ns["A"]):
            if name in self.created_ns or os.path.exists("/var/run/netns/" + name):
                p = run(["ip", "netns", "del", name], check=False)
                if p.returncode != 0:
                    sys.stderr.write("capture_live: ip netns del %s: %s\n"
                                     % (name, p.stderr.strip()))
        self.created_ns = []

    # -- per frame -------------------------------------------------------------------------
    def counters(self):
        return {"A0": self.nl["A"].get("A0"), "B0": self.nl["B"].get("B0"),
                "softnet_dropped": softnet_dropped()}

    def drain_tap(self):
        pkts = []
        while True:
            try:
                data, addr = self.tap.recvfrom(65536)
            except (BlockingIOError, InterruptedError):
                break
            except OSError as e:
                # a tap bound to a down device reports ENETDOWN once (sk_err); that is not data
                if e.errno == errno.ENETDOWN:
                    continue
                raise
            pkts.append({"hex": data.hex(), "pkttype": addr[2], "protocol": "0x%04x" % addr[1]})
        return pkts

    def one(self, frame):
        c0 = self.counters()
        if self.tracer:
            self.tracer.clear()
        try:
            self.sender.send(frame)
            send = {"ok": True}
        except socket.timeout:
            send = {"ok": False, "err": "ETIMEDOUT"}
        except OSError as e:
            send = {"ok": False, "err": errno.errorcode.get(e.errno, str(e.errno))}
        pkts = []
        poller = select.poll()
        poller.register(self.tap, select.POLLIN)
        if poller.poll(TAP_POLL_MS):
            time.sleep(SETTLE_S)
        pkts += self.drain_tap()
        raw = self.tracer.read() if self.tracer else ""
        c1 = self.counters()
        cnt = {}
        for dev in ("A0", "B0"):
            cnt[dev] = {k: c1[dev][k] - c0[dev][k] for k in COUNTER_KEYS}
        cnt["softnet_dropped"] = c1["softnet_dropped"] - c0["softnet_dropped"]
        return send, pkts, cnt, raw

    def run_frames(self, frames, out):
        rawlog = os.environ.get("KVETH_CAPTURE_RAWTRACE")
        for idx, (frame, label) in enumerate(frames):
            signal.alarm(FRAME_TIMEOUT_S)
            for attempt in range(1, MAX_ATTEMPTS + 1):
                send, pkts, cnt, raw = self.one(frame)
                trace = None
                complete = True
                if self.tracer:
                    events, lost = parse_trace(raw, self.pid)
                    trace, complete = select_and_normalize(events)
                    complete = complete and not lost
                    if rawlog:
                        with open(rawlog, "a") as f:
                            f.write("=== idx %d %s attempt %d\n" % (idx, label, attempt))
                            f.write(raw)
                if complete:
                    break
                sys.stderr.write("capture_live: frame %d (%s): incomplete trace, retrying (%d)\n"
                                 % (idx, label, attempt))
                time.sleep(0.05)
            else:
                sys.stderr.write("capture_live: frame %d (%s): trace still incomplete after %d "
                                 "attempts\n" % (idx, label, MAX_ATTEMPTS))
            rec = {"idx": idx, "label": label, "len": len(frame), "send": send,
                   "delivered": bool(pkts), "rx": pkts, "counters": cnt}
            if self.tracer:
                rec["trace"] = trace
            out.write(json.dumps(rec, separators=(",", ":")) + "\n")
            out.flush()
        signal.alarm(0)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Replay frames through a live veth pair.")
    ap.add_argument("--trace", action="store_true", help="record normalized tracepoints")
    ap.add_argument("--rx-down", action="store_true", help="set B0 down after both were up")
    ap.add_argument("--mtu-a", type=int, metavar="N", help="MTU of A0 (sender)")
    ap.add_argument("--mtu-b", type=int, metavar="N", help="MTU of B0 (receiver)")
    ap.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    args = ap.parse_args(argv)

    def on_signal(signum, frame):
        raise Interrupted(signum)

    def on_alarm(signum, frame):
        raise TimeoutError("watchdog expired (setup > %ds or one frame > %ds)"
                           % (SETUP_TIMEOUT_S, FRAME_TIMEOUT_S))

    cap = None
    try:
        if os.geteuid() != 0:
            die_env("must run as root")
        try:
            text = sys.stdin.read() if args.file == "-" else open(args.file).read()
        except OSError as e:
            die_env("cannot read %s: %s" % (args.file, e))
        frames = parse_frames(text)
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(s, on_signal)
        signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(SETUP_TIMEOUT_S)
        cap = Capture(args)
        cap.setup()
        cap.run_frames(frames, sys.stdout)
        return 0
    except EnvError as e:
        sys.stderr.write("capture_live: %s\n" % e)
        return 2
    except Interrupted as e:
        sys.stderr.write("capture_live: interrupted by signal %s\n" % e.args[0])
        return 130
    except TimeoutError as e:
        sys.stderr.write("capture_live: timeout: %s\n" % e)
        return 1
    except BrokenPipeError:
        return 1
    finally:
        signal.alarm(0)
        if cap is not None:
            # no signal may interrupt the cleanup itself
            for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(s, signal.SIG_IGN)
            cap.teardown()


if __name__ == "__main__":
    sys.exit(main())
