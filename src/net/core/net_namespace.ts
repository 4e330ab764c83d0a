// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/core/net_namespace.c: creating and destroying network namespaces, the peer-namespace id
 * table (netns_ids, what IFLA_LINK_NETNSID reports), references by fd and pid, and the
 * RTM_NEWNSID / RTM_GETNSID handlers.
 *
 * What stands in for the rest of the system:
 *  - a named registry like /run/netns (`ip netns add/del/list`): netns_add, netns_del, netns_list,
 *    netns_lookup;
 *  - one simulated process file table: netns_fd_open(net) is open("/run/netns/NAME") and returns
 *    an fd; file_fd_open() opens a file that is not a namespace (as /dev/null); fd_close closes;
 *  - simulated tasks: task_create(net) gives a pid living in `net` (find_task_by_vpid).
 * The struct net itself (dev_base_head, ifindex, loopback_dev) is include/net/net_namespace.ts.
 * Not modelled: user namespaces and capabilities (every caller is CAP_NET_ADMIN everywhere),
 * refcounts (a deleted namespace goes at once: nothing else can pin it), the RTM_NEWNSID and
 * RTM_DELNSID notifications (no multicast listeners), and RTM_GETNSID dumps.
 */
import { kaddr_t, wr8 } from '../../sim/mem';
import { GFP_KERNEL, kfree } from '../../mm/slub';
import { net, alloc_net, free_net_side, init_net, all_nets, net_is_live, pernet_exit_all } from '../../include/net/net_namespace';
import { net_device } from '../../include/linux/netdevice';
import { unregister_netdevice_queue, unregister_netdevice_many, for_each_netdev } from './dev';
import { loopback_net_init } from '../../drivers/net/loopback';
import {
  nla_get_s32, nla_get_u32, new_tb, nlh_seq, nlmsg_new, nlmsg_free, nlmsg_put, nlmsg_end, nlmsg_cancel, nlmsg_data,
  nla_put_s32, nla_total_size, NLMSG_ALIGN, nlmsg_parse_deprecated, nlmsg_parse_deprecated_strict, nla_policy_table,
  netlink_ext_ack, NL_SET_ERR_MSG, NL_SET_BAD_ATTR, NLA_UNSPEC, NLA_S32, NLA_U32,
} from '../../include/net/netlink';
import type { sk_buff } from '../../include/linux/skbuff';
import {
  NETNSA_MAX, NETNSA_NSID, NETNSA_PID, NETNSA_FD, NETNSA_TARGET_NSID, NETNSA_CURRENT_NSID, NETNSA_NSID_NOT_ASSIGNED,
  RTM_NEWNSID, SIZEOF_RTGENMSG, AF_UNSPEC,
} from '../../include/uapi/linux/rtnetlink';
import { EBADF, EEXIST, EINVAL, EMSGSIZE, ENOENT, ENOMEM, ENOSPC, ESRCH } from '../../include/uapi/linux/errno';
import { NETLINK_CB, netlink_strict_get_check } from '../netlink/af_netlink';
import { rtnl_unicast, rtnl_get_net_ns_capable, rtnl_link_ops_of } from './rtnetlink';

/* ------------------------------------------------------------------------------------------
 * Per-namespace state kveth keeps beside struct net: the netns_ids idr
 */
const netns_ids = new Map<kaddr_t, Map<number, net>>();
function ids(n: net): Map<number, net> {
  let m = netns_ids.get(n.addr);
  if (!m) netns_ids.set(n.addr, (m = new Map()));
  return m;
}
const dying = new Set<kaddr_t>();
/** maybe_get_net: is the namespace still alive (not freed, not being torn down)? @sim */
export function net_alive(n: net): boolean { return net_is_live(n) && !dying.has(n.addr); }

/** net/core/net_namespace.c:276 alloc_netid: idr_alloc(&net->netns_ids, peer, min, max) */
function alloc_netid(n: net, peer: net, reqid: number): number {
  let min = 0, max = 0;
  if (reqid >= 0) { min = reqid; max = reqid + 1; }
  const m = ids(n);
  const hi = max > 0 ? max : 0x80000000;
  for (let id = min; id < hi; id++) {
    if (!m.has(id)) { m.set(id, peer); return id; }
  }
  return -ENOSPC;
}
/** net/core/net_namespace.c:302 __peernet2id */
function __peernet2id(n: net, peer: net): number {
  for (const [id, p] of ids(n)) if (p.addr === peer.addr) return id;
  return NETNSA_NSID_NOT_ASSIGNED;
}
/** net/core/net_namespace.c:320 peernet2id_alloc (RTM_NEWNSID notification: no listeners) */
export function peernet2id_alloc(n: net, peer: net): number {
  if (!net_alive(n)) return NETNSA_NSID_NOT_ASSIGNED;
  let id = __peernet2id(n, peer);
  if (id >= 0) return id;
  if (!net_alive(peer)) return NETNSA_NSID_NOT_ASSIGNED;
  id = alloc_netid(n, peer, -1);
  if (id < 0) return NETNSA_NSID_NOT_ASSIGNED;
  return id;
}
/** net/core/net_namespace.c:358 peernet2id */
export function peernet2id(n: net, peer: net): number { return __peernet2id(n, peer); }
/** net/core/net_namespace.c:378 get_net_ns_by_id */
export function get_net_ns_by_id(n: net, id: number): net | null {
  if (id < 0) return null;
  const peer = ids(n).get(id);
  return peer && net_alive(peer) ? peer : null;
}

