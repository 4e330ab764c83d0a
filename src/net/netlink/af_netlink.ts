// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/netlink/af_netlink.c: a NETLINK_ROUTE socket of a user process, the kernel-side receive
 * loop (netlink_rcv_skb), acks and error replies with extended-ack attributes, and dumps.
 *
 * A socket is a JS object (struct netlink_sock is not in the layout profile); the messages it
 * sends and receives are sk_buffs in simulated memory. NETLINK_CB(skb) is kept in skb->cb at the
 * kernel's offsets for portid; the owning socket is looked up through a token pointer stored in
 * the cb's `sk` slot. What is left out: multicast groups and broadcasts (nobody listens),
 * credentials and capabilities (every sender is privileged), mmap'ed rings, compat tasks,
 * sk_filter, protocols other than NETLINK_ROUTE (-EPROTONOSUPPORT), and blocking: recvmsg on
 * an empty queue returns null (as MSG_DONTWAIT with EAGAIN).
 */
import '../../include/linux/netdevice'; // load order: netdevice before skbuff (they import each other)
import { linkwatch_run_queue } from '../core/link_watch';
import { kaddr_t, rd16, rd32, wr16, wr32, wrptr, rdptr, bytes, memcpy } from '../../sim/mem';
import { GFP_KERNEL, PAGE_SIZE, kzalloc, kfree } from '../../mm/slub';
import { sk_buff, skb_tailroom, skb_reserve } from '../../include/linux/skbuff';
import { alloc_skb, skb_put, skb_pull, kfree_skb, kfree_skb_reason, consume_skb, SKB_WITH_OVERHEAD } from '../core/skbuff';
import { skb_drop_reason } from '../../include/net/dropreason-core';
import {
  netlink_ext_ack, nlh_len, nlh_type, nlh_flags, nlh_seq, nlmsg_total_size, nlmsg_len, nlmsg_data, nlmsg_new, nlmsg_put,
  nlmsg_append, nlmsg_end, nlmsg_free, nla_total_size, nla_put_string, nla_put_u32, nl_dump_check_consistent, nlmsg_hdr,
} from '../../include/net/netlink';
import {
  NLM_F_REQUEST, NLM_F_ACK, NLM_F_MULTI, NLM_F_CAPPED, NLM_F_ACK_TLVS, NLMSG_ERROR, NLMSG_DONE,
  NLMSG_MIN_TYPE, NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_POLICY, NLMSGERR_ATTR_MISS_TYPE,
  NLMSGERR_ATTR_MISS_NEST, NETLINK_ROUTE, NETLINK_CAP_ACK, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK, NLMSG_ALIGN, NLMSG_HDRLEN,
} from '../../include/uapi/linux/netlink';
import {
  EAGAIN, EBADF, EBUSY, ECONNREFUSED, EINTR, EINVAL, EMSGSIZE, ENOBUFS, ENODATA, ENOPROTOOPT, EPROTONOSUPPORT,
} from '../../include/uapi/linux/errno';
import { netlink_policy_dump_attr_size_estimate, netlink_policy_dump_write_attr } from './policy';
import { net } from '../../include/net/net_namespace';
import { task_create, task_exit } from '../core/net_namespace';
import { rtnetlink_rcv } from '../core/rtnetlink';

const INT_MAX = 0x7fffffff;
/** sysctl net.core.wmem_default / rmem_default */
const SK_SNDBUF = 212992;
const SK_RCVBUF = 212992;
/** include/linux/netlink.h:271 NLMSG_GOODSIZE */
export const NLMSG_GOODSIZE = SKB_WITH_OVERHEAD(PAGE_SIZE);

/** include/linux/netlink.h:279 struct netlink_callback (the fields the dumps use) */
export interface netlink_callback {
  skb: sk_buff;
  nlh: kaddr_t;
  dump: (skb: sk_buff, cb: netlink_callback) => number;
  done?: (cb: netlink_callback) => number;
  data: ((skb: sk_buff, cb: netlink_callback) => number) | null;
  min_dump_alloc: number;
  flags: number;
  strict_check: boolean;
  answer_flags: number;
  extack: netlink_ext_ack | null;
  seq: number;
  prev_seq: number;
  /** cb->family: rtnl_dump_all's position among the address families */
  family: number;
  /** cb->ctx (a union with cb->args): the dumper's own state; every kveth dumper uses these two */
  ctx: { ifindex: number; ip_idx: number };
}
export interface netlink_dump_control {
  dump: (skb: sk_buff, cb: netlink_callback) => number;
  done?: (cb: netlink_callback) => number;
  data?: ((skb: sk_buff, cb: netlink_callback) => number) | null;
  min_dump_alloc: number;
  flags: number;
}

