// SPDX-License-Identifier: GPL-2.0-only
/*
 * The protocol receive handlers (ip_rcv, arp_rcv, ipv6_rcv, llc_rcv with STP and SNAP) fed skbs
 * directly, as __netif_receive_skb_core would hand them over, in the live setup's receiving
 * namespace (no addresses, IPv6 disabled); and the flow dissector against the transport offsets
 * of the live captures' net_dev_start_xmit lines.
 */
import { packet_parse_headers, SOCK_RAW } from '../src/net/packet/af_packet';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'fs';
import * as path from 'path';
// dev.ts first: it completes the netdevice <-> dev import cycle in the right order
import { dev_get_stats, SIZEOF_RTNL_LINK_STATS64, stats64_off, packet_type } from '../src/net/core/dev';
import { alloc_skb, skb_clone, kfree_skb, skb_put } from '../src/net/core/skbuff';
import {
  sk_buff, skb_reserve, skb_reset_network_header, skb_reset_transport_header, skb_reset_mac_len,
  skb_transport_header_was_set, skb_network_offset, skb_transport_offset, skb_shinfo, skb_reset_mac_header,
} from '../src/include/linux/skbuff';
import { net_device, dev_net, NET_RX_DROP, NET_RX_SUCCESS, LL_RESERVED_SPACE } from '../src/include/linux/netdevice';
import { GFP_KERNEL, kzalloc } from '../src/mm/slub';
import { bytes, copy_to, rd8, rd32, rd64 } from '../src/sim/mem';
import { advance_ns, ktime_get_ns } from '../src/sim/clock';
import { trace_enable, trace_disable, trace_take } from '../src/sim/trace';
import { eth_type_trans, eth_header_parse_protocol } from '../src/net/ethernet/eth';
import { netns_add, veth_add, link_set_up } from '../src/tools/topology';
import { register_protocol_handlers, protocol_packet_types, set_ipv6_disabled, ipv6_disabled } from '../src/net/protocols';
import { ip_statistics, ipv6_statistics, net_statistics } from '../src/include/net/snmp';
import { ip_rcv } from '../src/net/ipv4/ip_input';
import { arp_rcv } from '../src/net/ipv4/arp';
import { rt_cache_stat, inet_addr_type, ip_route_input_noref, RTN_BROADCAST, RTN_MULTICAST } from '../src/net/ipv4/route';
import { __in_dev_get_rcu, IN_DEV_CONF_SET } from '../src/net/ipv4/devinet';
import type { ipv4_devconf_name } from '../src/include/uapi/linux/ip';
import { __ip_options_compile } from '../src/net/ipv4/ip_options';
import { IPCB_opt, ip_hdr, SIZEOF_IPHDR } from '../src/include/net/ip';
import { ipv6_rcv } from '../src/net/ipv6/ip6_input';
import { llc_rcv } from '../src/net/llc/llc_input';
import { skb_probe_transport_header, vlan_get_protocol_and_depth } from '../src/net/core/flow_dissector';
import { __be32, htonl, htons, ntohl, ntohs } from '../src/include/uapi/linux/types';
import { ETH_P_802_2, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6 } from '../src/include/uapi/linux/if_ether';
import { KNOWN } from './known_divergences';

/* ---- the live setup: A0 (A) <-> B0 (B), both up, no addresses, IPv6 disabled ------------ */
const pts = register_protocol_handlers();
const A = netns_add('pA');
const B = netns_add('pB');
/* a new namespace starts with IPv6 enabled; the live setup turns it off (all and default) before the veth exists */
const ipv6_fresh = !ipv6_disabled(A) && !ipv6_disabled(B);
set_ipv6_disabled(A, true);
set_ipv6_disabled(B, true);
const [a0, b0] = veth_add(A, { name: 'A0', address: '02:00:00:00:00:0a' }, { name: 'B0', address: '02:00:00:00:00:0b' }, B);
link_set_up(a0, true);
link_set_up(b0, true);

const stats_buf = kzalloc(SIZEOF_RTNL_LINK_STATS64, GFP_KERNEL);
function devstat(dev: net_device, f: string): number {
  dev_get_stats(dev, stats_buf);
  return rd64(stats_buf + stats64_off[f]!);
}
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
function ipsum(h: Uint8Array): void {
  const ihl = (h[0]! & 0xf) * 4;
  h[10] = 0; h[11] = 0;
  let s = 0;
  for (let i = 0; i < ihl; i += 2) s += (h[i]! << 8) | h[i + 1]!;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  s = ~s & 0xffff;
  h[10] = s >> 8; h[11] = s & 0xff;
}
const MAC_B0 = '02000000000b', MAC_A0 = '02000000000a', BCAST = 'ffffffffffff';
/** An IPv4 frame dst MAC → B0 with a correct header checksum. */
function ipv4_frame(dst_mac: string, saddr: string, daddr: string, opts = '', proto = 17, payload = '9c40000900080000'): Uint8Array {
  const ihl = 5 + opts.length / 8;
  const pl = hex(payload);
  const tot = ihl * 4 + pl.length;
  const h = hex(`${(0x40 | ihl).toString(16)}00${tot.toString(16).padStart(4, '0')}00010000 40${proto.toString(16).padStart(2, '0')}0000 ${saddr}${daddr}${opts}`);
  ipsum(h);
  return Uint8Array.from([...hex(`${dst_mac}${MAC_A0}0800`), ...h, ...pl]);
}
/**
 * An skb as B0's stack hands it to a packet_type handler: eth_type_trans() (veth's
 * __dev_forward_skb), then __netif_receive_skb_core's header resets and skb_iif.
 */
