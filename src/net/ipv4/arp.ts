// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/ipv4/arp.c: ARP receive (arp_rcv → NF_ARP_IN → arp_process).
 *
 * The receiving namespace has no IPv4 address, no route (not even a local table), no proxy
 * entries, and nothing ever creates a neighbour entry (the device never transmits IPv4). So
 * arp_process() never replies and never learns: a well-formed request or reply is consumed at the
 * end of arp_process, which is what the live captures show. Without a local table every sender
 * address has type RTN_BROADCAST, so even arp_accept does not create entries. Left out, and noted
 * where they would run: the reply paths (they need RTN_LOCAL, i.e. a local address, or forwarding
 * with a unicast route to the target) and neighbour creation and updates (they need an existing
 * entry, or a sender address of type RTN_UNICAST).
 */
import { rd8, rd16, rd32, kaddr_t, memset, NULL, bytes } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { sk_buff, pskb_may_pull, skb_network_header } from '../../include/linux/skbuff';
import { net_device, dev_net, NET_RX_DROP, NET_RX_SUCCESS, IFF_NOARP } from '../../include/linux/netdevice';
import type { net } from '../../include/net/net_namespace';
import type { packet_type } from '../core/dev';
import { consume_skb, kfree_skb, skb_share_check } from '../core/skbuff';
import { GFP_ATOMIC } from '../../mm/slub';
import { PACKET_LOOPBACK, PACKET_OTHERHOST } from '../../include/uapi/linux/if_packet';
import { ETH_P_IP } from '../../include/uapi/linux/if_ether';
import { __be32, htons } from '../../include/uapi/linux/types';
import { NF_HOOK, NFPROTO_ARP, NF_ARP_IN } from '../../include/linux/netfilter';
import {
  ARPHRD_NETROM, ARPHRD_ETHER, ARPHRD_AX25, ARPHRD_IEEE802, ARPHRD_DLCI, ARPHRD_IEEE1394, ARPHRD_FDDI,
} from '../../include/uapi/linux/if_arp';
import { __in_dev_get_rcu, in_device, IN_DEV_ROUTE_LOCALNET, IN_DEV_ORCONF, IN_DEV_FORWARD, IN_DEV_ARP_ACCEPT } from './devinet';
import {
  ip_route_input_noref, skb_rtable, ipv4_is_multicast, ipv4_is_loopback, inet_addr_type_dev_table, RTN_LOCAL, RTN_UNICAST,
} from './route';

/* include/uapi/linux/if_arp.h: ARP opcodes */
const ARPOP_REQUEST = 1;
const ARPOP_REPLY = 2;
/* include/net/ax25.h */
const AX25_P_IP = 0xcc;

const AH = struct_('arphdr');
const OA = { ar_hrd: AH.off('ar_hrd'), ar_pro: AH.off('ar_pro'), ar_hln: AH.off('ar_hln'), ar_pln: AH.off('ar_pln'), ar_op: AH.off('ar_op') };
/** sizeof(struct neighbour_cb): unsigned long sched_next; unsigned int flags (padded) */
const SIZEOF_NEIGHBOUR_CB = 16;

/** include/linux/if_arp.h:25 arp_hdr */
function arp_hdr(skb: sk_buff): kaddr_t { return skb_network_header(skb); }
/** include/linux/if_arp.h:30 arp_hdr_len: the header plus two hardware and two IPv4 addresses */
function arp_hdr_len(dev: net_device): number {
  switch (dev.type) {
    case ARPHRD_IEEE1394: return AH.size + dev.addr_len + 4 + 4; // CONFIG_FIREWIRE_NET: no target hw address
    default: return AH.size + (dev.addr_len + 4) * 2;
  }
}

/** net/ipv4/arp.c:432 arp_accept: whether to learn from unsolicited ARP (the sysctl is 0 by default) */
function arp_accept(in_dev: in_device, _sip: __be32): number {
  switch (IN_DEV_ARP_ACCEPT(in_dev)) {
    case 0: return 0; // don't create new entries from garp
    case 1: return 1; // create new entries from garp
    case 2: // only if sip is in a subnet of one of the device's addresses:
      return 0; // !!inet_confirm_addr(net, in_dev, sip, 0, RT_SCOPE_LINK): the device has no addresses
    default: return 0;
  }
}

