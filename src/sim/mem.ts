// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated kernel memory: the direct map.
 *
 * Kernel virtual addresses of the linear map look like 0xffff888000000000 + phys. kveth keeps the
 * low 32 bits as a JS number (a `kaddr_t`, always < 2^32) and writes pointers into structs as the
 * full 8-byte little-endian value 0xffff8880_xxxxxxxx, so a pointer field seen in a hexdump looks
 * like a kernel one. 0 is NULL.
 *
 * The direct map is one flat ArrayBuffer indexed by that low half: an address is its own offset,
 * so a struct field is one typed-array element at (addr + offset). The buffer is reserved up front
 * (4 GiB of address space; the host commits pages only when they are first written, as the kernel's
 * own memory would be) and handed out in 16 MiB chunks, from the second chunk upward and always
 * contiguously, by mm/slub.ts. Every access checks that it lies inside the chunks mapped so far, so
 * NULL and small-integer pointers (the first chunk is never mapped) and wild addresses oops
 * instead of reading zeros.
 *
 * Text addresses (function pointers) live at 0xffffffff_8xxxxxxx, see kallsyms.ts.
 */

export type kaddr_t = number;

export const NULL = 0;
export const PAGE_OFFSET_HI = 0xffff8880;
export const TEXT_HI = 0xffffffff;

export const CHUNK_SHIFT = 24;
export const CHUNK_SIZE = 1 << CHUNK_SHIFT;
/** The first chunk is never handed out, so small integers are never valid addresses. */
export const FIRST_CHUNK = 1;
/** Bottom of the mapped range (FIRST_CHUNK * CHUNK_SIZE, written out for the hot path). */
const MAP_LO = 0x1000000;

/** Raised for accesses the real kernel would oops on (bad pointer, unmapped address). */
export class KernelOops extends Error {
  constructor(msg: string) {
    super(msg);
    this.name = 'KernelOops';
  }
}

/**
 * Reserve the direct map: 4 GiB when the host allows it, else the largest of 1 GiB / 256 MiB it
 * gives (a host with strict overcommit); MAX_CHUNKS follows.
 */
function reserve(): ArrayBuffer {
  for (const size of [2 ** 32, 2 ** 30, 2 ** 28]) {
    try { return new ArrayBuffer(size); } catch { /* try a smaller reservation */ }
  }
  throw new Error('kveth: cannot reserve 256 MiB for the simulated direct map');
}
const AB = reserve();
export const MAX_CHUNKS = AB.byteLength / CHUNK_SIZE;
const DV = new DataView(AB);
const U8 = new Uint8Array(AB);
const BUF = Buffer.from(AB);
/*
 * Aligned aliases for the hot path: an access whose address is a multiple of its size is one
 * element load/store on these. Each accessor below is that fast path and nothing else, so that V8
 * can inline it into its callers within its inlining budget; everything else (unaligned, outside
 * the map, NULL pointers) goes to a separate *_slow function using the DataView. Typed arrays use
 * the host's byte order, so on a big-endian host (the layout is x86_64's) fast_end stays at
 * MAP_LO, every fast-path range test fails and every access takes the DataView path.
 */
const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const U16 = new Uint16Array(AB);
const U32 = new Uint32Array(AB);
/** End of the mapped range: [MAP_LO, mapped_end) is valid memory. */
let mapped_end = MAP_LO;
/** End of the range the typed-array fast paths serve: mapped_end on a little-endian host. */
let fast_end = MAP_LO;

/** Map chunk `idx` (and any unmapped chunk below it): slub calls this as it grows. */
export function map_chunk(idx: number): void {
  if (idx <= 0 || idx >= MAX_CHUNKS) throw new KernelOops(`out of simulated memory (chunk ${idx})`);
  const end = (idx + 1) * CHUNK_SIZE;
  if (end > mapped_end) mapped_end = end;
  if (HOST_LE) fast_end = mapped_end;
}

