// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/core/dev.c: device allocation, naming, registration, open/close and statistics; the
 * transmit path from __dev_queue_xmit to ndo_start_xmit; the forwarding helpers veth uses; and the
 * receive path from __netif_rx through the per-CPU backlog, NET_RX softirq and NAPI polling to
 * __netif_receive_skb_core and the protocol handlers.
 *
 * Left out on purpose, each said again where its branch would be: RPS/RFS and backlog threads,
 * generic XDP, tc/netfilter ingress and egress hooks, GSO segmentation and checksum offload
 * fallbacks in validate_xmit_skb, GRO, busy polling, netpoll, pfmemalloc reserves, and threaded
 * NAPI. None is reachable with the configuration kveth builds (no programs, no qdiscs but
 * noop/noqueue, no RPS maps, GRO off on veth).
 */
import { RTM_NEWLINK, RTM_DELLINK } from '../../include/uapi/linux/rtnetlink';
import { skb_dst_drop } from '../../include/net/dst';
import { NULL, kaddr_t, rd32, rd64, rd8, rdptr, wr32, wr64, wr8, wrptr, bytes, memset, rd16, wr16 } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { define_fields } from '../../sim/view';
import { GFP_ATOMIC, GFP_KERNEL, kfree, kvzalloc, kzalloc, kmalloc } from '../../mm/slub';
import { rdfn, wrfn, ksym_register } from '../../sim/kallsyms';
import { alloc_percpu, nr_cpu_ids, per_cpu_ptr, smp_processor_id } from '../../sim/percpu';
import { jiffies, time_after_eq, usecs_to_jiffies } from '../../sim/clock';
import {
  NET_RX_SOFTIRQ, open_softirq, __raise_softirq_irqoff, raise_softirq_irqoff, rcu_read_lock_bh, rcu_read_unlock_bh,
  local_bh_disable, local_bh_enable, softirq_count,
} from '../../kernel/softirq';
import {
  net_device, netdev_queue, dev_net, dev_net_set, netif_running, test_bit, set_bit, clear_bit,
  test_and_set_bit, IFF_UP, IFF_XMIT_DST_RELEASE, IFF_XMIT_DST_RELEASE_PERM, IFF_NO_QUEUE, __LINK_STATE_START,
  __LINK_STATE_PRESENT, __LINK_STATE_NOCARRIER, NETREG_UNINITIALIZED, NETREG_REGISTERED, NETREG_UNREGISTERING,
  NETREG_UNREGISTERED, NETREG_RELEASED, RTNL_LINK_INITIALIZED, NET_ADDR_PERM, NET_RX_SUCCESS, NET_RX_DROP,
  NETDEV_TX_OK, NETDEV_TX_BUSY, NET_XMIT_MASK, dev_xmit_complete, netif_xmit_stopped,
  netdev_start_xmit, dev_core_stats_tx_dropped_inc, dev_core_stats_rx_dropped_inc, dev_core_stats_rx_nohandler_inc,
  ____dev_forward_skb, __is_skb_forwardable, SIZEOF_NETDEV_QUEUE, SIZEOF_PCPU_SW_NETSTATS, pcpu_sw_netstats_off,
  SIZEOF_NET_DEVICE_CORE_STATS, core_stats_off, ndo, NETDEV_PCPU_STAT_TSTATS, NETDEV_PCPU_STAT_NONE,
  NETIF_F_SOFT_FEATURES, NETIF_F_SOFT_FEATURES_OFF, NETIF_F_NOCACHE_COPY, NETIF_F_HIGHDMA, NETIF_F_SG,
  NETIF_F_GSO_PARTIAL, IFNAMSIZ, GSO_LEGACY_MAX_SIZE, GSO_MAX_SEGS, TSO_LEGACY_MAX_SIZE, TSO_MAX_SEGS,
  DEFAULT_TX_QUEUE_LEN, RX_HANDLER_CONSUMED, RX_HANDLER_ANOTHER, RX_HANDLER_EXACT, RX_HANDLER_PASS,
  netdev_get_tx_queue, netif_device_present, NETDEV_PCPU_STAT_LSTATS, netif_carrier_ok, netif_tx_queue_stopped,
  IFF_RUNNING, IFF_PROMISC, IFF_ALLMULTI, IFF_LOWER_UP, IFF_DORMANT, IFF_VOLATILE, IFF_DEBUG, IFF_NOTRAILERS,
  IFF_NOARP, IFF_DYNAMIC, IFF_MULTICAST, IFF_PORTSEL, IFF_AUTOMEDIA, GSO_MAX_SIZE, GRO_LEGACY_MAX_SIZE, NET_ADDR_SET, NET_NAME_RENAMED,
  __LINK_STATE_DORMANT,
} from '../../include/linux/netdevice';
import {
  sk_buff, skb_reset_mac_header, skb_reset_network_header, skb_transport_header_was_set,
  skb_reset_transport_header, skb_reset_mac_len, skb_vlan_tag_present, skb_orphan_frags_rx, skb_mac_header,
  skb_postpull_rcsum, __skb_queue_head_init, __skb_queue_tail, __skb_dequeue, skb_queue_len,
  skb_queue_splice_tail_init, skb_queue_empty, skb_network_header, skb_tail_pointer, SKB_CLOCK_REALTIME,
  eth_type_vlan,
} from '../../include/linux/skbuff';
import { kfree_skb, kfree_skb_reason, kfree_skb_list, skb_vlan_untag, skb_clone } from './skbuff';
import { skb_drop_reason } from '../../include/net/dropreason-core';
import { eth_type_trans } from '../ethernet/eth';
import {
  INIT_LIST_HEAD, list_add_tail, list_del, list_del_init, list_empty, list_next, list_add, list_splice, list_splice_init,
  list_splice_tail, list_splice_tail_init, SIZEOF_LIST_HEAD,
} from '../../include/linux/list';
import { net, side, init_net, all_nets } from '../../include/net/net_namespace';
import { dev_addr_init, dev_addr_flush } from './dev_addr_lists';
import { trace_net_dev_queue, trace_net_dev_start_xmit, trace_net_dev_xmit, trace_netif_rx, trace_netif_rx_entry,
  trace_netif_rx_exit, trace_netif_receive_skb } from '../../include/trace/events/net';
import { trace_napi_poll } from '../../include/trace/events/napi';
import { htons, ntohs, __be16 } from '../../include/uapi/linux/types';
import { ETH_P_ALL } from '../../include/uapi/linux/if_ether';
import { PACKET_OTHERHOST, PACKET_OUTGOING } from '../../include/uapi/linux/if_packet';
import { EBUSY, EEXIST, EINVAL, EIO, ENETDOWN, ENFILE, ENOMEM, EOPNOTSUPP, ENODEV, ERANGE } from '../../include/uapi/linux/errno';
const EOVERFLOW = 75;
import { dev_activate, dev_deactivate_many, dev_init_scheduler, dev_shutdown, qdisc_enqueue_fn } from '../sched/sch_generic';
import { linkwatch_init_dev, linkwatch_sync_dev, IF_OPER_UP, IF_OPER_UNKNOWN } from './link_watch';
import { dev_set_rx_mode } from './dev_rx_mode';

const {
  SKB_DROP_REASON_CPU_BACKLOG, SKB_DROP_REASON_DEV_READY, SKB_DROP_REASON_UNHANDLED_PROTO, SKB_DROP_REASON_QDISC_DROP,
} = skb_drop_reason;

/* ------------------------------------------------------------------------------------------
 * net_hotdata (net/core/hotdata.c) and the sysctls kveth exposes
 */
export const net_hotdata = {
  max_backlog: 1000,
  netdev_budget: 300,
  netdev_budget_usecs: (2 * 1000000) / 250, // 2 * USEC_PER_SEC / HZ
  dev_rx_weight: 64,
  dev_tx_weight: 64,
  tstamp_prequeue: 1,
};
export const weight_p = 64;
export const SIZEOF_PCPU_LSTATS = 16;

/* ------------------------------------------------------------------------------------------
 * struct napi_struct and struct softnet_data (include/linux/netdevice.h)
 */
const NAPI = struct_('napi_struct');
const OFF_napi_poll_list = NAPI.off('poll_list');
const OFF_napi_state = NAPI.off('state');
const OFF_napi_poll = NAPI.off('poll');
const OFF_napi_dev = NAPI.off('dev');
export const NAPI_STATE_SCHED = 0;
export const NAPI_STATE_MISSED = 1;
export const NAPI_STATE_DISABLE = 2;
export const NAPI_STATE_NPSVC = 3;
export const NAPI_STATE_LISTED = 4;
export const NAPI_STATE_NO_BUSY_POLL = 5;
export const NAPI_STATE_IN_BUSY_POLL = 6;
export const NAPI_STATE_PREFER_BUSY_POLL = 7;
export const NAPI_STATE_THREADED = 8;
export const NAPIF_STATE_THREADED = 1 << NAPI_STATE_THREADED;
export type napi_poll_t = (napi: napi_struct, budget: number) => number;

export class napi_struct {
  constructor(readonly addr: kaddr_t) {}
  declare weight: number;
  get dev(): net_device | null { const p = rdptr(this.addr + OFF_napi_dev); return p === NULL ? null : new net_device(p); }
  get poll_list(): kaddr_t { return this.addr + OFF_napi_poll_list; }
  get state_addr(): kaddr_t { return this.addr + OFF_napi_state; }
  get state(): number { return rd32(this.addr + OFF_napi_state); }
  set state(v: number) { wr32(this.addr + OFF_napi_state, v); }
  get poll(): napi_poll_t | null { return rdfn<napi_poll_t>(this.addr + OFF_napi_poll); }
  set poll(fn: napi_poll_t | null) { wrfn(this.addr + OFF_napi_poll, fn); }
}
define_fields(napi_struct, NAPI, { weight: 's32' });

