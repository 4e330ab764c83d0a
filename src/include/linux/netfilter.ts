// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/linux/netfilter.h: NF_HOOK. kveth's namespaces have no netfilter hooks registered (no
 * rules, no conntrack, no bridge netfilter), so nf_hook() finds an empty hook list and answers 1,
 * and NF_HOOK runs the continuation directly, as it does on the real kernel in that state.
 */
import type { sk_buff } from './skbuff';
import type { net } from '../net/net_namespace';
import type { net_device } from './netdevice';
import { netns_nf_of } from '../../net/netfilter/core';

export const NFPROTO_IPV4 = 2;
export const NFPROTO_ARP = 3;
export const NFPROTO_IPV6 = 10;
export const NF_INET_PRE_ROUTING = 0;
export const NF_INET_LOCAL_IN = 1;
export const NF_ARP_IN = 0;

export type nf_okfn = (n: net, sk: null, skb: sk_buff) => number;

/** include/linux/netfilter.h:225 nf_hook: the hook list for (pf, hook) in this namespace is empty */
function nf_hook(pf: number, hook: number, n: net, skb: sk_buff, indev: net_device | null, outdev: net_device | null): number {
  void skb; void indev; void outdev;
  const nf = netns_nf_of(n);
  const heads = pf === NFPROTO_IPV4 ? nf.hooks_ipv4 : pf === NFPROTO_IPV6 ? nf.hooks_ipv6 : pf === NFPROTO_ARP ? nf.hooks_arp : nf.hooks_bridge;
  const hook_head = heads[hook] ?? null;
  if (hook_head) throw new Error('kveth: nf_hook_slow (registered netfilter hooks) is not modelled');
  return 1;
}
/** include/linux/netfilter.h:310 NF_HOOK */
export function NF_HOOK(pf: number, hook: number, n: net, sk: null, skb: sk_buff, indev: net_device | null,
  outdev: net_device | null, okfn: nf_okfn): number {
  let ret = nf_hook(pf, hook, n, skb, indev, outdev);
  if (ret === 1) ret = okfn(n, sk, skb);
  return ret;
}
