// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small SLUB-like allocator over the simulated direct map (src/sim/mem.ts).
 *
 * What it keeps from mm/slub.c: named caches of fixed-size objects carved out of page-aligned
 * slabs, the kmalloc-N size classes, page-backed large allocations, and slub_debug-style
 * poisoning (freed objects are filled with POISON_FREE 0x6b ending in POISON_END 0xa5, so a stale
 * pointer read from freed memory oopses as a non-canonical address). Freed objects sit in a FIFO
 * quarantine before reuse (as KASAN does), so a use-after-free is caught instead of silently
 * reading a new owner's data. Double frees and frees of interior pointers oops like the kernel's
 * "invalid free" reports.
 *
 * What it leaves out: per-CPU slabs, NUMA, partial lists, memcg. They change timing, not bytes.
 */
import { CHUNK_SHIFT, CHUNK_SIZE, FIRST_CHUNK, KernelOops, fmt_kaddr, kaddr_t, map_chunk, memset, wr8 } from '../sim/mem';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
export const POISON_FREE = 0x6b;
export const POISON_END = 0xa5;
export const POISON_INUSE = 0x5a;

export const __GFP_ZERO = 0x100;
export const GFP_ATOMIC = 0xa20;
export const GFP_KERNEL = 0xcc0;

const QUARANTINE_MAX = 1024;

const enum ObjState { NEVER = 0, LIVE = 1, FREED = 2 }

export interface slab {
  cache: kmem_cache;
  base: kaddr_t;
  state: Uint8Array;
}
interface large_alloc { base: kaddr_t; npages: number; live: boolean; size: number }

export class kmem_cache {
  readonly free: kaddr_t[] = [];
  readonly quarantine: kaddr_t[] = [];
  qhead = 0;
  nr_active = 0;
  total_allocs = 0;
  readonly objs_per_slab: number;
  readonly slab_pages: number;
  constructor(readonly name: string, readonly object_size: number, readonly size: number) {
    const slab_bytes = Math.max(PAGE_SIZE, Math.min(8 * PAGE_SIZE, roundup_pow2(size * 8)));
    this.slab_pages = Math.ceil(slab_bytes / PAGE_SIZE);
    this.objs_per_slab = Math.floor((this.slab_pages * PAGE_SIZE) / size);
  }
}

function roundup_pow2(n: number): number { let p = 1; while (p < n) p <<= 1; return p; }

/* Page allocator: a bump pointer over chunks, never crossing a chunk. */
let next_page: kaddr_t = FIRST_CHUNK * CHUNK_SIZE;
type page_owner_t = slab | large_alloc | undefined;
/*
 * struct page's owner, per page: one dense array of PAGES_PER_CHUNK entries per mapped chunk. (A
 * single array indexed by page number would start at index 4096 and grow with gaps, which V8 stores
 * as a hash table, turning every kfree/kmem_cache_alloc lookup into a dictionary probe.)
 */
const PAGES_PER_CHUNK = CHUNK_SIZE >>> PAGE_SHIFT;
const page_owner: page_owner_t[][] = [];
function page_owner_of(a: kaddr_t): page_owner_t {
  const t = page_owner[a >>> CHUNK_SHIFT];
  return t === undefined ? undefined : t[(a >>> PAGE_SHIFT) & (PAGES_PER_CHUNK - 1)];
}
function set_page_owner(page_addr: kaddr_t, o: page_owner_t): void {
  let t = page_owner[page_addr >>> CHUNK_SHIFT];
  if (t === undefined) t = page_owner[page_addr >>> CHUNK_SHIFT] = new Array<page_owner_t>(PAGES_PER_CHUNK).fill(undefined);
  t[(page_addr >>> PAGE_SHIFT) & (PAGES_PER_CHUNK - 1)] = o;
}
const free_large: Map<number, kaddr_t[]> = new Map();