const SD = struct_('softnet_data');
const OSD = {
  poll_list: SD.off('poll_list'), process_queue: SD.off('process_queue'), processed: SD.off('processed'),
  time_squeeze: SD.off('time_squeeze'), in_net_rx_action: SD.off('in_net_rx_action'), cpu: SD.off('cpu'),
  input_queue_tail: SD.off('input_queue_tail'), input_queue_head: SD.off('input_queue_head'),
  input_pkt_queue: SD.off('input_pkt_queue'), backlog: SD.off('backlog'), dropped: SD.off('dropped'),
};
export class softnet_data {
  /** &sd->backlog */
  readonly backlog: napi_struct;
  constructor(readonly addr: kaddr_t) { this.backlog = new napi_struct(addr + OSD.backlog); }
  get poll_list(): kaddr_t { return this.addr + OSD.poll_list; }
  get process_queue(): kaddr_t { return this.addr + OSD.process_queue; }
  get input_pkt_queue(): kaddr_t { return this.addr + OSD.input_pkt_queue; }
  get processed(): number { return rd32(this.addr + OSD.processed); }
  set processed(v: number) { wr32(this.addr + OSD.processed, v); }
  get time_squeeze(): number { return rd32(this.addr + OSD.time_squeeze); }
  set time_squeeze(v: number) { wr32(this.addr + OSD.time_squeeze, v); }
  get dropped(): number { return rd32(this.addr + OSD.dropped); }
  set dropped(v: number) { wr32(this.addr + OSD.dropped, v); }
  get in_net_rx_action(): boolean { return rd8(this.addr + OSD.in_net_rx_action) !== 0; }
  set in_net_rx_action(v: boolean) { wr8(this.addr + OSD.in_net_rx_action, v ? 1 : 0); }
  get input_queue_tail(): number { return rd32(this.addr + OSD.input_queue_tail); }
  set input_queue_tail(v: number) { wr32(this.addr + OSD.input_queue_tail, v); }
  get input_queue_head(): number { return rd32(this.addr + OSD.input_queue_head); }
  set input_queue_head(v: number) { wr32(this.addr + OSD.input_queue_head, v); }
}
/** DEFINE_PER_CPU_ALIGNED(struct softnet_data, softnet_data) */
const softnet_data_base: kaddr_t = kzalloc(SD.size * nr_cpu_ids, GFP_KERNEL);
/* One view per CPU, made once: a view only holds the address. */
const softnet_data_views: softnet_data[] = [];
for (let cpu = 0; cpu < nr_cpu_ids; cpu++) softnet_data_views.push(new softnet_data(softnet_data_base + cpu * SD.size));
/** per_cpu(softnet_data, cpu) @sim */
export function per_cpu_softnet_data(cpu: number): softnet_data { return softnet_data_views[cpu]!; }
/** this_cpu_ptr(&softnet_data) @sim */
export function this_softnet_data(): softnet_data { return softnet_data_views[smp_processor_id()]!; }
/** container_of(napi, struct softnet_data, backlog) @sim */
function napi_to_sd(napi: napi_struct): softnet_data {
  return softnet_data_views[(napi.addr - OSD.backlog - softnet_data_base) / SD.size]!;
}

/* ------------------------------------------------------------------------------------------
 * struct packet_type and the protocol lists (ptype_all, ptype_base[16])
 */
const PT = struct_('packet_type');
const OPT = {
  type: PT.off('type'), ignore_outgoing: PT.off('ignore_outgoing'), dev: PT.off('dev'), func: PT.off('func'),
  id_match: PT.off('id_match'), af_packet_priv: PT.off('af_packet_priv'), list: PT.off('list'),
};
export const SIZEOF_PACKET_TYPE = PT.size;
export type packet_rcv_t = (skb: sk_buff, dev: net_device, pt: packet_type, orig_dev: net_device) => number;
export class packet_type {
  constructor(readonly addr: kaddr_t) {}
  get type(): __be16 { return rd16(this.addr + OPT.type) as __be16; }
  set type(v: __be16) { wr16(this.addr + OPT.type, v); }
  get dev(): net_device | null { const p = rdptr(this.addr + OPT.dev); return p === NULL ? null : new net_device(p); }
  set dev(d: net_device | null) { wrptr(this.addr + OPT.dev, d ? d.addr : NULL); }
  get func(): packet_rcv_t { return rdfn<packet_rcv_t>(this.addr + OPT.func)!; }
  set func(f: packet_rcv_t) { wrfn(this.addr + OPT.func, f); }
  get af_packet_priv(): kaddr_t { return rdptr(this.addr + OPT.af_packet_priv); }
  set af_packet_priv(p: kaddr_t) { wrptr(this.addr + OPT.af_packet_priv, p); }
  get list(): kaddr_t { return this.addr + OPT.list; }
}
const PTYPE_HASH_SIZE = 16;
const PTYPE_HASH_MASK = PTYPE_HASH_SIZE - 1;
/** net_hotdata.ptype_all: the global tap list of 6.12 (6.18 keeps one per namespace) */
const ptype_all: kaddr_t = kzalloc(16, GFP_KERNEL);
/** ptype_base[PTYPE_HASH_SIZE] */
const ptype_base: kaddr_t = kzalloc(16 * PTYPE_HASH_SIZE, GFP_KERNEL);
INIT_LIST_HEAD(ptype_all);
for (let i = 0; i < PTYPE_HASH_SIZE; i++) INIT_LIST_HEAD(ptype_base + 16 * i);
const ND = struct_('net_device');
const OFF_dev_ptype_all = ND.off('ptype_all');
const OFF_dev_ptype_specific = ND.off('ptype_specific');
const OFF_dev_list = ND.off('dev_list');
const OFF_dev_link_watch_list = ND.off('link_watch_list');
const OFF_dev_ifalias = ND.off('ifalias');
const OFF_dev_gflags = ND.off('gflags');
const OFF_dev_rx_handler = ND.off('rx_handler');

/** net/core/dev.c:584 ptype_head */
function ptype_head(pt: packet_type): kaddr_t {
  if (pt.type === htons(ETH_P_ALL)) return pt.dev ? pt.dev.addr + OFF_dev_ptype_all : ptype_all;
  return pt.dev ? pt.dev.addr + OFF_dev_ptype_specific : ptype_base + 16 * (ntohs(pt.type) & PTYPE_HASH_MASK);
}
/** net/core/dev.c:606 dev_add_pack */
export function dev_add_pack(pt: packet_type): void { list_add(pt.list, ptype_head(pt)); }
/** net/core/dev.c:629 __dev_remove_pack */
export function __dev_remove_pack(pt: packet_type): void { list_del(pt.list); }


/* ------------------------------------------------------------------------------------------
 * Names, indices and the per-namespace device list
 */
/** net/core/dev.c:1140 dev_valid_name */
export function dev_valid_name(name: string): boolean {
  if (name.length === 0) return false;
  if (name.length >= IFNAMSIZ) return false; // strnlen(name, IFNAMSIZ) == IFNAMSIZ
  if (name === '.' || name === '..') return false;
  for (const c of name) if (c === '/' || c === ':' || /\s/.test(c)) return false;
  return true;
}
/** net/core/dev.c:330 netdev_name_in_use */
export function netdev_name_in_use(n: net, name: string): boolean { return side(n).by_name.has(name); }

/** C's sscanf(name, "prefix%dsuffix", &i) followed by the snprintf round-trip check in __dev_alloc_name */
function pattern_slot(pattern: string, name: string): number {
  const p = pattern.indexOf('%d');
  const pre = pattern.slice(0, p), post = pattern.slice(p + 2);
  if (!name.startsWith(pre) || !name.endsWith(post)) return -1;
  const mid = name.slice(pre.length, name.length - post.length);
  if (!/^\d+$/.test(mid)) return -1;
  const i = Number(mid);
  return `${pre}${i}${post}` === name ? i : -1;
}
/** net/core/dev.c:1173 __dev_alloc_name: returns [slot or -errno, name] */
function __dev_alloc_name(n: net, pattern: string): [number, string] {
  const max_netdevices = 8 * 4096;
  const p = pattern.indexOf('%');
  if (p < 0 || pattern[p + 1] !== 'd' || pattern.indexOf('%', p + 1) >= 0) return [-EINVAL, ''];
  const inuse = new Uint8Array(max_netdevices);
  for (const name of side(n).by_name.keys()) {
    const i = pattern_slot(pattern, name);
    if (i >= 0 && i < max_netdevices) inuse[i] = 1;
  }
  const i = inuse.indexOf(0);
  if (i < 0) return [-ENFILE, ''];
  return [i, pattern.replace('%d', String(i))];
}
/** net/core/dev.c:1231 dev_prep_valid_name: returns [0 or slot or -errno, resolved name] */
export function dev_prep_valid_name(n: net, want: string, dup_errno: number): [number, string] {
  if (!dev_valid_name(want)) return [-EINVAL, ''];
  if (want.includes('%')) return __dev_alloc_name(n, want);
  if (netdev_name_in_use(n, want)) return [-dup_errno, ''];
  return [0, want];
}
/** net/core/dev.c:1268 dev_get_valid_name */
export function dev_get_valid_name(n: net, dev: net_device, name: string): number {
  const [ret, res] = dev_prep_valid_name(n, name, EEXIST);
  if (ret >= 0) dev.name = res;
  return ret < 0 ? ret : 0;
}

/** net/core/dev.c:10086 dev_index_reserve */
export function dev_index_reserve(n: net, ifindex: number): number {
  if (ifindex < 0) return -EINVAL;
  const s = side(n);
  if (!ifindex) {
    // xa_alloc_cyclic over [1, INT_MAX] continuing after net->ifindex
    let i = n.ifindex;
    for (;;) {
      i = i >= 0x7fffffff ? 1 : i + 1;
      if (!s.by_index.has(i) && !s.reserved.has(i)) break;
    }
    ifindex = i;
    n.ifindex = i;
  } else if (s.by_index.has(ifindex) || s.reserved.has(ifindex)) {
    return -EBUSY;
  }
  s.reserved.add(ifindex);
  return ifindex;
}

/** net/core/dev.c:399 list_netdevice */
export function list_netdevice(dev: net_device): void {
  const n = dev_net(dev);
  list_add_tail(dev.addr + OFF_dev_list, n.dev_base_head);
  const s = side(n);
  s.by_name.set(dev.name, dev.addr);
  s.reserved.delete(dev.ifindex);
  s.by_index.set(dev.ifindex, dev.addr);
  n.dev_base_seq = n.dev_base_seq + 1;
}
/** net/core/dev.c:423 unlist_netdevice */
export function unlist_netdevice(dev: net_device): void {
  const n = dev_net(dev);
  list_del_init(dev.addr + OFF_dev_list);
  const s = side(n);
  s.by_name.delete(dev.name);
  s.by_index.delete(dev.ifindex);
  n.dev_base_seq = n.dev_base_seq + 1;
}
/** net/core/dev.c:811 __dev_get_by_name */
export function __dev_get_by_name(n: net, name: string): net_device | null {
  const a = side(n).by_name.get(name);
  return a === undefined ? null : new net_device(a);
}
/** net/core/dev.c:684 dev_get_iflink */
export function dev_get_iflink(dev: net_device): number {
  const get_iflink = ndo(dev, 'ndo_get_iflink');
  if (get_iflink) return get_iflink(dev);
  return dev.ifindex;
}

/** net/core/dev.c:890 __dev_get_by_index */
export function __dev_get_by_index(n: net, ifindex: number): net_device | null {
  const a = side(n).by_index.get(ifindex);
  return a === undefined ? null : new net_device(a);
}
/** include/linux/netdevice.h:3059 for_each_netdev */
export function* for_each_netdev(n: net): Generator<net_device> {
  const head = n.dev_base_head;
  for (let p = list_next(head); p !== head;) {
    const next = list_next(p);
    yield new net_device(p - OFF_dev_list);
    p = next;
  }
}
/** netdev_name_node_del + netdev_name_node_add in dev_change_name: the name table follows a rename @sim */
export function netdev_name_node_rename(dev: net_device, oldname: string): void {
  const s = side(dev_net(dev));
  s.by_name.delete(oldname);
  s.by_name.set(dev.name, dev.addr);
}

/* ------------------------------------------------------------------------------------------
 * Allocation and registration
 */
