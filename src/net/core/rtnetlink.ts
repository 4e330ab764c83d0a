// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/core/rtnetlink.c: the routing netlink family for links. Messages arrive as bytes in
 * sk_buffs (net/netlink/af_netlink.ts), are dispatched by rtnetlink_rcv_msg to RTM_NEWLINK,
 * RTM_SETLINK, RTM_DELLINK and RTM_GETLINK (doit and dump), and are parsed with the kernel's
 * policies (ifla_policy, ifla_info_policy, the link kind's policy). RTM_NEWNSID/GETNSID live in
 * net_namespace.ts and are registered here.
 *
 * Left out, each said again at its spot: SR-IOV VF and port attributes (no device has VFs),
 * masters/slaves (no bridge or bond exists: do_set_master only finds out there is no such
 * master), XDP programs, alternative names (IFLA_PROP_LIST, IFLA_ALT_IFNAME lookups find nothing), multicast
 * notifications (no listeners; only NLM_F_ECHO unicasts are delivered), and capabilities (every
 * caller has CAP_NET_ADMIN).
 */
import { NULL, kaddr_t, rd8, rd16, rd32, rds32, rd64, wr8, wr16, wr32, bytes, wrstr, wrptr } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { GFP_KERNEL, kzalloc, kmalloc, kfree } from '../../mm/slub';
import {
  net_device, dev_net, dev_net_set, netif_running, netif_carrier_ok, RTNL_LINK_INITIALIZING, RTNL_LINK_INITIALIZED,
  NET_ADDR_SET, NET_NAME_USER, NET_NAME_ENUM, IFNAMSIZ, MAX_ADDR_LEN, GSO_MAX_SEGS, IFF_PROMISC, IFF_ALLMULTI,
  __LINK_STATE_TESTING, test_bit, GRO_MAX_SIZE,
} from '../../include/linux/netdevice';
import type { sk_buff } from '../../include/linux/skbuff';
import { net, net_eq } from '../../include/net/net_namespace';
import {
  alloc_netdev_mqs, free_netdev, register_netdevice, unregister_netdevice_queue, unregister_netdevice_many, unregister_netdevice_many_notify,
  __dev_get_by_index, __dev_get_by_name, for_each_netdev, dev_get_stats, stats64_off, SIZEOF_RTNL_LINK_STATS64,
  __dev_change_flags, __dev_notify_flags, dev_change_flags, dev_set_mtu_ext, dev_validate_mtu, dev_change_name,
  dev_set_alias, dev_get_alias, dev_set_group, dev_set_mac_address_user, dev_change_carrier, dev_change_tx_queue_len,
  __dev_change_net_namespace, dev_change_net_namespace, netif_set_gso_max_size, netif_set_gso_max_segs,
  netif_set_gro_max_size, netif_set_gso_ipv4_max_size, netif_set_gro_ipv4_max_size, netdev_state_change,
  dev_get_flags, dev_gflags, netif_oper_up, netif_dormant, for_each_netdev_dump, set_rtnl_dev_events, dev_get_iflink,
} from './dev';
import { IF_OPER_UP, IF_OPER_DOWN, IF_OPER_TESTING, IF_OPER_DORMANT, IF_OPER_UNKNOWN } from './link_watch';
import { __dev_addr_set } from '../../include/linux/etherdevice';
import { noop_qdisc, noqueue_qdisc } from '../sched/sch_generic';
import {
  nla_data, nla_len, nla_type, nla_get_u8, nla_get_u32, nla_get_s32, nlattr_tb, new_tb, nla_policy, nla_policy_table,
  netlink_ext_ack, NL_SET_ERR_MSG, NL_SET_ERR_MSG_ATTR, NLA_UNSPEC, NLA_U8, NLA_U32, NLA_S32, NLA_STRING, NLA_BINARY,
  NLA_U16, NLA_NESTED, NLA_REJECT, NLA_NUL_STRING, NLA_POLICY_FULL_RANGE, NLA_POLICY_MIN, nla_parse_deprecated,
  nla_parse_nested_deprecated, nlmsg_parse_deprecated, nlmsg_parse_deprecated_strict, nlh_len, nlh_type, nlh_flags,
  nlh_seq, nlmsg_data, nlmsg_len, nlmsg_msg_size, nlmsg_new, nlmsg_free, nlmsg_put, nlmsg_end, nlmsg_cancel, nlmsg_report,
  nla_put, nla_put_u8, nla_put_u32, nla_put_s32, nla_put_string, nla_put_64bit, nla_reserve, nla_nest_start,
  nla_nest_start_noflag, nla_nest_end, nla_nest_cancel, nla_total_size, nlmsg_total_size, nlmsg_attrdata,
  nlmsg_attrlen, NLMSG_ALIGN, NLA_HDRLEN, nla_ok, nla_next, nl_dump_check_consistent, nlmsg_hdr,
} from '../../include/net/netlink';
import { nla_strscpy, nla_memcpy } from '../../lib/nlattr';
import {
  IFLA_ADDRESS, IFLA_BROADCAST, IFLA_IFNAME, IFLA_MTU, IFLA_LINK, IFLA_QDISC, IFLA_STATS, IFLA_MASTER, IFLA_PROTINFO,
  IFLA_TXQLEN, IFLA_MAP, IFLA_WEIGHT, IFLA_OPERSTATE, IFLA_LINKMODE, IFLA_LINKINFO, IFLA_NET_NS_PID, IFLA_IFALIAS,
  IFLA_VFINFO_LIST, IFLA_STATS64, IFLA_VF_PORTS, IFLA_PORT_SELF, IFLA_AF_SPEC, IFLA_GROUP, IFLA_NET_NS_FD, IFLA_EXT_MASK,
  IFLA_PROMISCUITY, IFLA_NUM_TX_QUEUES, IFLA_NUM_RX_QUEUES, IFLA_CARRIER, IFLA_PHYS_PORT_ID, IFLA_CARRIER_CHANGES,
  IFLA_PHYS_SWITCH_ID, IFLA_LINK_NETNSID, IFLA_PROTO_DOWN, IFLA_GSO_MAX_SEGS, IFLA_GSO_MAX_SIZE, IFLA_PAD, IFLA_XDP,
  IFLA_EVENT, IFLA_TARGET_NETNSID, IFLA_CARRIER_UP_COUNT, IFLA_CARRIER_DOWN_COUNT, IFLA_NEW_IFINDEX, IFLA_MIN_MTU,
  IFLA_MAX_MTU, IFLA_PROP_LIST, IFLA_ALT_IFNAME, IFLA_PERM_ADDRESS, IFLA_PROTO_DOWN_REASON, IFLA_PARENT_DEV_NAME,
  IFLA_GRO_MAX_SIZE, IFLA_TSO_MAX_SIZE, IFLA_TSO_MAX_SEGS, IFLA_ALLMULTI, IFLA_GSO_IPV4_MAX_SIZE, IFLA_GRO_IPV4_MAX_SIZE,
  IFLA_DEVLINK_PORT, IFLA_DPLL_PIN, IFLA_MAX, IFLA_INFO_KIND, IFLA_INFO_DATA, IFLA_INFO_SLAVE_DATA,
  IFLA_INFO_MAX, IFLA_XDP_ATTACHED, IFLA_XDP_FD, IFLA_XDP_EXPECTED_FD, IFLA_XDP_FLAGS, IFLA_XDP_PROG_ID, IFLA_XDP_MAX,
  XDP_ATTACHED_NONE, IFLA_EVENT_NONE, IFALIASZ, ALTIFNAMSIZ, MAX_PHYS_ITEM_ID_LEN, SIZEOF_RTNL_LINK_IFMAP,
  SIZEOF_RTNL_LINK_STATS, IFLA_PROTO_DOWN_REASON_VALUE, IFLA_NEW_NETNSID, IFLA_VF_INFO, IFLA_VF_MAC, IFLA_VF_VLAN,
  IFLA_VF_TX_RATE, IFLA_VF_SPOOFCHK, IFLA_VF_LINK_STATE, IFLA_VF_RATE, IFLA_VF_RSS_QUERY_EN, IFLA_VF_STATS,
  IFLA_VF_TRUST, IFLA_VF_IB_NODE_GUID, IFLA_VF_IB_PORT_GUID, IFLA_VF_VLAN_LIST, IFLA_VF_BROADCAST, IFLA_VF_MAX,
  IFLA_PORT_VF, IFLA_PORT_PROFILE, IFLA_PORT_VSI_TYPE, IFLA_PORT_INSTANCE_UUID, IFLA_PORT_HOST_UUID, IFLA_PORT_REQUEST,
  IFLA_PORT_RESPONSE, IFLA_PORT_MAX, PORT_PROFILE_MAX, PORT_UUID_MAX, SIZEOF_IFLA_VF_MAC, SIZEOF_IFLA_VF_VLAN,
  SIZEOF_IFLA_VF_TX_RATE, SIZEOF_IFLA_VF_SPOOFCHK, SIZEOF_IFLA_VF_RATE, SIZEOF_IFLA_VF_LINK_STATE,
  SIZEOF_IFLA_VF_RSS_QUERY_EN, SIZEOF_IFLA_VF_TRUST, SIZEOF_IFLA_VF_GUID, SIZEOF_IFLA_PORT_VSI,
} from '../../include/uapi/linux/if_link';
import {
  RTM_BASE, RTM_MAX, RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK, RTM_SETLINK, RTM_NEWNSID, RTM_GETNSID, SIZEOF_IFINFOMSG,
  RTM_GETADDR, AF_INET as PF_INET, AF_INET6 as PF_INET6,
  SIZEOF_RTGENMSG, RTEXT_FILTER_VF, RTNL_FAMILY_MAX,
} from '../../include/uapi/linux/rtnetlink';
import {
  NLM_F_DUMP, NLM_F_EXCL, NLM_F_REPLACE, NLM_F_CREATE, NLM_F_BULK, NLM_F_MULTI, NLM_F_DUMP_FILTERED, NLM_F_ECHO,
} from '../../include/uapi/linux/netlink';
import {
  EINVAL, ENOMEM, EOPNOTSUPP, ENODEV, EEXIST, EPERM, EMSGSIZE, ENOBUFS, EAFNOSUPPORT, ENODATA, EBADF,
} from '../../include/uapi/linux/errno';
import {
  NETLINK_CB, netlink_rcv_skb, netlink_dump_start, netlink_unicast, netlink_strict_get_check, netlink_callback,
  netlink_dump_control, NLMSG_GOODSIZE,
} from '../netlink/af_netlink';
import {
  get_net_ns_by_pid, get_net_ns_by_fd, get_net_ns_by_id, peernet2id_alloc, rtnl_net_newid, rtnl_net_getid, netns_fd_open,
} from './net_namespace';
import { request_module } from '../../kernel/kmod';
import { inet_af_ops, inet_dump_ifaddr } from '../ipv4/devinet';
import { inet6_ops, inet6_dump_ifaddr } from '../ipv6/addrconf';

// for src/tools/topology.ts, which builds its topology through these
export { netns_fd_open, dev_validate_mtu, __dev_change_flags };

/* ------------------------------------------------------------------------------------------
 * struct rtnl_link_ops and the kind registry
 */
/** include/net/rtnetlink.h:96 struct rtnl_link_ops (what kveth keeps; the struct is in simulated memory too) */
export interface rtnl_link_ops {
  addr: kaddr_t;
  kind: string;
  priv_size: number;
  maxtype: number;
  policy?: nla_policy_table;
  setup: (dev: net_device) => void;
  validate?: (tb: nlattr_tb, data: nlattr_tb | null, extack?: netlink_ext_ack) => number;
  newlink?: (src_net: net, dev: net_device, tb: nlattr_tb, data: nlattr_tb | null, extack: netlink_ext_ack) => number;
  changelink?: (dev: net_device, tb: nlattr_tb, data: nlattr_tb | null, extack: netlink_ext_ack) => number;
  dellink?: (dev: net_device, head: net_device[] | null) => void;
  get_link_net?: (dev: net_device) => net;
  get_num_tx_queues?: () => number;
  get_num_rx_queues?: () => number;
}
/** the extended ack kveth's callers pass around (struct netlink_ext_ack) */
export type extack = netlink_ext_ack;

const RLO = struct_('rtnl_link_ops');
const link_ops = new Map<string, rtnl_link_ops>();
const link_ops_by_addr = new Map<kaddr_t, rtnl_link_ops>();
const RTNL_MAX_TYPE = 50;
const RTNL_SLAVE_MAX_TYPE = 44;
/** include/linux/module.h:35 MODULE_NAME_LEN */
const MODULE_NAME_LEN = 56;

/**
 * net/core/rtnetlink.c:544 rtnl_link_register, with __rtnl_link_register. It returns kveth's record
 * of the ops; the kernel's -EINVAL / -EEXIST (which fail the module's init) are thrown.
 */
export function rtnl_link_register(ops: Omit<rtnl_link_ops, 'addr'>): rtnl_link_ops {
  if (ops.maxtype > RTNL_MAX_TYPE) throw new Error(`rtnl_link_register(${ops.kind}): -EINVAL (maxtype ${ops.maxtype})`);
  if (rtnl_link_ops_get(ops.kind)) throw new Error(`rtnl_link_register(${ops.kind}): -EEXIST`);
  // ops with setup but no dellink get unregister_netdevice_queue
  if (!ops.dellink) ops = { ...ops, dellink: unregister_netdevice_queue };
  const a = kzalloc(RLO.size, GFP_KERNEL);
  const kind = kzalloc(ops.kind.length + 1, GFP_KERNEL);
  wrstr(kind, ops.kind, ops.kind.length + 1);
  wrptr(a + RLO.off('kind'), kind);
  wr32(a + RLO.off('priv_size'), ops.priv_size);
  const full: rtnl_link_ops = { ...ops, addr: a };
  link_ops.set(ops.kind, full);
  link_ops_by_addr.set(a, full);
  return full;
}
/** net/core/rtnetlink.c:499 rtnl_link_ops_get */
export function rtnl_link_ops_get(kind: string): rtnl_link_ops | null { return link_ops.get(kind) ?? null; }
/** dev->rtnl_link_ops as kveth's record @sim */
export function rtnl_link_ops_of(dev: net_device): rtnl_link_ops | null { return link_ops_by_addr.get(dev.rtnl_link_ops) ?? null; }

/* ------------------------------------------------------------------------------------------
 * Per-family link attributes (IFLA_AF_SPEC): struct rtnl_af_ops and its list
 */
/** include/net/rtnetlink.h:178 struct rtnl_af_ops (fill_stats_af / get_stats_af_size: RTM_GETSTATS is not ported) */
export interface rtnl_af_ops {
  family: number;
  fill_link_af?: (skb: sk_buff, dev: net_device, ext_filter_mask: number) => number;
  get_link_af_size?: (dev: net_device, ext_filter_mask: number) => number;
  validate_link_af?: (dev: net_device | null, attr: kaddr_t, extack: netlink_ext_ack | null) => number;
  set_link_af?: (dev: net_device, attr: kaddr_t, extack: netlink_ext_ack | null) => number;
}
// the list head: net/core/rtnetlink.c:680 static LIST_HEAD(rtnl_af_ops)
const rtnl_af_ops_list: rtnl_af_ops[] = [];
/** net/core/rtnetlink.c:682 rtnl_af_lookup */
function rtnl_af_lookup(family: number): rtnl_af_ops | null {
  for (const ops of rtnl_af_ops_list) if (ops.family === family) return ops;
  return null;
}
/** net/core/rtnetlink.c:702 rtnl_af_register: list_add_tail, so families fill in registration order */
export function rtnl_af_register(ops: rtnl_af_ops): void { rtnl_af_ops_list.push(ops); }
/** net/core/rtnetlink.c:714 rtnl_af_unregister */
export function rtnl_af_unregister(ops: rtnl_af_ops): void {
  const i = rtnl_af_ops_list.indexOf(ops);
  if (i >= 0) rtnl_af_ops_list.splice(i, 1);
}
/** net/core/rtnetlink.c:724 rtnl_link_get_af_size */
function rtnl_link_get_af_size(dev: net_device, ext_filter_mask: number): number {
  // IFLA_AF_SPEC
  let size = nla_total_size(4 /* sizeof(struct nlattr) */);
  for (const af_ops of rtnl_af_ops_list) {
    if (af_ops.get_link_af_size) {
      // AF_* + nested data
      size += nla_total_size(4) + af_ops.get_link_af_size(dev, ext_filter_mask);
    }
  }
  return size;
}

/* ------------------------------------------------------------------------------------------
 * Message-type handlers (rtnl_register) and the receive path
 */
type rtnl_doit_func = (skb: sk_buff, nlh: kaddr_t, extack: netlink_ext_ack) => number;
type rtnl_dumpit_func = (skb: sk_buff, cb: netlink_callback) => number;
interface rtnl_link { doit: rtnl_doit_func | null; dumpit: rtnl_dumpit_func | null; flags: number }
const RTNL_FLAG_DOIT_UNLOCKED = 1 << 0;
const RTNL_FLAG_BULK_DEL_SUPPORTED = 1 << 1;
const RTNL_FLAG_DUMP_UNLOCKED = 1 << 2;
const RTNL_FLAG_DUMP_SPLIT_NLM_DONE = 1 << 3;
const RTNL_KIND_DEL = 1, RTNL_KIND_GET = 2;
const PF_UNSPEC = 0;
const rtnl_msg_handlers = new Map<number, Map<number, rtnl_link>>();

/** net/core/rtnetlink.c:390 rtnl_register (rtnl_register_internal) */
export function rtnl_register(protocol: number, msgtype: number, doit: rtnl_doit_func | null, dumpit: rtnl_dumpit_func | null,
  flags: number): void {
  let tab = rtnl_msg_handlers.get(protocol);
  if (!tab) rtnl_msg_handlers.set(protocol, (tab = new Map()));
  const l = tab.get(msgtype - RTM_BASE) ?? { doit: null, dumpit: null, flags: 0 };
  if (doit) l.doit = doit;
  if (dumpit) l.dumpit = dumpit;
  l.flags |= flags;
  tab.set(msgtype - RTM_BASE, l);
}
/** net/core/rtnetlink.c:279 rtnl_get_link */
function rtnl_get_link(protocol: number, msgtype: number): rtnl_link | null {
  if (protocol >= RTNL_FAMILY_MAX + 1) protocol = PF_UNSPEC;
  const tab = rtnl_msg_handlers.get(protocol) ?? rtnl_msg_handlers.get(PF_UNSPEC);
  return tab?.get(msgtype) ?? null;
}
/** RTM_NR_MSGTYPES: (RTM_MAX + 1 - RTM_BASE) */
const RTM_NR_MSGTYPES = RTM_MAX + 1 - RTM_BASE;
const PF_PACKET = 17;
/**
 * net/core/rtnetlink.c:4142 rtnl_dump_all: the PF_UNSPEC dumpit for a type that each family
 * registers for itself (RTM_GETADDR): runs every family's dumpit in turn, resuming at cb.family.
 */
function rtnl_dump_all(skb: sk_buff, cb: netlink_callback): number {
  let idx: number;
  let s_idx = cb.family;
  const type = nlh_type(cb.nlh) - RTM_BASE;
  let ret = 0;
  if (s_idx === 0) s_idx = 1;
  for (idx = 1; idx <= RTNL_FAMILY_MAX; idx++) {
    if (idx < s_idx || idx === PF_PACKET) continue;
    if (type < 0 || type >= RTM_NR_MSGTYPES) continue;
    const tab = rtnl_msg_handlers.get(idx);
    if (!tab) continue;
    const link = tab.get(type);
    if (!link) continue;
    const dumpit = link.dumpit;
    if (!dumpit) continue;
    if (idx > s_idx) {
      cb.ctx = { ifindex: 0, ip_idx: 0 }; // memset(&cb->args[0], 0, sizeof(cb->args))
      cb.prev_seq = 0;
      cb.seq = 0;
    }
    ret = dumpit(skb, cb);
    if (ret) break;
  }
  cb.family = idx;
  return skb.len || ret;
}
/** include/net/rtnetlink.h:27 rtnl_msgtype_kind */
function rtnl_msgtype_kind(msgtype: number): number { return msgtype & 0x3; }

/** net/core/rtnetlink.c:4102 rtnl_calcit: the biggest link message any device here would need */
function rtnl_calcit(skb: sk_buff, nlh: kaddr_t): number {
  const n = NETLINK_CB(skb).sk.net;
  let min_ifinfo_dump_size = 0;
  let ext_filter_mask = 0;
  // Same kernel<->userspace interface hack as in rtnl_dump_ifinfo.
  const hdrlen = nlmsg_len(nlh) < SIZEOF_IFINFOMSG ? SIZEOF_RTGENMSG : SIZEOF_IFINFOMSG;
  if (nlh_len(nlh) < nlmsg_msg_size(hdrlen)) return NLMSG_GOODSIZE;
  // nla_for_each_attr_type(nla, IFLA_EXT_MASK, ...): the last well-sized one counts
  let rem = nlmsg_attrlen(nlh, hdrlen);
  for (let nla = nlmsg_attrdata(nlh, hdrlen); nla_ok(nla, rem); [nla, rem] = nla_next(nla, rem)) {
    if (nla_type(nla) === IFLA_EXT_MASK && nla_len(nla) === 4) ext_filter_mask = nla_get_u32(nla);
  }
  if (!ext_filter_mask) return NLMSG_GOODSIZE;
  for (const dev of for_each_netdev(n)) min_ifinfo_dump_size = Math.max(min_ifinfo_dump_size, if_nlmsg_size(dev, ext_filter_mask));
  return nlmsg_total_size(min_ifinfo_dump_size);
}

/** net/core/rtnetlink.c:6619 rtnl_dumpit */
function rtnl_dumpit(skb: sk_buff, cb: netlink_callback): number {
  const dumpit = cb.data;
  if (!dumpit) return 0;
  const err = dumpit(skb, cb);
  if (cb.flags & RTNL_FLAG_DUMP_SPLIT_NLM_DONE) {
    if (err < 0 && err !== -EMSGSIZE) return err;
    if (!err) cb.data = null;
    return skb.len;
  }
  return err;
}
/** net/core/rtnetlink.c:6651 rtnetlink_dump_start */
function rtnetlink_dump_start(ssk_net: net, skb: sk_buff, nlh: kaddr_t, control: netlink_dump_control): number {
  if (control.flags & RTNL_FLAG_DUMP_SPLIT_NLM_DONE || !(control.flags & RTNL_FLAG_DUMP_UNLOCKED)) {
    control.data = control.dump;
    control.dump = rtnl_dumpit;
  }
  return netlink_dump_start(ssk_net, skb, nlh, control);
}

/** net/core/rtnetlink.c:6665 rtnetlink_rcv_msg */
export function rtnetlink_rcv_msg(skb: sk_buff, nlh: kaddr_t, extack: netlink_ext_ack): number {
  const n = NETLINK_CB(skb).sk.net;
  let err = -EOPNOTSUPP;
  let type = nlh_type(nlh);
  if (type > RTM_MAX) return -EOPNOTSUPP;
  type -= RTM_BASE;
  if (nlmsg_len(nlh) < SIZEOF_RTGENMSG) return 0; // every message carries at least the family byte
  let family = rd8(nlmsg_data(nlh));
  const kind = rtnl_msgtype_kind(type);
  // netlink_net_capable(skb, CAP_NET_ADMIN): every kveth sender is privileged
  if (kind === RTNL_KIND_GET && (nlh_flags(nlh) & NLM_F_DUMP)) {
    let link = rtnl_get_link(family, type);
    if (!link || !link.dumpit) {
      family = PF_UNSPEC;
      link = rtnl_get_link(family, type);
      if (!link || !link.dumpit) return -EOPNOTSUPP; // err_unlock
    }
    let min_dump_alloc = 0;
    if (type === RTM_GETLINK - RTM_BASE) min_dump_alloc = rtnl_calcit(skb, nlh);
    err = 0; // try_module_get: built in
    const c: netlink_dump_control = { dump: link.dumpit!, min_dump_alloc, flags: link.flags };
    err = rtnetlink_dump_start(n, skb, nlh, c);
    return err;
  }
  let link = rtnl_get_link(family, type);
  if (!link || !link.doit) {
    family = PF_UNSPEC;
    link = rtnl_get_link(PF_UNSPEC, type);
    if (!link || !link.doit) return err; // out_unlock
  }
  const flags = link.flags;
  if (kind === RTNL_KIND_DEL && (nlh_flags(nlh) & NLM_F_BULK) && !(flags & RTNL_FLAG_BULK_DEL_SUPPORTED)) {
    NL_SET_ERR_MSG(extack, 'Bulk delete is not supported');
    return -EOPNOTSUPP;
  }
  if (flags & RTNL_FLAG_DOIT_UNLOCKED) return link.doit!(skb, nlh, extack);
  // rtnl_lock(): nothing runs concurrently in kveth
  link = rtnl_get_link(family, type);
  if (link && link.doit) err = link.doit(skb, nlh, extack);
  return err;
}
/** net/core/rtnetlink.c:6789 rtnetlink_rcv */
export function rtnetlink_rcv(skb: sk_buff): void { netlink_rcv_skb(skb, rtnetlink_rcv_msg); }

/** net/core/rtnetlink.c:857 rtnl_unicast (nlmsg_unicast: a positive length becomes 0) */
export function rtnl_unicast(skb: sk_buff, n: net, pid: number): number {
  const err = netlink_unicast(n, skb, pid);
  return err > 0 ? 0 : err;
}

/* ------------------------------------------------------------------------------------------
 * Policies
 */
/** net/core/rtnetlink.c:2094 txqlen_range */
const txqlen_range = { min: 0, max: 32767 };
const MAX_TCP_HEADER = 320; // L1_CACHE_ALIGN(128 + MAX_HEADER) on x86_64 with the Debian config
/** net/core/rtnetlink.c:2099 ifla_policy */
export const ifla_policy: nla_policy_table = (() => {
  const p: (nla_policy | undefined)[] = new Array(IFLA_MAX + 1);
  p[IFLA_IFNAME] = { type: NLA_STRING, len: IFNAMSIZ - 1 };
  p[IFLA_ADDRESS] = { type: NLA_BINARY, len: MAX_ADDR_LEN };
  p[IFLA_BROADCAST] = { type: NLA_BINARY, len: MAX_ADDR_LEN };
  p[IFLA_MAP] = { type: NLA_UNSPEC, len: SIZEOF_RTNL_LINK_IFMAP };
  p[IFLA_MTU] = { type: NLA_U32 };
  p[IFLA_LINK] = { type: NLA_U32 };
  p[IFLA_MASTER] = { type: NLA_U32 };
  p[IFLA_CARRIER] = { type: NLA_U8 };
  p[IFLA_TXQLEN] = NLA_POLICY_FULL_RANGE(NLA_U32, txqlen_range);
  p[IFLA_WEIGHT] = { type: NLA_U32 };
  p[IFLA_OPERSTATE] = { type: NLA_U8 };
  p[IFLA_LINKMODE] = { type: NLA_U8 };
  p[IFLA_LINKINFO] = { type: NLA_NESTED };
  p[IFLA_NET_NS_PID] = { type: NLA_U32 };
  p[IFLA_NET_NS_FD] = { type: NLA_U32 };
  p[IFLA_IFALIAS] = { type: NLA_BINARY, len: IFALIASZ - 1 };
  p[IFLA_VFINFO_LIST] = { type: NLA_NESTED };
  p[IFLA_VF_PORTS] = { type: NLA_NESTED };
  p[IFLA_PORT_SELF] = { type: NLA_NESTED };
  p[IFLA_AF_SPEC] = { type: NLA_NESTED };
  p[IFLA_EXT_MASK] = { type: NLA_U32 };
  p[IFLA_PROMISCUITY] = { type: NLA_U32 };
  p[IFLA_NUM_TX_QUEUES] = { type: NLA_U32 };
  p[IFLA_NUM_RX_QUEUES] = { type: NLA_U32 };
  p[IFLA_GSO_MAX_SEGS] = { type: NLA_U32 };
  p[IFLA_GSO_MAX_SIZE] = NLA_POLICY_MIN(NLA_U32, MAX_TCP_HEADER + 1);
  p[IFLA_PHYS_PORT_ID] = { type: NLA_BINARY, len: MAX_PHYS_ITEM_ID_LEN };
  p[IFLA_CARRIER_CHANGES] = { type: NLA_U32 };
  p[IFLA_PHYS_SWITCH_ID] = { type: NLA_BINARY, len: MAX_PHYS_ITEM_ID_LEN };
  p[IFLA_LINK_NETNSID] = { type: NLA_S32 };
  p[IFLA_PROTO_DOWN] = { type: NLA_U8 };
  p[IFLA_XDP] = { type: NLA_NESTED };
  p[IFLA_EVENT] = { type: NLA_U32 };
  p[IFLA_GROUP] = { type: NLA_U32 };
  p[IFLA_TARGET_NETNSID] = { type: NLA_S32 };
  p[IFLA_CARRIER_UP_COUNT] = { type: NLA_U32 };
  p[IFLA_CARRIER_DOWN_COUNT] = { type: NLA_U32 };
  p[IFLA_MIN_MTU] = { type: NLA_U32 };
  p[IFLA_MAX_MTU] = { type: NLA_U32 };
  p[IFLA_PROP_LIST] = { type: NLA_NESTED };
  p[IFLA_ALT_IFNAME] = { type: NLA_STRING, len: ALTIFNAMSIZ - 1 };
  p[IFLA_PERM_ADDRESS] = { type: NLA_REJECT };
  p[IFLA_PROTO_DOWN_REASON] = { type: NLA_NESTED };
  p[IFLA_NEW_IFINDEX] = NLA_POLICY_MIN(NLA_S32, 1);
  p[IFLA_PARENT_DEV_NAME] = { type: NLA_NUL_STRING };
  p[IFLA_GRO_MAX_SIZE] = { type: NLA_U32 };
  p[IFLA_TSO_MAX_SIZE] = { type: NLA_REJECT };
  p[IFLA_TSO_MAX_SEGS] = { type: NLA_REJECT };
  p[IFLA_ALLMULTI] = { type: NLA_REJECT };
  p[IFLA_GSO_IPV4_MAX_SIZE] = NLA_POLICY_MIN(NLA_U32, MAX_TCP_HEADER + 1);
  p[IFLA_GRO_IPV4_MAX_SIZE] = { type: NLA_U32 };
  return p;
})();
/** net/core/rtnetlink.c:2157 ifla_info_policy */
export const ifla_info_policy: nla_policy_table = [
  undefined, { type: NLA_STRING }, { type: NLA_NESTED }, undefined, { type: NLA_STRING }, { type: NLA_NESTED },
];
/** net/core/rtnetlink.c:2199 ifla_xdp_policy */
const ifla_xdp_policy: nla_policy_table = [
  { type: NLA_UNSPEC, strict_start_type: IFLA_XDP_EXPECTED_FD }, { type: NLA_S32 }, { type: NLA_U8 }, { type: NLA_U32 },
  { type: NLA_U32 }, undefined, undefined, undefined, { type: NLA_S32 },
];
/** net/core/rtnetlink.c:2164 ifla_vf_policy (the NLA_UNSPEC entries with a .len are minimum lengths) */
const ifla_vf_policy: nla_policy_table = (() => {
  const p: (nla_policy | undefined)[] = new Array(IFLA_VF_MAX + 1);
  p[IFLA_VF_MAC] = { type: NLA_UNSPEC, len: SIZEOF_IFLA_VF_MAC };
  p[IFLA_VF_BROADCAST] = { type: NLA_REJECT };
  p[IFLA_VF_VLAN] = { type: NLA_UNSPEC, len: SIZEOF_IFLA_VF_VLAN };
  p[IFLA_VF_VLAN_LIST] = { type: NLA_NESTED };
  p[IFLA_VF_TX_RATE] = { type: NLA_UNSPEC, len: SIZEOF_IFLA_VF_TX_RATE };
  p[IFLA_VF_SPOOFCHK] = { type: NLA_UNSPEC, len: SIZEOF_IFLA_VF_SPOOFCHK };
  p[IFLA_VF_RATE] = { type: NLA_UNSPEC, len: SIZEOF_IFLA_VF_RATE };
  p[IFLA_VF_LINK_STATE] = { type: NLA_UNSPEC, len: SIZEOF_IFLA_VF_LINK_STATE };
  p[IFLA_VF_RSS_QUERY_EN] = { type: NLA_UNSPEC, len: SIZEOF_IFLA_VF_RSS_QUERY_EN };
  p[IFLA_VF_STATS] = { type: NLA_NESTED };
  p[IFLA_VF_TRUST] = { type: NLA_UNSPEC, len: SIZEOF_IFLA_VF_TRUST };
  p[IFLA_VF_IB_NODE_GUID] = { type: NLA_UNSPEC, len: SIZEOF_IFLA_VF_GUID };
  p[IFLA_VF_IB_PORT_GUID] = { type: NLA_UNSPEC, len: SIZEOF_IFLA_VF_GUID };
  return p;
})();
/** net/core/rtnetlink.c:2180 ifla_port_policy */
const ifla_port_policy: nla_policy_table = (() => {
  const p: (nla_policy | undefined)[] = new Array(IFLA_PORT_MAX + 1);
  p[IFLA_PORT_VF] = { type: NLA_U32 };
  p[IFLA_PORT_PROFILE] = { type: NLA_STRING, len: PORT_PROFILE_MAX };
  p[IFLA_PORT_INSTANCE_UUID] = { type: NLA_BINARY, len: PORT_UUID_MAX };
  p[IFLA_PORT_HOST_UUID] = { type: NLA_STRING, len: PORT_UUID_MAX };
  p[IFLA_PORT_REQUEST] = { type: NLA_U8 };
  p[IFLA_PORT_RESPONSE] = { type: NLA_U16 };
  p[IFLA_PORT_VSI_TYPE] = { type: NLA_BINARY, len: SIZEOF_IFLA_PORT_VSI };
  return p;
})();

/* ------------------------------------------------------------------------------------------
 * Namespaces named by attributes
 */
/** net/core/rtnetlink.c:2449 rtnl_link_get_net: [net, 0] or [null, -errno] */
export function rtnl_link_get_net(src_net: net, tb: nlattr_tb): [net | null, number] {
  if (tb[IFLA_NET_NS_PID]) return get_net_ns_by_pid(nla_get_u32(tb[IFLA_NET_NS_PID]!));
  if (tb[IFLA_NET_NS_FD]) return get_net_ns_by_fd(nla_get_u32(tb[IFLA_NET_NS_FD]!));
  return [src_net, 0];
}
/** net/core/rtnetlink.c:2472 rtnl_link_get_net_by_nlattr */
function rtnl_link_get_net_by_nlattr(src_net: net, tb: nlattr_tb): [net | null, number] {
  if (tb[IFLA_NET_NS_PID] || tb[IFLA_NET_NS_FD]) return rtnl_link_get_net(src_net, tb);
  if (!tb[IFLA_TARGET_NETNSID]) return [src_net, 0];
  const n = get_net_ns_by_id(src_net, nla_get_u32(tb[IFLA_TARGET_NETNSID]!) | 0);
  if (!n) return [null, -EINVAL];
  return [n, 0];
}
/** net/core/rtnetlink.c:2490 rtnl_link_get_net_capable (netlink_ns_capable always holds) */
function rtnl_link_get_net_capable(_skb: sk_buff, src_net: net, tb: nlattr_tb, _cap: number): [net | null, number] {
  return rtnl_link_get_net_by_nlattr(src_net, tb);
}
/** net/core/rtnetlink.c:2275 rtnl_get_net_ns_capable (with the socket's namespace) */
export function rtnl_get_net_ns_capable(sk_net: net, netnsid: number): [net | null, number] {
  const n = get_net_ns_by_id(sk_net, netnsid);
  if (!n) return [null, -EINVAL];
  return [n, 0]; // sk_ns_capable: yes
}
/** net/core/rtnetlink.c:2511 rtnl_ensure_unique_netns */
function rtnl_ensure_unique_netns(tb: nlattr_tb, extack: netlink_ext_ack, netns_id_only: boolean): number {
  if (netns_id_only) {
    if (!tb[IFLA_NET_NS_PID] && !tb[IFLA_NET_NS_FD]) return 0;
    NL_SET_ERR_MSG(extack, 'specified netns attribute not supported');
    return -EOPNOTSUPP;
  }
  invalid: {
    if (tb[IFLA_TARGET_NETNSID] && (tb[IFLA_NET_NS_PID] || tb[IFLA_NET_NS_FD])) break invalid;
    if (tb[IFLA_NET_NS_PID] && (tb[IFLA_TARGET_NETNSID] || tb[IFLA_NET_NS_FD])) break invalid;
    if (tb[IFLA_NET_NS_FD] && (tb[IFLA_TARGET_NETNSID] || tb[IFLA_NET_NS_PID])) break invalid;
    return 0;
  }
  NL_SET_ERR_MSG(extack, 'multiple netns identifying attributes specified');
  return -EINVAL;
}

/** net/core/rtnetlink.c:2427 rtnl_nla_parse_ifinfomsg */
export function rtnl_nla_parse_ifinfomsg(tb: nlattr_tb, nla_peer: kaddr_t, exterr: netlink_ext_ack): number {
  const ifmp = nla_data(nla_peer);
  const attrs = nla_data(nla_peer) + SIZEOF_IFINFOMSG;
  const len = nla_len(nla_peer) - SIZEOF_IFINFOMSG;
  if (rds32(ifmp + 4) < 0) {
    NL_SET_ERR_MSG_ATTR(exterr, nla_peer, "ifindex can't be negative");
    return -EINVAL;
  }
  return nla_parse_deprecated(tb, IFLA_MAX, attrs, len, ifla_policy, exterr);
}

/** net/core/rtnetlink.c:2553 validate_linkmsg */
function validate_linkmsg(dev: net_device, tb: nlattr_tb, extack: netlink_ext_ack | null): number {
  if (tb[IFLA_ADDRESS] && nla_len(tb[IFLA_ADDRESS]!) < dev.addr_len) return -EINVAL;
  if (tb[IFLA_BROADCAST] && nla_len(tb[IFLA_BROADCAST]!) < dev.addr_len) return -EINVAL;
  if (tb[IFLA_GSO_MAX_SIZE] && nla_get_u32(tb[IFLA_GSO_MAX_SIZE]!) > dev.tso_max_size) {
    NL_SET_ERR_MSG(extack, 'too big gso_max_size');
    return -EINVAL;
  }
  if (tb[IFLA_GSO_MAX_SEGS] && (nla_get_u32(tb[IFLA_GSO_MAX_SEGS]!) > GSO_MAX_SEGS ||
    nla_get_u32(tb[IFLA_GSO_MAX_SEGS]!) > dev.tso_max_segs)) {
    NL_SET_ERR_MSG(extack, 'too big gso_max_segs');
    return -EINVAL;
  }
  if (tb[IFLA_GRO_MAX_SIZE] && nla_get_u32(tb[IFLA_GRO_MAX_SIZE]!) > GRO_MAX_SIZE) {
    NL_SET_ERR_MSG(extack, 'too big gro_max_size');
    return -EINVAL;
  }
  if (tb[IFLA_GSO_IPV4_MAX_SIZE] && nla_get_u32(tb[IFLA_GSO_IPV4_MAX_SIZE]!) > dev.tso_max_size) {
    NL_SET_ERR_MSG(extack, 'too big gso_ipv4_max_size');
    return -EINVAL;
  }
  if (tb[IFLA_GRO_IPV4_MAX_SIZE] && nla_get_u32(tb[IFLA_GRO_IPV4_MAX_SIZE]!) > GRO_MAX_SIZE) {
    NL_SET_ERR_MSG(extack, 'too big gro_ipv4_max_size');
    return -EINVAL;
  }
  if (tb[IFLA_AF_SPEC]) {
    let rem = nla_len(tb[IFLA_AF_SPEC]!);
    for (let af = nla_data(tb[IFLA_AF_SPEC]!); nla_ok(af, rem); [af, rem] = nla_next(af, rem)) {
      const af_ops = rtnl_af_lookup(nla_type(af));
      if (!af_ops) return -EAFNOSUPPORT;
      if (!af_ops.set_link_af) return -EOPNOTSUPP;
      if (af_ops.validate_link_af) {
        const err = af_ops.validate_link_af(dev, af, extack);
        if (err < 0) return err;
      }
    }
  }
  return 0;
}

/** net/core/rtnetlink.c:1004 rtnl_dev_combine_flags (with rtnl_dev_get_flags inlined) */
function rtnl_dev_combine_flags(dev: net_device, ifm: kaddr_t): number {
  let flags = rd32(ifm + 8);
  const ifi_change = rd32(ifm + 12);
  if (ifi_change) {
    const cur = (dev.flags & ~(IFF_PROMISC | IFF_ALLMULTI)) | (dev_gflags(dev) & (IFF_PROMISC | IFF_ALLMULTI));
    flags = (flags & ifi_change) | (cur & ~ifi_change);
  }
  return flags >>> 0;
}
/** net/core/rtnetlink.c:958 netdev_set_operstate (the try_cmpxchg loop has nothing to race with here) */
function netdev_set_operstate(dev: net_device, newstate: number): void {
  if (dev.operstate === newstate) return;
  dev.operstate = newstate;
  netdev_state_change(dev);
}
/** net/core/rtnetlink.c:971 set_operstate */
function set_operstate(dev: net_device, transition: number): void {
  let operstate = dev.operstate;
  switch (transition) {
    case IF_OPER_UP:
      if ((operstate === IF_OPER_DORMANT || operstate === IF_OPER_TESTING || operstate === IF_OPER_UNKNOWN) &&
        !netif_dormant(dev) && !test_bit(__LINK_STATE_TESTING, dev.state_addr) /* netif_testing */) {
        operstate = IF_OPER_UP;
      }
      break;
    case IF_OPER_TESTING: if (netif_oper_up(dev)) operstate = IF_OPER_TESTING; break;
    case IF_OPER_DORMANT: if (netif_oper_up(dev)) operstate = IF_OPER_DORMANT; break;
  }
  netdev_set_operstate(dev, operstate);
}

/**
 * net/core/rtnetlink.c:2636 do_setvfinfo, for a device without any ndo_set_vf_* / ndo_get_vf_config
 * (veth and lo): the first VF attribute present decides, -EINVAL for a vf number >= INT_MAX, else
 * -EOPNOTSUPP; with none present the initial -EINVAL is returned. Every payload starts with __u32 vf.
 */
function do_setvfinfo(_dev: net_device, tb: nlattr_tb): number {
  const INT_MAX = 0x7fffffff;
  for (const t of [IFLA_VF_MAC, IFLA_VF_VLAN, IFLA_VF_VLAN_LIST, IFLA_VF_TX_RATE, IFLA_VF_RATE, IFLA_VF_SPOOFCHK,
    IFLA_VF_LINK_STATE, IFLA_VF_RSS_QUERY_EN, IFLA_VF_TRUST, IFLA_VF_IB_NODE_GUID, IFLA_VF_IB_PORT_GUID]) {
    if (!tb[t]) continue;
    if (t === IFLA_VF_VLAN_LIST) return -EOPNOTSUPP; // !ops->ndo_set_vf_vlan, checked before the list
    if (rd32(nla_data(tb[t]!)) >= INT_MAX) return -EINVAL;
    return -EOPNOTSUPP;
  }
  return -EINVAL;
}
/** net/core/rtnetlink.c:2805 do_set_master: no device in kveth is a master, so an ifindex finds none that can enslave */
function do_set_master(dev: net_device, ifindex: number, _extack: netlink_ext_ack): number {
  // netdev_master_upper_dev_get(dev) is NULL: nothing to release
  if (ifindex) {
    const upper_dev = __dev_get_by_index(dev_net(dev), ifindex);
    if (!upper_dev) return -EINVAL;
    return -EOPNOTSUPP; // no ndo_add_slave on veth or lo
  }
  return 0;
}
/** net/core/rtnetlink.c:2846 do_set_proto_down (the rest is unreachable: neither veth nor lo sets change_proto_down) */
function do_set_proto_down(dev: net_device, _nl_proto_down: kaddr_t, _nl_proto_down_reason: kaddr_t, extack: netlink_ext_ack): number {
  const [b, sh, mask] = ND.bits('change_proto_down');
  if (!((rd8(dev.addr + b) & mask) >> sh)) {
    NL_SET_ERR_MSG(extack, 'Protodown not supported by device');
    return -EOPNOTSUPP;
  }
  // nla_parse_nested_deprecated(ifla_proto_down_reason_policy), dev_change_proto_down_reason, dev_change_proto_down
  throw new Error('kveth: do_set_proto_down on a device with change_proto_down is not ported');
}
const ND = struct_('net_device');

const DO_SETLINK_MODIFIED = 0x01;
const DO_SETLINK_NOTIFY = 0x03;
/** net/core/rtnetlink.c:2904 do_setlink */
function do_setlink(skb: sk_buff, dev: net_device, ifm: kaddr_t, extack: netlink_ext_ack, tb: nlattr_tb, status: number): number {
  let err = 0;
  const ifname = tb[IFLA_IFNAME] ? nla_strscpy(tb[IFLA_IFNAME]!, IFNAMSIZ)[0] : '';
  errout: {
    if (tb[IFLA_NET_NS_PID] || tb[IFLA_NET_NS_FD] || tb[IFLA_TARGET_NETNSID]) {
      const pat = ifname ? ifname : null;
      const [n, nerr] = rtnl_link_get_net_capable(skb, dev_net(dev), tb, 0);
      if (!n) { err = nerr; break errout; }
      const new_ifindex = tb[IFLA_NEW_IFINDEX] ? nla_get_s32(tb[IFLA_NEW_IFINDEX]!) : 0;
      err = __dev_change_net_namespace(dev, n, pat, new_ifindex, extack);
      if (err) break errout;
      status |= DO_SETLINK_MODIFIED;
    }
    if (tb[IFLA_MAP]) {
      // no ndo_set_config on veth or lo
      err = -EOPNOTSUPP;
      break errout;
    }
    if (tb[IFLA_ADDRESS]) {
      const len = 2 + Math.max(dev.addr_len, 16); // sizeof(sa_family_t) + max(addr_len, sizeof(struct sockaddr))
      const sa = kmalloc(len, GFP_KERNEL);
      if (!sa) { err = -ENOMEM; break errout; }
      wr16(sa, dev.type);
      bytes(sa + 2, dev.addr_len).set(bytes(nla_data(tb[IFLA_ADDRESS]!), dev.addr_len));
      err = dev_set_mac_address_user(dev, sa, extack);
      kfree(sa);
      if (err) break errout;
      status |= DO_SETLINK_MODIFIED;
    }
    if (tb[IFLA_MTU]) {
      err = dev_set_mtu_ext(dev, nla_get_u32(tb[IFLA_MTU]!) | 0, extack);
      if (err < 0) break errout;
      status |= DO_SETLINK_MODIFIED;
    }
    if (tb[IFLA_GROUP]) {
      dev_set_group(dev, nla_get_u32(tb[IFLA_GROUP]!));
      status |= DO_SETLINK_NOTIFY;
    }
    if (rds32(ifm + 4) > 0 && ifname) { // a device chosen by index and a name given: rename
      err = dev_change_name(dev, ifname);
      if (err < 0) break errout;
      status |= DO_SETLINK_MODIFIED;
    }
    if (tb[IFLA_IFALIAS]) {
      err = dev_set_alias(dev, nla_data(tb[IFLA_IFALIAS]!), nla_len(tb[IFLA_IFALIAS]!));
      if (err < 0) break errout;
      status |= DO_SETLINK_NOTIFY;
    }
    if (tb[IFLA_BROADCAST]) {
      nla_memcpy(dev.broadcast_addr, tb[IFLA_BROADCAST]!, dev.addr_len);
      // NETDEV_CHANGEADDR notifier: no listeners
    }
    if (rd32(ifm + 8) || rd32(ifm + 12)) {
      err = dev_change_flags(dev, rtnl_dev_combine_flags(dev, ifm), extack);
      if (err < 0) break errout;
    }
    if (tb[IFLA_MASTER]) {
      err = do_set_master(dev, nla_get_u32(tb[IFLA_MASTER]!), extack);
      if (err) break errout;
      status |= DO_SETLINK_MODIFIED;
    }
    if (tb[IFLA_CARRIER]) {
      err = dev_change_carrier(dev, nla_get_u8(tb[IFLA_CARRIER]!) !== 0);
      if (err) break errout;
      status |= DO_SETLINK_MODIFIED;
    }
    if (tb[IFLA_TXQLEN]) {
      err = dev_change_tx_queue_len(dev, nla_get_u32(tb[IFLA_TXQLEN]!));
      if (err) break errout;
      status |= DO_SETLINK_MODIFIED;
    }
    if (tb[IFLA_GSO_MAX_SIZE]) {
      const max_size = nla_get_u32(tb[IFLA_GSO_MAX_SIZE]!);
      if (dev.gso_max_size !== max_size) { netif_set_gso_max_size(dev, max_size); status |= DO_SETLINK_MODIFIED; }
    }
    if (tb[IFLA_GSO_MAX_SEGS]) {
      const max_segs = nla_get_u32(tb[IFLA_GSO_MAX_SEGS]!);
      if (dev.gso_max_segs !== max_segs) { netif_set_gso_max_segs(dev, max_segs); status |= DO_SETLINK_MODIFIED; }
    }
    if (tb[IFLA_GRO_MAX_SIZE]) {
      const v = nla_get_u32(tb[IFLA_GRO_MAX_SIZE]!);
      if (dev.gro_max_size !== v) { netif_set_gro_max_size(dev, v); status |= DO_SETLINK_MODIFIED; }
    }
    if (tb[IFLA_GSO_IPV4_MAX_SIZE]) {
      const v = nla_get_u32(tb[IFLA_GSO_IPV4_MAX_SIZE]!);
      if (dev.gso_ipv4_max_size !== v) { netif_set_gso_ipv4_max_size(dev, v); status |= DO_SETLINK_MODIFIED; }
    }
    if (tb[IFLA_GRO_IPV4_MAX_SIZE]) {
      const v = nla_get_u32(tb[IFLA_GRO_IPV4_MAX_SIZE]!);
      if (dev.gro_ipv4_max_size !== v) { netif_set_gro_ipv4_max_size(dev, v); status |= DO_SETLINK_MODIFIED; }
    }
    if (tb[IFLA_OPERSTATE]) set_operstate(dev, nla_get_u8(tb[IFLA_OPERSTATE]!));
    if (tb[IFLA_LINKMODE]) {
      const value = nla_get_u8(tb[IFLA_LINKMODE]!);
      if (dev.link_mode !== value) status |= DO_SETLINK_NOTIFY;
      dev.link_mode = value;
    }
    if (tb[IFLA_VFINFO_LIST]) {
      const vfinfo = new_tb(IFLA_VF_MAX);
      let rem = nla_len(tb[IFLA_VFINFO_LIST]!);
      for (let attr = nla_data(tb[IFLA_VFINFO_LIST]!); nla_ok(attr, rem); [attr, rem] = nla_next(attr, rem)) {
        if (nla_type(attr) !== IFLA_VF_INFO || nla_len(attr) < NLA_HDRLEN) { err = -EINVAL; break errout; }
        err = nla_parse_nested_deprecated(vfinfo, IFLA_VF_MAX, attr, ifla_vf_policy, null);
        if (err < 0) break errout;
        err = do_setvfinfo(dev, vfinfo);
        if (err < 0) break errout;
        status |= DO_SETLINK_NOTIFY;
      }
    }
    err = 0;
    if (tb[IFLA_VF_PORTS]) { err = -EOPNOTSUPP; break errout; } // !ops->ndo_set_vf_port
    err = 0;
    if (tb[IFLA_PORT_SELF]) {
      const port = new_tb(IFLA_PORT_MAX);
      err = nla_parse_nested_deprecated(port, IFLA_PORT_MAX, tb[IFLA_PORT_SELF]!, ifla_port_policy, null);
      if (err < 0) break errout;
      err = -EOPNOTSUPP; // !ops->ndo_set_vf_port
      break errout;
    }
    if (tb[IFLA_AF_SPEC]) {
      let rem = nla_len(tb[IFLA_AF_SPEC]!);
      for (let af = nla_data(tb[IFLA_AF_SPEC]!); nla_ok(af, rem); [af, rem] = nla_next(af, rem)) {
        // validate_linkmsg found every family (BUG_ON otherwise)
        const af_ops = rtnl_af_lookup(nla_type(af));
        if (!af_ops) throw new Error('kernel BUG at net/core/rtnetlink.c: IFLA_AF_SPEC family not validated');
        err = af_ops.set_link_af!(dev, af, extack);
        if (err < 0) break errout;
        status |= DO_SETLINK_NOTIFY;
      }
    }
    err = 0;
    if (tb[IFLA_PROTO_DOWN] || tb[IFLA_PROTO_DOWN_REASON]) {
      err = do_set_proto_down(dev, tb[IFLA_PROTO_DOWN] ?? NULL, tb[IFLA_PROTO_DOWN_REASON] ?? NULL, extack);
      if (err) break errout;
      status |= DO_SETLINK_NOTIFY;
    }
    if (tb[IFLA_XDP]) {
      const xdp = new_tb(IFLA_XDP_MAX);
      err = nla_parse_nested_deprecated(xdp, IFLA_XDP_MAX, tb[IFLA_XDP]!, ifla_xdp_policy, null);
      if (err < 0) break errout;
      if (xdp[IFLA_XDP_ATTACHED] || xdp[IFLA_XDP_PROG_ID]) { err = -EINVAL; break errout; }
      let xdp_flags = 0;
      if (xdp[IFLA_XDP_FLAGS]) {
        xdp_flags = nla_get_u32(xdp[IFLA_XDP_FLAGS]!);
        const XDP_FLAGS_MASK = 0x1f, XDP_FLAGS_MODES = 0xe;
        if (xdp_flags & ~XDP_FLAGS_MASK) { err = -EINVAL; break errout; }
        const m = xdp_flags & XDP_FLAGS_MODES;
        if (m & (m - 1)) { err = -EINVAL; break errout; }
      }
      if (xdp[IFLA_XDP_FD]) {
        let expected_fd = -1;
        if (xdp_flags & 0x10 /* XDP_FLAGS_REPLACE */) {
          if (!xdp[IFLA_XDP_EXPECTED_FD]) { err = -EINVAL; break errout; }
          expected_fd = nla_get_s32(xdp[IFLA_XDP_EXPECTED_FD]!);
        }
        // dev_change_xdp_fd(dev, extack, fd, expected_fd, xdp_flags), with no BPF program anywhere:
        // an fd >= 0 (new first, then expected) fails in bpf_prog_get_type_dev → __bpf_prog_get,
        // -EBADF for an fd that is not open, -EINVAL for any open one (not bpf_prog_fops); only a
        // missing fd makes get_net_ns_by_fd answer -EBADF. With both < 0, dev_xdp_attach finds
        // nothing attached and nothing to install, and returns 0 (`ip link set DEV xdp off`).
        const fd = nla_get_s32(xdp[IFLA_XDP_FD]!);
        const bad_fd = fd >= 0 ? fd : expected_fd;
        if (bad_fd >= 0) { err = get_net_ns_by_fd(bad_fd)[1] === -EBADF ? -EBADF : -EINVAL; break errout; }
        status |= DO_SETLINK_NOTIFY;
      }
    }
  }
  // errout:
  if (status & DO_SETLINK_MODIFIED) {
    if ((status & DO_SETLINK_NOTIFY) === DO_SETLINK_NOTIFY) netdev_state_change(dev);
    // net_warn_ratelimited about a partial change: no kernel log in kveth
  }
  return err;
}

/** net/core/rtnetlink.c:3280 rtnl_dev_get */
function rtnl_dev_get(n: net, tb: nlattr_tb): net_device | null {
  let ifname: string;
  if (tb[IFLA_IFNAME]) ifname = nla_strscpy(tb[IFLA_IFNAME]!, IFNAMSIZ)[0];
  else if (tb[IFLA_ALT_IFNAME]) ifname = nla_strscpy(tb[IFLA_ALT_IFNAME]!, ALTIFNAMSIZ)[0];
  else return null;
  return __dev_get_by_name(n, ifname); // altnames: none exist
}

/** net/core/rtnetlink.c:3295 rtnl_setlink */
export function rtnl_setlink(skb: sk_buff, nlh: kaddr_t, extack: netlink_ext_ack): number {
  const n = NETLINK_CB(skb).sk.net;
  const tb = new_tb(IFLA_MAX);
  let err = nlmsg_parse_deprecated(nlh, SIZEOF_IFINFOMSG, tb, IFLA_MAX, ifla_policy, extack);
  if (err < 0) return err;
  err = rtnl_ensure_unique_netns(tb, extack, false);
  if (err < 0) return err;
  err = -EINVAL;
  const ifm = nlmsg_data(nlh);
  let dev: net_device | null;
  if (rds32(ifm + 4) > 0) dev = __dev_get_by_index(n, rds32(ifm + 4));
  else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME]) dev = rtnl_dev_get(n, tb);
  else return err;
  if (!dev) return -ENODEV;
  err = validate_linkmsg(dev, tb, extack);
  if (err < 0) return err;
  return do_setlink(skb, dev, ifm, extack, tb, 0);
}

