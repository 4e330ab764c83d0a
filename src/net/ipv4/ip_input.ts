// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/ipv4/ip_input.c: the IPv4 receive entry point (ip_rcv), header validation (ip_rcv_core),
 * route lookup and option handling (ip_rcv_finish_core, ip_rcv_options) and the hand-off to the
 * route's input function (ip_rcv_finish → dst_input).
 *
 * In kveth's receiving namespace there is no IPv4 address and no route (see route.ts), so a valid
 * datagram for this host gets an RTN_UNREACHABLE route and ends in ip_error() with
 * IP_INADDRERRORS, which is what the live captures show.
 *
 * Left out, each also noted where it would run:
 *  - the list receive path (ip_list_rcv and friends): kveth delivers one skb at a time
 *    (__netif_receive_skb_one_core), never through __netif_receive_skb_list_core;
 *  - route hints (ip_can_use_hint): only the list path passes a hint;
 *  - local delivery (ip_local_deliver and the L4 handlers behind it): it needs a local route,
 *    which exists only for the limited broadcast 255.255.255.255 (or 0.0.0.0 → 0.0.0.0) and the
 *    all-hosts group 224.0.0.1. Reaching it throws, naming what is missing.
 */
import { EXDEV } from '../../include/uapi/linux/errno';
import {
  sk_buff, skb_shinfo, pskb_may_pull, pskb_trim_rcsum, skb_orphan, skb_sk_is_prefetched, skb_headroom, skb_transport_offset,
} from '../../include/linux/skbuff';
import { net_device, dev_net, NET_RX_DROP, NET_RX_SUCCESS, dev_core_stats_rx_otherhost_dropped_inc } from '../../include/linux/netdevice';
import type { net } from '../../include/net/net_namespace';
import type { packet_type } from '../core/dev';
import { kfree_skb_reason, skb_share_check, skb_cow } from '../core/skbuff';
import { skb_drop_reason } from '../../include/net/dropreason-core';
import { GFP_ATOMIC } from '../../mm/slub';
import { PACKET_BROADCAST, PACKET_HOST, PACKET_MULTICAST, PACKET_OTHERHOST } from '../../include/uapi/linux/if_packet';
import { NF_HOOK, NFPROTO_IPV4, NF_INET_PRE_ROUTING } from '../../include/linux/netfilter';
import {
  __IP_ADD_STATS, __IP_INC_STATS, __IP_UPD_PO_STATS, __NET_INC_STATS, IPSTATS_MIB_IN, IPSTATS_MIB_INMCAST, IPSTATS_MIB_INBCAST,
  IPSTATS_MIB_INDISCARDS, IPSTATS_MIB_INHDRERRORS, IPSTATS_MIB_NOECTPKTS, IPSTATS_MIB_INTRUNCATEDPKTS, IPSTATS_MIB_CSUMERRORS,
} from '../../include/net/snmp';
import {
  ip_hdr, iph_ihl, iph_version, iph_tos, iph_protocol, iph_saddr, iph_daddr, iph_totlen, ip_fast_csum, ip_is_fragment,
  IPCB_clear, IPCB_set_iif, IPCB_opt, IPCB_flags_or, IPSKB_NOPOLICY, INET_ECN_MASK, SIZEOF_IPHDR,
} from '../../include/net/ip';
import { IPPROTO_TCP, IPPROTO_UDP } from '../../include/uapi/linux/in';
import { skb_rtable, skb_valid_dst, ip_route_input_noref, RTN_BROADCAST, RTN_MULTICAST } from './route';
import { skb_dst, dst_input } from '../../include/net/dst';
import { __in_dev_get_rcu, IN_DEV_ORCONF, IN_DEV_SOURCE_ROUTE, IN_DEV_LOG_MARTIANS, ip_check_mc_rcu } from './devinet';
import { ip_options_compile } from './ip_options';

const R = skb_drop_reason;

