// SPDX-License-Identifier: GPL-2.0-only
/*
 * drivers/net/veth.c: the virtual Ethernet pair.
 *
 * The default datapath is ported in full: veth_xmit forwards to the peer with __dev_forward_skb
 * and __netif_rx. The NAPI/XDP datapath (an XDP program attached, or GRO requested on the
 * receiver) is left out: rq->napi is never set, so veth_xmit's use_napi is always false, and the
 * branches that would need it say so where they stand.
 */
import { NULL, kaddr_t, rdptr, wrptr, rd64, wr64, rd32, memset } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { GFP_KERNEL, kvcalloc, kvfree, kzalloc } from '../../mm/slub';
import { ksym_register, wrfn, rdfn } from '../../sim/kallsyms';
import { num_possible_cpus } from '../../sim/percpu';
import {
  net_device, netdev_priv, dev_net, netdev_get_tx_queue, netif_tx_stop_queue, dev_sw_netstats_tx_add, IFF_UP,
  IFF_TX_SKB_SHARING, IFF_LIVE_ADDR_CHANGE, IFF_NO_QUEUE, IFF_PHONY_HEADROOM, IFF_DISABLE_NETPOLL, NET_RX_SUCCESS,
  NET_RX_DROP, NETDEV_TX_BUSY, NET_XMIT_DROP, netdev_tx_t, NETDEV_PCPU_STAT_TSTATS, GSO_MAX_SIZE, NET_NAME_USER,
  NET_NAME_ENUM, IFNAMSIZ, NETIF_F_SG, NETIF_F_FRAGLIST, NETIF_F_HW_CSUM, NETIF_F_RXCSUM, NETIF_F_SCTP_CRC,
  NETIF_F_HIGHDMA, NETIF_F_GSO_SOFTWARE, NETIF_F_GSO_ENCAP_ALL, NETIF_F_HW_VLAN_CTAG_TX, NETIF_F_HW_VLAN_CTAG_RX,
  NETIF_F_HW_VLAN_STAG_TX, NETIF_F_HW_VLAN_STAG_RX, NETIF_F_GRO, NETIF_F_ALL_TSO, NETIF_F_GRO_FRAGLIST, NETIF_F_GRO_UDP_FWD, SIZEOF_NET_DEVICE_OPS, ndo_slot, ndo_start_xmit_t,
  ndo_open_t, ndo_stop_t, ndo_init_t, ndo_get_stats64_t, ndo_get_iflink_t, ndo_get_peer_dev_t, ndo_set_rx_mode_t,
  ndo_set_mac_address_t,
} from '../../include/linux/netdevice';
import { sk_buff, pskb_may_pull, skb_get_queue_mapping, __skb_push } from '../../include/linux/skbuff';
import { kfree_skb } from '../../net/core/skbuff';
import { __dev_forward_skb, __netif_rx, register_netdevice, unregister_netdevice_queue, free_netdev,
  netdev_update_features, dev_fetch_sw_netstats, stats64_off, SIZEOF_RTNL_LINK_STATS64, netif_set_tso_max_size,
  netif_inherit_tso_max } from '../../net/core/dev';
import { netif_carrier_on, netif_carrier_off, qdisc_txq_has_no_queue } from '../../net/sched/sch_generic';
import { ether_setup, eth_mac_addr } from '../../net/ethernet/eth';
import { eth_hw_addr_random, is_valid_ether_addr } from '../../include/linux/etherdevice';
import { ETH_ALEN, ETH_HLEN, ETH_MAX_MTU, ETH_MIN_MTU } from '../../include/uapi/linux/if_ether';
import { EADDRNOTAVAIL, EINVAL, ENOMEM, ENOTCONN } from '../../include/uapi/linux/errno';
import { IFLA_ADDRESS, IFLA_IFNAME, IFLA_MAX, IFLA_MTU, IFLA_NUM_RX_QUEUES, IFLA_NUM_TX_QUEUES, VETH_INFO_MAX,
  VETH_INFO_PEER } from '../../include/uapi/linux/if_link';