function alloc_pages_raw(npages: number): kaddr_t {
  const len = npages * PAGE_SIZE;
  if (len > CHUNK_SIZE) throw new KernelOops(`allocation of ${len} bytes exceeds a chunk`);
  let a = next_page;
  if ((a & (CHUNK_SIZE - 1)) + len > CHUNK_SIZE) a = ((a >>> CHUNK_SHIFT) + 1) * CHUNK_SIZE;
  map_chunk(a >>> CHUNK_SHIFT);
  next_page = a + len;
  return a;
}

/** Fault injection (like failslab): the next `n` allocations fail. */
export const failslab = { remaining: 0 };

function should_fail(): boolean {
  if (failslab.remaining > 0) { failslab.remaining--; return true; }
  return false;
}

const caches: kmem_cache[] = [];
/** kmem_cache_create (mm/slab_common.c): a named cache of `object_size` objects, `align`-rounded @sim */
export function kmem_cache_create(name: string, object_size: number, align = 8): kmem_cache {
  const size = Math.ceil(object_size / align) * align;
  const c = new kmem_cache(name, object_size, size);
  caches.push(c);
  return c;
}

function new_slab(c: kmem_cache): void {
  const base = alloc_pages_raw(c.slab_pages);
  const s: slab = { cache: c, base, state: new Uint8Array(c.objs_per_slab) };
  for (let i = 0; i < c.slab_pages; i++) set_page_owner(base + i * PAGE_SIZE, s);
  for (let i = c.objs_per_slab - 1; i >= 0; i--) c.free.push(base + i * c.size);
}

function obj_slab(a: kaddr_t): slab | undefined {
  const o = page_owner_of(a);
  return o !== undefined && 'cache' in o ? o : undefined;
}

/** kmem_cache_alloc: 0 (NULL) on (injected) failure @sim */
export function kmem_cache_alloc(c: kmem_cache, gfp: number): kaddr_t {
  if (should_fail()) return 0;
  if (c.free.length === 0) {
    if (c.quarantine.length - c.qhead >= QUARANTINE_MAX) {
      c.free.push(c.quarantine[c.qhead++]!);
    } else {
      new_slab(c);
    }
  }
  const a = c.free.pop()!;
  const s = obj_slab(a)!;
  s.state[(a - s.base) / c.size] = ObjState.LIVE;
  c.nr_active++;
  c.total_allocs++;
  if (gfp & __GFP_ZERO) memset(a, 0, c.object_size);
  return a;
}

/** kmem_cache_free: poisons the object and quarantines it @sim */
export function kmem_cache_free(c: kmem_cache, a: kaddr_t): void {
  const s = obj_slab(a);
  if (s === undefined || s.cache !== c) throw new KernelOops(`kmem_cache_free(${c.name}): invalid free of ${fmt_kaddr(a)}`);
  free_obj(s, a);
}

function free_obj(s: slab, a: kaddr_t): void {
  const c = s.cache;
  const off = a - s.base;
  if (off % c.size !== 0) throw new KernelOops(`BUG: KASAN: invalid-free in ${c.name}: ${fmt_kaddr(a)} is not an object start`);
  const i = off / c.size;
  if (s.state[i] !== ObjState.LIVE) throw new KernelOops(`BUG: KASAN: double-free in ${c.name} at ${fmt_kaddr(a)}`);
  s.state[i] = ObjState.FREED;
  memset(a, POISON_FREE, c.object_size - 1);
  wr8(a + c.object_size - 1, POISON_END); // memset(.., POISON_END, 1)
  c.nr_active--;
  c.quarantine.push(a);
  if (c.quarantine.length - c.qhead > QUARANTINE_MAX) c.free.push(c.quarantine[c.qhead++]!);
  if (c.qhead > 4096) { c.quarantine.splice(0, c.qhead); c.qhead = 0; }
}

/* kmalloc size classes (mm/slab_common.c kmalloc_info, without the DMA/cgroup variants). */
const KMALLOC_SIZES = [8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192];
export const KMALLOC_MAX_CACHE_SIZE = 8192;
const kmalloc_caches = KMALLOC_SIZES.map((n) => kmem_cache_create(`kmalloc-${n >= 1024 ? `${n / 1024}k` : n}`, n, 8));

