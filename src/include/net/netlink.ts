// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/net/netlink.h: struct nlattr access. Attributes are bytes in simulated memory; a parsed
 * attribute table is `tb: kaddr_t[]` indexed by type, 0 where absent, like `struct nlattr *tb[]`.
 * The uapi macros and constants (NLA_*, NLMSG_ALIGN, NLMSG_HDRLEN) come from
 * include/uapi/linux/netlink.ts and are exported again here, as the C header includes that one.
 */
import '../linux/netdevice'; // load order: netdevice before skbuff (they import each other)
import { NULL, kaddr_t, rd8, rd16, rd32, wr16, wr32, bytes, memset } from '../../sim/mem';
import { sk_buff, skb_tailroom, skb_tail_pointer } from '../linux/skbuff';
import { alloc_skb, skb_put, kfree_skb } from '../../net/core/skbuff';
import { __nla_parse, nla_strscpy, nla_put, nla_put_64bit } from '../../lib/nlattr';
import {
  NLA_ALIGN, NLA_ALIGNTO, NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_HDRLEN, NLA_TYPE_MASK, NLMSG_ALIGN, NLMSG_HDRLEN,
  NLM_F_DUMP_INTR, NLM_F_ECHO,
} from '../uapi/linux/netlink';
import { EINVAL } from '../uapi/linux/errno';

export { NLA_ALIGN, NLA_ALIGNTO, NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_HDRLEN, NLA_TYPE_MASK, NLMSG_ALIGN, NLMSG_HDRLEN };
// lib/nlattr.c's attribute writers, which this header declares
export { __nla_reserve, nla_reserve, nla_put, nla_put_64bit } from '../../lib/nlattr';

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
/** nla_data as bytes @sim */
export function nla_bytes(nla: kaddr_t): Uint8Array { return bytes(nla_data(nla), nla_len(nla)); }
/** a string attribute as C reads it: up to the first NUL or the attribute's end (nla_strscpy into a big enough buffer) @sim */
export function nla_string(nla: kaddr_t): string { return nla_strscpy(nla, nla_len(nla) + 1)[0]; }

/* ------------------------------------------------------------------------------------------
 * Attribute policies (struct nla_policy), validation levels, and the extended ack
 */
export const NLA_UNSPEC = 0;
export const NLA_U8 = 1;
export const NLA_U16 = 2;
export const NLA_U32 = 3;
export const NLA_U64 = 4;
export const NLA_STRING = 5;
export const NLA_FLAG = 6;
export const NLA_MSECS = 7;
export const NLA_NESTED = 8;
export const NLA_NESTED_ARRAY = 9;
export const NLA_NUL_STRING = 10;
export const NLA_BINARY = 11;
export const NLA_S8 = 12;
export const NLA_S16 = 13;
export const NLA_S32 = 14;
export const NLA_S64 = 15;
export const NLA_BITFIELD32 = 16;
export const NLA_REJECT = 17;
export const NLA_BE16 = 18;
export const NLA_BE32 = 19;
export const NLA_SINT = 20;
export const NLA_UINT = 21;
export const NLA_TYPE_MAX = 21;

export const NLA_VALIDATE_NONE = 0;
export const NLA_VALIDATE_RANGE = 1;
export const NLA_VALIDATE_RANGE_WARN_TOO_LONG = 2;
export const NLA_VALIDATE_MIN = 3;
export const NLA_VALIDATE_MAX = 4;
export const NLA_VALIDATE_MASK = 5;
export const NLA_VALIDATE_RANGE_PTR = 6;
export const NLA_VALIDATE_FUNCTION = 7;

export const NL_VALIDATE_LIBERAL = 0;
export const NL_VALIDATE_TRAILING = 1 << 0;
export const NL_VALIDATE_MAXTYPE = 1 << 1;
export const NL_VALIDATE_UNSPEC = 1 << 2;
export const NL_VALIDATE_STRICT_ATTRS = 1 << 3;
export const NL_VALIDATE_NESTED = 1 << 4;
export const NL_VALIDATE_DEPRECATED_STRICT = NL_VALIDATE_TRAILING | NL_VALIDATE_MAXTYPE;
export const NL_VALIDATE_STRICT = NL_VALIDATE_TRAILING | NL_VALIDATE_MAXTYPE | NL_VALIDATE_UNSPEC |
  NL_VALIDATE_STRICT_ATTRS | NL_VALIDATE_NESTED;

