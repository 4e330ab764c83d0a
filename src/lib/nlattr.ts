// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/nlattr.c: validating and parsing netlink attribute streams against a policy, and writing
 * attributes into an sk_buff (nla_reserve, nla_put).
 *
 * Attributes are bytes in simulated memory; a parse fills `tb` (an array of attribute addresses,
 * 0 where absent). The validation flags (NL_VALIDATE_*) give the strict and liberal behaviours
 * exactly as the kernel combines them. Not ported: NLA_BITFIELD32 and NLA_NESTED_ARRAY contents
 * (no policy kveth uses has either), and NLA_VALIDATE_FUNCTION callbacks (none either).
 *
 * This module must not read include/net/netlink.ts values at load time (the two import each
 * other), so the constants it needs at top level are spelled out here.
 */
import { NULL, kaddr_t, rd8, rd16, rd32, rd64, rds32, wr16, bytes, memcpy, memset } from '../sim/mem';
import {
  nla_data, nla_len, nla_type, nla_ok, nla_next, nla_total_size, nla_attr_size, nla_padlen, nlattr_tb, nla_policy,
  nla_policy_table, netlink_ext_ack, netlink_range_validation, policy_entry, NL_SET_ERR_MSG, NL_SET_ERR_MSG_ATTR, NL_SET_ERR_MSG_ATTR_POL, NL_SET_BAD_ATTR,
  NLA_UNSPEC, NLA_U8, NLA_U16, NLA_U32, NLA_U64, NLA_STRING, NLA_FLAG, NLA_MSECS, NLA_NESTED,
  NLA_NESTED_ARRAY, NLA_NUL_STRING, NLA_BINARY, NLA_S8, NLA_S16, NLA_S32, NLA_S64, NLA_BITFIELD32, NLA_REJECT, NLA_BE16,
  NLA_BE32, NLA_SINT, NLA_UINT, NLA_VALIDATE_NONE, NLA_VALIDATE_RANGE, NLA_VALIDATE_RANGE_WARN_TOO_LONG,
  NLA_VALIDATE_MIN, NLA_VALIDATE_MAX, NLA_VALIDATE_MASK, NLA_VALIDATE_RANGE_PTR, NLA_VALIDATE_FUNCTION,
  NL_VALIDATE_STRICT, NL_VALIDATE_STRICT_ATTRS, NL_VALIDATE_NESTED, NL_VALIDATE_UNSPEC, NL_VALIDATE_MAXTYPE,
  NL_VALIDATE_TRAILING,
} from '../include/net/netlink';
import { NLA_F_NESTED, NLA_HDRLEN } from '../include/uapi/linux/netlink';
import { E2BIG, EINVAL, EMSGSIZE, ERANGE } from '../include/uapi/linux/errno';
// after include/net/netlink, which loads netdevice before skbuff (they import each other)
import { sk_buff, skb_tailroom } from '../include/linux/skbuff';
import { skb_put } from '../net/core/skbuff';

/* nla_attr_len / nla_attr_minlen, indexed by NLA_* (U8=1, U16, U32, U64, .., MSECS=7, NESTED=8, S8=12..S64=15, BE16=18, BE32=19) */
const nla_attr_len: readonly number[] = [0, 1, 2, 4, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 0, 0, 2, 4, 0, 0];
const nla_attr_minlen: readonly number[] = [0, 1, 2, 4, 8, 0, 0, 8, 4, 0, 0, 0, 1, 2, 4, 8, 0, 0, 2, 4, 0, 0];
const MAX_POLICY_RECURSION_DEPTH = 10;
const U8_MAX = 0xff, U16_MAX = 0xffff, U32_MAX = 0xffffffff, U64_MAX = Number.MAX_SAFE_INTEGER;

function warn(msg: string): void { if (process.env.KVETH_NETLINK_WARN) console.error(msg); }

