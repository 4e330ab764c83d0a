// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/ipv4/route.c (input side), with the FIB queries it makes (net/ipv4/fib_frontend.c,
 * include/net/ip_fib.h) and the dst helpers (include/net/dst.h, include/net/route.h).
 *
 * The namespace kveth reproduces has no IPv4 address and no route: no FIB table exists yet (see
 * fib_frontend.ts), there are no custom policy rules, no nexthop objects, no tclassid users, no
 * lwtunnels, no VRF (l3mdev) and no xfrm policies. So every fib_lookup() fails, and an input
 * route is always one of: an error returned to the caller (martians, -EINVAL), an uncached
 * RTN_UNREACHABLE route whose input is ip_error, or a local RTN_BROADCAST/RTN_MULTICAST route
 * (limited broadcast, or the all-hosts group) whose input is ip_local_deliver.
 *
 * struct rtable is not in the layout profile, so a route is a JS object around its dst_entry
 * (include/net/dst.ts holds the dst reference counting and the skb->_skb_refdst handles).
 */
import {
  fib_lookup, fib_get_table, fib4_has_custom_rules, netns_fib, RT_TABLE_LOCAL,
} from './fib_frontend';
import type { kaddr_t } from '../../sim/mem';
import { sk_buff } from '../../include/linux/skbuff';
import {
  dst_entry, skb_dst, skb_dst_set, skb_dst_drop, dst_handle_alloc, dst_register,
} from '../../include/net/dst';
import { net_device, dev_net } from '../../include/linux/netdevice';
import type { net } from '../../include/net/net_namespace';
import { kfree_skb_reason } from '../core/skbuff';
import { skb_drop_reason } from '../../include/net/dropreason-core';
import { __be32, htonl, htons } from '../../include/uapi/linux/types';
import { ETH_P_IP } from '../../include/uapi/linux/if_ether';
import { EACCES, EINVAL, ENOBUFS, ENETUNREACH, EHOSTUNREACH } from '../../include/uapi/linux/errno';
import {
  in_device, __in_dev_get_rcu, IN_DEV_FORWARD, IN_DEV_NET_ROUTE_LOCALNET, IN_DEV_ORCONF,
  IN_DEV_LOG_MARTIANS, IN_DEV_RPFILTER, IN_DEV_TX_REDIRECTS, IN_DEV_ACCEPT_LOCAL, IN_DEV_ROUTE_LOCALNET,
  IN_DEV_MFORWARD, inet_lookup_ifaddr_rcu, inet_select_addr, ip_check_mc_rcu,
} from './devinet';
import { IPPROTO_IGMP } from '../../include/uapi/linux/in';
import { __IP_INC_STATS, IPSTATS_MIB_INADDRERRORS, IPSTATS_MIB_INNOROUTES } from '../../include/net/snmp';
import { ip_hdr_protocol, ip_hdr_saddr, ip_hdr_daddr, IPCB_flags_or, IPSKB_NOPOLICY } from '../../include/net/ip';
import { ip_local_deliver } from './ip_input';
import { icmp_send, ICMP_DEST_UNREACH, ICMP_NET_UNREACH, ICMP_HOST_UNREACH, ICMP_PKT_FILTERED } from './icmp';

/* include/uapi/linux/rtnetlink.h: route types */
export const RTN_UNSPEC = 0;
export const RTN_UNICAST = 1;
export const RTN_LOCAL = 2;
export const RTN_BROADCAST = 3;
export const RTN_MULTICAST = 5;
export const RTN_UNREACHABLE = 7;
/* include/uapi/linux/in_route.h: rtable flags */
export const RTCF_BROADCAST = 0x10000000;
export const RTCF_MULTICAST = 0x20000000;
export const RTCF_LOCAL = 0x80000000;
/* include/uapi/linux/rtnetlink.h: scopes */
export const RT_SCOPE_UNIVERSE = 0;
export const RT_SCOPE_LINK = 253;
/* include/net/inet_dscp.h */
const INET_DSCP_MASK = 0xfc;