function rx_skb(frame: Uint8Array, dev: net_device = b0): sk_buff {
  const skb = alloc_skb(frame.length + 64, GFP_KERNEL)!;
  skb_reserve(skb, 64);
  copy_to(skb_put(skb, frame.length), frame);
  skb.protocol = eth_type_trans(skb, dev);
  skb_reset_network_header(skb);
  if (!skb_transport_header_was_set(skb)) skb_reset_transport_header(skb);
  skb_reset_mac_len(skb);
  skb.skb_iif = dev.ifindex;
  return skb;
}
function frees(lines: string[]): string[] {
  return lines.filter((l) => l.startsWith('kfree_skb') || l.startsWith('consume_skb'))
    .map((l) => l.replace(/skbaddr=\S+ /, '').replace(/rx_sk=\S+ /, ''));
}
function run(fn: (skb: sk_buff, dev: net_device, pt: packet_type, orig: net_device) => number, pt: packet_type, skb: sk_buff): [number, string[]] {
  trace_take();
  trace_enable(['kfree_skb', 'consume_skb']);
  try {
    const r = fn(skb, b0, pt, b0);
    return [r, frees(trace_take())];
  } finally {
    trace_disable();
  }
}
function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const d: Record<string, number> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const v = (after[k] ?? 0) - (before[k] ?? 0);
    if (v) d[k] = v;
  }
  return d;
}
const ip_snapshot = (): Record<string, number> => ip_statistics(dev_net(b0).addr);

/* ---- registration ----------------------------------------------------------------------- */
test('register_protocol_handlers: packet_types for ip, arp, ipv6, llc, idempotent', () => {
  assert.is(register_protocol_handlers(), pts);
  const p = protocol_packet_types()!;
  assert.is(ntohs(p.ip.type), ETH_P_IP);
  assert.is(ntohs(p.arp.type), ETH_P_ARP);
  assert.is(ntohs(p.ipv6.type), ETH_P_IPV6);
  assert.is(ntohs(p.llc.type), ETH_P_802_2);
  assert.is(p.ip.func, ip_rcv);
  assert.is(p.arp.func, arp_rcv);
  assert.is(p.ipv6.func, ipv6_rcv);
  assert.is(p.llc.func, llc_rcv);
  assert.is(p.ip.dev, null);
  assert.ok(ipv6_fresh, 'a new namespace starts with disable_ipv6 = 0 (addrconf_init_net)');
  assert.ok(ipv6_disabled(B) && ipv6_disabled(A), 'IPv6 is disabled as in the live setup');
});

/* ---- IPv4 -------------------------------------------------------------------------------- */
test('ip_rcv: datagram for the host with no address or route → ip_error IP_INADDRERRORS', () => {
  const before = ip_snapshot();
  const rc0 = rt_cache_stat();
  const f = ipv4_frame(MAC_B0, 'c6336401', 'c6336402');
  const [r, tr] = run(ip_rcv, pts.ip, rx_skb(f));
  assert.is(r, 0); // ip_error returns 0 and dst_input passes it back
  assert.equal(tr, ['kfree_skb: protocol=2048 location=ip_error reason: IP_INADDRERRORS']);
  assert.equal(delta(before, ip_snapshot()), {
    IPSTATS_MIB_INPKTS: 1, IPSTATS_MIB_INOCTETS: f.length - 14, IPSTATS_MIB_NOECTPKTS: 1, IPSTATS_MIB_INADDRERRORS: 1,
  });
  const rc1 = rt_cache_stat();
  assert.is(rc1.in_no_route - rc0.in_no_route, 1);
  assert.is(rc1.in_slow_tot - rc0.in_slow_tot, 1);
});

test('ip_rcv: broadcast and multicast MAC, ECN bits, TCP early demux, padding', () => {
  for (const mac of [BCAST, '01005e000001']) {
    const [, tr] = run(ip_rcv, pts.ip, rx_skb(ipv4_frame(mac, 'c6336401', 'c63364ff')));
    assert.equal(tr, ['kfree_skb: protocol=2048 location=ip_error reason: IP_INADDRERRORS'], mac);
  }
  const before = ip_snapshot();
  const f = ipv4_frame(MAC_B0, 'c6336401', 'c6336402', '', 6, '0050005000000000000000005000000000000000');
  f[14 + 1] = 0x03; // tos: ECN CE
  ipsum(f.subarray(14, 34));
  const [, tr] = run(ip_rcv, pts.ip, rx_skb(Uint8Array.from([...f, 0, 0, 0, 0, 0, 0])));
  assert.equal(tr, ['kfree_skb: protocol=2048 location=ip_error reason: IP_INADDRERRORS']);
  const d = delta(before, ip_snapshot());
  assert.is(d.IPSTATS_MIB_CEPKTS, 1);
  assert.is(d.IPSTATS_MIB_INOCTETS, f.length - 14 + 6, 'InOctets counts the padded length, before the trim');
});