/** lib/nlattr.c:119 nla_get_range_unsigned */
export function nla_get_range_unsigned(pt: nla_policy, range: netlink_range_validation): void {
  range.min = 0;
  switch (pt.type) {
    case NLA_U8: range.max = U8_MAX; break;
    case NLA_U16: case NLA_BE16: case NLA_BINARY: range.max = U16_MAX; break;
    case NLA_U32: case NLA_BE32: range.max = U32_MAX; break;
    case NLA_U64: case NLA_UINT: case NLA_MSECS: range.max = U64_MAX; break;
    default: return; // WARN_ON_ONCE
  }
  switch (pt.validation_type ?? NLA_VALIDATE_NONE) {
    case NLA_VALIDATE_RANGE: case NLA_VALIDATE_RANGE_WARN_TOO_LONG:
      range.min = pt.min ?? 0; range.max = pt.max ?? 0; break;
    case NLA_VALIDATE_RANGE_PTR: range.min = pt.range!.min; range.max = pt.range!.max; break;
    case NLA_VALIDATE_MIN: range.min = pt.min ?? 0; break;
    case NLA_VALIDATE_MAX: range.max = pt.max ?? 0; break;
    default: break;
  }
}

/** lib/nlattr.c:170 nla_validate_range_unsigned */
function nla_validate_range_unsigned(pt: nla_policy, nla: kaddr_t, extack: netlink_ext_ack | null, validate: number): number {
  const range: netlink_range_validation = { min: 0, max: 0 };
  let value: number;
  const d = nla_data(nla);
  switch (pt.type) {
    case NLA_U8: value = rd8(d); break;
    case NLA_U16: value = rd16(d); break;
    case NLA_U32: value = rd32(d); break;
    case NLA_U64: case NLA_MSECS: value = rd64(d); break;
    case NLA_UINT: value = nla_len(nla) === 4 ? rd32(d) : rd64(d); break; // nla_get_uint
    case NLA_BINARY: value = nla_len(nla); break;
    case NLA_BE16: value = (rd8(d) << 8) | rd8(d + 1); break;
    case NLA_BE32: value = ((rd8(d) << 24) | (rd8(d + 1) << 16) | (rd8(d + 2) << 8) | rd8(d + 3)) >>> 0; break;
    default: return -EINVAL;
  }
  nla_get_range_unsigned(pt, range);
  if (pt.validation_type === NLA_VALIDATE_RANGE_WARN_TOO_LONG && pt.type === NLA_BINARY && value > range.max) {
    warn(`netlink: 'kveth': attribute type ${pt.type} has an invalid length.`);
    if (validate & NL_VALIDATE_STRICT_ATTRS) {
      NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, 'invalid attribute length');
      return -EINVAL;
    }
    return 0;
  }
  if (value < range.min || value > range.max) {
    const binary = pt.type === NLA_BINARY;
    if (binary) NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, 'binary attribute size out of range');
    else NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, 'integer out of range');
    return -ERANGE;
  }
  return 0;
}

/** lib/nlattr.c:242 nla_get_range_signed */
export function nla_get_range_signed(pt: nla_policy, range: netlink_range_validation): void {
  switch (pt.type) {
    case NLA_S8: range.min = -128; range.max = 127; break;
    case NLA_S16: range.min = -32768; range.max = 32767; break;
    case NLA_S32: range.min = -2147483648; range.max = 2147483647; break;
    case NLA_S64: case NLA_SINT: range.min = Number.MIN_SAFE_INTEGER; range.max = Number.MAX_SAFE_INTEGER; break;
    default: return; // WARN_ON_ONCE
  }
  switch (pt.validation_type ?? NLA_VALIDATE_NONE) {
    case NLA_VALIDATE_RANGE: range.min = pt.min ?? 0; range.max = pt.max ?? 0; break;
    case NLA_VALIDATE_RANGE_PTR: range.min = pt.range!.min; range.max = pt.range!.max; break;
    case NLA_VALIDATE_MIN: range.min = pt.min ?? 0; break;
    case NLA_VALIDATE_MAX: range.max = pt.max ?? 0; break;
    default: break;
  }
}

