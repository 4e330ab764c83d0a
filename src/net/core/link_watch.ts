// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/core/link_watch.c: carrier changes are queued and handled later by the linkwatch work,
 * which sets operstate and moves the txqs between noop and the real qdisc. kveth queues events
 * the same way (dev->link_watch_list on lweventlist); linkwatch_run_queue() is the work function,
 * run by the simulation when the kernel's delayed work would have run (after each rtnetlink
 * request, as the kernel's zero-delay work runs before the sender's next system call).
 */
import { kaddr_t } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { GFP_KERNEL, kzalloc } from '../../mm/slub';
import {
  net_device, netif_carrier_ok, test_and_set_bit, clear_bit, IFF_UP, NETREG_REGISTERED, netif_device_present,
  __LINK_STATE_LINKWATCH_PENDING, __LINK_STATE_TESTING, __LINK_STATE_DORMANT, test_bit, dev_net,
} from '../../include/linux/netdevice';
import {
  INIT_LIST_HEAD, SIZEOF_LIST_HEAD, list_add_tail, list_del_init, list_empty, list_next, list_splice_init,
} from '../../include/linux/list';
import { __dev_get_by_index, netdev_state_change, dev_get_iflink } from './dev';
import { dev_activate, dev_deactivate } from '../sched/sch_generic';

/* include/uapi/linux/if.h IF_OPER_* */
export const IF_OPER_UNKNOWN = 0;
export const IF_OPER_NOTPRESENT = 1;
export const IF_OPER_DOWN = 2;
export const IF_OPER_LOWERLAYERDOWN = 3;
export const IF_OPER_TESTING = 4;
export const IF_OPER_DORMANT = 5;
export const IF_OPER_UP = 6;
export const IF_LINK_MODE_DEFAULT = 0;
export const IF_LINK_MODE_DORMANT = 1;
export const IF_LINK_MODE_TESTING = 2;

/* net/core/link_watch.c:33 LIST_HEAD(lweventlist): devices queue on it by their link_watch_list */
const lweventlist: kaddr_t = kzalloc(SIZEOF_LIST_HEAD, GFP_KERNEL);
INIT_LIST_HEAD(lweventlist);
const OFF_link_watch_list = struct_('net_device').off('link_watch_list');
/** MAX_DO_DEV_PER_LOOP */
const MAX_DO_DEV_PER_LOOP = 100;

/** net/core/link_watch.c:36 default_operstate */
function default_operstate(dev: net_device): number {
  if (test_bit(__LINK_STATE_TESTING, dev.state_addr)) return IF_OPER_TESTING;
  if (!netif_carrier_ok(dev)) {
    const iflink = dev.reg_state <= NETREG_REGISTERED ? dev_get_iflink(dev) : dev.ifindex;
    if (iflink === dev.ifindex) return IF_OPER_DOWN;
    const peer = __dev_get_by_index(dev_net(dev), iflink);
    if (!peer) return IF_OPER_DOWN;
    return netif_carrier_ok(peer) ? IF_OPER_DOWN : IF_OPER_LOWERLAYERDOWN;
  }
  if (test_bit(__LINK_STATE_DORMANT, dev.state_addr)) return IF_OPER_DORMANT;
  return IF_OPER_UP;
}
/** net/core/link_watch.c:74 rfc2863_policy */
function rfc2863_policy(dev: net_device): void {
  let operstate = default_operstate(dev);
  if (operstate === dev.operstate) return;
  switch (dev.link_mode) {
    case IF_LINK_MODE_TESTING: if (operstate === IF_OPER_UP) operstate = IF_OPER_TESTING; break;
    case IF_LINK_MODE_DORMANT: if (operstate === IF_OPER_UP) operstate = IF_OPER_DORMANT; break;
    default: break;
  }
  dev.operstate = operstate;
}
/** net/core/link_watch.c:100 linkwatch_init_dev */
export function linkwatch_init_dev(dev: net_device): void {
  if (!netif_carrier_ok(dev) || test_bit(__LINK_STATE_DORMANT, dev.state_addr) || test_bit(__LINK_STATE_TESTING, dev.state_addr)) {
    rfc2863_policy(dev);
  }
}
/** net/core/link_watch.c:166 linkwatch_do_dev */
function linkwatch_do_dev(dev: net_device): void {
  clear_bit(__LINK_STATE_LINKWATCH_PENDING, dev.state_addr);
  rfc2863_policy(dev);
  if (dev.flags & IFF_UP) {
    if (netif_carrier_ok(dev)) dev_activate(dev);
    else dev_deactivate(dev);
    netdev_state_change(dev);
  }
}
/**
 * net/core/link_watch.c:194 __linkwatch_run_queue. No event is urgent here (kveth runs the queue as
 * the zero-delay work would), so urgent_only is 0 and the one-per-second linkwatch_nextevent limit,
 * which only sets the next work's delay, is not kept. Devices left over past MAX_DO_DEV_PER_LOOP go
 * back on lweventlist for the next run (linkwatch_schedule_work).
 */
function __linkwatch_run_queue(): void {
  let do_dev = MAX_DO_DEV_PER_LOOP;
  const wrk = wrk_head;
  INIT_LIST_HEAD(wrk); // LIST_HEAD(wrk)
  list_splice_init(lweventlist, wrk);
  while (!list_empty(wrk) && do_dev > 0) {
    const l = list_next(wrk);
    const dev = new net_device(l - OFF_link_watch_list); // list_first_entry
    list_del_init(l);
    if (!netif_device_present(dev)) {
      list_add_tail(l, lweventlist);
      continue;
    }
    // netdev_tracker_free
    linkwatch_do_dev(dev);
    do_dev--;
  }
  // devices beyond the per-run budget wait on lweventlist for the next run
  list_splice_init(wrk, lweventlist);
}
/** __linkwatch_run_queue's LIST_HEAD(wrk) @sim */
const wrk_head: kaddr_t = kzalloc(SIZEOF_LIST_HEAD, GFP_KERNEL);
/** net/core/link_watch.c:277 linkwatch_run_queue: what the linkwatch work does, run by the simulation */
export function linkwatch_run_queue(): void { __linkwatch_run_queue(); }
/** net/core/link_watch.c:256 linkwatch_sync_dev: a device being unregistered leaves the queue, handled now */
export function linkwatch_sync_dev(dev: net_device): void {
  const l = dev.addr + OFF_link_watch_list;
  let clean = false;
  if (!list_empty(l)) {
    list_del_init(l);
    clean = true;
  }
  if (clean) linkwatch_do_dev(dev);
}
/** net/core/link_watch.c:124 linkwatch_add_event */
function linkwatch_add_event(dev: net_device): void {
  const l = dev.addr + OFF_link_watch_list;
  if (list_empty(l)) list_add_tail(l, lweventlist); // netdev_hold
}
/** net/core/link_watch.c:291 linkwatch_fire_event (linkwatch_schedule_work: the simulation runs the queue) */
export function linkwatch_fire_event(dev: net_device): void {
  if (!test_and_set_bit(__LINK_STATE_LINKWATCH_PENDING, dev.state_addr)) linkwatch_add_event(dev);
}