test('ip_rcv: another host\'s MAC → ip_rcv_core OTHERHOST, rx_otherhost_dropped', () => {
  const before = devstat(b0, 'rx_otherhost_dropped');
  const ipb = ip_snapshot();
  for (const mac of ['020000000099', MAC_A0]) {
    const [r, tr] = run(ip_rcv, pts.ip, rx_skb(ipv4_frame(mac, 'c6336401', 'c6336402')));
    assert.is(r, NET_RX_DROP);
    assert.equal(tr, ['kfree_skb: protocol=2048 location=ip_rcv_core reason: OTHERHOST']);
  }
  assert.is(devstat(b0, 'rx_otherhost_dropped') - before, 2);
  assert.equal(delta(ipb, ip_snapshot()), {}, 'OTHERHOST is dropped before InReceives');
});

test('ip_rcv: bad headers → IP_INHDR / IP_CSUM / PKT_TOO_SMALL with their counters', () => {
  const cases: [string, Uint8Array, string, Record<string, number>][] = [];
  const ihl4 = ipv4_frame(MAC_B0, 'c6336401', 'c6336402'); ihl4[14] = 0x44; ipsum(ihl4.subarray(14, 34));
  cases.push(['ihl=4', ihl4, 'IP_INHDR', { IPSTATS_MIB_INHDRERRORS: 1 }]);
  const v6 = ipv4_frame(MAC_B0, 'c6336401', 'c6336402'); v6[14] = 0x65; ipsum(v6.subarray(14, 34));
  cases.push(['version 6', v6, 'IP_INHDR', { IPSTATS_MIB_INHDRERRORS: 1 }]);
  const csum = ipv4_frame(MAC_B0, 'c6336401', 'c6336402'); csum[25] = csum[25]! ^ 0xff;
  cases.push(['bad checksum', csum, 'IP_CSUM', { IPSTATS_MIB_NOECTPKTS: 1, IPSTATS_MIB_CSUMERRORS: 1, IPSTATS_MIB_INHDRERRORS: 1 }]);
  const big = ipv4_frame(MAC_B0, 'c6336401', 'c6336402'); big[16] = 0x01; ipsum(big.subarray(14, 34));
  cases.push(['tot_len > frame', big, 'PKT_TOO_SMALL', { IPSTATS_MIB_NOECTPKTS: 1, IPSTATS_MIB_INTRUNCATEDPKTS: 1 }]);
  const small = ipv4_frame(MAC_B0, 'c6336401', 'c6336402'); small[16] = 0; small[17] = 16; ipsum(small.subarray(14, 34));
  cases.push(['tot_len < ihl*4', small, 'IP_INHDR', { IPSTATS_MIB_NOECTPKTS: 1, IPSTATS_MIB_INHDRERRORS: 1 }]);
  cases.push(['10-byte header', hex(`${MAC_B0}${MAC_A0}0800 45000014000100004011`), 'IP_INHDR', { IPSTATS_MIB_INHDRERRORS: 1 }]);
  cases.push(['14-byte frame', hex(`${MAC_B0}${MAC_A0}0800`), 'IP_INHDR', { IPSTATS_MIB_INHDRERRORS: 1 }]);
  for (const [name, f, reason, counters] of cases) {
    const before = ip_snapshot();
    const [r, tr] = run(ip_rcv, pts.ip, rx_skb(f));
    assert.is(r, NET_RX_DROP, name);
    assert.equal(tr, [`kfree_skb: protocol=2048 location=ip_rcv_core reason: ${reason}`], name);
    const want: Record<string, number> = { IPSTATS_MIB_INPKTS: 1, ...counters };
    if (f.length > 14) want.IPSTATS_MIB_INOCTETS = f.length - 14;
    assert.equal(delta(before, ip_snapshot()), want, name);
  }
});