/** include/net/route.h:56 struct rtable */
export interface rtable {
  dst: dst_entry;
  rt_flags: number;
  rt_type: number;
  rt_is_input: number;
  rt_iif: number;
}
/** container_of(dst, struct rtable, dst) for the routes made here @sim */
const rtable_of = new WeakMap<dst_entry, rtable>();

/** include/net/route.h:85 skb_rtable */
export function skb_rtable(skb: sk_buff): rtable | null {
  const dst = skb_dst(skb);
  return dst ? rtable_of.get(dst)! : null;
}
/** include/net/dst_metadata.h:92 skb_valid_dst: a real route (kveth never attaches metadata dsts) */
export function skb_valid_dst(skb: sk_buff): boolean { return skb_dst(skb) !== null; }

/* --- rt_cache_stat (per CPU in the kernel; one table here) ----------------------------- */
const rt_cache_stats = { in_slow_tot: 0, in_slow_mc: 0, in_no_route: 0, in_brd: 0, in_martian_dst: 0, in_martian_src: 0 };
type rt_stat = keyof typeof rt_cache_stats;
/** net/ipv4/route.c:195 RT_CACHE_STAT_INC */
function RT_CACHE_STAT_INC(f: rt_stat): void { rt_cache_stats[f]++; }
/** /proc/net/stat/rt_cache (the input columns) @sim */
export function rt_cache_stat(): Readonly<typeof rt_cache_stats> { return { ...rt_cache_stats }; }

/* --- include/linux/in.h address classes (all on __be32 values as loaded from the wire) ---- */
const be = (x: number): number => htonl(x) as number;
/** include/linux/in.h:38 ipv4_is_loopback */
export function ipv4_is_loopback(a: __be32): boolean { return ((a & be(0xff000000)) >>> 0) === be(0x7f000000); }
/** include/linux/in.h:43 ipv4_is_multicast */
export function ipv4_is_multicast(a: __be32): boolean { return ((a & be(0xf0000000)) >>> 0) === be(0xe0000000); }
/** include/linux/in.h:48 ipv4_is_local_multicast */
export function ipv4_is_local_multicast(a: __be32): boolean { return ((a & be(0xffffff00)) >>> 0) === be(0xe0000000); }
/** include/linux/in.h:53 ipv4_is_lbcast */
export function ipv4_is_lbcast(a: __be32): boolean { return (a >>> 0) === be(0xffffffff); }
/** include/linux/in.h:64 ipv4_is_zeronet */
export function ipv4_is_zeronet(a: __be32): boolean { return a === 0; }

/* --- FIB queries against the empty table ----------------------------------------------- */
/** struct fib_result (res->fi is always NULL: no fib_info exists) */
export interface fib_result { type: number; fi: null; table: null }

/**
 * net/ipv4/fib_frontend.c:206 __inet_dev_addr_type. Zero and limited-broadcast addresses are
 * broadcast and class D is multicast without a lookup; anything else is looked up in table
 * `tb_id`. No namespace has a local table (see fib_frontend.ts), so the answer stays the initial
 * RTN_BROADCAST.
 */
function __inet_dev_addr_type(n: net, _dev: net_device | null, addr: __be32, tb_id: number): number {
  const ret = RTN_BROADCAST;
  if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr)) return RTN_BROADCAST;
  if (ipv4_is_multicast(addr)) return RTN_MULTICAST;
  if (fib_get_table(n, tb_id)) throw new Error('kveth: fib_table_lookup is not modelled (no routes exist)');
  return ret;
}
/** net/ipv4/fib_frontend.c:243 inet_addr_type */
export function inet_addr_type(n: net, addr: __be32): number { return __inet_dev_addr_type(n, null, addr, RT_TABLE_LOCAL); }
/** net/ipv4/fib_frontend.c:261 inet_addr_type_dev_table (no l3mdev: RT_TABLE_LOCAL) */
export function inet_addr_type_dev_table(n: net, _dev: net_device, addr: __be32): number {
  return __inet_dev_addr_type(n, null, addr, RT_TABLE_LOCAL);
}

