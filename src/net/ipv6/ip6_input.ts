// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/ipv6/ip6_input.c: the IPv6 receive entry point (ipv6_rcv) and header validation
 * (ip6_rcv_core).
 *
 * The per-device state (inet6_dev, its cnf.disable_ipv6 and drop_unicast_in_l2_multicast) is
 * addrconf's (net/ipv6/addrconf.ts). The live setup disables IPv6 in the receiving namespace
 * (net.ipv6.conf.{all,default}.disable_ipv6=1, set before the veth exists), so B0's inet6_dev has
 * cnf.disable_ipv6 set and every IPv6 frame for the host is dropped in ip6_rcv_core with
 * IPV6DISABLED.
 *
 * Left out (unreachable while IPv6 is disabled, and throwing if IPv6 is enabled and the packet
 * gets that far): hop-by-hop option parsing (ipv6_parse_hopopts) and everything after
 * NF_INET_PRE_ROUTING (ip6_rcv_finish: routing, addrconf's link-local address, local delivery).
 * The list receive path (ipv6_list_rcv) is not used by kveth.
 */
import { kaddr_t, rd8, rd16be, rd32, wr16, wr32, memset } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import {
  sk_buff, skb_shinfo, pskb_may_pull, skb_is_gso, pskb_trim_rcsum, skb_orphan, skb_sk_is_prefetched, skb_network_header,
} from '../../include/linux/skbuff';
import {
  net_device, dev_net, NET_RX_DROP, dev_core_stats_rx_otherhost_dropped_inc, IFF_LOOPBACK,
} from '../../include/linux/netdevice';
import type { net } from '../../include/net/net_namespace';
import type { packet_type } from '../core/dev';
import { kfree_skb_reason, skb_share_check } from '../core/skbuff';
import { skb_drop_reason } from '../../include/net/dropreason-core';
import { GFP_ATOMIC } from '../../mm/slub';
import { PACKET_BROADCAST, PACKET_LOOPBACK, PACKET_MULTICAST, PACKET_OTHERHOST } from '../../include/uapi/linux/if_packet';
import { NF_HOOK, NFPROTO_IPV6, NF_INET_PRE_ROUTING } from '../../include/linux/netfilter';
import {
  __IP6_ADD_STATS, __IP6_INC_STATS, __IP6_UPD_PO_STATS, IPSTATS_MIB_IN, IPSTATS_MIB_INDISCARDS, IPSTATS_MIB_NOECTPKTS,
  IPSTATS_MIB_INTRUNCATEDPKTS, IPSTATS_MIB_INHDRERRORS,
} from '../../include/net/snmp';
import { INET_ECN_MASK } from '../../include/net/ip';
import { htonl } from '../../include/uapi/linux/types';
import { __in6_dev_get } from './addrconf';

const R = skb_drop_reason;
/** include/net/ipv6.h: NEXTHDR_HOP, the hop-by-hop options header */
const NEXTHDR_HOP = 0;

const H6 = struct_('ipv6hdr');
const O6 = {
  version: H6.bits('version'), payload_len: H6.off('payload_len'), nexthdr: H6.off('nexthdr'),
  saddr: H6.off('saddr'), daddr: H6.off('daddr'),
};
const SIZEOF_IPV6HDR = H6.size;

/*
 * struct inet6_skb_parm in skb->cb (IP6CB), not in the layout profile; from the declaration in
 * include/linux/ipv6.h:155 (int iif, then u16 ra, dst0, srcrt, dst1, lastopt, nhoff, flags,
 * dsthao (CONFIG_IPV6_MIP6), frag_max_size, srhoff): 24 bytes.
 */
const SIZEOF_INET6_SKB_PARM = 24;
const IP6CB_off = { iif: 0, nhoff: 14 };

/** include/net/ipv6.h:750 ipv6_addr_loopback (the 32-bit-word variant) */
function ipv6_addr_loopback(a: kaddr_t): boolean {
  return (rd32(a) | rd32(a + 4) | rd32(a + 8) | (rd32(a + 12) ^ htonl(1))) === 0;
}
/** include/net/ipv6.h:808 ipv6_addr_is_multicast */
function ipv6_addr_is_multicast(a: kaddr_t): boolean { return rd8(a) === 0xff; }
/** include/net/ipv6.h:122 IPV6_ADDR_MC_SCOPE */
function IPV6_ADDR_MC_SCOPE(a: kaddr_t): number { return rd8(a + 1) & 0x0f; }
/** include/net/dsfield.h:22 ipv6_get_dsfield */
function ipv6_get_dsfield(hdr: kaddr_t): number { return (((rd8(hdr) << 8) | rd8(hdr + 1)) >> 4) & 0xff; }
/**
 * include/linux/ipv6.h:129 ipv6_payload_len. A zero payload_len is taken from skb->len only for a
 * TCP GSO skb, and kveth never builds GSO skbs: reaching that branch throws.
 */
function ipv6_payload_len(skb: sk_buff, ip6: kaddr_t): number {
  const len = rd16be(ip6 + O6.payload_len);
  if (len || !skb_is_gso(skb)) return len;
  throw new Error('kveth: ipv6_payload_len of a GSO skb (skb_is_gso_tcp) is not modelled');
}

/** net/ipv6/ip6_input.c:69 ip6_rcv_finish: left out (see the file comment) */
function ip6_rcv_finish(_n: net, _sk: null, _skb: sk_buff): number {
  throw new Error('kveth: ip6_rcv_finish (IPv6 routing and delivery with IPv6 enabled) is not modelled');
}

/** net/ipv6/ip6_input.c:148 ip6_rcv_core */
function ip6_rcv_core(skb0: sk_buff, dev: net_device, n: net): sk_buff | null {
  let skb: sk_buff | null = skb0;
  let reason: skb_drop_reason;

  if (skb.pkt_type === PACKET_OTHERHOST) {
    dev_core_stats_rx_otherhost_dropped_inc(skb.dev!);
    kfree_skb_reason(skb, R.SKB_DROP_REASON_OTHERHOST, 'ip6_rcv_core');
    return null;
  }
  const idev = __in6_dev_get(skb.dev!);
  const idev_key = idev ? idev.dev.addr : null;
  __IP6_UPD_PO_STATS(n.addr, idev_key, IPSTATS_MIB_IN, skb.len);

  reason = R.SKB_DROP_REASON_NOT_SPECIFIED;
  let go: 'err' | 'drop';
  body: {
    if ((skb = skb_share_check(skb, GFP_ATOMIC, 'ip6_rcv_core')) === null || !idev || idev.cnf.disable_ipv6) {
      __IP6_INC_STATS(n.addr, idev_key, IPSTATS_MIB_INDISCARDS);
      if (idev && idev.cnf.disable_ipv6) reason = R.SKB_DROP_REASON_IPV6DISABLED;
      go = 'drop';
      break body;
    }
    memset(skb.cb_addr, 0, SIZEOF_INET6_SKB_PARM); // IP6CB
    // the incoming interface: no dst is attached on this path, so it is dev's
    wr32(skb.cb_addr + IP6CB_off.iif, dev.ifindex);
    if (!pskb_may_pull(skb, SIZEOF_IPV6HDR)) { go = 'err'; break body; }
    let hdr = skb_network_header(skb);
    const [vo, vs, vm] = O6.version;
    if (((rd8(hdr + vo) & vm) >> vs) !== 6) {
      reason = R.SKB_DROP_REASON_UNHANDLED_PROTO;
      go = 'err';
      break body;
    }
    __IP6_ADD_STATS(n.addr, idev_key, IPSTATS_MIB_NOECTPKTS + (ipv6_get_dsfield(hdr) & INET_ECN_MASK),
      Math.max(1, skb_shinfo(skb).gso_segs));
    const saddr = hdr + O6.saddr, daddr = hdr + O6.daddr;
    // RFC 4291 2.5.3: loopback addresses never arrive from outside (no L3 master devices here)
    if ((ipv6_addr_loopback(saddr) || ipv6_addr_loopback(daddr)) && !(dev.flags & IFF_LOOPBACK)) { go = 'err'; break body; }
    // RFC 4291 errata 3480: interface-local multicast from another node
    if (!(skb.pkt_type === PACKET_LOOPBACK || dev.flags & IFF_LOOPBACK) && ipv6_addr_is_multicast(daddr) &&
      IPV6_ADDR_MC_SCOPE(daddr) === 1) { go = 'err'; break body; }
    if (!ipv6_addr_is_multicast(daddr) && (skb.pkt_type === PACKET_BROADCAST || skb.pkt_type === PACKET_MULTICAST) &&
      idev.cnf.drop_unicast_in_l2_multicast) {
      reason = R.SKB_DROP_REASON_UNICAST_IN_L2_MULTICAST;
      go = 'err';
      break body;
    }
    // RFC 4291 2.7: multicast scope 0 is reserved; multicast is never a source
    if (ipv6_addr_is_multicast(daddr) && IPV6_ADDR_MC_SCOPE(daddr) === 0) { go = 'err'; break body; }
    if (ipv6_addr_is_multicast(saddr)) { go = 'err'; break body; }
    skb.transport_header = skb.network_header + SIZEOF_IPV6HDR;
    wr16(skb.cb_addr + IP6CB_off.nhoff, O6.nexthdr);
    const pkt_len = ipv6_payload_len(skb, hdr);
    if (pkt_len || rd8(hdr + O6.nexthdr) !== NEXTHDR_HOP) {
      if (pkt_len + SIZEOF_IPV6HDR > skb.len) {
        __IP6_INC_STATS(n.addr, idev_key, IPSTATS_MIB_INTRUNCATEDPKTS);
        reason = R.SKB_DROP_REASON_PKT_TOO_SMALL;
        go = 'drop';
        break body;
      }
      if (pskb_trim_rcsum(skb, pkt_len + SIZEOF_IPV6HDR)) { go = 'err'; break body; }
      hdr = skb_network_header(skb);
    }
    if (rd8(hdr + O6.nexthdr) === NEXTHDR_HOP) {
      throw new Error('kveth: ipv6_parse_hopopts (hop-by-hop options) is not modelled');
    }
    if (!skb_sk_is_prefetched(skb)) skb_orphan(skb);
    return skb;
  }
  if (go === 'err') {
    __IP6_INC_STATS(n.addr, idev_key, IPSTATS_MIB_INHDRERRORS);
    // SKB_DR_OR(reason, IP_INHDR): only replaces NOT_SPECIFIED
    if (reason === R.SKB_DROP_REASON_NOT_SPECIFIED) reason = R.SKB_DROP_REASON_IP_INHDR;
  }
  // drop: (kfree_skb_reason ignores a NULL skb, left by a failed skb_share_check)
  if (skb) kfree_skb_reason(skb, reason, 'ip6_rcv_core');
  return null;
}

/** net/ipv6/ip6_input.c:304 ipv6_rcv: the ETH_P_IPV6 packet_type handler */
export function ipv6_rcv(skb0: sk_buff, dev: net_device, _pt: packet_type, _orig_dev: net_device): number {
  const n = dev_net(skb0.dev!);
  const skb = ip6_rcv_core(skb0, dev, n);
  if (skb === null) return NET_RX_DROP;
  return NF_HOOK(NFPROTO_IPV6, NF_INET_PRE_ROUTING, n, null, skb, dev, null, ip6_rcv_finish);
}
