// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/ipv4/fib_frontend.c and fib_rules.c, the per-namespace part: each struct net gets its own
 * IPv4 routing state when it is created (fib_net_init, a pernet subsystem), and fib_lookup()
 * consults that namespace's state and nothing else. With CONFIG_IP_MULTIPLE_TABLES (Debian's
 * config) a fresh namespace has the three default rules (local, main, default) but no tables: the
 * kernel creates a table (fib_new_table) only when the first route goes into it, and kveth has no
 * addresses or routes (lo stays down, as in the live setup), so fib_main and fib_default stay NULL,
 * fib_get_table() finds nothing, and every lookup ends in -ENETUNREACH, per namespace.
 */
import type { net } from '../../include/net/net_namespace';
import { register_pernet_subsys } from '../../include/net/net_namespace';
import { EAGAIN, ENETUNREACH } from '../../include/uapi/linux/errno';
import type { __be32 } from '../../include/uapi/linux/types';

export const RT_TABLE_DEFAULT = 253;
export const RT_TABLE_MAIN = 254;
export const RT_TABLE_LOCAL = 255;

/** struct fib_table (the trie is not modelled: no table is ever created, see above) */
export interface fib_table { tb_id: number }
/** struct fib_rule, the fields the default rules set */
export interface fib_rule { pref: number; table: number }
/** the IPv4 routing members of struct netns_ipv4 */
export interface netns_ipv4_fib {
  rules: fib_rule[];
  fib_has_custom_rules: boolean;
  fib_has_custom_local_routes: boolean;
  fib_num_tclassid_users: number;
  fib_main: fib_table | null;
  fib_default: fib_table | null;
  /** fib_table_hash: the hlist buckets, keyed by table id */
  fib_table_hash: Map<number, fib_table>;
}
const per_net = new Map<number, netns_ipv4_fib>();
/** net->ipv4's routing members (set up by fib_net_init) @sim */
export function netns_fib(n: net): netns_ipv4_fib {
  const s = per_net.get(n.addr);
  if (!s) throw new Error('kveth: namespace has no IPv4 routing state (fib_net_init did not run)');
  return s;
}

/** net/ipv4/fib_rules.c:458 fib4_rules_init → fib_default_rules_init (net/ipv4/fib_rules.c:445) */
function fib4_rules_init(s: netns_ipv4_fib): number {
  s.rules = [{ pref: 0, table: RT_TABLE_LOCAL }, { pref: 0x7ffe, table: RT_TABLE_MAIN }, { pref: 0x7fff, table: RT_TABLE_DEFAULT }];
  s.fib_has_custom_rules = false;
  return 0;
}
/** net/ipv4/fib_frontend.c:1614 fib_net_init (ip_fib_net_init's table hash and rules; no proc/notifier) */
function fib_net_init(n: net): number {
  const s: netns_ipv4_fib = {
    rules: [], fib_has_custom_rules: false, fib_has_custom_local_routes: false, fib_num_tclassid_users: 0,
    fib_main: null, fib_default: null, fib_table_hash: new Map(),
  };
  const err = fib4_rules_init(s);
  if (err) return err;
  per_net.set(n.addr, s);
  return 0;
}
/** net/ipv4/fib_frontend.c:1642 fib_net_exit */
function fib_net_exit(n: net): void { per_net.delete(n.addr); }
register_pernet_subsys({ init: fib_net_init, exit: fib_net_exit });

/** net/ipv4/fib_frontend.c:112 fib_get_table (CONFIG_IP_MULTIPLE_TABLES) */
export function fib_get_table(n: net, id: number): fib_table | null {
  if (id === 0) id = RT_TABLE_MAIN;
  return netns_fib(n).fib_table_hash.get(id) ?? null;
}
/** include/net/ip_fib.h:405 fib4_has_custom_rules */
export function fib4_has_custom_rules(n: net): boolean { return netns_fib(n).fib_has_custom_rules; }

/**
 * include/net/ip_fib.h:372 fib_lookup without custom rules: the namespace's main table, then its
 * default table; a missing table leaves -EAGAIN, which becomes -ENETUNREACH. (fib_table_lookup
 * is never reached: no namespace has a table.) The flowi4 key is only the destination here.
 */
export function fib_lookup(n: net, _daddr: __be32, _res: { type: number }): number {
  const s = netns_fib(n);
  let err = -EAGAIN;
  if (s.fib_has_custom_rules) throw new Error('kveth: __fib_lookup (custom rules) is not modelled');
  if (s.fib_main) throw new Error('kveth: fib_table_lookup is not modelled (no routes exist)');
  if (s.fib_default) throw new Error('kveth: fib_table_lookup is not modelled (no routes exist)');
  if (err === -EAGAIN) err = -ENETUNREACH;
  return err;
}