/** net/core/dev.c:11313 alloc_netdev_mqs */
export function alloc_netdev_mqs(sizeof_priv: number, name: string, name_assign_type: number,
  setup: (dev: net_device) => void, txqs: number, rxqs: number): net_device | null {
  if (name.length >= IFNAMSIZ) throw new Error('kernel BUG at net/core/dev.c: alloc_netdev_mqs name too long');
  if (txqs < 1) return null; // "Unable to allocate device with zero queues"
  if (rxqs < 1) return null;
  const a = kvzalloc(ND.size + sizeof_priv, GFP_KERNEL);
  if (a === NULL) return null;
  const dev = new net_device(a);
  dev.priv_len = sizeof_priv;
  if (dev_addr_init(dev)) { kfree(a); return null; }
  dev_net_set(dev, init_net);
  dev.gso_max_size = GSO_LEGACY_MAX_SIZE;
  dev.xdp_zc_max_segs = 1;
  dev.gso_max_segs = GSO_MAX_SEGS;
  dev.gro_max_size = GSO_LEGACY_MAX_SIZE;
  dev.gso_ipv4_max_size = GSO_LEGACY_MAX_SIZE;
  dev.gro_ipv4_max_size = GSO_LEGACY_MAX_SIZE;
  dev.tso_max_size = TSO_LEGACY_MAX_SIZE;
  dev.tso_max_segs = TSO_MAX_SEGS;
  dev.upper_level = 1;
  dev.lower_level = 1;
  INIT_LIST_HEAD(dev.addr + OFF_dev_list);
  INIT_LIST_HEAD(dev.addr + OFF_dev_link_watch_list);
  INIT_LIST_HEAD(dev.addr + OFF_dev_ptype_all);
  INIT_LIST_HEAD(dev.addr + OFF_dev_ptype_specific);
  dev.priv_flags = IFF_XMIT_DST_RELEASE | IFF_XMIT_DST_RELEASE_PERM;
  setup(dev);
  if (!dev.tx_queue_len) {
    dev.priv_flags = dev.priv_flags | IFF_NO_QUEUE;
    dev.tx_queue_len = DEFAULT_TX_QUEUE_LEN;
  }
  dev.num_tx_queues = txqs;
  dev.real_num_tx_queues = txqs;
  if (netif_alloc_netdev_queues(dev)) { free_netdev(dev); return null; }
  dev.num_rx_queues = rxqs;
  dev.real_num_rx_queues = rxqs;
  // netif_alloc_rx_queues: struct netdev_rx_queue is not modelled (no XDP/RPS state to keep)
  dev.name = name;
  dev.name_assign_type = name_assign_type;
  dev.group = 0; // INIT_NETDEV_GROUP
  return dev;
}
/** net/core/dev.c:10496 netif_alloc_netdev_queues */
function netif_alloc_netdev_queues(dev: net_device): number {
  const count = dev.num_tx_queues;
  const tx = kvzalloc(count * SIZEOF_NETDEV_QUEUE, GFP_KERNEL);
  if (tx === NULL) return -ENOMEM;
  dev._tx = tx;
  for (let i = 0; i < count; i++) {
    const q = netdev_get_tx_queue(dev, i);
    q.dev = dev; // netdev_init_one_queue
    q.xmit_lock_owner = -1;
  }
  return 0;
}
/** net/core/dev.c:11440 free_netdev */
export function free_netdev(dev: net_device): void {
  // priv_destructor ran already (netdev_run_todo, or register_netdevice's error path)
  if (dev._tx) kfree(dev._tx);
  kfree(rdptr(dev.addr + OFF_dev_ifalias));
  dev_addr_flush(dev);
  if (dev.tstats) kfree(dev.tstats);
  if (dev.core_stats) kfree(dev.core_stats);
  dev.reg_state = NETREG_RELEASED;
  kfree(dev.addr);
}

/** net/core/dev.c:10530 netdev_do_alloc_pcpu_stats */
function netdev_do_alloc_pcpu_stats(dev: net_device): number {
  // A driver with ndo_get_peer_dev must keep tstats (bpf_redirect_peer updates them).
  if (ndo(dev, 'ndo_get_peer_dev') && dev.pcpu_stat_type !== NETDEV_PCPU_STAT_TSTATS) return -EOPNOTSUPP;
  switch (dev.pcpu_stat_type) {
    case NETDEV_PCPU_STAT_NONE: return 0;
    case NETDEV_PCPU_STAT_TSTATS: {
      const v = alloc_percpu(SIZEOF_PCPU_SW_NETSTATS, 32);
      dev.tstats = v;
      return v ? 0 : -ENOMEM;
    }
    case NETDEV_PCPU_STAT_LSTATS: {
      // struct pcpu_lstats: u64_stats_t packets, bytes (the syncp is empty on 64-bit)
      const v = alloc_percpu(SIZEOF_PCPU_LSTATS, 32);
      dev.tstats = v; // dev->lstats shares the union with tstats
      return v ? 0 : -ENOMEM;
    }
    default: return -EINVAL; // DSTATS: no driver in kveth uses them
  }
}

/** net/core/dev.c:10598 register_netdevice */
export function register_netdevice(dev: net_device): number {
  const n = dev_net(dev);
  if (dev.reg_state !== NETREG_UNINITIALIZED) throw new Error('kernel BUG at net/core/dev.c: register_netdevice twice');
  let ret = dev_get_valid_name(n, dev, dev.name);
  if (ret < 0) return ret;
  const init = ndo(dev, 'ndo_init');
  if (init) {
    ret = init(dev);
    if (ret) return ret > 0 ? -EIO : ret;
  }
  ret = netdev_do_alloc_pcpu_stats(dev);
  if (ret) { err_uninit(dev); return ret; }
  ret = dev_index_reserve(n, dev.ifindex);
  if (ret < 0) { err_free_pcpu(dev); err_uninit(dev); return ret; }
  dev.ifindex = ret;
  dev.hw_features = dev.hw_features | NETIF_F_SOFT_FEATURES | NETIF_F_SOFT_FEATURES_OFF;
  dev.features = dev.features | NETIF_F_SOFT_FEATURES;
  dev.wanted_features = dev.features & dev.hw_features;
  if (!(dev.flags & (1 << 3) /* IFF_LOOPBACK */)) dev.hw_features = dev.hw_features | NETIF_F_NOCACHE_COPY;
  dev.vlan_features = dev.vlan_features | NETIF_F_HIGHDMA;
  dev.hw_enc_features = dev.hw_enc_features | NETIF_F_SG | NETIF_F_GSO_PARTIAL;
  dev.mpls_features = dev.mpls_features | NETIF_F_SG;
  // NETDEV_POST_INIT notifier, netdev_register_kobject: no listeners in kveth
  dev.reg_state = NETREG_REGISTERED;
  __netdev_update_features(dev);
  set_bit(__LINK_STATE_PRESENT, dev.state_addr);
  linkwatch_init_dev(dev);
  dev_init_scheduler(dev);
  list_netdevice(dev);
  if (dev.addr_assign_type === NET_ADDR_PERM) bytes(dev.perm_addr_addr, dev.addr_len).set(bytes(dev.dev_addr, dev.addr_len));
  // the NETDEV_REGISTER notifier: kveth's listeners cannot fail it (no notifier_to_errno rollback)
  call_netdevice_notifiers(NETDEV_REGISTER, dev);
  // RTM_NEWLINK only once rtnl_link_state is INITIALIZED
  if (!dev.rtnl_link_ops || dev.rtnl_link_state === RTNL_LINK_INITIALIZED) rtmsg_ifinfo(dev, ~0 >>> 0, 0, NULL);
  return 0;
}
function err_free_pcpu(dev: net_device): void { if (dev.tstats) { kfree(dev.tstats); dev.tstats = NULL; } }
function err_uninit(dev: net_device): void {
  const uninit = ndo(dev, 'ndo_uninit');
  if (uninit) uninit(dev);
  const destructor = rdfn<(d: net_device) => void>(dev.addr + ND.off('priv_destructor'));
  if (destructor) destructor(dev);
}

/**
 * rtnetlink's side of the device events. dev.ts cannot import rtnetlink.ts (which imports it), so
 * rtnetlink installs these when it loads; until then nothing is sent. @sim
 */
export interface rtnl_dev_events {
  /** net/core/rtnetlink.c:4232 rtmsg_ifinfo_event (event 0, no new netns id or ifindex) */
  rtmsg_ifinfo_event(type: number, dev: net_device, change: number, portid: number, nlh: kaddr_t): void;
  /** net/core/rtnetlink.c:4189 rtmsg_ifinfo_build_skb */
  rtmsg_ifinfo_build_skb(type: number, dev: net_device, change: number, portid: number, nlh: kaddr_t): sk_buff | null;
  /** net/core/rtnetlink.c:4224 rtmsg_ifinfo_send */
  rtmsg_ifinfo_send(skb: sk_buff, dev: net_device, portid: number, nlh: kaddr_t): void;
}
let rtnl_dev: rtnl_dev_events = {
  rtmsg_ifinfo_event: () => {}, rtmsg_ifinfo_build_skb: () => null, rtmsg_ifinfo_send: () => {},
};
/** @sim */
export function set_rtnl_dev_events(ops: rtnl_dev_events): void { rtnl_dev = ops; }
/** net/core/rtnetlink.c:4248 rtmsg_ifinfo, with rtmsg_ifinfo_newlink's portid and nlh */
function rtmsg_ifinfo(dev: net_device, change: number, portid: number, nlh: kaddr_t): void {
  rtnl_dev.rtmsg_ifinfo_event(RTM_NEWLINK, dev, change, portid, nlh);
}

/** net/core/dev.c:10274 __netdev_update_features: ndo_fix_features/ndo_set_features results applied */
export function __netdev_update_features(dev: net_device): void {
  const features = dev.wanted_features & dev.hw_features | (dev.features & ~dev.hw_features);
  dev.features = features;
}
/** net/core/dev.c:10376 netdev_update_features */
export function netdev_update_features(dev: net_device): void { __netdev_update_features(dev); }

/** net/core/dev.c:11565 unregister_netdevice_queue */
export function unregister_netdevice_queue(dev: net_device, head: net_device[] | null): void {
  if (head) {
    // list_move_tail(&dev->unreg_list, head): a device already queued moves to the tail
    const i = head.findIndex((d) => d.addr === dev.addr);
    if (i >= 0) head.splice(i, 1);
    head.push(dev);
  } else unregister_netdevice_many([dev]);
}
/** net/core/dev.c:11699 unregister_netdevice_many (the parts that matter without sysfs/notifier users) */
export function unregister_netdevice_many(list: net_device[]): void { unregister_netdevice_many_notify(list, 0, NULL); }
/**
 * net/core/dev.c:11580 unregister_netdevice_many_notify: portid and nlh are the RTM_DELLINK
 * request's, so an NLM_F_ECHO requester gets each device's RTM_DELLINK back.
 */