/**
 * net/ipv4/arp.c:672 arp_is_garp: a gratuitous ARP (sender and target address equal, and for a
 * reply also equal hardware addresses) from a unicast address. `addr_type.v` gets the sender's
 * address type when it is looked up.
 */
function arp_is_garp(n: net, dev: net_device, addr_type: { v: number }, ar_op: number, sip: __be32, tip: __be32,
  sha: kaddr_t, tha: kaddr_t): boolean {
  let is_garp = tip === sip;
  // gratuitous ARP replies also need the target hardware address to equal the sender's
  if (is_garp && ar_op === htons(ARPOP_REPLY)) {
    is_garp = tha !== NULL && bytes(tha, dev.addr_len).every((b, i) => b === rd8(sha + i));
  }
  if (is_garp) {
    addr_type.v = inet_addr_type_dev_table(n, dev, sip);
    if (addr_type.v !== RTN_UNICAST) is_garp = false;
  }
  return is_garp;
}

/** net/ipv4/arp.c:702 arp_process */
function arp_process(n: net, _sk: null, skb: sk_buff): number {
  const dev = skb.dev!;
  const in_dev = __in_dev_get_rcu(dev);
  const dev_type = dev.type;

  out_free_skb: {
    if (!in_dev) break out_free_skb;
    const arp = arp_hdr(skb);
    const ar_hrd = rd16(arp + OA.ar_hrd), ar_pro = rd16(arp + OA.ar_pro), ar_op = rd16(arp + OA.ar_op);
    switch (dev_type) {
      default:
        if (ar_pro !== htons(ETH_P_IP) || htons(dev_type) !== ar_hrd) break out_free_skb;
        break;
      case ARPHRD_ETHER:
      case ARPHRD_FDDI:
      case ARPHRD_IEEE802:
        // Ethernet-like devices take hardware type 1 or 6
        if ((ar_hrd !== htons(ARPHRD_ETHER) && ar_hrd !== htons(ARPHRD_IEEE802)) || ar_pro !== htons(ETH_P_IP)) break out_free_skb;
        break;
      case ARPHRD_AX25:
        if (ar_pro !== htons(AX25_P_IP) || ar_hrd !== htons(ARPHRD_AX25)) break out_free_skb;
        break;
      case ARPHRD_NETROM:
        if (ar_pro !== htons(AX25_P_IP) || ar_hrd !== htons(ARPHRD_NETROM)) break out_free_skb;
        break;
    }
    if (ar_op !== htons(ARPOP_REPLY) && ar_op !== htons(ARPOP_REQUEST)) break out_free_skb;

    // the addresses follow the fixed header: sha, sip, tha, tip
    let arp_ptr = arp + AH.size;
    let sha = arp_ptr;
    arp_ptr += dev.addr_len;
    const sip = rd32(arp_ptr) as __be32;
    arp_ptr += 4;
    let tha: kaddr_t = NULL;
    switch (dev_type) {
      case ARPHRD_IEEE1394: break; // CONFIG_FIREWIRE_NET
      default:
        tha = arp_ptr;
        arp_ptr += dev.addr_len;
    }
    const tip = rd32(arp_ptr) as __be32;

    // no requests for multicast or (unless route_localnet) loopback targets
    if (ipv4_is_multicast(tip) || (!IN_DEV_ROUTE_LOCALNET(in_dev) && ipv4_is_loopback(tip))) break out_free_skb;
    if (sip === tip && IN_DEV_ORCONF(in_dev, 'DROP_GRATUITOUS_ARP')) break out_free_skb;
    // Frame Relay takes the source Q.922 address from dev->broadcast
    if (dev_type === ARPHRD_DLCI) sha = dev.broadcast_addr;
    // skb_metadata_dst: no tunnel metadata, so no reply_dst

    out_consume_skb: {
      if (sip === 0) {
        // a duplicate address probe: answered only if the target is one of our addresses
        if (ar_op === htons(ARPOP_REQUEST) && inet_addr_type_dev_table(n, dev, tip) === RTN_LOCAL) {
          throw new Error('kveth: arp_send_dst (reply to a DAD probe for a local address) is not modelled');
        }
        break out_consume_skb;
      }
      if (ar_op === htons(ARPOP_REQUEST) && ip_route_input_noref(skb, tip, sip, 0, dev) === 0) {
        const rt = skb_rtable(skb)!;
        const addr_type = rt.rt_type;
        if (addr_type === RTN_LOCAL) {
          // arp_ignore / arp_filter / neigh_event_ns / arp_send_dst: needs a local address
          throw new Error('kveth: ARP reply for a local address is not modelled');
        } else if (IN_DEV_FORWARD(in_dev)) {
          // proxy ARP (arp_fwd_proxy, arp_fwd_pvlan, pneigh_lookup) needs a unicast route to the
          // target; with no FIB table the route is RTN_UNREACHABLE
          if (addr_type === RTN_UNICAST) throw new Error('kveth: proxy ARP is not modelled');
        }
      }
      // Update our ARP tables: __neigh_lookup(&arp_tbl, &sip, dev, 0) finds no entry (none exist)
      const neigh_found = false;
      const addr_type = { v: -1 };
      let is_garp = false;
      if (neigh_found || arp_accept(in_dev, sip)) is_garp = arp_is_garp(n, dev, addr_type, ar_op, sip, tip, sha, tha);
      if (arp_accept(in_dev, sip)) {
        // unsolicited ARP is not accepted by default
        if (!neigh_found && (is_garp || (ar_op === htons(ARPOP_REPLY) && (addr_type.v === RTN_UNICAST ||
          (addr_type.v < 0 && inet_addr_type_dev_table(n, dev, sip) === RTN_UNICAST))))) {
          throw new Error('kveth: ARP neighbour creation (__neigh_lookup with creat, neigh_update) is not modelled');
        }
      }
      // if (n): neigh_update, neigh_release (no entry)
    }
    // out_consume_skb:
    consume_skb(skb, 'arp_process');
    // out_free_dst: dst_release(reply_dst), NULL here
    return NET_RX_SUCCESS;
  }
  // out_free_skb:
  kfree_skb(skb, 'arp_process');
  return NET_RX_DROP;
}