/** struct netlink_range_validation (and its signed twin: the same shape in JS numbers) */
export interface netlink_range_validation { min: number; max: number }

/** include/net/netlink.h:337 struct nla_policy */
export interface nla_policy {
  type: number;
  validation_type?: number;
  /** maximum/minimum length; for NLA_NESTED with nested_policy, the nested maxtype */
  len?: number;
  min?: number;
  max?: number;
  mask?: number;
  range?: netlink_range_validation;
  nested_policy?: readonly (nla_policy | undefined)[];
  strict_start_type?: number;
  reject_message?: string;
}
/** a policy array: `const struct nla_policy policy[maxtype + 1]`, holes are { .type = NLA_UNSPEC } */
export type nla_policy_table = readonly (nla_policy | undefined)[];
const NLA_POLICY_UNSPEC: nla_policy = { type: NLA_UNSPEC };
/** &policy[type], with the zero-filled default for entries a C initialiser leaves out @sim */
export function policy_entry(policy: nla_policy_table, type: number): nla_policy {
  return policy[type] ?? NLA_POLICY_UNSPEC;
}
/** include/net/netlink.h:429 NLA_POLICY_FULL_RANGE */
export function NLA_POLICY_FULL_RANGE(tp: number, range: netlink_range_validation): nla_policy {
  return { type: tp, validation_type: NLA_VALIDATE_RANGE_PTR, range };
}
/** include/net/netlink.h:441 NLA_POLICY_MIN */
export function NLA_POLICY_MIN(tp: number, min: number): nla_policy {
  return { type: tp, validation_type: NLA_VALIDATE_MIN, min };
}

/** include/linux/netlink.h:81 struct netlink_ext_ack (the fields kveth reports back) */
export interface netlink_ext_ack {
  /** _msg: a static message (the kernel keeps a pointer to a string constant) */
  msg?: string;
  bad_attr?: kaddr_t;
  policy?: nla_policy | null;
  miss_type?: number;
  miss_nest?: kaddr_t;
}
/** include/linux/netlink.h:97 NL_SET_ERR_MSG */
export function NL_SET_ERR_MSG(extack: netlink_ext_ack | null | undefined, msg: string): void {
  if (extack) extack.msg = msg;
}
/** include/linux/netlink.h:142 NL_SET_BAD_ATTR_POLICY */
export function NL_SET_BAD_ATTR_POLICY(extack: netlink_ext_ack | null | undefined, attr: kaddr_t, pol: nla_policy | null): void {
  if (extack) { extack.bad_attr = attr; extack.policy = pol; }
}
/** include/linux/netlink.h:149 NL_SET_BAD_ATTR */
export function NL_SET_BAD_ATTR(extack: netlink_ext_ack | null | undefined, attr: kaddr_t): void {
  NL_SET_BAD_ATTR_POLICY(extack, attr, null);
}
/** include/linux/netlink.h:151 NL_SET_ERR_MSG_ATTR_POL */
export function NL_SET_ERR_MSG_ATTR_POL(extack: netlink_ext_ack | null | undefined, attr: kaddr_t, pol: nla_policy | null,
  msg: string): void {
  if (extack) { extack.msg = msg; extack.bad_attr = attr; extack.policy = pol; }
}
/** include/linux/netlink.h:183 NL_SET_ERR_MSG_ATTR */
export function NL_SET_ERR_MSG_ATTR(extack: netlink_ext_ack | null | undefined, attr: kaddr_t, msg: string): void {
  NL_SET_ERR_MSG_ATTR_POL(extack, attr, null, msg);
}

/* ------------------------------------------------------------------------------------------
 * struct nlmsghdr: u32 nlmsg_len, u16 nlmsg_type, u16 nlmsg_flags, u32 nlmsg_seq, u32 nlmsg_pid
 */