/** net/core/rtnetlink.c:3336 rtnl_group_dellink */
function rtnl_group_dellink(n: net, group: number): number {
  const list_kill: net_device[] = [];
  let found = false;
  if (!group) return -EPERM;
  for (const dev of for_each_netdev(n)) {
    if (dev.group === group) {
      found = true;
      const ops = rtnl_link_ops_of(dev);
      if (!ops || !ops.dellink) return -EOPNOTSUPP;
    }
  }
  if (!found) return -ENODEV;
  for (const dev of for_each_netdev(n)) { // for_each_netdev_safe
    if (dev.group === group) rtnl_link_ops_of(dev)!.dellink!(dev, list_kill);
  }
  unregister_netdevice_many(list_kill);
  return 0;
}
/** net/core/rtnetlink.c:3372 rtnl_delete_link */
export function rtnl_delete_link(dev: net_device, portid: number, nlh: kaddr_t): number {
  const list_kill: net_device[] = [];
  const ops = rtnl_link_ops_of(dev);
  if (!ops || !ops.dellink) return -EOPNOTSUPP;
  ops.dellink(dev, list_kill);
  unregister_netdevice_many_notify(list_kill, portid, nlh);
  return 0;
}
/** net/core/rtnetlink.c:3388 rtnl_dellink */
export function rtnl_dellink(skb: sk_buff, nlh: kaddr_t, extack: netlink_ext_ack): number {
  const n = NETLINK_CB(skb).sk.net;
  const portid = NETLINK_CB(skb).portid;
  let tgt_net = n;
  let dev: net_device | null = null;
  const tb = new_tb(IFLA_MAX);
  let err = nlmsg_parse_deprecated(nlh, SIZEOF_IFINFOMSG, tb, IFLA_MAX, ifla_policy, extack);
  if (err < 0) return err;
  err = rtnl_ensure_unique_netns(tb, extack, true);
  if (err < 0) return err;
  if (tb[IFLA_TARGET_NETNSID]) {
    const netnsid = nla_get_s32(tb[IFLA_TARGET_NETNSID]!);
    const [t, terr] = rtnl_get_net_ns_capable(n, netnsid);
    if (!t) return terr;
    tgt_net = t;
  }
  err = -EINVAL;
  const ifm = nlmsg_data(nlh);
  if (rds32(ifm + 4) > 0) dev = __dev_get_by_index(tgt_net, rds32(ifm + 4));
  else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME]) dev = rtnl_dev_get(tgt_net, tb);
  else if (tb[IFLA_GROUP]) err = rtnl_group_dellink(tgt_net, nla_get_u32(tb[IFLA_GROUP]!));
  else return err;
  if (!dev) {
    if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME] || rds32(ifm + 4) > 0) err = -ENODEV;
    return err;
  }
  return rtnl_delete_link(dev, portid, nlh);
}

