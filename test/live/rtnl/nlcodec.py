"""Minimal NETLINK_ROUTE codec used by the live rtnetlink capture tools.

Stdlib only.  Shared by strace2jsonl.py (ip request/reply goldens) and
nl_corpus.py (errno corpus).  Everything here is little-endian x86_64.

Normalisation (see normalize_datagram):
  * nlmsghdr.nlmsg_seq and nlmsghdr.nlmsg_pid are set to 0 in every message,
    including the copy of the request header echoed inside NLMSG_ERROR.
  * IFLA_NET_NS_FD (28) and IFLA_NET_NS_PID (19) values (also inside
    VETH_INFO_PEER) and NETNSA_FD (3, in RTM_*NSID) values are set to 0 (they
    are file-descriptor numbers / the pid of the sending process).
  * 6-byte IFLA_ADDRESS values that do not start with 02:00:00 (i.e. random
    MACs from eth_hw_addr_random; all MACs the tools set start with 02:00:00)
    are set to 00:00:00:00:00:00.
  * IFLA_AF_SPEC/AF_INET6/IFLA_INET6_CACHEINFO: tstamp and reachable_time are
    set to 0 (jiffies-based timestamp and a randomised reachable time).
  The original values are returned so the caller can record them.
"""
import errno
import os
import struct

# --- constants -------------------------------------------------------------
NETLINK_ROUTE = 0
SOL_NETLINK = 270
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11
NETLINK_GET_STRICT_CHK = 12

NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE, NLMSG_OVERRUN = 1, 2, 3, 4
RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK, RTM_SETLINK = 16, 17, 18, 19
RTM_NEWNSID, RTM_DELNSID, RTM_GETNSID = 88, 89, 90

NLM_F_REQUEST = 0x1
NLM_F_MULTI = 0x2
NLM_F_ACK = 0x4
NLM_F_ECHO = 0x8
NLM_F_DUMP_INTR = 0x10
NLM_F_ROOT = 0x100
NLM_F_MATCH = 0x200
NLM_F_DUMP = 0x300
NLM_F_REPLACE = 0x100
NLM_F_EXCL = 0x200
NLM_F_CREATE = 0x400
NLM_F_APPEND = 0x800
NLM_F_CAPPED = 0x100      # in NLMSG_ERROR
NLM_F_ACK_TLVS = 0x200    # in NLMSG_ERROR

NLMSGERR_ATTR_MSG = 1
NLMSGERR_ATTR_OFFS = 2
NLMSGERR_ATTR_COOKIE = 3
NLMSGERR_ATTR_POLICY = 4
NLMSGERR_ATTR_MISS_TYPE = 5
NLMSGERR_ATTR_MISS_NEST = 6

NLA_F_NESTED = 0x8000
NLA_F_NET_BYTEORDER = 0x4000
NLA_TYPE_MASK = 0x3FFF

IFLA = dict(
    ADDRESS=1, BROADCAST=2, IFNAME=3, MTU=4, LINK=5, QDISC=6, STATS=7,
    MASTER=10, PROTINFO=12, TXQLEN=13, MAP=14, OPERSTATE=16, LINKMODE=17,
    LINKINFO=18, NET_NS_PID=19, IFALIAS=20, STATS64=23, AF_SPEC=26, GROUP=27,
    NET_NS_FD=28, EXT_MASK=29, PROMISCUITY=30, NUM_TX_QUEUES=31,
    NUM_RX_QUEUES=32, CARRIER=33, CARRIER_CHANGES=35, LINK_NETNSID=37,
    PROTO_DOWN=39, GSO_MAX_SEGS=40, GSO_MAX_SIZE=41, XDP=43, EVENT=44,
    NEW_NETNSID=45, TARGET_NETNSID=46, CARRIER_UP_COUNT=47,
    CARRIER_DOWN_COUNT=48, NEW_IFINDEX=49, MIN_MTU=50, MAX_MTU=51,
    PROP_LIST=52, ALT_IFNAME=53, PERM_ADDRESS=54, PROTO_DOWN_REASON=55,
    PARENT_DEV_NAME=56, GRO_MAX_SIZE=58, TSO_MAX_SIZE=59, TSO_MAX_SEGS=60,
    ALLMULTI=61, GSO_IPV4_MAX_SIZE=63, GRO_IPV4_MAX_SIZE=64, DPLL_PIN=65,
    # 6.18 only (IFLA_MAX is 65 in 6.12.117):
    MAX_PACING_OFFLOAD_HORIZON=66, NETNS_IMMUTABLE=67,
)
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
VETH_INFO_PEER = 1
AF_INET6 = 10
IFLA_INET6_CACHEINFO = 5
NETNSA_NSID, NETNSA_PID, NETNSA_FD = 1, 2, 3