/** nlh->nlmsg_len @sim */
export function nlh_len(nlh: kaddr_t): number { return rd32(nlh); }
/** nlh->nlmsg_type @sim */
export function nlh_type(nlh: kaddr_t): number { return rd16(nlh + 4); }
/** nlh->nlmsg_flags @sim */
export function nlh_flags(nlh: kaddr_t): number { return rd16(nlh + 6); }
/** nlh->nlmsg_seq @sim */
export function nlh_seq(nlh: kaddr_t): number { return rd32(nlh + 8); }
/** include/net/netlink.h:571 nlmsg_msg_size */
export function nlmsg_msg_size(payload: number): number { return NLMSG_HDRLEN + payload; }
/** include/net/netlink.h:580 nlmsg_total_size */
export function nlmsg_total_size(payload: number): number { return NLMSG_ALIGN(nlmsg_msg_size(payload)); }
/** include/net/netlink.h:598 nlmsg_data */
export function nlmsg_data(nlh: kaddr_t): kaddr_t { return nlh + NLMSG_HDRLEN; }
/** include/net/netlink.h:607 nlmsg_len */
export function nlmsg_len(nlh: kaddr_t): number { return nlh_len(nlh) - NLMSG_HDRLEN; }
/** include/net/netlink.h:617 nlmsg_attrdata */
export function nlmsg_attrdata(nlh: kaddr_t, hdrlen: number): kaddr_t { return nlmsg_data(nlh) + NLMSG_ALIGN(hdrlen); }
/** include/net/netlink.h:629 nlmsg_attrlen */
export function nlmsg_attrlen(nlh: kaddr_t, hdrlen: number): number { return nlmsg_len(nlh) - NLMSG_ALIGN(hdrlen); }

/** include/net/netlink.h:1760 nla_get_u8 */
export function nla_get_u8(nla: kaddr_t): number { return rd8(nla_data(nla)); }
/** include/net/netlink.h:1733 nla_get_u16 */
export function nla_get_u16(nla: kaddr_t): number { return rd16(nla_data(nla)); }
/** include/net/netlink.h:1232 nla_total_size */
export function nla_total_size(payload: number): number { return NLA_ALIGN(NLA_HDRLEN + payload); }
/** include/net/netlink.h:1223 nla_attr_size */
export function nla_attr_size(payload: number): number { return NLA_HDRLEN + payload; }
/** include/net/netlink.h:1241 nla_padlen */
export function nla_padlen(payload: number): number { return nla_total_size(payload) - nla_attr_size(payload); }

/* Parsing: the inline wrappers of include/net/netlink.h around lib/nlattr.c's __nla_parse. */
/** include/net/netlink.h:680 nla_parse */
export function nla_parse(tb: nlattr_tb, maxtype: number, head: kaddr_t, len: number, policy: nla_policy_table | null,
  extack: netlink_ext_ack | null): number {
  return __nla_parse(tb, maxtype, head, len, policy, NL_VALIDATE_STRICT, extack);
}
/** include/net/netlink.h:705 nla_parse_deprecated */
export function nla_parse_deprecated(tb: nlattr_tb, maxtype: number, head: kaddr_t, len: number,
  policy: nla_policy_table | null, extack: netlink_ext_ack | null): number {
  return __nla_parse(tb, maxtype, head, len, policy, NL_VALIDATE_LIBERAL, extack);
}
/** include/net/netlink.h:730 nla_parse_deprecated_strict */
export function nla_parse_deprecated_strict(tb: nlattr_tb, maxtype: number, head: kaddr_t, len: number,
  policy: nla_policy_table | null, extack: netlink_ext_ack | null): number {
  return __nla_parse(tb, maxtype, head, len, policy, NL_VALIDATE_DEPRECATED_STRICT, extack);
}
/** include/net/netlink.h:752 __nlmsg_parse */
export function __nlmsg_parse(nlh: kaddr_t, hdrlen: number, tb: nlattr_tb, maxtype: number, policy: nla_policy_table | null,
  validate: number, extack: netlink_ext_ack | null): number {
  if (nlh_len(nlh) < nlmsg_msg_size(hdrlen)) {
    NL_SET_ERR_MSG(extack, 'Invalid header length');
    return -EINVAL;
  }
  return __nla_parse(tb, maxtype, nlmsg_attrdata(nlh, hdrlen), nlmsg_attrlen(nlh, hdrlen), policy, validate, extack);
}
/** include/net/netlink.h:779 nlmsg_parse */
export function nlmsg_parse(nlh: kaddr_t, hdrlen: number, tb: nlattr_tb, maxtype: number, policy: nla_policy_table | null,
  extack: netlink_ext_ack | null): number {
  return __nlmsg_parse(nlh, hdrlen, tb, maxtype, policy, NL_VALIDATE_STRICT, extack);
}
/** include/net/netlink.h:799 nlmsg_parse_deprecated */
export function nlmsg_parse_deprecated(nlh: kaddr_t, hdrlen: number, tb: nlattr_tb, maxtype: number,
  policy: nla_policy_table | null, extack: netlink_ext_ack | null): number {
  return __nlmsg_parse(nlh, hdrlen, tb, maxtype, policy, NL_VALIDATE_LIBERAL, extack);
}
/** include/net/netlink.h:820 nlmsg_parse_deprecated_strict */
export function nlmsg_parse_deprecated_strict(nlh: kaddr_t, hdrlen: number, tb: nlattr_tb, maxtype: number,
  policy: nla_policy_table | null, extack: netlink_ext_ack | null): number {
  return __nlmsg_parse(nlh, hdrlen, tb, maxtype, policy, NL_VALIDATE_DEPRECATED_STRICT, extack);
}
/** include/net/netlink.h:1324 nla_parse_nested */
export function nla_parse_nested(tb: nlattr_tb, maxtype: number, nla: kaddr_t, policy: nla_policy_table | null,
  extack: netlink_ext_ack | null): number {
  if (!(rd16(nla + 2) & NLA_F_NESTED)) {
    NL_SET_ERR_MSG_ATTR(extack, nla, 'NLA_F_NESTED is missing');
    return -EINVAL;
  }
  return __nla_parse(tb, maxtype, nla_data(nla), nla_len(nla), policy, NL_VALIDATE_STRICT, extack);
}
/** include/net/netlink.h:1348 nla_parse_nested_deprecated */
export function nla_parse_nested_deprecated(tb: nlattr_tb, maxtype: number, nla: kaddr_t, policy: nla_policy_table | null,
  extack: netlink_ext_ack | null): number {
  return __nla_parse(tb, maxtype, nla_data(nla), nla_len(nla), policy, NL_VALIDATE_LIBERAL, extack);
}
/** a fresh `struct nlattr *tb[maxtype + 1]` @sim */
export function new_tb(maxtype: number): nlattr_tb { return new Array<kaddr_t>(maxtype + 1).fill(0); }

