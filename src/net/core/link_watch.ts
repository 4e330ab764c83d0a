// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/core/link_watch.c: carrier changes are queued and handled later by the linkwatch work,
 * which sets operstate and moves the txqs between noop and the real qdisc. kveth queues events
 * the same way; linkwatch_run_queue() is the work function, run by the simulation when the
 * kernel's delayed work would have run (the replay and scenario run it after each
 * configuration step, as a real `ip link set up` followed by a wait for operstate does).
 */
import {
  net_device, netif_carrier_ok, test_and_set_bit, clear_bit, IFF_UP, NETREG_REGISTERED, ndo,
  __LINK_STATE_LINKWATCH_PENDING, __LINK_STATE_TESTING, __LINK_STATE_DORMANT, test_bit, dev_net,
} from '../../include/linux/netdevice';
import { __dev_get_by_index, netdev_state_change } from './dev';
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

const lweventlist: net_device[] = [];

/** net/core/dev.c:684 dev_get_iflink */
export function dev_get_iflink(dev: net_device): number {
  const get_iflink = ndo(dev, 'ndo_get_iflink');
  if (get_iflink) return get_iflink(dev);
  return dev.ifindex;
}

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
/** net/core/link_watch.c:194 __linkwatch_run_queue (urgent_only = 0) */
export function linkwatch_run_queue(): void {
  while (lweventlist.length) {
    const dev = lweventlist.shift()!;
    if (dev.reg_state > NETREG_REGISTERED) continue; // being unregistered: linkwatch_sync_dev handles it
    linkwatch_do_dev(dev);
  }
}
/** net/core/link_watch.c:291 linkwatch_fire_event */
export function linkwatch_fire_event(dev: net_device): void {
  if (!test_and_set_bit(__LINK_STATE_LINKWATCH_PENDING, dev.state_addr)) lweventlist.push(dev);
}
/** Devices going away must leave the queue (net/core/link_watch.c:257 linkwatch_forget_dev). */
export function linkwatch_forget_dev(dev: net_device): void {
  const i = lweventlist.findIndex((d) => d.addr === dev.addr);
  if (i >= 0) { lweventlist.splice(i, 1); clear_bit(__LINK_STATE_LINKWATCH_PENDING, dev.state_addr); }
}