/**
 * net/ipv4/fib_frontend.c:271 fib_compute_spec_dst: the source address to put in options that
 * record our address. Unless the route is a plain local one, it looks for a route back to the
 * sender (none exists) and then for an address on the device (none exists): 0.
 */
export function fib_compute_spec_dst(skb: sk_buff): __be32 {
  const dev = skb.dev!;
  const rt = skb_rtable(skb)!;
  if (((rt.rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST | RTCF_LOCAL)) >>> 0) === RTCF_LOCAL) return ip_hdr_daddr(skb);
  // in_dev = __in_dev_get_rcu(dev): its IN_DEV_SRC_VMARK only picks the mark for the lookup
  const n = dev_net(dev);
  let scope = RT_SCOPE_UNIVERSE;
  if (!ipv4_is_zeronet(ip_hdr_saddr(skb))) {
    const res: fib_result = { type: RTN_UNSPEC, fi: null, table: null };
    if (!fib_lookup(n, ip_hdr_saddr(skb), res)) {
      throw new Error('kveth: fib_result_prefsrc (a route back to the sender exists) is not modelled');
    }
  } else {
    scope = RT_SCOPE_LINK;
  }
  return inet_select_addr(dev, ip_hdr_saddr(skb), scope);
}

/**
 * net/ipv4/fib_frontend.c:421 fib_validate_source: reverse-path check of a source address.
 * With rp_filter off, no tclassid users and no custom local routes or rules, only the quick
 * test runs: a source that is one of our own addresses is a martian (there are none).
 * Left out: the full check (__fib_validate_source), reached only with rp_filter set,
 * custom local routes/rules or tclassid users, none of which kveth's namespaces have.
 */
export function fib_validate_source(_skb: sk_buff, src: __be32, _dst: __be32, _tos: number, oif: number,
  dev: net_device, idev: in_device, itag: { v: number }): number {
  const r = IN_DEV_RPFILTER(idev); // secpath_exists(skb) is false: no xfrm
  const n = dev_net(dev);
  if (!r && !netns_fib(n).fib_num_tclassid_users && (dev.ifindex !== oif || !IN_DEV_TX_REDIRECTS(idev))) {
    if (IN_DEV_ACCEPT_LOCAL(idev)) { itag.v = 0; return 0; }
    if (netns_fib(n).fib_has_custom_local_routes || fib4_has_custom_rules(n)) {
      throw new Error('kveth: __fib_validate_source (custom local routes or rules) is not modelled');
    }
    if (inet_lookup_ifaddr_rcu(n, src)) return -EINVAL;
    itag.v = 0;
    return 0;
  }
  throw new Error('kveth: __fib_validate_source (rp_filter or tclassid) is not modelled');
}

/* --- route.c ------------------------------------------------------------------------- */
/** net/ipv4/route.c:1294 ip_rt_bug: the output of an input route; never called on receive. */
const ip_rt_bug = 'ip_rt_bug';

/**
 * net/ipv4/route.c:1670 rt_dst_alloc. dst_alloc() takes one reference; the route is not cached
 * (res->fi is NULL everywhere here, so do_cache is false), so that reference belongs to the skb.
 */
export function rt_dst_alloc(dev: kaddr_t, n: net, flags: number, type: number, _noxfrm: boolean): rtable | null {
  const dst: dst_entry = {
    dev, net: n, input: dst_discard, output: 'ip_output', error: 0, tclassid: 0, __rcuref: 1, handle: dst_handle_alloc(),
  };
  dst_register(dst); // dst_alloc
  const rt: rtable = { dst, rt_flags: flags >>> 0, rt_type: type, rt_is_input: 0, rt_iif: 0 };
  rtable_of.set(dst, rt);
  if (flags & RTCF_LOCAL) rt.dst.input = ip_local_deliver;
  return rt;
}
/** include/net/dst.h:393 dst_discard: dst_alloc's default input (replaced before any use here) */
function dst_discard(skb: sk_buff): number {
  // dst_discard_out: kfree_skb(skb), return 0
  kfree_skb_reason(skb, skb_drop_reason.SKB_DROP_REASON_NOT_SPECIFIED, 'dst_discard_out');
  return 0;
}