test('ip_rcv: options are parsed on a private copy of a cloned header (skb_cow → pskb_expand_head)', () => {
  // Record Route: the parser writes our (zero) address and advances the pointer, so it must not
  // write into the head it shares with the tap's clone.
  const f = ipv4_frame(MAC_B0, 'c6336401', 'cb007107', '0707040000000000');
  const skb = rx_skb(f);
  const tap = skb_clone(skb, GFP_KERNEL)!; // what packet_rcv keeps for the tap
  assert.is(skb_shinfo(tap).dataref, 2);
  const [r, tr] = run(ip_rcv, pts.ip, skb);
  assert.is(r, 0);
  assert.equal(tr, ['kfree_skb: protocol=2048 location=ip_error reason: IP_INADDRERRORS']);
  assert.is(skb_shinfo(tap).dataref, 1, 'the tap clone holds the old head alone');
  assert.equal(Array.from(bytes(tap.data - 14, f.length)), Array.from(f), 'the shared head was not written');
  kfree_skb(tap, 'test');
  // the capture's NOP,NOP,NOP,EOL options frame ends in ip_error too
  const [, tr2] = run(ip_rcv, pts.ip, rx_skb(ipv4_frame(MAC_B0, 'c6336401', 'cb007107', '01010100')));
  assert.equal(tr2, ['kfree_skb: protocol=2048 location=ip_error reason: IP_INADDRERRORS']);
});

test('ip_rcv: bad or source-route options → ip_rcv_finish_core NOT_SPECIFIED, InHdrErrors', () => {
  for (const [name, opts] of [['option length 1', '44010000'], ['LSRR (accept_source_route off)', '830704c6336401 00'.replace(' ', '')],
    ['timestamp overflow 15', '4404 05f0']] as const) {
    const o = opts.replace(/\s/g, '');
    const before = ip_snapshot();
    const [r, tr] = run(ip_rcv, pts.ip, rx_skb(ipv4_frame(MAC_B0, 'c6336401', 'c6336402', o.padEnd(Math.ceil(o.length / 8) * 8, '0'))));
    assert.is(r, NET_RX_DROP, name);
    assert.equal(tr, ['kfree_skb: protocol=2048 location=ip_rcv_finish_core reason: NOT_SPECIFIED'], name);
    const d = delta(before, ip_snapshot());
    assert.is(d.IPSTATS_MIB_INHDRERRORS ?? 0, name.startsWith('LSRR') ? 0 : 1, name);
  }
});

test('ip_rcv: martians and foreign multicast → ip_rcv_finish_core NOT_SPECIFIED', () => {
  const rc0 = rt_cache_stat();
  for (const [name, s, d] of [['source 0.0.0.0', '00000000', 'c6336402'], ['source multicast', 'e0000005', 'c6336402'],
    ['source 255.255.255.255', 'ffffffff', 'c6336402'], ['destination 127.0.0.1', 'c6336401', '7f000001'],
    ['destination 0.0.0.0', 'c6336401', '00000000'], ['group 239.1.1.1 not joined', 'c6336401', 'ef010101']] as const) {
    const [r, tr] = run(ip_rcv, pts.ip, rx_skb(ipv4_frame(MAC_B0, s, d)));
    assert.is(r, NET_RX_DROP, name);
    assert.equal(tr, ['kfree_skb: protocol=2048 location=ip_rcv_finish_core reason: NOT_SPECIFIED'], name);
  }
  const rc1 = rt_cache_stat();
  assert.is(rc1.in_martian_src - rc0.in_martian_src, 3);
  assert.is(rc1.in_martian_dst - rc0.in_martian_dst, 2);
  assert.equal(net_statistics(dev_net(b0).addr).LINUX_MIB_IPRPFILTER, undefined);
});

/** Run `fn` with B0's devconf entry `name` set to `val` (as IFLA_INET_CONF would set it), then restore 0. */
function with_b0_conf(name: ipv4_devconf_name, val: number, fn: () => void): void {
  const in_dev = __in_dev_get_rcu(b0)!;
  IN_DEV_CONF_SET(in_dev, name, val);
  try { fn(); } finally { IN_DEV_CONF_SET(in_dev, name, 0); }
}

test('ip_rcv with forwarding on: no route keeps -ENETUNREACH → ip_error IP_INNOROUTES, InNoRoutes', () => {
  // route.c:2335 ip_route_input_slow turns a failed lookup into -EHOSTUNREACH only with forwarding
  // off; route.c:995-1038 ip_error with forwarding on counts ENETUNREACH as InNoRoutes, asks
  // icmp_send for a net-unreachable (which finds no route back) and frees with IP_INNOROUTES.
  with_b0_conf('FORWARDING', 1, () => {
    const before = ip_snapshot();
    const f = ipv4_frame(MAC_B0, 'c6336401', 'c6336402');
    const [r, tr] = run(ip_rcv, pts.ip, rx_skb(f));
    assert.is(r, 0);
    assert.equal(tr, ['kfree_skb: protocol=2048 location=ip_error reason: IP_INNOROUTES']);
    assert.equal(delta(before, ip_snapshot()), {
      IPSTATS_MIB_INPKTS: 1, IPSTATS_MIB_INOCTETS: f.length - 14, IPSTATS_MIB_NOECTPKTS: 1, IPSTATS_MIB_INNOROUTES: 1,
    });
  });
});