export function unregister_netdevice_many_notify(list: net_device[], portid: number, nlh: kaddr_t): void {
  const close_head = list.slice(); // each dev's close_list linked on close_head
  dev_close_many(close_head, true);
  for (const dev of list) {
    unlist_netdevice(dev);
    dev.reg_state = NETREG_UNREGISTERING;
  }
  // flush_all_backlogs is not ported: an skb still on a backlog for a device being deleted stays
  // queued there (kveth runs the softirq to completion after each send, so none is left); synchronize_net
  for (const dev of list) {
    let skb: sk_buff | null = null;
    dev_shutdown(dev);
    // tcx, XDP, bpf dev-bound, dmabuf and offload xstats: none are used by kveth's devices
    call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
    if (!dev.rtnl_link_ops || dev.rtnl_link_state === RTNL_LINK_INITIALIZED) {
      skb = rtnl_dev.rtmsg_ifinfo_build_skb(RTM_DELLINK, dev, ~0 >>> 0, portid, nlh);
    }
    // dev_uc_flush / dev_mc_flush, altname and rss context flushes: nothing to flush here
    const uninit = ndo(dev, 'ndo_uninit');
    if (uninit) uninit(dev);
    if (skb) rtnl_dev.rtmsg_ifinfo_send(skb, dev, portid, nlh);
  }
  // netdev_run_todo: once the last reference is gone, priv_destructor and free
  for (const dev of list) {
    dev.reg_state = NETREG_UNREGISTERED;
    linkwatch_sync_dev(dev);
  }
  for (const dev of list) {
    const destructor = rdfn<(d: net_device) => void>(dev.addr + ND.off('priv_destructor'));
    if (destructor) destructor(dev);
    if (dev.needs_free_netdev) free_netdev(dev);
  }
}

/* ------------------------------------------------------------------------------------------
 * The netdevice notifier chain (include/linux/netdevice.h enum netdev_cmd)
 */
export const NETDEV_UP = 1;
export const NETDEV_DOWN = 2;
export const NETDEV_CHANGE = 4;
export const NETDEV_REGISTER = 5;
export const NETDEV_UNREGISTER = 6;
export const NETDEV_CHANGEMTU = 7;
const netdev_chain: ((event: number, dev: net_device) => void)[] = [];
/**
 * net/core/dev.c:1841 register_netdevice_notifier: join the chain, then replay the devices that
 * already exist in every namespace (call_netdevice_register_net_notifiers). No listener fails.
 */
export function register_netdevice_notifier(fn: (event: number, dev: net_device) => void): void {
  netdev_chain.push(fn);
  for (const n of all_nets()) call_netdevice_register_net_notifiers(fn, n);
}
/** net/core/dev.c:1797 call_netdevice_register_net_notifiers (for_each_netdev) */
function call_netdevice_register_net_notifiers(fn: (event: number, dev: net_device) => void, n: net): void {
  for (const dev of for_each_netdev(n)) call_netdevice_register_notifiers(fn, dev);
}
/** net/core/dev.c:1769 call_netdevice_register_notifiers */
function call_netdevice_register_notifiers(fn: (event: number, dev: net_device) => void, dev: net_device): void {
  fn(NETDEV_REGISTER, dev);
  if (!(dev.flags & IFF_UP)) return;
  fn(NETDEV_UP, dev);
}
/** net/core/dev.c:2122 call_netdevice_notifiers */
export function call_netdevice_notifiers(val: number, dev: net_device): void { for (const fn of netdev_chain) fn(val, dev); }

/* ------------------------------------------------------------------------------------------
 * Open and close
 */
/** net/core/dev.c:1519 __dev_open */
export function __dev_open(dev: net_device, _extack: { msg?: string } | null = null): number {
  if (!netif_device_present(dev)) return -ENODEV;
  // call_netdevice_notifiers_extack(NETDEV_PRE_UP, dev, extack): no listener refuses
  set_bit(__LINK_STATE_START, dev.state_addr);
  let ret = 0;
  // dev->netdev_ops->ndo_validate_addr: veth leaves it NULL
  const open = ndo(dev, 'ndo_open');
  if (!ret && open) ret = open(dev);
  if (ret) clear_bit(__LINK_STATE_START, dev.state_addr);
  else {
    dev.flags = dev.flags | IFF_UP;
    dev_set_rx_mode(dev);
    dev_activate(dev);
  }
  return ret;
}


/** net/core/dev.c:1599 __dev_close_many (`head`: the devices on the close_list) */
function __dev_close_many(head: net_device[]): void {
  for (const dev of head) {
    // NETDEV_GOING_DOWN notifier
    clear_bit(__LINK_STATE_START, dev.state_addr);
  }
  dev_deactivate_many(head);
  for (const dev of head) {
    const stop = ndo(dev, 'ndo_stop');
    if (stop) stop(dev);
    dev.flags = dev.flags & ~IFF_UP;
  }
}
/** net/core/dev.c:1643 __dev_close */
function __dev_close(dev: net_device): void { __dev_close_many([dev]); }
/**
 * net/core/dev.c:1652 dev_close_many. `head` stands for the close_list: the devices that are not
 * up leave it first, and with `unlink` each closed device leaves it too.
 */
export function dev_close_many(head: net_device[], unlink: boolean): void {
  for (let i = head.length - 1; i >= 0; i--) if (!(head[i]!.flags & IFF_UP)) head.splice(i, 1); // list_del_init
  __dev_close_many(head);
  for (const dev of head) {
    rtmsg_ifinfo(dev, IFF_UP | IFF_RUNNING, 0, NULL);
    call_netdevice_notifiers(NETDEV_DOWN, dev);
  }
  if (unlink) head.length = 0; // list_del_init(&dev->close_list) for each
}
/** net/core/dev.c:1681 dev_close */
export function dev_close(dev: net_device): void {
  if (dev.flags & IFF_UP) dev_close_many([dev], true);
}

/* ------------------------------------------------------------------------------------------
 * Statistics
 */
/** net/core/dev.c:11112 netdev_core_stats_alloc */
function netdev_core_stats_alloc(dev: net_device): kaddr_t {
  const p = alloc_percpu(SIZEOF_NET_DEVICE_CORE_STATS, 32, GFP_ATOMIC);
  if (!p) return NULL;
  // cmpxchg(&dev->core_stats, NULL, p): nobody races in kveth
  dev.core_stats = p;
  return p;
}
/** net/core/dev.c:11127 netdev_core_stats_inc */
export function netdev_core_stats_inc(dev: net_device, offset: number): void {
  let p = dev.core_stats;
  if (!p) {
    p = netdev_core_stats_alloc(dev);
    if (!p) return; // the increment is lost, as in the kernel
  }
  const field = per_cpu_ptr(p, SIZEOF_NET_DEVICE_CORE_STATS, smp_processor_id(), 32) + offset;
  wr64(field, rd64(field) + 1);
}

/* struct rtnl_link_stats64 offsets */
const RS = struct_('rtnl_link_stats64');
export const SIZEOF_RTNL_LINK_STATS64 = RS.size;
export const stats64_off = Object.fromEntries(Object.keys(RS.fields).map((k) => [k, RS.off(k)])) as Record<string, number>;

/** net/core/dev.c:11212 dev_fetch_sw_netstats */
export function dev_fetch_sw_netstats(s: kaddr_t, netstats: kaddr_t): void {
  for (let cpu = 0; cpu < nr_cpu_ids; cpu++) {
    const t = per_cpu_ptr(netstats, SIZEOF_PCPU_SW_NETSTATS, cpu, 32);
    for (const f of ['rx_packets', 'rx_bytes', 'tx_packets', 'tx_bytes'] as const) {
      const o = stats64_off[f]!;
      wr64(s + o, rd64(s + o) + rd64(t + pcpu_sw_netstats_off[f]));
    }
  }
}
/** net/core/dev.c:11154 dev_get_stats: fills `storage` (a struct rtnl_link_stats64) */
export function dev_get_stats(dev: net_device, storage: kaddr_t): kaddr_t {
  memset(storage, 0, SIZEOF_RTNL_LINK_STATS64);
  const get_stats64 = ndo(dev, 'ndo_get_stats64');
  if (get_stats64) get_stats64(dev, storage);
  else if (dev.pcpu_stat_type === NETDEV_PCPU_STAT_TSTATS && dev.tstats) dev_fetch_sw_netstats(storage, dev.tstats);
  const p = dev.core_stats;
  if (p) {
    for (let i = 0; i < nr_cpu_ids; i++) {
      const c = per_cpu_ptr(p, SIZEOF_NET_DEVICE_CORE_STATS, i, 32);
      for (const f of ['rx_dropped', 'tx_dropped', 'rx_nohandler', 'rx_otherhost_dropped'] as const) {
        const o = stats64_off[f]!;
        wr64(storage + o, rd64(storage + o) + rd64(c + core_stats_off[f]));
      }
    }
  }
  return storage;
}

/* ------------------------------------------------------------------------------------------
 * Transmit
 */
/* softnet_data.xmit.recursion: one counter, since kveth runs one CPU at a time (the profile has no
 * layout for the anonymous xmit struct, so it is not kept in simulated memory) */
let xmit_recursion = 0;
const XMIT_RECURSION_LIMIT = 8;

/** net/core/dev.c:4418 netdev_pick_tx (no XPS maps, one real queue on veth) */
function netdev_pick_tx(dev: net_device, _skb: sk_buff, _sb_dev: net_device | null): number {
  // sk_tx_queue_get/get_xps_queue/skb_tx_hash over several queues need the flow hash, which kveth's
  // senders never set up; veth keeps a single real TX queue (veth_init_queues), so this is never reached.
  throw new Error(`kveth: netdev_pick_tx over ${dev.real_num_tx_queues} queues is not modelled`);
}
/** CONFIG_NR_CPUS of the Debian 6.12 build */
const NR_CPUS = 8192;
/**
 * net/core/dev.c:4445 netdev_core_pick_tx. With CONFIG_XPS the skb remembers the sending CPU + 1
 * in sender_cpu, which shares a union with napi_id: 6.12.117's netif_rx_entry (CONFIG_NET_RX_BUSY_POLL)
 * prints it as napi_id=0x1 for CPU 0 (the live 6.18 tracepoint filters it to 0x0; see
 * test/known_divergences.ts).
 */
function netdev_core_pick_tx(dev: net_device, skb: sk_buff, sb_dev: net_device | null): netdev_queue {
  let queue_index = 0;
  const sender_cpu = (skb.sender_cpu - 1) >>> 0;
  if (sender_cpu >= NR_CPUS) skb.sender_cpu = smp_processor_id() + 1;
  if (dev.real_num_tx_queues !== 1) queue_index = netdev_pick_tx(dev, skb, sb_dev); // no ndo_select_queue
  skb.queue_mapping = queue_index; // skb_set_queue_mapping
  return netdev_get_tx_queue(dev, queue_index);
}
/**
 * net/core/dev.c:3779 validate_xmit_skb: for a linear, untagged, non-GSO skb on a HW_CSUM device it
 * returns skb. netif_skb_features(skb) (which reads dev), vlan push, sk_validate_xmit_skb, GSO
 * segmentation and skb_csum_hwoffload_help are not reachable: kveth's senders produce linear
 * CHECKSUM_NONE skbs with gso_size 0 and no hwaccel tag.
 */
