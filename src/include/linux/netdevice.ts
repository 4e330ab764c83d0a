// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/linux/netdevice.h: struct net_device and friends as views over simulated memory, the
 * constants, and the header's inline helpers on the veth path.
 */
import { NULL, kaddr_t, rd32, rd64, rd8, rdptr, rdstr, wr32, wr64, wr8, wrptr, wrstr } from '../../sim/mem';
import { jiffies } from '../../sim/clock';
import { struct_ } from '../../sim/layout';
import { define_fields, int_off } from '../../sim/view';
import { fast_exports } from '../../sim/fast_exports';
import { rdfn } from '../../sim/kallsyms';
import { per_cpu_ptr, smp_processor_id } from '../../sim/percpu';
import { ETH_HLEN } from '../uapi/linux/if_ether';
import type { __be16 } from '../uapi/linux/types';
import {
  sk_buff, skb_is_gso, skb_orphan_frags,
} from './skbuff';
import { skb_scrub_packet, kfree_skb } from '../../net/core/skbuff';
import { netdev_core_stats_inc } from '../../net/core/dev';
import type { net } from '../net/net_namespace';
import { net_of } from '../net/net_namespace';

/* include/uapi/linux/if.h net_device_flags */
export const IFF_UP = 1 << 0;
export const IFF_BROADCAST = 1 << 1;
export const IFF_DEBUG = 1 << 2;
export const IFF_LOOPBACK = 1 << 3;
export const IFF_POINTOPOINT = 1 << 4;
export const IFF_NOTRAILERS = 1 << 5;
export const IFF_RUNNING = 1 << 6;
export const IFF_NOARP = 1 << 7;
export const IFF_PROMISC = 1 << 8;
export const IFF_ALLMULTI = 1 << 9;
export const IFF_MASTER = 1 << 10;
export const IFF_SLAVE = 1 << 11;
export const IFF_MULTICAST = 1 << 12;
export const IFF_PORTSEL = 1 << 13;
export const IFF_AUTOMEDIA = 1 << 14;
export const IFF_DYNAMIC = 1 << 15;
export const IFF_LOWER_UP = 1 << 16;
export const IFF_DORMANT = 1 << 17;
export const IFF_ECHO = 1 << 18;
/** include/uapi/linux/if.h IFF_VOLATILE: the flags userspace cannot set */
export const IFF_VOLATILE = IFF_LOOPBACK | IFF_POINTOPOINT | IFF_BROADCAST | IFF_ECHO | IFF_MASTER | IFF_SLAVE |
  IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT;

/* enum netdev_priv_flags */
export const IFF_XMIT_DST_RELEASE = 1 << 5;
export const IFF_DONT_BRIDGE = 1 << 6;
export const IFF_DISABLE_NETPOLL = 1 << 7;
export const IFF_TX_SKB_SHARING = 1 << 11;
export const IFF_LIVE_ADDR_CHANGE = 1 << 15;
export const IFF_XMIT_DST_RELEASE_PERM = 1 << 17;
export const IFF_NO_QUEUE = 1 << 19;
export const IFF_PHONY_HEADROOM = 1 << 24;

/* enum netdev_state_t: bit numbers in dev->state */
export const __LINK_STATE_START = 0;
export const __LINK_STATE_PRESENT = 1;
export const __LINK_STATE_NOCARRIER = 2;
export const __LINK_STATE_LINKWATCH_PENDING = 3;
export const __LINK_STATE_DORMANT = 4;
export const __LINK_STATE_TESTING = 5;

/* enum netdev_reg_state */
export const NETREG_UNINITIALIZED = 0;
export const NETREG_REGISTERED = 1;
export const NETREG_UNREGISTERING = 2;
export const NETREG_UNREGISTERED = 3;
export const NETREG_RELEASED = 4;
export const NETREG_DUMMY = 5;

/* rtnl_link_state */
export const RTNL_LINK_INITIALIZED = 0;
export const RTNL_LINK_INITIALIZING = 1;

