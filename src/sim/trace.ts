// SPDX-License-Identifier: GPL-2.0-only
/*
 * The trace ring: tracepoints check one boolean (`tp.on`) and return when tracing is off, so a
 * disabled tracepoint costs a property load, like a static key. Enabled events append their
 * TP_printk text (event name first, without the task/CPU/timestamp prefix) to the buffer.
 */
import { fmt_kaddr, kaddr_t } from './mem';

export const tp = { on: false };
export const trace_buffer: string[] = [];
const enabled = new Set<string>();

export const ALL_EVENTS = ['net_dev_queue', 'net_dev_start_xmit', 'net_dev_xmit', 'netif_rx_entry', 'netif_rx',
  'netif_rx_exit', 'netif_receive_skb', 'napi_poll', 'kfree_skb', 'consume_skb'] as const;

export function trace_enable(events: readonly string[] = ALL_EVENTS): void {
  for (const e of events) enabled.add(e);
  tp.on = enabled.size > 0;
}
export function trace_disable(): void { enabled.clear(); tp.on = false; }
export function trace_on(event: string): boolean { return tp.on && enabled.has(event); }
export function trace_emit(event: string, text: string): void {
  trace_buffer.push(`${event}: ${text}`);
}
export function trace_take(): string[] { return trace_buffer.splice(0, trace_buffer.length); }

/** %p: kveth prints the raw simulated address (the kernel prints a hashed one). */
export function pK(a: kaddr_t): string { return fmt_kaddr(a); }
/** %#x as the kernel's vsnprintf prints it (0 → "0x0"). */
export function hashx(v: number): string { return `0x${(v >>> 0).toString(16)}`; }
export function x04(v: number): string { return (v & 0xffff).toString(16).padStart(4, '0'); }
