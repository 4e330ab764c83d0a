// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/sched/sch_generic.c: the two built-in qdiscs a veth ever has (noop while the carrier is off
 * or the device is down, noqueue once activated, because veth sets IFF_NO_QUEUE), carrier on/off,
 * and device activation/deactivation.
 *
 * A struct Qdisc lives in simulated memory; kveth reads only its enqueue slot (NULL = noqueue).
 * Real qdiscs (pfifo_fast, fq_codel, ...) are not modelled, so dev_activate never attaches one.
 */
import { kaddr_t } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { GFP_KERNEL, kzalloc } from '../../mm/slub';
import { ksym_register, rdfn, wrfn } from '../../sim/kallsyms';
import {
  net_device, netdev_get_tx_queue, test_and_clear_bit, test_and_set_bit, __LINK_STATE_NOCARRIER, NETREG_UNINITIALIZED,
  IFF_NO_QUEUE, NET_XMIT_CN, dev_core_stats_tx_dropped_inc, netif_carrier_ok, netdev_queue, netif_trans_update,
} from '../../include/linux/netdevice';
import { jiffies } from '../../sim/clock';
import type { sk_buff } from '../../include/linux/skbuff';
import { linkwatch_fire_event } from '../core/link_watch';

const Q = struct_('Qdisc');
const OFF_enqueue = Q.off('enqueue');
export type qdisc_enqueue_t = (skb: sk_buff, q: kaddr_t, to_free: sk_buff[]) => number;
/** q->enqueue @sim */
export function qdisc_enqueue_fn(q: kaddr_t): qdisc_enqueue_t | null { return rdfn<qdisc_enqueue_t>(q + OFF_enqueue); }
/** include/net/sch_generic.h:855 qdisc_txq_has_no_queue: "noqueue" is the qdisc without an enqueue */
export function qdisc_txq_has_no_queue(txq: netdev_queue): boolean { return qdisc_enqueue_fn(txq.qdisc) === null; }

/** net/sched/sch_generic.c:669 noop_enqueue */
function noop_enqueue(skb: sk_buff, _qdisc: kaddr_t, to_free: sk_buff[]): number {
  dev_core_stats_tx_dropped_inc(skb.dev!);
  to_free.push(skb); // __qdisc_drop
  return NET_XMIT_CN;
}
ksym_register('noop_enqueue', noop_enqueue);

/** net/sched/sch_generic.c:696 noop_qdisc */
export const noop_qdisc: kaddr_t = kzalloc(Q.size, GFP_KERNEL);
wrfn(noop_qdisc + OFF_enqueue, noop_enqueue);
/**
 * What qdisc_create_dflt(dev_queue, &noqueue_qdisc_ops, ...) makes: noqueue_init leaves
 * sch->enqueue NULL. One shared instance serves every queue (it keeps no per-queue state). @sim
 */
export const noqueue_qdisc: kaddr_t = kzalloc(Q.size, GFP_KERNEL);

/** net/sched/sch_generic.c:618 netif_carrier_on */
export function netif_carrier_on(dev: net_device): void {
  if (test_and_clear_bit(__LINK_STATE_NOCARRIER, dev.state_addr)) {
    if (dev.reg_state === NETREG_UNINITIALIZED) return;
    dev.carrier_up_count = dev.carrier_up_count + 1;
    linkwatch_fire_event(dev);
  }
}
/** net/sched/sch_generic.c:635 netif_carrier_off */
export function netif_carrier_off(dev: net_device): void {
  if (!test_and_set_bit(__LINK_STATE_NOCARRIER, dev.state_addr)) {
    if (dev.reg_state === NETREG_UNINITIALIZED) return;
    dev.carrier_down_count = dev.carrier_down_count + 1;
    linkwatch_fire_event(dev);
  }
}

/** net/sched/sch_generic.c:1487 dev_init_scheduler: every txq starts on noop */
export function dev_init_scheduler(dev: net_device): void {
  dev.qdisc = noop_qdisc;
  for (let i = 0; i < dev.num_tx_queues; i++) {
    const q = netdev_get_tx_queue(dev, i);
    q.qdisc = noop_qdisc;
    q.qdisc_sleeping = noop_qdisc;
  }
}
/** net/sched/sch_generic.c:1219 attach_default_qdiscs (IFF_NO_QUEUE: noqueue everywhere) */
function attach_default_qdiscs(dev: net_device): void {
  if (!(dev.priv_flags & IFF_NO_QUEUE)) throw new Error('kveth: only IFF_NO_QUEUE devices are modelled');
  for (let i = 0; i < dev.num_tx_queues; i++) netdev_get_tx_queue(dev, i).qdisc_sleeping = noqueue_qdisc;
  dev.qdisc = noqueue_qdisc;
}
/** net/sched/sch_generic.c:1260 transition_one_qdisc (tx queues: need_watchdog is passed; the builtin qdiscs keep no DEACTIVATED state) */
function transition_one_qdisc(dev_queue: netdev_queue, need_watchdog: { v: boolean }): void {
  dev_queue.qdisc = dev_queue.qdisc_sleeping;
  dev_queue.trans_start = jiffies();
  need_watchdog.v = true;
}
/** net/sched/sch_generic.c:1277 dev_activate */
export function dev_activate(dev: net_device): void {
  if (dev.qdisc === noop_qdisc) attach_default_qdiscs(dev);
  if (!netif_carrier_ok(dev)) return; // the carrier-on linkwatch event activates it later
  const need_watchdog = { v: false };
  for (let i = 0; i < dev.num_tx_queues; i++) transition_one_qdisc(netdev_get_tx_queue(dev, i), need_watchdog);
  // no ingress queue (dev_ingress_queue): no clsact/ingress qdisc
  if (need_watchdog.v) {
    netif_trans_update(dev);
    // dev_watchdog_up: __netdev_watchdog_up arms the timer only with ndo_tx_timeout, which veth has not
  }
}
/** net/sched/sch_generic.c:1361 dev_deactivate_many: txqs back to noop */
export function dev_deactivate_many(head: net_device[]): void {
  for (const dev of head) {
    for (let i = 0; i < dev.num_tx_queues; i++) netdev_get_tx_queue(dev, i).qdisc = noop_qdisc;
  }
}
/** net/sched/sch_generic.c:1401 dev_deactivate */
export function dev_deactivate(dev: net_device): void { dev_deactivate_many([dev]); }
/** net/sched/sch_generic.c:1497 dev_shutdown */
export function dev_shutdown(dev: net_device): void {
  for (let i = 0; i < dev.num_tx_queues; i++) {
    const q = netdev_get_tx_queue(dev, i);
    q.qdisc = noop_qdisc;
    q.qdisc_sleeping = noop_qdisc;
  }
  dev.qdisc = noop_qdisc;
}
