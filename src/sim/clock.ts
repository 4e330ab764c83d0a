// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated time: jiffies at HZ=250 (the reference machine's) and a nanosecond clock, both
 * advanced only by the simulation, never by the wall clock, so every run is deterministic.
 */
export const HZ = 250;
export const INITIAL_JIFFIES = (-300 * HZ) >>> 0;

let ns = 0;
export function ktime_get_ns(): number { return ns; }
export function jiffies(): number { return (INITIAL_JIFFIES + Math.floor(ns / (1e9 / HZ))) >>> 0; }
/** Simulation control: advance virtual time. */
export function advance_ns(d: number): void { if (d > 0) ns += d; }
export function usecs_to_jiffies(us: number): number { return Math.ceil((us * HZ) / 1e6); }
/** include/linux/jiffies.h time_after_eq */
export function time_after_eq(a: number, b: number): boolean { return ((a - b) | 0) >= 0; }
