// SPDX-License-Identifier: GPL-2.0-only
/*
 * Struct layouts from a BTF-derived profile (kernel-ref/layouts/*.json, made by
 * kernel-ref/btf-profile.ts). Nothing here guesses an offset: a field that the profile does not
 * have is an error at load time, naming the struct and field.
 *
 * Each struct is also declared as a buffer-layout Structure (fields in offset order, gaps as
 * blobs, the first alternative of each union), which is what the struct dumper and by-name
 * field access use to decode/encode fields in place in simulated memory. The hot path reads the
 * same offsets through the small accessor classes in include/linux/*.ts.
 *
 * KVETH_LAYOUT=<name> selects another profile (e.g. live-running); the default is the Debian
 * 6.12.117 amd64 one.
 */
import * as BL from 'buffer-layout';
import * as fs from 'fs';
import * as path from 'path';
import { buffer_at, kaddr_t } from './mem';
import { KVETH_ROOT } from './paths';

export interface field_desc {
  offset: number;
  size: number;
  type: string;
  bit_offset?: number;
  bit_size?: number;
}
export interface struct_desc { size: number; fields: Record<string, field_desc> }
export interface profile { profile: string; generated_by: string; source: string; structs: Record<string, struct_desc> }

export const LAYOUT_DIR = path.join(KVETH_ROOT, 'kernel-ref', 'layouts');
export const DEFAULT_PROFILE = '6.12.117-debian-amd64';

function load(name: string): profile {
  const file = path.join(LAYOUT_DIR, `${name}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(`kveth: layout profile "${name}" not found (${file}); see kernel-ref/btf-profile.ts`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as profile;
}

export const PROFILE: profile = load(process.env.KVETH_LAYOUT || DEFAULT_PROFILE);

/** A layout: the struct's size, its fields' offsets, and its buffer-layout declaration. */
export class struct_layout {
  readonly size: number;
  readonly fields: Record<string, field_desc>;
  private _bl?: BL.Structure;
  constructor(readonly name: string, d: struct_desc) {
    this.size = d.size;
    this.fields = d.fields;
  }
  field(f: string): field_desc {
    const d = this.fields[f];
    if (d === undefined) throw new Error(`kveth: struct ${this.name} has no field "${f}" in layout profile ${PROFILE.profile}`);
    return d;
  }
  /** offsetof(struct name, f) */
  off(f: string): number { return this.field(f).offset; }
  /** For a bitfield: [byte offset of the containing byte, shift inside it, mask]. */
  bits(f: string): [number, number, number] {
    const d = this.field(f);
    if (d.bit_size === undefined || d.bit_offset === undefined) throw new Error(`kveth: ${this.name}.${f} is not a bitfield`);
    const byte = d.offset + (d.bit_offset >> 3);
    const shift = d.bit_offset & 7;
    if (shift + d.bit_size > 8) throw new Error(`kveth: ${this.name}.${f} straddles a byte`);
    return [byte, shift, ((1 << d.bit_size) - 1) << shift];
  }
  has(f: string): boolean { return this.fields[f] !== undefined; }

  /** The buffer-layout Structure for this struct (built on first use). */
  get bl(): BL.Structure {
    if (this._bl) return this._bl;
    const items: BL.Layout[] = [];
    let pos = 0;
    const sorted = Object.entries(this.fields)
      .filter(([, d]) => d.bit_size === undefined)
      .sort((a, b) => a[1].offset - b[1].offset);
    let pad = 0;
    for (const [n, d] of sorted) {
      if (d.offset < pos) continue; // a later union alternative
      if (d.offset > pos) items.push(BL.blob(d.offset - pos, `__pad${pad++}`));
      items.push(leaf_layout(n, d));
      pos = d.offset + d.size;
    }
    if (this.size > pos) items.push(BL.blob(this.size - pos, `__pad${pad++}`));
    this._bl = BL.struct(items, this.name);
    return this._bl;
  }

  /** Read one field in place with buffer-layout. */
  get(addr: kaddr_t, f: string): number | Buffer | string {
    const d = this.field(f);
    const [b, o] = buffer_at(addr);
    if (d.bit_size !== undefined) {
      const [byte, shift, mask] = this.bits(f);
      return (b.readUInt8(o + byte) & mask) >> shift;
    }
    return leaf_layout(f, d).decode(b, o + d.offset);
  }
  /** Write one field in place with buffer-layout. */
  set(addr: kaddr_t, f: string, v: number | Buffer): void {
    const d = this.field(f);
    const [b, o] = buffer_at(addr);
    if (d.bit_size !== undefined) {
      const [byte, shift, mask] = this.bits(f);
      b.writeUInt8((b.readUInt8(o + byte) & ~mask) | ((Number(v) << shift) & mask), o + byte);
      return;
    }
    leaf_layout(f, d).encode(v as never, b, o + d.offset);
  }
}

function is_signed(t: string): boolean {
  return /^(int|s8|s16|s32|s64|long int|short int|long long int|signed char|ktime_t)$/.test(t) ||
    /^(atomic_t|atomic64_t|atomic_long_t)$/.test(t);
}

/** Scalars of 1/2/4/8 bytes become integers; everything else is a blob of its size. */
function leaf_layout(n: string, d: field_desc): BL.Layout {
  const pointer = d.type.includes('*');
  if (!pointer && !d.type.includes('[') && !d.type.startsWith('struct ') && !d.type.startsWith('union ')) {
    const s = is_signed(d.type);
    switch (d.size) {
      case 1: return s ? BL.s8(n) : BL.u8(n);
      case 2: return s ? BL.s16(n) : BL.u16(n);
      case 4: return s ? BL.s32(n) : BL.u32(n);
      case 8: return s ? BL.ns64(n) : BL.nu64(n);
    }
  }
  return BL.blob(d.size, n);
}

const cache = new Map<string, struct_layout>();
/** The layout of `struct name` in the active profile. */
export function struct_(name: string): struct_layout {
  let l = cache.get(name);
  if (l === undefined) {
    const d = PROFILE.structs[name];
    if (d === undefined) throw new Error(`kveth: struct ${name} is not in layout profile ${PROFILE.profile}`);
    l = new struct_layout(name, d);
    cache.set(name, l);
  }
  return l;
}