/**
 * net/ipv4/arp.c:967 arp_rcv: the ETH_P_ARP packet_type handler.
 *
 * 6.12.117 frees a short or malformed ARP packet with plain kfree_skb() (reason NOT_SPECIFIED).
 * The live 6.18 capture shows PKT_TOO_SMALL at arp_rcv for the truncated frames: later kernels
 * pass a drop reason there. kveth follows 6.12.117.
 */
export function arp_rcv(skb0: sk_buff, dev: net_device, _pt: packet_type, _orig_dev: net_device): number {
  let skb: sk_buff | null = skb0;
  consumeskb: {
    freeskb: {
      // do not tweak dropwatch on an ARP we will ignore
      if (dev.flags & IFF_NOARP || skb.pkt_type === PACKET_OTHERHOST || skb.pkt_type === PACKET_LOOPBACK) break consumeskb;
      skb = skb_share_check(skb, GFP_ATOMIC, 'arp_rcv');
      if (!skb) return NET_RX_DROP; // out_of_mem
      if (!pskb_may_pull(skb, arp_hdr_len(dev))) break freeskb;
      const arp = arp_hdr(skb);
      if (rd8(arp + OA.ar_hln) !== dev.addr_len || rd8(arp + OA.ar_pln) !== 4) break freeskb;
      memset(skb.cb_addr, 0, SIZEOF_NEIGHBOUR_CB); // NEIGH_CB(skb)
      return NF_HOOK(NFPROTO_ARP, NF_ARP_IN, dev_net(dev), null, skb, dev, null, arp_process);
    }
    // freeskb:
    kfree_skb(skb, 'arp_rcv');
    return NET_RX_DROP;
  }
  // consumeskb:
  consume_skb(skb, 'arp_rcv');
  return NET_RX_SUCCESS;
}
