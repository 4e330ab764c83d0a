// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated kernel memory: the direct map.
 *
 * Kernel virtual addresses of the linear map look like 0xffff888000000000 + phys. kveth keeps the
 * low 32 bits as a JS number (a `kaddr_t`, always < 2^32) and writes pointers into structs as the
 * full 8-byte little-endian value 0xffff8880_xxxxxxxx, so a pointer field seen in a hexdump looks
 * like a kernel one. 0 is NULL. Memory is a set of 16 MiB chunks created on demand; an address
 * resolves to (chunk, offset) with one shift and one mask, so struct fields are read and written
 * in place with DataView at their real offsets.
 *
 * Text addresses (function pointers) live at 0xffffffff_8xxxxxxx, see kallsyms.ts.
 */

export type kaddr_t = number;

export const NULL = 0;
export const PAGE_OFFSET_HI = 0xffff8880;
export const TEXT_HI = 0xffffffff;

export const CHUNK_SHIFT = 24;
export const CHUNK_SIZE = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_SIZE - 1;
/** The first chunk is never handed out, so small integers are never valid addresses. */
export const FIRST_CHUNK = 1;
export const MAX_CHUNKS = 256; // 4 GiB of simulated direct map

export const dv: DataView[] = [];
export const u8v: Uint8Array[] = [];
export const bufv: Buffer[] = [];
/*
 * Aligned aliases of each chunk, for the hot path: an access whose offset is a multiple of its
 * size reads/writes these typed arrays (one element load), anything else goes through the
 * DataView. Typed arrays use the host's byte order, so they are only created on a little-endian
 * host (the layout is x86_64's); on a big-endian one they stay empty and every access takes the
 * DataView path. The literal 24 and 0xffffff below are CHUNK_SHIFT and CHUNK_MASK, written out so
 * the compiled code does not load them from the module's exports.
 */
const u16v: Uint16Array[] = [];
const u32v: Uint32Array[] = [];
const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Raised for accesses the real kernel would oops on (bad pointer, unmapped address). */
export class KernelOops extends Error {
  constructor(msg: string) {
    super(msg);
    this.name = 'KernelOops';
  }
}

export function map_chunk(idx: number): void {
  if (idx <= 0 || idx >= MAX_CHUNKS) throw new KernelOops(`out of simulated memory (chunk ${idx})`);
  if (dv[idx]) return;
  const ab = new ArrayBuffer(CHUNK_SIZE);
  dv[idx] = new DataView(ab);
  u8v[idx] = new Uint8Array(ab);
  bufv[idx] = Buffer.from(ab);
  if (HOST_LE) {
    u16v[idx] = new Uint16Array(ab);
    u32v[idx] = new Uint32Array(ab);
  }
}

function fault(a: number, what: string): never {
  throw new KernelOops(`BUG: unable to handle page fault for address: ${fmt_kaddr(a)} (${what})`);
}

function view(a: kaddr_t): DataView {
  const d = dv[a >>> 24];
  if (d === undefined) fault(a, 'read/write');
  return d;
}

export function rd8(a: kaddr_t): number {
  const m = u8v[a >>> 24];
  if (m === undefined) fault(a, 'read/write');
  return m[a & 0xffffff]!;
}
export function rd16(a: kaddr_t): number {
  const m = u16v[a >>> 24];
  if ((a & 1) === 0 && m !== undefined) return m[(a & 0xffffff) >>> 1]!;
  return view(a).getUint16(a & CHUNK_MASK, true);
}
export function rd32(a: kaddr_t): number {
  const m = u32v[a >>> 24];
  if ((a & 3) === 0 && m !== undefined) return m[(a & 0xffffff) >>> 2]!;
  return view(a).getUint32(a & CHUNK_MASK, true);
}
export function rds32(a: kaddr_t): number {
  const m = u32v[a >>> 24];
  if ((a & 3) === 0 && m !== undefined) return m[(a & 0xffffff) >>> 2]! | 0;
  return view(a).getInt32(a & CHUNK_MASK, true);
}
/** u64 as a JS number: exact below 2^53, which every counter here stays under. */
export function rd64(a: kaddr_t): number {
  const m = u32v[a >>> 24];
  if ((a & 7) === 0 && m !== undefined) {
    const i = (a & 0xffffff) >>> 2;
    return m[i + 1]! * 0x100000000 + m[i]!;
  }
  const d = view(a), o = a & CHUNK_MASK;
  return d.getUint32(o + 4, true) * 0x100000000 + d.getUint32(o, true);
}
export function wr8(a: kaddr_t, v: number): void {
  const m = u8v[a >>> 24];
  if (m === undefined) fault(a, 'read/write');
  m[a & 0xffffff] = v;
}
export function wr16(a: kaddr_t, v: number): void {
  const m = u16v[a >>> 24];
  if ((a & 1) === 0 && m !== undefined) { m[(a & 0xffffff) >>> 1] = v; return; }
  view(a).setUint16(a & CHUNK_MASK, v, true);
}
export function wr32(a: kaddr_t, v: number): void {
  const m = u32v[a >>> 24];
  if ((a & 3) === 0 && m !== undefined) { m[(a & 0xffffff) >>> 2] = v >>> 0; return; }
  view(a).setUint32(a & CHUNK_MASK, v >>> 0, true);
}
export function wr64(a: kaddr_t, v: number): void {
  const m = u32v[a >>> 24];
  if ((a & 7) === 0 && m !== undefined) {
    const i = (a & 0xffffff) >>> 2;
    m[i] = v % 0x100000000;
    m[i + 1] = Math.floor(v / 0x100000000);
    return;
  }
  const d = view(a), o = a & CHUNK_MASK;
  d.setUint32(o, v % 0x100000000, true);
  d.setUint32(o + 4, Math.floor(v / 0x100000000), true);
}
/** Big-endian 16-bit load, for wire fields read as host-order numbers. */
export function rd16be(a: kaddr_t): number { return view(a).getUint16(a & CHUNK_MASK, false); }