test('inet_addr_type: no local FIB table in a fresh namespace, so an ordinary address is RTN_BROADCAST', () => {
  // fib_frontend.c:212 __inet_dev_addr_type starts from RTN_BROADCAST and only a local table
  // (fib_get_table(net, RT_TABLE_LOCAL), made with the first local address) turns it into
  // RTN_UNICAST; with lo down and no addresses there is none.
  const n = dev_net(b0);
  assert.is(inet_addr_type(n, htonl(0xc6336401)), RTN_BROADCAST);
  assert.is(inet_addr_type(n, htonl(0xe0000001)), RTN_MULTICAST);
  assert.is(inet_addr_type(n, 0 as __be32), RTN_BROADCAST);
});

test('__ip_options_compile: a prespecified timestamp for a non-unicast address is filled in', () => {
  // ip_options.c:391-403: the address in the slot is not RTN_UNICAST (see above), so the parser
  // writes the timestamp after it and advances the pointer by 8; the timestamp is
  // inet_current_timestamp(), milliseconds since midnight (af_inet.c:1572), in network order.
  const ts = '4414 0503 c6336402 00000000 c6336403 00000000'.replace(/\s/g, ''); // len 20, ptr 5, flag 3: prespecified
  const skb = rx_skb(ipv4_frame(MAC_B0, 'c6336401', 'c6336402', ts));
  assert.is(ip_route_input_noref(skb, htonl(0xc6336402), htonl(0xc6336401), 0, b0), 0);
  const opt = IPCB_opt(skb);
  opt.optlen = 20;
  advance_ns(3_600_000_000_000 + 1_234_000_000);
  const ns = ktime_get_ns();
  assert.is(__ip_options_compile(dev_net(b0), opt, skb, { v: 0 }), 0);
  const o = ip_hdr(skb) + SIZEOF_IPHDR;
  assert.is(rd8(o + 2), 13, 'pointer advanced past the first address/timestamp pair');
  assert.is(ntohl(rd32(o + 8) as __be32), (Math.floor(ns / 1e9) % 86400) * 1000 + Math.floor((ns % 1e9) / 1e6));
  assert.is(rd32(o + 16), 0, 'second slot untouched');
  assert.is(opt.ts, SIZEOF_IPHDR);
  kfree_skb(skb, 'test');
});

test('ip_rcv: local delivery (limited broadcast, all-hosts group) is reported as not modelled', () => {
  assert.throws(() => ip_rcv(rx_skb(ipv4_frame(BCAST, 'c6336401', 'ffffffff')), b0, pts.ip, b0), /ip_local_deliver/);
  assert.throws(() => ip_rcv(rx_skb(ipv4_frame('01005e000001', 'c6336401', 'e0000001')), b0, pts.ip, b0), /ip_local_deliver/);
});

/* ---- ARP --------------------------------------------------------------------------------- */
const ARP_REQ = `0001080006040001 ${MAC_A0}c6336401 000000000000c6336402`;
const arp_frame = (dst: string, body: string, pad = true): Uint8Array =>
  hex(`${dst}${MAC_A0}0806${body}${pad ? '000000000000000000000000000000000000' : ''}`);

test('arp_rcv: request and reply are consumed in arp_process (no address, no neighbour)', () => {
  const ipb = ip_snapshot();
  let [r, tr] = run(arp_rcv, pts.arp, rx_skb(arp_frame(BCAST, ARP_REQ)));
  assert.is(r, NET_RX_SUCCESS);
  assert.equal(tr, ['consume_skb: location=arp_process']);
  [r, tr] = run(arp_rcv, pts.arp, rx_skb(arp_frame(MAC_B0, `0001080006040002 ${MAC_A0}c6336401 ${MAC_B0}c6336402`)));
  assert.is(r, NET_RX_SUCCESS);
  assert.equal(tr, ['consume_skb: location=arp_process']);
  // a duplicate-address probe (sender 0.0.0.0)
  [r, tr] = run(arp_rcv, pts.arp, rx_skb(arp_frame(BCAST, `0001080006040001 ${MAC_A0}00000000 000000000000c6336402`)));
  assert.is(r, NET_RX_SUCCESS);
  assert.equal(tr, ['consume_skb: location=arp_process']);
  assert.equal(delta(ipb, ip_snapshot()), {}, 'the route lookup of a request counts nothing');
});

test('arp_rcv: forwarding on, or arp_accept 1/2: still consumed, nothing learnt or proxied', () => {
  // arp.c:820-826: proxy ARP needs an RTN_UNICAST route to the target (here RTN_UNREACHABLE);
  // arp.c:856-876: with arp_accept an entry is created only for a garp or a reply from an
  // RTN_UNICAST sender, and without a local table every sender is RTN_BROADCAST;
  // arp.c:432 arp_accept mode 2 asks inet_confirm_addr, which finds no address on B0.
  const frames = [arp_frame(BCAST, ARP_REQ), arp_frame(MAC_B0, `0001080006040002 ${MAC_A0}c6336401 ${MAC_B0}c6336402`),
    arp_frame(BCAST, `0001080006040002 ${MAC_A0}c6336401 ${MAC_A0}c6336401`)]; // request, reply, gratuitous reply
  for (const [name, val] of [['FORWARDING', 1], ['ARP_ACCEPT', 1], ['ARP_ACCEPT', 2]] as const) {
    with_b0_conf(name, val, () => {
      for (const f of frames) {
        const [r, tr] = run(arp_rcv, pts.arp, rx_skb(f));
        assert.is(r, NET_RX_SUCCESS, `${name}=${val}`);
        assert.equal(tr, ['consume_skb: location=arp_process'], `${name}=${val}`);
      }
    });
  }
});

