#!/usr/bin/python3
"""Generate test/corpus/frames.txt, the replay corpus for kveth and test/live/capture_live.py.

Usage:  gen_frames.py [OUTFILE]      (default: frames.txt next to this script; "-" = stdout)

Output format (kveth's replay input format):
  * one frame per line, lowercase hex, optionally followed by " # label";
  * blank lines and lines starting with "#" are skipped.

Everything is deterministic: the only randomness is a SplitMix64 generator with a fixed seed
(written in the file header), implemented here so the output does not depend on Python's
`random` module. Re-running this script must reproduce frames.txt byte for byte.

Addresses: sender A0 = 02:00:00:00:00:0a, receiver B0 = 02:00:00:00:00:0b. Only
198.51.100.0/24 and 203.0.113.0/24 appear as IPv4 addresses; IPv6 frames use the IPv4-mapped
forms ::ffff:198.51.100.x / ::ffff:203.0.113.x so that no other address space appears.
Stdlib only.
"""
import struct
import sys
import os

SEED = 0x6B76657468_2D3631  # "kveth-61", fixed
MTU_A_OVERSIZE = 1600        # capture config "mtu": --mtu-a 1600 --mtu-b 1500

A0 = bytes.fromhex("02000000000a")
B0 = bytes.fromhex("02000000000b")
BCAST = b"\xff" * 6
MCAST4 = bytes.fromhex("01005e000001")     # IPv4 multicast MAC range 01:00:5e
MCAST4B = bytes.fromhex("01005e7f0001")
MCAST6 = bytes.fromhex("333300000001")     # IPv6 multicast MAC range 33:33
OTHER = bytes.fromhex("020000000099")      # unicast, neither A0 nor B0
OTHER2 = bytes.fromhex("0a1b2c3d4e5f")     # unicast, locally administered

IP_A = bytes([198, 51, 100, 1])
IP_B = bytes([198, 51, 100, 2])
IP_BCAST = bytes([198, 51, 100, 255])
IP_C = bytes([203, 0, 113, 7])


class SplitMix64:
    def __init__(self, seed):
        self.s = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n):
        """Uniform-enough integer in [0, n) (modulo bias is irrelevant here)."""
        return self.next() % n

    def bytes(self, n):
        out = bytearray()
        while len(out) < n:
            out += struct.pack("<Q", self.next())
        return bytes(out[:n])


def csum16(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def eth(dst, src, etype, payload=b"", pad_to=None):
    f = dst + src + struct.pack("!H", etype) + payload
    if pad_to is not None and len(f) < pad_to:
        f += b"\0" * (pad_to - len(f))
    return f


def vlan_tag(tpid, tci, inner_type):
    """TPID is written by eth()/caller; this returns TCI + inner type (4 bytes after the TPID)."""
    return struct.pack("!HH", tci, inner_type)


def ipv4(src, dst, proto, payload, ttl=64, ident=1, ihl=5, options=b"", bad_csum=False,
         tot_len=None, version=4, frag=0):
    tl = 4 * ihl + len(payload) if tot_len is None else tot_len
    hdr = struct.pack("!BBHHHBBH4s4s", (version << 4) | ihl, 0, tl, ident, frag, ttl, proto, 0,
                      src, dst) + options
    c = csum16(hdr)
    if bad_csum:
        c ^= 0x5A5A
    hdr = hdr[:10] + struct.pack("!H", c) + hdr[12:]
    return hdr + payload


def udp(src_ip, dst_ip, sport, dport, data):
    length = 8 + len(data)
    pseudo = src_ip + dst_ip + struct.pack("!BBH", 0, 17, length)
    h = struct.pack("!HHHH", sport, dport, length, 0)
    c = csum16(pseudo + h + data) or 0xFFFF
    return struct.pack("!HHHH", sport, dport, length, c) + data


def icmp_echo(ident, seq, data):
    h = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + data
    c = csum16(h)
    return h[:2] + struct.pack("!H", c) + h[4:]


def arp(op, sha, spa, tha, tpa):
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, sha, spa, tha, tpa)


def ipv6(src, dst, nh, payload, hop=64):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, hop, src, dst) + payload


def v4mapped(ip4):
    return b"\0" * 10 + b"\xff\xff" + ip4


def pattern(n, start=0):
    return bytes((start + i) & 0xFF for i in range(n))


