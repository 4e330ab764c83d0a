// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/trace/events/skb.h: kfree_skb and consume_skb. `location` is the caller's return address
 * in the kernel (%pS); kveth passes the calling function's kernel name and prints that symbol
 * without an offset.
 */
import { tp, trace_emit, trace_on, pK } from '../../../sim/trace';
import type { sk_buff } from '../../linux/skbuff';
import { ntohs } from '../../uapi/linux/types';
import { drop_reason_names, skb_drop_reason } from '../../net/dropreason-core';
import { fmt_kaddr } from '../../../sim/mem';

/** include/trace/events/skb.h:24 kfree_skb */
export function trace_kfree_skb(skb: sk_buff, location: string, reason: skb_drop_reason, rx_sk: number): void {
  if (!tp.on || !trace_on('kfree_skb')) return;
  trace_emit('kfree_skb', `skbaddr=${pK(skb.addr)} rx_sk=${fmt_kaddr(rx_sk)} protocol=${ntohs(skb.protocol)} ` +
    `location=${location} reason: ${drop_reason_names[reason] ?? reason}`);
}
/** include/trace/events/skb.h:57 consume_skb */
export function trace_consume_skb(skb: sk_buff, location: string): void {
  if (!tp.on || !trace_on('consume_skb')) return;
  trace_emit('consume_skb', `skbaddr=${pK(skb.addr)} location=${location}`);
}
