#!/usr/bin/env python3
"""Differential errno corpus for RTM_NEWLINK / RTM_SETLINK / RTM_DELLINK /
RTM_GETLINK, measured on the running kernel with a raw NETLINK_ROUTE socket.

usage: nl_corpus.py [--out FILE] [--runs N] [--only SUBSTR] [--list]

Every case runs in a fresh pair of network namespaces kveth-nl-<pid>-<n>a
(where the request is sent; "NS1" in setup commands) and kveth-nl-<pid>-<n>b
("NS2"): create both, run the setup `ip` commands inside NS1, send the raw
request from a socket opened inside NS1 (NETLINK_EXT_ACK on, and
NETLINK_GET_STRICT_CHK when the case says "strict"), read every reply, list
the links of both namespaces, delete both namespaces.  The whole run is done
twice (--runs) and the results are compared to prove determinism.

The script re-executes itself inside a private mount namespace with a tmpfs on
/run/netns, so nothing it creates is visible to other processes and, if it is
killed, its namespaces disappear with the mount namespace.

Request placeholders (little-endian u32 inside "request"; replaced at run time
by the sending child, see PLACEHOLDERS): NS2 fd, /dev/null fd, own pid.

Output: JSON lines, one per case (default
<repo>/test/golden/rtnetlink/errno-corpus.jsonl).  See README.md.
"""
import ctypes
import json
import os
import random
import select
import signal
import socket
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from nlcodec import (  # noqa: E402
    IFLA, IFLA_INFO_DATA, IFLA_INFO_KIND, IFF_UP, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK,
    NETLINK_ROUTE, NLA_F_NESTED, NLA_TYPE_MASK, NLM_F_ACK, NLM_F_CREATE, NLM_F_DUMP, NLM_F_ECHO,
    NLM_F_EXCL, NLM_F_REPLACE, NLM_F_REQUEST, NLMSG_DONE, NLMSG_ERROR, RTM_DELLINK, RTM_GETLINK,
    RTM_NEWLINK, RTM_SETLINK, SOL_NETLINK, VETH_INFO_PEER, decode_error, errname, ifinfomsg,
    iter_attrs, iter_msgs, mac, nla, nla_s32, nla_str, nla_u8, nla_u32, nlmsg, normalize_datagram,
    parse_link_dump, summarize)

ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
DEFAULT_OUT = os.path.join(ROOT, "test", "golden", "rtnetlink", "errno-corpus.jsonl")
CLONE_NEWNET = 0x40000000

PH_NS2_FD = 0xFEED0002
PH_DEVNULL_FD = 0xFEED00DE
PH_SELF_PID = 0xFEED0001
PLACEHOLDERS = {
    "0xfeed0002": "fd (in the sending process) of /run/netns/NS2 opened O_RDONLY",
    "0xfeed00de": "fd (in the sending process) of /dev/null opened O_RDONLY (not a netns)",
    "0xfeed0001": "pid of the sending process (which is inside NS1)",
}
BAD_FD = 1000  # never open in the sending child (checked)

REQ = NLM_F_REQUEST
ACK = NLM_F_ACK
NEWF = REQ | ACK | NLM_F_CREATE | NLM_F_EXCL   # what `ip link add` sends (0x605)
SETF = REQ | ACK                               # what `ip link set` sends (0x5)

# ---------------------------------------------------------------- builders --


def linkinfo(kind="veth", data=None, *, kind_nul=True, extra=b""):
    parts = []
    if kind is not None:
        parts.append(nla_str(IFLA_INFO_KIND, kind, nul=kind_nul))
    if data is not None:
        parts.append(nla(IFLA_INFO_DATA, data))
    return nla(IFLA["LINKINFO"], b"".join(parts) + extra)


def peer(name="v1", attrs=b"", *, index=0, flags=0, change=0, hdr=None):
    body = ifinfomsg(index=index, flags=flags, change=change) if hdr is None else hdr
    if name is not None:
        body += nla_str(IFLA["IFNAME"], name)
    return nla(VETH_INFO_PEER, body + attrs)


def newlink(name="v0", peer_attr=None, *, attrs=b"", flags=NEWF, index=0, ifi_flags=0,
            ifi_change=0, kind="veth", li=None, mtype=RTM_NEWLINK, seq=1):
    """RTM_NEWLINK creating a veth.  peer_attr=None -> default peer "v1";
    peer_attr=False -> no IFLA_INFO_DATA at all."""
    body = ifinfomsg(index=index, flags=ifi_flags, change=ifi_change)
    if name is not None:
        body += nla_str(IFLA["IFNAME"], name)
    body += attrs
    if li is None:
        if peer_attr is None:
            peer_attr = peer()
        li = linkinfo(kind, peer_attr if peer_attr is not False else None)
    body += li
    return nlmsg(mtype, flags, body, seq=seq)


def linkmsg(mtype, *, index=0, name=None, attrs=b"", flags=SETF, ifi_flags=0, ifi_change=0,
            family=0, itype=0, seq=1):
    body = ifinfomsg(family=family, itype=itype, index=index, flags=ifi_flags, change=ifi_change)
    if name is not None:
        body += nla_str(IFLA["IFNAME"], name)
    return nlmsg(mtype, flags, body + attrs, seq=seq)


def u32(v):
    return struct.pack("<I", v & 0xFFFFFFFF)


# ----------------------------------------------------------------- cases ----
CASES = []


def case(name, request, *, setup=(), strict=False, group="newlink", desc="", differs_612=None,
         expect_612=None, note=None, twin_612=None):
    """twin_612: a request that 6.18 treats the way 6.12.117 treats `request`
    (e.g. the same message without an attribute 6.12 ignores); its live result
    becomes expect_612."""
    if isinstance(request, (list, tuple)):
        request = b"".join(request)
    CASES.append({"name": name, "group": group, "desc": desc, "setup": list(setup),
                  "strict": strict, "request": request, "differs_612": differs_612,
                  "expect_612": expect_612, "note": note, "twin_612": twin_612})


PAIR = "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02"
PAIR_NS2 = ("ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 "
            "address 02:00:00:00:00:02 netns NS2")