/* ------------------------------------------------------------------------------------------
 * The simulated process side: fds and pids
 */
type file = { kind: 'netns'; net: net } | { kind: 'other'; name: string };
const files = new Map<number, file>();
function fd_alloc(f: file): number {
  let fd = 3;
  while (files.has(fd)) fd++;
  files.set(fd, f);
  return fd;
}
/** open("/run/netns/NAME") or /proc/PID/ns/net: an fd referring to `n` @sim */
export function netns_fd_open(n: net): number { return fd_alloc({ kind: 'netns', net: n }); }
/** open() of a file that is not a namespace (e.g. /dev/null) @sim */
export function file_fd_open(name = '/dev/null'): number { return fd_alloc({ kind: 'other', name }); }
/** close(fd) @sim */
export function fd_close(fd: number): void { files.delete(fd); }

const tasks = new Map<number, net>();
let next_pid = 1000;
/** a simulated process living in `n`; returns its pid @sim */
export function task_create(n: net): number {
  while (tasks.has(next_pid)) next_pid++;
  tasks.set(next_pid, n);
  return next_pid++;
}
/** the process exits @sim */
export function task_exit(pid: number): void { tasks.delete(pid); }

/** net/core/net_namespace.c:755 get_net_ns_by_fd: [net, 0] or [null, -errno] */
export function get_net_ns_by_fd(fd: number): [net | null, number] {
  const f = files.get(fd);
  if (!f) return [null, -EBADF];
  if (f.kind === 'netns' && net_alive(f.net)) return [f.net, 0];
  return [null, -EINVAL];
}
/** net/core/net_namespace.c:773 get_net_ns_by_pid: [net, 0] or [null, -ESRCH] */
export function get_net_ns_by_pid(pid: number): [net | null, number] {
  const n = tasks.get(pid);
  if (n && net_alive(n)) return [n, 0];
  return [null, -ESRCH];
}

/* ------------------------------------------------------------------------------------------
 * Setup and cleanup, and the /run/netns registry
 */
/** net/core/net_namespace.c:432 setup_net (the pernet init that matters here is loopback_net_init) */
export function setup_net(name: string): net | null {
  const n = alloc_net(name);
  const err = loopback_net_init(n);
  if (err) { pernet_exit_all(n); free_net_side(n); kfree(n.addr); return null; } // out_undo: the inited subsystems exit
  return n;
}
/** net/core/dev.c:12273 default_device_exit_batch */
export function default_device_exit_batch(net_list: net[]): void {
  const dev_kill_list: net_device[] = [];
  // default_device_exit_net: every kveth device either has rtnl_link_ops (no netns_refund) or is lo
  for (const n of net_list) {
    for (const dev of [...for_each_netdev(n)].reverse()) { // for_each_netdev_reverse: the reverse of registration order
      const ops = rtnl_link_ops_of(dev);
      if (ops && ops.dellink) ops.dellink(dev, dev_kill_list);
      else unregister_netdevice_queue(dev, dev_kill_list);
    }
  }
  unregister_netdevice_many(dev_kill_list);
}
/** net/core/net_namespace.c:655 cleanup_net (for one namespace) */
export function cleanup_net(n: net): void {
  dying.add(n.addr); // list_del_rcu(&net->list): nobody finds it any more
  // unhash_nsid: drop the namespace from every peer's id table, then destroy its own
  for (const tmp of all_nets()) { // for_each_net
    const id = __peernet2id(tmp, n);
    if (id >= 0) ids(tmp).delete(id); // rtnl_net_notifyid(RTM_DELNSID): no listeners
  }
  netns_ids.delete(n.addr); // idr_destroy(&net->netns_ids)
  default_device_exit_batch([n]);
  for (const [fd, f] of files) if (f.kind === 'netns' && f.net.addr === n.addr) files.delete(fd);
  for (const [pid, t] of tasks) if (t.addr === n.addr) tasks.delete(pid);
  pernet_exit_all(n); // ops_exit_list for the pernet subsystems, after the devices are gone
  free_net_side(n);
  dying.delete(n.addr);
  kfree(n.addr); // net_free
}