import { nla_bytes, nla_data, nla_get_u32, nla_len, nla_string, nlattr_tb, nla_policy_table, NLA_UNSPEC } from '../../include/net/netlink';
import { net } from '../../include/net/net_namespace';
import { rtnl_link_register, rtnl_create_link, rtnl_configure_link, rtnl_link_get_net, rtnl_nla_parse_ifinfomsg,
  extack } from '../../net/core/rtnetlink';

const DRV_NAME = 'veth';

/* struct veth_priv, in the net_device's priv[] area */
const VP = struct_('veth_priv');
const OVP = { peer: VP.off('peer'), dropped: VP.off('dropped'), _xdp_prog: VP.off('_xdp_prog'), rq: VP.off('rq'),
  requested_headroom: VP.off('requested_headroom') };
export const SIZEOF_VETH_PRIV = VP.size;
export class veth_priv {
  constructor(readonly addr: kaddr_t) {}
  get peer(): net_device | null { const p = rdptr(this.addr + OVP.peer); return p === NULL ? null : new net_device(p); }
  set peer(d: net_device | null) { wrptr(this.addr + OVP.peer, d ? d.addr : NULL); }
  /** atomic64_t dropped */
  get dropped(): number { return rd64(this.addr + OVP.dropped); }
  set dropped(v: number) { wr64(this.addr + OVP.dropped, v); }
  get _xdp_prog(): kaddr_t { return rdptr(this.addr + OVP._xdp_prog); }
  get rq(): kaddr_t { return rdptr(this.addr + OVP.rq); }
  set rq(p: kaddr_t) { wrptr(this.addr + OVP.rq, p); }
}
/** netdev_priv(dev) as veth's typed view @sim */
export function veth_priv_of(dev: net_device): veth_priv { return netdev_priv(dev, veth_priv); }

/* struct veth_rq */
const RQ = struct_('veth_rq');
const ORQ = { napi: RQ.off('napi'), dev: RQ.off('dev'), stats: RQ.off('stats') };
const VS = struct_('veth_stats');
export const SIZEOF_VETH_RQ = RQ.size;
export class veth_rq {
  constructor(readonly addr: kaddr_t) {}
  get napi(): kaddr_t { return rdptr(this.addr + ORQ.napi); }
  get dev(): net_device | null { const p = rdptr(this.addr + ORQ.dev); return p === NULL ? null : new net_device(p); }
  set dev(d: net_device | null) { wrptr(this.addr + ORQ.dev, d ? d.addr : NULL); }
  stat(f: string): number { return rd64(this.addr + ORQ.stats + VS.off(f)); }
}

/** drivers/net/veth.c:311 veth_xdp_rx: only reachable on the NAPI path, which kveth leaves out */
function veth_xdp_rx(_rq: veth_rq, _skb: sk_buff): number {
  throw new Error('kveth: the veth NAPI/XDP datapath is not modelled');
}
/** drivers/net/veth.c:300 __veth_xdp_flush: NAPI path only (see veth_xdp_rx) */
function __veth_xdp_flush(_rq: veth_rq): void {
  throw new Error('kveth: the veth NAPI/XDP datapath is not modelled');
}

/** drivers/net/veth.c:319 veth_forward_skb */
function veth_forward_skb(dev: net_device, skb: sk_buff, rq: veth_rq | null, xdp: boolean): number {
  const r = __dev_forward_skb(dev, skb);
  if (r) return r;
  return xdp ? veth_xdp_rx(rq!, skb) : __netif_rx(skb);
}