/* include/uapi/linux/netdevice.h name and address assignment types */
export const NET_NAME_UNKNOWN = 0;
export const NET_NAME_ENUM = 1;
export const NET_NAME_PREDICTABLE = 2;
export const NET_NAME_USER = 3;
export const NET_NAME_RENAMED = 4;
export const NET_ADDR_PERM = 0;
export const NET_ADDR_RANDOM = 1;
export const NET_ADDR_STOLEN = 2;
export const NET_ADDR_SET = 3;

/* enum netdev_stat_type */
export const NETDEV_PCPU_STAT_NONE = 0;
export const NETDEV_PCPU_STAT_LSTATS = 1;
export const NETDEV_PCPU_STAT_TSTATS = 2;
export const NETDEV_PCPU_STAT_DSTATS = 3;

/* Transmit and receive return codes */
export const NET_RX_SUCCESS = 0;
export const NET_RX_DROP = 1;
export const NET_XMIT_SUCCESS = 0x00;
export const NET_XMIT_DROP = 0x01;
export const NET_XMIT_CN = 0x02;
export const NET_XMIT_MASK = 0x0f;
export const NETDEV_TX_OK = 0x00;
export const NETDEV_TX_BUSY = 0x10;
export type netdev_tx_t = number;

/* enum rx_handler_result */
export const RX_HANDLER_CONSUMED = 0;
export const RX_HANDLER_ANOTHER = 1;
export const RX_HANDLER_EXACT = 2;
export const RX_HANDLER_PASS = 3;

export const MAX_ADDR_LEN = 32;
export const IFNAMSIZ = 16;
export const GSO_MAX_SIZE = 8 * 65535;
export const GSO_LEGACY_MAX_SIZE = 65536;
/** include/linux/netdevice.h:2257 GRO_LEGACY_MAX_SIZE */
export const GRO_LEGACY_MAX_SIZE = 65536;
/** include/linux/netdevice.h:2261 GRO_MAX_SIZE */
export const GRO_MAX_SIZE = 8 * 65535;
export const TSO_LEGACY_MAX_SIZE = 65536;
export const TSO_MAX_SEGS = 65535;
export const GSO_MAX_SEGS = 65535;
export const DEFAULT_TX_QUEUE_LEN = 1000;