test('arp_rcv: OTHERHOST consumed in arp_rcv; short/malformed freed (6.12: NOT_SPECIFIED)', () => {
  let [r, tr] = run(arp_rcv, pts.arp, rx_skb(arp_frame('020000000099', ARP_REQ)));
  assert.is(r, NET_RX_SUCCESS);
  assert.equal(tr, ['consume_skb: location=arp_rcv']);
  // 20 bytes of payload (the live 6.18 kernel says PKT_TOO_SMALL here; 6.12.117 frees without a reason)
  for (const f of [hex(`${BCAST}${MAC_A0}0806 0001080006040001 ${MAC_A0}c6336401 0000`), hex(`${BCAST}${MAC_A0}0806`),
    arp_frame(BCAST, `0001080008040001 ${MAC_A0}c6336401 000000000000c6336402`)]) {
    [r, tr] = run(arp_rcv, pts.arp, rx_skb(f));
    assert.is(r, NET_RX_DROP);
    assert.equal(tr, ['kfree_skb: protocol=2054 location=arp_rcv reason: NOT_SPECIFIED']);
  }
  // well-formed header, bad contents: freed in arp_process
  for (const body of [`0001080006040003 ${MAC_A0}c6336401 000000000000c6336402`, // opcode 3
    `0001086006040001 ${MAC_A0}c6336401 000000000000c6336402`, // ar_pro 0x0860
    `0002080006040001 ${MAC_A0}c6336401 000000000000c6336402`, // ar_hrd 2
    `0001080006040001 ${MAC_A0}c6336401 000000000000e0000001`, // target multicast
    `0001080006040001 ${MAC_A0}c6336401 0000000000007f000001`]) { // target loopback
    [r, tr] = run(arp_rcv, pts.arp, rx_skb(arp_frame(BCAST, body)));
    assert.is(r, NET_RX_DROP, body);
    assert.equal(tr, ['kfree_skb: protocol=2054 location=arp_process reason: NOT_SPECIFIED'], body);
  }
});

/* ---- IPv6 -------------------------------------------------------------------------------- */
const V6_UDP = `${MAC_B0}${MAC_A0}86dd 60000000000a1140 00000000000000000000ffffc6336401 00000000000000000000ffffc6336402 9c400009000a98ef7636`;

test('ipv6_rcv: IPv6 disabled → ip6_rcv_core IPV6DISABLED, Ip6InDiscards; OTHERHOST first', () => {
  const n = dev_net(b0).addr;
  const before = ipv6_statistics(n);
  for (const f of [hex(V6_UDP), hex(`${MAC_B0}${MAC_A0}86dd 000102030405060708090a0b0c0d0e0f10111213`)]) {
    const [r, tr] = run(ipv6_rcv, pts.ipv6, rx_skb(f));
    assert.is(r, NET_RX_DROP);
    assert.equal(tr, ['kfree_skb: protocol=34525 location=ip6_rcv_core reason: IPV6DISABLED']);
  }
  const d = delta(before, ipv6_statistics(n));
  assert.equal(d, { IPSTATS_MIB_INPKTS: 2, IPSTATS_MIB_INOCTETS: 50 + 20, IPSTATS_MIB_INDISCARDS: 2 });
  const ob = devstat(b0, 'rx_otherhost_dropped');
  const [, tr] = run(ipv6_rcv, pts.ipv6, rx_skb(hex(V6_UDP.replace(MAC_B0, '333300000001').replace(/^333300000001/, '020000000099'))));
  assert.equal(tr, ['kfree_skb: protocol=34525 location=ip6_rcv_core reason: OTHERHOST']);
  assert.is(devstat(b0, 'rx_otherhost_dropped') - ob, 1);
});

