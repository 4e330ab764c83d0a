// SPDX-License-Identifier: GPL-2.0-only
/* include/trace/events/net.h: the net: tracepoints on the veth path, with their TP_printk formats. */
import { tp, trace_emit, trace_on, pK, hashx, x04 } from '../../../sim/trace';
import {
  sk_buff, skb_shinfo, skb_vlan_tag_present, skb_network_offset, skb_transport_header_was_set,
  skb_transport_offset, skb_mac_header_was_set, skb_mac_header,
} from '../../linux/skbuff';
import type { net_device } from '../../linux/netdevice';
import { ntohs } from '../../uapi/linux/types';

/** include/trace/events/net.h:14 net_dev_start_xmit */
export function trace_net_dev_start_xmit(skb: sk_buff, dev: net_device): void {
  if (!tp.on || !trace_on('net_dev_start_xmit')) return;
  const sh = skb_shinfo(skb);
  const tvalid = skb_transport_header_was_set(skb);
  trace_emit('net_dev_start_xmit',
    `dev=${dev.name} queue_mapping=${skb.queue_mapping} skbaddr=${pK(skb.addr)} vlan_tagged=${skb_vlan_tag_present(skb) ? 1 : 0} ` +
    `vlan_proto=0x${x04(ntohs(skb.vlan_proto))} vlan_tci=0x${x04(skb.vlan_tci)} protocol=0x${x04(ntohs(skb.protocol))} ` +
    `ip_summed=${skb.ip_summed} len=${skb.len} data_len=${skb.data_len} network_offset=${skb_network_offset(skb)} ` +
    `transport_offset_valid=${tvalid ? 1 : 0} transport_offset=${tvalid ? skb_transport_offset(skb) : 0} ` +
    `tx_flags=${sh.tx_flags} gso_size=${sh.gso_size} gso_segs=${sh.gso_segs} gso_type=${hashx(sh.gso_type & 0xffff)}`);
}

/** include/trace/events/net.h:72 net_dev_xmit */
export function trace_net_dev_xmit(skb: sk_buff, rc: number, dev: net_device, skb_len: number): void {
  if (!tp.on || !trace_on('net_dev_xmit')) return;
  trace_emit('net_dev_xmit', `dev=${dev.name} skbaddr=${pK(skb.addr)} len=${skb_len} rc=${rc}`);
}

/** include/trace/events/net.h:122 net_dev_template (net_dev_queue, netif_receive_skb, netif_rx) */
function net_dev_template(event: string, skb: sk_buff): void {
  trace_emit(event, `dev=${skb.dev!.name} skbaddr=${pK(skb.addr)} len=${skb.len}`);
}
/** include/trace/events/net.h:144 net_dev_queue */
export function trace_net_dev_queue(skb: sk_buff): void {
  if (tp.on && trace_on('net_dev_queue')) net_dev_template('net_dev_queue', skb);
}
/** include/trace/events/net.h:151 netif_receive_skb */
export function trace_netif_receive_skb(skb: sk_buff): void {
  if (tp.on && trace_on('netif_receive_skb')) net_dev_template('netif_receive_skb', skb);
}
/** include/trace/events/net.h:158 netif_rx */
export function trace_netif_rx(skb: sk_buff): void {
  if (tp.on && trace_on('netif_rx')) net_dev_template('netif_rx', skb);
}

/** include/trace/events/net.h:165 net_dev_rx_verbose_template (netif_rx_entry and friends) */
function net_dev_rx_verbose_template(event: string, skb: sk_buff): void {
  const sh = skb_shinfo(skb);
  trace_emit(event,
    `dev=${skb.dev!.name} napi_id=${hashx(skb.napi_id)} queue_mapping=${skb.queue_mapping} skbaddr=${pK(skb.addr)} ` +
    `vlan_tagged=${skb_vlan_tag_present(skb) ? 1 : 0} vlan_proto=0x${x04(ntohs(skb.vlan_proto))} vlan_tci=0x${x04(skb.vlan_tci)} ` +
    `protocol=0x${x04(ntohs(skb.protocol))} ip_summed=${skb.ip_summed} hash=0x${(skb.hash >>> 0).toString(16).padStart(8, '0')} ` +
    `l4_hash=${skb.l4_hash} len=${skb.len} data_len=${skb.data_len} truesize=${skb.truesize} ` +
    `mac_header_valid=${skb_mac_header_was_set(skb) ? 1 : 0} mac_header=${skb_mac_header(skb) - skb.data} ` +
    `nr_frags=${sh.nr_frags} gso_size=${sh.gso_size} gso_type=${hashx(sh.gso_type & 0xffff)}`);
}
/** include/trace/events/net.h:257 netif_rx_entry */
export function trace_netif_rx_entry(skb: sk_buff): void {
  if (tp.on && trace_on('netif_rx_entry')) net_dev_rx_verbose_template('netif_rx_entry', skb);
}
/** include/trace/events/net.h:302 netif_rx_exit */
export function trace_netif_rx_exit(ret: number): void {
  if (tp.on && trace_on('netif_rx_exit')) trace_emit('netif_rx_exit', `ret=${ret}`);
}
