// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU data. kveth models nr_cpu_ids possible CPUs (2, like the reference VM, so veth gets
 * num_possible_cpus() queues) and runs everything on CPU 0.
 * A __percpu pointer is the address of an array of nr_cpu_ids copies; per_cpu_ptr() indexes it.
 * (The kernel's per-CPU areas are offsets into per-CPU chunks; the arithmetic differs, the
 * one-copy-per-CPU semantics do not.)
 */
import { kaddr_t } from './mem';
import { kzalloc, GFP_KERNEL } from '../mm/slub';

export const nr_cpu_ids = 2;
const cur_cpu = 0;

export function smp_processor_id(): number { return cur_cpu; }
export function num_possible_cpus(): number { return nr_cpu_ids; }

function aligned(size: number, align: number): number { return Math.ceil(size / align) * align; }

/** include/linux/percpu.h __alloc_percpu_gfp: zeroed, one copy per possible CPU; 0 on failure. */
export function alloc_percpu(size: number, align: number, gfp = GFP_KERNEL): kaddr_t {
  return kzalloc(aligned(size, align) * nr_cpu_ids, gfp);
}
export function per_cpu_ptr(p: kaddr_t, size: number, cpu: number, align = 8): kaddr_t {
  return p + aligned(size, align) * cpu;
}