/** net/core/rtnetlink.c:3443 rtnl_configure_link */
export function rtnl_configure_link(dev: net_device, ifm: kaddr_t, portid = 0, nlh: kaddr_t = NULL): number {
  const old_flags = dev.flags;
  if (ifm && (rd32(ifm + 8) || rd32(ifm + 12))) {
    const err = __dev_change_flags(dev, rtnl_dev_combine_flags(dev, ifm), null);
    if (err < 0) return err;
  }
  if (dev.rtnl_link_state === RTNL_LINK_INITIALIZED) {
    __dev_notify_flags(dev, old_flags, old_flags ^ dev.flags, portid, nlh);
  } else {
    dev.rtnl_link_state = RTNL_LINK_INITIALIZED;
    __dev_notify_flags(dev, old_flags, ~0 >>> 0, portid, nlh);
  }
  return 0;
}

/** net/core/rtnetlink.c:3467 rtnl_create_link: [dev, 0] or [null, -errno] */
export function rtnl_create_link(n: net, ifname: string, name_assign_type: number, ops: rtnl_link_ops, tb: nlattr_tb,
  extack: netlink_ext_ack): [net_device | null, number] {
  let num_tx_queues = 1, num_rx_queues = 1;
  if (tb[IFLA_NUM_TX_QUEUES]) num_tx_queues = nla_get_u32(tb[IFLA_NUM_TX_QUEUES]!);
  else if (ops.get_num_tx_queues) num_tx_queues = ops.get_num_tx_queues();
  if (tb[IFLA_NUM_RX_QUEUES]) num_rx_queues = nla_get_u32(tb[IFLA_NUM_RX_QUEUES]!);
  else if (ops.get_num_rx_queues) num_rx_queues = ops.get_num_rx_queues();
  if (num_tx_queues < 1 || num_tx_queues > 4096) { NL_SET_ERR_MSG(extack, 'Invalid number of transmit queues'); return [null, -EINVAL]; }
  if (num_rx_queues < 1 || num_rx_queues > 4096) { NL_SET_ERR_MSG(extack, 'Invalid number of receive queues'); return [null, -EINVAL]; }
  // ops->alloc: veth has none
  const dev = alloc_netdev_mqs(ops.priv_size, ifname, name_assign_type, ops.setup, num_tx_queues, num_rx_queues);
  if (!dev) return [null, -ENOMEM];
  let err = validate_linkmsg(dev, tb, extack);
  if (err < 0) { free_netdev(dev); return [null, err]; }
  dev_net_set(dev, n);
  dev.rtnl_link_ops = ops.addr;
  dev.rtnl_link_state = RTNL_LINK_INITIALIZING;
  if (tb[IFLA_MTU]) {
    const mtu = nla_get_u32(tb[IFLA_MTU]!);
    err = dev_validate_mtu(dev, mtu | 0, extack);
    if (err) { free_netdev(dev); return [null, err]; }
    dev.mtu = mtu;
  }
  if (tb[IFLA_ADDRESS]) {
    __dev_addr_set(dev, bytes(nla_data(tb[IFLA_ADDRESS]!), nla_len(tb[IFLA_ADDRESS]!)), nla_len(tb[IFLA_ADDRESS]!));
    dev.addr_assign_type = NET_ADDR_SET;
  }
  if (tb[IFLA_BROADCAST]) bytes(dev.broadcast_addr, nla_len(tb[IFLA_BROADCAST]!)).set(bytes(nla_data(tb[IFLA_BROADCAST]!), nla_len(tb[IFLA_BROADCAST]!)));
  if (tb[IFLA_TXQLEN]) dev.tx_queue_len = nla_get_u32(tb[IFLA_TXQLEN]!);
  if (tb[IFLA_OPERSTATE]) set_operstate(dev, nla_get_u8(tb[IFLA_OPERSTATE]!));
  if (tb[IFLA_LINKMODE]) dev.link_mode = nla_get_u8(tb[IFLA_LINKMODE]!);
  if (tb[IFLA_GROUP]) dev_set_group(dev, nla_get_u32(tb[IFLA_GROUP]!));
  if (tb[IFLA_GSO_MAX_SIZE]) netif_set_gso_max_size(dev, nla_get_u32(tb[IFLA_GSO_MAX_SIZE]!));
  if (tb[IFLA_GSO_MAX_SEGS]) netif_set_gso_max_segs(dev, nla_get_u32(tb[IFLA_GSO_MAX_SEGS]!));
  if (tb[IFLA_GRO_MAX_SIZE]) netif_set_gro_max_size(dev, nla_get_u32(tb[IFLA_GRO_MAX_SIZE]!));
  if (tb[IFLA_GSO_IPV4_MAX_SIZE]) netif_set_gso_ipv4_max_size(dev, nla_get_u32(tb[IFLA_GSO_IPV4_MAX_SIZE]!));
  if (tb[IFLA_GRO_IPV4_MAX_SIZE]) netif_set_gro_ipv4_max_size(dev, nla_get_u32(tb[IFLA_GRO_IPV4_MAX_SIZE]!));
  return [dev, 0];
}