/** net/netlink/af_netlink.h:24 struct netlink_sock, with its struct sock parts */
export interface netlink_sock {
  /** a token in simulated memory standing for the struct sock (what NETLINK_CB(skb).sk points at) */
  readonly addr: kaddr_t;
  readonly net: net;
  readonly protocol: number;
  /** the simulated process that opened the socket (its pid is the autobind portid) */
  readonly pid: number;
  portid: number;
  bound: boolean;
  flags: { cap_ack: boolean; ext_ack: boolean; strict_chk: boolean };
  receive_queue: sk_buff[];
  rmem_alloc: number;
  sk_err: number;
  max_recvmsg_len: number;
  cb_running: boolean;
  cb: netlink_callback | null;
  dump_done_errno: number;
  /** NETLINK_S_CONGESTED: a reply was dropped for a full receive buffer; cleared when the queue drains */
  congested: boolean;
  closed: boolean;
}

const socks_by_addr = new Map<kaddr_t, netlink_sock>();
/** the per-protocol hash of bound sockets: (net, portid) → sock */
const nl_table = new Map<string, netlink_sock>();
const key = (n: net, portid: number): string => `${n.addr}:${portid >>> 0}`;

/** include/linux/netlink.h:35 NETLINK_CB: portid at cb+12, sk at cb+24 (struct netlink_skb_parms) */
export function NETLINK_CB(skb: sk_buff): { portid: number; sk: netlink_sock } {
  const cb = skb.cb_addr;
  const sk = socks_by_addr.get(rdptr(cb + 24));
  if (!sk) throw new Error('kveth: NETLINK_CB of an skb without a netlink socket');
  return { portid: rd32(cb + 12), sk };
}
function set_netlink_cb(skb: sk_buff, portid: number, sk: netlink_sock): void {
  wr32(skb.cb_addr + 12, portid);
  wrptr(skb.cb_addr + 24, sk.addr);
}
/** net/netlink/af_netlink.c:1379 netlink_strict_get_check */
export function netlink_strict_get_check(skb: sk_buff): boolean { return NETLINK_CB(skb).sk.flags.strict_chk; }

/** net/netlink/af_netlink.c:646 netlink_create: a socket(AF_NETLINK, SOCK_RAW, protocol) in `n`; the sock or -errno */
export function netlink_create(n: net, protocol: number): netlink_sock | number {
  if (protocol < 0 || protocol >= 32) return -EPROTONOSUPPORT;
  if (protocol !== NETLINK_ROUTE) return -EPROTONOSUPPORT; // only rtnetlink has a kernel socket here
  const addr = kzalloc(8, GFP_KERNEL);
  const sk: netlink_sock = {
    addr, net: n, protocol, pid: task_create(n), portid: 0, bound: false,
    flags: { cap_ack: false, ext_ack: false, strict_chk: false }, receive_queue: [], rmem_alloc: 0, sk_err: 0,
    max_recvmsg_len: 0, cb_running: false, cb: null, dump_done_errno: 0, congested: false, closed: false,
  };
  socks_by_addr.set(addr, sk);
  return sk;
}
/**
 * net/netlink/af_netlink.c:719 netlink_release: an outstanding dump is ended (its done hook, its
 * request skb freed), then netlink_sock_destruct purges the queued replies.
 */
export function netlink_close(sk: netlink_sock): void {
  if (sk.closed) return;
  sk.closed = true;
  if (sk.bound) nl_table.delete(key(sk.net, sk.portid)); // netlink_remove
  if (sk.cb_running && sk.cb) { // terminate any outstanding dump
    if (sk.cb.done) sk.cb.done(sk.cb);
    kfree_skb(sk.cb.skb, 'netlink_release');
    sk.cb_running = false;
    sk.cb = null;
  }
  // netlink_sock_destruct: skb_queue_purge(&sk->sk_receive_queue)
  for (const skb of sk.receive_queue) kfree_skb_reason(skb, skb_drop_reason.SKB_DROP_REASON_QUEUE_PURGE, 'skb_queue_purge_reason');
  sk.receive_queue = [];
  socks_by_addr.delete(sk.addr);
  kfree(sk.addr);
  task_exit(sk.pid);
}