/* ------------------------------------------------------------------------------------------
 * Building messages in an sk_buff
 */
/** include/linux/netlink.h:16 nlmsg_hdr */
export function nlmsg_hdr(skb: sk_buff): kaddr_t { return skb.data; }
/** include/net/netlink.h:1207 nl_dump_check_consistent (cb: the two struct netlink_callback fields it touches) */
export function nl_dump_check_consistent(cb: { seq: number; prev_seq: number }, nlh: kaddr_t): void {
  if (cb.prev_seq && cb.seq !== cb.prev_seq) wr16(nlh + 6, rd16(nlh + 6) | NLM_F_DUMP_INTR);
  cb.prev_seq = cb.seq;
}
/** include/net/netlink.h:918 nlmsg_report: did the requester ask for an echo (NLM_F_ECHO)? */
export function nlmsg_report(nlh: kaddr_t): boolean { return nlh ? (nlh_flags(nlh) & NLM_F_ECHO) !== 0 : false; }
/** include/net/netlink.h:1027 nlmsg_new */
export function nlmsg_new(payload: number, flags: number): sk_buff | null { return alloc_skb(nlmsg_total_size(payload), flags); }
/** include/net/netlink.h:1103 nlmsg_free */
export function nlmsg_free(skb: sk_buff): void { kfree_skb(skb, 'nlmsg_free'); }
/** include/net/netlink.h:969 nlmsg_put */
export function nlmsg_put(skb: sk_buff, portid: number, seq: number, type: number, payload: number, flags: number): kaddr_t {
  if (skb_tailroom(skb) < nlmsg_total_size(payload)) return NULL;
  return __nlmsg_put(skb, portid, seq, type, payload, flags);
}
/** net/netlink/af_netlink.c:2143 __nlmsg_put */
export function __nlmsg_put(skb: sk_buff, portid: number, seq: number, type: number, len: number, flags: number): kaddr_t {
  const size = nlmsg_msg_size(len);
  const nlh = skb_put(skb, NLMSG_ALIGN(size));
  wr32(nlh, size);
  wr16(nlh + 4, type);
  wr16(nlh + 6, flags);
  wr32(nlh + 8, seq);
  wr32(nlh + 12, portid);
  if (NLMSG_ALIGN(size) - size) memset(nlmsg_data(nlh) + len, 0, NLMSG_ALIGN(size) - size);
  return nlh;
}
/** include/net/netlink.h:988 nlmsg_append */
export function nlmsg_append(skb: sk_buff, size: number): kaddr_t {
  if (skb_tailroom(skb) < NLMSG_ALIGN(size)) return NULL;
  if (NLMSG_ALIGN(size) - size) memset(skb_tail_pointer(skb) + size, 0, NLMSG_ALIGN(size) - size);
  return skb_put(skb, NLMSG_ALIGN(size));
}
/** include/net/netlink.h:1055 nlmsg_end */
export function nlmsg_end(skb: sk_buff, nlh: kaddr_t): void { wr32(nlh, skb_tail_pointer(skb) - nlh); }
/** include/net/netlink.h:1066 nlmsg_get_pos */
export function nlmsg_get_pos(skb: sk_buff): kaddr_t { return skb_tail_pointer(skb); }
/** include/net/netlink.h:1078 nlmsg_trim */
export function nlmsg_trim(skb: sk_buff, mark: kaddr_t): void {
  if (mark) { // skb_trim(skb, mark - skb->data)
    const len = mark - skb.data;
    if (skb.len > len) { skb.len = len; skb.tail = mark - skb.head; }
  }
}
/** include/net/netlink.h:1094 nlmsg_cancel */
export function nlmsg_cancel(skb: sk_buff, nlh: kaddr_t): void { nlmsg_trim(skb, nlh); }

