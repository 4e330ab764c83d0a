// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/softirq.c: pending softirq bits, the bottom-half disable count, and running the
 * handlers when the count drops to zero (local_bh_enable) or when the simulation's "interrupt
 * exit" runs them. One CPU's worth: kveth runs all work on the current CPU.
 */
export const HI_SOFTIRQ = 0;
export const TIMER_SOFTIRQ = 1;
export const NET_TX_SOFTIRQ = 2;
export const NET_RX_SOFTIRQ = 3;
export const NR_SOFTIRQS = 10;

const handlers: (((() => void) | null))[] = new Array(NR_SOFTIRQS).fill(null);
let pending = 0;
/** the SOFTIRQ_MASK part of preempt_count: BH disable depth, counting a running __do_softirq */
let bh_count = 0;
/** kernel/softirq.c MAX_SOFTIRQ_RESTART */
const MAX_SOFTIRQ_RESTART = 10;

/** kernel/softirq.c:728 open_softirq */
export function open_softirq(nr: number, action: () => void): void { handlers[nr] = action; }
/** kernel/softirq.c:721 __raise_softirq_irqoff */
export function __raise_softirq_irqoff(nr: number): void { pending |= 1 << nr; }
/** kernel/softirq.c:695 raise_softirq_irqoff (wakeup_softirqd is not needed: the next bh enable runs it) */
export function raise_softirq_irqoff(nr: number): void { __raise_softirq_irqoff(nr); }
/** include/linux/preempt.h:114 softirq_count (the count, not the preempt_count bits) */
export function softirq_count(): number { return bh_count; }

/** kernel/softirq.c:611 __do_softirq (handle_softirqs) */
export function __do_softirq(): void {
  let restart = MAX_SOFTIRQ_RESTART;
  bh_count++;
  try {
    while (pending) {
      let p = pending;
      pending = 0;
      for (let nr = 0; p; nr++, p >>>= 1) {
        if (p & 1) handlers[nr]?.();
      }
      if (pending && --restart === 0) { wakeup_softirqd(); break; }
    }
  } finally {
    bh_count--;
  }
}
let ksoftirqd_woken = false;
/** kernel/softirq.c:75 wakeup_softirqd: the rest is left to the per-CPU ksoftirqd thread */
function wakeup_softirqd(): void { ksoftirqd_woken = true; }
/**
 * kernel/softirq.c:944 run_ksoftirqd. The simulation runs ksoftirqd when the scheduler would
 * (the replay after each frame, tests when they let time pass): it handles whatever is pending.
 */
export function run_ksoftirqd(): boolean {
  const ran = ksoftirqd_woken || pending !== 0;
  ksoftirqd_woken = false;
  while (pending && bh_count === 0) __do_softirq();
  return ran;
}

/** kernel/softirq.c:467 do_softirq */
export function do_softirq(): void {
  if (bh_count > 0) return; // in_interrupt(): the outermost enable runs them
  if (pending) __do_softirq();
}
/** include/linux/bottom_half.h:18 local_bh_disable */
export function local_bh_disable(): void { bh_count++; }
/** include/linux/bottom_half.h:31 local_bh_enable (__local_bh_enable_ip, kernel/softirq.c:384) */
export function local_bh_enable(): void {
  bh_count--;
  if (bh_count === 0 && pending) __do_softirq();
}
/** include/linux/rcupdate.h rcu_read_lock_bh / rcu_read_unlock_bh: BH disable/enable for kveth */
export const rcu_read_lock_bh = local_bh_disable;
export const rcu_read_unlock_bh = local_bh_enable;