/** net/core/rtnetlink.c:3563 rtnl_group_changelink */
function rtnl_group_changelink(skb: sk_buff, n: net, group: number, ifm: kaddr_t, extack: netlink_ext_ack, tb: nlattr_tb): number {
  for (const dev of for_each_netdev(n)) {
    if (dev.group === group) {
      let err = validate_linkmsg(dev, tb, extack);
      if (err < 0) return err;
      err = do_setlink(skb, dev, ifm, extack, tb, 0);
      if (err < 0) return err;
    }
  }
  return 0;
}

/** net/core/rtnetlink.c:3586 rtnl_newlink_create */
function rtnl_newlink_create(skb: sk_buff, ifm: kaddr_t, ops: rtnl_link_ops, nlh: kaddr_t, tb: nlattr_tb,
  data: nlattr_tb | null, extack: netlink_ext_ack): number {
  let name_assign_type = NET_NAME_USER;
  const n = NETLINK_CB(skb).sk.net;
  const portid = NETLINK_CB(skb).portid;
  let ifname: string;
  let err: number;
  if (!ops.setup) return -EOPNOTSUPP; // !ops->alloc && !ops->setup
  if (tb[IFLA_IFNAME]) ifname = nla_strscpy(tb[IFLA_IFNAME]!, IFNAMSIZ)[0];
  else { ifname = `${ops.kind}%d`.slice(0, IFNAMSIZ - 1); name_assign_type = NET_NAME_ENUM; }
  const [dest_net, derr] = rtnl_link_get_net_capable(skb, n, tb, 0);
  if (!dest_net) return derr;
  let link_net: net | null = null;
  if (tb[IFLA_LINK_NETNSID]) {
    const id = nla_get_s32(tb[IFLA_LINK_NETNSID]!);
    link_net = get_net_ns_by_id(dest_net, id);
    if (!link_net) {
      NL_SET_ERR_MSG(extack, 'Unknown network namespace id');
      return -EINVAL;
    }
    // netlink_ns_capable: yes
  }
  const [dev, cerr] = rtnl_create_link(link_net ?? dest_net, ifname, name_assign_type, ops, tb, extack);
  if (!dev) return cerr;
  dev.ifindex = rds32(ifm + 4);
  if (ops.newlink) err = ops.newlink(link_net ?? n, dev, tb, data, extack);
  else err = register_netdevice(dev);
  if (err < 0) {
    free_netdev(dev);
    return err;
  }
  out_unregister: {
    err = rtnl_configure_link(dev, ifm, portid, nlh);
    if (err < 0) break out_unregister;
    if (link_net) {
      err = dev_change_net_namespace(dev, dest_net, ifname);
      if (err < 0) break out_unregister;
    }
    if (tb[IFLA_MASTER]) {
      err = do_set_master(dev, nla_get_u32(tb[IFLA_MASTER]!), extack);
      if (err) break out_unregister;
    }
    return err;
  }
  if (ops.newlink) {
    const list_kill: net_device[] = [];
    ops.dellink!(dev, list_kill);
    unregister_netdevice_many(list_kill);
  } else {
    unregister_netdevice_queue(dev, null);
  }
  return err;
}