/** lib/nlattr.c:287 nla_validate_int_range_signed */
function nla_validate_int_range_signed(pt: nla_policy, nla: kaddr_t, extack: netlink_ext_ack | null): number {
  const range: netlink_range_validation = { min: 0, max: 0 };
  const d = nla_data(nla);
  let value: number;
  switch (pt.type) {
    case NLA_S8: value = (rd8(d) << 24) >> 24; break;
    case NLA_S16: value = (rd16(d) << 16) >> 16; break;
    case NLA_S32: value = rds32(d); break;
    case NLA_S64: value = rds32(d + 4) * 0x100000000 + rd32(d); break;
    case NLA_SINT: value = nla_len(nla) === 4 ? rds32(d) : rds32(d + 4) * 0x100000000 + rd32(d); break;
    default: return -EINVAL;
  }
  nla_get_range_signed(pt, range);
  if (value < range.min || value > range.max) {
    NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, 'integer out of range');
    return -ERANGE;
  }
  return 0;
}

/** lib/nlattr.c:325 nla_validate_int_range */
function nla_validate_int_range(pt: nla_policy, nla: kaddr_t, extack: netlink_ext_ack | null, validate: number): number {
  switch (pt.type) {
    case NLA_U8: case NLA_U16: case NLA_U32: case NLA_U64: case NLA_UINT: case NLA_MSECS: case NLA_BINARY:
    case NLA_BE16: case NLA_BE32:
      return nla_validate_range_unsigned(pt, nla, extack, validate);
    case NLA_S8: case NLA_S16: case NLA_S32: case NLA_S64: case NLA_SINT:
      return nla_validate_int_range_signed(pt, nla, extack);
    default:
      return -EINVAL; // WARN_ON(1)
  }
}

/** lib/nlattr.c:353 nla_validate_mask */
function nla_validate_mask(pt: nla_policy, nla: kaddr_t, extack: netlink_ext_ack | null): number {
  const d = nla_data(nla);
  let value: number;
  switch (pt.type) {
    case NLA_U8: value = rd8(d); break;
    case NLA_U16: value = rd16(d); break;
    case NLA_U32: value = rd32(d); break;
    case NLA_U64: value = rd64(d); break;
    case NLA_UINT: value = nla_len(nla) === 4 ? rd32(d) : rd64(d); break;
    case NLA_BE16: value = (rd8(d) << 8) | rd8(d + 1); break;
    case NLA_BE32: value = ((rd8(d) << 24) | (rd8(d + 1) << 16) | (rd8(d + 2) << 8) | rd8(d + 3)) >>> 0; break;
    default: return -EINVAL;
  }
  if (BigInt(value) & ~BigInt(pt.mask ?? 0)) {
    NL_SET_ERR_MSG_ATTR(extack, nla, 'reserved bit set');
    return -EINVAL;
  }
  return 0;
}

