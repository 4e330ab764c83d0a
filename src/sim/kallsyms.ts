// SPDX-License-Identifier: GPL-2.0-only
/*
 * Function pointers. A kernel struct holds code addresses (net_device_ops.ndo_start_xmit,
 * packet_type.func, napi_struct.poll, sk_buff.destructor); kveth gives every ported function that
 * is ever stored in such a slot a text address 0xffffffff_81xxxxxx and keeps the table from that
 * address back to the TypeScript function and its kernel name, like /proc/kallsyms. Calling
 * through a slot reads the 8 bytes from simulated memory and looks the function up, so a slot
 * overwritten with garbage oopses instead of calling something.
 */
import { KernelOops, TEXT_HI, kaddr_t, rd32, wrraw64, hex8 } from './mem';

const TEXT_BASE = 0x81000000;
const TEXT_STRIDE = 0x40;

export interface ksym { name: string; addr_lo: number; fn: Function }
const by_fn = new Map<Function, ksym>();
/** symbol i sits at TEXT_BASE + i * TEXT_STRIDE */
const by_index: ksym[] = [];

/** Give `fn` a text address under the kernel name `name` (idempotent). */
export function ksym_register<F extends Function>(name: string, fn: F): F {
  if (by_fn.has(fn)) return fn;
  const addr_lo = TEXT_BASE + by_index.length * TEXT_STRIDE;
  const s: ksym = { name, addr_lo, fn };
  by_index.push(s);
  by_fn.set(fn, s);
  return fn;
}

/** Store a function pointer (NULL for null) into an 8-byte slot. */
export function wrfn(slot: kaddr_t, fn: Function | null): void {
  if (fn === null) { wrraw64(slot, 0, 0); return; }
  const s = by_fn.get(fn);
  if (s === undefined) throw new Error(`kveth: function ${fn.name} has no text address (ksym_register it)`);
  wrraw64(slot, TEXT_HI, s.addr_lo);
}

/** Load a function pointer from a slot; null for NULL; oops on anything that is not a symbol. */
export function rdfn<F extends Function>(slot: kaddr_t): F | null {
  const hi = rd32(slot + 4);
  if (hi === TEXT_HI) { // kept small so V8 inlines it at every indirect call
    const s = by_index[(rd32(slot) - TEXT_BASE) / TEXT_STRIDE];
    if (s !== undefined) return s.fn as F;
  }
  return rdfn_slow(slot);
}
/** NULL slots and bad call targets. */
function rdfn_slow(slot: kaddr_t): null {
  const lo = rd32(slot), hi = rd32(slot + 4);
  if (hi === 0 && lo === 0) return null;
  throw new KernelOops(`BUG: kernel NULL pointer dereference or bad call target 0x${hex8(hi)}${hex8(lo)}`);
}

/** %ps of a slot's target, for dumps. */
export function ksym_name_at(hi: number, lo: number): string | undefined {
  return hi === TEXT_HI ? by_index[(lo - TEXT_BASE) / TEXT_STRIDE]?.name : undefined;
}
