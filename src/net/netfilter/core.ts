// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/netfilter/core.c: the static keys that say whether any hook is registered for a family and
 * hook number (global, as in the kernel), and the per-namespace part: every namespace gets its own
 * (empty) hook heads for each family when it is created (netfilter_net_init), which nf_hook()
 * reads when a key is on. No hooks are ever registered in kveth (no iptables/nftables, conntrack
 * or bridge netfilter), so every key stays off, every head stays NULL, and nf_hook() lets the
 * packet through.
 */
import type { net } from '../../include/net/net_namespace';
import { register_pernet_subsys } from '../../include/net/net_namespace';

/** include/uapi/linux/netfilter.h: NF_INET_NUMHOOKS, and NF_MAX_HOOKS (include/linux/netfilter_defs.h) */
export const NF_INET_NUMHOOKS = 5;
export const NF_MAX_HOOKS = NF_INET_NUMHOOKS;
/** include/uapi/linux/netfilter_arp.h */
export const NF_ARP_NUMHOOKS = 3;
/** include/uapi/linux/netfilter.h: NFPROTO_NUMPROTO */
export const NFPROTO_NUMPROTO = 13;

/**
 * net/netfilter/core.c:38 nf_hooks_needed: one static key per [pf][hook], raised by
 * nf_register_net_hook in any namespace (never, in kveth). Flattened: [pf * NF_MAX_HOOKS + hook].
 */
export const nf_hooks_needed = new Int32Array(NFPROTO_NUMPROTO * NF_MAX_HOOKS);

/** struct nf_hook_entries (never allocated here) */
export interface nf_hook_entries { num_hook_entries: number }
/** struct netns_nf: the hook heads per family */
export interface netns_nf {
  hooks_ipv4: (nf_hook_entries | null)[];
  hooks_ipv6: (nf_hook_entries | null)[];
  hooks_arp: (nf_hook_entries | null)[];
  hooks_bridge: (nf_hook_entries | null)[];
}
const per_net = new Map<number, netns_nf>();
/** net->nf (set up by netfilter_net_init) @sim */
export function netns_nf_of(n: net): netns_nf {
  const s = per_net.get(n.addr);
  if (!s) throw new Error('kveth: namespace has no netfilter state (netfilter_net_init did not run)');
  return s;
}
/** net/netfilter/core.c:766 __netfilter_net_init */
function __netfilter_net_init(count: number): (nf_hook_entries | null)[] { return new Array(count).fill(null); }
/** net/netfilter/core.c:774 netfilter_net_init (no /proc/net/netfilter) */
function netfilter_net_init(n: net): number {
  per_net.set(n.addr, {
    hooks_ipv4: __netfilter_net_init(NF_INET_NUMHOOKS), hooks_ipv6: __netfilter_net_init(NF_INET_NUMHOOKS),
    hooks_arp: __netfilter_net_init(NF_ARP_NUMHOOKS), hooks_bridge: __netfilter_net_init(NF_INET_NUMHOOKS),
  });
  return 0;
}
/** net/netfilter/core.c:798 netfilter_net_exit */
function netfilter_net_exit(n: net): void { per_net.delete(n.addr); }
register_pernet_subsys({ init: netfilter_net_init, exit: netfilter_net_exit });