function validate_xmit_skb(skb: sk_buff, _dev: net_device): sk_buff | null {
  return skb;
}
/** net/core/dev.c:3698 xmit_one */
function xmit_one(skb: sk_buff, dev: net_device, txq: netdev_queue, more: boolean): number {
  if (dev_nit_active(dev)) dev_queue_xmit_nit(skb, dev);
  const len = skb.len;
  trace_net_dev_start_xmit(skb, dev);
  const rc = netdev_start_xmit(skb, dev, txq, more);
  trace_net_dev_xmit(skb, rc, dev, len);
  return rc;
}
/** net/core/dev.c:2354 dev_nit_active */
export function dev_nit_active(dev: net_device): boolean {
  return !list_empty(ptype_all) || !list_empty(dev.addr + OFF_dev_ptype_all);
}
/** net/core/dev.c:2336 skb_loop_sk */
function skb_loop_sk(ptype: kaddr_t, skb: sk_buff): boolean {
  const af_packet_priv = rdptr(ptype + OPT.af_packet_priv), sk = skb.sk;
  if (!af_packet_priv || !sk) return false;
  const id_match = rdfn<(pt: packet_type, sk: kaddr_t) => boolean>(ptype + OPT.id_match);
  if (id_match) return id_match(new packet_type(ptype), sk);
  return af_packet_priv === sk;
}
/** net/core/dev.c:2240 net_timestamp_set (netstamp_needed_key is off) */
function net_timestamp_set(skb: sk_buff): void {
  skb.tstamp = 0;
  skb.tstamp_type = SKB_CLOCK_REALTIME;
}
/**
 * net/core/dev.c:2366 dev_queue_xmit_nit: the taps (ETH_P_ALL packet_types, global or on `dev`)
 * get one PACKET_OUTGOING clone, shared between them. kveth's packet_snd leaves skb->sk NULL (no
 * send-side socket accounting), so skb_loop_sk does not keep a sending tap from seeing its own frames.
 */
function dev_queue_xmit_nit(skb: sk_buff, dev: net_device): void {
  let ptype_list = ptype_all;
  let pt_prev: packet_type | null = null;
  let skb2: sk_buff | null = null;
  // rcu_read_lock()
  out_unlock: for (;;) {
    for (let p = list_next(ptype_list); p !== ptype_list; p = list_next(p)) {
      const ptype = p - OPT.list;
      if (rd8(ptype + OPT.ignore_outgoing)) continue;
      // a tap that is the sending socket itself is skipped
      if (skb_loop_sk(ptype, skb)) continue;
      if (pt_prev) {
        deliver_skb(skb2!, pt_prev, skb.dev!);
        pt_prev = new packet_type(ptype);
        continue;
      }
      // the first tap to take the frame makes the one clone they all share
      skb2 = skb_clone(skb, GFP_ATOMIC);
      if (!skb2) break out_unlock;
      net_timestamp_set(skb2);
      // the sender set the network header; the range check only repairs a sender that did not
      skb_reset_mac_header(skb2);
      if (skb_network_header(skb2) < skb2.data || skb_network_header(skb2) > skb_tail_pointer(skb2)) {
        console.error(`protocol ${ntohs(skb2.protocol).toString(16).padStart(4, '0')} is buggy, dev ${dev.name}`);
        skb_reset_network_header(skb2);
      }
      skb2.transport_header = skb2.network_header;
      skb2.pkt_type = PACKET_OUTGOING;
      pt_prev = new packet_type(ptype);
    }
    if (ptype_list === ptype_all) {
      ptype_list = dev.addr + OFF_dev_ptype_all;
      continue; // goto again
    }
    break;
  }
  // out_unlock:
  if (pt_prev) {
    if (!skb_orphan_frags_rx(skb2!)) pt_prev.func(skb2!, skb.dev!, pt_prev, skb.dev!);
    else kfree_skb(skb2!, 'dev_queue_xmit_nit');
  }
  // rcu_read_unlock()
}

/**
 * net/core/dev.c:3715 dev_hard_start_xmit. Returns the skb left over (null when all went out);
 * `*ret` is dev_hard_start_xmit_ret, to be read right after the call.
 */
function dev_hard_start_xmit(first: sk_buff, dev: net_device, txq: netdev_queue): sk_buff | null {
  let skb: sk_buff | null = first;
  let rc = NETDEV_TX_OK;
  out: {
    while (skb) {
      const next: kaddr_t = skb.next;
      skb.next = NULL; // skb_mark_not_on_list
      rc = xmit_one(skb, dev, txq, next !== NULL);
      if (!dev_xmit_complete(rc)) {
        skb.next = next;
        break out;
      }
      skb = next === NULL ? null : new sk_buff(next);
      if (netif_tx_queue_stopped(txq) && skb) {
        rc = NETDEV_TX_BUSY;
        break;
      }
    }
  }
  dev_hard_start_xmit_ret = rc;
  return skb;
}
/** dev_hard_start_xmit's `int *ret` (its caller's local): written last, read by the caller right after @sim */
let dev_hard_start_xmit_ret = 0; // NETDEV_TX_OK (a literal: netdevice.ts may still be loading when dev.ts runs)

/** net/core/dev.c:3935 __dev_xmit_skb, for the one enqueueing qdisc kveth has: noop_qdisc */
function __dev_xmit_skb(skb: sk_buff, q: kaddr_t, _dev: net_device, _txq: netdev_queue): number {
  // tcf_set_drop_reason(skb, QDISC_DROP); the noop qdisc is neither NOLOCK nor CAN_BYPASS, so the
  // skb goes through dev_qdisc_enqueue (root lock, busylock and qdisc_run, which would use dev and
  // txq, have nothing to do); what it hands back in to_free is freed with that reason.
  const to_free: sk_buff[] = [];
  const rc = qdisc_enqueue_fn(q)!(skb, q, to_free) & NET_XMIT_MASK;
  // qdisc_run(q): noop_dequeue has nothing to give
  for (const f of to_free) kfree_skb_reason(f, SKB_DROP_REASON_QDISC_DROP, '__dev_queue_xmit');
  return rc;
}

/** net/core/dev.c:4494 __dev_queue_xmit */
export function __dev_queue_xmit(skb0: sk_buff, sb_dev: net_device | null): number {
  let skb: sk_buff | null = skb0;
  const dev = skb.dev!;
  let rc = -ENOMEM;
  skb_reset_mac_header(skb);
  // SKBTX_SCHED_TSTAMP timestamps; qdisc_pkt_len_init only fails for malformed GSO packets
  rcu_read_lock_bh();
  // skb_update_prio, egress hooks: no cgroup prio maps and no egress programs
  if (dev.priv_flags & IFF_XMIT_DST_RELEASE) skb_dst_drop(skb);
  const txq = netdev_core_pick_tx(dev, skb, sb_dev);
  const q = txq.qdisc;
  trace_net_dev_queue(skb);
  out: {
    if (qdisc_enqueue_fn(q) !== null) {
      rc = __dev_xmit_skb(skb, q, dev, txq);
      break out;
    }
    // The device has no queue (noqueue): transmit right here.
    if (dev.flags & IFF_UP) {
      const cpu = smp_processor_id();
      not_recursion: {
        recursion_alert: {
          if (txq.xmit_lock_owner !== cpu) {
            let is_list = false;
            if (xmit_recursion > XMIT_RECURSION_LIMIT) break recursion_alert; // dev_xmit_recursion()
            skb = validate_xmit_skb(skb, dev);
            if (!skb) break out;
            // HARD_TX_LOCK: dev->lltx (veth) takes no lock
            if (!netif_xmit_stopped(txq)) {
              is_list = skb.next !== NULL;
              xmit_recursion++;
              skb = dev_hard_start_xmit(skb, dev, txq);
              rc = dev_hard_start_xmit_ret;
              xmit_recursion--;
              if (is_list) rc = NETDEV_TX_OK;
            }
            if (!skb) break out; // everything went out
            console.error(`Virtual device ${dev.name} asks to queue packet!`);
            if (!is_list) rc = -ENETDOWN;
            break not_recursion;
          }
          // else: this CPU already holds the queue's xmit lock, so we re-entered our own xmit
        }
        // recursion_alert:
        console.error(`Dead loop on virtual device ${dev.name}, fix it urgently!`);
        rc = -ENETDOWN;
      }
    }
    rcu_read_unlock_bh();
    dev_core_stats_tx_dropped_inc(dev);
    kfree_skb_list(skb, '__dev_queue_xmit');
    return rc;
  }
  rcu_read_unlock_bh();
  return rc;
}
/** include/linux/netdevice.h:3150 dev_queue_xmit */
export function dev_queue_xmit(skb: sk_buff): number { return __dev_queue_xmit(skb, null); }

/* ------------------------------------------------------------------------------------------
 * Forwarding between devices (veth, and later others)
 */
/** net/core/dev.c:2254 is_skb_forwardable */
export function is_skb_forwardable(dev: net_device, skb: sk_buff): boolean { return __is_skb_forwardable(dev, skb, true); }
/** net/core/dev.c:2260 __dev_forward_skb2 */
function __dev_forward_skb2(dev: net_device, skb: sk_buff, check_mtu: boolean): number {
  const ret = ____dev_forward_skb(dev, skb, check_mtu);
  if (ret === 0) {
    skb.protocol = eth_type_trans(skb, dev);
    skb_postpull_rcsum(skb, skb_mac_header(skb), 14); // eth_hdr(skb), ETH_HLEN
  }
  return ret;
}
/** net/core/dev.c:2273 __dev_forward_skb */
export function __dev_forward_skb(dev: net_device, skb: sk_buff): number { return __dev_forward_skb2(dev, skb, true); }

/* ------------------------------------------------------------------------------------------
 * Receive: backlog, softirq, NAPI
 */