def build_cases():
    A = IFLA
    M1, M2 = mac("02:00:00:00:00:0a"), mac("02:00:00:00:00:0b")
    IMM_WHY = ("6.12.117: IFLA_MAX is 65 and ifla_policy has no strict_start_type, so attribute types > 65 are skipped by the liberal parse and type 65 (IFLA_DPLL_PIN, no policy entry) is accepted; 6.18 has IFLA_MAX 69 and [IFLA_UNSPEC].strict_start_type = IFLA_DPLL_PIN, so types 65..69 are validated strictly (65/66: NLA_UNSPEC -> 'Unsupported attribute'; 67..69: NLA_REJECT). expect_612 = live result of the same request without the attribute")

    # ---- RTM_NEWLINK: valid -----------------------------------------------
    case("newlink_ok_basic", newlink(), desc="ip link add v0 type veth peer name v1")
    case("newlink_ok_no_peer_data", newlink(peer_attr=False),
         desc="no IFLA_INFO_DATA: peer is named veth%d, built from the main attribute table")
    case("newlink_ok_no_names", newlink(name=None, peer_attr=False),
         desc="no names at all: peer veth0 (registered first), main veth1")
    case("newlink_ok_peer_without_name", newlink(peer_attr=peer(name=None)),
         desc="VETH_INFO_PEER without IFLA_IFNAME: peer gets veth%d")
    case("newlink_ok_peer_bare_ifinfomsg", newlink(peer_attr=nla(VETH_INFO_PEER, ifinfomsg())),
         desc="VETH_INFO_PEER of exactly 16 bytes")
    case("newlink_ok_mtu_mac",
         newlink(attrs=nla(A["ADDRESS"], M1) + nla_u32(A["MTU"], 1400),
                 peer_attr=peer("v1", nla(A["ADDRESS"], M2) + nla_u32(A["MTU"], 9000))),
         desc="main mtu 1400 mac ..0a, peer mtu 9000 mac ..0b")
    case("newlink_ok_main_mtu_not_inherited", newlink(attrs=nla_u32(A["MTU"], 2000)),
         desc="main IFLA_MTU does not apply to the peer (peer data present)")
    case("newlink_ok_mtu_inherited_without_peer_data",
         newlink(attrs=nla_u32(A["MTU"], 2000), peer_attr=False),
         desc="without VETH_INFO_PEER the peer is built from the main table, so it gets mtu 2000 too")
    case("newlink_ok_mtu_68", newlink(attrs=nla_u32(A["MTU"], 68)), desc="lower MTU bound")
    case("newlink_ok_mtu_65535", newlink(attrs=nla_u32(A["MTU"], 65535)), desc="upper MTU bound")
    case("newlink_ok_index_50_60", newlink(index=50, peer_attr=peer("v1", index=60)),
         desc="ip link add v0 index 50 type veth peer name v1 index 60")
    case("newlink_ok_peer_index_ignored", newlink(peer_attr=peer("v1", index=70)),
         desc="peer index is used only when the main device asks for an index too")
    case("newlink_ok_name_15", newlink(name="abcdefghijklmno", peer_attr=peer("pqrstuvwxyz0123")),
         desc="15-character names")
    case("newlink_ok_up_main", newlink(ifi_flags=IFF_UP, ifi_change=IFF_UP),
         desc="ifi_flags IFF_UP in the main ifinfomsg: main up (no carrier, peer down)")
    case("newlink_peer_up_enotconn", newlink(ifi_flags=IFF_UP, ifi_change=IFF_UP,
                                             peer_attr=peer("v1", flags=IFF_UP, change=IFF_UP)),
         desc="IFF_UP in the peer ifinfomsg: veth_newlink applies it (rtnl_configure_link) before "
              "the two devices are tied, so veth_open(peer) returns -ENOTCONN and nothing is created")
    case("newlink_ok_name_pattern", newlink(name="kv%d", peer_attr=peer("kp%d")),
         desc="%d patterns: kv0 / kp0")
    case("newlink_ok_txqlen_queues",
         newlink(attrs=nla_u32(A["TXQLEN"], 500) + nla_u32(A["NUM_TX_QUEUES"], 4)
                 + nla_u32(A["NUM_RX_QUEUES"], 3)),
         desc="txqlen 500, 4 tx / 3 rx queues on the main device")
    case("newlink_ok_ifname_no_nul",
         nlmsg(RTM_NEWLINK, NEWF, ifinfomsg() + nla_str(A["IFNAME"], "v0", nul=False)
               + linkinfo("veth", peer())),
         desc="IFLA_IFNAME without trailing NUL is accepted")
    case("newlink_ok_kind_no_nul", newlink(li=linkinfo("veth", peer(), kind_nul=False)),
         desc="IFLA_INFO_KIND 'veth' without NUL")
    case("newlink_ok_trailing_3_bytes",
         newlink(attrs=b"") + b"\x01\x02\x03",
         desc="3 bytes after the message, outside nlmsg_len (ignored: less than a nlmsghdr)")
    body = ifinfomsg() + nla_str(A["IFNAME"], "v0") + linkinfo("veth", peer()) + b"\xaa\xbb\xcc"
    case("newlink_ok_leftover_in_msg", nlmsg(RTM_NEWLINK, NEWF, body),
         desc="3 leftover bytes inside nlmsg_len after the attributes: liberal parse warns "
              "'bytes leftover after parsing attributes' but succeeds")
    case("newlink_ok_unknown_attr_200", newlink(attrs=nla_u32(200, 7)),
         desc="attribute type 200 > IFLA_MAX: ignored (liberal parse)")
    case("newlink_ok_attr_type_0", newlink(attrs=nla_u32(0, 7)), desc="attribute type 0: ignored")
    case("newlink_ok_duplicate_ifname",
         nlmsg(RTM_NEWLINK, NEWF, ifinfomsg() + nla_str(A["IFNAME"], "v0") + nla_str(A["IFNAME"], "v9")
               + linkinfo("veth", peer())),
         desc="IFLA_IFNAME twice: the last one (v9) wins")
    case("newlink_ok_duplicate_mtu", newlink(attrs=nla_u32(A["MTU"], 1400) + nla_u32(A["MTU"], 1600)),
         desc="IFLA_MTU twice: the last one wins")
    case("newlink_duplicate_mtu_last_bad",
         newlink(attrs=nla_u32(A["MTU"], 1400) + nla_u32(A["MTU"], 67)),
         desc="IFLA_MTU 1400 then 67: validation sees the last one -> EINVAL")
    case("newlink_ok_duplicate_linkinfo",
         nlmsg(RTM_NEWLINK, NEWF, ifinfomsg() + nla_str(A["IFNAME"], "v0")
               + linkinfo("nosuchkind", None) + linkinfo("veth", peer())),
         desc="IFLA_LINKINFO twice (nosuchkind, then veth): the last wins")
    case("newlink_ok_mtu_8_bytes", newlink(attrs=nla(A["MTU"], struct.pack("<Q", 1400))),
         desc="IFLA_MTU with 8 bytes: length warning only, first 4 bytes used")
    case("newlink_ok_nested_flag", newlink(li=nla(A["LINKINFO"] | NLA_F_NESTED,
                                                 nla_str(IFLA_INFO_KIND, "veth")
                                                 + nla(IFLA_INFO_DATA | NLA_F_NESTED, peer()))),
         desc="NLA_F_NESTED set on IFLA_LINKINFO and IFLA_INFO_DATA")
    case("newlink_ok_nested_flag_on_string",
         nlmsg(RTM_NEWLINK, NEWF, ifinfomsg() + nla(A["IFNAME"] | NLA_F_NESTED, b"v0\0")
               + linkinfo("veth", peer())),
         desc="NLA_F_NESTED set on IFLA_IFNAME: not checked by the liberal parser")
    case("newlink_ok_info_data_unknown_type",
         newlink(li=linkinfo("veth", peer() + nla_u32(5, 1))),
         desc="unknown type 5 inside IFLA_INFO_DATA (veth maxtype 1): ignored")
    case("newlink_ok_info_data_garbage_tail",
         newlink(li=linkinfo("veth", peer() + b"\xff\xff\x00")),
         desc="3 garbage bytes after VETH_INFO_PEER inside IFLA_INFO_DATA: leftover warning, success")
    case("newlink_ok_peer_in_ns2",
         newlink(peer_attr=peer("v1", nla_u32(A["NET_NS_FD"], PH_NS2_FD))),
         desc="ip link add v0 type veth peer name v1 netns NS2")
    case("newlink_ok_main_in_ns2",
         newlink(attrs=nla_u32(A["NET_NS_FD"], PH_NS2_FD)),
         desc="ip link add v0 netns NS2 type veth peer name v1: peer stays in the caller's namespace")
    case("newlink_ok_main_in_ns2_no_peer_data",
         newlink(attrs=nla_u32(A["NET_NS_FD"], PH_NS2_FD), peer_attr=False),
         desc="ip link add v0 netns NS2 type veth: no peer data, so the peer follows the main "
              "table into NS2")
    case("newlink_ok_echo", newlink(flags=NEWF | NLM_F_ECHO),
         desc="NLM_F_ECHO: the RTM_NEWLINK notification for the main device is unicast back")
    case("newlink_ok_no_ack_flag", newlink(flags=REQ | NLM_F_CREATE | NLM_F_EXCL),
         desc="success without NLM_F_ACK: no reply at all")

    # ---- RTM_NEWLINK: invalid (research 8.3) ---------------------------------
    case("newlink_name_16", newlink(name="abcdefghijklmnop"), desc="16-char name")
    case("newlink_name_16_no_nul",
         nlmsg(RTM_NEWLINK, NEWF, ifinfomsg() + nla_str(A["IFNAME"], "abcdefghijklmnop", nul=False)
               + linkinfo("veth", peer())), desc="16-char name without NUL")
    case("newlink_peer_name_16", newlink(peer_attr=peer("abcdefghijklmnop")), desc="16-char peer name")
    case("newlink_name_slash", newlink(name="a/b"), desc="name with '/'")
    case("newlink_name_colon", newlink(name="a:b"), desc="name with ':'")
    case("newlink_name_space", newlink(name="a b"), desc="name with a blank")
    case("newlink_name_empty", newlink(name=""), desc="IFLA_IFNAME is just a NUL")
    case("newlink_name_dot", newlink(name="."), desc="name '.'")
    case("newlink_name_dotdot", newlink(name=".."), desc="name '..'")
    case("newlink_peer_name_slash", newlink(peer_attr=peer("p/q")), desc="peer name with '/'")
    case("newlink_name_two_pct", newlink(name="a%d%d"), desc="pattern with two %")
    case("newlink_name_pct_s", newlink(name="a%s"), desc="pattern %s")
    case("newlink_ifname_attr_empty", newlink(name=None, attrs=nla(A["IFNAME"], b"")),
         desc="IFLA_IFNAME with nla_len 4 (no payload)")
    case("newlink_exists_excl", newlink(), setup=[PAIR], desc="main name exists, CREATE|EXCL")
    case("newlink_exists_create_no_excl_with_data", newlink(flags=REQ | ACK | NLM_F_CREATE),
         setup=[PAIR], desc="main name exists, CREATE without EXCL, IFLA_INFO_DATA present: "
                            "veth has no changelink")
    case("newlink_exists_create_no_excl_no_data",
         newlink(flags=REQ | ACK | NLM_F_CREATE, peer_attr=False, attrs=nla_u32(A["MTU"], 1280)),
         setup=[PAIR], desc="main name exists, CREATE without EXCL, kind veth but no INFO_DATA: "
                            "do_setlink applies mtu 1280")
    case("newlink_exists_replace", newlink(flags=REQ | ACK | NLM_F_CREATE | NLM_F_REPLACE),
         setup=[PAIR], desc="main name exists, CREATE|REPLACE")
    case("newlink_exists_no_create_setlink",
         linkmsg(RTM_NEWLINK, name="v0", attrs=nla_u32(A["MTU"], 1300)), setup=[PAIR],
         desc="RTM_NEWLINK without CREATE on an existing device = changelink (mtu 1300)")
    case("newlink_missing_no_create", linkmsg(RTM_NEWLINK, name="v0", attrs=nla_u32(A["MTU"], 1300)),
         desc="RTM_NEWLINK without CREATE, device does not exist")
    case("newlink_missing_no_create_with_kind", newlink(flags=REQ | ACK),
         desc="full veth request but without NLM_F_CREATE")
    case("newlink_group_changelink", linkmsg(RTM_NEWLINK, attrs=nla_u32(A["GROUP"], 5)
                                             + nla_u32(A["MTU"], 1300)), setup=[PAIR],
         desc="no CREATE, no index/name, IFLA_GROUP 5: changes every device of group 5 (none)")
    case("newlink_peer_name_exists", newlink(name="v8", peer_attr=peer("v1")), setup=[PAIR],
         desc="peer name already exists")
    case("newlink_peer_name_equals_main", newlink(name="v0", peer_attr=peer("v0")),
         desc="peer and main have the same name: the peer registers first, then the main fails")
    case("newlink_main_index_used", newlink(name="v8", index=3, peer_attr=peer("v9")), setup=[PAIR],
         desc="main ifi_index 3 already used (EXCL)")
    case("newlink_peer_index_used", newlink(name="v8", index=40, peer_attr=peer("v9", index=3)),
         setup=[PAIR], desc="peer ifindex 3 already used")
    case("newlink_mac_5", newlink(attrs=nla(A["ADDRESS"], b"\x02\0\0\0\0")), desc="MAC of 5 bytes")
    case("newlink_mac_7", newlink(attrs=nla(A["ADDRESS"], b"\x02\0\0\0\0\0\x01")), desc="MAC of 7 bytes")
    case("newlink_mac_33", newlink(attrs=nla(A["ADDRESS"], b"\x02" + b"\0" * 32)),
         desc="MAC of 33 bytes (> MAX_ADDR_LEN)")
    case("newlink_mac_multicast", newlink(attrs=nla(A["ADDRESS"], mac("01:00:5e:00:00:01"))),
         desc="multicast MAC")
    case("newlink_mac_zero", newlink(attrs=nla(A["ADDRESS"], bytes(6))), desc="all-zero MAC")
    case("newlink_peer_mac_broadcast",
         newlink(peer_attr=peer("v1", nla(A["ADDRESS"], b"\xff" * 6))), desc="peer broadcast MAC")
    case("newlink_peer_mac_5", newlink(peer_attr=peer("v1", nla(A["ADDRESS"], b"\x02\0\0\0\0"))),
         desc="peer MAC of 5 bytes")
    case("newlink_mtu_67", newlink(attrs=nla_u32(A["MTU"], 67)), desc="MTU 67")
    case("newlink_mtu_65536", newlink(attrs=nla_u32(A["MTU"], 65536)), desc="MTU 65536")
    case("newlink_mtu_0", newlink(attrs=nla_u32(A["MTU"], 0)), desc="MTU 0")
    case("newlink_mtu_u32max", newlink(attrs=nla_u32(A["MTU"], 0xFFFFFFFF)),
         desc="MTU 0xffffffff (negative as int)")
    case("newlink_peer_mtu_67", newlink(peer_attr=peer("v1", nla_u32(A["MTU"], 67))), desc="peer MTU 67")
    case("newlink_peer_mtu_65536", newlink(peer_attr=peer("v1", nla_u32(A["MTU"], 65536))),
         desc="peer MTU 65536")
    case("newlink_mtu_2_bytes", newlink(attrs=nla(A["MTU"], b"\xdc\x05")), desc="IFLA_MTU of 2 bytes")
    case("newlink_linkinfo_no_kind", newlink(li=nla(A["LINKINFO"], nla(IFLA_INFO_DATA, peer()))),
         desc="IFLA_LINKINFO without IFLA_INFO_KIND")
    case("newlink_no_linkinfo", nlmsg(RTM_NEWLINK, NEWF, ifinfomsg() + nla_str(A["IFNAME"], "v0")),
         desc="no IFLA_LINKINFO at all")
    case("newlink_unknown_kind", newlink(kind="nosuchkind"), desc="kind nosuchkind")
    case("newlink_empty_body_create", nlmsg(RTM_NEWLINK, NEWF, ifinfomsg()),
         desc="bare ifinfomsg with CREATE|EXCL")
    case("newlink_peer_short_8", newlink(peer_attr=nla(VETH_INFO_PEER, bytes(8))),
         desc="VETH_INFO_PEER of 8 bytes (< sizeof ifinfomsg)")
    case("newlink_peer_short_0", newlink(peer_attr=nla(VETH_INFO_PEER, b"")),
         desc="VETH_INFO_PEER with no payload")
    case("newlink_peer_negative_index", newlink(peer_attr=peer("v1", index=-5)),
         desc="peer ifi_index -5")
    case("newlink_main_negative_index", newlink(index=-5), desc="main ifi_index -5")
    case("newlink_num_tx_queues_0", newlink(attrs=nla_u32(A["NUM_TX_QUEUES"], 0)), desc="0 tx queues")
    case("newlink_num_tx_queues_4097", newlink(attrs=nla_u32(A["NUM_TX_QUEUES"], 4097)),
         desc="4097 tx queues")
    case("newlink_num_rx_queues_0", newlink(attrs=nla_u32(A["NUM_RX_QUEUES"], 0)), desc="0 rx queues")
    case("newlink_peer_num_tx_queues_0",
         newlink(peer_attr=peer("v1", nla_u32(A["NUM_TX_QUEUES"], 0))), desc="peer 0 tx queues")
    case("newlink_txqlen_too_big", newlink(attrs=nla_u32(A["TXQLEN"], 40000)),
         desc="IFLA_TXQLEN 40000 > S16_MAX", differs_612="6.12.117 (Debian, stable backport in 6.12.111 'net: reject oversized tx_queue_len at netlink parse time') has [IFLA_TXQLEN] = NLA_POLICY_FULL_RANGE(NLA_U32, &txqlen_range) with max S16_MAX (rtnetlink.c:2094-2108): 40000 fails policy validation with -ERANGE 'integer out of range' before anything else; the running 6.18.44 has plain NLA_U32 and accepts it",
         expect_612={"errno": 34, "errname": "ERANGE", "extack": "integer out of range",
                     "extack_offs": 40, "ack": False, "links_after": ["lo"]})
    case("newlink_gso_max_size_1", newlink(attrs=nla_u32(A["GSO_MAX_SIZE"], 1)),
         desc="IFLA_GSO_MAX_SIZE 1 < MAX_TCP_HEADER+1 (policy min)")
    case("newlink_perm_address_reject", newlink(attrs=nla(A["PERM_ADDRESS"], M1)),
         desc="IFLA_PERM_ADDRESS is NLA_REJECT")
    case("newlink_tso_max_size_reject", newlink(attrs=nla_u32(A["TSO_MAX_SIZE"], 65536)),
         desc="IFLA_TSO_MAX_SIZE is NLA_REJECT")
    case("newlink_attr_67_netns_immutable", newlink(attrs=nla_u8(A["NETNS_IMMUTABLE"], 1)),
         desc="attribute type 67 (IFLA_NETNS_IMMUTABLE in 6.18, NLA_REJECT)",
         differs_612=IMM_WHY, twin_612=newlink())
    case("newlink_attr_65_dpll_pin", newlink(attrs=nla(65, b"")),
         desc="attribute type 65 (IFLA_DPLL_PIN, output only) with empty payload",
         differs_612=IMM_WHY, twin_612=newlink())
    case("newlink_attr_66_pacing", newlink(attrs=nla_u32(66, 1)),
         desc="attribute type 66 (IFLA_MAX_PACING_OFFLOAD_HORIZON in 6.18)",
         differs_612=IMM_WHY, twin_612=newlink())
    case("newlink_attr_68_headroom", newlink(attrs=nla(68, struct.pack("<H", 64))),
         desc="attribute type 68 (IFLA_HEADROOM in 6.18, NLA_REJECT)",
         differs_612=IMM_WHY, twin_612=newlink())
    case("newlink_peer_attr_67", newlink(peer_attr=peer("v1", nla_u8(A["NETNS_IMMUTABLE"], 1))),
         desc="attribute type 67 inside VETH_INFO_PEER",
         differs_612=IMM_WHY, twin_612=newlink())
    case("newlink_map_on_create", newlink(attrs=nla(A["MAP"], bytes(32))),
         desc="IFLA_MAP on create")
    case("newlink_protinfo_on_create", newlink(attrs=nla(A["PROTINFO"], b"")),
         desc="IFLA_PROTINFO on create")
    case("newlink_master_missing", newlink(attrs=nla_u32(A["MASTER"], 99)),
         desc="IFLA_MASTER 99 (no such device): pair is created then removed again")
    case("newlink_two_netns_attrs",
         newlink(attrs=nla_u32(A["NET_NS_PID"], PH_SELF_PID) + nla_u32(A["NET_NS_FD"], PH_NS2_FD)),
         desc="IFLA_NET_NS_PID and IFLA_NET_NS_FD together")
    case("newlink_target_netnsid_and_fd",
         newlink(attrs=nla_s32(A["TARGET_NETNSID"], 0) + nla_u32(A["NET_NS_FD"], PH_NS2_FD)),
         desc="IFLA_TARGET_NETNSID and IFLA_NET_NS_FD together")
    case("newlink_netns_fd_bad", newlink(attrs=nla_u32(A["NET_NS_FD"], BAD_FD)),
         desc="IFLA_NET_NS_FD of a closed fd")
    case("newlink_netns_fd_not_netns", newlink(attrs=nla_u32(A["NET_NS_FD"], PH_DEVNULL_FD)),
         desc="IFLA_NET_NS_FD of /dev/null")
    case("newlink_peer_netns_fd_bad", newlink(peer_attr=peer("v1", nla_u32(A["NET_NS_FD"], BAD_FD))),
         desc="peer IFLA_NET_NS_FD of a closed fd")
    case("newlink_link_netnsid_unknown", newlink(attrs=nla_s32(A["LINK_NETNSID"], 7)),
         desc="IFLA_LINK_NETNSID 7 (not assigned)")
    case("newlink_info_data_3_bytes", newlink(li=nla(A["LINKINFO"], nla_str(IFLA_INFO_KIND, "veth")
                                                     + nla(IFLA_INFO_DATA, b"\x01\x02\x03"))),
         desc="IFLA_INFO_DATA with 3 payload bytes (< NLA_HDRLEN)")
    case("newlink_linkinfo_garbage", newlink(li=nla(A["LINKINFO"], b"\xff\xff\x00\x00\x00")),
         desc="IFLA_LINKINFO with 5 garbage bytes (inner nla_len 0xffff)")
    case("newlink_nla_len_2",
         nlmsg(RTM_NEWLINK, NEWF, ifinfomsg() + struct.pack("<HH", 2, A["IFNAME"]) + b"v0\0\0"
               + linkinfo("veth", peer())),
         desc="first attribute has nla_len 2 (< 4): parsing stops, nothing is parsed")
    case("newlink_nla_len_past_end",
         nlmsg(RTM_NEWLINK, NEWF, ifinfomsg() + nla_str(A["IFNAME"], "v0")
               + nla(A["LINKINFO"], nla_str(IFLA_INFO_KIND, "veth") + nla(IFLA_INFO_DATA, peer()),
                     raw_len=400)),
         desc="IFLA_LINKINFO claims nla_len 400, past the end of the message")
    case("newlink_nested_nla_len_past_end",
         newlink(li=nla(A["LINKINFO"], nla_str(IFLA_INFO_KIND, "veth")
                        + nla(IFLA_INFO_DATA, peer(), raw_len=200))),
         desc="IFLA_INFO_DATA claims nla_len 200, past the end of IFLA_LINKINFO")
    case("newlink_peer_nested_garbage",
         newlink(peer_attr=nla(VETH_INFO_PEER, ifinfomsg() + b"\x08\x00\x03")),
         desc="VETH_INFO_PEER = ifinfomsg + 3 garbage bytes")

    # ---- ordering: 6.18 moved peer/netns checks before the device lookup -----
    OLD_ORDER = ("6.12.117 __rtnl_newlink looks the name up in the caller's namespace and returns "
                 "-EEXIST (rtnetlink.c:3795) before anything that fails here is evaluated: the peer "
                 "attributes are only parsed/validated in veth_newlink (veth.c:1842-1848) and "
                 "IFLA_NET_NS_FD/IFLA_LINK_NETNSID only in rtnl_newlink_create (rtnetlink.c:3609-3625); "
                 "6.18 rtnl_newlink does both before __rtnl_newlink")
    EEXIST_612 = {"errno": 17, "errname": "EEXIST", "extack": None, "ack": False,
                  "links_after": ["lo", "v1", "v0"]}
    case("order_exists_excl_peer_mtu_bad",
         newlink(peer_attr=peer("v9", nla_u32(A["MTU"], 67))), setup=[PAIR],
         desc="main name exists (EXCL) and the peer MTU is invalid", group="order",
         differs_612=OLD_ORDER, expect_612=EEXIST_612)
    case("order_exists_excl_peer_name_16",
         newlink(peer_attr=peer("abcdefghijklmnop")), setup=[PAIR],
         desc="main name exists (EXCL) and the peer name is too long", group="order",
         differs_612=OLD_ORDER, expect_612=EEXIST_612)
    case("order_exists_excl_netns_fd_bad",
         newlink(attrs=nla_u32(A["NET_NS_FD"], BAD_FD)), setup=[PAIR],
         desc="main name exists (EXCL) and IFLA_NET_NS_FD is a closed fd", group="order",
         differs_612=OLD_ORDER, expect_612=EEXIST_612)
    case("order_exists_excl_link_netnsid_unknown",
         newlink(attrs=nla_s32(A["LINK_NETNSID"], 7)), setup=[PAIR],
         desc="main name exists (EXCL) and IFLA_LINK_NETNSID is unknown", group="order",
         differs_612=OLD_ORDER, expect_612=EEXIST_612)
    NEG_612 = {"errno": 22, "errname": "EINVAL", "extack": "ifindex can't be negative", "ack": False,
               "links_after": ["lo"]}
    NEG_WHY = ("6.12.117 __rtnl_newlink checks ifi_index < 0 (rtnetlink.c:3717-3719) right after the "
               "top-level parse, before IFLA_LINKINFO/peer parsing and before the netns lookup; 6.18 "
               "parses and validates the peer and resolves the target netns first")
    case("order_negative_index_peer_name_16",
         newlink(index=-5, peer_attr=peer("abcdefghijklmnop")),
         desc="main ifi_index -5 and peer name too long", group="order",
         differs_612=NEG_WHY, expect_612=NEG_612)
    case("order_negative_index_netns_fd_bad",
         newlink(index=-5, attrs=nla_u32(A["NET_NS_FD"], BAD_FD)),
         desc="main ifi_index -5 and IFLA_NET_NS_FD closed", group="order",
         differs_612=NEG_WHY, expect_612=NEG_612)
    case("order_negative_index_peer_short",
         newlink(index=-5, peer_attr=nla(VETH_INFO_PEER, bytes(8))),
         desc="main ifi_index -5 and VETH_INFO_PEER of 8 bytes", group="order",
         differs_612=NEG_WHY, expect_612=NEG_612)
    case("order_exists_create_broadcast_short",
         newlink(flags=REQ | ACK | NLM_F_CREATE, attrs=nla(A["BROADCAST"], b"\xff\xff\xff")),
         setup=[PAIR], desc="existing device, CREATE without EXCL, IFLA_INFO_DATA present and a "
                            "3-byte IFLA_BROADCAST", group="order",
         differs_612="6.12.117 __rtnl_newlink runs validate_linkmsg (broadcast shorter than addr_len "
                     "-> -EINVAL, rtnetlink.c:3800) before the 'IFLA_INFO_DATA but no changelink' "
                     "check; 6.18 rtnl_changelink checks IFLA_INFO_DATA first (-EOPNOTSUPP) and "
                     "validate_linkmsg moved into do_setlink",
         expect_612={"errno": 22, "errname": "EINVAL", "extack": None, "ack": False,
                     "links_after": ["lo", "v1", "v0"]})
    case("order_create_excl_name_exists_only_in_caller_ns",
         newlink(attrs=nla_u32(A["NET_NS_FD"], PH_NS2_FD), peer_attr=peer("p1")), setup=[PAIR],
         desc="v0 exists in NS1; create v0 in NS2 (IFLA_NET_NS_FD) with peer p1 in NS1",
         group="order",
         differs_612="6.12.117 looks the name up in the caller's namespace (rtnl_dev_get(net, tb), "
                     "rtnetlink.c:3722) and returns -EEXIST; 6.18 __rtnl_newlink looks it up in the "
                     "target namespace when CREATE|EXCL (device_net = tgt_net) and creates the pair",
         expect_612=EEXIST_612)
    case("order_create_excl_name_exists_only_in_target_ns",
         newlink(attrs=nla_u32(A["NET_NS_FD"], PH_NS2_FD), peer_attr=peer("p1")),
         setup=["ip -n NS2 link add v0 type veth peer name v1"],
         desc="v0 exists in NS2 only; create v0 in NS2 with peer p1 in NS1", group="order",
         note="same errno on 6.12.117, reached differently: the lookup in NS1 finds nothing, "
              "veth_newlink registers p1 in NS1, register_netdevice(v0) in NS2 fails with -EEXIST "
              "(dev_get_valid_name) and p1 is unregistered again; NS1's ifindex counter has moved "
              "on by one (the next device created in NS1 gets index 3, not 2)")
    case("order_link_netnsid_main_ifindex",
         newlink(name="m0", attrs=nla_s32(A["LINK_NETNSID"], 5), peer_attr=peer("p0")),
         setup=["ip netns set NS2 5"],
         desc="IFLA_LINK_NETNSID 5 (= NS2, assigned in setup) with no target netns: peer p0 goes "
              "to NS2, main m0 stays in NS1", group="order",
         differs_612="6.12.117 rtnl_newlink_create allocates the main device in link_net (NS2), "
                     "registers p0 (NS2 ifindex 2) and m0 (NS2 ifindex 3) there, then moves m0 to "
                     "NS1 with dev_change_net_namespace, keeping ifindex 3; 6.18 creates m0 "
                     "directly in the target namespace, so m0 gets NS1 ifindex 2. Same errno and "
                     "same names; only m0's ifindex differs",
         expect_612={"errno": 0, "errname": "OK", "extack": None, "ack": True,
                     "links_after": ["lo", "m0"], "links_after_ns2": ["lo", "p0"],
                     "ifindex": {"m0": 3, "p0@NS2": 2}})

    # ---- NLM_F flags / message framing ------------------------------------
    g = "framing"
    case("framing_no_request_flag_ack", newlink(flags=ACK | NLM_F_CREATE | NLM_F_EXCL), group=g,
         desc="no NLM_F_REQUEST: kernel skips the message but still ACKs (error 0)")
    case("framing_no_request_flag_no_ack", newlink(flags=NLM_F_CREATE | NLM_F_EXCL), group=g,
         desc="no NLM_F_REQUEST and no NLM_F_ACK: nothing happens, no reply")
    case("framing_fail_without_ack_flag", newlink(name="a/b", flags=REQ | NLM_F_CREATE | NLM_F_EXCL),
         group=g, desc="failing request without NLM_F_ACK still gets an error reply")
    case("framing_type_15", newlink(mtype=15), group=g,
         desc="nlmsg_type 15 < NLMSG_MIN_TYPE: control message, skipped, ACKed with 0")
    case("framing_type_200", newlink(mtype=200), group=g, desc="nlmsg_type 200 > RTM_MAX")
    case("framing_truncated_hdr", newlink()[:10], group=g, desc="10-byte datagram (< nlmsghdr)")
    case("framing_len_larger_than_buffer",
         struct.pack("<I", 400) + newlink()[4:], group=g,
         desc="nlmsg_len 400 but the datagram is shorter: silently dropped")
    case("framing_len_smaller_than_hdr", struct.pack("<I", 8) + newlink()[4:], group=g,
         desc="nlmsg_len 8 (< 16)")
    case("framing_len_16_no_payload", nlmsg(RTM_NEWLINK, NEWF, b""), group=g,
         desc="RTM_NEWLINK with no payload at all (nlmsg_len 16)")
    case("framing_len_20_short_ifinfomsg", nlmsg(RTM_NEWLINK, NEWF, b"\0\0\0\0"), group=g,
         desc="RTM_NEWLINK with a 4-byte payload (shorter than ifinfomsg)")
    case("framing_two_messages", [newlink(seq=1), newlink(seq=2)], group=g,
         desc="two identical creates in one datagram: ack, then EEXIST")
    case("framing_two_messages_first_no_ack",
         [newlink(name="a/b", flags=REQ | NLM_F_CREATE | NLM_F_EXCL, seq=1), newlink(seq=2)], group=g,
         desc="failing message without ACK flag, then a valid one")
    case("framing_trailing_8_bytes", newlink() + bytes(8), group=g,
         desc="valid message followed by 8 bytes (< nlmsghdr)")
    case("framing_len_shorter_cuts_attrs",
         struct.pack("<I", 16 + 16 + 8) + newlink()[4:], group=g,
         desc="nlmsg_len covers only ifinfomsg+IFLA_IFNAME; the rest of the datagram is a second "
              "(garbage) message")

    # ---- RTM_SETLINK ------------------------------------------------------
    g = "setlink"
    S = lambda **kw: linkmsg(RTM_SETLINK, **kw)  # noqa: E731
    case("setlink_mtu_ok", S(index=3, attrs=nla_u32(A["MTU"], 2000)), setup=[PAIR], group=g,
         desc="mtu 2000 by ifindex")
    case("setlink_mtu_67", S(index=3, attrs=nla_u32(A["MTU"], 67)), setup=[PAIR], group=g, desc="mtu 67")
    case("setlink_mtu_65536", S(index=3, attrs=nla_u32(A["MTU"], 65536)), setup=[PAIR], group=g,
         desc="mtu 65536")
    case("setlink_mtu_by_name", S(name="v0", attrs=nla_u32(A["MTU"], 1280)), setup=[PAIR], group=g,
         desc="mtu by name (ifi_index 0)")
    case("setlink_no_such_index", S(index=99, attrs=nla_u32(A["MTU"], 1280)), setup=[PAIR], group=g,
         desc="ifindex 99")
    case("setlink_no_such_name", S(name="nosuchdev", attrs=nla_u32(A["MTU"], 1280)), group=g,
         desc="name nosuchdev")
    case("setlink_no_selector", S(attrs=nla_u32(A["MTU"], 1280)), setup=[PAIR], group=g,
         desc="neither index nor name")
    case("setlink_negative_index_no_name", S(index=-1, attrs=nla_u32(A["MTU"], 1280)), setup=[PAIR],
         group=g, desc="ifi_index -1 and no name")
    case("setlink_rename", S(index=3, name="renamed0"), setup=[PAIR], group=g, desc="rename by index")
    case("setlink_rename_exists", S(index=3, name="v1"), setup=[PAIR], group=g,
         desc="rename to an existing name")
    case("setlink_rename_invalid", S(index=3, name="a/b"), setup=[PAIR], group=g,
         desc="rename to 'a/b'")
    case("setlink_rename_too_long", S(index=3, name="abcdefghijklmnop"), setup=[PAIR], group=g,
         desc="rename to a 16-char name")
    case("setlink_up", S(index=3, ifi_flags=IFF_UP, ifi_change=IFF_UP), setup=[PAIR], group=g,
         desc="v0 up (peer down: NO-CARRIER)")
    case("setlink_up_both", S(index=3, ifi_flags=IFF_UP, ifi_change=IFF_UP),
         setup=[PAIR, "ip link set v1 up"], group=g, desc="v0 up with v1 already up")
    case("setlink_address_ok", S(index=3, attrs=nla(A["ADDRESS"], mac("02:00:00:00:01:01"))),
         setup=[PAIR], group=g, desc="set MAC 02:00:00:00:01:01")
    case("setlink_address_multicast", S(index=3, attrs=nla(A["ADDRESS"], mac("01:00:00:00:00:01"))),
         setup=[PAIR], group=g, desc="set multicast MAC")
    case("setlink_address_5", S(index=3, attrs=nla(A["ADDRESS"], b"\x02\0\0\0\x01")), setup=[PAIR],
         group=g, desc="5-byte MAC")
    case("setlink_netns_move", S(index=3, attrs=nla_u32(A["NET_NS_FD"], PH_NS2_FD)), setup=[PAIR],
         group=g, desc="move v0 to NS2")
    case("setlink_netns_move_name_taken", S(index=3, attrs=nla_u32(A["NET_NS_FD"], PH_NS2_FD)),
         setup=[PAIR, "ip -n NS2 link add v0 type veth peer name x1"], group=g,
         desc="move v0 to NS2 where a v0 exists")
    case("setlink_netns_move_with_pattern",
         S(index=3, name="m%d", attrs=nla_u32(A["NET_NS_FD"], PH_NS2_FD)),
         setup=[PAIR, "ip -n NS2 link add v0 type veth peer name x1"], group=g,
         desc="move v0 to NS2 (name taken) with IFLA_IFNAME m%d")
    case("setlink_netns_move_new_ifindex",
         S(index=3, attrs=nla_u32(A["NET_NS_FD"], PH_NS2_FD) + nla_s32(A["NEW_IFINDEX"], 77)),
         setup=[PAIR], group=g, desc="move v0 to NS2 as ifindex 77")
    case("setlink_netns_fd_bad_existing", S(index=3, attrs=nla_u32(A["NET_NS_FD"], BAD_FD)),
         setup=[PAIR], group=g, desc="IFLA_NET_NS_FD closed fd, device exists")
    case("setlink_netns_fd_bad_missing", S(index=99, attrs=nla_u32(A["NET_NS_FD"], BAD_FD)),
         setup=[PAIR], group=g, desc="IFLA_NET_NS_FD closed fd, ifindex 99 does not exist",
         differs_612="6.12.117 rtnl_setlink looks the device up first (-ENODEV, rtnetlink.c:3319-3322) "
                     "and resolves IFLA_NET_NS_FD only in do_setlink; 6.18 rtnl_setlink calls "
                     "rtnl_link_get_net_capable before the lookup",
         expect_612={"errno": 19, "errname": "ENODEV", "extack": None, "ack": False,
                     "links_after": ["lo", "v1", "v0"]})
    case("setlink_carrier", S(index=3, attrs=nla_u8(A["CARRIER"], 1)), setup=[PAIR], group=g,
         desc="IFLA_CARRIER on veth (no ndo_change_carrier)")
    case("setlink_txqlen", S(index=3, attrs=nla_u32(A["TXQLEN"], 0)), setup=[PAIR], group=g,
         desc="txqlen 0")
    case("setlink_txqlen_too_big", S(index=3, attrs=nla_u32(A["TXQLEN"], 40000)), setup=[PAIR],
         group=g, desc="txqlen 40000 > S16_MAX", differs_612="6.12.117 (Debian, stable backport in 6.12.111 'net: reject oversized tx_queue_len at netlink parse time') has [IFLA_TXQLEN] = NLA_POLICY_FULL_RANGE(NLA_U32, &txqlen_range) with max S16_MAX (rtnetlink.c:2094-2108): 40000 fails policy validation with -ERANGE 'integer out of range' before anything else; the running 6.18.44 has plain NLA_U32 and accepts it",
         expect_612={"errno": 34, "errname": "ERANGE", "extack": "integer out of range",
                     "extack_offs": 32, "ack": False, "links_after": ["lo", "v1", "v0"]})
    case("setlink_linkinfo_ignored",
         S(index=3, attrs=linkinfo("veth", peer("zz", nla_u32(A["MTU"], 67)))), setup=[PAIR], group=g,
         desc="RTM_SETLINK ignores IFLA_LINKINFO entirely")
    case("setlink_alias", S(index=3, attrs=nla_str(A["IFALIAS"], "kveth")), setup=[PAIR], group=g,
         desc="set alias")
    case("setlink_group", S(index=3, attrs=nla_u32(A["GROUP"], 7)), setup=[PAIR], group=g,
         desc="set group 7")
    case("setlink_bad_gso_max_size", S(index=3, attrs=nla_u32(A["GSO_MAX_SIZE"], 600000)),
         setup=[PAIR], group=g, desc="gso_max_size 600000 > tso_max_size")
    # IFLA_XDP (43) { IFLA_XDP_FD (1), IFLA_XDP_FLAGS (3), IFLA_XDP_EXPECTED_FD (8) }: veth has ndo_bpf
    xdp = lambda body: nla(A["XDP"], body, nested=True)  # noqa: E731
    case("setlink_xdp_fd_off", S(index=3, attrs=xdp(nla_s32(1, -1))), setup=[PAIR], group=g,
         desc="ip link set v0 xdp off: fd -1 with no program attached changes nothing")
    case("setlink_xdp_fd_closed", S(index=3, attrs=xdp(nla_s32(1, BAD_FD))), setup=[PAIR], group=g,
         desc="IFLA_XDP_FD naming no open file: -EBADF from the program lookup")
    case("setlink_xdp_fd_not_bpf", S(index=3, attrs=xdp(nla_u32(1, PH_DEVNULL_FD))), setup=[PAIR], group=g,
         desc="IFLA_XDP_FD of /dev/null (not a BPF program): -EINVAL")
    case("setlink_operstate_dormant", S(index=3, attrs=nla_u8(A["OPERSTATE"], 5)),
         setup=[PAIR, "ip link set v1 up", "ip link set v0 up"], group=g,
         desc="IFLA_OPERSTATE dormant on an up veth (netdev_set_operstate)")

    # ---- RTM_DELLINK ------------------------------------------------------
    g = "dellink"
    D = lambda **kw: linkmsg(RTM_DELLINK, **kw)  # noqa: E731
    case("dellink_by_index", D(index=3), setup=[PAIR], group=g, desc="delete v0 by ifindex")
    case("dellink_by_name", D(name="v1"), setup=[PAIR], group=g, desc="delete v1 by name")
    case("dellink_echo", D(index=3, flags=REQ | ACK | NLM_F_ECHO), setup=[PAIR], group=g,
         desc="NLM_F_ECHO: unregister_netdevice_many_notify unicasts the RTM_DELLINK of v0 back")
    case("dellink_no_such_index", D(index=99), setup=[PAIR], group=g, desc="ifindex 99")
    case("dellink_no_such_name", D(name="nosuchdev"), group=g, desc="name nosuchdev")
    case("dellink_no_selector", D(), setup=[PAIR], group=g, desc="no index, name or group")
    case("dellink_negative_index", D(index=-3), setup=[PAIR], group=g, desc="ifi_index -3, no name")
    case("dellink_lo", D(index=1), group=g, desc="delete lo (no rtnl_link_ops)")
    case("dellink_cross_ns_peer", D(name="v0"), setup=[PAIR_NS2], group=g,
         desc="delete v0 whose peer v1 is in NS2: both go")
    case("dellink_with_netns_fd", D(index=3, attrs=nla_u32(A["NET_NS_FD"], PH_NS2_FD)), setup=[PAIR],
         group=g, desc="IFLA_NET_NS_FD on delete")
    case("dellink_group_0", D(attrs=nla_u32(A["GROUP"], 0)), setup=[PAIR], group=g, desc="group 0")
    case("dellink_group_none", D(attrs=nla_u32(A["GROUP"], 7)), setup=[PAIR], group=g,
         desc="group 7, no member")
    case("dellink_group_member", D(attrs=nla_u32(A["GROUP"], 7)),
         setup=[PAIR, "ip link add w0 type veth peer name w1", "ip link set v0 group 7"], group=g,
         desc="group 7 = {v0}: deletes v0 and its peer v1")
    case("dellink_target_netnsid_unknown", D(name="v0", attrs=nla_s32(A["TARGET_NETNSID"], 9)),
         setup=[PAIR], group=g, desc="IFLA_TARGET_NETNSID 9 (unknown)")
    case("dellink_name_16", D(name="abcdefghijklmnop"), group=g, desc="16-char name")

    # ---- RTM_GETLINK ------------------------------------------------------
    g = "getlink"
    G = lambda **kw: linkmsg(RTM_GETLINK, **kw)  # noqa: E731
    case("getlink_by_index", G(index=3, flags=REQ), setup=[PAIR], group=g, desc="get v0 by ifindex")
    case("getlink_by_name", G(name="v1", flags=REQ), setup=[PAIR], group=g, desc="get v1 by name")
    case("getlink_by_index_ack", G(index=3, flags=REQ | ACK), setup=[PAIR], group=g,
         desc="get with NLM_F_ACK: reply then ack")
    case("getlink_no_such", G(index=99, flags=REQ), setup=[PAIR], group=g, desc="ifindex 99")
    case("getlink_no_selector", G(flags=REQ), setup=[PAIR], group=g, desc="no index and no name")
    case("getlink_short_header", nlmsg(RTM_GETLINK, REQ, b"\0\0\0\0"), group=g,
         desc="4-byte payload")
    case("getlink_liberal_unknown_attr", G(index=3, flags=REQ, attrs=nla_u32(200, 1)), setup=[PAIR],
         group=g, desc="unknown attribute type 200 without strict checking")
    case("getlink_strict_unknown_attr", G(index=3, flags=REQ, attrs=nla_u32(200, 1)), setup=[PAIR],
         strict=True, group=g, desc="unknown attribute type 200 with NETLINK_GET_STRICT_CHK")
    case("getlink_strict_header_flags", G(index=3, flags=REQ, ifi_flags=1), setup=[PAIR], strict=True,
         group=g, desc="strict: ifi_flags != 0")
    case("getlink_strict_unsupported_attr", G(index=3, flags=REQ, attrs=nla_u32(A["MTU"], 1)),
         setup=[PAIR], strict=True, group=g, desc="strict: IFLA_MTU is not allowed in a get")
    case("getlink_strict_leftover", G(index=3, flags=REQ, attrs=b"\x01\x02\x03\x00"),
         setup=[PAIR], strict=True, group=g, desc="strict: 4 garbage bytes after the header")
    case("getlink_strict_ok", G(name="v0", flags=REQ, attrs=nla_u32(A["EXT_MASK"], 1)), setup=[PAIR],
         strict=True, group=g, desc="strict: name + IFLA_EXT_MASK is fine")
    case("getlink_target_netnsid_unknown", G(index=1, flags=REQ, attrs=nla_s32(A["TARGET_NETNSID"], 9)),
         group=g, desc="IFLA_TARGET_NETNSID 9 (unknown)")
    case("getlink_dump", G(flags=REQ | NLM_F_DUMP), setup=[PAIR], group=g, desc="full dump")
    case("getlink_dump_strict_index", G(index=3, flags=REQ | NLM_F_DUMP), setup=[PAIR], strict=True,
         group=g, desc="strict dump with ifi_index set")
    case("getlink_dump_strict_flags", G(flags=REQ | NLM_F_DUMP, ifi_change=1), setup=[PAIR],
         strict=True, group=g, desc="strict dump with ifi_change set")
    case("getlink_dump_master_filter", G(flags=REQ | NLM_F_DUMP, attrs=nla_u32(A["MASTER"], 99)),
         setup=[PAIR], group=g, desc="dump filtered by IFLA_MASTER 99 (nothing matches)")
    case("getlink_dump_kind_filter", G(flags=REQ | NLM_F_DUMP, attrs=linkinfo("veth", None)),
         setup=[PAIR], group=g, desc="dump filtered by IFLA_LINKINFO kind veth")

    build_mutations()