/** drivers/net/veth.c:337 veth_skb_is_eligible_for_gro */
function veth_skb_is_eligible_for_gro(dev: net_device, rcv: net_device, skb: sk_buff): boolean {
  return !(dev.features & NETIF_F_ALL_TSO) ||
    (rdfn(skb.destructor_slot) === sock_wfree && (rcv.features & (NETIF_F_GRO_FRAGLIST | NETIF_F_GRO_UDP_FWD)) !== 0n);
}
/** net/core/sock.c:2594 sock_wfree: kveth's sockets do no write-memory accounting, so no skb carries it */
function sock_wfree(_skb: sk_buff): void {}

/** drivers/net/veth.c:346 veth_xmit */
export function veth_xmit(skb: sk_buff, dev: net_device): netdev_tx_t {
  const priv = veth_priv_of(dev);
  let rq: veth_rq | null = null;
  const length = skb.len;
  let use_napi = false;
  let ret: number;
  let rxq = 0;
  // rcu_read_lock()
  const rcv = priv.peer;
  drop: {
    if (!rcv || !pskb_may_pull(skb, ETH_HLEN)) {
      kfree_skb(skb, 'veth_xmit');
      break drop;
    }
    const rcv_priv = veth_priv_of(rcv);
    rxq = skb_get_queue_mapping(skb);
    if (rxq < rcv.real_num_rx_queues) {
      rq = new veth_rq(rcv_priv.rq + rxq * SIZEOF_VETH_RQ);
      // rq->napi is set only with XDP or GRO on the receiver, which kveth never enables
      use_napi = rq.napi !== NULL && veth_skb_is_eligible_for_gro(dev, rcv, skb);
    }
    // skb_tx_timestamp(skb): no SKBTX_SW_TSTAMP requests and no PHY timestamping
    ret = veth_forward_skb(rcv, skb, rq, use_napi);
    switch (ret) {
      case NET_RX_SUCCESS: // same value as NETDEV_TX_OK
        if (!use_napi) dev_sw_netstats_tx_add(dev, 1, length);
        else __veth_xdp_flush(rq!);
        return ret;
      case NETDEV_TX_BUSY: {
        // Only veth_xdp_rx returns BUSY, on the NAPI path; kept for the shape of the switch.
        const txq = netdev_get_tx_queue(dev, rxq);
        if (qdisc_txq_has_no_queue(txq)) {
          kfree_skb(skb, 'veth_xmit'); // dev_kfree_skb_any
          break drop;
        }
        __skb_push(skb, ETH_HLEN);
        netif_tx_stop_queue(txq);
        __veth_xdp_flush(rq!);
        return ret;
      }
      case NET_RX_DROP: // same value as NET_XMIT_DROP
        break drop;
      default:
        console.error(`veth_xmit(${dev.name}): Invalid return code(${ret})`);
        return ret;
    }
  }
  // drop:
  priv.dropped = priv.dropped + 1;
  return NET_XMIT_DROP;
}

/** drivers/net/veth.c:419 veth_stats_rx: sums the per-rq XDP counters (all zero without XDP/NAPI) */
function veth_stats_rx(dev: net_device): { rx_drops: number; xdp_packets: number; xdp_bytes: number; xdp_tx_err: number; peer_tq_xdp_xmit_err: number } {
  const r = { rx_drops: 0, xdp_packets: 0, xdp_bytes: 0, xdp_tx_err: 0, peer_tq_xdp_xmit_err: 0 };
  const priv = veth_priv_of(dev);
  for (let i = 0; i < dev.num_rx_queues; i++) {
    const rq = new veth_rq(priv.rq + i * SIZEOF_VETH_RQ);
    r.peer_tq_xdp_xmit_err += rq.stat('peer_tq_xdp_xmit_err');
    r.xdp_tx_err += rq.stat('xdp_tx_err');
    r.xdp_packets += rq.stat('xdp_packets');
    r.xdp_bytes += rq.stat('xdp_bytes');
    r.rx_drops += rq.stat('rx_drops');
  }
  return r;
}