/** net/core/dev.c:4688 ____napi_schedule */
function ____napi_schedule(sd: softnet_data, napi: napi_struct): void {
  // threaded NAPI (NAPI_STATE_THREADED) is not modelled: the backlog is never threaded here
  list_add_tail(napi.poll_list, sd.poll_list);
  if (!sd.in_net_rx_action) raise_softirq_irqoff(NET_RX_SOFTIRQ);
}
/** net/core/dev.c:4948 napi_schedule_rps (no RPS: always this CPU's backlog) */
function napi_schedule_rps(sd: softnet_data): void {
  const mysd = this_softnet_data();
  if (sd.addr !== mysd.addr) throw new Error('kveth: RPS to another CPU is not modelled');
  ____napi_schedule(mysd, mysd.backlog); // __napi_schedule_irqoff
}
/** net/core/dev.c:4994 skb_flow_limit: net.core.flow_limit_cpu_bitmap is empty, so no table exists */
function skb_flow_limit(_skb: sk_buff, qlen: number): boolean {
  if (qlen < (net_hotdata.max_backlog >> 1)) return false;
  return false; // sd->flow_limit is NULL
}
/** net/core/dev.c:5034 enqueue_to_backlog */
function enqueue_to_backlog(skb: sk_buff, cpu: number): number {
  let reason = SKB_DROP_REASON_CPU_BACKLOG;
  const sd = per_cpu_softnet_data(cpu);
  let qlen = skb_queue_len(sd.input_pkt_queue);
  const max_backlog = net_hotdata.max_backlog;
  drop: {
    if (qlen > max_backlog) break drop; // goto cpu_backlog_drop
    // backlog_lock_irq_save: IRQs off, no RPS lock needed
    qlen = skb_queue_len(sd.input_pkt_queue);
    if (qlen <= max_backlog && !skb_flow_limit(skb, qlen)) {
      if (!netif_running(skb.dev!)) {
        reason = SKB_DROP_REASON_DEV_READY;
        return bad_dev(skb, reason);
      }
      if (!qlen) {
        if (!test_and_set_bit(NAPI_STATE_SCHED, sd.backlog.state_addr)) napi_schedule_rps(sd);
      }
      __skb_queue_tail(sd.input_pkt_queue, skb);
      sd.input_queue_tail = sd.input_queue_tail + 1; // rps_input_queue_tail_incr
      return NET_RX_SUCCESS;
    }
  }
  // cpu_backlog_drop:
  sd.dropped = sd.dropped + 1;
  return bad_dev(skb, reason);
}
function bad_dev(skb: sk_buff, reason: skb_drop_reason): number {
  dev_core_stats_rx_dropped_inc(skb.dev!);
  kfree_skb_reason(skb, reason, 'enqueue_to_backlog');
  return NET_RX_DROP;
}
/** net/core/dev.c:5354 netif_rx_internal */
function netif_rx_internal(skb: sk_buff): number {
  // net_timestamp_check: no socket asked for RX timestamps (netstamp_needed_key off)
  trace_netif_rx(skb);
  // RPS (rps_needed static key) is off
  return enqueue_to_backlog(skb, smp_processor_id());
}
/** net/core/dev.c:5394 __netif_rx */
export function __netif_rx(skb: sk_buff): number {
  trace_netif_rx_entry(skb);
  const ret = netif_rx_internal(skb);
  trace_netif_rx_exit(ret);
  return ret;
}
/** net/core/dev.c:5426 netif_rx */
export function netif_rx(skb: sk_buff): number {
  const need_bh_off = softirq_count() === 0;
  if (need_bh_off) local_bh_disable();
  trace_netif_rx_entry(skb);
  const ret = netif_rx_internal(skb);
  trace_netif_rx_exit(ret);
  if (need_bh_off) local_bh_enable();
  return ret;
}

/** net/core/dev.c:2308 deliver_skb */
function deliver_skb(skb: sk_buff, pt_prev: packet_type, orig_dev: net_device): number {
  if (skb_orphan_frags_rx(skb)) return -ENOMEM;
  skb.users = skb.users + 1; // refcount_inc
  return pt_prev.func(skb, skb.dev!, pt_prev, orig_dev);
}
/** net/core/dev.c:2318 deliver_ptype_list_skb: `*pt` comes in as pt_prev and goes back as the result */
function deliver_ptype_list_skb(skb: sk_buff, pt_prev: packet_type | null, orig_dev: net_device, type: __be16,
  ptype_list: kaddr_t): packet_type | null {
  for (let p = list_next(ptype_list); p !== ptype_list; p = list_next(p)) {
    if ((rd16(p - OPT.list + OPT.type) as __be16) !== type) continue;
    if (pt_prev) deliver_skb(skb, pt_prev, orig_dev);
    pt_prev = new packet_type(p - OPT.list);
  }
  return pt_prev;
}
/** net/8021q/vlan_core.c:10 vlan_do_receive: no VLAN devices exist in kveth, so nothing claims the tag */
function vlan_do_receive(_skb: sk_buff): boolean { return false; }

/*
 * __netif_receive_skb_core's `struct sk_buff **pskb` and `struct packet_type **ppt_prev` on the way
 * out: written at `out:`, read by the caller right after the call. @sim
 */
let rcv_core_skb: sk_buff | null = null;
let rcv_core_pt_prev: packet_type | null = null;

/**
 * net/core/dev.c:5639 __netif_receive_skb_core. Returns ret; *pskb is left in rcv_core_skb and
 * *ppt_prev (NULL unless a handler is left for the caller) in rcv_core_pt_prev.
 */
function __netif_receive_skb_core(skb0: sk_buff, pfmemalloc: boolean): number {
  let skb: sk_buff | null = skb0;
  let deliver_exact = false;
  let ret = NET_RX_DROP;
  let pt_prev: packet_type | null = null;
  let ppt_prev: packet_type | null = null;
  // net_timestamp_check(!tstamp_prequeue): tstamp_prequeue is 1
  trace_netif_receive_skb(skb);
  const orig_dev = skb.dev!;
  skb_reset_network_header(skb);
  if (!skb_transport_header_was_set(skb)) skb_reset_transport_header(skb);
  skb_reset_mac_len(skb);
  out: {
    another_round: for (;;) {
      skb.skb_iif = skb.dev!.ifindex;
      const sd = this_softnet_data();
      sd.processed = sd.processed + 1;
      // generic XDP (generic_xdp_needed_key) is off
      if (eth_type_vlan(skb.protocol)) {
        skb = skb_vlan_untag(skb);
        if (!skb) break out;
      }
      // skb_skip_tc_classify is false: nothing redirected it
      if (!pfmemalloc) {
        for (let p = list_next(ptype_all); p !== ptype_all; p = list_next(p)) {
          if (pt_prev) ret = deliver_skb(skb, pt_prev, orig_dev);
          pt_prev = new packet_type(p - OPT.list);
        }
        const dev_all = skb.dev!.addr + OFF_dev_ptype_all;
        for (let p = list_next(dev_all); p !== dev_all; p = list_next(p)) {
          if (pt_prev) ret = deliver_skb(skb, pt_prev, orig_dev);
          pt_prev = new packet_type(p - OPT.list);
        }
      }
      // skip_taps: tc/netfilter ingress (ingress_needed_key) is off; skb_reset_redirect
      // skip_classify: pfmemalloc is never set
      if (skb_vlan_tag_present(skb)) {
        if (pt_prev) { ret = deliver_skb(skb, pt_prev, orig_dev); pt_prev = null; }
        if (vlan_do_receive(skb)) continue another_round;
      }
      const rx_handler = rdfn<(pskb: { skb: sk_buff }) => number>(skb.dev!.addr + OFF_dev_rx_handler);
      if (rx_handler) {
        if (pt_prev) { ret = deliver_skb(skb, pt_prev, orig_dev); pt_prev = null; }
        const pskb: { skb: sk_buff } = { skb };
        const r = rx_handler(pskb);
        skb = pskb.skb;
        switch (r) {
          case RX_HANDLER_CONSUMED: ret = NET_RX_SUCCESS; break out;
          case RX_HANDLER_ANOTHER: continue another_round;
          case RX_HANDLER_EXACT: deliver_exact = true; break;
          case RX_HANDLER_PASS: break;
          default: throw new Error('kernel BUG at net/core/dev.c: bad rx_handler result');
        }
      }
      if (skb_vlan_tag_present(skb)) { // && !netdev_uses_dsa(skb->dev)
        check_vlan_id: for (;;) {
          if (skb.vlan_tci & 0x0fff) { // skb_vlan_tag_get_id
            skb.pkt_type = PACKET_OTHERHOST;
          } else if (eth_type_vlan(skb.protocol)) {
            skb.vlan_all = 0; // __vlan_hwaccel_clear_tag
            skb = skb_vlan_untag(skb);
            if (!skb) break out;
            if (vlan_do_receive(skb)) continue another_round;
            continue check_vlan_id;
          }
          break;
        }
        skb.vlan_all = 0; // __vlan_hwaccel_clear_tag
      }
      break;
    }
    const type = skb.protocol;
    if (!deliver_exact) {
      pt_prev = deliver_ptype_list_skb(skb, pt_prev, orig_dev, type, ptype_base + 16 * (ntohs(type) & PTYPE_HASH_MASK));
    }
    pt_prev = deliver_ptype_list_skb(skb, pt_prev, orig_dev, type, orig_dev.addr + OFF_dev_ptype_specific);
    const dev = skb.dev!;
    if (dev.addr !== orig_dev.addr) pt_prev = deliver_ptype_list_skb(skb, pt_prev, orig_dev, type, dev.addr + OFF_dev_ptype_specific);
    if (pt_prev && !skb_orphan_frags_rx(skb)) {
      ppt_prev = pt_prev;
    } else {
      // drop:
      if (!deliver_exact) dev_core_stats_rx_dropped_inc(dev);
      else dev_core_stats_rx_nohandler_inc(dev);
      kfree_skb_reason(skb, SKB_DROP_REASON_UNHANDLED_PROTO, '__netif_receive_skb_core');
      ret = NET_RX_DROP;
    }
  }
  // out:
  rcv_core_skb = skb;
  rcv_core_pt_prev = ppt_prev;
  return ret;
}
/** net/core/dev.c:5844 __netif_receive_skb_one_core */
function __netif_receive_skb_one_core(skb0: sk_buff, pfmemalloc: boolean): number {
  const orig_dev = skb0.dev!;
  let ret = __netif_receive_skb_core(skb0, pfmemalloc);
  const skb = rcv_core_skb, pt_prev = rcv_core_pt_prev;
  if (pt_prev) ret = pt_prev.func(skb!, skb!.dev!, pt_prev, orig_dev);
  return ret;
}
/** net/core/dev.c:5945 __netif_receive_skb (no memalloc sockets exist) */
function __netif_receive_skb(skb: sk_buff): number { return __netif_receive_skb_one_core(skb, false); }

/** net/core/dev.c:6279 process_backlog */
function process_backlog(napi: napi_struct, quota: number): number {
  const sd = napi_to_sd(napi);
  let again = true;
  let work = 0;
  // sd_has_rps_ipi_waiting: no RPS
  napi.weight = net_hotdata.dev_rx_weight;
  while (again) {
    let skb: sk_buff | null;
    while ((skb = __skb_dequeue(sd.process_queue))) {
      __netif_receive_skb(skb); // under rcu_read_lock
      if (++work >= quota) {
        sd.input_queue_head = sd.input_queue_head + work; // rps_input_queue_head_add
        return work;
      }
    }
    // backlog_lock_irq_disable
    if (skb_queue_empty(sd.input_pkt_queue)) {
      // inline napi_complete: only the THREADED bit may stay
      napi.state = napi.state & NAPIF_STATE_THREADED;
      again = false;
    } else {
      skb_queue_splice_tail_init(sd.input_pkt_queue, sd.process_queue);
    }
  }
  if (work) sd.input_queue_head = sd.input_queue_head + work;
  return work;
}
ksym_register('process_backlog', process_backlog);

/** net/core/dev.c:6938 __napi_poll (`*repoll` is napi_poll's do_repoll) */
function __napi_poll(n: napi_struct, repoll: { v: boolean }): number {
  let work = 0;
  const weight = n.weight;
  if (test_bit(NAPI_STATE_SCHED, n.state_addr)) { // napi_is_scheduled
    const poll = n.poll!;
    work = poll(n, weight);
    trace_napi_poll(n, work, weight);
    // xdp_do_check_flushed: no XDP
  }
  if (work > weight) console.error(`NAPI poll function ${n.poll!.name} returned ${work}, exceeding its budget of ${weight}.`);
  if (work < weight) return work;
  // The whole weight was used: NAPI_STATE_DISABLE / prefer-busy-poll do not apply; GRO has nothing
  if (!list_empty(n.poll_list)) {
    const dev = n.dev;
    console.error(`${dev ? dev.name : 'backlog'}: Budget exhausted after napi rescheduled`);
    return work;
  }
  repoll.v = true;
  return work;
}
/** napi_poll's `bool do_repoll` (a stack local; napi_poll does not nest, so one cell serves) @sim */
const do_repoll = { v: false };
/** net/core/dev.c:7011 napi_poll */
function napi_poll(n: napi_struct, repoll: kaddr_t): number {
  do_repoll.v = false;
  list_del_init(n.poll_list);
  // netpoll_poll_lock: no netpoll
  const work = __napi_poll(n, do_repoll);
  if (do_repoll.v) list_add_tail(n.poll_list, repoll);
  return work;
}