/** lib/nlattr.c:393 validate_nla */
export function validate_nla(nla: kaddr_t, maxtype: number, policy: nla_policy_table, validate: number,
  extack: netlink_ext_ack | null, depth: number): number {
  const strict_start_type = policy_entry(policy, 0).strict_start_type ?? 0;
  let minlen = 0, attrlen = nla_len(nla);
  const type = nla_type(nla);
  let err = -ERANGE;
  if (strict_start_type && type >= strict_start_type) validate |= NL_VALIDATE_STRICT;
  if (type <= 0 || type > maxtype) return 0;
  const pt = policy_entry(policy, type);
  const raw_type = rd16(nla + 2);
  out_err: {
    if (nla_attr_len[pt.type] && attrlen !== nla_attr_len[pt.type]) {
      warn(`netlink: 'kveth': attribute type ${type} has an invalid length.`);
      if (validate & NL_VALIDATE_STRICT_ATTRS) {
        NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, 'invalid attribute length');
        return -EINVAL;
      }
    }
    if (validate & NL_VALIDATE_NESTED) {
      if ((pt.type === NLA_NESTED || pt.type === NLA_NESTED_ARRAY) && !(raw_type & NLA_F_NESTED)) {
        NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, 'NLA_F_NESTED is missing');
        return -EINVAL;
      }
      if (pt.type !== NLA_NESTED && pt.type !== NLA_NESTED_ARRAY && pt.type !== NLA_UNSPEC && (raw_type & NLA_F_NESTED)) {
        NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, 'NLA_F_NESTED not expected');
        return -EINVAL;
      }
    }
    switch (pt.type) {
      case NLA_REJECT:
        if (extack && pt.reject_message) {
          NL_SET_BAD_ATTR(extack, nla);
          extack.msg = pt.reject_message;
          return -EINVAL;
        }
        err = -EINVAL;
        break out_err;
      case NLA_FLAG:
        if (attrlen > 0) break out_err;
        break;
      case NLA_SINT: case NLA_UINT:
        if (attrlen !== 4 && attrlen !== 8) {
          NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, 'invalid attribute length');
          return -EINVAL;
        }
        break;
      case NLA_BITFIELD32:
        // validate_nla_bitfield32 is not ported: no kveth policy has an NLA_BITFIELD32 entry
        if (attrlen !== 8) break out_err;
        break;
      case NLA_NUL_STRING:
      case NLA_STRING: {
        if (pt.type === NLA_NUL_STRING) {
          if (pt.len) minlen = Math.min(attrlen, pt.len + 1);
          else minlen = attrlen;
          if (!minlen || bytes(nla_data(nla), minlen).indexOf(0) < 0) { err = -EINVAL; break out_err; }
        }
        if (attrlen < 1) break out_err;
        if (pt.len) {
          if (rd8(nla_data(nla) + attrlen - 1) === 0) attrlen--;
          if (attrlen > pt.len) break out_err;
        }
        break;
      }
      case NLA_BINARY:
        if (pt.len && attrlen > pt.len) break out_err;
        break;
      case NLA_NESTED:
        if (attrlen === 0) break;
        if (attrlen < NLA_HDRLEN) break out_err;
        if (pt.nested_policy) {
          const e = __nla_validate_parse(nla_data(nla), nla_len(nla), pt.len ?? 0, pt.nested_policy, validate, extack,
            null, depth + 1);
          if (e < 0) return e; // keep the inner message and attribute
        }
        break;
      case NLA_NESTED_ARRAY:
        if (attrlen === 0) break;
        if (attrlen < NLA_HDRLEN) break out_err;
        // nla_validate_array: not ported, no kveth policy has NLA_NESTED_ARRAY with a nested policy
        break;
      case NLA_UNSPEC:
        if (validate & NL_VALIDATE_UNSPEC) {
          NL_SET_ERR_MSG_ATTR(extack, nla, 'Unsupported attribute');
          return -EINVAL;
        }
        if (attrlen < (pt.len ?? 0)) break out_err;
        break;
      default:
        if (pt.len) minlen = pt.len;
        else minlen = nla_attr_minlen[pt.type] ?? 0;
        if (attrlen < minlen) break out_err;
    }
    switch (pt.validation_type ?? NLA_VALIDATE_NONE) {
      case NLA_VALIDATE_NONE: break;
      case NLA_VALIDATE_RANGE_PTR: case NLA_VALIDATE_RANGE: case NLA_VALIDATE_RANGE_WARN_TOO_LONG:
      case NLA_VALIDATE_MIN: case NLA_VALIDATE_MAX:
        err = nla_validate_int_range(pt, nla, extack, validate);
        if (err) return err;
        break;
      case NLA_VALIDATE_MASK:
        err = nla_validate_mask(pt, nla, extack);
        if (err) return err;
        break;
      case NLA_VALIDATE_FUNCTION:
        break; // no kveth policy carries a validate callback
    }
    return 0;
  }
  // out_err:
  NL_SET_ERR_MSG_ATTR_POL(extack, nla, pt, 'Attribute failed policy validation');
  return err;
}

/** lib/nlattr.c:604 __nla_validate_parse */
export function __nla_validate_parse(head: kaddr_t, len: number, maxtype: number, policy: nla_policy_table | null,
  validate: number, extack: netlink_ext_ack | null, tb: nlattr_tb | null, depth: number): number {
  if (depth >= MAX_POLICY_RECURSION_DEPTH) {
    NL_SET_ERR_MSG(extack, 'allowed policy recursion depth exceeded');
    return -EINVAL;
  }
  if (tb) for (let i = 0; i <= maxtype; i++) tb[i] = 0;
  let rem = len;
  let nla = head;
  for (; nla_ok(nla, rem); [nla, rem] = nla_next(nla, rem)) { // nla_for_each_attr
    const type = nla_type(nla);
    if (type === 0 || type > maxtype) {
      if (validate & NL_VALIDATE_MAXTYPE) {
        NL_SET_ERR_MSG_ATTR(extack, nla, 'Unknown attribute type');
        return -EINVAL;
      }
      continue;
    }
    if (policy) {
      const err = validate_nla(nla, maxtype, policy, validate, extack, depth);
      if (err < 0) return err;
    }
    if (tb) tb[type] = nla;
  }
  if (rem > 0) {
    warn(`netlink: ${rem} bytes leftover after parsing attributes in process \`kveth'.`);
    NL_SET_ERR_MSG(extack, 'bytes leftover after parsing attributes');
    if (validate & NL_VALIDATE_TRAILING) return -EINVAL;
  }
  return 0;
}