/** drivers/net/veth.c:450 veth_get_stats64: fills a struct rtnl_link_stats64 at `tot` */
export function veth_get_stats64(dev: net_device, tot: kaddr_t): void {
  const priv = veth_priv_of(dev);
  const tot_peer = tot_peer_buf;
  const add = (f: string, v: number): void => { const o = stats64_off[f]!; wr64(tot + o, rd64(tot + o) + v); };
  const set = (f: string, v: number): void => { wr64(tot + stats64_off[f]!, v); };
  set('tx_dropped', priv.dropped);
  dev_fetch_sw_netstats(tot, dev.tstats);
  let rx = veth_stats_rx(dev);
  add('tx_dropped', rx.xdp_tx_err);
  set('rx_dropped', rx.rx_drops + rx.peer_tq_xdp_xmit_err);
  add('rx_bytes', rx.xdp_bytes);
  add('rx_packets', rx.xdp_packets);
  // rcu_read_lock()
  const peer = priv.peer;
  if (peer) {
    memset(tot_peer, 0, SIZEOF_RTNL_LINK_STATS64); // struct rtnl_link_stats64 tot_peer = {}
    dev_fetch_sw_netstats(tot_peer, peer.tstats);
    add('rx_bytes', rd64(tot_peer + stats64_off.tx_bytes!));
    add('rx_packets', rd64(tot_peer + stats64_off.tx_packets!));
    rx = veth_stats_rx(peer);
    add('tx_dropped', rx.peer_tq_xdp_xmit_err);
    add('rx_dropped', rx.xdp_tx_err);
    add('tx_bytes', rx.xdp_bytes);
    add('tx_packets', rx.xdp_packets);
  }
}

/** veth_get_stats64's `struct rtnl_link_stats64 tot_peer` (a stack local; the function does not nest) @sim */
const tot_peer_buf: kaddr_t = kzalloc(SIZEOF_RTNL_LINK_STATS64, GFP_KERNEL);

/** drivers/net/veth.c:1392 veth_open */
export function veth_open(dev: net_device): number {
  const priv = veth_priv_of(dev);
  const peer = priv.peer;
  if (!peer) return -ENOTCONN;
  if (priv._xdp_prog) {
    throw new Error('kveth: veth_enable_xdp is not modelled (no XDP programs)');
  } else if (veth_gro_requested(dev)) {
    throw new Error('kveth: veth_napi_enable is not modelled (GRO stays off on veth)');
  }
  if (peer.flags & IFF_UP) {
    netif_carrier_on(dev);
    netif_carrier_on(peer);
  }
  // veth_set_xdp_features(dev), (peer): xdp_features are not modelled
  return 0;
}
/** drivers/net/veth.c:1114 veth_gro_requested */
function veth_gro_requested(dev: net_device): boolean { return (dev.wanted_features & NETIF_F_GRO) !== 0n; }

/** drivers/net/veth.c:1422 veth_close */
export function veth_close(dev: net_device): number {
  const priv = veth_priv_of(dev);
  const peer = priv.peer;
  netif_carrier_off(dev);
  if (peer) netif_carrier_off(peer);
  // veth_disable_xdp / veth_napi_del: nothing to undo (see veth_open)
  return 0;
}

/** drivers/net/veth.c:1439 is_valid_veth_mtu */
function is_valid_veth_mtu(mtu: number): boolean { return mtu >= ETH_MIN_MTU && mtu <= ETH_MAX_MTU; }