/* net->ipv4.sysctl_ip_early_demux / sysctl_tcp_early_demux / sysctl_udp_early_demux: all 1 by default */
const sysctl_ip_early_demux = 1;
const sysctl_tcp_early_demux = 1;
const sysctl_udp_early_demux = 1;

/**
 * net/ipv4/ip_input.c:242 ip_local_deliver. Left out (see the file comment): reaching it means a
 * datagram got a local broadcast or multicast route, and the reassembly, LOCAL_IN hook, raw
 * sockets and the UDP/ICMP/IGMP/TCP receive functions behind it are not ported.
 */
export function ip_local_deliver(_skb: sk_buff): number {
  throw new Error('kveth: ip_local_deliver (IPv4 local delivery to 255.255.255.255 or 224.0.0.1) is not modelled');
}

/**
 * net/ipv4/ip_input.c:260 ip_rcv_options. The header is made private first (skb_cow: the tap's
 * clone shares it), then parsed. A source route is refused unless accept_source_route is on for
 * "all" and the device; it is off for "all" by default, so ip_options_rcv_srr() is never reached
 * and is not ported.
 */
function ip_rcv_options(skb: sk_buff, dev: net_device): boolean {
  const n = dev_net(dev);
  drop: {
    if (skb_cow(skb, skb_headroom(skb))) {
      __IP_INC_STATS(n.addr, IPSTATS_MIB_INDISCARDS);
      break drop;
    }
    const iph = ip_hdr(skb);
    const opt = IPCB_opt(skb);
    opt.optlen = iph_ihl(iph) * 4 - SIZEOF_IPHDR;
    if (ip_options_compile(n, opt, skb)) {
      __IP_INC_STATS(n.addr, IPSTATS_MIB_INHDRERRORS);
      break drop;
    }
    if (opt.srr) {
      const in_dev = __in_dev_get_rcu(dev);
      if (in_dev) {
        if (!IN_DEV_SOURCE_ROUTE(in_dev)) {
          if (IN_DEV_LOG_MARTIANS(in_dev)) {
            // net_info_ratelimited("source route option ..."): not printed by kveth
          }
          break drop;
        }
      }
      throw new Error('kveth: ip_options_rcv_srr (accept_source_route enabled) is not modelled');
    }
    return false;
  }
  return true;
}

/**
 * net/ipv4/tcp_ipv4.c:1972 tcp_v4_early_demux: looks for an established socket to attach. kveth
 * has no TCP sockets, so the lookup finds none and the skb is left as it is.
 */
function tcp_v4_early_demux(skb: sk_buff): number {
  if (skb.pkt_type !== PACKET_HOST) return 0;
  if (!pskb_may_pull(skb, skb_transport_offset(skb) + 20 /* sizeof(struct tcphdr) */)) return 0;
  // th->doff < 5: return 0; __inet_lookup_established: no sockets
  return 0;
}
/**
 * net/ipv4/udp.c:2633 udp_v4_early_demux: looks for a connected UDP socket (for multicast, only
 * after checking group membership). kveth has no UDP sockets, so nothing is found and it
 * returns 0 without touching the skb. The header pull it starts with cannot fail in a way that
 * matters: it returns 0 either way.
 */
function udp_v4_early_demux(skb: sk_buff): number {
  if (!pskb_may_pull(skb, skb_transport_offset(skb) + 8 /* sizeof(struct udphdr) */)) return 0;
  const iph = ip_hdr(skb);
  if (skb.pkt_type === PACKET_MULTICAST) {
    const in_dev = __in_dev_get_rcu(skb.dev!);
    if (!in_dev) return 0;
    const ours = ip_check_mc_rcu(in_dev, iph_daddr(iph), iph_saddr(iph), iph_protocol(iph));
    if (!ours) return 0;
    // __udp4_lib_mcast_demux_lookup: no sockets
  } else if (skb.pkt_type === PACKET_HOST) {
    // __udp4_lib_demux_lookup: no sockets
  }
  return 0; // !sk
}