/** net/ipv4/route.c:2242 ip_rt_get_dev: no fib_info (res->fi is NULL), so the loopback device */
function ip_rt_get_dev(n: net, _res: fib_result): kaddr_t {
  return n.loopback_dev;
}

/** net/ipv4/route.c:1805 ip_handle_martian_source: a stat, and a log line when log_martians is set */
function ip_handle_martian_source(_dev: net_device, in_dev: in_device, _skb: sk_buff, _daddr: __be32, _saddr: __be32): void {
  RT_CACHE_STAT_INC('in_martian_src');
  if (IN_DEV_LOG_MARTIANS(in_dev)) {
    // CONFIG_IP_ROUTE_VERBOSE: net_warn_ratelimited("martian source ...") and a hex dump; not printed by kveth
  }
}

/** net/ipv4/route.c:1732 ip_mc_validate_source */
export function ip_mc_validate_source(skb: sk_buff, daddr: __be32, saddr: __be32, tos: number, dev: net_device,
  in_dev: in_device | null, itag: { v: number }): number {
  if (!in_dev) return -EINVAL;
  if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr) || skb.protocol !== htons(ETH_P_IP)) return -EINVAL;
  if (ipv4_is_loopback(saddr) && !IN_DEV_ROUTE_LOCALNET(in_dev)) return -EINVAL;
  if (ipv4_is_zeronet(saddr)) {
    if (!ipv4_is_local_multicast(daddr) && ip_hdr_protocol(skb) !== IPPROTO_IGMP) return -EINVAL;
  } else {
    const err = fib_validate_source(skb, saddr, 0 as __be32, tos, 0, dev, in_dev, itag);
    if (err < 0) return err;
  }
  return 0;
}

/** net/ipv4/route.c:1763 ip_route_input_mc */
function ip_route_input_mc(skb: sk_buff, daddr: __be32, saddr: __be32, tos: number, dev: net_device, our: number): number {
  const in_dev = __in_dev_get_rcu(dev)!;
  let flags = RTCF_MULTICAST;
  const itag = { v: 0 };
  const err = ip_mc_validate_source(skb, daddr, saddr, tos, dev, in_dev, itag);
  if (err) return err;
  if (our) flags |= RTCF_LOCAL;
  if (IN_DEV_ORCONF(in_dev, 'NOPOLICY')) IPCB_flags_or(skb, IPSKB_NOPOLICY);
  const n = dev_net(dev);
  const rth = rt_dst_alloc(n.loopback_dev, n, flags, RTN_MULTICAST, false);
  if (!rth) return -ENOBUFS;
  rth.dst.tclassid = itag.v; // CONFIG_IP_ROUTE_CLASSID
  rth.dst.output = ip_rt_bug;
  rth.rt_is_input = 1;
  // CONFIG_IP_MROUTE: mc_forwarding is set only by a multicast routing daemon (none in kveth)
  if (!ipv4_is_local_multicast(daddr) && IN_DEV_MFORWARD(in_dev)) rth.dst.input = ip_mr_input;
  RT_CACHE_STAT_INC('in_slow_mc');
  skb_dst_drop(skb);
  skb_dst_set(skb, rth.dst);
  return 0;
}

/**
 * net/ipv4/route.c:2267 ip_route_input_slow. Branch order as in the kernel. With an empty FIB,
 * fib_lookup() always fails, so the RTN_BROADCAST/RTN_LOCAL/forwarding branches after it and
 * ip_mkroute_input() are unreachable; they are marked where they would be.
 */