function fault(a: number, what: string): never {
  throw new KernelOops(`BUG: unable to handle page fault for address: ${fmt_kaddr(a)} (${what})`);
}
/** Checks [a, a+len) is mapped. */
function chk(a: kaddr_t, len: number, what: string): void {
  if (!(a >= MAP_LO && a + len <= mapped_end)) fault(a, what);
}

export function rd8(a: kaddr_t): number {
  if (a >= MAP_LO && a < fast_end) return U8[a]!;
  return rd8_slow(a);
}
function rd8_slow(a: kaddr_t): number { chk(a, 1, 'read/write'); return DV.getUint8(a); }
export function rd16(a: kaddr_t): number {
  if ((a & 1) === 0 && a >= MAP_LO && a < fast_end) return U16[a >>> 1]!;
  return rd16_slow(a);
}
function rd16_slow(a: kaddr_t): number { chk(a, 2, 'read/write'); return DV.getUint16(a, true); }
export function rd32(a: kaddr_t): number {
  if ((a & 3) === 0 && a >= MAP_LO && a < fast_end) return U32[a >>> 2]!;
  return rd32_slow(a);
}
function rd32_slow(a: kaddr_t): number { chk(a, 4, 'read/write'); return DV.getUint32(a, true); }
export function rds32(a: kaddr_t): number {
  if ((a & 3) === 0 && a >= MAP_LO && a < fast_end) return U32[a >>> 2]! | 0;
  return rds32_slow(a);
}
function rds32_slow(a: kaddr_t): number { chk(a, 4, 'read/write'); return DV.getInt32(a, true); }
/** u64 as a JS number: exact below 2^53, which every counter here stays under. */
export function rd64(a: kaddr_t): number {
  if ((a & 7) === 0 && a >= MAP_LO && a < fast_end) return U32[(a >>> 2) + 1]! * 0x100000000 + U32[a >>> 2]!;
  return rd64_slow(a);
}
function rd64_slow(a: kaddr_t): number {
  chk(a, 8, 'read/write');
  return DV.getUint32(a + 4, true) * 0x100000000 + DV.getUint32(a, true);
}
export function wr8(a: kaddr_t, v: number): void {
  if (a >= MAP_LO && a < fast_end) U8[a] = v;
  else wr8_slow(a, v);
}
function wr8_slow(a: kaddr_t, v: number): void { chk(a, 1, 'read/write'); DV.setUint8(a, v); }
export function wr16(a: kaddr_t, v: number): void {
  if ((a & 1) === 0 && a >= MAP_LO && a < fast_end) U16[a >>> 1] = v;
  else wr16_slow(a, v);
}
function wr16_slow(a: kaddr_t, v: number): void { chk(a, 2, 'read/write'); DV.setUint16(a, v, true); }
export function wr32(a: kaddr_t, v: number): void {
  if ((a & 3) === 0 && a >= MAP_LO && a < fast_end) U32[a >>> 2] = v;
  else wr32_slow(a, v);
}
function wr32_slow(a: kaddr_t, v: number): void { chk(a, 4, 'read/write'); DV.setUint32(a, v >>> 0, true); }
export function wr64(a: kaddr_t, v: number): void {
  if ((a & 7) === 0 && a >= MAP_LO && a < fast_end) {
    U32[a >>> 2] = v % 0x100000000;
    U32[(a >>> 2) + 1] = Math.floor(v / 0x100000000);
  } else wr64_slow(a, v);
}
function wr64_slow(a: kaddr_t, v: number): void {
  chk(a, 8, 'read/write');
  DV.setUint32(a, v % 0x100000000, true);
  DV.setUint32(a + 4, Math.floor(v / 0x100000000), true);
}
/** Big-endian 16-bit load, for wire fields read as host-order numbers. */
export function rd16be(a: kaddr_t): number { chk(a, 2, 'read/write'); return DV.getUint16(a, false); }

/**
 * Read a pointer field; NULL is 0; anything that is not a direct-map pointer oopses. The fast
 * path answers aligned direct-map pointers and NULL (both common); the rest go to the slow one.
 */