# -------------------------------------------------------- random mutations --
IMM_WHY_SHORT = ("attribute types 65..69: skipped/accepted by 6.12.117 (IFLA_MAX 65, no "
                 "strict_start_type), strictly validated by 6.18 (strict_start_type IFLA_DPLL_PIN); "
                 "expect_612 = live result of the message without that attribute")
NETNS_TYPES = {IFLA["NET_NS_PID"], IFLA["NET_NS_FD"], IFLA["TARGET_NETNSID"], IFLA["LINK_NETNSID"]}


def _has_netns_attr(buf, start, end, depth=0):
    """True if a netns-selecting attribute could be seen by the kernel, at top
    level, inside IFLA_LINKINFO/IFLA_INFO_DATA/VETH_INFO_PEER.  Conservative:
    every nest is scanned whatever its kind."""
    if depth > 4:
        return False
    for _o, _l, t, p0, p1 in iter_attrs(buf, start, end):
        tt = t & NLA_TYPE_MASK
        if depth == 0 and tt in NETNS_TYPES:
            return True
        if depth == 3 and tt in NETNS_TYPES:
            return True
        if depth == 0 and tt == IFLA["LINKINFO"] and _has_netns_attr(buf, p0, p1, 1):
            return True
        if depth == 1 and tt == IFLA_INFO_DATA and _has_netns_attr(buf, p0, p1, 2):
            return True
        if depth == 2 and p1 - p0 >= 16 and _has_netns_attr(buf, p0 + 16, p1, 3):
            return True
    return False