LINK_TYPES = (RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK, RTM_SETLINK)
NSID_TYPES = (RTM_NEWNSID, RTM_DELNSID, RTM_GETNSID)

IFF_UP = 0x1
# every MAC the tools set explicitly starts with 02:00:00; any other 6-byte
# IFLA_ADDRESS came from eth_hw_addr_random() and is zeroed by normalisation
FIXED_MAC_PREFIX = b"\x02\x00\x00"


def errname(n):
    """'EEXIST' for 17 / -17, 'OK' for 0."""
    n = abs(n)
    if n == 0:
        return "OK"
    # kernel spellings where Python's errorcode picks an alias
    if n == errno.EOPNOTSUPP:
        return "EOPNOTSUPP"
    return errno.errorcode.get(n, "E%d" % n)


# --- builders --------------------------------------------------------------
def align4(n):
    return (n + 3) & ~3


def nla(atype, payload=b"", *, nested=False, raw_len=None, pad=True):
    """One attribute.  raw_len overrides nla_len (for malformed cases);
    pad=False omits the alignment padding."""
    if isinstance(payload, (list, tuple)):
        payload = b"".join(payload)
    if nested:
        atype |= NLA_F_NESTED
    ln = 4 + len(payload) if raw_len is None else raw_len
    out = struct.pack("<HH", ln, atype) + payload
    if pad:
        out += b"\0" * (align4(len(out)) - len(out))
    return out


def nla_str(atype, s, nul=True):
    b = s.encode() if isinstance(s, str) else s
    return nla(atype, b + (b"\0" if nul else b""))


def nla_u32(atype, v):
    return nla(atype, struct.pack("<I", v & 0xFFFFFFFF))


def nla_s32(atype, v):
    return nla(atype, struct.pack("<i", v))


def nla_u8(atype, v):
    return nla(atype, struct.pack("<B", v))


def ifinfomsg(family=0, itype=0, index=0, flags=0, change=0):
    return struct.pack("<BxHiII", family, itype, index, flags, change)


def nlmsg(mtype, flags, payload, seq=1, pid=0, raw_len=None):
    ln = 16 + len(payload) if raw_len is None else raw_len
    return struct.pack("<IHHII", ln, mtype, flags, seq, pid) + payload


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


# --- parsing ---------------------------------------------------------------
def iter_attrs(buf, off=0, end=None):
    """Yield (offset, nla_len, type, payload_offset, payload_end).  Stops at
    the first attribute that is malformed (like nla_ok)."""
    end = len(buf) if end is None else end
    while off + 4 <= end:
        ln, t = struct.unpack_from("<HH", buf, off)
        if ln < 4 or off + ln > end:
            return
        yield off, ln, t, off + 4, off + ln
        off += align4(ln)


def iter_msgs(buf):
    off = 0
    while off + 16 <= len(buf):
        ln, t, fl, seq, pid = struct.unpack_from("<IHHII", buf, off)
        if ln < 16 or off + ln > len(buf):
            return
        yield off, ln, t, fl, seq, pid
        off += align4(ln)