/** lib/nlattr.c:673 __nla_validate */
export function __nla_validate(head: kaddr_t, len: number, maxtype: number, policy: nla_policy_table, validate: number,
  extack: netlink_ext_ack | null): number {
  return __nla_validate_parse(head, len, maxtype, policy, validate, extack, null, 0);
}

/** lib/nlattr.c:727 __nla_parse */
export function __nla_parse(tb: nlattr_tb, maxtype: number, head: kaddr_t, len: number, policy: nla_policy_table | null,
  validate: number, extack: netlink_ext_ack | null): number {
  return __nla_validate_parse(head, len, maxtype, policy, validate, extack, tb, 0);
}

/**
 * lib/nlattr.c:772 nla_strscpy: returns [string copied (at most dstsize - 1 bytes), srclen or -E2BIG].
 * The destination buffer is the returned JS string.
 */
export function nla_strscpy(nla: kaddr_t, dstsize: number): [string, number] {
  let srclen = nla_len(nla);
  const src = nla_data(nla);
  if (dstsize === 0 || dstsize > U16_MAX) return ['', -E2BIG];
  if (srclen > 0 && rd8(src + srclen - 1) === 0) srclen--;
  let len: number, ret: number;
  if (srclen >= dstsize) { len = dstsize - 1; ret = -E2BIG; } else { len = srclen; ret = len; }
  const b = bytes(src, len);
  let n = b.indexOf(0); // a C string ends at the first NUL
  if (n < 0) n = len;
  return [Buffer.from(b.buffer, b.byteOffset, n).toString('latin1'), ret];
}

/** lib/nlattr.c:836 nla_memcpy */
export function nla_memcpy(dest: kaddr_t, src: kaddr_t, count: number): number {
  const minlen = Math.min(count, nla_len(src));
  memcpy(dest, nla_data(src), minlen);
  if (count > minlen) memset(dest + minlen, 0, count - minlen);
  return minlen;
}

/** lib/nlattr.c:902 __nla_reserve */
export function __nla_reserve(skb: sk_buff, attrtype: number, attrlen: number): kaddr_t {
  const nla = skb_put(skb, nla_total_size(attrlen));
  wr16(nla + 2, attrtype);
  wr16(nla, nla_attr_size(attrlen));
  memset(nla + nla_attr_size(attrlen), 0, nla_padlen(attrlen));
  return nla;
}
/** lib/nlattr.c:967 nla_reserve */
export function nla_reserve(skb: sk_buff, attrtype: number, attrlen: number): kaddr_t {
  if (skb_tailroom(skb) < nla_total_size(attrlen)) return NULL;
  return __nla_reserve(skb, attrtype, attrlen);
}
/** lib/nlattr.c:1094 nla_put: 0 or -EMSGSIZE (with __nla_put inlined) */
export function nla_put(skb: sk_buff, attrtype: number, attrlen: number, data: Uint8Array | kaddr_t): number {
  if (skb_tailroom(skb) < nla_total_size(attrlen)) return -EMSGSIZE;
  const nla = __nla_reserve(skb, attrtype, attrlen);
  if (typeof data === 'number') memcpy(nla_data(nla), data, attrlen);
  else bytes(nla_data(nla), attrlen).set(data.subarray(0, attrlen));
  return 0;
}
/** lib/nlattr.c:1115 nla_put_64bit (x86_64 has efficient unaligned access: no IFLA_PAD is ever needed) */
export function nla_put_64bit(skb: sk_buff, attrtype: number, attrlen: number, data: Uint8Array | kaddr_t, _padattr: number): number {
  return nla_put(skb, attrtype, attrlen, data);
}