def mutation_is_safe(msg):
    # only one message may be visible to the kernel; type must stay a link type
    msgs = list(iter_msgs(msg))
    if len(msg) >= 16:
        ln, t = struct.unpack_from("<IH", msg, 0)
        if t not in (RTM_NEWLINK, RTM_SETLINK, RTM_DELLINK, RTM_GETLINK):
            return False
        if 16 <= ln < len(msg) and len(msg) - ((ln + 3) & ~3) >= 16:
            return False   # remainder could be parsed as a second message
    for off, ln, t, fl, seq, pid in msgs[:1]:
        if _has_netns_attr(msg, off + 32, off + ln):
            return False
    return True


def build_mutations(n=20, seed=0x6b76):
    A = IFLA
    bases = [
        ("create", newlink(attrs=nla_u32(A["MTU"], 1500), peer_attr=peer("v1", nla_u32(A["MTU"], 1500)))),
        ("create_mac", newlink(attrs=nla(A["ADDRESS"], mac("02:00:00:00:00:0a")))),
        ("setlink_mtu", linkmsg(RTM_SETLINK, index=3, attrs=nla_u32(A["MTU"], 2000))),
        ("newlink_change", linkmsg(RTM_NEWLINK, name="v0", attrs=nla_u32(A["MTU"], 1400))),
        ("dellink_name", linkmsg(RTM_DELLINK, name="v0")),
    ]
    rng = random.Random(seed)
    made = 0
    tries = 0
    while made < n:
        tries += 1
        if tries > 10000:
            raise SystemExit("could not build enough safe mutations")
        bname, base = bases[rng.randrange(len(bases))]
        m = bytearray(base)
        twin = None
        op = rng.choice(["flip", "flip", "nla_len", "truncate", "insert", "flags"])
        if op == "flip":
            k = rng.randint(1, 3)
            pos = []
            for _ in range(k):
                p = rng.randrange(16, len(m))
                m[p] ^= 1 << rng.randrange(8)
                pos.append(p)
            what = "flip bits at %s" % pos
        elif op == "nla_len":
            attrs = [o for o, *_ in iter_attrs(m, 32)]
            if not attrs:
                continue
            o = rng.choice(attrs)
            v = rng.choice([0, 1, 2, 3, 4, 5, 7, 0xFFFF, rng.randrange(0, 200)])
            struct.pack_into("<H", m, o, v)
            what = "nla_len of attribute at %d := %d" % (o, v)
        elif op == "truncate":
            cut = rng.randrange(16, len(m))
            m = m[:cut]
            if rng.random() < 0.5:
                struct.pack_into("<I", m, 0, cut)
                what = "truncate to %d bytes, nlmsg_len fixed" % cut
            else:
                what = "truncate to %d bytes, nlmsg_len kept" % cut
        elif op == "insert":
            t = rng.randrange(0, 70)
            if t in NETNS_TYPES:
                continue
            payload = bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 2, 4, 6, 8])))
            twin = bytes(m)
            a = nla(t, payload)
            m = m + a
            struct.pack_into("<I", m, 0, len(m))
            what = "append attribute type %d len %d" % (t, len(payload))
        else:
            v = rng.randrange(0, 0x1000)
            struct.pack_into("<H", m, 6, v | NLM_F_REQUEST | NLM_F_ACK)
            what = "nlmsg_flags := 0x%x" % (v | 5)
        m = bytes(m)
        if not mutation_is_safe(m):
            continue
        setup = [] if bname == "create" or bname == "create_mac" else [PAIR]
        extra = {}
        if op == "insert" and 65 <= t <= 69:
            extra = {"differs_612": IMM_WHY_SHORT, "twin_612": twin}
        case("mutation_%02d_%s" % (made, bname), m, setup=setup, group="mutation",
             desc="seed 0x%x draw %d: %s of %s" % (seed, made, what, bname), **extra)
        made += 1


