// SPDX-License-Identifier: GPL-2.0-only
/* include/linux/etherdevice.h: Ethernet address helpers and the receive-side inlines. */
import { kaddr_t, rd16, rd32, rd8, bytes } from '../../sim/mem';
import { get_random_bytes } from '../../sim/random';
import { ETH_ALEN, ETH_HLEN, ETH_P_802_3_MIN } from '../uapi/linux/if_ether';
import { PACKET_BROADCAST, PACKET_MULTICAST, PACKET_OTHERHOST } from '../uapi/linux/if_packet';
import { __be16, htons } from '../uapi/linux/types';
import type { net_device } from './netdevice';
import { NET_ADDR_RANDOM } from './netdevice';
import { sk_buff, skb_mac_header, skb_pull_inline } from './skbuff';
import { dev_addr_mod } from '../../net/core/dev_addr_lists';

/** include/linux/etherdevice.h:112 is_zero_ether_addr */
export function is_zero_ether_addr(a: Uint8Array): boolean { return (a[0]! | a[1]! | a[2]! | a[3]! | a[4]! | a[5]!) === 0; }
/** include/linux/etherdevice.h:130 is_multicast_ether_addr */
export function is_multicast_ether_addr(a: Uint8Array): boolean { return (a[0]! & 0x01) !== 0; }
/** include/linux/etherdevice.h:205 is_valid_ether_addr */
export function is_valid_ether_addr(a: Uint8Array): boolean { return !is_multicast_ether_addr(a) && !is_zero_ether_addr(a); }
/** include/linux/etherdevice.h:237 eth_random_addr */
export function eth_random_addr(addr: Uint8Array): void {
  get_random_bytes(addr.subarray(0, ETH_ALEN));
  addr[0] = addr[0]! & 0xfe; // not multicast
  addr[0] = addr[0]! | 0x02; // locally administered
}
/** include/linux/etherdevice.h:250 eth_broadcast_addr */
export function eth_broadcast_addr(addr: Uint8Array): void { addr.fill(0xff, 0, ETH_ALEN); }
/** include/linux/etherdevice.h:275 eth_hw_addr_random */
export function eth_hw_addr_random(dev: net_device): void {
  const addr = new Uint8Array(ETH_ALEN);
  eth_random_addr(addr);
  __dev_addr_set(dev, addr, ETH_ALEN);
  dev.addr_assign_type = NET_ADDR_RANDOM;
}
/** include/linux/netdevice.h:4686 __dev_addr_set */
export function __dev_addr_set(dev: net_device, addr: Uint8Array, len: number): void { dev_addr_mod(dev, 0, addr, len); }
/** include/linux/etherdevice.h:324 eth_hw_addr_set */
export function eth_hw_addr_set(dev: net_device, addr: Uint8Array): void { __dev_addr_set(dev, addr, ETH_ALEN); }

/** include/linux/etherdevice.h:353 ether_addr_equal (the second address as bytes, e.g. a constant group address) */
export function ether_addr_equal(a: kaddr_t, b: Uint8Array): boolean {
  const x = bytes(a, ETH_ALEN);
  for (let i = 0; i < ETH_ALEN; i++) if (x[i] !== b[i]) return false;
  return true;
}
/**
 * include/linux/etherdevice.h:382 ether_addr_equal_64bits. The kernel loads 8 bytes from each side
 * and compares the first six; the result is a six-byte comparison.
 */
export function ether_addr_equal_64bits(a: kaddr_t, b: kaddr_t): boolean {
  return rd32(a) === rd32(b) && rd16(a + 4) === rd16(b + 4);
}
/** include/linux/etherdevice.h:144 is_multicast_ether_addr_64bits */
export function is_multicast_ether_addr_64bits(a: kaddr_t): boolean { return (rd8(a) & 0x01) !== 0; }

/** include/linux/etherdevice.h:220 eth_proto_is_802_3: on little-endian, only the first wire byte decides */
export function eth_proto_is_802_3(proto: __be16): boolean {
  return ((proto & htons(0xff00)) >>> 0) >= htons(ETH_P_802_3_MIN);
}

/** include/linux/etherdevice.h:623 eth_skb_pkt_type */
export function eth_skb_pkt_type(skb: sk_buff, dev: net_device): void {
  const h_dest = skb_mac_header(skb); // eth_hdr(skb)->h_dest
  if (!ether_addr_equal_64bits(h_dest, dev.dev_addr)) {
    if (is_multicast_ether_addr_64bits(h_dest)) {
      if (ether_addr_equal_64bits(h_dest, dev.broadcast_addr)) skb.pkt_type = PACKET_BROADCAST;
      else skb.pkt_type = PACKET_MULTICAST;
    } else {
      skb.pkt_type = PACKET_OTHERHOST;
    }
  }
}
/** include/linux/etherdevice.h:640 eth_skb_pull_mac: returns the address of the Ethernet header */
export function eth_skb_pull_mac(skb: sk_buff): kaddr_t {
  const eth = skb.data;
  skb_pull_inline(skb, ETH_HLEN);
  return eth;
}
/** eth->h_proto of a struct ethhdr at `eth`, as __be16 @sim */
export function eth_h_proto(eth: kaddr_t): __be16 { return rd16(eth + 12) as __be16; }
