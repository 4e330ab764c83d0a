// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/ipv4/icmp.c: the part of __icmp_send() the receive path can reach in kveth's setup.
 *
 * The callers kveth can reach are the option parser's "parameter problem" report
 * (ip_options_compile) and, on a device with forwarding enabled, ip_error's "destination
 * unreachable". The input route of such a packet is an uncached RTN_UNREACHABLE, or a local
 * broadcast/multicast route, and its source address is an ordinary unicast one (zero, multicast,
 * broadcast and loopback sources are turned away as martians before options are looked at).
 * __icmp_send() runs its checks; for a packet that passes them it needs an output route back to
 * the sender, and ip_route_output_key_hash() finds none in a namespace without routes
 * (-ENETUNREACH). Nothing is sent and no ICMP counter moves.
 *
 * icmpv4_global_allow() sits in between: it only reads the namespace's token bucket, which is
 * charged (icmp_global_consume) after a successful route lookup, so the bucket never empties
 * here and the check always passes. icmp_xmit_lock, the source-address choice and
 * __ip_options_echo have no visible effect when nothing is sent, and are not ported.
 */
import { sk_buff, skb_tail_pointer, skb_header_pointer } from '../../include/linux/skbuff';
import { ip_hdr, iph_frag_off, iph_protocol, iph_ihl, SIZEOF_IPHDR, IP_OFFSET } from '../../include/net/ip';
import { IPPROTO_ICMP } from '../../include/uapi/linux/in';
import { PACKET_HOST } from '../../include/uapi/linux/if_packet';
import { htons } from '../../include/uapi/linux/types';
import { NULL, rd8 } from '../../sim/mem';
import { skb_rtable, RTCF_BROADCAST, RTCF_MULTICAST } from './route';

/* include/uapi/linux/icmp.h */
export const ICMP_DEST_UNREACH = 3;
export const ICMP_PARAMETERPROB = 12;
const NR_ICMP_TYPES = 18;
/* codes for ICMP_DEST_UNREACH */
export const ICMP_NET_UNREACH = 0;
export const ICMP_HOST_UNREACH = 1;
export const ICMP_PKT_FILTERED = 13;
/** net/ipv4/icmp.c:1455 icmp_pointers[].error: which ICMP types are error messages */
const icmp_pointers: readonly { readonly error: number }[] = [0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
  .map((error) => ({ error }));

/**
 * net/ipv4/icmp.c:631 __icmp_send (see the file comment for where the port stops; code, info and
 * the options to echo only shape the message that is never built)
 */
function __icmp_send(skb_in: sk_buff, type: number, _code: number, _info: number): void {
  const rt = skb_rtable(skb_in);
  if (!rt) return;
  // net = dev_net(rt->dst.dev), or dev_net(skb_in->dev) when the route has no device: skb_in->dev is set here
  const iph = ip_hdr(skb_in);
  if (iph < skb_in.head || iph + SIZEOF_IPHDR > skb_tail_pointer(skb_in)) return;
  if (skb_in.pkt_type !== PACKET_HOST) return;
  if (rt.rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST)) return;
  if (iph_frag_off(iph) & htons(IP_OFFSET)) return;
  if (icmp_pointers[type]!.error) {
    if (iph_protocol(iph) === IPPROTO_ICMP) {
      const itp = skb_header_pointer(skb_in, iph + (iph_ihl(iph) << 2) + 0 /* offsetof(icmphdr, type) */ - skb_in.data, 1);
      if (itp === NULL) return;
      const inner_type = rd8(itp);
      if (inner_type > NR_ICMP_TYPES || icmp_pointers[inner_type]!.error) return;
    }
  }
  // icmpv4_global_allow: passes (see above). icmp_xmit_lock, saddr, tos, mark, __ip_options_echo.
  // icmp_route_lookup → ip_route_output_key_hash: no route to iph->saddr, so IS_ERR(rt): out_unlock.
}
/** include/net/icmp.h:41 icmp_send */
export function icmp_send(skb_in: sk_buff, type: number, code: number, info: number): void {
  __icmp_send(skb_in, type, code, info);
}
