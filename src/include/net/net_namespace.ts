// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/net/net_namespace.h: struct net. The struct lives in simulated memory (dev_base_head,
 * ifindex, loopback_dev are real fields); the per-namespace name and index hashes
 * (dev_name_head/dev_index_head hlists and the dev_by_index xarray) are modelled by JS Maps kept
 * beside each struct, which give the same O(1) lookups.
 */
import { NULL, kaddr_t } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { define_fields } from '../../sim/view';
import { GFP_KERNEL, kzalloc } from '../../mm/slub';
import { INIT_LIST_HEAD } from '../linux/list';

const N = struct_('net');
const OFF_dev_base_head = N.off('dev_base_head');

export class net {
  constructor(readonly addr: kaddr_t) {}
  declare dev_base_seq: number;
  declare ifindex: number;
  declare loopback_dev: kaddr_t;
  get dev_base_head(): kaddr_t { return this.addr + OFF_dev_base_head; }
  /** the namespace's name in the simulated /run/netns, '' for init_net */
  get ns_name(): string { return side(this).name; }
}
define_fields(net, N, { dev_base_seq: 'u32', ifindex: 'u32', loopback_dev: 'ptr' });

/** What stands in for the hash tables and xarray of one namespace. */
export interface net_side {
  name: string;
  by_name: Map<string, kaddr_t>;
  by_index: Map<number, kaddr_t>;
  /** indices reserved by dev_index_reserve but not yet listed */
  reserved: Set<number>;
}
const sides = new Map<kaddr_t, net_side>();
export function side(n: net): net_side {
  const s = sides.get(n.addr);
  if (s === undefined) throw new Error(`kveth: ${n.addr.toString(16)} is not a struct net`);
  return s;
}

/** Allocate and initialise a struct net (the parts of setup_net/netdev_init kveth uses). */
export function alloc_net(name: string): net {
  const a = kzalloc(N.size, GFP_KERNEL);
  if (a === NULL) throw new Error('kveth: out of memory allocating struct net');
  const n = new net(a);
  INIT_LIST_HEAD(n.dev_base_head);
  sides.set(a, { name, by_name: new Map(), by_index: new Map(), reserved: new Set() });
  return n;
}
export function free_net_side(n: net): void { sides.delete(n.addr); }
/** every struct net that is set up and not yet freed (for_each_net) @sim */
export function all_nets(): net[] { return [...sides.keys()].map((a) => new net(a)); }
/** is `n` a struct net that has not been freed? (maybe_get_net) @sim */
export function net_is_live(n: net): boolean { return sides.has(n.addr); }

export function net_of(a: kaddr_t): net { return new net(a); }
/** include/net/net_namespace.h:287 net_eq */
export function net_eq(a: net, b: net): boolean { return a.addr === b.addr; }

export const init_net: net = alloc_net('');