def _norm_link_attrs(buf, start, end, orig, in_peer=False):
    for off, ln, t, p0, p1 in iter_attrs(buf, start, end):
        tt = t & NLA_TYPE_MASK
        if tt == IFLA["ADDRESS"] and p1 - p0 == 6 and bytes(buf[p0:p0 + 3]) != FIXED_MAC_PREFIX:
            orig.setdefault("random_mac", []).append(bytes(buf[p0:p1]).hex(":"))
            buf[p0:p1] = b"\0" * 6
        elif tt in (IFLA["NET_NS_FD"], IFLA["NET_NS_PID"]) and p1 - p0 >= 4:
            key = "netns_fd" if tt == IFLA["NET_NS_FD"] else "netns_pid"
            orig.setdefault(key, []).append(struct.unpack_from("<I", buf, p0)[0])
            struct.pack_into("<I", buf, p0, 0)
        elif tt == IFLA["LINKINFO"]:
            kind = None
            for _o, _l, it, q0, q1 in iter_attrs(buf, p0, p1):
                if it & NLA_TYPE_MASK == IFLA_INFO_KIND:
                    kind = bytes(buf[q0:q1]).rstrip(b"\0")
            for _o, _l, it, q0, q1 in iter_attrs(buf, p0, p1):
                if it & NLA_TYPE_MASK == IFLA_INFO_DATA and kind == b"veth":
                    for _o2, _l2, pt, r0, r1 in iter_attrs(buf, q0, q1):
                        if pt & NLA_TYPE_MASK == VETH_INFO_PEER and r1 - r0 >= 16:
                            _norm_link_attrs(buf, r0 + 16, r1, orig, True)
        elif tt == IFLA["AF_SPEC"]:
            for _o, _l, fam, q0, q1 in iter_attrs(buf, p0, p1):
                if fam & NLA_TYPE_MASK != AF_INET6:
                    continue
                for _o2, _l2, it, r0, r1 in iter_attrs(buf, q0, q1):
                    if it & NLA_TYPE_MASK == IFLA_INET6_CACHEINFO and r1 - r0 >= 16:
                        ts, rt = struct.unpack_from("<II", buf, r0 + 4)
                        orig.setdefault("inet6_cacheinfo", []).append([ts, rt])
                        struct.pack_into("<II", buf, r0 + 4, 0, 0)


def _norm_msg_body(buf, mtype, start, end, orig):
    if mtype in LINK_TYPES and end - start >= 16:
        _norm_link_attrs(buf, start + 16, end, orig)
    elif mtype in NSID_TYPES and end - start >= 4:
        for off, ln, t, p0, p1 in iter_attrs(buf, start + 4, end):
            if t & NLA_TYPE_MASK == NETNSA_FD and p1 - p0 >= 4:
                orig.setdefault("netns_fd", []).append(struct.unpack_from("<I", buf, p0)[0])
                struct.pack_into("<I", buf, p0, 0)


def normalize_datagram(data):
    """Return (normalized_bytes, orig) for one netlink datagram."""
    buf = bytearray(data)
    orig = {"seq": [], "pid": []}
    for off, ln, t, fl, seq, pid in iter_msgs(buf):
        orig["seq"].append(seq)
        orig["pid"].append(pid)
        struct.pack_into("<II", buf, off + 8, 0, 0)
        if t == NLMSG_ERROR and ln >= 16 + 4 + 16:
            e = off + 20  # echoed nlmsghdr
            eln, et = struct.unpack_from("<IH", buf, e)
            eseq, epid = struct.unpack_from("<II", buf, e + 8)
            orig.setdefault("echo_seq", []).append(eseq)
            orig.setdefault("echo_pid", []).append(epid)
            struct.pack_into("<II", buf, e + 8, 0, 0)
            if not fl & NLM_F_CAPPED:
                body_end = min(e + eln, off + ln)
                _norm_msg_body(buf, et, e + 16, body_end, orig)
        else:
            _norm_msg_body(buf, t, off + 16, off + ln, orig)
    return bytes(buf), {k: v for k, v in orig.items() if v}


def _decode_tlvs(data, start, end, res):
    for _o, _l, at, p0, p1 in iter_attrs(data, start, end):
        at &= NLA_TYPE_MASK
        if at == NLMSGERR_ATTR_MSG:
            res["extack"] = bytes(data[p0:p1]).split(b"\0")[0].decode(errors="replace")
        elif at == NLMSGERR_ATTR_OFFS:
            res["extack_offs"] = struct.unpack_from("<I", data, p0)[0]
        elif at == NLMSGERR_ATTR_MISS_TYPE:
            res["extack_miss_type"] = struct.unpack_from("<I", data, p0)[0]
        elif at == NLMSGERR_ATTR_MISS_NEST:
            res["extack_miss_nest"] = struct.unpack_from("<I", data, p0)[0]
        elif at == NLMSGERR_ATTR_POLICY:
            res["extack_policy"] = bytes(data[p0:p1]).hex()