/* include/linux/netdev_features.h: feature bits (6.12.117 enum order); u64, kept as bigint */
export const NETIF_F_SG = 1n << 0n;
export const NETIF_F_IP_CSUM = 1n << 1n;
export const NETIF_F_HW_CSUM = 1n << 2n;
export const NETIF_F_IPV6_CSUM = 1n << 3n;
export const NETIF_F_HIGHDMA = 1n << 4n;
export const NETIF_F_FRAGLIST = 1n << 5n;
export const NETIF_F_HW_VLAN_CTAG_TX = 1n << 6n;
export const NETIF_F_HW_VLAN_CTAG_RX = 1n << 7n;
export const NETIF_F_HW_VLAN_CTAG_FILTER = 1n << 8n;
export const NETIF_F_VLAN_CHALLENGED = 1n << 9n;
export const NETIF_F_GSO = 1n << 10n;
export const NETIF_F_GRO = 1n << 11n;
export const NETIF_F_LRO = 1n << 12n;
export const NETIF_F_TSO = 1n << 13n;
export const NETIF_F_GSO_ROBUST = 1n << 14n;
export const NETIF_F_TSO_ECN = 1n << 15n;
export const NETIF_F_TSO_MANGLEID = 1n << 16n;
export const NETIF_F_TSO6 = 1n << 17n;
export const NETIF_F_FSO = 1n << 18n;
export const NETIF_F_GSO_GRE = 1n << 19n;
export const NETIF_F_GSO_GRE_CSUM = 1n << 20n;
export const NETIF_F_GSO_IPXIP4 = 1n << 21n;
export const NETIF_F_GSO_IPXIP6 = 1n << 22n;
export const NETIF_F_GSO_UDP_TUNNEL = 1n << 23n;
export const NETIF_F_GSO_UDP_TUNNEL_CSUM = 1n << 24n;
export const NETIF_F_GSO_PARTIAL = 1n << 25n;
export const NETIF_F_GSO_TUNNEL_REMCSUM = 1n << 26n;
export const NETIF_F_GSO_SCTP = 1n << 27n;
export const NETIF_F_GSO_ESP = 1n << 28n;
export const NETIF_F_GSO_UDP = 1n << 29n;
export const NETIF_F_GSO_UDP_L4 = 1n << 30n;
export const NETIF_F_GSO_FRAGLIST = 1n << 31n;
export const NETIF_F_FCOE_CRC = 1n << 32n;
export const NETIF_F_SCTP_CRC = 1n << 33n;
export const NETIF_F_NTUPLE = 1n << 34n;
export const NETIF_F_RXHASH = 1n << 35n;
export const NETIF_F_RXCSUM = 1n << 36n;
export const NETIF_F_NOCACHE_COPY = 1n << 37n;
export const NETIF_F_LOOPBACK = 1n << 38n;
export const NETIF_F_RXFCS = 1n << 39n;
export const NETIF_F_RXALL = 1n << 40n;
export const NETIF_F_HW_VLAN_STAG_TX = 1n << 41n;
export const NETIF_F_HW_VLAN_STAG_RX = 1n << 42n;
export const NETIF_F_HW_VLAN_STAG_FILTER = 1n << 43n;
export const NETIF_F_GRO_FRAGLIST = 1n << 53n;
export const NETIF_F_GRO_UDP_FWD = 1n << 55n;
export const NETIF_F_ALL_TSO = NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_TSO_ECN | NETIF_F_TSO_MANGLEID;
export const NETIF_F_GSO_SOFTWARE = NETIF_F_ALL_TSO | NETIF_F_GSO_SCTP | NETIF_F_GSO_UDP_L4 | NETIF_F_GSO_FRAGLIST;
export const NETIF_F_GSO_ENCAP_ALL = NETIF_F_GSO_GRE | NETIF_F_GSO_GRE_CSUM | NETIF_F_GSO_IPXIP4 | NETIF_F_GSO_IPXIP6 |
  NETIF_F_GSO_UDP_TUNNEL | NETIF_F_GSO_UDP_TUNNEL_CSUM;
export const NETIF_F_SOFT_FEATURES = NETIF_F_GSO | NETIF_F_GRO;
export const NETIF_F_SOFT_FEATURES_OFF = NETIF_F_GRO_FRAGLIST | NETIF_F_GRO_UDP_FWD;

const ND = struct_('net_device');
export const SIZEOF_NET_DEVICE = ND.size;
const OFF_priv = ND.off('priv');
const OFF_features = ND.off('features');
const OFF_hw_features = ND.off('hw_features');
const OFF_wanted_features = ND.off('wanted_features');
const OFF_vlan_features = ND.off('vlan_features');
const OFF_hw_enc_features = ND.off('hw_enc_features');
const OFF_mpls_features = ND.off('mpls_features');
const OFF_name = ND.off('name');
const OFF_broadcast = ND.off('broadcast');
const OFF_perm_addr = ND.off('perm_addr');
const OFF_state = ND.off('state');
const OFF_nd_net = ND.off('nd_net');
const OFF_lltx = ND.bits('lltx');