/** net/core/rtnetlink.c:3684 __rtnl_newlink */
function __rtnl_newlink(skb: sk_buff, nlh: kaddr_t, tb: nlattr_tb, attr: nlattr_tb, extack: netlink_ext_ack): number {
  const linkinfo = new_tb(IFLA_INFO_MAX);
  const n = NETLINK_CB(skb).sk.net;
  let ops: rtnl_link_ops | null;
  let kind: string;
  let dev: net_device | null;
  let link_specified: boolean;
  let err: number;
  for (;;) { // replay:
    err = nlmsg_parse_deprecated(nlh, SIZEOF_IFINFOMSG, tb, IFLA_MAX, ifla_policy, extack);
    if (err < 0) return err;
    err = rtnl_ensure_unique_netns(tb, extack, false);
    if (err < 0) return err;
    const ifm = nlmsg_data(nlh);
    const ifi_index = rds32(ifm + 4);
    if (ifi_index > 0) {
      link_specified = true;
      dev = __dev_get_by_index(n, ifi_index);
    } else if (ifi_index < 0) {
      NL_SET_ERR_MSG(extack, "ifindex can't be negative");
      return -EINVAL;
    } else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME]) {
      link_specified = true;
      dev = rtnl_dev_get(n, tb);
    } else {
      link_specified = false;
      dev = null;
    }
    // netdev_master_upper_dev_get(dev): no device has a master, so m_ops stays NULL
    if (tb[IFLA_LINKINFO]) {
      err = nla_parse_nested_deprecated(linkinfo, IFLA_INFO_MAX, tb[IFLA_LINKINFO]!, ifla_info_policy, null);
      if (err < 0) return err;
    } else {
      linkinfo.fill(0);
    }
    if (linkinfo[IFLA_INFO_KIND]) {
      kind = nla_strscpy(linkinfo[IFLA_INFO_KIND]!, MODULE_NAME_LEN)[0];
      ops = rtnl_link_ops_get(kind);
    } else {
      kind = '';
      ops = null;
    }
    let data: nlattr_tb | null = null;
    if (ops) {
      if (ops.maxtype > RTNL_MAX_TYPE) return -EINVAL;
      if (ops.maxtype && linkinfo[IFLA_INFO_DATA]) {
        err = nla_parse_nested_deprecated(attr, ops.maxtype, linkinfo[IFLA_INFO_DATA]!, ops.policy ?? null, extack);
        if (err < 0) return err;
        data = attr;
      }
      if (ops.validate) {
        err = ops.validate(tb, data, extack);
        if (err < 0) return err;
      }
    }
    // m_ops (the master's slave policy): no masters
    if (dev) {
      let status = 0;
      if (nlh_flags(nlh) & NLM_F_EXCL) return -EEXIST;
      if (nlh_flags(nlh) & NLM_F_REPLACE) return -EOPNOTSUPP;
      err = validate_linkmsg(dev, tb, extack);
      if (err < 0) return err;
      if (linkinfo[IFLA_INFO_DATA]) {
        if (!ops || ops.addr !== dev.rtnl_link_ops || !ops.changelink) return -EOPNOTSUPP;
        err = ops.changelink(dev, tb, data, extack);
        if (err < 0) return err;
        status |= DO_SETLINK_NOTIFY;
      }
      if (linkinfo[IFLA_INFO_SLAVE_DATA]) return -EOPNOTSUPP; // !m_ops
      return do_setlink(skb, dev, ifm, extack, tb, status);
    }
    if (!(nlh_flags(nlh) & NLM_F_CREATE)) {
      if (link_specified) return -ENODEV;
      if (tb[IFLA_GROUP]) return rtnl_group_changelink(skb, n, nla_get_u32(tb[IFLA_GROUP]!), ifm, extack, tb);
      return -ENODEV;
    }
    if (tb[IFLA_MAP] || tb[IFLA_PROTINFO]) return -EOPNOTSUPP;
    if (!ops) {
      if (kind) { // CONFIG_MODULES
        request_module(`rtnl-link-${kind}`);
        ops = rtnl_link_ops_get(kind);
        if (ops) continue; // goto replay
      }
      NL_SET_ERR_MSG(extack, 'Unknown device type');
      return -EOPNOTSUPP;
    }
    return rtnl_newlink_create(skb, ifm, ops, nlh, tb, data, extack);
  }
}
/** net/core/rtnetlink.c:3863 rtnl_newlink: the tables live in one kmalloc'ed struct rtnl_newlink_tbs in the kernel */
export function rtnl_newlink(skb: sk_buff, nlh: kaddr_t, extack: netlink_ext_ack): number {
  // struct rtnl_newlink_tbs { tb[IFLA_MAX + 1]; attr[RTNL_MAX_TYPE + 1]; slave_attr[RTNL_SLAVE_MAX_TYPE + 1] }
  const tbs = kmalloc(8 * (IFLA_MAX + 1 + RTNL_MAX_TYPE + 1 + RTNL_SLAVE_MAX_TYPE + 1), GFP_KERNEL);
  if (!tbs) return -ENOMEM;
  const ret = __rtnl_newlink(skb, nlh, new_tb(IFLA_MAX), new_tb(RTNL_MAX_TYPE), extack);
  kfree(tbs);
  return ret;
}