/** drivers/net/veth.c:1444 veth_alloc_queues */
function veth_alloc_queues(dev: net_device): number {
  const priv = veth_priv_of(dev);
  const rq = kvcalloc(dev.num_rx_queues, SIZEOF_VETH_RQ, GFP_KERNEL);
  if (!rq) return -ENOMEM;
  priv.rq = rq;
  for (let i = 0; i < dev.num_rx_queues; i++) new veth_rq(rq + i * SIZEOF_VETH_RQ).dev = dev;
  return 0;
}
/** drivers/net/veth.c:1462 veth_free_queues */
function veth_free_queues(dev: net_device): void { kvfree(veth_priv_of(dev).rq); }
/** drivers/net/veth.c:1469 veth_dev_init */
export function veth_dev_init(dev: net_device): number { return veth_alloc_queues(dev); }
/** drivers/net/veth.c:1475 veth_dev_free */
function veth_dev_free(dev: net_device): void { veth_free_queues(dev); }

/** drivers/net/veth.c:1495 veth_get_iflink */
export function veth_get_iflink(dev: net_device): number {
  const peer = veth_priv_of(dev).peer;
  return peer ? peer.ifindex : 0;
}
/** drivers/net/veth.c:494 veth_peer_dev */
export function veth_peer_dev(dev: net_device): net_device | null { return veth_priv_of(dev).peer; }
/** drivers/net/veth.c:485 veth_set_multicast_list: an empty op, so the device claims multicast without filters */
export function veth_set_multicast_list(_dev: net_device): void {}

/* drivers/net/veth.c:1711 veth_netdev_ops: a struct net_device_ops in simulated rodata */
export const veth_netdev_ops: kaddr_t = kzalloc(SIZEOF_NET_DEVICE_OPS, GFP_KERNEL);
wrfn(veth_netdev_ops + ndo_slot.ndo_init, ksym_register('veth_dev_init', veth_dev_init satisfies ndo_init_t));
wrfn(veth_netdev_ops + ndo_slot.ndo_open, ksym_register('veth_open', veth_open satisfies ndo_open_t));
wrfn(veth_netdev_ops + ndo_slot.ndo_stop, ksym_register('veth_close', veth_close satisfies ndo_stop_t));
wrfn(veth_netdev_ops + ndo_slot.ndo_start_xmit, ksym_register('veth_xmit', veth_xmit satisfies ndo_start_xmit_t));
wrfn(veth_netdev_ops + ndo_slot.ndo_get_stats64, ksym_register('veth_get_stats64', veth_get_stats64 satisfies ndo_get_stats64_t));
wrfn(veth_netdev_ops + ndo_slot.ndo_set_rx_mode, ksym_register('veth_set_multicast_list', veth_set_multicast_list satisfies ndo_set_rx_mode_t));
wrfn(veth_netdev_ops + ndo_slot.ndo_set_mac_address, eth_mac_addr satisfies ndo_set_mac_address_t);
wrfn(veth_netdev_ops + ndo_slot.ndo_get_iflink, ksym_register('veth_get_iflink', veth_get_iflink satisfies ndo_get_iflink_t));
wrfn(veth_netdev_ops + ndo_slot.ndo_get_peer_dev, ksym_register('veth_peer_dev', veth_peer_dev satisfies ndo_get_peer_dev_t));
// ndo_fix_features, ndo_set_features, ndo_features_check, ndo_set_rx_headroom, ndo_bpf, ndo_xdp_xmit: the
// feature-negotiation and XDP callbacks are not ported (no feature changes or XDP in kveth).
ksym_register('veth_dev_free', veth_dev_free);

/** drivers/net/veth.c:1738 VETH_FEATURES */
export const VETH_FEATURES = NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HW_CSUM | NETIF_F_RXCSUM | NETIF_F_SCTP_CRC |
  NETIF_F_HIGHDMA | NETIF_F_GSO_SOFTWARE | NETIF_F_GSO_ENCAP_ALL | NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_CTAG_RX |
  NETIF_F_HW_VLAN_STAG_TX | NETIF_F_HW_VLAN_STAG_RX;