const registry = new Map<string, net>();
/** `ip netns add NAME`: [net, 0] or [null, -EEXIST / -EINVAL / -ENOMEM] @sim */
export function netns_add(name: string): [net | null, number] {
  if (!name || name.includes('/') || name === '.' || name === '..') return [null, -EINVAL];
  if (registry.has(name)) return [null, -EEXIST];
  const n = setup_net(name);
  if (!n) return [null, -ENOMEM];
  registry.set(name, n);
  return [n, 0];
}
/** `ip netns del NAME`: 0 or -ENOENT. The namespace and its devices go at once. @sim */
export function netns_del(name: string): number {
  const n = registry.get(name);
  if (!n) return -ENOENT;
  registry.delete(name);
  cleanup_net(n);
  return 0;
}
/** `ip netns list` (names, newest first as ip prints them) @sim */
export function netns_list(): string[] { return [...registry.keys()].reverse(); }
/** /run/netns/NAME @sim */
export function netns_lookup(name: string): net | null { return registry.get(name) ?? null; }
/** the name a namespace was registered under, or null @sim */
export function netns_name_of(n: net): string | null {
  for (const [k, v] of registry) if (v.addr === n.addr) return k;
  return null;
}
/** init_net with its loopback: made on first use so existing topologies keep their numbering @sim */
export function init_net_setup_loopback(): void {
  if (init_net.loopback_dev) return;
  const err = loopback_net_init(init_net);
  if (err) throw new Error(`kveth: loopback for init_net failed: ${err}`);
}

/* ------------------------------------------------------------------------------------------
 * RTM_NEWNSID / RTM_GETNSID
 */
/** net/core/net_namespace.c:813 rtnl_net_policy */
export const rtnl_net_policy: nla_policy_table = [
  { type: NLA_UNSPEC }, { type: NLA_S32 }, { type: NLA_U32 }, { type: NLA_U32 }, { type: NLA_S32 },
];