function ip_route_input_slow(skb: sk_buff, daddr: __be32, saddr: __be32, tos: number, dev: net_device,
  res: fib_result): number {
  const in_dev = __in_dev_get_rcu(dev);
  const n = dev_net(dev);
  let err = -EINVAL;
  let flags = 0;
  const itag = { v: 0 };
  let do_cache = true;

  type label = 'out' | 'brd_input' | 'local_input' | 'no_route' | 'martian_destination' | 'martian_source' | 'e_inval'
    | 'e_nobufs';
  let go: label;
  body: {
    if (!in_dev) { go = 'out'; break body; }
    // skb_tunnel_info: no metadata dst, so the tunnel id is 0
    skb_dst_drop(skb);
    if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr)) { go = 'martian_source'; break body; }
    res.fi = null;
    res.table = null;
    if (ipv4_is_lbcast(daddr) || (saddr === 0 && daddr === 0)) { go = 'brd_input'; break body; }
    if (ipv4_is_zeronet(saddr)) { go = 'martian_source'; break body; }
    if (ipv4_is_zeronet(daddr)) { go = 'martian_destination'; break body; }
    if (ipv4_is_loopback(daddr)) {
      if (!IN_DEV_NET_ROUTE_LOCALNET(in_dev, n)) { go = 'martian_destination'; break body; }
    } else if (ipv4_is_loopback(saddr)) {
      if (!IN_DEV_NET_ROUTE_LOCALNET(in_dev, n)) { go = 'martian_source'; break body; }
    }
    // The flowi4 key (iif, mark, tos, addresses, uid); fib4_rules_early_flow_dissect is off
    // (no rule matches on ports or protocol).
    err = fib_lookup(n, daddr, res);
    if (err !== 0) {
      if (!IN_DEV_FORWARD(in_dev)) err = -EHOSTUNREACH;
      go = 'no_route';
      break body;
    }
    // Left out: a successful lookup (RTN_BROADCAST → brd_input or make_route, RTN_LOCAL →
    // fib_validate_source + local_input, forwarding → ip_mkroute_input). The FIB is empty.
    throw new Error('kveth: ip_route_input_slow after a successful fib_lookup is not modelled');
  }

  for (;;) {
    switch (go) {
      case 'out':
        return err;
      case 'brd_input':
        if (skb.protocol !== htons(ETH_P_IP)) { go = 'e_inval'; continue; }
        if (!ipv4_is_zeronet(saddr)) {
          err = fib_validate_source(skb, saddr, 0 as __be32, tos, 0, dev, in_dev!, itag);
          if (err < 0) { go = 'martian_source'; continue; }
        }
        flags |= RTCF_BROADCAST;
        res.type = RTN_BROADCAST;
        RT_CACHE_STAT_INC('in_brd');
        go = 'local_input';
        continue;
      case 'local_input': {
        if (IN_DEV_ORCONF(in_dev!, 'NOPOLICY')) IPCB_flags_or(skb, IPSKB_NOPOLICY);
        do_cache = do_cache && res.fi !== null && !itag.v;
        // do_cache is false (res->fi is NULL): no nhc_rth_input cache to consult or fill
        const rth = rt_dst_alloc(ip_rt_get_dev(n, res), n, flags | RTCF_LOCAL, res.type, false);
        if (!rth) { go = 'e_nobufs'; continue; }
        rth.dst.output = ip_rt_bug;
        rth.dst.tclassid = itag.v;
        rth.rt_is_input = 1;
        RT_CACHE_STAT_INC('in_slow_tot');
        if (res.type === RTN_UNREACHABLE) {
          rth.dst.input = ip_error;
          rth.dst.error = -err;
          rth.rt_flags = (rth.rt_flags & ~RTCF_LOCAL) >>> 0;
        }
        skb_dst_set(skb, rth.dst);
        err = 0;
        go = 'out';
        continue;
      }
      case 'no_route':
        RT_CACHE_STAT_INC('in_no_route');
        res.type = RTN_UNREACHABLE;
        res.fi = null;
        res.table = null;
        go = 'local_input';
        continue;
      case 'martian_destination':
        RT_CACHE_STAT_INC('in_martian_dst');
        if (IN_DEV_LOG_MARTIANS(in_dev!)) {
          // CONFIG_IP_ROUTE_VERBOSE: "martian destination" warning; not printed by kveth
        }
        go = 'e_inval';
        continue;
      case 'e_inval':
        err = -EINVAL;
        go = 'out';
        continue;
      case 'e_nobufs':
        err = -ENOBUFS;
        go = 'out';
        continue;
      case 'martian_source':
        ip_handle_martian_source(dev, in_dev!, skb, daddr, saddr);
        go = 'out';
        continue;
    }
  }
}