/** net/core/rtnetlink.c:3878 rtnl_valid_getlink_req */
function rtnl_valid_getlink_req(skb: sk_buff, nlh: kaddr_t, tb: nlattr_tb, extack: netlink_ext_ack): number {
  if (nlh_len(nlh) < nlmsg_msg_size(SIZEOF_IFINFOMSG)) {
    NL_SET_ERR_MSG(extack, 'Invalid header for get link');
    return -EINVAL;
  }
  if (!netlink_strict_get_check(skb)) return nlmsg_parse_deprecated(nlh, SIZEOF_IFINFOMSG, tb, IFLA_MAX, ifla_policy, extack);
  const ifm = nlmsg_data(nlh);
  if (rd8(ifm + 1) || rd16(ifm + 2) || rd32(ifm + 8) || rd32(ifm + 12)) {
    NL_SET_ERR_MSG(extack, 'Invalid values in header for get link request');
    return -EINVAL;
  }
  const err = nlmsg_parse_deprecated_strict(nlh, SIZEOF_IFINFOMSG, tb, IFLA_MAX, ifla_policy, extack);
  if (err) return err;
  for (let i = 0; i <= IFLA_MAX; i++) {
    if (!tb[i]) continue;
    switch (i) {
      case IFLA_IFNAME: case IFLA_ALT_IFNAME: case IFLA_EXT_MASK: case IFLA_TARGET_NETNSID: break;
      default:
        NL_SET_ERR_MSG(extack, 'Unsupported attribute in get link request');
        return -EINVAL;
    }
  }
  return 0;
}
/** net/core/rtnetlink.c:3926 rtnl_getlink */
export function rtnl_getlink(skb: sk_buff, nlh: kaddr_t, extack: netlink_ext_ack): number {
  const n = NETLINK_CB(skb).sk.net;
  let tgt_net = n;
  const tb = new_tb(IFLA_MAX);
  let dev: net_device | null = null;
  let netnsid = -1;
  let ext_filter_mask = 0;
  let err = rtnl_valid_getlink_req(skb, nlh, tb, extack);
  if (err < 0) return err;
  err = rtnl_ensure_unique_netns(tb, extack, true);
  if (err < 0) return err;
  if (tb[IFLA_TARGET_NETNSID]) {
    netnsid = nla_get_s32(tb[IFLA_TARGET_NETNSID]!);
    const [t, terr] = rtnl_get_net_ns_capable(n, netnsid);
    if (!t) return terr;
    tgt_net = t;
  }
  if (tb[IFLA_EXT_MASK]) ext_filter_mask = nla_get_u32(tb[IFLA_EXT_MASK]!);
  err = -EINVAL;
  const ifm = nlmsg_data(nlh);
  if (rds32(ifm + 4) > 0) dev = __dev_get_by_index(tgt_net, rds32(ifm + 4));
  else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME]) dev = rtnl_dev_get(tgt_net, tb);
  else return err;
  if (!dev) return -ENODEV;
  const nskb = nlmsg_new(if_nlmsg_size(dev, ext_filter_mask), GFP_KERNEL); // nlmsg_new_large
  if (!nskb) return -ENOBUFS;
  // linkwatch_sync_dev: the simulation runs linkwatch work explicitly
  err = rtnl_fill_ifinfo(nskb, dev, n, RTM_NEWLINK, NETLINK_CB(skb).portid, nlh_seq(nlh), 0, 0, ext_filter_mask, 0, null, 0, netnsid);
  if (err < 0) nlmsg_free(nskb);
  else err = rtnl_unicast(nskb, n, NETLINK_CB(skb).portid);
  return err;
}

/** net/core/rtnetlink.c:2208 linkinfo_to_kind_ops */
function linkinfo_to_kind_ops(nla: kaddr_t): rtnl_link_ops | null {
  let ops: rtnl_link_ops | null = null;
  const linfo = new_tb(IFLA_INFO_MAX);
  if (nla_parse_nested_deprecated(linfo, IFLA_INFO_MAX, nla, ifla_info_policy, null) < 0) return null;
  if (linfo[IFLA_INFO_KIND]) ops = rtnl_link_ops_get(nla_strscpy(linfo[IFLA_INFO_KIND]!, MODULE_NAME_LEN)[0]);
  return ops;
}
/** net/core/rtnetlink.c:2226 link_master_filtered (no device has a master) */
function link_master_filtered(_dev: net_device, master_idx: number): boolean {
  if (!master_idx) return false;
  if (master_idx === -1) return false;
  return true;
}
/** net/core/rtnetlink.c:2247 link_kind_filtered */
function link_kind_filtered(dev: net_device, kind_ops: rtnl_link_ops | null): boolean {
  return !!kind_ops && dev.rtnl_link_ops !== kind_ops.addr;
}
/** net/core/rtnetlink.c:2256 link_dump_filtered */
function link_dump_filtered(dev: net_device, master_idx: number, kind_ops: rtnl_link_ops | null): boolean {
  return link_master_filtered(dev, master_idx) || link_kind_filtered(dev, kind_ops);
}
/** net/core/rtnetlink.c:2302 rtnl_valid_dump_ifinfo_req */
function rtnl_valid_dump_ifinfo_req(nlh: kaddr_t, strict_check: boolean, tb: nlattr_tb, extack: netlink_ext_ack): number {
  if (strict_check) {
    if (nlh_len(nlh) < nlmsg_msg_size(SIZEOF_IFINFOMSG)) {
      NL_SET_ERR_MSG(extack, 'Invalid header for link dump');
      return -EINVAL;
    }
    const ifm = nlmsg_data(nlh);
    if (rd8(ifm + 1) || rd16(ifm + 2) || rd32(ifm + 8) || rd32(ifm + 12)) {
      NL_SET_ERR_MSG(extack, 'Invalid values in header for link dump request');
      return -EINVAL;
    }
    if (rds32(ifm + 4)) {
      NL_SET_ERR_MSG(extack, 'Filter by device index not supported for link dumps');
      return -EINVAL;
    }
    return nlmsg_parse_deprecated_strict(nlh, SIZEOF_IFINFOMSG, tb, IFLA_MAX, ifla_policy, extack);
  }
  // old iproute2 sent a struct rtgenmsg: tell by the length
  const hdrlen = nlmsg_len(nlh) < SIZEOF_IFINFOMSG ? SIZEOF_RTGENMSG : SIZEOF_IFINFOMSG;
  return nlmsg_parse_deprecated(nlh, hdrlen, tb, IFLA_MAX, ifla_policy, extack);
}
/** net/core/rtnetlink.c:2346 rtnl_dump_ifinfo */
export function rtnl_dump_ifinfo(skb: sk_buff, cb: netlink_callback): number {
  let kind_ops: rtnl_link_ops | null = null;
  const extack = cb.extack!;
  const nlh = cb.nlh;
  const n = NETLINK_CB(skb).sk.net;
  let flags = NLM_F_MULTI;
  const tb = new_tb(IFLA_MAX);
  const ctx = cb.ctx;
  let tgt_net = n;
  let ext_filter_mask = 0;
  let master_idx = 0;
  let netnsid = -1;
  let err = rtnl_valid_dump_ifinfo_req(nlh, cb.strict_check, tb, extack);
  walk: {
    if (err < 0) {
      if (cb.strict_check) return err;
      break walk;
    }
    for (let i = 0; i <= IFLA_MAX; ++i) {
      if (!tb[i]) continue;
      switch (i) {
        case IFLA_TARGET_NETNSID: {
          netnsid = nla_get_s32(tb[i]!);
          const [t, terr] = rtnl_get_net_ns_capable(n, netnsid);
          if (!t) {
            NL_SET_ERR_MSG(extack, 'Invalid target network namespace id');
            return terr;
          }
          tgt_net = t;
          break;
        }
        case IFLA_EXT_MASK: ext_filter_mask = nla_get_u32(tb[i]!); break;
        case IFLA_MASTER: master_idx = nla_get_u32(tb[i]!) | 0; break;
        case IFLA_LINKINFO: kind_ops = linkinfo_to_kind_ops(tb[i]!); break;
        default:
          if (cb.strict_check) {
            NL_SET_ERR_MSG(extack, 'Unsupported attribute in link dump request');
            return -EINVAL;
          }
      }
    }
    if (master_idx || kind_ops) flags |= NLM_F_DUMP_FILTERED;
  }
  // walk_entries
  err = 0;
  for (const dev of for_each_netdev_dump(tgt_net, ctx)) {
    if (link_dump_filtered(dev, master_idx, kind_ops)) continue;
    err = rtnl_fill_ifinfo(skb, dev, n, RTM_NEWLINK, NETLINK_CB(cb.skb).portid, nlh_seq(nlh), 0, flags, ext_filter_mask,
      0, null, 0, netnsid);
    if (err < 0) break;
  }
  cb.seq = tgt_net.dev_base_seq;
  nl_dump_check_consistent(cb, nlmsg_hdr(skb));
  return err;
}