/** net/ipv4/ip_input.c:317 ip_rcv_finish_core (hint is always NULL here) */
function ip_rcv_finish_core(n: net, _sk: null, skb: sk_buff, dev: net_device): number {
  let iph = ip_hdr(skb);
  let err = 0;
  let drop_reason = R.SKB_DROP_REASON_NOT_SPECIFIED;

  let go: 'drop' | 'drop_error';
  body: {
    // ip_can_use_hint: no hint outside the list path
    if (sysctl_ip_early_demux && !skb_dst(skb) && !skb.sk && !ip_is_fragment(iph)) {
      switch (iph_protocol(iph)) {
        case IPPROTO_TCP:
          if (sysctl_tcp_early_demux) {
            tcp_v4_early_demux(skb);
            iph = ip_hdr(skb);
          }
          break;
        case IPPROTO_UDP:
          if (sysctl_udp_early_demux) {
            err = udp_v4_early_demux(skb);
            if (err) { go = 'drop_error'; break body; }
            iph = ip_hdr(skb);
          }
          break;
      }
    }
    if (!skb_valid_dst(skb)) {
      err = ip_route_input_noref(skb, iph_daddr(iph), iph_saddr(iph), iph_tos(iph), dev);
      if (err) { go = 'drop_error'; break body; }
    } else {
      // a dst was already attached (early demux can do that; with no sockets it never does)
      const in_dev = __in_dev_get_rcu(dev);
      if (in_dev && IN_DEV_ORCONF(in_dev, 'NOPOLICY')) IPCB_flags_or(skb, IPSKB_NOPOLICY);
    }
    // CONFIG_IP_ROUTE_CLASSID: dst tclassid is 0 (no realms), so no ip_rt_acct update
    if (iph_ihl(iph) > 5 && ip_rcv_options(skb, dev)) { go = 'drop'; break body; }
    const rt = skb_rtable(skb)!;
    if (rt.rt_type === RTN_MULTICAST) {
      __IP_UPD_PO_STATS(n.addr, IPSTATS_MIB_INMCAST, skb.len);
    } else if (rt.rt_type === RTN_BROADCAST) {
      __IP_UPD_PO_STATS(n.addr, IPSTATS_MIB_INBCAST, skb.len);
    } else if (skb.pkt_type === PACKET_BROADCAST || skb.pkt_type === PACKET_MULTICAST) {
      // RFC 1122 3.3.6: optionally drop unicast IP carried in link-layer broadcast/multicast
      const in_dev = __in_dev_get_rcu(dev);
      if (in_dev && IN_DEV_ORCONF(in_dev, 'DROP_UNICAST_IN_L2_MULTICAST')) {
        drop_reason = R.SKB_DROP_REASON_UNICAST_IN_L2_MULTICAST;
        go = 'drop';
        break body;
      }
    }
    return NET_RX_SUCCESS;
  }
  if (go === 'drop_error') {
    if (err === -EXDEV) {
      drop_reason = R.SKB_DROP_REASON_IP_RPFILTER;
      __NET_INC_STATS(n.addr, 'LINUX_MIB_IPRPFILTER');
    }
  }
  // drop:
  kfree_skb_reason(skb, drop_reason, 'ip_rcv_finish_core');
  return NET_RX_DROP;
}

/** net/ipv4/ip_input.c:435 ip_rcv_finish */
function ip_rcv_finish(n: net, sk: null, skb: sk_buff): number {
  const dev = skb.dev!;
  // l3mdev_ip_rcv: the device is not enslaved to a VRF, so the skb comes back unchanged
  let ret = ip_rcv_finish_core(n, sk, skb, dev);
  if (ret !== NET_RX_DROP) ret = dst_input(skb);
  return ret;
}