/** net/netlink/af_netlink.c:1646 netlink_setsockopt for NETLINK_CAP_ACK / EXT_ACK / GET_STRICT_CHK: 0 or -errno */
export function netlink_setsockopt(sk: netlink_sock, optname: number, val: number): number {
  switch (optname) {
    case NETLINK_CAP_ACK: sk.flags.cap_ack = val !== 0; return 0;
    case NETLINK_EXT_ACK: sk.flags.ext_ack = val !== 0; return 0;
    case NETLINK_GET_STRICT_CHK: sk.flags.strict_chk = val !== 0; return 0;
    default: return -ENOPROTOOPT;
  }
}
/** setsockopt(SOL_NETLINK, NETLINK_EXT_ACK) @sim */
export function netlink_setsockopt_ext_ack(sk: netlink_sock, on: boolean): void { netlink_setsockopt(sk, NETLINK_EXT_ACK, on ? 1 : 0); }

let rover = -4096;
/** net/netlink/af_netlink.c:801 netlink_autobind: the first socket of a process gets its pid, later ones negative ids */
function netlink_autobind(sk: netlink_sock): number {
  let portid = sk.pid;
  while (nl_table.has(key(sk.net, portid))) {
    portid = rover--;
    if (rover > -4096) rover = -4097;
  }
  sk.portid = portid;
  sk.bound = true;
  nl_table.set(key(sk.net, portid), sk);
  return 0;
}
/** net/netlink/af_netlink.c:512 netlink_lookup */
function netlink_lookup(n: net, _protocol: number, portid: number): netlink_sock | null {
  return nl_table.get(key(n, portid)) ?? null;
}

/** net/netlink/af_netlink.c:1252 __netlink_sendskb: queue a reply on the receiver */
function __netlink_sendskb(sk: netlink_sock, skb: sk_buff): number {
  const len = skb.len;
  sk.receive_queue.push(skb);
  sk.rmem_alloc += skb.truesize;
  return len;
}
/** net/netlink/af_netlink.c:350 netlink_overrun (NETLINK_NO_ENOBUFS is never set here) */
function netlink_overrun(sk: netlink_sock): void {
  if (!sk.congested) { // test_and_set_bit(NETLINK_S_CONGESTED)
    sk.congested = true;
    sk.sk_err = ENOBUFS;
  }
}
/** net/netlink/af_netlink.c:362 netlink_rcv_wake (nobody sleeps on nlk->wait) */
function netlink_rcv_wake(sk: netlink_sock): void {
  if (sk.receive_queue.length === 0) sk.congested = false;
}
/**
 * net/netlink/af_netlink.c:1322 netlink_unicast from the kernel socket to a user socket, never
 * blocking (timeo 0, as every kernel sender here passes MSG_DONTWAIT). netlink_attachskb accepts
 * the skb when the queue is empty or the new total fits sk_rcvbuf and the socket is not congested;
 * otherwise netlink_overrun and -EAGAIN. netlink_trim is not modelled: replies keep the truesize
 * of their allocation.
 */
export function netlink_unicast(ssk_net: net, skb: sk_buff, portid: number): number {
  const sk = netlink_lookup(ssk_net, NETLINK_ROUTE, portid);
  if (!sk || sk.closed) { kfree_skb(skb, 'netlink_unicast'); return -ECONNREFUSED; }
  // netlink_attachskb
  const rmem = sk.rmem_alloc + skb.truesize;
  if (!((rmem === skb.truesize || rmem <= SK_RCVBUF) && !sk.congested)) {
    netlink_overrun(sk); // the sender is the kernel socket
    kfree_skb(skb, 'netlink_attachskb');
    return -EAGAIN;
  }
  return __netlink_sendskb(sk, skb);
}