export function rdptr(a: kaddr_t): kaddr_t {
  if ((a & 7) === 0 && a >= MAP_LO && a < fast_end) {
    const hi = U32[(a >>> 2) + 1];
    if (hi === 0xffff8880) return U32[a >>> 2]!; // PAGE_OFFSET_HI
    if (hi === 0 && U32[a >>> 2] === 0) return 0; // NULL
  }
  return rdptr_slow(a);
}
function rdptr_slow(a: kaddr_t): kaddr_t {
  chk(a, 8, 'read/write');
  const lo = DV.getUint32(a, true), hi = DV.getUint32(a + 4, true);
  if (hi === PAGE_OFFSET_HI) return lo;
  if (hi === 0 && lo === 0) return NULL;
  throw new KernelOops(
    `general protection fault, probably for non-canonical address 0x${hex8(hi)}${hex8(lo)} (pointer read at ${fmt_kaddr(a)})`);
}
export function wrptr(a: kaddr_t, p: kaddr_t): void {
  if ((a & 7) === 0 && a >= MAP_LO && a < fast_end) {
    U32[a >>> 2] = p;
    U32[(a >>> 2) + 1] = p === 0 ? 0 : 0xffff8880; // NULL : PAGE_OFFSET_HI
  } else wrptr_slow(a, p);
}
function wrptr_slow(a: kaddr_t, p: kaddr_t): void {
  chk(a, 8, 'read/write');
  DV.setUint32(a, p >>> 0, true);
  DV.setUint32(a + 4, p === NULL ? 0 : PAGE_OFFSET_HI, true);
}
/** Raw 8-byte read as (hi, lo), for function pointers and debug dumps. */
export function rdraw64(a: kaddr_t): [number, number] {
  chk(a, 8, 'read/write');
  return [DV.getUint32(a + 4, true), DV.getUint32(a, true)];
}
export function wrraw64(a: kaddr_t, hi: number, lo: number): void {
  chk(a, 8, 'read/write');
  DV.setUint32(a, lo >>> 0, true);
  DV.setUint32(a + 4, hi >>> 0, true);
}

/** A zero-copy byte view of [a, a+len). */
export function bytes(a: kaddr_t, len: number): Uint8Array {
  chk(a, len, 'bytes');
  return U8.subarray(a, a + len);
}
/** The Node Buffer over the whole direct map and the offset of `a` in it (for buffer-layout). */
export function buffer_at(a: kaddr_t): [Buffer, number] {
  chk(a, 1, 'buffer');
  return [BUF, a];
}
export function memset(a: kaddr_t, c: number, len: number): void {
  chk(a, len, 'memset');
  U8.fill(c, a, a + len);
}
/** copyWithin copies as if through a temporary, so overlapping ranges are fine: memcpy is memmove. */
export function memcpy(dst: kaddr_t, src: kaddr_t, len: number): void {
  if (!(dst >= MAP_LO && dst + len <= mapped_end && src >= MAP_LO && src + len <= mapped_end)) fault(dst, 'memcpy');
  U8.copyWithin(dst, src, src + len);
}
export const memmove = memcpy;
export function copy_to(dst: kaddr_t, src: Uint8Array): void {
  chk(dst, src.length, 'copy_to');
  U8.set(src, dst);
}

/** A C string of at most `max` bytes at `a`. */
export function rdstr(a: kaddr_t, max: number): string {
  const b = bytes(a, max);
  let n = b.indexOf(0);
  if (n < 0) n = max;
  return Buffer.from(b.buffer, b.byteOffset, n).toString('latin1');
}
export function wrstr(a: kaddr_t, s: string, size: number): void {
  const b = bytes(a, size);
  b.fill(0);
  const n = Math.min(s.length, size - 1);
  for (let i = 0; i < n; i++) b[i] = s.charCodeAt(i) & 0xff;
}

export function hex8(n: number): string { return (n >>> 0).toString(16).padStart(8, '0'); }
export function fmt_kaddr(a: kaddr_t): string {
  return a === NULL ? '0000000000000000' : `${hex8(PAGE_OFFSET_HI)}${hex8(a)}`;
}
