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
/** the net_side of `n` @sim */
export function side(n: net): net_side {
  const s = sides.get(n.addr);
  if (s === undefined) throw new Error(`kveth: ${n.addr.toString(16)} is not a struct net`);
  return s;
}

/** net_alloc, then the parts of setup_net / netdev_init kveth uses (the pernet inits; devices come later) @sim */
export function alloc_net(name: string): net {
  const a = kzalloc(N.size, GFP_KERNEL);
  if (a === NULL) throw new Error('kveth: out of memory allocating struct net');
  const n = new net(a);
  INIT_LIST_HEAD(n.dev_base_head);
  sides.set(a, { name, by_name: new Map(), by_index: new Map(), reserved: new Set() });
  // setup_net: the pernet subsystems' init, in registration order (they come before the pernet
  // devices such as loopback, which setup_net in net/core/net_namespace.ts adds afterwards)
  for (const ops of pernet_list) ops_init(ops, n);
  return n;
}
/** forget `n`'s net_side (net_free) @sim */
export function free_net_side(n: net): void { sides.delete(n.addr); }

/** include/net/net_namespace.h:444 struct pernet_operations (the init and exit hooks kveth uses) */
export interface pernet_operations { init?: (n: net) => number; exit?: (n: net) => void }
/*
 * The pernet_list of net/core/net_namespace.c. It lives here, beside alloc_net, because the
 * subsystems that register (devinet, addrconf) must not import net/core/net_namespace.ts, which
 * pulls in rtnetlink (which imports them).
 */
const pernet_list: pernet_operations[] = [];
/** net/core/net_namespace.c:122 ops_init (no ops->id / ops->size: the state sits in the subsystem's own table) */
function ops_init(ops: pernet_operations, n: net): number {
  if (ops.init) return ops.init(n);
  return 0;
}
/**
 * net/core/net_namespace.c:1393 register_pernet_subsys: append to the list, then run init for every
 * namespace that already exists (__register_pernet_operations). An init failure undoes the
 * namespaces done so far and unlinks the ops.
 */
export function register_pernet_subsys(ops: pernet_operations): number {
  pernet_list.push(ops);
  const done: net[] = [];
  for (const n of all_nets()) {
    const error = ops_init(ops, n);
    if (error) {
      pernet_list.splice(pernet_list.indexOf(ops), 1);
      for (const d of done) ops.exit?.(d);
      return error;
    }
    done.push(n);
  }
  return 0;
}
/** The pernet subsystems' exit hooks in reverse order: cleanup_net's ops_exit_list loop, run after the devices are gone. @sim */
export function pernet_exit_all(n: net): void {
  for (const ops of [...pernet_list].reverse()) ops.exit?.(n);
}
/** every struct net that is set up and not yet freed (for_each_net) @sim */
export function all_nets(): net[] { return [...sides.keys()].map((a) => new net(a)); }
/** is `n` a struct net that has not been freed? (maybe_get_net) @sim */
export function net_is_live(n: net): boolean { return sides.has(n.addr); }

/** the struct net at `a` @sim */
export function net_of(a: kaddr_t): net { return new net(a); }
/** include/net/net_namespace.h:287 net_eq */
export function net_eq(a: net, b: net): boolean { return a.addr === b.addr; }

export const init_net: net = alloc_net('');