/* net_rx_action's LIST_HEAD(list) and LIST_HEAD(repoll): stack locals, initialised on each call */
const list_head_tmp: kaddr_t = kzalloc(SIZEOF_LIST_HEAD, GFP_KERNEL);
const repoll_head: kaddr_t = kzalloc(SIZEOF_LIST_HEAD, GFP_KERNEL);
/** net/core/dev.c:7104 net_rx_action */
function net_rx_action(): void {
  const sd = this_softnet_data();
  const time_limit = jiffies() + usecs_to_jiffies(net_hotdata.netdev_budget_usecs);
  let budget = net_hotdata.netdev_budget;
  const list = list_head_tmp, repoll = repoll_head;
  INIT_LIST_HEAD(list);
  INIT_LIST_HEAD(repoll);
  for (;;) {
    // start:
    sd.in_net_rx_action = true;
    list_splice_init(sd.poll_list, list); // under local_irq_disable
    let restart = false;
    for (;;) {
      // skb_defer_free_flush(sd): nothing is ever deferred
      if (list_empty(list)) {
        if (list_empty(repoll)) {
          sd.in_net_rx_action = false;
          if (!list_empty(sd.poll_list)) { restart = true; break; }
          return; // no RPS IPIs pending: goto end
        }
        break;
      }
      const n = new napi_struct(list_next(list) - OFF_napi_poll_list); // list_first_entry
      budget -= napi_poll(n, repoll);
      if (budget <= 0 || time_after_eq(jiffies(), time_limit)) {
        sd.time_squeeze = sd.time_squeeze + 1;
        break;
      }
    }
    if (restart) continue;
    break;
  }
  // local_irq_disable
  list_splice_tail_init(sd.poll_list, list);
  list_splice_tail(repoll, list);
  list_splice(list, sd.poll_list);
  if (!list_empty(sd.poll_list)) __raise_softirq_irqoff(NET_RX_SOFTIRQ);
  else sd.in_net_rx_action = false;
  // net_rps_action_and_irq_enable: no RPS
}

/** net/core/dev.c:12435 net_dev_init (the per-CPU and softirq parts) */
function net_dev_init(): void {
  for (let i = 0; i < nr_cpu_ids; i++) {
    const sd = per_cpu_softnet_data(i);
    __skb_queue_head_init(sd.input_pkt_queue);
    __skb_queue_head_init(sd.process_queue);
    INIT_LIST_HEAD(sd.poll_list);
    wr32(sd.addr + OSD.cpu, i);
    const backlog = sd.backlog;
    INIT_LIST_HEAD(backlog.poll_list);
    backlog.poll = process_backlog;
    backlog.weight = weight_p;
  }
  open_softirq(NET_RX_SOFTIRQ, net_rx_action);
}
net_dev_init();


/**
 * net/core/dev.c:11741 __dev_change_net_namespace. Returns 0 or -errno. (No altnames, sysfs,
 * uevents or per-netns notifier users exist in kveth; RTM_DELLINK/NEWLINK go to the hooks.)
 */
export function __dev_change_net_namespace(dev: net_device, n: net, pat: string | null, new_ifindex: number,
  extack: { msg?: string } | null = null): number {
  const net_old = dev_net(dev);
  const [nb, nshift, nmask] = ND.bits('netns_immutable');
  if ((rd8(dev.addr + nb) & nmask) >> nshift) {
    if (extack) extack.msg = 'The interface netns is immutable';
    return -EINVAL;
  }
  if (dev.reg_state !== NETREG_REGISTERED) {
    if (extack) extack.msg = "The interface isn't registered";
    return -EINVAL;
  }
  if (net_old.addr === n.addr) return 0;
  let new_name: string | null = null;
  let err: number;
  if (netdev_name_in_use(n, dev.name)) {
    if (!pat) {
      if (extack) extack.msg = 'An interface with the same name exists in the target netns';
      return -EEXIST;
    }
    const [e, name] = dev_prep_valid_name(n, pat, EEXIST);
    if (e < 0) {
      if (extack) extack.msg = `Unable to use '${pat}' for the new interface name in the target netns`;
      return e;
    }
    new_name = name;
  }
  // altnames: kveth devices have none
  if (new_ifindex) {
    err = dev_index_reserve(n, new_ifindex);
    if (err < 0) {
      if (extack) extack.msg = `The ifindex ${new_ifindex} is not available in the target netns`;
      return err;
    }
  } else {
    err = dev_index_reserve(n, dev.ifindex);
    if (err === -EBUSY) err = dev_index_reserve(n, 0);
    if (err < 0) {
      if (extack) extack.msg = 'Unable to allocate a new ifindex in the target netns';
      return err;
    }
    new_ifindex = err;
  }
  dev_close(dev);
  unlist_netdevice(dev);
  // synchronize_net
  dev_shutdown(dev);
  // the NETDEV_UNREGISTER notifier, then (after rcu_barrier) RTM_DELLINK to the old namespace's listeners
  call_netdevice_notifiers(NETDEV_UNREGISTER, dev);
  // rtmsg_ifinfo_newnet(RTM_DELLINK, ...): no portid or nlh, so only multicast listeners would see it
  rtnl_dev.rtmsg_ifinfo_event(RTM_DELLINK, dev, ~0 >>> 0, 0, NULL);
  // dev_uc_flush / dev_mc_flush: veth keeps no secondary addresses
  dev_net_set(dev, n); // unlist_netdevice already dropped the old namespace's index entry
  dev.ifindex = new_ifindex;
  if (new_name) dev.name = new_name;
  list_netdevice(dev);
  call_netdevice_notifiers(NETDEV_REGISTER, dev);
  rtmsg_ifinfo(dev, ~0 >>> 0, 0, NULL);
  // synchronize_net
  return 0;
}
/** include/linux/netdevice.h:4028 dev_change_net_namespace */
export function dev_change_net_namespace(dev: net_device, n: net, pat: string | null): number {
  return __dev_change_net_namespace(dev, n, pat, 0, null);
}

/* ------------------------------------------------------------------------------------------
 * Changing a registered device: name, alias, flags, MTU, queue length, group, address, carrier
 */
/** net/core/dev.c:1285 dev_change_name */
export function dev_change_name(dev: net_device, newname: string): number {
  const n = dev_net(dev);
  if (newname.slice(0, IFNAMSIZ) === dev.name) return 0;
  const oldname = dev.name;
  const err = dev_get_valid_name(n, dev, newname);
  if (err < 0) return err;
  // netdev_info "renamed from": no kernel log in kveth
  dev.name_assign_type = NET_NAME_RENAMED;
  // device_rename: no sysfs; netdev_name_node_del + add
  netdev_name_node_rename(dev, oldname);
  // NETDEV_CHANGENAME notifier: no listeners, so no rollback
  return err;
}
/** net/core/dev.c:1376 dev_set_alias */
export function dev_set_alias(dev: net_device, alias: kaddr_t, len: number): number {
  let new_alias = NULL;
  if (len >= 256) return -EINVAL; // IFALIASZ
  if (len) {
    // struct dev_ifalias { struct rcu_head rcuhead; char ifalias[]; }
    new_alias = kmalloc(16 + len + 1, GFP_KERNEL);
    if (!new_alias) return -ENOMEM;
    bytes(new_alias + 16, len).set(bytes(alias, len));
    wr8(new_alias + 16 + len, 0);
  }
  const old = rdptr(dev.addr + OFF_dev_ifalias);
  wrptr(dev.addr + OFF_dev_ifalias, new_alias);
  if (old) kfree(old); // kfree_rcu
  return len;
}
/** net/core/dev.c:1413 dev_get_alias: the alias string ('' when none) */
export function dev_get_alias(dev: net_device): string {
  const a = rdptr(dev.addr + OFF_dev_ifalias);
  if (!a) return '';
  let s = '';
  for (let p = a + 16; rd8(p) !== 0 && s.length < 255; p++) s += String.fromCharCode(rd8(p));
  return s;
}
/** @sim dev->gflags */
export function dev_gflags(dev: net_device): number { return rd16(dev.addr + OFF_dev_gflags); }
function set_gflags(dev: net_device, v: number): void { wr16(dev.addr + OFF_dev_gflags, v); }

/** include/linux/netdevice.h:4358 netif_oper_up */
export function netif_oper_up(dev: net_device): boolean {
  const op = dev.operstate;
  return op === IF_OPER_UP || op === IF_OPER_UNKNOWN;
}
/** include/linux/netdevice.h:4306 netif_dormant */
export function netif_dormant(dev: net_device): boolean { return test_bit(__LINK_STATE_DORMANT, dev.state_addr); }
/** net/core/dev.c:8955 dev_get_flags */
export function dev_get_flags(dev: net_device): number {
  let flags = (dev.flags & ~(IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT)) |
    (dev_gflags(dev) & (IFF_PROMISC | IFF_ALLMULTI));
  if (netif_running(dev)) {
    if (netif_oper_up(dev)) flags |= IFF_RUNNING;
    if (netif_carrier_ok(dev)) flags |= IFF_LOWER_UP;
    if (netif_dormant(dev)) flags |= IFF_DORMANT;
  }
  return flags >>> 0;
}
/**
 * net/core/dev.c:8781 __dev_set_promiscuity (no ndo_change_rx_flags on kveth devices, so
 * dev_change_rx_flags does nothing; the "entered/left promiscuous mode" log and the audit record
 * are left out)
 */
