// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/core/rtnetlink.c: the link-creation helpers that drivers' newlink callbacks use
 * (rtnl_create_link, rtnl_configure_link, rtnl_link_get_net, rtnl_nla_parse_ifinfomsg) and the
 * rtnl_link_ops registry. Parsing whole RTM_NEWLINK messages with the kernel's policies is the
 * rtnetlink issue's work; here attribute tables come in already split by type.
 */
import { NULL, kaddr_t, rd32, rds32, bytes, wrstr, wrptr, wr32 } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { GFP_KERNEL, kzalloc } from '../../mm/slub';
import {
  net_device, dev_net_set, RTNL_LINK_INITIALIZING, RTNL_LINK_INITIALIZED, NET_ADDR_SET, IFF_UP,
} from '../../include/linux/netdevice';
import { net } from '../../include/net/net_namespace';
import { alloc_netdev_mqs, free_netdev, dev_open, dev_close } from './dev';
import { __dev_addr_set } from '../../include/linux/etherdevice';
import { nla_data, nla_get_u32, nla_len, nla_ok, nla_next, nla_type, nlattr_tb } from '../../include/net/netlink';
import {
  IFLA_ADDRESS, IFLA_BROADCAST, IFLA_MAX, IFLA_MTU, IFLA_NET_NS_FD, IFLA_NET_NS_PID, IFLA_NUM_RX_QUEUES,
  IFLA_NUM_TX_QUEUES, IFLA_TXQLEN, IFLA_GROUP,
} from '../../include/uapi/linux/if_link';
import { EINVAL, ENOMEM, EBADF, ESRCH } from '../../include/uapi/linux/errno';

/** What kveth keeps of a struct rtnl_link_ops (the struct itself is in simulated memory too). */
export interface rtnl_link_ops {
  addr: kaddr_t;
  kind: string;
  priv_size: number;
  maxtype: number;
  setup: (dev: net_device) => void;
  validate?: (tb: nlattr_tb, data: nlattr_tb | null) => number;
  newlink?: (src_net: net, dev: net_device, tb: nlattr_tb, data: nlattr_tb | null, extack: extack) => number;
  dellink?: (dev: net_device, head: net_device[] | null) => void;
  get_link_net?: (dev: net_device) => net;
  get_num_tx_queues?: () => number;
  get_num_rx_queues?: () => number;
}
export interface extack { msg?: string; bad_attr?: kaddr_t }

const RLO = struct_('rtnl_link_ops');
const link_ops = new Map<string, rtnl_link_ops>();
const link_ops_by_addr = new Map<kaddr_t, rtnl_link_ops>();