function kmalloc_index(size: number): number {
  for (let i = 0; i < KMALLOC_SIZES.length; i++) if (size <= KMALLOC_SIZES[i]!) return i;
  return -1;
}

/** kmalloc_size_roundup (mm/slab_common.c): the size kmalloc would really give @sim */
export function kmalloc_size_roundup(size: number): number {
  const i = kmalloc_index(size);
  if (i >= 0) return KMALLOC_SIZES[i]!;
  return Math.ceil(size / PAGE_SIZE) * PAGE_SIZE;
}

/** kmalloc: returns 0 (NULL) on failure, like the kernel @sim */
export function kmalloc(size: number, gfp: number): kaddr_t {
  if (size === 0) return 16; // ZERO_SIZE_PTR: not dereferenceable, kfree ignores it
  const i = kmalloc_index(size);
  if (i >= 0) return kmem_cache_alloc(kmalloc_caches[i]!, gfp);
  if (should_fail()) return 0;
  const npages = Math.ceil(size / PAGE_SIZE);
  const pool = free_large.get(npages);
  const base = pool && pool.length > QUARANTINE_MAX / 16 ? pool.shift()! : alloc_pages_raw(npages);
  const la: large_alloc = { base, npages, live: true, size };
  for (let p = 0; p < npages; p++) set_page_owner(base + p * PAGE_SIZE, la);
  if (gfp & __GFP_ZERO) memset(base, 0, npages * PAGE_SIZE);
  return base;
}
/** kzalloc @sim */
export function kzalloc(size: number, gfp: number): kaddr_t { return kmalloc(size, gfp | __GFP_ZERO); }
/** kcalloc (no overflow check: kveth's callers multiply small counts) @sim */
export function kcalloc(n: number, size: number, gfp: number): kaddr_t { return kzalloc(n * size, gfp); }

/** kfree: NULL and ZERO_SIZE_PTR are ignored; invalid and double frees oops @sim */
export function kfree(a: kaddr_t): void {
  if (a <= 16) return; // NULL and ZERO_SIZE_PTR
  const o = page_owner_of(a);
  if (o === undefined) throw new KernelOops(`BUG: KASAN: invalid-free of ${fmt_kaddr(a)} (not allocated)`);
  if ('cache' in o) { free_obj(o, a); return; }
  if (o.base !== a) throw new KernelOops(`BUG: KASAN: invalid-free of ${fmt_kaddr(a)} (interior of a page allocation)`);
  if (!o.live) throw new KernelOops(`BUG: KASAN: double-free of ${fmt_kaddr(a)}`);
  o.live = false;
  memset(a, POISON_FREE, o.npages * PAGE_SIZE);
  let pool = free_large.get(o.npages);
  if (!pool) free_large.set(o.npages, (pool = []));
  pool.push(a);
}

/* The kernel's kvzalloc tries kmalloc first; with no vmalloc area to model, this is kzalloc. */
export const kvzalloc = kzalloc;
export const kvcalloc = kcalloc;
export const kvfree = kfree;

export interface alloc_info { cache: string; base: kaddr_t; size: number; live: boolean }
/** Where an address lives: the allocation holding it, for debuggers and KASAN-style reports @sim */
export function find_alloc(a: kaddr_t): alloc_info | undefined {
  const o = page_owner_of(a);
  if (o === undefined) return undefined;
  if ('cache' in o) {
    const i = Math.floor((a - o.base) / o.cache.size);
    return { cache: o.cache.name, base: o.base + i * o.cache.size, size: o.cache.object_size, live: o.state[i] === ObjState.LIVE };
  }
  return { cache: 'kmalloc-large', base: o.base, size: o.npages * PAGE_SIZE, live: o.live };
}

/** Live object counts per cache (leak checks in tests) @sim */
export function slab_usage(): Record<string, number> {
  const r: Record<string, number> = {};
  for (const c of caches) if (c.nr_active) r[c.name] = c.nr_active;
  let large = 0;
  for (const o of new Set(page_owner.flat())) if (o && !('cache' in o) && o.live) large++;
  if (large) r['kmalloc-large'] = large;
  return r;
}