/* ------------------------------------------------------------------------------------------
 * Filling an RTM_NEWLINK message
 */
/** net/core/rtnetlink.c:655 rtnl_link_get_size (veth has no get_size / get_xstats_size; no device has a master) */
function rtnl_link_get_size(dev: net_device): number {
  const ops = rtnl_link_ops_of(dev);
  if (!ops) return 0;
  return nla_total_size(4 /* sizeof(struct nlattr) */) + /* IFLA_LINKINFO */
    nla_total_size(ops.kind.length + 1); /* IFLA_INFO_KIND */
}
/** net/core/rtnetlink.c:1125 rtnl_xdp_size */
function rtnl_xdp_size(): number {
  return nla_total_size(0) + /* nest IFLA_XDP */
    nla_total_size(1) + /* XDP_ATTACHED */
    nla_total_size(4) + /* XDP_PROG_ID (or 1st mode) */
    nla_total_size(4); /* XDP_<mode>_PROG_ID */
}
/** net/core/rtnetlink.c:1151 rtnl_proto_down_size */
function rtnl_proto_down_size(_dev: net_device): number {
  // Assume dev->proto_down_reason is not zero.
  return nla_total_size(1) + nla_total_size(0) + nla_total_size(4);
}
/**
 * net/core/rtnetlink.c:1180 if_nlmsg_size. For kveth's devices (no parent device, so no VFs; no
 * ndo_get_vf_port; no alternative names; no devlink port; no DPLL pin) rtnl_vfinfo_size,
 * rtnl_port_size and rtnl_prop_list_size are 0 and the devlink / DPLL parts are their empty nests.
 */
export function if_nlmsg_size(dev: net_device, ext_filter_mask: number): number {
  return NLMSG_ALIGN(SIZEOF_IFINFOMSG) +
    nla_total_size(IFNAMSIZ) + /* IFLA_IFNAME */
    nla_total_size(IFALIASZ) + /* IFLA_IFALIAS */
    nla_total_size(IFNAMSIZ) + /* IFLA_QDISC */
    nla_total_size(SIZEOF_RTNL_LINK_IFMAP) + /* nla_total_size_64bit: no pad on x86_64 */
    nla_total_size(SIZEOF_RTNL_LINK_STATS) +
    nla_total_size(SIZEOF_RTNL_LINK_STATS64) + /* nla_total_size_64bit */
    nla_total_size(MAX_ADDR_LEN) + /* IFLA_ADDRESS */
    nla_total_size(MAX_ADDR_LEN) + /* IFLA_BROADCAST */
    nla_total_size(4) + /* IFLA_TXQLEN */
    nla_total_size(4) + /* IFLA_WEIGHT */
    nla_total_size(4) + /* IFLA_MTU */
    nla_total_size(4) + /* IFLA_LINK */
    nla_total_size(4) + /* IFLA_MASTER */
    nla_total_size(1) + /* IFLA_CARRIER */
    nla_total_size(4) + /* IFLA_PROMISCUITY */
    nla_total_size(4) + /* IFLA_ALLMULTI */
    nla_total_size(4) + /* IFLA_NUM_TX_QUEUES */
    nla_total_size(4) + /* IFLA_NUM_RX_QUEUES */
    nla_total_size(4) + /* IFLA_GSO_MAX_SEGS */
    nla_total_size(4) + /* IFLA_GSO_MAX_SIZE */
    nla_total_size(4) + /* IFLA_GRO_MAX_SIZE */
    nla_total_size(4) + /* IFLA_GSO_IPV4_MAX_SIZE */
    nla_total_size(4) + /* IFLA_GRO_IPV4_MAX_SIZE */
    nla_total_size(4) + /* IFLA_TSO_MAX_SIZE */
    nla_total_size(4) + /* IFLA_TSO_MAX_SEGS */
    nla_total_size(1) + /* IFLA_OPERSTATE */
    nla_total_size(1) + /* IFLA_LINKMODE */
    nla_total_size(4) + /* IFLA_CARRIER_CHANGES */
    nla_total_size(4) + /* IFLA_LINK_NETNSID */
    nla_total_size(4) + /* IFLA_GROUP */
    nla_total_size(ext_filter_mask & RTEXT_FILTER_VF ? 4 : 0) + /* IFLA_NUM_VF */
    0 + /* rtnl_vfinfo_size: IFLA_VFINFO_LIST */
    0 + /* rtnl_port_size: IFLA_VF_PORTS + IFLA_PORT_SELF */
    rtnl_link_get_size(dev) + /* IFLA_LINKINFO */
    rtnl_link_get_af_size(dev, ext_filter_mask) + /* IFLA_AF_SPEC */
    nla_total_size(MAX_PHYS_ITEM_ID_LEN) + /* IFLA_PHYS_PORT_ID */
    nla_total_size(MAX_PHYS_ITEM_ID_LEN) + /* IFLA_PHYS_SWITCH_ID */
    nla_total_size(IFNAMSIZ) + /* IFLA_PHYS_PORT_NAME */
    rtnl_xdp_size() + /* IFLA_XDP */
    nla_total_size(4) + /* IFLA_EVENT */
    nla_total_size(4) + /* IFLA_NEW_NETNSID */
    nla_total_size(4) + /* IFLA_NEW_IFINDEX */
    rtnl_proto_down_size(dev) + /* proto down */
    nla_total_size(4) + /* IFLA_TARGET_NETNSID */
    nla_total_size(4) + /* IFLA_CARRIER_UP_COUNT */
    nla_total_size(4) + /* IFLA_CARRIER_DOWN_COUNT */
    nla_total_size(4) + /* IFLA_MIN_MTU */
    nla_total_size(4) + /* IFLA_MAX_MTU */
    0 + /* rtnl_prop_list_size */
    nla_total_size(MAX_ADDR_LEN) + /* IFLA_PERM_ADDRESS */
    nla_total_size(0) + /* rtnl_devlink_port_size: nest IFLA_DEVLINK_PORT */
    nla_total_size(0); /* rtnl_dpll_pin_size: nest IFLA_DPLL_PIN */
}

/** struct rtnl_link_stats: its 24 __u32 counters, in order */
const rtnl_link_stats_fields = ['rx_packets', 'tx_packets', 'rx_bytes', 'tx_bytes', 'rx_errors', 'tx_errors', 'rx_dropped',
  'tx_dropped', 'multicast', 'collisions', 'rx_length_errors', 'rx_over_errors', 'rx_crc_errors', 'rx_frame_errors',
  'rx_fifo_errors', 'rx_missed_errors', 'tx_aborted_errors', 'tx_carrier_errors', 'tx_fifo_errors', 'tx_heartbeat_errors',
  'tx_window_errors', 'rx_compressed', 'tx_compressed', 'rx_nohandler'] as const;
/** net/core/rtnetlink.c:1017 copy_rtnl_link_stats: each counter truncated to 32 bits */
function copy_rtnl_link_stats(a: kaddr_t, b: kaddr_t): void {
  rtnl_link_stats_fields.forEach((f, i) => wr32(a + 4 * i, rd64(b + stats64_off[f]!) % 0x100000000));
}
/** net/core/rtnetlink.c:1372 rtnl_fill_stats */
function rtnl_fill_stats(skb: sk_buff, dev: net_device): number {
  let attr = nla_reserve(skb, IFLA_STATS64, SIZEOF_RTNL_LINK_STATS64); // nla_reserve_64bit: no pad on x86_64
  if (!attr) return -EMSGSIZE;
  const sp = nla_data(attr);
  dev_get_stats(dev, sp);
  attr = nla_reserve(skb, IFLA_STATS, SIZEOF_RTNL_LINK_STATS);
  if (!attr) return -EMSGSIZE;
  copy_rtnl_link_stats(nla_data(attr), sp);
  return 0;
}
/** net/core/rtnetlink.c:1642 rtnl_xdp_fill (no program attached: XDP_ATTACHED_NONE) */
function rtnl_xdp_fill(skb: sk_buff, _dev: net_device): number {
  const xdp = nla_nest_start_noflag(skb, IFLA_XDP);
  if (!xdp) return -EMSGSIZE;
  if (nla_put_u8(skb, IFLA_XDP_ATTACHED, XDP_ATTACHED_NONE)) { nla_nest_cancel(skb, xdp); return -EMSGSIZE; }
  nla_nest_end(skb, xdp);
  return 0;
}
/** net/core/rtnetlink.c:824 rtnl_link_fill (rtnl_link_info_fill: kind only; veth has no fill_info/fill_xstats) */
function rtnl_link_fill(skb: sk_buff, dev: net_device): number {
  const ops = rtnl_link_ops_of(dev)!;
  const linkinfo = nla_nest_start_noflag(skb, IFLA_LINKINFO);
  if (!linkinfo) return -EMSGSIZE;
  if (nla_put_string(skb, IFLA_INFO_KIND, ops.kind)) { nla_nest_cancel(skb, linkinfo); return -EMSGSIZE; }
  // rtnl_link_slave_info_fill: no master
  nla_nest_end(skb, linkinfo);
  return 0;
}
/** net/core/rtnetlink.c:1732 nla_put_iflink */
function nla_put_iflink(skb: sk_buff, dev: net_device, force: boolean): number {
  const iflink = dev_get_iflink(dev);
  if (force || dev.ifindex !== iflink) return nla_put_u32(skb, IFLA_LINK, iflink);
  return 0;
}
/** net/core/rtnetlink.c:1753 rtnl_fill_link_netnsid */
function rtnl_fill_link_netnsid(skb: sk_buff, dev: net_device, src_net: net): number {
  let put_iflink = false;
  const ops = rtnl_link_ops_of(dev);
  if (ops && ops.get_link_net) {
    const link_net = ops.get_link_net(dev);
    if (!net_eq(dev_net(dev), link_net)) {
      const id = peernet2id_alloc(src_net, link_net);
      if (nla_put_s32(skb, IFLA_LINK_NETNSID, id)) return -EMSGSIZE;
      put_iflink = true;
    }
  }
  return nla_put_iflink(skb, dev, put_iflink);
}
/** net/core/rtnetlink.c:1775 rtnl_fill_link_af */
function rtnl_fill_link_af(skb: sk_buff, dev: net_device, ext_filter_mask: number): number {
  const af_spec = nla_nest_start_noflag(skb, IFLA_AF_SPEC);
  if (!af_spec) return -EMSGSIZE;
  for (const af_ops of rtnl_af_ops_list) {
    if (!af_ops.fill_link_af) continue;
    const af = nla_nest_start_noflag(skb, af_ops.family);
    if (!af) return -EMSGSIZE;
    const err = af_ops.fill_link_af(skb, dev, ext_filter_mask);
    // -ENODATA means "nothing to say for this device": drop the family's header and go on
    if (err === -ENODATA) nla_nest_cancel(skb, af);
    else if (err < 0) return -EMSGSIZE;
    // after a cancel this writes a zero length past the tail, as the kernel does; nothing reads it
    nla_nest_end(skb, af);
  }
  nla_nest_end(skb, af_spec);
  return 0;
}
/** net/core/rtnetlink.c:1575 rtnl_fill_link_ifmap (mem_start, mem_end, base_addr, irq, dma, port: all 0) */
function rtnl_fill_link_ifmap(skb: sk_buff, _dev: net_device): number {
  if (nla_put_64bit(skb, IFLA_MAP, SIZEOF_RTNL_LINK_IFMAP, new Uint8Array(SIZEOF_RTNL_LINK_IFMAP), IFLA_PAD)) return -EMSGSIZE;
  return 0;
}
/** net/core/rtnetlink.c:1831 rtnl_fill_prop_list: no altnames, so the nest is cancelled */
function rtnl_fill_prop_list(skb: sk_buff, _dev: net_device): number {
  const prop_list = nla_nest_start(skb, IFLA_PROP_LIST);
  if (!prop_list) return -EMSGSIZE;
  nla_nest_cancel(skb, prop_list);
  return 0;
}
/** net/core/rtnetlink.c:1853 rtnl_fill_proto_down */
function rtnl_fill_proto_down(skb: sk_buff, dev: net_device): number {
  if (nla_put_u8(skb, IFLA_PROTO_DOWN, rd8(dev.addr + ND.off('proto_down')))) return -EMSGSIZE;
  const preason = rd32(dev.addr + ND.off('proto_down_reason'));
  if (!preason) return 0;
  const pr = nla_nest_start(skb, IFLA_PROTO_DOWN_REASON);
  if (!pr) return -EMSGSIZE;
  if (nla_put_u32(skb, IFLA_PROTO_DOWN_REASON_VALUE, preason)) { nla_nest_cancel(skb, pr); return -EMSGSIZE; }
  nla_nest_end(skb, pr);
  return 0;
}
/** net/core/rtnetlink.c:1882 rtnl_fill_devlink_port (no devlink port: an empty nest) */
function rtnl_fill_devlink_port(skb: sk_buff, _dev: net_device): number {
  const nest = nla_nest_start(skb, IFLA_DEVLINK_PORT);
  if (!nest) return -EMSGSIZE;
  nla_nest_end(skb, nest);
  return 0;
}
/** net/core/rtnetlink.c:1906 rtnl_fill_dpll_pin (no pin: an empty nest) */
function rtnl_fill_dpll_pin(skb: sk_buff, _dev: net_device): number {
  const nest = nla_nest_start(skb, IFLA_DPLL_PIN);
  if (!nest) return -EMSGSIZE;
  nla_nest_end(skb, nest);
  return 0;
}
/** the id of a built-in qdisc (Qdisc_ops.id) */
function qdisc_id(q: kaddr_t): string | null {
  if (q === noop_qdisc) return 'noop';
  if (q === noqueue_qdisc) return 'noqueue';
  return null;
}