/** net/netlink/af_netlink.c:1816 netlink_sendmsg: the bytes of one datagram to the kernel; len or -errno */
export function netlink_sendmsg(sk: netlink_sock, data: Uint8Array): number {
  const len = data.length;
  if (sk.closed) return -EBADF;
  if (len === 0) return -ENODATA;
  if (!sk.bound) {
    const err = netlink_autobind(sk);
    if (err) return err;
  }
  if (len > SK_SNDBUF - 32) return -EMSGSIZE;
  const skb = alloc_skb(len, GFP_KERNEL); // netlink_alloc_large_skb
  if (!skb) return -ENOBUFS;
  set_netlink_cb(skb, sk.portid, sk);
  bytes(skb_put(skb, len), len).set(data);
  // security_netlink_send: no LSM; dst_group 0: no broadcast
  const ret = netlink_unicast_kernel(skb, sk, len);
  // The linkwatch work the request queued (carrier changes from open/close) runs before the
  // sender's next system call, as the kernel's (urgent, zero-delay) linkwatch work does.
  linkwatch_run_queue();
  return ret;
}
/** net/netlink/af_netlink.c:1300 netlink_unicast_kernel (the rtnetlink kernel socket's input) */
function netlink_unicast_kernel(skb: sk_buff, _ssk: netlink_sock, len: number): number {
  rtnetlink_rcv(skb); // nlk->netlink_rcv
  consume_skb(skb, 'netlink_unicast_kernel');
  return len;
}

/**
 * net/netlink/af_netlink.c:1905 netlink_recvmsg: the next reply datagram, with `len` the buffer
 * size; a pending socket error first (skb_recv_datagram reports sock_error before any data, e.g.
 * -ENOBUFS after netlink_overrun), as a negative errno; null when nothing is queued (-EAGAIN).
 */
export function netlink_recvmsg(sk: netlink_sock, len = 32768): Uint8Array | number | null {
  if (sk.closed) return null;
  const error = sock_error(sk);
  if (error) { netlink_rcv_wake(sk); return error; }
  const skb = sk.receive_queue.shift();
  if (!skb) { netlink_rcv_wake(sk); return null; }
  sk.max_recvmsg_len = Math.min(Math.max(sk.max_recvmsg_len, len), SKB_WITH_OVERHEAD(32768));
  const copied = Math.min(skb.len, len); // MSG_TRUNC when the datagram is longer
  const out = bytes(skb.data, copied).slice();
  sk.rmem_alloc -= skb.truesize;
  consume_skb(skb, 'skb_free_datagram');
  if (sk.cb_running && sk.rmem_alloc <= SK_RCVBUF / 2) {
    const ret = netlink_dump(sk, false);
    if (ret) sk.sk_err = -ret;
  }
  netlink_rcv_wake(sk);
  return out;
}
/** include/net/sock.h:2453 sock_error: the pending error as a negative errno, cleared on read */
function sock_error(sk: netlink_sock): number {
  if (!sk.sk_err) return 0;
  const e = sk.sk_err;
  sk.sk_err = 0;
  return -e;
}

/** net/netlink/af_netlink.c:2161 netlink_ack_tlv_len */
function netlink_ack_tlv_len(nlk: netlink_sock, err: number, extack: netlink_ext_ack | null): number {
  if (!extack || !nlk.flags.ext_ack) return 0;
  let tlvlen = 0;
  if (extack.msg) tlvlen += nla_total_size(extack.msg.length + 1);
  // cookies: no kveth handler sets one
  if (!err) return tlvlen;
  if (extack.bad_attr) tlvlen += nla_total_size(4);
  if (extack.policy) tlvlen += netlink_policy_dump_attr_size_estimate(extack.policy);
  if (extack.miss_type) tlvlen += nla_total_size(4);
  if (extack.miss_nest) tlvlen += nla_total_size(4);
  return tlvlen;
}
/** net/netlink/af_netlink.c:2191 nlmsg_check_in_payload */
function nlmsg_check_in_payload(nlh: kaddr_t, addr: kaddr_t): boolean {
  return !(addr < nlmsg_data(nlh) || addr - nlh >= nlh_len(nlh));
}
/** net/netlink/af_netlink.c:2198 netlink_ack_tlv_fill */
function netlink_ack_tlv_fill(skb: sk_buff, nlh: kaddr_t, err: number, extack: netlink_ext_ack): void {
  if (extack.msg) nla_put_string(skb, NLMSGERR_ATTR_MSG, extack.msg);
  if (!err) return;
  if (extack.bad_attr && nlmsg_check_in_payload(nlh, extack.bad_attr)) nla_put_u32(skb, NLMSGERR_ATTR_OFFS, extack.bad_attr - nlh);
  if (extack.policy) netlink_policy_dump_write_attr(skb, extack.policy, NLMSGERR_ATTR_POLICY);
  if (extack.miss_type) nla_put_u32(skb, NLMSGERR_ATTR_MISS_TYPE, extack.miss_type);
  if (extack.miss_nest && nlmsg_check_in_payload(nlh, extack.miss_nest)) nla_put_u32(skb, NLMSGERR_ATTR_MISS_NEST, extack.miss_nest - nlh);
}

