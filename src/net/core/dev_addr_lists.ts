// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/core/dev_addr_lists.c: the device address list. dev->dev_addr points into the first
 * struct netdev_hw_addr of dev->dev_addrs, a zeroed MAX_ADDR_LEN buffer.
 */
import { NULL, bytes, kaddr_t, rdptr } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { GFP_KERNEL, kfree, kzalloc } from '../../mm/slub';
import { INIT_LIST_HEAD, list_add_tail, list_del, list_next } from '../../include/linux/list';
import type { net_device } from '../../include/linux/netdevice';
import { ENOMEM } from '../../include/uapi/linux/errno';

const HA = struct_('netdev_hw_addr');
const OFF_ha_list = HA.off('list');
const OFF_ha_addr = HA.off('addr');
const ND = struct_('net_device');
const OFF_dev_addrs = ND.off('dev_addrs');
const HL = struct_('netdev_hw_addr_list');
const OFF_hl_list = HL.off('list');
const MAX_ADDR_LEN = 32;

function dev_addrs_head(dev: net_device): kaddr_t { return dev.addr + OFF_dev_addrs + OFF_hl_list; }

/** net/core/dev_addr_lists.c:548 dev_addr_init */
export function dev_addr_init(dev: net_device): number {
  INIT_LIST_HEAD(dev_addrs_head(dev));
  const ha = kzalloc(HA.size, GFP_KERNEL);
  if (ha === NULL) return -ENOMEM;
  list_add_tail(ha + OFF_ha_list, dev_addrs_head(dev));
  dev.dev_addr = ha + OFF_ha_addr;
  return 0;
}
/** net/core/dev_addr_lists.c:530 dev_addr_flush */
export function dev_addr_flush(dev: net_device): void {
  const head = dev_addrs_head(dev);
  for (let p = list_next(head); p !== head;) {
    const n = rdptr(p);
    list_del(p);
    kfree(p - OFF_ha_list);
    p = n;
  }
  dev.dev_addr = NULL;
}
/** net/core/dev_addr_lists.c:572 dev_addr_mod */
export function dev_addr_mod(dev: net_device, offset: number, addr: Uint8Array, len: number): void {
  if (offset + len > MAX_ADDR_LEN) throw new Error('WARNING: dev_addr_mod past MAX_ADDR_LEN');
  bytes(dev.dev_addr + offset, len).set(addr.subarray(0, len));
}