/** include/net/netlink.h:1363 nla_put_u8 */
export function nla_put_u8(skb: sk_buff, attrtype: number, value: number): number {
  return nla_put(skb, attrtype, 1, Uint8Array.of(value & 0xff));
}
/** include/net/netlink.h:1377 nla_put_u16 */
export function nla_put_u16(skb: sk_buff, attrtype: number, value: number): number {
  return nla_put(skb, attrtype, 2, Uint8Array.of(value & 0xff, (value >>> 8) & 0xff));
}
/** include/net/netlink.h:1429 nla_put_u32 */
export function nla_put_u32(skb: sk_buff, attrtype: number, value: number): number {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, value >>> 0, true);
  return nla_put(skb, attrtype, 4, b);
}
/** include/net/netlink.h:1584 nla_put_s32 */
export function nla_put_s32(skb: sk_buff, attrtype: number, value: number): number { return nla_put_u32(skb, attrtype, value); }
/** include/net/netlink.h:1498 nla_put_u64_64bit */
export function nla_put_u64_64bit(skb: sk_buff, attrtype: number, value: number, padattr: number): number {
  const b = new Uint8Array(8);
  const d = new DataView(b.buffer);
  d.setUint32(0, value % 0x100000000, true);
  d.setUint32(4, Math.floor(value / 0x100000000), true);
  return nla_put_64bit(skb, attrtype, 8, b, padattr);
}
/** include/net/netlink.h:1598 nla_put_s64: the value's 64-bit two's complement (exact for |value| <= 2^53) */
export function nla_put_s64(skb: sk_buff, attrtype: number, value: number, padattr: number): number {
  const b = new Uint8Array(8);
  const d = new DataView(b.buffer);
  d.setUint32(0, value % 0x100000000 >>> 0, true);
  d.setUint32(4, Math.floor(value / 0x100000000) >>> 0, true);
  return nla_put_64bit(skb, attrtype, 8, b, padattr);
}
/** include/net/netlink.h:1628 nla_put_string */
export function nla_put_string(skb: sk_buff, attrtype: number, str: string): number {
  return nla_put(skb, attrtype, str.length + 1, Buffer.from(`${str}\0`, 'latin1'));
}
/** include/net/netlink.h:1939 nla_nest_start_noflag */
export function nla_nest_start_noflag(skb: sk_buff, attrtype: number): kaddr_t {
  const start = skb_tail_pointer(skb);
  if (nla_put(skb, attrtype, 0, new Uint8Array(0))) return NULL;
  return start;
}
/** include/net/netlink.h:1960 nla_nest_start */
export function nla_nest_start(skb: sk_buff, attrtype: number): kaddr_t { return nla_nest_start_noflag(skb, attrtype | NLA_F_NESTED); }
/** include/net/netlink.h:1975 nla_nest_end */
export function nla_nest_end(skb: sk_buff, start: kaddr_t): number {
  wr16(start, skb_tail_pointer(skb) - start);
  return skb.len;
}
/** include/net/netlink.h:1989 nla_nest_cancel */
export function nla_nest_cancel(skb: sk_buff, start: kaddr_t): void { nlmsg_trim(skb, start); }