def decode_error(data):
    """For a datagram holding NLMSG_ERROR (or NLMSG_DONE): dict(errno,
    errname, extack, extack_offs, ack, capped, ...) for the first such
    message, else None.  For NLMSG_DONE, "done" is True and the status is the
    int that follows the header (dump errors are reported there, with
    extack TLVs when NLM_F_ACK_TLVS is set)."""
    for off, ln, t, fl, seq, pid in iter_msgs(data):
        if t == NLMSG_DONE and ln >= 20:
            err = struct.unpack_from("<i", data, off + 16)[0]
            res = {"errno": -err, "errname": errname(err), "ack": False, "done": True,
                   "extack": None, "extack_offs": None}
            if fl & NLM_F_ACK_TLVS:
                _decode_tlvs(data, off + 20, off + ln, res)
            return res
        if t != NLMSG_ERROR:
            continue
        err = struct.unpack_from("<i", data, off + 16)[0]
        e = off + 20
        eln = struct.unpack_from("<I", data, e)[0] if ln >= 36 else 0
        res = {"errno": -err, "errname": errname(err), "ack": err == 0,
               "capped": bool(fl & NLM_F_CAPPED), "extack": None, "extack_offs": None}
        if fl & NLM_F_ACK_TLVS:
            tlv = e + (16 if fl & NLM_F_CAPPED else align4(eln))
            _decode_tlvs(data, tlv, off + ln, res)
        return res
    return None


def summarize(data):
    """Short human-readable list of the messages in a datagram."""
    out = []
    for off, ln, t, fl, seq, pid in iter_msgs(data):
        name = {NLMSG_ERROR: "NLMSG_ERROR", NLMSG_DONE: "NLMSG_DONE", RTM_NEWLINK: "RTM_NEWLINK",
                RTM_DELLINK: "RTM_DELLINK", RTM_GETLINK: "RTM_GETLINK", RTM_SETLINK: "RTM_SETLINK",
                RTM_NEWNSID: "RTM_NEWNSID", RTM_GETNSID: "RTM_GETNSID"}.get(t, str(t))
        item = {"type": name, "len": ln, "flags": "0x%x" % fl}
        if t in (NLMSG_ERROR, NLMSG_DONE):
            item.update(decode_error(data[off:off + ln]) or {})
        elif t in LINK_TYPES and ln >= 32:
            fam, ity, idx, flg, chg = struct.unpack_from("<BxHiII", data, off + 16)
            item.update({"ifi_index": idx, "ifi_flags": "0x%x" % flg, "ifi_change": "0x%x" % chg})
            for _o, _l, at, p0, p1 in iter_attrs(data, off + 32, off + ln):
                if at & NLA_TYPE_MASK == IFLA["IFNAME"]:
                    item["ifname"] = bytes(data[p0:p1]).split(b"\0")[0].decode(errors="replace")
        out.append(item)
    return out


# --- link listing (used by nl_corpus) --------------------------------------
def parse_link_dump(datagrams):
    """List of dicts for RTM_NEWLINK messages in a dump."""
    links = []
    for d in datagrams:
        for off, ln, t, fl, seq, pid in iter_msgs(d):
            if t != RTM_NEWLINK:
                continue
            fam, ity, idx, flg, chg = struct.unpack_from("<BxHiII", d, off + 16)
            L = {"ifindex": idx, "flags": flg}
            for _o, _l, at, p0, p1 in iter_attrs(d, off + 32, off + ln):
                at &= NLA_TYPE_MASK
                v = bytes(d[p0:p1])
                if at == IFLA["IFNAME"]:
                    L["name"] = v.split(b"\0")[0].decode()
                elif at == IFLA["MTU"]:
                    L["mtu"] = struct.unpack("<I", v[:4])[0]
                elif at == IFLA["LINK"]:
                    L["link"] = struct.unpack("<I", v[:4])[0]
                elif at == IFLA["LINK_NETNSID"]:
                    L["link_netnsid"] = struct.unpack("<i", v[:4])[0]
                elif at == IFLA["ADDRESS"]:
                    L["address"] = ":".join("%02x" % b for b in v)
                elif at == IFLA["TXQLEN"]:
                    L["txqlen"] = struct.unpack("<I", v[:4])[0]
                elif at == IFLA["NUM_TX_QUEUES"]:
                    L["num_tx_queues"] = struct.unpack("<I", v[:4])[0]
                elif at == IFLA["LINKINFO"]:
                    for _o2, _l2, it, q0, q1 in iter_attrs(d, p0, p1):
                        if it & NLA_TYPE_MASK == IFLA_INFO_KIND:
                            L["kind"] = bytes(d[q0:q1]).split(b"\0")[0].decode()
            links.append(L)
    return links
