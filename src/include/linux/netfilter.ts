// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/linux/netfilter.h: NF_HOOK. kveth's namespaces have no netfilter hooks registered (no
 * rules, no conntrack, no bridge netfilter), so nf_hook() answers 1 at its static-key test
 * (CONFIG_JUMP_LABEL=y: nf_hooks_needed[pf][hook] is off), and NF_HOOK runs the continuation
 * directly, as it does on the real kernel in that state.
 */
import type { sk_buff } from './skbuff';
import type { net } from '../net/net_namespace';
import type { net_device } from './netdevice';
import { netns_nf_of, nf_hooks_needed, NF_MAX_HOOKS } from '../../net/netfilter/core';

/* include/uapi/linux/netfilter.h */
export const NFPROTO_IPV4 = 2;
export const NFPROTO_ARP = 3;
export const NFPROTO_BRIDGE = 7;
export const NFPROTO_IPV6 = 10;
export const NF_INET_PRE_ROUTING = 0;
/* include/uapi/linux/netfilter_arp.h */
export const NF_ARP_IN = 0;

export type nf_okfn = (n: net, sk: null, skb: sk_buff) => number;

/** include/linux/netfilter.h:225 nf_hook: no hook is registered for (pf, hook), in any namespace */
function nf_hook(pf: number, hook: number, n: net, _sk: null, _skb: sk_buff, _indev: net_device | null,
  _outdev: net_device | null, _okfn: nf_okfn): number {
  // CONFIG_JUMP_LABEL: pf and hook are constants at every call site
  if (!nf_hooks_needed[pf * NF_MAX_HOOKS + hook]) return 1;
  const nf = netns_nf_of(n);
  let hook_head = null;
  switch (pf) {
    case NFPROTO_IPV4: hook_head = nf.hooks_ipv4[hook]; break;
    case NFPROTO_IPV6: hook_head = nf.hooks_ipv6[hook]; break;
    case NFPROTO_ARP: hook_head = nf.hooks_arp[hook]; break; // CONFIG_NETFILTER_FAMILY_ARP
    case NFPROTO_BRIDGE: hook_head = nf.hooks_bridge[hook]; break; // CONFIG_NETFILTER_FAMILY_BRIDGE
    default: console.error(`WARNING: nf_hook: unknown protocol family ${pf}`); break;
  }
  if (hook_head) throw new Error('kveth: nf_hook_slow (registered netfilter hooks) is not modelled');
  return 1;
}
/** include/linux/netfilter.h:310 NF_HOOK */
export function NF_HOOK(pf: number, hook: number, n: net, sk: null, skb: sk_buff, indev: net_device | null,
  outdev: net_device | null, okfn: nf_okfn): number {
  let ret = nf_hook(pf, hook, n, sk, skb, indev, outdev, okfn);
  if (ret === 1) ret = okfn(n, sk, skb);
  return ret;
}