/** drivers/net/veth.c:1744 veth_setup */
export function veth_setup(dev: net_device): void {
  ether_setup(dev);
  dev.priv_flags = dev.priv_flags & ~IFF_TX_SKB_SHARING;
  dev.priv_flags = dev.priv_flags | IFF_LIVE_ADDR_CHANGE;
  dev.priv_flags = dev.priv_flags | IFF_NO_QUEUE;
  dev.priv_flags = dev.priv_flags | IFF_PHONY_HEADROOM;
  dev.priv_flags = dev.priv_flags | IFF_DISABLE_NETPOLL;
  dev.lltx = 1;
  dev.netdev_ops = veth_netdev_ops;
  // xdp_metadata_ops and ethtool_ops: not modelled
  dev.features = dev.features | VETH_FEATURES;
  dev.vlan_features = dev.features & ~(NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX | NETIF_F_HW_VLAN_CTAG_RX | NETIF_F_HW_VLAN_STAG_RX);
  dev.needs_free_netdev = 1;
  wrfn(dev.addr + PRIV_DESTRUCTOR_OFF, veth_dev_free);
  dev.pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
  dev.max_mtu = ETH_MAX_MTU;
  dev.hw_features = VETH_FEATURES;
  dev.hw_enc_features = VETH_FEATURES;
  dev.mpls_features = NETIF_F_HW_CSUM | NETIF_F_GSO_SOFTWARE;
  netif_set_tso_max_size(dev, GSO_MAX_SIZE);
}
const PRIV_DESTRUCTOR_OFF = struct_('net_device').off('priv_destructor');

/** drivers/net/veth.c:1779 veth_validate */
export function veth_validate(tb: nlattr_tb, _data: nlattr_tb | null, _extack?: extack): number {
  if (tb[IFLA_ADDRESS]) {
    if (nla_len(tb[IFLA_ADDRESS]!) !== ETH_ALEN) return -EINVAL;
    if (!is_valid_ether_addr(nla_bytes(tb[IFLA_ADDRESS]!))) return -EADDRNOTAVAIL;
  }
  if (tb[IFLA_MTU]) {
    if (!is_valid_veth_mtu(nla_get_u32(tb[IFLA_MTU]!) | 0)) return -EINVAL;
  }
  return 0;
}

/** drivers/net/veth.c:1797 veth_disable_gro */
function veth_disable_gro(dev: net_device): void {
  dev.features = dev.features & ~NETIF_F_GRO;
  dev.wanted_features = dev.wanted_features & ~NETIF_F_GRO;
  netdev_update_features(dev);
}
/** drivers/net/veth.c:1804 veth_init_queues (netif_set_real_num_*_queues down to 1) */
function veth_init_queues(dev: net_device, tb: nlattr_tb): number {
  if (!tb[IFLA_NUM_TX_QUEUES] && dev.num_tx_queues > 1) dev.real_num_tx_queues = 1;
  if (!tb[IFLA_NUM_RX_QUEUES] && dev.num_rx_queues > 1) dev.real_num_rx_queues = 1;
  return 0;
}