def build():
    frames = []  # (bytes, label)

    def add(label, frame):
        frames.append((frame, label))

    udp_ab = ipv4(IP_A, IP_B, 17, udp(IP_A, IP_B, 40000, 9, b"kveth-udp-payload"))
    icmp_ab = ipv4(IP_A, IP_B, 1, icmp_echo(0x1234, 1, pattern(56)))

    # --- eth_type_trans pkt_type branches (EtherType >= 0x0600) -------------------------------
    add("host_ipv4_udp", eth(B0, A0, 0x0800, udp_ab))
    add("host_ipv4_icmp_echo", eth(B0, A0, 0x0800, icmp_ab))
    add("bcast_arp_request", eth(BCAST, A0, 0x0806,
                                  arp(1, A0, IP_A, b"\0" * 6, IP_B), pad_to=60))
    add("host_arp_reply", eth(B0, A0, 0x0806, arp(2, A0, IP_A, B0, IP_B), pad_to=60))
    add("bcast_ipv4_udp", eth(BCAST, A0, 0x0800,
                              ipv4(IP_A, IP_BCAST, 17, udp(IP_A, IP_BCAST, 40000, 9, b"bcast"))))
    add("mcast_ipv4_udp", eth(MCAST4, A0, 0x0800, udp_ab))
    add("otherhost_ipv4_udp", eth(OTHER, A0, 0x0800, udp_ab))
    add("otherhost_ipv4_to_a0mac", eth(A0, A0, 0x0800, icmp_ab))
    add("host_88b5_60", eth(B0, A0, 0x88B5, pattern(46)))
    add("bcast_88b5_60", eth(BCAST, A0, 0x88B5, pattern(46)))
    add("mcast_88b5_60", eth(MCAST4B, A0, 0x88B5, pattern(46)))
    add("mcast33_88b5_60", eth(MCAST6, A0, 0x88B5, pattern(46)))
    add("otherhost_88b5_60", eth(OTHER2, A0, 0x88B5, pattern(46)))
    add("host_88b6_100", eth(B0, A0, 0x88B6, pattern(86, 7)))
    add("host_ffff_60", eth(B0, A0, 0xFFFF, pattern(46, 3)))
    add("host_9000_loop_60", eth(B0, A0, 0x9000, pattern(46, 5)))
    add("mcast_src_88b5", eth(B0, MCAST4, 0x88B5, pattern(46)))
    add("bcast_src_ipv4", eth(B0, BCAST, 0x0800, udp_ab))
    # EtherType / length boundary
    add("type_0600_exact", eth(B0, A0, 0x0600, pattern(46)))
    add("type_0601", eth(B0, A0, 0x0601, pattern(46)))
    add("len_05ff_llc", eth(B0, A0, 0x05FF, bytes([0xE0, 0xE0, 0x03]) + pattern(43)))
    add("len_05ff_raw8023", eth(B0, A0, 0x05FF, b"\xff\xff" + pattern(44)))
    add("len_002e_raw8023", eth(B0, A0, 0x002E, b"\xff\xff" + pattern(44)))
    add("len_002e_raw8023_bcast", eth(BCAST, A0, 0x002E, b"\xff\xff" + pattern(44)))
    add("len_002e_llc_e0", eth(B0, A0, 0x002E, bytes([0xE0, 0xE0, 0x03]) + pattern(43)))
    add("stp_bpdu_llc_mcast", eth(bytes.fromhex("0180c2000000"), A0, 0x0026,
                                 bytes([0x42, 0x42, 0x03]) + b"\0" * 35, pad_to=60))
    add("len_002e_llc_stp_host", eth(B0, A0, 0x002E, bytes([0x42, 0x42, 0x03]) + pattern(43)))
    add("len_0000_llc_nullsap_ui", eth(B0, A0, 0x0000, bytes([0x00, 0x00, 0x03]) + pattern(43)))
    add("snap_ipv4", eth(B0, A0, 8 + len(udp_ab),
                         bytes.fromhex("aaaa03000000") + b"\x08\x00" + udp_ab))
    add("snap_oui_88b5", eth(B0, A0, 0x0030, bytes.fromhex("aaaa03001122") + b"\x88\xb5" + pattern(40)))
    add("len_8023_16B_ffff", eth(B0, A0, 0x0002, b"\xff\xff"))
    add("len_8023_16B_fffe", eth(B0, A0, 0x0002, b"\xff\xfe"))
    add("len_8023_15B", eth(B0, A0, 0x0001, b"\xff"))
    add("len_8023_14B", eth(B0, A0, 0x0000))
    add("len_8023_otherhost_raw", eth(OTHER, A0, 0x002E, b"\xff\xff" + pattern(44)))
    add("len_mismatch_llc_big", eth(B0, A0, 0x0500, bytes([0xE0, 0xE0, 0x03]) + pattern(43)))

    # --- VLAN (802.1Q 0x8100, 802.1ad 0x88a8) -------------------------------------------------
    add("vlan100_ipv4", eth(B0, A0, 0x8100, vlan_tag(0x8100, 100, 0x0800) + udp_ab))
    add("vlan1_88b5", eth(B0, A0, 0x8100, vlan_tag(0x8100, 1, 0x88B5) + pattern(42)))
    add("vlan4095_88b5", eth(B0, A0, 0x8100, vlan_tag(0x8100, 0xFFF, 0x88B5) + pattern(42)))
    add("vlan0_prio_ipv4", eth(B0, A0, 0x8100, vlan_tag(0x8100, 0x6000, 0x0800) + udp_ab))
    add("vlan0_prio_88b5", eth(B0, A0, 0x8100, vlan_tag(0x8100, 0xA000, 0x88B5) + pattern(42)))
    add("vlan0_prio_arp_bcast", eth(BCAST, A0, 0x8100, vlan_tag(0x8100, 0x0000, 0x0806)
                                     + arp(1, A0, IP_A, b"\0" * 6, IP_B), pad_to=64))
    add("vlan5_bcast_arp", eth(BCAST, A0, 0x8100, vlan_tag(0x8100, 5, 0x0806)
                                + arp(1, A0, IP_A, b"\0" * 6, IP_B), pad_to=64))
    add("vlan7_llc", eth(B0, A0, 0x8100, vlan_tag(0x8100, 7, 0x002A)
                          + bytes([0xE0, 0xE0, 0x03]) + pattern(39)))
    add("vlan7_raw8023", eth(B0, A0, 0x8100, vlan_tag(0x8100, 7, 0x002A) + b"\xff\xff" + pattern(40)))
    add("qtag_88a8_200_ipv4", eth(B0, A0, 0x88A8, vlan_tag(0x88A8, 200, 0x0800) + udp_ab))
    add("qtag_88a8_0_ipv4", eth(B0, A0, 0x88A8, vlan_tag(0x88A8, 0, 0x0800) + udp_ab))
    add("qinq_10_20_ipv4", eth(B0, A0, 0x88A8, vlan_tag(0x88A8, 10, 0x8100)
                                + vlan_tag(0x8100, 20, 0x0800) + udp_ab))
    add("qinq_0_20_88b5", eth(B0, A0, 0x88A8, vlan_tag(0x88A8, 0, 0x8100)
                               + vlan_tag(0x8100, 20, 0x88B5) + pattern(38)))
    add("qinq_0_0_ipv4", eth(B0, A0, 0x8100, vlan_tag(0x8100, 0, 0x8100)
                              + vlan_tag(0x8100, 0, 0x0800) + udp_ab))
    add("vlan_short_14B", eth(B0, A0, 0x8100))
    add("vlan_short_16B", eth(B0, A0, 0x8100, b"\x00\x64"))
    add("vlan_short_17B", eth(B0, A0, 0x8100, b"\x00\x64\x08"))
    add("vlan_exact_18B", eth(B0, A0, 0x8100, vlan_tag(0x8100, 100, 0x88B5)))
    add("qinq_short_20B", eth(B0, A0, 0x88A8, vlan_tag(0x88A8, 10, 0x8100) + b"\x00\x14"))

    # --- IPv4 header validity -----------------------------------------------------------------
    add("ipv4_ihl4", eth(B0, A0, 0x0800, ipv4(IP_A, IP_B, 17, pattern(20), ihl=4)))
    add("ipv4_bad_csum", eth(B0, A0, 0x0800, ipv4(IP_A, IP_B, 17, pattern(20), bad_csum=True)))
    add("ipv4_totlen_too_big", eth(B0, A0, 0x0800, ipv4(IP_A, IP_B, 17, pattern(20), tot_len=200)))
    add("ipv4_version6", eth(B0, A0, 0x0800, ipv4(IP_A, IP_B, 17, pattern(20), version=6)))
    add("ipv4_truncated_10B", eth(B0, A0, 0x0800, ipv4(IP_A, IP_B, 17, b"")[:10]))
    add("ipv4_opts_to_c", eth(B0, A0, 0x0800, ipv4(IP_A, IP_C, 17, pattern(16), ihl=6,
                                                 options=b"\x01\x01\x01\x00")))
    add("ipv4_padded_60", eth(B0, A0, 0x0800, ipv4(IP_A, IP_B, 1, icmp_echo(1, 2, b"")), pad_to=60))
    add("arp_short_payload", eth(B0, A0, 0x0806, arp(1, A0, IP_A, b"\0" * 6, IP_B)[:20]))

    # --- IPv6 (disabled in the namespaces) ----------------------------------------------------
    add("ipv6_udp_host", eth(B0, A0, 0x86DD, ipv6(v4mapped(IP_A), v4mapped(IP_B), 17,
                                                  udp(IP_A, IP_B, 40000, 9, b"v6"))))
    add("ipv6_mcast33", eth(MCAST6, A0, 0x86DD, ipv6(v4mapped(IP_A), v4mapped(IP_C), 59, b"")))
    add("ipv6_short_20B", eth(B0, A0, 0x86DD, pattern(20)))

    # --- minimum sizes ------------------------------------------------------------------------
    add("exact14_ipv4", eth(B0, A0, 0x0800))
    add("exact14_88b5", eth(B0, A0, 0x88B5))
    add("exact14_bcast_arp", eth(BCAST, A0, 0x0806))
    add("short13", (B0 + A0 + b"\x88")[:13])
    add("short12", B0 + A0)
    add("short6", B0)
    add("short1", b"\x02")

    # --- sizes around the MTU (A0/B0 mtu 1500 unless --mtu-a/--mtu-b) -------------------------
    def sized(total, etype=0x88B5, dst=B0, pre=b""):
        body = pre + pattern(total - 14 - len(pre), 0x40)
        return eth(dst, A0, etype, body)

    add("size_1514", sized(1514))
    add("size_1515", sized(1515))
    add("size_1518", sized(1518))
    add("size_1519", sized(1519))
    add("size_1518_vlan", sized(1518, 0x8100, pre=vlan_tag(0x8100, 100, 0x88B5)))
    add("size_1519_vlan", sized(1519, 0x8100, pre=vlan_tag(0x8100, 100, 0x88B5)))
    add("size_1518_qtag", sized(1518, 0x88A8, pre=vlan_tag(0x88A8, 100, 0x88B5)))
    m = MTU_A_OVERSIZE
    add("size_mtuA+14", sized(m + 14))
    add("size_mtuA+18", sized(m + 18))
    add("size_mtuA+18_vlan", sized(m + 18, 0x8100, pre=vlan_tag(0x8100, 100, 0x88B5)))
    add("size_mtuA+19", sized(m + 19))

    # --- seeded random frames -----------------------------------------------------------------
    rng = SplitMix64(SEED)
    for i in range(16):
        length = 14 + rng.below(1600 - 14 + 1)
        kind = rng.below(4)
        if kind == 0:
            dst = B0
        elif kind == 1:
            dst = BCAST
        elif kind == 2:
            dst = bytes([rng.below(256) & 0xFE | 0x02]) + rng.bytes(5)      # unicast
        else:
            dst = bytes([rng.below(256) | 0x01]) + rng.bytes(5)             # multicast
        etype = rng.below(0x10000)
        if etype in (0x0800, 0x0806, 0x86DD, 0x8100, 0x88A8):
            etype = 0x88B5 + i  # keep random frames out of the parsed protocols
        payload = rng.bytes(length - 14)
        add("rand%02d_%d_%04x" % (i, length, etype), eth(dst, A0, etype, payload))

    return frames


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "frames.txt")
    frames = build()
    labels = [l for _, l in frames]
    assert len(labels) == len(set(labels)), "labels must be unique"
    lines = [
        "# kveth frame corpus, generated by test/corpus/gen_frames.py (do not edit by hand)",
        "# seed: 0x%016x (SplitMix64); frames: %d" % (SEED, len(frames)),
        "# sender A0 = 02:00:00:00:00:0a, receiver B0 = 02:00:00:00:00:0b",
        "# format: <lowercase hex> [# label]; blank lines and lines starting with '#' are ignored",
        "",
    ]
    for f, label in frames:
        lines.append("%s # %s" % (f.hex(), label))
    text = "\n".join(lines) + "\n"
    if out == "-":
        sys.stdout.write(text)
    else:
        with open(out, "w") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
