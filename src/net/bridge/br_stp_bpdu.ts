// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/bridge/br_stp_bpdu.c: br_stp_rcv, the bridge's STP protocol receiver (br_stp_proto.rcv,
 * registered with the STP SAP demux by br_init). Only its checks before the bridge state are
 * ported: the receiving device in kveth is never a bridge port, so every BPDU ends at the
 * "err" label and is freed; the BPDU processing behind the port lookup is left out.
 *
 * The free's location: br_stp_rcv ends in "err: kfree_skb(skb);", which the compiler turns into a
 * tail jump, so the kfree_skb tracepoint's return address lies in the caller, stp_pdu_rcv. The
 * live 6.18 trace shows exactly that (location=stp_pdu_rcv), so kveth reports that name.
 */
import { rd8 } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { rdfn } from '../../sim/kallsyms';
import { sk_buff, pskb_may_pull } from '../../include/linux/skbuff';
import type { net_device } from '../../include/linux/netdevice';
import { kfree_skb } from '../core/skbuff';
import type { stp_proto } from '../802/stp';

const OFF_rx_handler = struct_('net_device').off('rx_handler');
/** net/bridge/br_input.c:333 br_handle_frame: the rx_handler a bridge port gets; only its address is used (never installed in kveth) */
function br_handle_frame(): number { return 0; }

/** net/bridge/br_private.h:933 br_port_get_check_rcu: the device's bridge port, if it is one */
function br_port_get_check_rcu(dev: net_device): object | null {
  // br_rx_handler_check_rcu: dev->rx_handler == br_get_rx_handler(dev)
  const h = rdfn<() => number>(dev.addr + OFF_rx_handler);
  if (h !== br_handle_frame) return null;
  throw new Error('kveth: bridge ports are not modelled');
}

/** net/bridge/br_stp_bpdu.c:150 br_stp_rcv */
export function br_stp_rcv(_proto: stp_proto, skb: sk_buff, dev: net_device): void {
  err: {
    if (!pskb_may_pull(skb, 4)) break err;
    // compare of protocol id and version
    const buf = skb.data;
    if (rd8(buf) !== 0 || rd8(buf + 1) !== 0 || rd8(buf + 2) !== 0) break err;
    const p = br_port_get_check_rcu(dev);
    if (!p) break err;
    throw new Error('kveth: BPDU processing on a bridge port is not modelled');
  }
  kfree_skb(skb, 'stp_pdu_rcv'); // tail call: the trace names the caller (see the file comment)
}

/** net/bridge/br.c:388 br_stp_proto: the STP receiver br_init registers (group address zero) */
export const br_stp_proto: stp_proto = { group_address: new Uint8Array(6), rcv: br_stp_rcv };