test('ipv6_rcv with IPv6 enabled: header checks, then the unported ip6_rcv_finish', () => {
  set_ipv6_disabled(B, false);
  try {
    let [, tr] = run(ipv6_rcv, pts.ipv6, rx_skb(hex(`${MAC_B0}${MAC_A0}86dd 000102030405060708090a0b0c0d0e0f101112130000000000000000000000000000000000000000`)));
    assert.equal(tr, ['kfree_skb: protocol=34525 location=ip6_rcv_core reason: UNHANDLED_PROTO'], 'version 0');
    [, tr] = run(ipv6_rcv, pts.ipv6, rx_skb(hex(V6_UDP.replace('00000000000000000000ffffc6336402', '00000000000000000000000000000001'))));
    assert.equal(tr, ['kfree_skb: protocol=34525 location=ip6_rcv_core reason: IP_INHDR'], 'loopback destination');
    [, tr] = run(ipv6_rcv, pts.ipv6, rx_skb(hex(V6_UDP.replace('60000000000a1140', '6000000000401140'))));
    assert.equal(tr, ['kfree_skb: protocol=34525 location=ip6_rcv_core reason: PKT_TOO_SMALL'], 'payload_len past the frame');
    assert.throws(() => ipv6_rcv(rx_skb(hex(V6_UDP)), b0, pts.ipv6, b0), /ip6_rcv_finish/);
  } finally {
    set_ipv6_disabled(B, true);
  }
});

/* ---- LLC / STP / SNAP ---------------------------------------------------------------------- */
const llc = (dst: string, len: string, body: string, total = 60): Uint8Array => hex(`${dst}${MAC_A0}${len}${body}`.padEnd(2 * total, '0'));

test('llc_rcv: unknown SAP, null DSAP, short and OTHERHOST frames are freed in llc_rcv', () => {
  for (const [name, f] of [['unknown SAP e0', llc(MAC_B0, '002e', 'e0e003')], ['null DSAP UI', llc(MAC_B0, '0000', '000003')],
    ['length past the frame', llc(MAC_B0, '05ff', 'e0e003')], ['otherhost', llc('020000000099', '002e', '424203')],
    ['1-byte payload', hex(`${MAC_B0}${MAC_A0}0001ff`)], ['empty payload', hex(`${MAC_B0}${MAC_A0}0000`)]] as const) {
    const skb = rx_skb(f);
    assert.is(ntohs(skb.protocol), ETH_P_802_2, name);
    const [r, tr] = run(llc_rcv, pts.llc, skb);
    assert.is(r, 0, name);
    assert.equal(tr, ['kfree_skb: protocol=4 location=llc_rcv reason: NOT_SPECIFIED'], name);
  }
});

test('llc_rcv: SAP 0x42 → stp_pdu_rcv (bridge has no port here); SAP 0xAA → snap_rcv (no client)', () => {
  for (const [name, f, where] of [
    ['BPDU to 01:80:c2:00:00:00', llc('0180c2000000', '0026', '424203000000'), 'stp_pdu_rcv'],
    ['STP SAP, bad BPDU id', llc(MAC_B0, '002e', '424203000102'), 'stp_pdu_rcv'],
    ['STP SAP, not a U frame', llc(MAC_B0, '002e', '424200000000'), 'stp_pdu_rcv'],
    ['GARP address, no application', llc('0180c2000021', '0026', '424203000000'), 'stp_pdu_rcv'],
    ['SNAP IPv4', llc(MAC_B0, '0035', 'aaaa030000000800', 67), 'snap_rcv'],
    ['SNAP OUI 001122', llc(MAC_B0, '0030', 'aaaa0300112288b5', 62), 'snap_rcv']] as const) {
    const [r, tr] = run(llc_rcv, pts.llc, rx_skb(f));
    assert.is(r, 0, name);
    assert.equal(tr, [`kfree_skb: protocol=4 location=${where} reason: NOT_SPECIFIED`], name);
  }
});

/* ---- flow dissector against the live captures --------------------------------------------- */
interface sx { label: string; frame: Uint8Array; net: number; valid: number; th: number }
function golden_xmit(): sx[] {
  const dir = path.join(__dirname, 'golden/live-6.18');
  const corpus = fs.readFileSync(path.join(__dirname, 'corpus/frames.txt'), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#')).map((l) => hex(l.split('#')[0]!));
  const out = new Map<string, sx>();
  for (const file of ['normal.jsonl', 'mtu.jsonl']) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line) as { idx: number; label: string; trace?: string[] };
      const x = (rec.trace ?? []).find((t) => t.startsWith('net_dev_start_xmit'));
      if (!x) continue;
      const m = /network_offset=(\d+) transport_offset_valid=(\d) transport_offset=(\d+)/.exec(x)!;
      out.set(rec.label, { label: rec.label, frame: corpus[rec.idx]!, net: +m[1]!, valid: +m[2]!, th: +m[3]! });
    }
  }
  return [...out.values()];
}
/** packet_snd's skb for a raw frame on A0 (protocol 0), up to packet_parse_headers. */
function tx_skb(frame: Uint8Array): sk_buff {
  const hlen = LL_RESERVED_SPACE(a0);
  const skb = alloc_skb(hlen + frame.length, GFP_KERNEL)!; // packet_alloc_skb: linear
  skb_reserve(skb, hlen);
  skb_put(skb, frame.length);
  skb_reset_network_header(skb);
  skb_reserve(skb, -a0.hard_header_len);
  copy_to(skb.data, frame);
  skb.protocol = htons(0);
  skb.dev = a0;
  skb_reset_mac_header(skb);
  skb.protocol = eth_header_parse_protocol(skb); // dev_parse_header_protocol
  return skb;
}
function tx_result(skb: sk_buff): [number, number, number] {
  const valid = skb_transport_header_was_set(skb) ? 1 : 0;
  const r: [number, number, number] = [skb_network_offset(skb), valid, valid ? skb_transport_offset(skb) : 0];
  kfree_skb(skb, 'test');
  return r;
}
/** kveth's packet_parse_headers (6.12.117's order: dissect first, then move the network header past the tags) */
function parse_headers_612(frame: Uint8Array): [number, number, number] {
  const skb = tx_skb(frame);
  skb.protocol = htons(0); // packet_snd sets proto 0 for a socket bound with protocol 0
  packet_parse_headers(skb, SOCK_RAW);
  return tx_result(skb);
}
/** The order the live 6.18 kernel's capture implies: network header first, then dissect from it. */
function parse_headers_net_first(frame: Uint8Array): [number, number, number] {
  const skb = tx_skb(frame);
  const p = skb.protocol;
  if (p === htons(0x8100) || p === htons(0x88a8)) {
    const [proto, depth] = vlan_get_protocol_and_depth(skb, p);
    if (proto) { skb_reset_network_header(skb); skb.network_header = skb.network_header + depth; }
  }
  skb_probe_transport_header(skb);
  return tx_result(skb);
}
/*
 * Where 6.12.117 differs from the capture: its packet_parse_headers dissects before moving the
 * network header past the VLAN tags, so the dissector walks the tags itself and finds the real
 * inner header. The capture's kernel dissected from the moved network header, reading the inner
 * header as if it were another tag.
 */