/** net/core/rtnetlink.c:1928 rtnl_fill_ifinfo */
export function rtnl_fill_ifinfo(skb: sk_buff, dev: net_device, src_net: net, type: number, pid: number, seq: number,
  change: number, flags: number, ext_filter_mask: number, event: number, new_nsid: number | null, new_ifindex: number,
  tgt_netnsid: number): number {
  const nlh = nlmsg_put(skb, pid, seq, type, SIZEOF_IFINFOMSG, flags);
  if (!nlh) return -EMSGSIZE;
  const ifm = nlmsg_data(nlh);
  wr8(ifm, 0); // AF_UNSPEC
  wr8(ifm + 1, 0);
  wr16(ifm + 2, dev.type);
  wr32(ifm + 4, dev.ifindex);
  wr32(ifm + 8, dev_get_flags(dev));
  wr32(ifm + 12, change >>> 0);
  failure: {
    if (tgt_netnsid >= 0 && nla_put_s32(skb, IFLA_TARGET_NETNSID, tgt_netnsid)) break failure;
    if (nla_put_string(skb, IFLA_IFNAME, dev.name)) break failure;
    const alias = dev_get_alias(dev);
    if (nla_put_u32(skb, IFLA_TXQLEN, dev.tx_queue_len) ||
      nla_put_u8(skb, IFLA_OPERSTATE, netif_running(dev) ? dev.operstate : IF_OPER_DOWN) ||
      nla_put_u8(skb, IFLA_LINKMODE, dev.link_mode) ||
      nla_put_u32(skb, IFLA_MTU, dev.mtu) ||
      nla_put_u32(skb, IFLA_MIN_MTU, dev.min_mtu) ||
      nla_put_u32(skb, IFLA_MAX_MTU, dev.max_mtu) ||
      nla_put_u32(skb, IFLA_GROUP, dev.group) ||
      nla_put_u32(skb, IFLA_PROMISCUITY, dev.promiscuity) ||
      nla_put_u32(skb, IFLA_ALLMULTI, dev.allmulti) ||
      nla_put_u32(skb, IFLA_NUM_TX_QUEUES, dev.num_tx_queues) ||
      nla_put_u32(skb, IFLA_GSO_MAX_SEGS, dev.gso_max_segs) ||
      nla_put_u32(skb, IFLA_GSO_MAX_SIZE, dev.gso_max_size) ||
      nla_put_u32(skb, IFLA_GRO_MAX_SIZE, dev.gro_max_size) ||
      nla_put_u32(skb, IFLA_GSO_IPV4_MAX_SIZE, dev.gso_ipv4_max_size) ||
      nla_put_u32(skb, IFLA_GRO_IPV4_MAX_SIZE, dev.gro_ipv4_max_size) ||
      nla_put_u32(skb, IFLA_TSO_MAX_SIZE, dev.tso_max_size) ||
      nla_put_u32(skb, IFLA_TSO_MAX_SEGS, dev.tso_max_segs) ||
      nla_put_u32(skb, IFLA_NUM_RX_QUEUES, dev.num_rx_queues) || // CONFIG_RPS
      // put_master_ifindex: no master
      nla_put_u8(skb, IFLA_CARRIER, netif_carrier_ok(dev) ? 1 : 0) ||
      (alias.length > 0 ? nla_put_string(skb, IFLA_IFALIAS, alias) : 0) ||
      nla_put_u32(skb, IFLA_CARRIER_CHANGES, dev.carrier_up_count + dev.carrier_down_count) ||
      nla_put_u32(skb, IFLA_CARRIER_UP_COUNT, dev.carrier_up_count) ||
      nla_put_u32(skb, IFLA_CARRIER_DOWN_COUNT, dev.carrier_down_count)) break failure;
    if (rtnl_fill_proto_down(skb, dev)) break failure;
    if (event !== IFLA_EVENT_NONE && nla_put_u32(skb, IFLA_EVENT, event)) break failure;
    if (dev.addr_len) {
      if (nla_put(skb, IFLA_ADDRESS, dev.addr_len, dev.dev_addr) || nla_put(skb, IFLA_BROADCAST, dev.addr_len, dev.broadcast_addr)) break failure;
    }
    // rtnl_phys_port_id_fill, rtnl_phys_port_name_fill, rtnl_phys_switch_id_fill: no ndo for them, nothing put
    if (rtnl_fill_stats(skb, dev)) break failure;
    // rtnl_fill_vf: no parent device; rtnl_port_fill: no ndo_get_vf_port
    if (rtnl_xdp_fill(skb, dev)) break failure;
    if (dev.rtnl_link_ops) { // || rtnl_have_link_slave_info(dev): no masters
      if (rtnl_link_fill(skb, dev) < 0) break failure;
    }
    if (new_nsid !== null && nla_put_s32(skb, IFLA_NEW_NETNSID, new_nsid) < 0) break failure;
    if (new_ifindex && nla_put_s32(skb, IFLA_NEW_IFINDEX, new_ifindex) < 0) break failure;
    if (bytes(dev.perm_addr_addr, dev.addr_len).some((b) => b !== 0) &&
      nla_put(skb, IFLA_PERM_ADDRESS, dev.addr_len, dev.perm_addr_addr)) break failure;
    if (rtnl_fill_link_netnsid(skb, dev, src_net)) break failure;
    const qid = qdisc_id(dev.qdisc);
    if (dev.qdisc && qid !== null && nla_put_string(skb, IFLA_QDISC, qid)) break failure;
    if (rtnl_fill_link_af(skb, dev, ext_filter_mask)) break failure;
    if (rtnl_fill_link_ifmap(skb, dev)) break failure;
    if (rtnl_fill_prop_list(skb, dev)) break failure;
    // dev->dev.parent: virtual devices have none (no IFLA_PARENT_DEV_NAME / _BUS_NAME)
    if (rtnl_fill_devlink_port(skb, dev)) break failure;
    if (rtnl_fill_dpll_pin(skb, dev)) break failure;
    nlmsg_end(skb, nlh);
    return 0;
  }
  nlmsg_cancel(skb, nlh);
  return -EMSGSIZE;
}

/**
 * net/core/rtnetlink.c:4189 rtmsg_ifinfo_build_skb (event 0, no new netns id or ifindex). kveth's
 * sockets join no multicast group, so a message that is not an NLM_F_ECHO report reaches nobody:
 * it is not built (the kernel builds it and netlink_broadcast drops it).
 */
function rtmsg_ifinfo_build_skb(type: number, dev: net_device, change: number, portid: number, nlh: kaddr_t): sk_buff | null {
  if (!nlmsg_report(nlh)) return null; // no listener; the kernel would also set portid = 0 here
  const n = dev_net(dev);
  const skb = nlmsg_new(if_nlmsg_size(dev, 0), GFP_KERNEL);
  if (!skb) return null; // rtnl_set_sk_err(net, RTNLGRP_LINK, -ENOBUFS): no listener to tell
  const seq = nlh_seq(nlh); // nlmsg_report(nlh) holds
  const err = rtnl_fill_ifinfo(skb, dev, n, type, portid, seq, change, 0, 0, 0, null, 0, -1);
  if (err < 0) {
    nlmsg_free(skb); // kfree_skb(skb)
    return null;
  }
  return skb;
}
/**
 * net/core/rtnetlink.c:4224 rtmsg_ifinfo_send: rtnl_notify → nlmsg_notify, whose multicast part
 * has no listener here and whose report part unicasts the message to the requester.
 */
function rtmsg_ifinfo_send(skb: sk_buff, dev: net_device, portid: number, _nlh: kaddr_t): void {
  rtnl_unicast(skb, dev_net(dev), portid); // nlmsg_notify(report) → nlmsg_unicast
}
/** net/core/rtnetlink.c:4232 rtmsg_ifinfo_event */
function rtmsg_ifinfo_event(type: number, dev: net_device, change: number, portid: number, nlh: kaddr_t): void {
  if (dev.reg_state !== 1 /* NETREG_REGISTERED */) return;
  const skb = rtmsg_ifinfo_build_skb(type, dev, change, portid, nlh);
  if (skb) rtmsg_ifinfo_send(skb, dev, portid, nlh);
}
set_rtnl_dev_events({ rtmsg_ifinfo_event, rtmsg_ifinfo_build_skb, rtmsg_ifinfo_send });

/** net/core/rtnetlink.c:6866 rtnetlink_init (the link and nsid handlers) */
function rtnetlink_init(): void {
  rtnl_register(PF_UNSPEC, RTM_GETLINK, rtnl_getlink, rtnl_dump_ifinfo, RTNL_FLAG_DUMP_SPLIT_NLM_DONE);
  rtnl_register(PF_UNSPEC, RTM_SETLINK, rtnl_setlink, null, 0);
  rtnl_register(PF_UNSPEC, RTM_NEWLINK, rtnl_newlink, null, 0);
  rtnl_register(PF_UNSPEC, RTM_DELLINK, rtnl_dellink, null, 0);
  rtnl_register(PF_UNSPEC, RTM_GETADDR, null, rtnl_dump_all, 0);
  // net_ns_init (net/core/net_namespace.c:1258)
  rtnl_register(PF_UNSPEC, RTM_NEWNSID, rtnl_net_newid, null, RTNL_FLAG_DOIT_UNLOCKED);
  // the dumpit, rtnl_net_dumpid, is not ported: an NLM_F_DUMP RTM_GETNSID gets -EOPNOTSUPP
  rtnl_register(PF_UNSPEC, RTM_GETNSID, rtnl_net_getid, null, RTNL_FLAG_DOIT_UNLOCKED | RTNL_FLAG_DUMP_UNLOCKED);
}
rtnetlink_init();
/*
 * The rtnl_af_register calls of the inet initcalls, in their order: inet_init (fs_initcall) →
 * ip_init → ip_rt_init → devinet_init (net/ipv4/devinet.c:2811) registers AF_INET, then
 * inet6_init (module_init) → addrconf_init (net/ipv6/addrconf.c:7531) registers AF_INET6. The
 * rest of those two functions runs when their files load.
 */
rtnl_af_register(inet_af_ops);
rtnl_register(PF_INET, RTM_GETADDR, null, inet_dump_ifaddr, RTNL_FLAG_DUMP_UNLOCKED | RTNL_FLAG_DUMP_SPLIT_NLM_DONE); // devinet_init
rtnl_af_register(inet6_ops);
// addrconf_init registers inet6_rtm_getaddr as the doit too; it is not ported
rtnl_register(PF_INET6, RTM_GETADDR, null, inet6_dump_ifaddr, RTNL_FLAG_DOIT_UNLOCKED | RTNL_FLAG_DUMP_UNLOCKED);
