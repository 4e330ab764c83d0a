// SPDX-License-Identifier: GPL-2.0-only
/* `ip [-s] link show` output for kveth devices, in iproute2's format (ip/ipaddress.c print_linkinfo). */
import { kzalloc, GFP_KERNEL } from '../mm/slub';
import { bytes, rd64 } from '../sim/mem';
import {
  net_device, dev_net, netif_carrier_ok, IFF_UP, IFF_BROADCAST, IFF_MULTICAST, IFF_LOOPBACK, IFF_POINTOPOINT, IFF_NOARP,
  IFF_PROMISC, IFF_ALLMULTI, ndo,
} from '../include/linux/netdevice';
import { dev_get_stats, SIZEOF_RTNL_LINK_STATS64, stats64_off, __dev_get_by_index } from '../net/core/dev';
import { qdisc_enqueue_fn, noop_qdisc } from '../net/sched/sch_generic';
import { rtnl_link_ops_of } from '../net/core/rtnetlink';
import { IF_OPER_UP, IF_OPER_DOWN, IF_OPER_LOWERLAYERDOWN } from '../net/core/link_watch';

const OPER = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'];
const stats = kzalloc(SIZEOF_RTNL_LINK_STATS64, GFP_KERNEL);

function flag_list(dev: net_device): string {
  const f = dev.flags;
  const out: string[] = [];
  if (!netif_carrier_ok(dev) && f & IFF_UP) out.push('NO-CARRIER');
  if (f & IFF_LOOPBACK) out.push('LOOPBACK');
  if (f & IFF_BROADCAST) out.push('BROADCAST');
  if (f & IFF_POINTOPOINT) out.push('POINTOPOINT');
  if (f & IFF_MULTICAST) out.push('MULTICAST');
  if (f & IFF_NOARP) out.push('NOARP');
  if (f & IFF_ALLMULTI) out.push('ALLMULTI');
  if (f & IFF_PROMISC) out.push('PROMISC');
  if (f & IFF_UP) out.push('UP');
  if (f & IFF_UP && netif_carrier_ok(dev)) out.push('LOWER_UP');
  return out.join(',');
}
function macs(a: Uint8Array): string { return Array.from(a.subarray(0, 6), (x) => x.toString(16).padStart(2, '0')).join(':'); }
function col(vals: number[], widths: number[]): string {
  return `    ${vals.map((v, i) => String(v).padStart(widths[i]!)).join(' ')} `;
}

/** `ip [-s] link show dev` */
export function ip_link_show(dev: net_device, with_stats: boolean): string[] {
  const iflink = ndo(dev, 'ndo_get_iflink')?.(dev) ?? dev.ifindex;
  let name = dev.name;
  if (iflink !== dev.ifindex) {
    const peer = rtnl_link_ops_of(dev)?.get_link_net?.(dev);
    const same_ns = peer && peer.addr === dev_net(dev).addr;
    const p = same_ns ? __dev_get_by_index(dev_net(dev), iflink) : null;
    name += p ? `@${p.name}` : `@if${iflink}`;
  }
  const q = dev.qdisc === noop_qdisc ? 'noop' : qdisc_enqueue_fn(dev.qdisc) === null ? 'noqueue' : 'unknown';
  const out = [`${dev.ifindex}: ${name}: <${flag_list(dev)}> mtu ${dev.mtu} qdisc ${q} state ${OPER[dev.operstate] ?? 'UNKNOWN'} mode DEFAULT group default qlen ${dev.tx_queue_len}`];
  let l2 = `    link/ether ${macs(bytes(dev.dev_addr, 6))} brd ${macs(bytes(dev.broadcast_addr, 6))}`;
  const ln = rtnl_link_ops_of(dev)?.get_link_net?.(dev);
  if (ln && ln.addr !== dev_net(dev).addr) l2 += ln.ns_name ? ` link-netns ${ln.ns_name}` : ' link-netnsid 0';
  out.push(l2);
  if (with_stats) {
    dev_get_stats(dev, stats);
    const g = (k: string): number => rd64(stats + stats64_off[k]!);
    out.push('    RX:  bytes packets errors dropped  missed   mcast           ');
    out.push(col([g('rx_bytes'), g('rx_packets'), g('rx_errors'), g('rx_dropped'), g('rx_missed_errors'), g('multicast')], [10, 7, 6, 7, 7, 7]));
    out.push('    TX:  bytes packets errors dropped carrier collsns           ');
    out.push(col([g('tx_bytes'), g('tx_packets'), g('tx_errors'), g('tx_dropped'), g('tx_carrier_errors'), g('collisions')], [10, 7, 6, 7, 7, 7]));
  }
  return out;
}
export { IF_OPER_UP, IF_OPER_DOWN, IF_OPER_LOWERLAYERDOWN };