/** struct net_device */
export class net_device {
  constructor(readonly addr: kaddr_t) {}
  declare priv_flags: number;
  declare netdev_ops: kaddr_t;
  declare header_ops: kaddr_t;
  declare _tx: kaddr_t;
  declare real_num_tx_queues: number;
  declare mtu: number;
  declare needed_headroom: number;
  declare needed_tailroom: number;
  declare tstats: kaddr_t;
  declare flags: number;
  declare hard_header_len: number;
  declare pcpu_stat_type: number;
  declare xdp_prog: kaddr_t;
  declare ifindex: number;
  declare real_num_rx_queues: number;
  declare _rx: kaddr_t;
  declare rx_handler: kaddr_t;
  declare rx_handler_data: kaddr_t;
  declare min_mtu: number;
  declare max_mtu: number;
  declare type: number;
  declare min_header_len: number;
  declare name_assign_type: number;
  declare group: number;
  declare core_stats: kaddr_t;
  declare carrier_up_count: number;
  declare carrier_down_count: number;
  declare ethtool_ops: kaddr_t;
  declare operstate: number;
  declare link_mode: number;
  declare addr_assign_type: number;
  declare addr_len: number;
  declare priv_len: number;
  declare dev_addr: kaddr_t;
  declare num_rx_queues: number;
  declare num_tx_queues: number;
  declare tx_queue_len: number;
  declare qdisc: kaddr_t;
  declare reg_state: number;
  declare rtnl_link_state: number;
  declare needs_free_netdev: number;
  declare priv_destructor: kaddr_t;
  declare rtnl_link_ops: kaddr_t;
  declare gso_max_size: number;
  declare gso_max_segs: number;
  declare gro_max_size: number;
  declare tso_max_size: number;
  declare tso_max_segs: number;
  declare gso_ipv4_max_size: number;
  declare gro_ipv4_max_size: number;
  declare xdp_zc_max_segs: number;
  declare upper_level: number;
  declare lower_level: number;
  declare promiscuity: number;
  declare allmulti: number;

  get name(): string { return rdstr(this.addr + OFF_name, IFNAMSIZ); }
  set name(s: string) { wrstr(this.addr + OFF_name, s, IFNAMSIZ); }
  get name_addr(): kaddr_t { return this.addr + OFF_name; }
  get broadcast_addr(): kaddr_t { return this.addr + OFF_broadcast; }
  get perm_addr_addr(): kaddr_t { return this.addr + OFF_perm_addr; }
  get state_addr(): kaddr_t { return this.addr + OFF_state; }
  get nd_net_addr(): kaddr_t { return this.addr + OFF_nd_net; }
  /** dev->lltx (a one-bit field in the priv_flags word) */
  get lltx(): number { return (rd8(this.addr + OFF_lltx[0]) & OFF_lltx[2]) >> OFF_lltx[1]; }
  set lltx(v: number) {
    const a = this.addr + OFF_lltx[0];
    wr8(a, (rd8(a) & ~OFF_lltx[2]) | ((v << OFF_lltx[1]) & OFF_lltx[2]));
  }
  get features(): bigint { return rd_feat(this.addr + OFF_features); }
  set features(v: bigint) { wr_feat(this.addr + OFF_features, v); }
  get hw_features(): bigint { return rd_feat(this.addr + OFF_hw_features); }
  set hw_features(v: bigint) { wr_feat(this.addr + OFF_hw_features, v); }
  get wanted_features(): bigint { return rd_feat(this.addr + OFF_wanted_features); }
  set wanted_features(v: bigint) { wr_feat(this.addr + OFF_wanted_features, v); }
  get vlan_features(): bigint { return rd_feat(this.addr + OFF_vlan_features); }
  set vlan_features(v: bigint) { wr_feat(this.addr + OFF_vlan_features, v); }
  get hw_enc_features(): bigint { return rd_feat(this.addr + OFF_hw_enc_features); }
  set hw_enc_features(v: bigint) { wr_feat(this.addr + OFF_hw_enc_features, v); }
  get mpls_features(): bigint { return rd_feat(this.addr + OFF_mpls_features); }
  set mpls_features(v: bigint) { wr_feat(this.addr + OFF_mpls_features, v); }
}
function rd_feat(a: kaddr_t): bigint { return (BigInt(rd32(a + 4)) << 32n) | BigInt(rd32(a)); }
function wr_feat(a: kaddr_t, v: bigint): void {
  wr32(a, Number(v & 0xffffffffn));
  wr32(a + 4, Number((v >> 32n) & 0xffffffffn));
}