function __dev_set_promiscuity(dev: net_device, inc: number, notify: boolean): number {
  const old_flags = dev.flags;
  let flags: number;
  const promiscuity = (dev.promiscuity + inc) >>> 0;
  if (promiscuity === 0) {
    // the counter would wrap to 0 on an increment: leave it and fail
    if (inc > 0) return -EOVERFLOW; // netdev_warn "promiscuity touches roof"
    flags = old_flags & ~IFF_PROMISC;
  } else {
    flags = old_flags | IFF_PROMISC;
  }
  dev.promiscuity = promiscuity;
  if (flags !== old_flags) dev.flags = flags;
  if (notify) __dev_notify_flags(dev, old_flags, IFF_PROMISC, 0, NULL);
  return 0;
}
/** net/core/dev.c:8854 __dev_set_allmulti (as above: no rx flags to change, no log) */
function __dev_set_allmulti(dev: net_device, inc: number, notify: boolean): number {
  const old_flags = dev.flags, old_gflags = dev_gflags(dev);
  let flags: number;
  const allmulti = (dev.allmulti + inc) >>> 0;
  if (allmulti === 0) {
    if (inc > 0) return -EOVERFLOW; // netdev_warn "allmulti touches roof"
    flags = old_flags & ~IFF_ALLMULTI;
  } else {
    flags = old_flags | IFF_ALLMULTI;
  }
  dev.allmulti = allmulti;
  if (flags !== old_flags) {
    dev.flags = flags;
    dev_set_rx_mode(dev);
    if (notify) __dev_notify_flags(dev, old_flags, dev_gflags(dev) ^ old_gflags, 0, NULL);
  }
  return 0;
}
/** net/core/dev.c:8980 __dev_change_flags */
export function __dev_change_flags(dev: net_device, flags: number, extack: { msg?: string } | null = null): number {
  const old_flags = dev.flags;
  dev.flags = ((flags & (IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_DYNAMIC | IFF_MULTICAST | IFF_PORTSEL | IFF_AUTOMEDIA)) |
    (dev.flags & (IFF_UP | IFF_VOLATILE | IFF_PROMISC | IFF_ALLMULTI))) >>> 0;
  // dev_change_rx_flags(IFF_MULTICAST): no ndo_change_rx_flags on kveth devices
  dev_set_rx_mode(dev);
  let ret = 0;
  if ((old_flags ^ flags) & IFF_UP) {
    if (old_flags & IFF_UP) __dev_close(dev);
    else ret = __dev_open(dev, extack);
  }
  if ((flags ^ dev_gflags(dev)) & IFF_PROMISC) {
    const inc = flags & IFF_PROMISC ? 1 : -1;
    const old = dev.flags;
    set_gflags(dev, dev_gflags(dev) ^ IFF_PROMISC);
    if (__dev_set_promiscuity(dev, inc, false) >= 0) if (dev.flags !== old) dev_set_rx_mode(dev);
  }
  // IFF_PROMISC is synced before IFF_ALLMULTI, in the kernel's order
  if ((flags ^ dev_gflags(dev)) & IFF_ALLMULTI) {
    const inc = flags & IFF_ALLMULTI ? 1 : -1;
    set_gflags(dev, dev_gflags(dev) ^ IFF_ALLMULTI);
    __dev_set_allmulti(dev, inc, false);
  }
  return ret;
}
/** net/core/dev.c:9046 __dev_notify_flags (RTM_NEWLINK goes through rtnetlink's hook) */
export function __dev_notify_flags(dev: net_device, old_flags: number, gchanges: number, portid = 0, nlh: kaddr_t = NULL): void {
  const changes = dev.flags ^ old_flags;
  if (gchanges) rtmsg_ifinfo(dev, gchanges >>> 0, portid, nlh);
  if (changes & IFF_UP) {
    if (dev.flags & IFF_UP) call_netdevice_notifiers(NETDEV_UP, dev);
    else call_netdevice_notifiers(NETDEV_DOWN, dev);
  }
  if (dev.flags & IFF_UP && (changes & ~(IFF_UP | IFF_PROMISC | IFF_ALLMULTI | IFF_VOLATILE))) {
    call_netdevice_notifiers(NETDEV_CHANGE, dev); // change_info.flags_changed = changes
  }
}
/** net/core/dev.c:9084 dev_change_flags */
export function dev_change_flags(dev: net_device, flags: number, extack: { msg?: string } | null): number {
  const old_flags = dev.flags, old_gflags = dev_gflags(dev);
  const ret = __dev_change_flags(dev, flags, extack);
  if (ret < 0) return ret;
  const changes = (old_flags ^ dev.flags) | (old_gflags ^ dev_gflags(dev));
  __dev_notify_flags(dev, old_flags, changes, 0, NULL);
  return ret;
}
/** net/core/dev.c:9100 __dev_set_mtu */
export function __dev_set_mtu(dev: net_device, new_mtu: number): number {
  const change_mtu = ndo(dev, 'ndo_change_mtu');
  if (change_mtu) return change_mtu(dev, new_mtu);
  dev.mtu = new_mtu;
  return 0;
}
/** net/core/dev.c:9113 dev_validate_mtu */
export function dev_validate_mtu(dev: net_device, new_mtu: number, extack: { msg?: string } | null): number {
  if (new_mtu < 0 || new_mtu < dev.min_mtu) { if (extack) extack.msg = 'mtu less than device minimum'; return -EINVAL; }
  if (dev.max_mtu > 0 && new_mtu > dev.max_mtu) { if (extack) extack.msg = 'mtu greater than device maximum'; return -EINVAL; }
  return 0;
}
/** net/core/dev.c:9137 dev_set_mtu_ext (new_mtu is the C int: pass it already sign-converted) */
export function dev_set_mtu_ext(dev: net_device, new_mtu: number, extack: { msg?: string } | null): number {
  if (new_mtu === dev.mtu) return 0;
  const err = dev_validate_mtu(dev, new_mtu, extack);
  if (err) return err;
  if (!netif_device_present(dev)) return -ENODEV;
  // NETDEV_PRECHANGEMTU: no listener refuses
  const err2 = __dev_set_mtu(dev, new_mtu);
  // NETDEV_CHANGEMTU: kveth's listeners never fail it, so there is no roll-back to the old MTU
  if (!err2) call_netdevice_notifiers(NETDEV_CHANGEMTU, dev);
  return err2;
}
/** net/core/dev.c:9194 dev_change_tx_queue_len */
export function dev_change_tx_queue_len(dev: net_device, new_len: number): number {
  const orig_len = dev.tx_queue_len;
  if (new_len > 32767) return -ERANGE; // S16_MAX
  if (new_len !== orig_len) {
    dev.tx_queue_len = new_len;
    // NETDEV_CHANGE_TX_QUEUE_LEN notifier; dev_qdisc_change_tx_queue_len: noqueue/noop have no change_tx_queue_len
  }
  return 0;
}
/** net/core/dev.c:9226 dev_set_group */
export function dev_set_group(dev: net_device, new_group: number): void { dev.group = new_group; }
/** net/core/dev.c:9237 dev_pre_changeaddr_notify: NETDEV_PRE_CHANGEADDR has no listeners */
export function dev_pre_changeaddr_notify(_dev: net_device, _addr: kaddr_t, _extack: { msg?: string } | null): number { return 0; }
/** net/core/dev.c:9260 dev_set_mac_address: `sa` is a struct sockaddr in simulated memory */
export function dev_set_mac_address(dev: net_device, sa: kaddr_t, extack: { msg?: string } | null): number {
  const set_mac = ndo(dev, 'ndo_set_mac_address');
  if (!set_mac) return -EOPNOTSUPP;
  if (rd16(sa) !== dev.type) return -EINVAL;
  if (!netif_device_present(dev)) return -ENODEV;
  let err = dev_pre_changeaddr_notify(dev, sa + 2, extack);
  if (err) return err;
  const cur = bytes(dev.dev_addr, dev.addr_len), want = bytes(sa + 2, dev.addr_len);
  if (cur.some((b, i) => b !== want[i])) {
    err = set_mac(dev, sa);
    if (err) return err;
  }
  dev.addr_assign_type = NET_ADDR_SET;
  // NETDEV_CHANGEADDR notifier; add_device_randomness
  return 0;
}
/** net/core/dev.c:9289 dev_set_mac_address_user (dev_addr_sem is not needed: nothing runs concurrently) */
export function dev_set_mac_address_user(dev: net_device, sa: kaddr_t, extack: { msg?: string } | null): number {
  return dev_set_mac_address(dev, sa, extack);
}
/** net/core/dev.c:9336 dev_change_carrier */
export function dev_change_carrier(dev: net_device, new_carrier: boolean): number {
  const change_carrier = ndo(dev, 'ndo_change_carrier');
  if (!change_carrier) return -EOPNOTSUPP;
  if (!netif_device_present(dev)) return -ENODEV;
  return change_carrier(dev, new_carrier);
}
/** net/core/dev.c:1447 netdev_state_change: NETDEV_CHANGE notifier and an RTM_NEWLINK to listeners */
export function netdev_state_change(dev: net_device): void {
  if (dev.flags & IFF_UP) {
    call_netdevice_notifiers(NETDEV_CHANGE, dev); // change_info.flags_changed stays 0
    rtmsg_ifinfo(dev, 0, 0, NULL);
  }
}
/** net/core/dev.c:3133 netif_set_tso_max_size */
export function netif_set_tso_max_size(dev: net_device, size: number): void {
  dev.tso_max_size = Math.min(GSO_MAX_SIZE, size);
  if (size < dev.gso_max_size) netif_set_gso_max_size(dev, size);
  if (size < dev.gso_ipv4_max_size) netif_set_gso_ipv4_max_size(dev, size);
}
/** net/core/dev.c:3152 netif_set_tso_max_segs */
export function netif_set_tso_max_segs(dev: net_device, segs: number): void {
  dev.tso_max_segs = segs;
  if (segs < dev.gso_max_segs) netif_set_gso_max_segs(dev, segs);
}
/** net/core/dev.c:3165 netif_inherit_tso_max */
export function netif_inherit_tso_max(to: net_device, from: net_device): void {
  netif_set_tso_max_size(to, from.tso_max_size);
  netif_set_tso_max_segs(to, from.tso_max_segs);
}
/** net/core/dev.h:104 netif_set_gso_max_size */
export function netif_set_gso_max_size(dev: net_device, size: number): void {
  dev.gso_max_size = size;
  if (size <= GSO_LEGACY_MAX_SIZE) dev.gso_ipv4_max_size = size;
}
/** net/core/dev.h:113 netif_set_gso_max_segs */
export function netif_set_gso_max_segs(dev: net_device, segs: number): void { dev.gso_max_segs = segs; }
/** net/core/dev.h:120 netif_set_gro_max_size */
export function netif_set_gro_max_size(dev: net_device, size: number): void {
  dev.gro_max_size = size;
  if (size <= GRO_LEGACY_MAX_SIZE) dev.gro_ipv4_max_size = size;
}
/** net/core/dev.h:129 netif_set_gso_ipv4_max_size */
export function netif_set_gso_ipv4_max_size(dev: net_device, size: number): void { dev.gso_ipv4_max_size = size; }
/** net/core/dev.h:136 netif_set_gro_ipv4_max_size */
export function netif_set_gro_ipv4_max_size(dev: net_device, size: number): void { dev.gro_ipv4_max_size = size; }
/** the namespace's ifindexes in ascending order (the dev_by_index xarray's walk order) @sim */
function netdev_index_order(n: net): number[] { return [...side(n).by_index.keys()].sort((a, b) => a - b); }
/**
 * include/linux/netdevice.h:3079 for_each_netdev_dump: the devices from index ctx.ifindex upwards.
 * ctx.ifindex holds the current device's index during its iteration and moves past it when the
 * iteration ends normally; a caller that stops early (a full skb) resumes at that device.
 */
export function* for_each_netdev_dump(n: net, ctx: { ifindex: number }): Generator<net_device> {
  for (const ifindex of netdev_index_order(n)) {
    if (ifindex < ctx.ifindex) continue;
    ctx.ifindex = ifindex;
    yield __dev_get_by_index(n, ifindex)!;
    ctx.ifindex = ifindex + 1;
  }
}
