// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/packet/af_packet.c: SOCK_RAW packet sockets, the sending half (packet_snd) and the tap
 * half (packet_rcv queueing to the socket, packet_recvmsg reading it back).
 *
 * A socket here is a JS object holding what struct packet_sock/struct sock keep that this path
 * reads: the bound device and protocol, its packet_type (which lives in simulated memory, on the
 * kernel's lists), the receive queue (a real sk_buff_head) and the receive-buffer accounting.
 * Left out: TPACKET rings (mmap), fanout, BPF socket filters, vnet headers, SOCK_DGRAM, qdisc
 * bypass, auxdata and timestamps; send-side socket memory accounting (sock_wfree) is not kept.
 */
import { skb_dst_drop } from '../../include/net/dst';
import { NULL, kaddr_t, bytes, copy_to, rdptr, rd8, rd16, rds32, wr8, wr16, wr32 } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { GFP_ATOMIC, GFP_KERNEL, kzalloc, kfree } from '../../mm/slub';
import { ksym_register, rdfn } from '../../sim/kallsyms';
import {
  net_device, dev_net, IFF_UP, LL_RESERVED_SPACE, NET_XMIT_CN,
} from '../../include/linux/netdevice';
import {
  sk_buff, skb_reserve, skb_reset_network_header, skb_reset_mac_header, skb_mac_header, skb_shared,
  __skb_queue_head_init, __skb_queue_tail, __skb_dequeue, SIZEOF_SK_BUFF_HEAD,
   nf_reset_ct, pskb_trim, skb_clear_delivery_time, skb_set_network_header, eth_type_vlan,
} from '../../include/linux/skbuff';
import { alloc_skb, skb_put, skb_push, skb_clone, consume_skb, kfree_skb, kfree_skb_reason, sk_skb_reason_drop } from '../core/skbuff';
import { packet_type, SIZEOF_PACKET_TYPE, dev_add_pack, __dev_remove_pack, dev_queue_xmit, __dev_get_by_index,
  register_netdevice_notifier, NETDEV_UP, NETDEV_DOWN, NETDEV_UNREGISTER } from '../core/dev';
import { header_ops_parse_protocol_off, header_ops_parse_off, header_ops_validate_off } from '../ethernet/eth';
import { ARPHRD_ETHER } from '../../include/uapi/linux/if_arp';
import { eth_h_proto } from '../../include/linux/etherdevice';
import { skb_drop_reason } from '../../include/net/dropreason-core';
import { __be16, htons, ntohs } from '../../include/uapi/linux/types';
import { ETH_P_ALL, ETH_P_8021Q } from '../../include/uapi/linux/if_ether';
import { PACKET_LOOPBACK, PACKET_OUTGOING } from '../../include/uapi/linux/if_packet';
import { EINVAL, EMSGSIZE, ENETDOWN, ENOBUFS, ENXIO, ENODEV } from '../../include/uapi/linux/errno';
import { net } from '../../include/net/net_namespace';
import { skb_probe_transport_header, vlan_get_protocol_and_depth } from '../core/flow_dissector';

const { SKB_CONSUMED, SKB_DROP_REASON_PACKET_SOCK_ERROR, SKB_DROP_REASON_QUEUE_PURGE } = skb_drop_reason;

export const SOCK_DGRAM = 2;
export const SOCK_RAW = 3;
const VLAN_HLEN = 4;
const SK_RCVBUF_DEFAULT = 212992; // net.core.rmem_default

/** What struct packet_sock / struct sock hold that this path uses. */
export class packet_sock {
  ifindex = 0;
  /** po->cached_dev: the bound device, looked up once at bind time */
  cached_dev: net_device | null = null;
  num: __be16 = 0 as __be16;
  prot_hook: packet_type;
  running = false;
  sk_rmem_alloc = 0;
  sk_rcvbuf = SK_RCVBUF_DEFAULT;
  sk_drops = 0;
  sk_err = 0;
  tp_packets = 0;
  /** packet_sock_flag(po, PACKET_SOCK_ORIGDEV): setsockopt(PACKET_ORIGDEV) */
  origdev = false;
  /** struct sk_buff_head sk_receive_queue, in simulated memory */
  readonly sk_receive_queue: kaddr_t;
  readonly sk_addr: kaddr_t;
  constructor(readonly net: net, readonly type: number) {
    this.sk_receive_queue = kzalloc(SIZEOF_SK_BUFF_HEAD, GFP_KERNEL);
    __skb_queue_head_init(this.sk_receive_queue);
    // A stand-in for struct sock: an allocation whose address identifies the socket.
    this.sk_addr = kzalloc(64, GFP_KERNEL);
    this.prot_hook = new packet_type(kzalloc(SIZEOF_PACKET_TYPE, GFP_KERNEL));
    this.prot_hook.func = packet_rcv;
    this.prot_hook.af_packet_priv = this.sk_addr;
    socks.set(this.sk_addr, this);
  }
}
const socks = new Map<kaddr_t, packet_sock>();

/** net/packet/af_packet.c:4299 packet_notifier (sockets of the device's namespace; no mclists here) */
function packet_notifier(msg: number, dev: net_device): void {
  for (const po of socks.values()) {
    if (po.net.addr !== dev_net(dev).addr) continue;
    switch (msg) {
      case NETDEV_UNREGISTER:
      case NETDEV_DOWN:
        if (dev.ifindex === po.ifindex) {
          if (po.running) { __unregister_prot_hook(po); po.sk_err = ENETDOWN; } // sk_error_report
          if (msg === NETDEV_UNREGISTER) {
            po.cached_dev = null; // packet_cached_dev_reset
            po.ifindex = -1;
            po.prot_hook.dev = null;
          }
        }
        break;
      case NETDEV_UP:
        if (dev.ifindex === po.ifindex && po.num) register_prot_hook(po);
        break;
    }
  }
}
register_netdevice_notifier(packet_notifier);

/** net/packet/af_packet.c:3451 packet_create (SOCK_RAW only) */
export function packet_create(n: net, type: number, protocol: __be16): packet_sock {
  if (type !== SOCK_RAW) throw new Error('kveth: only SOCK_RAW packet sockets are modelled');
  const po = new packet_sock(n, type);
  po.num = protocol;
  if (protocol) {
    po.prot_hook.type = protocol;
    __register_prot_hook(po);
  }
  return po;
}
/** net/packet/af_packet.c:337 __register_prot_hook (no fanout groups; sock_hold is not counted) */
function __register_prot_hook(po: packet_sock): void {
  if (!po.running) {
    dev_add_pack(po.prot_hook);
    po.running = true;
  }
}
/** net/packet/af_packet.c:352 register_prot_hook */
function register_prot_hook(po: packet_sock): void { __register_prot_hook(po); }
/** net/packet/af_packet.c:364 __unregister_prot_hook (synchronize_net has no readers to wait for) */
function __unregister_prot_hook(po: packet_sock): void {
  po.running = false;
  __dev_remove_pack(po.prot_hook);
}
/** net/packet/af_packet.c:386 unregister_prot_hook */
function unregister_prot_hook(po: packet_sock): void {
  if (po.running) __unregister_prot_hook(po);
}
/**
 * net/packet/af_packet.c:3309 packet_do_bind, by ifindex (packet_bind's sockaddr_ll already taken
 * apart). The device cannot be unlisted between the lookup and the rehook (nothing runs
 * concurrently), so `unlisted` stays false.
 */
export function packet_bind(po: packet_sock, ifindex: number, protocol: __be16): number {
  let dev: net_device | null = null;
  if (!protocol) protocol = po.num;
  // po->fanout: no fanout groups
  if (ifindex) {
    dev = __dev_get_by_index(po.net, ifindex);
    if (!dev) return -ENODEV;
  }
  const hook_dev = po.prot_hook.dev;
  const need_rehook = po.prot_hook.type !== protocol || (hook_dev ? hook_dev.addr : NULL) !== (dev ? dev.addr : NULL);
  if (need_rehook) {
    if (po.running) {
      po.num = 0 as __be16; // so that a NETDEV_UP seen meanwhile does not re-add the hook
      __unregister_prot_hook(po);
    }
    po.num = protocol;
    po.prot_hook.type = protocol;
    po.prot_hook.dev = dev;
    po.ifindex = dev ? dev.ifindex : 0;
    po.cached_dev = dev; // packet_cached_dev_assign
  }
  if (protocol === 0 || !need_rehook) return 0;
  if (!dev || dev.flags & IFF_UP) register_prot_hook(po);
  else po.sk_err = ENETDOWN; // sk_error_report
  return 0;
}
/** net/packet/af_packet.c:3237 packet_release (the parts that free kveth state) */
export function packet_release(po: packet_sock): void {
  unregister_prot_hook(po);
  let skb: sk_buff | null;
  // skb_queue_purge(&sk->sk_receive_queue)
  while ((skb = __skb_dequeue(po.sk_receive_queue))) kfree_skb_reason(skb, SKB_DROP_REASON_QUEUE_PURGE, 'skb_queue_purge_reason');
  kfree(po.prot_hook.addr);
  kfree(po.sk_receive_queue);
  socks.delete(po.sk_addr);
  kfree(po.sk_addr);
}

/** include/linux/netdevice.h:3229 dev_validate_header */
function dev_validate_header(dev: net_device, ll_header: kaddr_t, len: number): boolean {
  if (len >= dev.hard_header_len) return true;
  if (len < dev.min_header_len) return false;
  const validate = dev.header_ops ? rdfn<(ll_header: kaddr_t, len: number) => boolean>(dev.header_ops + header_ops_validate_off) : null;
  if (validate) return validate(ll_header, len);
  return false;
}
/** net/packet/af_packet.c:1906 packet_extra_vlan_len_allowed */
function packet_extra_vlan_len_allowed(dev: net_device, skb: sk_buff): boolean {
  if (dev.type !== ARPHRD_ETHER) return false;
  skb_reset_mac_header(skb);
  return eth_h_proto(skb_mac_header(skb)) === htons(ETH_P_8021Q);
}
/** include/linux/netdevice.h:3219 dev_parse_header_protocol */
function dev_parse_header_protocol(skb: sk_buff): __be16 {
  const dev = skb.dev!;
  if (!dev.header_ops) return 0 as __be16;
  const parse_protocol = rdfn<(skb: sk_buff) => __be16>(dev.header_ops + header_ops_parse_protocol_off);
  if (!parse_protocol) return 0 as __be16;
  return parse_protocol(skb);
}
/** net/packet/af_packet.c:1991 packet_parse_headers */
export function packet_parse_headers(skb: sk_buff, sock_type: number): void {
  skb_reset_mac_header(skb);
  if ((!skb.protocol || skb.protocol === htons(ETH_P_ALL)) && sock_type === SOCK_RAW) skb.protocol = dev_parse_header_protocol(skb);
  skb_probe_transport_header(skb);
  if (skb.dev!.type === ARPHRD_ETHER && eth_type_vlan(skb.protocol)) {
    const [proto, depth] = vlan_get_protocol_and_depth(skb, skb.protocol);
    if (proto !== 0) skb_set_network_header(skb, depth);
  }
}
/** net/packet/af_packet.c:3032 packet_alloc_skb (always linear: frames stay below a page) */
function packet_alloc_skb(prepad: number, reserve: number, len: number, linear: number): sk_buff | null {
  if (prepad + len < 4096 || !linear) linear = len;
  if (linear !== len) throw new Error('kveth: paged packet_snd skbs (frames of a page or more) are not modelled');
  const skb = alloc_skb(prepad + linear, GFP_KERNEL); // sock_alloc_send_pskb → alloc_skb_with_frags
  if (!skb) return null;
  skb_reserve(skb, reserve);
  skb_put(skb, linear);
  skb.data_len = len - linear;
  skb.len = skb.len + len - linear;
  return skb;
}
/** include/linux/netdevice.h:125 net_xmit_errno */
function net_xmit_errno(e: number): number { return e !== NET_XMIT_CN ? -ENOBUFS : 0; }

/** net/packet/af_packet.c:3058 packet_snd: a send() on a bound socket; returns len or -errno */
export function packet_snd(po: packet_sock, frame: Uint8Array): number {
  let len = frame.length;
  // saddr == NULL: the bound device (packet_cached_dev_get) and protocol
  const dev = po.cached_dev; // packet_cached_dev_get
  const proto = po.num;
  if (!dev) return -ENXIO;
  if (!(dev.flags & IFF_UP)) return -ENETDOWN;
  const hard_header_len = dev.hard_header_len;
  const reserve = po.type === SOCK_RAW ? hard_header_len : 0;
  const extra_len = 0; // SOCK_NOFCS is not set
  if (len > dev.mtu + reserve + VLAN_HLEN + extra_len) return -EMSGSIZE;
  const hlen = LL_RESERVED_SPACE(dev); // LL_RESERVED_SPACE_EX(dev, hard_header_len) is the same here
  const tlen = dev.needed_tailroom;
  const linear = Math.max(0, Math.min(len, hard_header_len));
  const skb = packet_alloc_skb(hlen + tlen, hlen, len, linear);
  if (!skb) return -ENOBUFS;
  skb_reset_network_header(skb);
  let err = -EINVAL;
  out_free: {
    if (reserve) {
      skb_reserve(skb, -reserve);
      if (len < reserve + 40 /* sizeof(struct ipv6hdr) */ && dev.min_header_len !== hard_header_len) skb_reset_network_header(skb);
    }
    copy_to(skb.data, frame); // skb_copy_datagram_from_iter
    if ((po.type === SOCK_RAW && !dev_validate_header(dev, skb.data, len)) || !skb.len) { err = -EINVAL; break out_free; }
    // skb_setup_tx_timestamp: no SO_TIMESTAMPING
    if (len > dev.mtu + reserve + extra_len && !packet_extra_vlan_len_allowed(dev, skb)) { err = -EMSGSIZE; break out_free; }
    skb.protocol = proto;
    skb.dev = dev;
    skb.priority = 0; // sk->sk_priority
    skb.mark = 0; // sockc.mark
    packet_parse_headers(skb, po.type);
    err = dev_queue_xmit(skb); // packet_xmit without PACKET_QDISC_BYPASS
    if (err !== 0) {
      if (err > 0 && (err = net_xmit_errno(err)) !== 0) return err;
      if (err < 0) return err;
    }
    return len;
  }
  kfree_skb(skb, 'packet_sendmsg'); // packet_snd is inlined into packet_sendmsg, so that is the symbol %pS prints
  return err;
}

/** include/linux/netdevice.h:3243 dev_has_header */
function dev_has_header(dev: net_device): boolean { return dev.header_ops !== NULL; }
/** include/linux/netdevice.h:3209 dev_parse_header: fills haddr, returns its length */
function dev_parse_header(skb: sk_buff, haddr: kaddr_t): number {
  const dev = skb.dev!;
  if (!dev.header_ops) return 0;
  const parse = rdfn<(skb: sk_buff, dev: net_device, haddr: kaddr_t) => number>(dev.header_ops + header_ops_parse_off);
  if (!parse) return 0;
  return parse(skb, dev, haddr);
}

/*
 * PACKET_SKB_CB(skb)->sa: struct packet_skb_cb in skb->cb, a union whose sockaddr_ll `ll` and
 * `origlen` (over sll_family/sll_protocol) both start at offset 0.
 */
const SLL = struct_('sockaddr_ll');
const OSLL = {
  family: SLL.off('sll_family'), protocol: SLL.off('sll_protocol'), ifindex: SLL.off('sll_ifindex'),
  hatype: SLL.off('sll_hatype'), pkttype: SLL.off('sll_pkttype'), halen: SLL.off('sll_halen'), addr: SLL.off('sll_addr'),
};
const AF_PACKET = 17;

/** net/packet/af_packet.c:2189 packet_rcv */
export function packet_rcv(skb0: sk_buff, dev: net_device, pt: packet_type, orig_dev: net_device): number {
  let skb = skb0;
  let drop_reason = SKB_CONSUMED;
  let sk: kaddr_t = NULL;
  const skb_head = skb.data;
  const skb_len = skb.len;
  drop: {
    if (skb.pkt_type === PACKET_LOOPBACK) break drop;
    sk = pt.af_packet_priv;
    const po = socks.get(sk)!; // pkt_sk(sk)
    if (dev_net(dev).addr !== po.net.addr) break drop;
    skb.dev = dev;
    drop_n_restore: {
      if (dev_has_header(dev)) {
        if (po.type !== SOCK_DGRAM) skb_push(skb, skb.data - skb_mac_header(skb));
        else if (skb.pkt_type === PACKET_OUTGOING) throw new Error('kveth: SOCK_DGRAM is not modelled');
      }
      let snaplen = skb.len; // skb_frags_readable: no unreadable (devmem) frags
      const res = snaplen; // run_filter: no socket filter, the whole frame passes
      if (!res) break drop_n_restore;
      if (snaplen > res) snaplen = res;
      drop_n_acct: {
        if (po.sk_rmem_alloc >= po.sk_rcvbuf) break drop_n_acct;
        if (skb_shared(skb)) {
          const nskb = skb_clone(skb, GFP_ATOMIC);
          if (!nskb) break drop_n_acct;
          if (skb_head !== skb.data) { skb.data = skb_head; skb.len = skb_len; }
          consume_skb(skb, 'packet_rcv');
          skb = nskb;
        }
        const sll = skb.cb_addr; // &PACKET_SKB_CB(skb)->sa.ll
        wr16(sll + OSLL.hatype, dev.type);
        wr8(sll + OSLL.pkttype, skb.pkt_type);
        wr32(sll + OSLL.ifindex, po.origdev ? orig_dev.ifindex : dev.ifindex);
        wr8(sll + OSLL.halen, dev_parse_header(skb, sll + OSLL.addr));
        // the first four bytes (sll_family, sll_protocol) are filled at recvmsg time; until then they carry the length before trimming
        wr32(skb.cb_addr, skb.len); // PACKET_SKB_CB(skb)->sa.origlen
        if (pskb_trim(skb, snaplen)) break drop_n_acct;
        po.sk_rmem_alloc += skb.truesize; // skb_set_owner_r (no socket memory accounting beyond this)
        skb.dev = null;
        skb_dst_drop(skb);
        nf_reset_ct(skb);
        po.tp_packets++;
        skb_clear_delivery_time(skb);
        __skb_queue_tail(po.sk_receive_queue, skb);
        return 0; // sk->sk_data_ready: nothing sleeps on the socket
      }
      po.sk_drops++; // po->tp_drops, sk->sk_drops
      drop_reason = SKB_DROP_REASON_PACKET_SOCK_ERROR;
    }
    // drop_n_restore:
    if (skb_head !== skb.data && skb_shared(skb)) { skb.data = skb_head; skb.len = skb_len; }
  }
  sk_skb_reason_drop(sk, skb, drop_reason, 'packet_rcv');
  return 0;
}
ksym_register('packet_rcv', packet_rcv);

export interface packet_recv_result { data: Uint8Array; sll_pkttype: number; sll_ifindex: number; sll_protocol: number }
/**
 * net/packet/af_packet.c:3529 packet_recvmsg (non-blocking, no flags, a buffer the size of the
 * frame): null for EAGAIN. The returned fields are those of the sockaddr_ll it copies to msg_name.
 */
export function packet_recvmsg(po: packet_sock): packet_recv_result | null {
  const skb = __skb_dequeue(po.sk_receive_queue); // skb_recv_datagram
  if (!skb) return null;
  const data = bytes(skb.data, skb.len).slice(); // skb_copy_datagram_msg
  const sll = skb.cb_addr;
  // origlen (PACKET_SKB_CB(skb)->sa.origlen) only feeds PACKET_AUXDATA, which is not modelled
  wr16(sll + OSLL.family, AF_PACKET);
  wr16(sll + OSLL.protocol, skb.protocol); // SOCK_RAW: skb->protocol
  const r: packet_recv_result = {
    data, sll_pkttype: rd8(sll + OSLL.pkttype), sll_ifindex: rds32(sll + OSLL.ifindex),
    sll_protocol: ntohs(rd16(sll + OSLL.protocol) as __be16),
  };
  po.sk_rmem_alloc -= skb.truesize; // sock_rfree when the skb is freed
  consume_skb(skb, 'packet_recvmsg'); // skb_free_datagram
  return r;
}
/** skb_peek(&sk->sk_receive_queue), for the struct dumper @sim */
export function packet_rcvq_peek(po: packet_sock): sk_buff | null {
  const n = rdptr(po.sk_receive_queue);
  return n === po.sk_receive_queue ? null : new sk_buff(n);
}
