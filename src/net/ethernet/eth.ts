// SPDX-License-Identifier: GPL-2.0-only
/* net/ethernet/eth.c: Ethernet device setup and the receive-side protocol classification. */
import { NULL, bytes, kaddr_t, memcpy, rd16 } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { GFP_KERNEL, kzalloc } from '../../mm/slub';
import { ksym_register, wrfn } from '../../sim/kallsyms';
import {
  net_device, IFF_BROADCAST, IFF_MULTICAST, IFF_TX_SKB_SHARING, DEFAULT_TX_QUEUE_LEN, IFF_LIVE_ADDR_CHANGE,
  netif_running,
} from '../../include/linux/netdevice';
import { sk_buff, skb_reset_mac_header, skb_mac_header, skb_header_pointer } from '../../include/linux/skbuff';
import {
  eth_skb_pull_mac, eth_skb_pkt_type, eth_proto_is_802_3, eth_h_proto, eth_broadcast_addr, is_valid_ether_addr,
  eth_hw_addr_set,
} from '../../include/linux/etherdevice';
import { ETH_ALEN, ETH_DATA_LEN, ETH_HLEN, ETH_MIN_MTU, ETH_P_802_2, ETH_P_802_3, ETH_P_XDSA } from '../../include/uapi/linux/if_ether';
import { __be16, htons } from '../../include/uapi/linux/types';
import { EADDRNOTAVAIL, EBUSY } from '../../include/uapi/linux/errno';
import { ARPHRD_ETHER } from '../../include/uapi/linux/if_arp';

/** include/net/dsa.h:1339 netdev_uses_dsa: CONFIG_NET_DSA devices only; never a veth */
function netdev_uses_dsa(_dev: net_device): boolean { return false; }

/** net/ethernet/eth.c:155 eth_type_trans */
export function eth_type_trans(skb: sk_buff, dev: net_device): __be16 {
  skb.dev = dev;
  skb_reset_mac_header(skb);
  const eth = eth_skb_pull_mac(skb);
  eth_skb_pkt_type(skb, dev);
  if (netdev_uses_dsa(dev)) return htons(ETH_P_XDSA);
  const h_proto = eth_h_proto(eth);
  if (eth_proto_is_802_3(h_proto)) return h_proto;
  // a length field followed by 0xffff (never a valid 802.2 SAP pair) marks raw 802.3 framing, as
  // old Novell IPX sends it
  const sap = skb_header_pointer(skb, 0, 2);
  if (sap !== NULL && rd16(sap) === 0xffff) return htons(ETH_P_802_3);
  // anything else under 0x600 carries an 802.2 LLC header
  return htons(ETH_P_802_2);
}

/** net/ethernet/eth.c:196 eth_header_parse: the source address of the Ethernet header */
export function eth_header_parse(skb: sk_buff, _dev: net_device, haddr: kaddr_t): number {
  memcpy(haddr, skb_mac_header(skb) + ETH_ALEN, ETH_ALEN); // eth_hdr(skb)->h_source
  return ETH_ALEN;
}
ksym_register('eth_header_parse', eth_header_parse);

/** net/ethernet/eth.c:259 eth_header_parse_protocol */
export function eth_header_parse_protocol(skb: sk_buff): __be16 {
  return eth_h_proto(skb_mac_header(skb));
}
ksym_register('eth_header_parse_protocol', eth_header_parse_protocol);

/* net/ethernet/eth.c:328 eth_header_ops, in simulated rodata. parse and parse_protocol are ported;
 * create, cache and cache_update have no caller (nothing builds link-layer headers here). */
const HO = struct_('header_ops');
export const header_ops_parse_off = HO.off('parse');
export const header_ops_parse_protocol_off = HO.off('parse_protocol');
/** header_ops->validate: eth_header_ops leaves it NULL */
export const header_ops_validate_off = HO.off('validate');
export const eth_header_ops: kaddr_t = kzalloc(HO.size, GFP_KERNEL);
wrfn(eth_header_ops + header_ops_parse_off, eth_header_parse);
wrfn(eth_header_ops + header_ops_parse_protocol_off, eth_header_parse_protocol);

/** net/ethernet/eth.c:342 ether_setup */
export function ether_setup(dev: net_device): void {
  dev.header_ops = eth_header_ops;
  dev.type = ARPHRD_ETHER;
  dev.hard_header_len = ETH_HLEN;
  dev.min_header_len = ETH_HLEN;
  dev.mtu = ETH_DATA_LEN;
  dev.min_mtu = ETH_MIN_MTU;
  dev.max_mtu = ETH_DATA_LEN;
  dev.addr_len = ETH_ALEN;
  dev.tx_queue_len = DEFAULT_TX_QUEUE_LEN;
  dev.flags = IFF_BROADCAST | IFF_MULTICAST;
  dev.priv_flags = dev.priv_flags | IFF_TX_SKB_SHARING;
  eth_broadcast_addr(bytes(dev.broadcast_addr, ETH_ALEN));
}

/** net/ethernet/eth.c:272 eth_prepare_mac_addr_change (addr: a struct sockaddr; sa_data at +2) */
export function eth_prepare_mac_addr_change(dev: net_device, p: kaddr_t): number {
  const sa_data = bytes(p + 2, ETH_ALEN);
  if (!(dev.priv_flags & IFF_LIVE_ADDR_CHANGE) && netif_running(dev)) return -EBUSY;
  if (!is_valid_ether_addr(sa_data)) return -EADDRNOTAVAIL;
  return 0;
}
/** net/ethernet/eth.c:289 eth_commit_mac_addr_change */
export function eth_commit_mac_addr_change(dev: net_device, p: kaddr_t): void {
  eth_hw_addr_set(dev, bytes(p + 2, ETH_ALEN));
}
/** net/ethernet/eth.c:307 eth_mac_addr */
export function eth_mac_addr(dev: net_device, p: kaddr_t): number {
  const ret = eth_prepare_mac_addr_change(dev, p);
  if (ret < 0) return ret;
  eth_commit_mac_addr_change(dev, p);
  return 0;
}
ksym_register('eth_mac_addr', eth_mac_addr);