/** net/core/rtnetlink.c:544 rtnl_link_register */
export function rtnl_link_register(ops: Omit<rtnl_link_ops, 'addr'>): rtnl_link_ops {
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
export function rtnl_link_ops_of(dev: net_device): rtnl_link_ops | null { return link_ops_by_addr.get(dev.rtnl_link_ops) ?? null; }

/* Namespace references by fd/pid: the simulated /proc/<pid>/ns/net and open netns fds. */
const netns_fds = new Map<number, net>();
let next_fd = 3;
export function netns_fd_open(n: net): number { const fd = next_fd++; netns_fds.set(fd, n); return fd; }
export function netns_fd_close(fd: number): void { netns_fds.delete(fd); }
const netns_pids = new Map<number, net>();
export function netns_pid_set(pid: number, n: net): void { netns_pids.set(pid, n); }

/** net/core/rtnetlink.c:2449 rtnl_link_get_net: [net or null, -errno] */
export function rtnl_link_get_net(src_net: net, tb: nlattr_tb): [net | null, number] {
  if (tb[IFLA_NET_NS_PID]) {
    const n = netns_pids.get(nla_get_u32(tb[IFLA_NET_NS_PID]!));
    return n ? [n, 0] : [null, -ESRCH];
  }
  if (tb[IFLA_NET_NS_FD]) {
    const n = netns_fds.get(nla_get_u32(tb[IFLA_NET_NS_FD]!));
    return n ? [n, 0] : [null, -EBADF];
  }
  return [src_net, 0];
}

/**
 * net/core/rtnetlink.c:2427 rtnl_nla_parse_ifinfomsg: the attributes after the peer's ifinfomsg,
 * split by type. (Policy validation comes with the rtnetlink issue; this takes the last of each type.)
 */
export function rtnl_nla_parse_ifinfomsg(tb: nlattr_tb, nla_peer: kaddr_t, extack: extack): number {
  const ifi_index = rds32(nla_data(nla_peer) + 4);
  if (ifi_index < 0) { extack.msg = "ifindex can't be negative"; return -EINVAL; }
  const head = nla_data(nla_peer) + 16; // NLMSG_ALIGN(sizeof(struct ifinfomsg))
  let len = nla_len(nla_peer) - 16;
  for (let i = 0; i <= IFLA_MAX; i++) tb[i] = 0;
  for (let nla = head; nla_ok(nla, len); [nla, len] = nla_next(nla, len)) {
    const t = nla_type(nla);
    if (t <= IFLA_MAX) tb[t] = nla;
  }
  return 0;
}

/** net/core/dev.c:9113 dev_validate_mtu */
export function dev_validate_mtu(dev: net_device, new_mtu: number, extack: extack | null): number {
  if (new_mtu < 0 || new_mtu < dev.min_mtu) { if (extack) extack.msg = 'mtu less than device minimum'; return -EINVAL; }
  if (dev.max_mtu > 0 && new_mtu > dev.max_mtu) { if (extack) extack.msg = 'mtu greater than device maximum'; return -EINVAL; }
  return 0;
}

/** net/core/rtnetlink.c:2553 validate_linkmsg (the address-length checks) */
function validate_linkmsg(dev: net_device, tb: nlattr_tb): number {
  if (tb[IFLA_ADDRESS] && nla_len(tb[IFLA_ADDRESS]!) < dev.addr_len) return -EINVAL;
  if (tb[IFLA_BROADCAST] && nla_len(tb[IFLA_BROADCAST]!) < dev.addr_len) return -EINVAL;
  return 0;
}

/** net/core/rtnetlink.c:3467 rtnl_create_link: [dev or null, -errno] */
export function rtnl_create_link(n: net, ifname: string, name_assign_type: number, ops: rtnl_link_ops, tb: nlattr_tb,
  extack: extack): [net_device | null, number] {
  let num_tx_queues = 1, num_rx_queues = 1;
  if (tb[IFLA_NUM_TX_QUEUES]) num_tx_queues = nla_get_u32(tb[IFLA_NUM_TX_QUEUES]!);
  else if (ops.get_num_tx_queues) num_tx_queues = ops.get_num_tx_queues();
  if (tb[IFLA_NUM_RX_QUEUES]) num_rx_queues = nla_get_u32(tb[IFLA_NUM_RX_QUEUES]!);
  else if (ops.get_num_rx_queues) num_rx_queues = ops.get_num_rx_queues();
  if (num_tx_queues < 1 || num_tx_queues > 4096) { extack.msg = 'Invalid number of transmit queues'; return [null, -EINVAL]; }
  if (num_rx_queues < 1 || num_rx_queues > 4096) { extack.msg = 'Invalid number of receive queues'; return [null, -EINVAL]; }
  const dev = alloc_netdev_mqs(ops.priv_size, ifname, name_assign_type, ops.setup, num_tx_queues, num_rx_queues);
  if (!dev) return [null, -ENOMEM];
  let err = validate_linkmsg(dev, tb);
  if (err < 0) { free_netdev(dev); return [null, err]; }
  dev_net_set(dev, n);
  dev.rtnl_link_ops = ops.addr;
  dev.rtnl_link_state = RTNL_LINK_INITIALIZING;
  if (tb[IFLA_MTU]) {
    const mtu = nla_get_u32(tb[IFLA_MTU]!);
    err = dev_validate_mtu(dev, mtu, extack);
    if (err) { free_netdev(dev); return [null, err]; }
    dev.mtu = mtu;
  }
  if (tb[IFLA_ADDRESS]) {
    __dev_addr_set(dev, bytes(nla_data(tb[IFLA_ADDRESS]!), nla_len(tb[IFLA_ADDRESS]!)), nla_len(tb[IFLA_ADDRESS]!));
    dev.addr_assign_type = NET_ADDR_SET;
  }
  if (tb[IFLA_BROADCAST]) bytes(dev.broadcast_addr, nla_len(tb[IFLA_BROADCAST]!)).set(bytes(nla_data(tb[IFLA_BROADCAST]!), nla_len(tb[IFLA_BROADCAST]!)));
  if (tb[IFLA_TXQLEN]) dev.tx_queue_len = nla_get_u32(tb[IFLA_TXQLEN]!);
  if (tb[IFLA_GROUP]) dev.group = nla_get_u32(tb[IFLA_GROUP]!);
  return [dev, 0];
}

/** net/core/dev.c:8980 __dev_change_flags, for IFF_UP (the flag veth users change) */
export function __dev_change_flags(dev: net_device, flags: number): number {
  let ret = 0;
  if ((flags ^ dev.flags) & IFF_UP) {
    if (flags & IFF_UP) ret = dev_open(dev);
    else dev_close(dev);
  }
  return ret;
}

/** net/core/rtnetlink.c:3443 rtnl_configure_link */
export function rtnl_configure_link(dev: net_device, ifm: kaddr_t): number {
  if (ifm !== NULL) {
    const ifi_flags = rd32(ifm + 8), ifi_change = rd32(ifm + 12);
    if (ifi_flags || ifi_change) {
      // rtnl_dev_combine_flags
      let flags = dev.flags;
      if (ifi_change) flags = (flags & ~ifi_change) | (ifi_flags & ifi_change);
      const err = __dev_change_flags(dev, flags);
      if (err < 0) return err;
    }
  }
  if (dev.rtnl_link_state !== RTNL_LINK_INITIALIZED) dev.rtnl_link_state = RTNL_LINK_INITIALIZED;
  // __dev_notify_flags → RTM_NEWLINK to listeners (the rtnetlink issue adds the socket side)
  return 0;
}
export { rd32 };
