// SPDX-License-Identifier: GPL-2.0-only
/*
 * Struct views: a class per kernel struct whose instances hold only an address, with one accessor
 * per field reading or writing simulated memory at the field's offset from the layout profile.
 * define_fields() installs those accessors on the class prototype, so the classes themselves only
 * `declare` the fields with their TypeScript types, and `dev.mtu` in kveth reads what
 * `dev->mtu` reads in the kernel.
 */
import { NULL, kaddr_t, rd16, rd32, rd64, rd8, rdptr, rds32, wr16, wr32, wr64, wr8, wrptr } from './mem';
import { struct_layout } from './layout';

export type field_kind = 'u8' | 'u16' | 'u32' | 's32' | 'u64' | 'ptr' | 'be16' | (new (a: kaddr_t) => { addr: kaddr_t });

export interface kview { readonly addr: kaddr_t }

/**
 * Offset of a field, or of a byte-aligned integer bitfield (priv_flags:32, rtnl_link_state:16,
 * pcpu_stat_type:8 are declared as bitfields in 6.12 but sit on whole bytes).
 */
export function int_off(S: struct_layout, f: string): number {
  const d = S.field(f);
  if (d.bit_size === undefined) return d.offset;
  if ((d.bit_offset! & 7) === 0 && (d.bit_size === 8 || d.bit_size === 16 || d.bit_size === 32)) return d.offset + d.bit_offset! / 8;
  throw new Error(`kveth: ${S.name}.${f} is a sub-byte bitfield; use S.bits()`);
}

export function define_fields(cls: { prototype: object }, S: struct_layout, spec: Record<string, field_kind>): void {
  for (const [name, kind] of Object.entries(spec)) {
    const f = name.replace(/^_kv_/, '');
    const o = int_off(S, f);
    let get: (this: kview) => unknown;
    let set: (this: kview, v: never) => void;
    switch (kind) {
      case 'u8': get = function () { return rd8(this.addr + o); }; set = function (v: number) { wr8(this.addr + o, v); }; break;
      case 'u16': case 'be16':
        get = function () { return rd16(this.addr + o); }; set = function (v: number) { wr16(this.addr + o, v); }; break;
      case 'u32': get = function () { return rd32(this.addr + o); }; set = function (v: number) { wr32(this.addr + o, v); }; break;
      case 's32': get = function () { return rds32(this.addr + o); }; set = function (v: number) { wr32(this.addr + o, v); }; break;
      case 'u64': get = function () { return rd64(this.addr + o); }; set = function (v: number) { wr64(this.addr + o, v); }; break;
      case 'ptr': get = function () { return rdptr(this.addr + o); }; set = function (v: kaddr_t) { wrptr(this.addr + o, v); }; break;
      default: {
        const C = kind;
        get = function () { const p = rdptr(this.addr + o); return p === NULL ? null : new C(p); };
        set = function (v: kview | null) { wrptr(this.addr + o, v === null ? NULL : v.addr); };
      }
    }
    Object.defineProperty(cls.prototype, name, { get, set, configurable: false, enumerable: false });
  }
}
