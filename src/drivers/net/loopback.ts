// SPDX-License-Identifier: GPL-2.0-only
/*
 * drivers/net/loopback.c: the per-namespace loopback device `lo` (ifindex 1, IFF_LOOPBACK,
 * mtu 65536), registered when a namespace is set up. Its transmit path (loopback_xmit) is not
 * ported: kveth configures no addresses, so nothing is ever routed to lo, and ndo_start_xmit
 * stays NULL. No ethtool ops are modelled.
 */
import { NULL, kaddr_t, rd8, rd64, wr8, wr64 } from '../../sim/mem';
import { GFP_KERNEL, kzalloc } from '../../mm/slub';
import { ksym_register, wrfn } from '../../sim/kallsyms';
import { nr_cpu_ids, per_cpu_ptr } from '../../sim/percpu';
import { struct_ } from '../../sim/layout';
import {
  net_device, IFF_LOOPBACK, IFF_LIVE_ADDR_CHANGE, IFF_NO_QUEUE, NETDEV_PCPU_STAT_LSTATS, NET_NAME_PREDICTABLE,
  NETIF_F_SG, NETIF_F_FRAGLIST, NETIF_F_GSO_SOFTWARE, NETIF_F_HW_CSUM, NETIF_F_RXCSUM, NETIF_F_SCTP_CRC, NETIF_F_HIGHDMA,
  NETIF_F_VLAN_CHALLENGED, NETIF_F_LOOPBACK, GSO_MAX_SIZE, SIZEOF_NET_DEVICE_OPS, ndo_slot, dev_net_set, dev_net,
  IFF_XMIT_DST_RELEASE, IFF_XMIT_DST_RELEASE_PERM,
} from '../../include/linux/netdevice';
import { ENOMEM } from '../../include/uapi/linux/errno';
import { ARPHRD_LOOPBACK } from '../../include/uapi/linux/if_arp';
import { ETH_ALEN, ETH_HLEN } from '../../include/uapi/linux/if_ether';
import { eth_mac_addr, eth_header_ops } from '../../net/ethernet/eth';
import { alloc_netdev_mqs, free_netdev, register_netdevice, stats64_off, SIZEOF_PCPU_LSTATS, netif_set_tso_max_size } from '../../net/core/dev';
import type { net } from '../../include/net/net_namespace';

const ND = struct_('net_device');
const NETNS_IMMUTABLE = ND.bits('netns_immutable');
const OFF_priv_destructor = ND.off('priv_destructor');
/* include/net/flow.h:24 LOOPBACK_IFINDEX */
const LOOPBACK_IFINDEX = 1;

/** drivers/net/loopback.c:119 loopback_get_stats64: the per-CPU packet/byte counters, seen both ways */
export function loopback_get_stats64(dev: net_device, stats: kaddr_t): void {
  let bytes = 0, packets = 0;
  for (let i = 0; i < nr_cpu_ids; i++) { // dev_lstats_read (drivers/net/loopback.c:95)
    const lb = per_cpu_ptr(dev.tstats, SIZEOF_PCPU_LSTATS, i, 32); // dev->lstats
    packets += rd64(lb);
    bytes += rd64(lb + 8);
  }
  wr64(stats + stats64_off.rx_packets!, packets);
  wr64(stats + stats64_off.tx_packets!, packets);
  wr64(stats + stats64_off.rx_bytes!, bytes);
  wr64(stats + stats64_off.tx_bytes!, bytes);
}
/** drivers/net/loopback.c:142 loopback_dev_init: the lstats come from netdev_do_alloc_pcpu_stats (LSTATS) */
export function loopback_dev_init(_dev: net_device): number { return 0; }
/** drivers/net/loopback.c:148 loopback_dev_free */
export function loopback_dev_free(dev: net_device): void {
  dev_net(dev).loopback_dev = NULL;
}

/** drivers/net/loopback.c:153 loopback_ops */
export const loopback_ops: kaddr_t = kzalloc(SIZEOF_NET_DEVICE_OPS, GFP_KERNEL);
wrfn(loopback_ops + ndo_slot.ndo_init, ksym_register('loopback_dev_init', loopback_dev_init));
wrfn(loopback_ops + ndo_slot.ndo_get_stats64, ksym_register('loopback_get_stats64', loopback_get_stats64));
wrfn(loopback_ops + ndo_slot.ndo_set_mac_address, eth_mac_addr);
ksym_register('loopback_dev_free', loopback_dev_free);

/** drivers/net/loopback.c:160 gen_lo_setup */
function gen_lo_setup(dev: net_device, mtu: number, hdr_ops: kaddr_t, dev_ops: kaddr_t, dev_destructor: (d: net_device) => void): void {
  dev.mtu = mtu;
  dev.hard_header_len = ETH_HLEN;
  dev.min_header_len = ETH_HLEN;
  dev.addr_len = ETH_ALEN;
  dev.type = ARPHRD_LOOPBACK;
  dev.flags = IFF_LOOPBACK;
  dev.priv_flags = dev.priv_flags | IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
  dev.lltx = 1;
  wr8(dev.addr + NETNS_IMMUTABLE[0], rd8(dev.addr + NETNS_IMMUTABLE[0]) | NETNS_IMMUTABLE[2]); // dev->netns_immutable = true
  dev.priv_flags = dev.priv_flags & ~(IFF_XMIT_DST_RELEASE | IFF_XMIT_DST_RELEASE_PERM); // netif_keep_dst
  // dev->ethtool_ops = eth_ops: no ethtool ops are modelled
  dev.hw_features = NETIF_F_GSO_SOFTWARE;
  dev.features = NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_GSO_SOFTWARE | NETIF_F_HW_CSUM | NETIF_F_RXCSUM | NETIF_F_SCTP_CRC |
    NETIF_F_HIGHDMA | NETIF_F_VLAN_CHALLENGED | NETIF_F_LOOPBACK;
  dev.header_ops = hdr_ops;
  dev.netdev_ops = dev_ops;
  dev.needs_free_netdev = 1;
  dev.pcpu_stat_type = NETDEV_PCPU_STAT_LSTATS;
  wrfn(dev.addr + OFF_priv_destructor, dev_destructor);
  netif_set_tso_max_size(dev, GSO_MAX_SIZE);
}
/** drivers/net/loopback.c:199 loopback_setup */
export function loopback_setup(dev: net_device): void {
  gen_lo_setup(dev, 64 * 1024, eth_header_ops, loopback_ops, loopback_dev_free);
}
ksym_register('loopback_setup', loopback_setup);

/** drivers/net/loopback.c:206 loopback_net_init: returns 0 or -errno */
export function loopback_net_init(n: net): number {
  const dev = alloc_netdev_mqs(0, 'lo', NET_NAME_PREDICTABLE, loopback_setup, 1, 1);
  if (!dev) return -ENOMEM;
  dev_net_set(dev, n);
  const err = register_netdevice(dev); // register_netdev
  if (err) { free_netdev(dev); return err; } // (init_net: panic)
  if (dev.ifindex !== LOOPBACK_IFINDEX) throw new Error('kernel BUG at drivers/net/loopback.c:221 (lo is not ifindex 1)');
  n.loopback_dev = dev.addr;
  return 0;
}