/** net/ipv4/ip_input.c:456 ip_rcv_core: returns the (possibly replaced) skb, or null when it was dropped */
function ip_rcv_core(skb0: sk_buff, n: net): sk_buff | null {
  let skb: sk_buff | null = skb0;
  let drop_reason: skb_drop_reason;
  let len: number;

  type label = 'csum_error' | 'inhdr_error' | 'drop' | 'out';
  let go: label;
  body: {
    if (skb.pkt_type === PACKET_OTHERHOST) {
      dev_core_stats_rx_otherhost_dropped_inc(skb.dev!);
      drop_reason = R.SKB_DROP_REASON_OTHERHOST;
      go = 'drop';
      break body;
    }
    __IP_UPD_PO_STATS(n.addr, IPSTATS_MIB_IN, skb.len);
    skb = skb_share_check(skb, GFP_ATOMIC, 'ip_rcv_core');
    if (!skb) {
      __IP_INC_STATS(n.addr, IPSTATS_MIB_INDISCARDS);
      drop_reason = R.SKB_DROP_REASON_NOT_SPECIFIED;
      go = 'out';
      break body;
    }
    drop_reason = R.SKB_DROP_REASON_NOT_SPECIFIED;
    if (!pskb_may_pull(skb, SIZEOF_IPHDR)) { go = 'inhdr_error'; break body; }
    let iph = ip_hdr(skb);
    if (iph_ihl(iph) < 5 || iph_version(iph) !== 4) { go = 'inhdr_error'; break body; }
    __IP_ADD_STATS(n.addr, IPSTATS_MIB_NOECTPKTS + (iph_tos(iph) & INET_ECN_MASK), Math.max(1, skb_shinfo(skb).gso_segs));
    if (!pskb_may_pull(skb, iph_ihl(iph) * 4)) { go = 'inhdr_error'; break body; }
    iph = ip_hdr(skb);
    if (ip_fast_csum(iph, iph_ihl(iph))) { go = 'csum_error'; break body; }
    len = iph_totlen(skb, iph);
    if (skb.len < len) {
      drop_reason = R.SKB_DROP_REASON_PKT_TOO_SMALL;
      __IP_INC_STATS(n.addr, IPSTATS_MIB_INTRUNCATEDPKTS);
      go = 'drop';
      break body;
    } else if (len < iph_ihl(iph) * 4) {
      go = 'inhdr_error';
      break body;
    }
    // the medium may have padded the frame: from here skb->len is tot_len
    if (pskb_trim_rcsum(skb, len)) {
      __IP_INC_STATS(n.addr, IPSTATS_MIB_INDISCARDS);
      go = 'drop';
      break body;
    }
    iph = ip_hdr(skb);
    skb.transport_header = skb.network_header + iph_ihl(iph) * 4;
    IPCB_clear(skb);
    IPCB_set_iif(skb, skb.skb_iif);
    if (!skb_sk_is_prefetched(skb)) skb_orphan(skb);
    return skb;
  }
  if (go === 'csum_error') {
    drop_reason = R.SKB_DROP_REASON_IP_CSUM;
    __IP_INC_STATS(n.addr, IPSTATS_MIB_CSUMERRORS);
    go = 'inhdr_error';
  }
  if (go === 'inhdr_error') {
    if (drop_reason === R.SKB_DROP_REASON_NOT_SPECIFIED) drop_reason = R.SKB_DROP_REASON_IP_INHDR;
    __IP_INC_STATS(n.addr, IPSTATS_MIB_INHDRERRORS);
    go = 'drop';
  }
  if (go === 'drop') kfree_skb_reason(skb!, drop_reason, 'ip_rcv_core');
  // out:
  return null;
}

/** net/ipv4/ip_input.c:560 ip_rcv: the ETH_P_IP packet_type handler */
export function ip_rcv(skb0: sk_buff, dev: net_device, _pt: packet_type, _orig_dev: net_device): number {
  const n = dev_net(dev);
  const skb = ip_rcv_core(skb0, n);
  if (skb === null) return NET_RX_DROP;
  return NF_HOOK(NFPROTO_IPV4, NF_INET_PRE_ROUTING, n, null, skb, dev, null, ip_rcv_finish);
}