define_fields(net_device, ND, {
  priv_flags: 'u32', netdev_ops: 'ptr', header_ops: 'ptr', _tx: 'ptr', real_num_tx_queues: 'u32', mtu: 'u32',
  needed_headroom: 'u16', needed_tailroom: 'u16', tstats: 'ptr', flags: 'u32', hard_header_len: 'u16',
  pcpu_stat_type: 'u8', xdp_prog: 'ptr', ifindex: 's32', real_num_rx_queues: 'u32', _rx: 'ptr',
  rx_handler: 'ptr', rx_handler_data: 'ptr', min_mtu: 'u32', max_mtu: 'u32', type: 'u16', min_header_len: 'u8',
  name_assign_type: 'u8', group: 'u32', core_stats: 'ptr', carrier_up_count: 'u32', carrier_down_count: 'u32',
  ethtool_ops: 'ptr', operstate: 'u32', link_mode: 'u8', addr_assign_type: 'u8', addr_len: 'u8', priv_len: 'u32',
  dev_addr: 'ptr', num_rx_queues: 'u32', num_tx_queues: 'u32', tx_queue_len: 'u32', qdisc: 'ptr',
  reg_state: 'u8', rtnl_link_state: 'u16', needs_free_netdev: 'u8', priv_destructor: 'ptr', rtnl_link_ops: 'ptr',
  gso_max_size: 'u32', gso_max_segs: 'u16', gro_max_size: 'u32', tso_max_size: 'u32', tso_max_segs: 'u16',
  gso_ipv4_max_size: 'u32', gro_ipv4_max_size: 'u32', xdp_zc_max_segs: 'u16', upper_level: 'u8', lower_level: 'u8',
  promiscuity: 'u32', allmulti: 'u32',
});

/**
 * include/linux/netdevice.h:2608 netdev_priv: the priv[] area right past struct net_device. With a
 * view class it returns the driver's typed view of that area (veth: struct veth_priv).
 */
export function netdev_priv(dev: net_device): kaddr_t;
export function netdev_priv<T>(dev: net_device, view: new (addr: kaddr_t) => T): T;
export function netdev_priv<T>(dev: net_device, view?: new (addr: kaddr_t) => T): kaddr_t | T {
  return view ? new view(dev.addr + OFF_priv) : dev.addr + OFF_priv;
}

/** include/linux/netdevice.h:2585 dev_net */
export function dev_net(dev: net_device): net { return net_of(rdptr(dev.nd_net_addr)); }
/** include/linux/netdevice.h:2597 dev_net_set */
export function dev_net_set(dev: net_device, n: net): void { wrptr(dev.nd_net_addr, n.addr); }

/*
 * Bit operations on an unsigned long bitmap such as dev->state or napi->state (the kernel's are
 * arch/x86 atomics; kveth runs one CPU at a time, so plain read-modify-writes of the low word do).
 */
/** test_bit @sim */
export function test_bit(nr: number, a: kaddr_t): boolean { return ((rd32(a) >>> nr) & 1) === 1; }
/** set_bit @sim */
export function set_bit(nr: number, a: kaddr_t): void { wr32(a, rd32(a) | (1 << nr)); }
/** clear_bit @sim */
export function clear_bit(nr: number, a: kaddr_t): void { wr32(a, rd32(a) & ~(1 << nr)); }
/** test_and_set_bit @sim */
export function test_and_set_bit(nr: number, a: kaddr_t): boolean { const o = test_bit(nr, a); set_bit(nr, a); return o; }
/** test_and_clear_bit @sim */
export function test_and_clear_bit(nr: number, a: kaddr_t): boolean { const o = test_bit(nr, a); clear_bit(nr, a); return o; }

/** include/linux/netdevice.h:3716 netif_running */
export function netif_running(dev: net_device): boolean { return test_bit(__LINK_STATE_START, dev.state_addr); }
/** include/linux/netdevice.h:4257 netif_carrier_ok */
export function netif_carrier_ok(dev: net_device): boolean { return !test_bit(__LINK_STATE_NOCARRIER, dev.state_addr); }
/** include/linux/netdevice.h:4372 netif_device_present */
export function netif_device_present(dev: net_device): boolean { return test_bit(__LINK_STATE_PRESENT, dev.state_addr); }
/** include/linux/netdevice.h:141 dev_xmit_complete */
export function dev_xmit_complete(rc: number): boolean { return rc < NET_XMIT_MASK; }