/** net/ipv4/route.c:2481 ip_route_input_rcu */
function ip_route_input_rcu(skb: sk_buff, daddr: __be32, saddr: __be32, tos: number, dev: net_device,
  res: fib_result): number {
  if (ipv4_is_multicast(daddr)) {
    const in_dev = __in_dev_get_rcu(dev);
    let our = 0;
    let err = -EINVAL;
    if (!in_dev) return err;
    our = ip_check_mc_rcu(in_dev, daddr, saddr, ip_hdr_protocol(skb));
    // netif_is_l3_slave: no VRF
    if (our || (!ipv4_is_local_multicast(daddr) && IN_DEV_MFORWARD(in_dev))) {
      err = ip_route_input_mc(skb, daddr, saddr, tos, dev, our);
    }
    return err;
  }
  return ip_route_input_slow(skb, daddr, saddr, tos, dev, res);
}

/** net/ipv4/route.c:2531 ip_route_input_noref */
export function ip_route_input_noref(skb: sk_buff, daddr: __be32, saddr: __be32, tos: number, dev: net_device): number {
  const res: fib_result = { type: RTN_UNSPEC, fi: null, table: null };
  tos &= INET_DSCP_MASK;
  return ip_route_input_rcu(skb, daddr, saddr, tos, dev, res);
}

/**
 * net/ipv4/route.c:963 ip_error: the input of an unreachable route. With forwarding off it only
 * counts and frees. With forwarding on it also answers with an ICMP destination unreachable,
 * unless the sender's inet_peer token bucket is empty; icmp_send() sends nothing in kveth's
 * namespaces (no route back, see icmp.ts), so the bucket (inet_getpeer_v4) is not kept and
 * icmp_send() is always called.
 */
export function ip_error(skb: sk_buff): number {
  const rt = skb_rtable(skb)!;
  const dev = skb.dev!;
  let reason = skb_drop_reason.SKB_DROP_REASON_NOT_SPECIFIED;
  out: {
    // netif_is_l3_master: no VRF devices
    const in_dev = __in_dev_get_rcu(dev);
    if (!in_dev) break out;
    const n = rt.dst.net; // dev_net(rt->dst.dev)
    if (!IN_DEV_FORWARD(in_dev)) {
      switch (rt.dst.error) {
        case EHOSTUNREACH:
          reason = skb_drop_reason.SKB_DROP_REASON_IP_INADDRERRORS;
          __IP_INC_STATS(n.addr, IPSTATS_MIB_INADDRERRORS);
          break;
        case ENETUNREACH:
          reason = skb_drop_reason.SKB_DROP_REASON_IP_INNOROUTES;
          __IP_INC_STATS(n.addr, IPSTATS_MIB_INNOROUTES);
          break;
      }
      break out;
    }
    let code: number;
    switch (rt.dst.error) {
      case EINVAL:
      default:
        break out;
      case EHOSTUNREACH:
        code = ICMP_HOST_UNREACH;
        break;
      case ENETUNREACH:
        code = ICMP_NET_UNREACH;
        reason = skb_drop_reason.SKB_DROP_REASON_IP_INNOROUTES;
        __IP_INC_STATS(n.addr, IPSTATS_MIB_INNOROUTES);
        break;
      case EACCES:
        code = ICMP_PKT_FILTERED;
        break;
    }
    icmp_send(skb, ICMP_DEST_UNREACH, code, 0);
  }
  kfree_skb_reason(skb, reason, 'ip_error');
  return 0;
}

/**
 * net/ipv4/ipmr.c:2116 ip_mr_input: the input of a multicast route on a device that forwards
 * multicast. mc_forwarding is set only by a multicast routing daemon, which kveth does not have.
 */
function ip_mr_input(_skb: sk_buff): number {
  throw new Error('kveth: ip_mr_input (multicast forwarding) is not modelled');
}