/** net/core/net_namespace.c:821 rtnl_net_newid */
export function rtnl_net_newid(skb: sk_buff, nlh: kaddr_t, extack: netlink_ext_ack): number {
  const n = NETLINK_CB(skb).sk.net;
  const tb = new_tb(NETNSA_MAX);
  let err = nlmsg_parse_deprecated(nlh, SIZEOF_RTGENMSG, tb, NETNSA_MAX, rtnl_net_policy, extack);
  if (err < 0) return err;
  if (!tb[NETNSA_NSID]) { NL_SET_ERR_MSG(extack, 'nsid is missing'); return -EINVAL; }
  const nsid = nla_get_s32(tb[NETNSA_NSID]!);
  let peer: net | null, perr: number, nla: kaddr_t;
  if (tb[NETNSA_PID]) { [peer, perr] = get_net_ns_by_pid(nla_get_u32(tb[NETNSA_PID]!)); nla = tb[NETNSA_PID]!; }
  else if (tb[NETNSA_FD]) { [peer, perr] = get_net_ns_by_fd(nla_get_u32(tb[NETNSA_FD]!)); nla = tb[NETNSA_FD]!; }
  else { NL_SET_ERR_MSG(extack, 'Peer netns reference is missing'); return -EINVAL; }
  if (!peer) {
    NL_SET_BAD_ATTR(extack, nla);
    NL_SET_ERR_MSG(extack, 'Peer netns reference is invalid');
    return perr;
  }
  if (__peernet2id(n, peer) >= 0) {
    NL_SET_BAD_ATTR(extack, nla);
    NL_SET_ERR_MSG(extack, 'Peer netns already has a nsid assigned');
    return -EEXIST;
  }
  err = alloc_netid(n, peer, nsid);
  if (err >= 0) {
    err = 0; // rtnl_net_notifyid(RTM_NEWNSID): no multicast listeners
  } else if (err === -ENOSPC && nsid >= 0) {
    err = -EEXIST;
    NL_SET_BAD_ATTR(extack, tb[NETNSA_NSID]!);
    NL_SET_ERR_MSG(extack, 'The specified nsid is already used');
  }
  return err;
}
/** net/core/net_namespace.c:882 rtnl_net_get_size */
function rtnl_net_get_size(): number { return NLMSG_ALIGN(SIZEOF_RTGENMSG) + nla_total_size(4) + nla_total_size(4); }
interface net_fill_args { portid: number; seq: number; flags: number; cmd: number; nsid: number; add_ref: boolean; ref_nsid: number }
/** net/core/net_namespace.c:900 rtnl_net_fill */
function rtnl_net_fill(skb: sk_buff, args: net_fill_args): number {
  const nlh = nlmsg_put(skb, args.portid, args.seq, args.cmd, SIZEOF_RTGENMSG, args.flags);
  if (!nlh) return -EMSGSIZE;
  wr8(nlmsg_data(nlh), AF_UNSPEC);
  failure: {
    if (nla_put_s32(skb, NETNSA_NSID, args.nsid)) break failure;
    if (args.add_ref && nla_put_s32(skb, NETNSA_CURRENT_NSID, args.ref_nsid)) break failure;
    nlmsg_end(skb, nlh);
    return 0;
  }
  nlmsg_cancel(skb, nlh);
  return -EMSGSIZE;
}
/** net/core/net_namespace.c:928 rtnl_net_valid_getid_req */
function rtnl_net_valid_getid_req(skb: sk_buff, nlh: kaddr_t, tb: kaddr_t[], extack: netlink_ext_ack): number {
  if (!netlink_strict_get_check(skb)) return nlmsg_parse_deprecated(nlh, SIZEOF_RTGENMSG, tb, NETNSA_MAX, rtnl_net_policy, extack);
  const err = nlmsg_parse_deprecated_strict(nlh, SIZEOF_RTGENMSG, tb, NETNSA_MAX, rtnl_net_policy, extack);
  if (err) return err;
  for (let i = 0; i <= NETNSA_MAX; i++) {
    if (!tb[i]) continue;
    switch (i) {
      case NETNSA_PID: case NETNSA_FD: case NETNSA_NSID: case NETNSA_TARGET_NSID: break;
      default:
        NL_SET_ERR_MSG(extack, 'Unsupported attribute in peer netns getid request');
        return -EINVAL;
    }
  }
  return 0;
}
/** net/core/net_namespace.c:965 rtnl_net_getid */
export function rtnl_net_getid(skb: sk_buff, nlh: kaddr_t, extack: netlink_ext_ack): number {
  const n = NETLINK_CB(skb).sk.net;
  const tb = new_tb(NETNSA_MAX);
  const fillargs: net_fill_args = { portid: NETLINK_CB(skb).portid, seq: nlh_seq(nlh), flags: 0, cmd: RTM_NEWNSID, nsid: 0,
    add_ref: false, ref_nsid: 0 };
  let target: net = n;
  let err = rtnl_net_valid_getid_req(skb, nlh, tb, extack);
  if (err < 0) return err;
  let peer: net | null, perr = 0, nla: kaddr_t;
  if (tb[NETNSA_PID]) { [peer, perr] = get_net_ns_by_pid(nla_get_u32(tb[NETNSA_PID]!)); nla = tb[NETNSA_PID]!; }
  else if (tb[NETNSA_FD]) { [peer, perr] = get_net_ns_by_fd(nla_get_u32(tb[NETNSA_FD]!)); nla = tb[NETNSA_FD]!; }
  else if (tb[NETNSA_NSID]) {
    peer = get_net_ns_by_id(n, nla_get_s32(tb[NETNSA_NSID]!));
    if (!peer) perr = -ENOENT;
    nla = tb[NETNSA_NSID]!;
  } else {
    NL_SET_ERR_MSG(extack, 'Peer netns reference is missing');
    return -EINVAL;
  }
  if (!peer) {
    NL_SET_BAD_ATTR(extack, nla);
    NL_SET_ERR_MSG(extack, 'Peer netns reference is invalid');
    return perr;
  }
  if (tb[NETNSA_TARGET_NSID]) {
    const id = nla_get_s32(tb[NETNSA_TARGET_NSID]!);
    const [t, terr] = rtnl_get_net_ns_capable(n, id);
    if (!t) {
      NL_SET_BAD_ATTR(extack, tb[NETNSA_TARGET_NSID]!);
      NL_SET_ERR_MSG(extack, 'Target netns reference is invalid');
      return terr;
    }
    target = t;
    fillargs.add_ref = true;
    fillargs.ref_nsid = peernet2id(n, peer);
  }
  const msg = nlmsg_new(rtnl_net_get_size(), GFP_KERNEL);
  if (!msg) return -ENOMEM;
  fillargs.nsid = peernet2id(target, peer);
  err = rtnl_net_fill(msg, fillargs);
  if (err < 0) { nlmsg_free(msg); return err; }
  return rtnl_unicast(msg, n, NETLINK_CB(skb).portid);
}