/** Read a pointer field; NULL is 0; anything that is not a direct-map pointer oopses. */
export function rdptr(a: kaddr_t): kaddr_t {
  const m = u32v[a >>> 24];
  let lo: number, hi: number;
  if ((a & 7) === 0 && m !== undefined) {
    const i = (a & 0xffffff) >>> 2;
    lo = m[i]!; hi = m[i + 1]!;
  } else {
    const d = view(a), o = a & CHUNK_MASK;
    lo = d.getUint32(o, true); hi = d.getUint32(o + 4, true);
  }
  if (hi === 0xffff8880) return lo; // PAGE_OFFSET_HI
  if (hi === 0 && lo === 0) return 0; // NULL
  return bad_ptr(a, hi, lo);
}
function bad_ptr(a: kaddr_t, hi: number, lo: number): never {
  throw new KernelOops(
    `general protection fault, probably for non-canonical address 0x${hex8(hi)}${hex8(lo)} (pointer read at ${fmt_kaddr(a)})`);
}
export function wrptr(a: kaddr_t, p: kaddr_t): void {
  const m = u32v[a >>> 24];
  if ((a & 7) === 0 && m !== undefined) {
    const i = (a & 0xffffff) >>> 2;
    m[i] = p;
    m[i + 1] = p === 0 ? 0 : 0xffff8880; // NULL : PAGE_OFFSET_HI
    return;
  }
  const d = view(a), o = a & CHUNK_MASK;
  d.setUint32(o, p >>> 0, true);
  d.setUint32(o + 4, p === NULL ? 0 : PAGE_OFFSET_HI, true);
}
/** Raw 8-byte read as (hi, lo), for function pointers and debug dumps. */
export function rdraw64(a: kaddr_t): [number, number] {
  const d = view(a), o = a & CHUNK_MASK;
  return [d.getUint32(o + 4, true), d.getUint32(o, true)];
}
export function wrraw64(a: kaddr_t, hi: number, lo: number): void {
  const d = view(a), o = a & CHUNK_MASK;
  d.setUint32(o, lo >>> 0, true);
  d.setUint32(o + 4, hi >>> 0, true);
}

/** A zero-copy byte view of [a, a+len). Never crosses a chunk (allocations do not). */
export function bytes(a: kaddr_t, len: number): Uint8Array {
  const c = u8v[a >>> CHUNK_SHIFT];
  if (c === undefined) fault(a, 'bytes');
  const o = a & CHUNK_MASK;
  if (o + len > CHUNK_SIZE) fault(a + len, 'bytes past chunk');
  return c.subarray(o, o + len);
}
/** The Node Buffer of the chunk holding `a` and the offset inside it (for buffer-layout). */
export function buffer_at(a: kaddr_t): [Buffer, number] {
  const b = bufv[a >>> CHUNK_SHIFT];
  if (b === undefined) fault(a, 'buffer');
  return [b, a & CHUNK_MASK];
}
export function memset(a: kaddr_t, c: number, len: number): void {
  const u = u8v[a >>> CHUNK_SHIFT];
  const o = a & CHUNK_MASK;
  if (u === undefined || o + len > CHUNK_SIZE) fault(a, 'memset');
  u.fill(c, o, o + len);
}
export function memcpy(dst: kaddr_t, src: kaddr_t, len: number): void {
  const d = u8v[dst >>> CHUNK_SHIFT], s = u8v[src >>> CHUNK_SHIFT];
  const od = dst & CHUNK_MASK, os = src & CHUNK_MASK;
  if (d === undefined || s === undefined || od + len > CHUNK_SIZE || os + len > CHUNK_SIZE) fault(dst, 'memcpy');
  if (d === s) d.copyWithin(od, os, os + len);
  else d.set(s.subarray(os, os + len), od);
}
export function memmove(dst: kaddr_t, src: kaddr_t, len: number): void {
  bytes(dst, len).set(bytes(src, len).slice());
}
export function copy_to(dst: kaddr_t, src: Uint8Array): void {
  const d = u8v[dst >>> CHUNK_SHIFT];
  const od = dst & CHUNK_MASK;
  if (d === undefined || od + src.length > CHUNK_SIZE) fault(dst, 'copy_to');
  d.set(src, od);
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