/* struct netdev_queue */
const NQ = struct_('netdev_queue');
const OFF_nq_state = NQ.off('state');
export const SIZEOF_NETDEV_QUEUE = NQ.size;
export class netdev_queue {
  constructor(readonly addr: kaddr_t) {}
  declare dev: net_device | null;
  declare qdisc: kaddr_t;
  declare qdisc_sleeping: kaddr_t;
  declare xmit_lock_owner: number;
  declare trans_start: number;
  get state_addr(): kaddr_t { return this.addr + OFF_nq_state; }
}
define_fields(netdev_queue, NQ, {
  dev: net_device, qdisc: 'ptr', qdisc_sleeping: 'ptr', xmit_lock_owner: 's32', trans_start: 'u64',
});
/* enum netdev_queue_state_t */
export const __QUEUE_STATE_DRV_XOFF = 0;
export const __QUEUE_STATE_STACK_XOFF = 1;
export const __QUEUE_STATE_FROZEN = 2;

/** include/linux/netdevice.h:2492 netdev_get_tx_queue */
export function netdev_get_tx_queue(dev: net_device, index: number): netdev_queue {
  return new netdev_queue(dev._tx + index * SIZEOF_NETDEV_QUEUE);
}
/** include/linux/netdevice.h:3412 netif_tx_stop_queue */
export function netif_tx_stop_queue(q: netdev_queue): void { set_bit(__QUEUE_STATE_DRV_XOFF, q.state_addr); }
/** include/linux/netdevice.h:3438 netif_tx_queue_stopped */
export function netif_tx_queue_stopped(q: netdev_queue): boolean { return test_bit(__QUEUE_STATE_DRV_XOFF, q.state_addr); }
/** include/linux/netdevice.h:3454 netif_xmit_stopped */
export function netif_xmit_stopped(q: netdev_queue): boolean {
  return (rd32(q.state_addr) & ((1 << __QUEUE_STATE_DRV_XOFF) | (1 << __QUEUE_STATE_STACK_XOFF))) !== 0;
}

/* struct net_device_ops: the slots kveth calls through */
const OPS = struct_('net_device_ops');
export const SIZEOF_NET_DEVICE_OPS = OPS.size;
export const ndo_slot = {
  ndo_init: OPS.off('ndo_init'), ndo_uninit: OPS.off('ndo_uninit'), ndo_open: OPS.off('ndo_open'),
  ndo_stop: OPS.off('ndo_stop'), ndo_start_xmit: OPS.off('ndo_start_xmit'),
  ndo_features_check: OPS.off('ndo_features_check'), ndo_set_rx_mode: OPS.off('ndo_set_rx_mode'),
  ndo_set_mac_address: OPS.off('ndo_set_mac_address'), ndo_change_mtu: OPS.off('ndo_change_mtu'),
  ndo_get_stats64: OPS.off('ndo_get_stats64'), ndo_get_iflink: OPS.off('ndo_get_iflink'),
  ndo_fix_features: OPS.off('ndo_fix_features'), ndo_set_features: OPS.off('ndo_set_features'),
  ndo_set_rx_headroom: OPS.off('ndo_set_rx_headroom'), ndo_bpf: OPS.off('ndo_bpf'),
  ndo_xdp_xmit: OPS.off('ndo_xdp_xmit'), ndo_get_peer_dev: OPS.off('ndo_get_peer_dev'),
  ndo_change_carrier: OPS.off('ndo_change_carrier'),
} as const;