/** net/netlink/af_netlink.c:2229 netlink_dump_done */
function netlink_dump_done(nlk: netlink_sock, skb: sk_buff, cb: netlink_callback, extack: netlink_ext_ack): number {
  // nlmsg_put_answer
  const nlh = nlmsg_put(skb, NETLINK_CB(cb.skb).portid, nlh_seq(cb.nlh), NLMSG_DONE, 4, NLM_F_MULTI | cb.answer_flags);
  if (!nlh) return -ENOBUFS;
  nl_dump_check_consistent(cb, nlh);
  wr32(nlmsg_data(nlh), nlk.dump_done_errno >>> 0);
  const extack_len = netlink_ack_tlv_len(nlk, nlk.dump_done_errno, extack);
  if (extack_len) {
    wr16(nlh + 6, rd16(nlh + 6) | NLM_F_ACK_TLVS);
    if (skb_tailroom(skb) >= extack_len) {
      netlink_ack_tlv_fill(skb, cb.nlh, nlk.dump_done_errno, extack);
      nlmsg_end(skb, nlh);
    }
  }
  return 0;
}
/** net/netlink/af_netlink.c:2257 netlink_dump */
function netlink_dump(sk: netlink_sock, _lock_taken: boolean): number {
  const nlk = sk;
  const extack: netlink_ext_ack = {};
  let err = -ENOBUFS;
  let skb: sk_buff | null = null;
  errout: {
    if (!nlk.cb_running || !nlk.cb) { err = -EINVAL; break errout; }
    const cb = nlk.cb;
    const alloc_min_size = Math.max(cb.min_dump_alloc, NLMSG_GOODSIZE);
    let alloc_size = 0;
    const max_recvmsg_len = nlk.max_recvmsg_len;
    if (alloc_min_size < max_recvmsg_len) {
      alloc_size = max_recvmsg_len;
      skb = alloc_skb(alloc_size, GFP_KERNEL);
    }
    if (!skb) {
      alloc_size = alloc_min_size;
      skb = alloc_skb(alloc_size, GFP_KERNEL);
    }
    if (!skb) break errout;
    if (sk.rmem_alloc + skb.truesize !== skb.truesize && sk.rmem_alloc + skb.truesize >= SK_RCVBUF) break errout;
    skb_reserve(skb, skb_tailroom(skb) - alloc_size);
    set_netlink_cb(skb, 0, sk); // netlink_skb_set_owner_r
    if (nlk.dump_done_errno > 0) {
      cb.extack = extack;
      nlk.dump_done_errno = cb.dump(skb, cb);
      if (nlk.dump_done_errno === -EMSGSIZE && skb.len) nlk.dump_done_errno = skb.len;
      cb.extack = null;
    }
    if (nlk.dump_done_errno > 0 || skb_tailroom(skb) < nlmsg_total_size(4)) {
      __netlink_sendskb(sk, skb);
      return 0;
    }
    if (netlink_dump_done(nlk, skb, cb, extack)) break errout;
    __netlink_sendskb(sk, skb);
    if (cb.done) cb.done(cb);
    nlk.cb_running = false;
    const req = cb.skb;
    nlk.cb = null;
    consume_skb(req, 'netlink_dump');
    return 0;
  }
  if (skb) kfree_skb(skb, 'netlink_dump');
  return err;
}
/** net/netlink/af_netlink.c:2390 __netlink_dump_start: -EINTR once the dump runs */
export function __netlink_dump_start(ssk_net: net, skb: sk_buff, nlh: kaddr_t, control: netlink_dump_control): number {
  skb.users = skb.users + 1; // refcount_inc(&skb->users)
  let ret: number;
  const sk = netlink_lookup(ssk_net, NETLINK_ROUTE, NETLINK_CB(skb).portid);
  error_free: {
    if (!sk) { ret = -ECONNREFUSED; break error_free; }
    if (sk.cb_running) { ret = -EBUSY; break error_free; }
    const cb: netlink_callback = {
      dump: control.dump, done: control.done, nlh, data: control.data ?? null, min_dump_alloc: control.min_dump_alloc,
      flags: control.flags, skb, strict_check: NETLINK_CB(skb).sk.flags.strict_chk, answer_flags: 0, extack: null,
      seq: 0, prev_seq: 0, family: 0, ctx: { ifindex: 0, ip_idx: 0 },
    };
    sk.cb = cb;
    // control->start: none of kveth's dumps has one
    sk.cb_running = true;
    sk.dump_done_errno = INT_MAX;
    ret = netlink_dump(sk, true);
    if (ret) return ret;
    return -EINTR;
  }
  kfree_skb(skb, '__netlink_dump_start');
  return ret;
}
/** include/linux/netlink.h:332 netlink_dump_start (control->module: everything is built in) */
export function netlink_dump_start(ssk_net: net, skb: sk_buff, nlh: kaddr_t, control: netlink_dump_control): number {
  return __netlink_dump_start(ssk_net, skb, nlh, control);
}

