// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/net/netlink.h: struct nlattr access. Attributes are bytes in simulated memory; a parsed
 * attribute table is `tb: kaddr_t[]` indexed by type, 0 where absent, like `struct nlattr *tb[]`.
 */
import { kaddr_t, rd16, rd32, bytes } from '../../sim/mem';

export const NLA_HDRLEN = 4;
export const NLA_ALIGNTO = 4;
export function NLA_ALIGN(len: number): number { return (len + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1); }
export const NLA_F_NESTED = 1 << 15;
export const NLA_F_NET_BYTEORDER = 1 << 14;
export const NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

export type nlattr_tb = kaddr_t[];

/** include/net/netlink.h:1250 nla_type */
export function nla_type(nla: kaddr_t): number { return rd16(nla + 2) & NLA_TYPE_MASK; }
/** include/net/netlink.h:1259 nla_data */
export function nla_data(nla: kaddr_t): kaddr_t { return nla + NLA_HDRLEN; }
/** include/net/netlink.h:1268 nla_len */
export function nla_len(nla: kaddr_t): number { return rd16(nla) - NLA_HDRLEN; }
/** include/net/netlink.h:1706 nla_get_u32 */
export function nla_get_u32(nla: kaddr_t): number { return rd32(nla_data(nla)); }
/** include/net/netlink.h:1815 nla_get_s32 */
export function nla_get_s32(nla: kaddr_t): number { return rd32(nla_data(nla)) | 0; }
/** include/net/netlink.h:1278 nla_ok */
export function nla_ok(nla: kaddr_t, remaining: number): boolean {
  return remaining >= NLA_HDRLEN && rd16(nla) >= NLA_HDRLEN && rd16(nla) <= remaining;
}
/** include/net/netlink.h:1293 nla_next: returns [next, remaining] */
export function nla_next(nla: kaddr_t, remaining: number): [kaddr_t, number] {
  const totlen = NLA_ALIGN(rd16(nla));
  return [nla + totlen, remaining - totlen];
}
/** nla_data as bytes */
export function nla_bytes(nla: kaddr_t): Uint8Array { return bytes(nla_data(nla), nla_len(nla)); }
/** lib/nlattr.c nla_strscpy-like read of a string attribute (stops at NUL or the attribute end) */
export function nla_string(nla: kaddr_t): string {
  const b = nla_bytes(nla);
  let n = b.indexOf(0);
  if (n < 0) n = b.length;
  return Buffer.from(b.buffer, b.byteOffset, n).toString('latin1');
}