/* The kernel's signatures of the ops kveth implements (the type tests hold them to these). */
export type ndo_init_t = (dev: net_device) => number;
export type ndo_uninit_t = (dev: net_device) => void;
export type ndo_open_t = (dev: net_device) => number;
export type ndo_stop_t = (dev: net_device) => number;
export type ndo_start_xmit_t = (skb: sk_buff, dev: net_device) => netdev_tx_t;
export type ndo_get_stats64_t = (dev: net_device, storage: kaddr_t) => void;
export type ndo_set_rx_mode_t = (dev: net_device) => void;
export type ndo_set_mac_address_t = (dev: net_device, addr: kaddr_t) => number;
export type ndo_change_mtu_t = (dev: net_device, new_mtu: number) => number;
export type ndo_change_carrier_t = (dev: net_device, new_carrier: boolean) => number;
export type ndo_get_iflink_t = (dev: net_device) => number;
export type ndo_get_peer_dev_t = (dev: net_device) => net_device | null;
export interface net_device_ops_fns {
  ndo_init?: ndo_init_t;
  ndo_uninit?: ndo_uninit_t;
  ndo_open?: ndo_open_t;
  ndo_stop?: ndo_stop_t;
  ndo_start_xmit: ndo_start_xmit_t;
  ndo_get_stats64?: ndo_get_stats64_t;
  ndo_set_rx_mode?: ndo_set_rx_mode_t;
  ndo_set_mac_address?: ndo_set_mac_address_t;
  ndo_change_mtu?: ndo_change_mtu_t;
  ndo_change_carrier?: ndo_change_carrier_t;
  ndo_get_iflink?: ndo_get_iflink_t;
  ndo_get_peer_dev?: ndo_get_peer_dev_t;
}
/** Load dev->netdev_ops->name (NULL slot → null). @sim */
export function ndo<K extends keyof net_device_ops_fns>(dev: net_device, name: K): NonNullable<net_device_ops_fns[K]> | null {
  return rdfn<NonNullable<net_device_ops_fns[K]>>(dev.netdev_ops + ndo_slot[name]);
}

/** include/linux/netdevice.h:5010 __netdev_start_xmit */
export function __netdev_start_xmit(ops_start_xmit: ndo_start_xmit_t, skb: sk_buff, dev: net_device, more: boolean): netdev_tx_t {
  void more; // __this_cpu_write(softnet_data.xmit.more, more): only read by drivers that batch doorbells
  return ops_start_xmit(skb, dev);
}
/** include/linux/netdevice.h:5018 netdev_start_xmit */
export function netdev_start_xmit(skb: sk_buff, dev: net_device, txq: netdev_queue, more: boolean): netdev_tx_t {
  // ndo(dev, 'ndo_start_xmit') with the slot offset spelled out: ndo()'s lookup by name is a
  // megamorphic keyed load once several ops go through it, too slow for once per frame.
  const start_xmit = rdfn<ndo_start_xmit_t>(dev.netdev_ops + ndo_slot.ndo_start_xmit)!;
  const rc = __netdev_start_xmit(start_xmit, skb, dev, more);
  if (rc === NETDEV_TX_OK) txq_trans_update(txq);
  return rc;
}
/** include/linux/netdevice.h:4509 txq_trans_update */
export function txq_trans_update(txq: netdev_queue): void {
  if (txq.xmit_lock_owner !== -1) txq.trans_start = jiffies();
}
/** include/linux/netdevice.h:4515 txq_trans_cond_update */
export function txq_trans_cond_update(txq: netdev_queue): void {
  const now = jiffies();
  if (txq.trans_start !== now) txq.trans_start = now;
}
/** include/linux/netdevice.h:4524 netif_trans_update */
export function netif_trans_update(dev: net_device): void { txq_trans_cond_update(netdev_get_tx_queue(dev, 0)); }

/* struct pcpu_sw_netstats (per CPU) */
const SW = struct_('pcpu_sw_netstats');
export const SIZEOF_PCPU_SW_NETSTATS = SW.size;
const OSW = { rx_packets: SW.off('rx_packets'), rx_bytes: SW.off('rx_bytes'), tx_packets: SW.off('tx_packets'), tx_bytes: SW.off('tx_bytes') };
export const pcpu_sw_netstats_off = OSW;