const DIFF_612: Record<string, [number, number, number]> = {
  vlan100_ipv4: [18, 1, 38], vlan0_prio_ipv4: [18, 1, 38], qtag_88a8_200_ipv4: [18, 1, 38], qtag_88a8_0_ipv4: [18, 1, 38],
  qinq_10_20_ipv4: [22, 1, 42], qinq_0_0_ipv4: [22, 1, 42], vlan0_prio_arp_bcast: [18, 1, 18], vlan5_bcast_arp: [18, 1, 18],
};

test('flow dissector: every corpus frame matches the capture in the capture\'s header order', () => {
  const g = golden_xmit();
  assert.ok(g.length >= 80, `${g.length} frames with a net_dev_start_xmit line`);
  for (const x of g) assert.equal(parse_headers_net_first(x.frame), [x.net, x.valid, x.th], x.label);
});

test('flow dissector: packet_parse_headers in 6.12.117 order matches except the known VLAN frames', () => {
  const g = golden_xmit();
  let ipv4 = 0, arp = 0, ipv6 = 0;
  for (const x of g) {
    const want = DIFF_612[x.label] ?? [x.net, x.valid, x.th];
    assert.equal(parse_headers_612(x.frame), want, x.label);
    if (x.valid && x.th === 34) ipv4++;
    if (x.valid && x.th === 14) arp++;
    if (x.valid && x.th === 54) ipv6++;
  }
  assert.ok(ipv4 >= 8 && arp >= 3 && ipv6 >= 2, `${ipv4} ${arp} ${ipv6}`);
  for (const l of Object.keys(DIFF_612)) assert.ok(g.some((x) => x.label === l), l);
  // the same frames, with the same transport offsets, as the rewrites replay_golden applies to the goldens
  const rewrites = Object.values(KNOWN.normal!).filter(([, d]) => d.event === 'net_dev_start_xmit');
  assert.equal(rewrites.map(([l]) => l).sort(), Object.keys(DIFF_612).sort());
  for (const [l, d] of rewrites) {
    const m = /transport_offset_valid=(\d) transport_offset=(\d+)/.exec(d.to)!;
    assert.equal([+m[1]!, +m[2]!], DIFF_612[l]!.slice(1), l);
  }
});

test('vlan_get_protocol_and_depth: depth of complete tag stacks, 0 for truncated ones', () => {
  const t = (f: string): [number, number] => {
    const skb = tx_skb(hex(f));
    const [p, d] = vlan_get_protocol_and_depth(skb, skb.protocol);
    kfree_skb(skb, 'test');
    return [ntohs(p), d];
  };
  assert.equal(t(`${MAC_B0}${MAC_A0}8100 0064 0800 4500`), [0x0800, 18]);
  assert.equal(t(`${MAC_B0}${MAC_A0}88a8 000a 8100 0014 0800 4500`), [0x0800, 22]);
  assert.equal(t(`${MAC_B0}${MAC_A0}8100 0064 88b5`), [0x88b5, 18]);
  assert.equal(t(`${MAC_B0}${MAC_A0}8100 0064 08`), [0, 0]);
  assert.equal(t(`${MAC_B0}${MAC_A0}88a8 000a 8100 0014`), [0, 0]);
  assert.equal(t(`${MAC_B0}${MAC_A0}0800 4500`), [0x0800, 0], 'no tag: the type and mac_len (0 on transmit)');
});

test.run();