# ---------------------------------------------------------------- running --
libc = ctypes.CDLL(None, use_errno=True)


def setns(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            e = ctypes.get_errno()
            raise OSError(e, "setns %s: %s" % (path, os.strerror(e)))
    finally:
        os.close(fd)


def nl_socket(strict=False):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
    s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    if strict:
        s.setsockopt(SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1)
    s.bind((0, 0))
    return s


def recv_all(s, first_timeout=0.3, idle=0.05):
    out = []
    timeout = first_timeout
    while True:
        r, _, _ = select.select([s], [], [], timeout)
        if not r:
            return out
        d = s.recv(1 << 20)
        out.append(d)
        timeout = idle
        if any(t == NLMSG_DONE for _o, _l, t, *_r in iter_msgs(d)):
            return out


def dump_links():
    s = nl_socket()
    s.sendto(nlmsg(RTM_GETLINK, REQ | NLM_F_DUMP, ifinfomsg() + nla_u32(IFLA["EXT_MASK"], 1)), (0, 0))
    ds = recv_all(s, 1.0, 0.2)
    s.close()
    return parse_link_dump(ds)


def child_run(c, ns1, ns2):
    """Runs in a forked child: returns the raw observation dict."""
    setns("/run/netns/" + ns1)
    req = bytearray(c["request"])
    opened = []

    def patch(ph, val):
        pat = struct.pack("<I", ph)
        i = req.find(pat)
        while i >= 0:
            struct.pack_into("<I", req, i, val)
            i = req.find(pat, i + 4)

    if struct.pack("<I", PH_NS2_FD) in req:
        fd = os.open("/run/netns/" + ns2, os.O_RDONLY)
        opened.append(fd)
        patch(PH_NS2_FD, fd)
    if struct.pack("<I", PH_DEVNULL_FD) in req:
        fd = os.open("/dev/null", os.O_RDONLY)
        opened.append(fd)
        patch(PH_DEVNULL_FD, fd)
    if struct.pack("<I", PH_SELF_PID) in req:
        patch(PH_SELF_PID, os.getpid())
    try:
        os.fstat(BAD_FD)
        raise SystemExit("fd %d unexpectedly open" % BAD_FD)
    except OSError:
        pass
    s = nl_socket(c["strict"])
    send_err = None
    try:
        s.sendto(bytes(req), (0, 0))
    except OSError as e:
        send_err = errname(e.errno)
    replies = recv_all(s)
    s.close()
    for fd in opened:
        os.close(fd)
    links1 = dump_links()
    setns("/run/netns/" + ns2)
    links2 = dump_links()
    return {"send_err": send_err, "replies": [d.hex() for d in replies], "links1": links1,
            "links2": links2}


def run_in_child(c, ns1, ns2):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        code = 0
        try:
            res = child_run(c, ns1, ns2)
        except BaseException as e:  # noqa: BLE001
            res = {"child_error": repr(e)}
            code = 1
        os.write(w, json.dumps(res).encode())
        os.close(w)
        os._exit(code)
    os.close(w)
    data = b""
    while True:
        chunk = os.read(r, 1 << 16)
        if not chunk:
            break
        data += chunk
    os.close(r)
    os.waitpid(pid, 0)
    return json.loads(data)


def sh(cmd, ns1, ns2):
    real = cmd.replace("NS1", ns1).replace("NS2", ns2)
    p = subprocess.run(["ip", "netns", "exec", ns1] + real.split(), capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("setup failed: %s: %s" % (cmd, p.stderr.strip()))


LIVE_NS = []


def ns_del(name):
    subprocess.run(["ip", "netns", "del", name], capture_output=True)
    if name in LIVE_NS:
        LIVE_NS.remove(name)


def link_view(L):
    addr = L.get("address")
    if addr and not addr.startswith("02:00:00") and addr != "00:00:00:00:00:00":
        addr = "random"
    v = {"name": L.get("name"), "ifindex": L["ifindex"], "mtu": L.get("mtu"),
         "flags": "0x%x" % L["flags"]}
    for k in ("link", "link_netnsid", "txqlen", "kind"):
        if k in L:
            v[k] = L[k]
    if addr is not None:
        v["address"] = addr
    return v


def run_case(c, idx):
    ns1 = "kveth-nl-%d-%da" % (os.getpid(), idx)
    ns2 = "kveth-nl-%d-%db" % (os.getpid(), idx)
    try:
        for n in (ns1, ns2):
            subprocess.run(["ip", "netns", "add", n], check=True)
            LIVE_NS.append(n)
        for cmd in c["setup"]:
            sh(cmd, ns1, ns2)
        raw = run_in_child(c, ns1, ns2)
    finally:
        ns_del(ns1)
        ns_del(ns2)
    if "child_error" in raw:
        raise RuntimeError("%s: %s" % (c["name"], raw["child_error"]))
    replies = [bytes.fromhex(h) for h in raw["replies"]]
    errs = []
    types = []
    norm = []
    for d in replies:
        n, _orig = normalize_datagram(d)
        norm.append(n.hex())
        for item in summarize(d):
            types.append(item["type"])
        for off, ln, t, *_r in iter_msgs(d):
            if t in (NLMSG_ERROR, NLMSG_DONE):
                errs.append(decode_error(d[off:off + ln]))
    # status = first NLMSG_ERROR, or the NLMSG_DONE of a dump (its int is the
    # dump's result; errors found while starting a dump are reported there)
    first = errs[0] if errs else None
    exp = {
        "errno": first["errno"] if first else None,
        "errname": first["errname"] if first else None,
        "extack": first["extack"] if first else None,
        "extack_offs": first["extack_offs"] if first else None,
        "ack": bool(first and first["ack"]),
        "reply_types": types,
        "errors": [dict({"errno": e["errno"], "errname": e["errname"], "extack": e["extack"],
                         "extack_offs": e["extack_offs"]}, **({"in_done": True} if e.get("done") else {}))
                   for e in errs],
        "links_after": [L.get("name") for L in raw["links1"]],
        "links_after_ns2": [L.get("name") for L in raw["links2"]],
        "links_detail": [link_view(L) for L in raw["links1"]],
        "links_detail_ns2": [link_view(L) for L in raw["links2"]],
        "replies": norm,
    }
    if raw["send_err"]:
        exp["send_errno"] = raw["send_err"]
    return exp


def cleanup_all():
    for n in list(LIVE_NS):
        ns_del(n)


def main():
    args = sys.argv[1:]
    out = DEFAULT_OUT
    runs = 2
    only = None
    if "--out" in args:
        out = args[args.index("--out") + 1]
    if "--runs" in args:
        runs = int(args[args.index("--runs") + 1])
    if "--only" in args:
        only = args[args.index("--only") + 1]
    build_cases()
    if "--list" in args:
        for c in CASES:
            print(c["group"], c["name"], c["request"].hex())
        print(len(CASES), "cases")
        return
    if os.environ.get("KVETH_NL_PRIVATE_MNT") != "1":
        if os.geteuid() != 0:
            raise SystemExit("need root")
        os.makedirs("/run/netns", exist_ok=True)
        env = dict(os.environ, KVETH_NL_PRIVATE_MNT="1")
        os.execvpe("unshare", ["unshare", "--mount", "--propagation", "private", sys.executable,
                               os.path.abspath(__file__)] + args, env)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "kveth-nl-netns", "/run/netns"],
                   check=True)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *a: sys.exit(129))
    cases = [c for c in CASES if not only or only in c["name"]]
    results = []
    try:
        for r in range(runs):
            res = {}
            for i, c in enumerate(cases):
                res[c["name"]] = run_case(c, r * 1000 + i)
                if c["twin_612"] is not None:
                    tw = dict(c, request=c["twin_612"])
                    res[c["name"] + "#twin"] = run_case(tw, r * 1000 + 500 + i)
            results.append(res)
    finally:
        cleanup_all()
    nondet = []
    for key in results[0]:
        for r in range(1, runs):
            if results[r][key] != results[0][key]:
                nondet.append(key)
                break
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        for c in cases:
            e = results[0][c["name"]]
            rec = {"name": c["name"], "group": c["group"], "desc": c["desc"], "setup": c["setup"],
                   "strict": c["strict"], "request": c["request"].hex(), "expect": e,
                   "deterministic": c["name"] not in nondet, "runs": runs}
            if c["differs_612"]:
                rec["differs_612"] = c["differs_612"]
                if c["twin_612"] is not None:
                    t = results[0][c["name"] + "#twin"]
                    rec["expect_612"] = {k: t[k] for k in ("errno", "errname", "extack", "extack_offs",
                                                           "ack", "links_after", "links_after_ns2")}
                    rec["expect_612"]["source"] = "live result of twin_612 (request without the attribute)"
                    rec["twin_612"] = c["twin_612"].hex()
                else:
                    rec["expect_612"] = dict(c["expect_612"], source="6.12.117 source reading")
            if c["note"]:
                rec["note"] = c["note"]
            f.write(json.dumps(rec) + "\n")
    print("%d cases x %d runs -> %s; non-deterministic: %s" % (len(cases), runs, out, nondet or "none"))
    if nondet:
        sys.exit(3)


if __name__ == "__main__":
    main()