/** include/linux/netdevice.h:2767 dev_sw_netstats_rx_add */
export function dev_sw_netstats_rx_add(dev: net_device, len: number): void {
  const t = per_cpu_ptr(dev.tstats, SIZEOF_PCPU_SW_NETSTATS, smp_processor_id(), 32); // this_cpu_ptr(dev->tstats)
  wr64(t + OSW.rx_bytes, rd64(t + OSW.rx_bytes) + len);
  wr64(t + OSW.rx_packets, rd64(t + OSW.rx_packets) + 1);
}
/** include/linux/netdevice.h:2777 dev_sw_netstats_tx_add */
export function dev_sw_netstats_tx_add(dev: net_device, packets: number, len: number): void {
  const t = per_cpu_ptr(dev.tstats, SIZEOF_PCPU_SW_NETSTATS, smp_processor_id(), 32); // this_cpu_ptr(dev->tstats)
  wr64(t + OSW.tx_bytes, rd64(t + OSW.tx_bytes) + len);
  wr64(t + OSW.tx_packets, rd64(t + OSW.tx_packets) + packets);
}

/* struct net_device_core_stats and the DEV_CORE_STATS_INC helpers (netdevice.h:4091) */
const CS = struct_('net_device_core_stats');
export const SIZEOF_NET_DEVICE_CORE_STATS = CS.size;
export const core_stats_off = {
  rx_dropped: CS.off('rx_dropped'), tx_dropped: CS.off('tx_dropped'), rx_nohandler: CS.off('rx_nohandler'),
  rx_otherhost_dropped: CS.off('rx_otherhost_dropped'),
};
/** include/linux/netdevice.h:4097 dev_core_stats_rx_dropped_inc */
export function dev_core_stats_rx_dropped_inc(dev: net_device): void { netdev_core_stats_inc(dev, core_stats_off.rx_dropped); }
/** include/linux/netdevice.h:4098 dev_core_stats_tx_dropped_inc */
export function dev_core_stats_tx_dropped_inc(dev: net_device): void { netdev_core_stats_inc(dev, core_stats_off.tx_dropped); }
/** include/linux/netdevice.h:4099 dev_core_stats_rx_nohandler_inc */
export function dev_core_stats_rx_nohandler_inc(dev: net_device): void { netdev_core_stats_inc(dev, core_stats_off.rx_nohandler); }
/** include/linux/netdevice.h:4100 dev_core_stats_rx_otherhost_dropped_inc */
export function dev_core_stats_rx_otherhost_dropped_inc(dev: net_device): void {
  netdev_core_stats_inc(dev, core_stats_off.rx_otherhost_dropped);
}

/** include/linux/netdevice.h:4063 __is_skb_forwardable */
export function __is_skb_forwardable(dev: net_device, skb: sk_buff, check_mtu: boolean): boolean {
  if (!(dev.flags & IFF_UP)) return false;
  if (!check_mtu) return true;
  const len = dev.mtu + dev.hard_header_len + 4; // VLAN_HLEN
  if (skb.len <= len) return true;
  /* GSO packets are segmented later, so their length is not the limit. */
  if (skb_is_gso(skb)) return true;
  return false;
}

/** include/linux/netdevice.h:4103 ____dev_forward_skb */
export function ____dev_forward_skb(dev: net_device, skb: sk_buff, check_mtu: boolean): number {
  if (skb_orphan_frags(skb) || !__is_skb_forwardable(dev, skb, check_mtu)) {
    dev_core_stats_rx_dropped_inc(dev);
    kfree_skb(skb, '__dev_forward_skb2');
    return NET_RX_DROP;
  }
  skb_scrub_packet(skb, dev_net(dev).addr !== dev_net(skb.dev!).addr);
  skb.priority = 0;
  return 0;
}

/** include/linux/netdevice.h:303 LL_RESERVED_SPACE (HH_DATA_MOD is 16) */
export function LL_RESERVED_SPACE(dev: net_device): number {
  return ((dev.hard_header_len + dev.needed_headroom) & ~15) + 16;
}

export { ETH_HLEN, NULL };
export type { __be16 };
export { int_off };

// Last statement: all exports are set by now (see src/sim/fast_exports.ts).
fast_exports(module.exports);