/** drivers/net/veth.c:1821 veth_newlink */
export function veth_newlink(src_net: net, dev: net_device, tb: nlattr_tb, data: nlattr_tb | null, ext: extack): number {
  let err: number;
  let ifmp: kaddr_t = NULL;
  let tbp: nlattr_tb;
  const peer_tb: nlattr_tb = new Array(IFLA_MAX + 1).fill(0);
  if (data && data[VETH_INFO_PEER]) {
    const nla_peer = data[VETH_INFO_PEER]!;
    ifmp = nla_data(nla_peer);
    err = rtnl_nla_parse_ifinfomsg(peer_tb, nla_peer, ext);
    if (err < 0) return err;
    err = veth_validate(peer_tb, null);
    if (err < 0) return err;
    tbp = peer_tb;
  } else {
    tbp = tb;
  }
  let ifname: string, name_assign_type: number;
  if (ifmp && tbp[IFLA_IFNAME]) {
    ifname = nla_string(tbp[IFLA_IFNAME]!).slice(0, IFNAMSIZ - 1);
    name_assign_type = NET_NAME_USER;
  } else {
    ifname = `${DRV_NAME}%d`;
    name_assign_type = NET_NAME_ENUM;
  }
  const [n, nerr] = rtnl_link_get_net(src_net, tbp);
  if (!n) return nerr;
  const [peer, perr] = rtnl_create_link(n, ifname, name_assign_type, veth_link_ops, tbp, ext);
  if (!peer) return perr; // put_net(net)
  if (!ifmp || !tbp[IFLA_ADDRESS]) eth_hw_addr_random(peer);
  if (ifmp && dev.ifindex !== 0) peer.ifindex = rd32(ifmp + 4) | 0;
  netif_inherit_tso_max(peer, dev);
  err = register_netdevice(peer);
  // put_net(net)
  if (err < 0) { free_netdev(peer); return err; } // err_register_peer
  veth_disable_gro(peer);
  netif_carrier_off(peer);
  err = rtnl_configure_link(peer, ifmp);
  if (err < 0) { unregister_netdevice_queue(peer, null); return err; } // err_configure_peer
  if (!tb[IFLA_ADDRESS]) eth_hw_addr_random(dev);
  if (tb[IFLA_IFNAME]) dev.name = nla_string(tb[IFLA_IFNAME]!).slice(0, IFNAMSIZ - 1);
  else dev.name = `${DRV_NAME}%d`;
  err = register_netdevice(dev);
  if (err < 0) { unregister_netdevice_queue(peer, null); return err; } // err_register_dev
  netif_carrier_off(dev);
  // Tie the two ends together.
  err_queues: {
    veth_priv_of(dev).peer = peer;
    err = veth_init_queues(dev, tb);
    if (err) break err_queues;
    veth_priv_of(peer).peer = dev;
    err = veth_init_queues(peer, tb);
    if (err) break err_queues;
    veth_disable_gro(dev);
    // veth_set_xdp_features(dev), (peer): not modelled
    return 0;
  }
  unregister_netdevice_queue(dev, null); // unregister_netdevice(dev)
  unregister_netdevice_queue(peer, null); // err_configure_peer
  return err;
}

/** drivers/net/veth.c:1956 veth_dellink */
export function veth_dellink(dev: net_device, head: net_device[] | null): void {
  const priv = veth_priv_of(dev);
  const peer = priv.peer;
  priv.peer = null; // RCU_INIT_POINTER
  unregister_netdevice_queue(dev, head);
  if (peer) {
    veth_priv_of(peer).peer = null;
    unregister_netdevice_queue(peer, head);
  }
}
/** drivers/net/veth.c:1982 veth_get_link_net */
export function veth_get_link_net(dev: net_device): net {
  const peer = veth_priv_of(dev).peer;
  return peer ? dev_net(peer) : dev_net(dev);
}
/** drivers/net/veth.c:1990 veth_get_num_queues */
export function veth_get_num_queues(): number {
  // capped at rtnl_create_link's 4096-queue limit
  return Math.min(num_possible_cpus(), 4096);
}

/** drivers/net/veth.c:1978 veth_policy: VETH_INFO_PEER must hold at least a struct ifinfomsg */
export const veth_policy: nla_policy_table = [undefined, { type: NLA_UNSPEC, len: 16 }];

/** drivers/net/veth.c:2000 veth_link_ops */
export const veth_link_ops = rtnl_link_register({
  kind: DRV_NAME,
  priv_size: SIZEOF_VETH_PRIV,
  maxtype: VETH_INFO_MAX,
  policy: veth_policy,
  setup: ksym_register('veth_setup', veth_setup),
  validate: veth_validate,
  newlink: veth_newlink,
  dellink: veth_dellink,
  get_link_net: veth_get_link_net,
  get_num_tx_queues: veth_get_num_queues,
  get_num_rx_queues: veth_get_num_queues,
});