/** net/netlink/af_netlink.c:2467 netlink_ack */
export function netlink_ack(in_skb: sk_buff, nlh: kaddr_t, err: number, extack: netlink_ext_ack | null): void {
  const nlk = NETLINK_CB(in_skb).sk;
  let payload = 20; // sizeof(struct nlmsgerr)
  let flags = 0;
  if (err && !nlk.flags.cap_ack) payload += nlmsg_len(nlh);
  else flags |= NLM_F_CAPPED;
  const tlvlen = netlink_ack_tlv_len(nlk, err, extack);
  if (tlvlen) flags |= NLM_F_ACK_TLVS;
  const skb = nlmsg_new(payload + tlvlen, GFP_KERNEL);
  err_skb: {
    if (!skb) break err_skb;
    const rep = nlmsg_put(skb, NETLINK_CB(in_skb).portid, nlh_seq(nlh), NLMSG_ERROR, 20, flags);
    bad_put: {
      if (!rep) break bad_put;
      const errmsg = nlmsg_data(rep);
      wr32(errmsg, err >>> 0);
      memcpy(errmsg + 4, nlh, NLMSG_HDRLEN); // errmsg->msg = *nlh
      if (!(flags & NLM_F_CAPPED)) {
        if (!nlmsg_append(skb, nlmsg_len(nlh))) break bad_put;
        memcpy(nlmsg_data(errmsg + 4), nlmsg_data(nlh), nlmsg_len(nlh));
      }
      if (tlvlen) netlink_ack_tlv_fill(skb, nlh, err, extack!);
      nlmsg_end(skb, rep);
      netlink_unicast(nlk.net, skb, NETLINK_CB(in_skb).portid); // nlmsg_unicast
      return;
    }
    nlmsg_free(skb);
  }
  nlk.sk_err = ENOBUFS;
}

/** net/netlink/af_netlink.c:2528 netlink_rcv_skb */
export function netlink_rcv_skb(skb: sk_buff, cb: (skb: sk_buff, nlh: kaddr_t, extack: netlink_ext_ack) => number): number {
  while (skb.len >= nlmsg_total_size(0)) {
    const extack: netlink_ext_ack = {};
    const nlh = nlmsg_hdr(skb);
    let err = 0;
    if (nlh_len(nlh) < NLMSG_HDRLEN || skb.len < nlh_len(nlh)) return 0;
    skip: {
      ack: {
        if (!(nlh_flags(nlh) & NLM_F_REQUEST)) break ack; // only requests are handled
        if (nlh_type(nlh) < NLMSG_MIN_TYPE) break ack; // control messages are skipped
        err = cb(skb, nlh, extack);
        if (err === -EINTR) break skip;
      }
      if (nlh_flags(nlh) & NLM_F_ACK || err) netlink_ack(skb, nlh, err, extack);
    }
    let msglen = NLMSG_ALIGN(nlh_len(nlh));
    if (msglen > skb.len) msglen = skb.len;
    skb_pull(skb, msglen);
  }
  return 0;
}
