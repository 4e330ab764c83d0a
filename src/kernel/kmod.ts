// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/module/kmod.c: request_module. The "modules" are kveth's own driver files, loaded on
 * first request (as modprobe would load veth.ko for "rtnl-link-veth"); an unknown alias fails
 * as modprobe would. Returns 0 or -errno; whether the module registered anything is for the
 * caller to check, as in the kernel.
 */
import { ENOENT } from '../include/uapi/linux/errno';

const aliases: Record<string, string> = {
  'rtnl-link-veth': '../drivers/net/veth',
};
/** kernel/module/kmod.c:131 __request_module */
export function __request_module(name: string): number {
  const mod = aliases[name];
  if (!mod) return -ENOENT; // as modprobe fails for an unknown alias
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(mod);
  return 0;
}
/** include/linux/kmod.h:25 request_module */
export function request_module(name: string): number { return __request_module(name); }
