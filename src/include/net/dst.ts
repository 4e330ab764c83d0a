// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/net/dst.h and net/core/dst.c (the reference counting), with the skb side of it
 * (include/linux/skbuff.h skb_dst / skb_dst_set).
 *
 * struct dst_entry is not in the layout profile, so a dst is a JS object. skb->_skb_refdst holds a
 * small even handle that names it (bit 0 is SKB_DST_NOREF, as in the kernel's pointer; clear means
 * the skb owns a reference). dst_release drops a reference; the last one frees the handle, and an
 * skb still naming a freed handle is a use-after-free that skb_dst reports.
 */
import type { kaddr_t } from '../../sim/mem';
import type { sk_buff } from '../linux/skbuff';
import type { net } from './net_namespace';

/** include/linux/skbuff.h:1131 SKB_DST_NOREF */
export const SKB_DST_NOREF = 1;
/** include/linux/skbuff.h:1132 SKB_DST_PTRMASK */
const SKB_DST_PTRMASK = ~SKB_DST_NOREF;

/** include/net/dst.h:26 struct dst_entry (the fields kveth's input routes use) */
export interface dst_entry {
  /** dst->dev: for input routes built here, the namespace's loopback device */
  dev: kaddr_t;
  /**
   * dev_net(dst->dev), kept beside dev: kveth makes init_net's loopback device only on first use
   * (init_net_setup_loopback), so dst->dev can be NULL there
   */
  net: net;
  input: (skb: sk_buff) => number;
  output: string;
  error: number;
  tclassid: number;
  /** __rcuref: the reference count (dst_alloc starts it at 1) */
  __rcuref: number;
  /** the value an skb's _skb_refdst holds for this dst @sim */
  readonly handle: number;
}

const dsts = new Map<number, dst_entry>();
let next_handle = 2;
/** a handle for a new dst (the pointer dst_alloc would return) @sim */
export function dst_handle_alloc(): number {
  while (dsts.has(next_handle)) next_handle = next_handle >= 0x7ffffffe ? 2 : next_handle + 2;
  const h = next_handle;
  next_handle = next_handle >= 0x7ffffffe ? 2 : next_handle + 2;
  return h;
}
/** dst_alloc's part that makes the entry reachable from a handle @sim */
export function dst_register(dst: dst_entry): void { dsts.set(dst.handle, dst); }

/** include/linux/skbuff.h:1140 skb_dst */
export function skb_dst(skb: sk_buff): dst_entry | null {
  const h = skb._skb_refdst & SKB_DST_PTRMASK;
  if (!h) return null;
  const dst = dsts.get(h);
  if (dst === undefined) throw new Error(`kveth: skb ${skb.addr.toString(16)} names dst ${h}, which was released (use after free)`);
  return dst;
}
/** include/linux/skbuff.h:1191 skb_dst_set (slow_gro is a GRO hint; GRO is not modelled) */
export function skb_dst_set(skb: sk_buff, dst: dst_entry | null): void { skb._skb_refdst = dst ? dst.handle : 0; }
/** include/net/dst.h:240 dst_hold */
export function dst_hold(dst: dst_entry): void { dst.__rcuref++; }
/** include/net/dst.h:258 dst_clone */
export function dst_clone(dst: dst_entry | null): dst_entry | null {
  if (dst) dst_hold(dst);
  return dst;
}
/** net/core/dst.c:166 dst_release: the last reference frees the entry (dst_destroy_rcu) */
export function dst_release(dst: dst_entry | null): void {
  if (dst && --dst.__rcuref === 0) dsts.delete(dst.handle);
}
/** include/net/dst.h:269 refdst_drop */
function refdst_drop(refdst: number): void {
  if (!(refdst & SKB_DST_NOREF)) dst_release(dsts.get(refdst & SKB_DST_PTRMASK) ?? null);
}
/** include/net/dst.h:281 skb_dst_drop */
export function skb_dst_drop(skb: sk_buff): void {
  if (skb._skb_refdst) {
    refdst_drop(skb._skb_refdst);
    skb._skb_refdst = 0;
  }
}
/** include/net/dst.h:289 __skb_dst_copy (slow_gro: see skb_dst_set) */
export function __skb_dst_copy(nskb: sk_buff, refdst: number): void {
  nskb._skb_refdst = refdst;
  if (!(nskb._skb_refdst & SKB_DST_NOREF)) dst_clone(skb_dst(nskb));
}
/** include/net/dst.h:297 skb_dst_copy */
export function skb_dst_copy(nskb: sk_buff, oskb: sk_buff): void { __skb_dst_copy(nskb, oskb._skb_refdst); }
/** include/net/dst.h:476 dst_input */
export function dst_input(skb: sk_buff): number { return skb_dst(skb)!.input(skb); }
/** live dst entries (for leak checks) @sim */
export function dst_count(): number { return dsts.size; }
