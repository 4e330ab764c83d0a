// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/netlink/policy.c: describing one policy entry as attributes, which the extended ack uses
 * to tell user space what a rejected attribute should have looked like (NLMSGERR_ATTR_POLICY).
 * The whole-family policy dumps (netlink_policy_dump_add_policy and the state machine) are not
 * ported: only genetlink uses them.
 */
import { kaddr_t } from '../../sim/mem';
import type { sk_buff } from '../../include/linux/skbuff';
import {
  nla_policy, nla_attr_size, nla_nest_start, nla_nest_cancel, nla_nest_end, nla_put_u32, nla_put_u64_64bit, nla_put_s64,
  NLA_UNSPEC, NLA_REJECT, NLA_NESTED, NLA_NESTED_ARRAY, NLA_U8, NLA_U16, NLA_U32, NLA_U64, NLA_MSECS, NLA_S8, NLA_S16,
  NLA_S32, NLA_S64, NLA_SINT, NLA_UINT, NLA_BITFIELD32, NLA_STRING, NLA_NUL_STRING, NLA_BINARY, NLA_FLAG,
  NLA_VALIDATE_MASK, NLA_VALIDATE_RANGE, NLA_VALIDATE_RANGE_WARN_TOO_LONG, netlink_range_validation,
} from '../../include/net/netlink';
import { nla_get_range_unsigned, nla_get_range_signed } from '../../lib/nlattr';
import {
  NL_ATTR_TYPE_NESTED, NL_ATTR_TYPE_NESTED_ARRAY, NL_ATTR_TYPE_U8, NL_ATTR_TYPE_U16, NL_ATTR_TYPE_U32, NL_ATTR_TYPE_U64,
  NL_ATTR_TYPE_UINT, NL_ATTR_TYPE_S8, NL_ATTR_TYPE_S16, NL_ATTR_TYPE_S32, NL_ATTR_TYPE_S64, NL_ATTR_TYPE_SINT,
  NL_ATTR_TYPE_BITFIELD32, NL_ATTR_TYPE_STRING, NL_ATTR_TYPE_NUL_STRING, NL_ATTR_TYPE_BINARY, NL_ATTR_TYPE_FLAG,
  NL_POLICY_TYPE_ATTR_MASK, NL_POLICY_TYPE_ATTR_PAD, NL_POLICY_TYPE_ATTR_MIN_VALUE_U, NL_POLICY_TYPE_ATTR_MAX_VALUE_U,
  NL_POLICY_TYPE_ATTR_MIN_VALUE_S, NL_POLICY_TYPE_ATTR_MAX_VALUE_S, NL_POLICY_TYPE_ATTR_BITFIELD32_MASK,
  NL_POLICY_TYPE_ATTR_MIN_LENGTH, NL_POLICY_TYPE_ATTR_MAX_LENGTH, NL_POLICY_TYPE_ATTR_TYPE,
} from '../../include/uapi/linux/netlink';
import { ENOBUFS, ENODATA } from '../../include/uapi/linux/errno';

/** net/netlink/policy.c:210 netlink_policy_dump_attr_size_estimate */
export function netlink_policy_dump_attr_size_estimate(pt: nla_policy): number {
  const common = 2 * nla_attr_size(4);
  switch (pt.type) {
    case NLA_UNSPEC: case NLA_REJECT: return 0;
    case NLA_NESTED: case NLA_NESTED_ARRAY: return common + 2 * nla_attr_size(4);
    case NLA_U8: case NLA_U16: case NLA_U32: case NLA_U64: case NLA_MSECS: case NLA_S8: case NLA_S16: case NLA_S32:
    case NLA_S64: case NLA_SINT: case NLA_UINT:
      return common + 2 * (nla_attr_size(0) + nla_attr_size(8));
    case NLA_BITFIELD32: return common + nla_attr_size(4);
    case NLA_STRING: case NLA_NUL_STRING: case NLA_BINARY: return common + 2 * nla_attr_size(4);
    case NLA_FLAG: return common;
  }
  return 0;
}

/** net/netlink/policy.c:254 __netlink_policy_dump_write_attr (without a dump state: no policy indices) */
function __netlink_policy_dump_write_attr(skb: sk_buff, pt: nla_policy, nestattr: number): number {
  let type: number;
  const attr: kaddr_t = nla_nest_start(skb, nestattr);
  if (!attr) return -ENOBUFS;
  failure: {
    switch (pt.type) {
      default:
      case NLA_UNSPEC:
      case NLA_REJECT:
        nla_nest_cancel(skb, attr);
        return -ENODATA;
      case NLA_NESTED:
      case NLA_NESTED_ARRAY:
        type = pt.type === NLA_NESTED ? NL_ATTR_TYPE_NESTED : NL_ATTR_TYPE_NESTED_ARRAY;
        break; // the policy index attributes need a dump state, which is NULL here
      case NLA_U8: case NLA_U16: case NLA_U32: case NLA_U64: case NLA_UINT: case NLA_MSECS: {
        const range: netlink_range_validation = { min: 0, max: 0 };
        if (pt.type === NLA_U8) type = NL_ATTR_TYPE_U8;
        else if (pt.type === NLA_U16) type = NL_ATTR_TYPE_U16;
        else if (pt.type === NLA_U32) type = NL_ATTR_TYPE_U32;
        else if (pt.type === NLA_U64) type = NL_ATTR_TYPE_U64;
        else type = NL_ATTR_TYPE_UINT;
        if (pt.validation_type === NLA_VALIDATE_MASK) {
          if (nla_put_u64_64bit(skb, NL_POLICY_TYPE_ATTR_MASK, pt.mask ?? 0, NL_POLICY_TYPE_ATTR_PAD)) break failure;
          break;
        }
        nla_get_range_unsigned(pt, range);
        if (nla_put_u64_64bit(skb, NL_POLICY_TYPE_ATTR_MIN_VALUE_U, range.min, NL_POLICY_TYPE_ATTR_PAD) ||
          nla_put_u64_64bit(skb, NL_POLICY_TYPE_ATTR_MAX_VALUE_U, range.max, NL_POLICY_TYPE_ATTR_PAD)) break failure;
        break;
      }
      case NLA_S8: case NLA_S16: case NLA_S32: case NLA_S64: case NLA_SINT: {
        const range: netlink_range_validation = { min: 0, max: 0 };
        if (pt.type === NLA_S8) type = NL_ATTR_TYPE_S8;
        else if (pt.type === NLA_S16) type = NL_ATTR_TYPE_S16;
        else if (pt.type === NLA_S32) type = NL_ATTR_TYPE_S32;
        else if (pt.type === NLA_S64) type = NL_ATTR_TYPE_S64;
        else type = NL_ATTR_TYPE_SINT;
        nla_get_range_signed(pt, range);
        if (nla_put_s64(skb, NL_POLICY_TYPE_ATTR_MIN_VALUE_S, range.min, NL_POLICY_TYPE_ATTR_PAD) ||
          nla_put_s64(skb, NL_POLICY_TYPE_ATTR_MAX_VALUE_S, range.max, NL_POLICY_TYPE_ATTR_PAD)) break failure;
        break;
      }
      case NLA_BITFIELD32:
        type = NL_ATTR_TYPE_BITFIELD32;
        if (nla_put_u32(skb, NL_POLICY_TYPE_ATTR_BITFIELD32_MASK, 0)) break failure;
        break;
      case NLA_STRING: case NLA_NUL_STRING: case NLA_BINARY:
        if (pt.type === NLA_STRING) type = NL_ATTR_TYPE_STRING;
        else if (pt.type === NLA_NUL_STRING) type = NL_ATTR_TYPE_NUL_STRING;
        else type = NL_ATTR_TYPE_BINARY;
        if (pt.validation_type === NLA_VALIDATE_RANGE || pt.validation_type === NLA_VALIDATE_RANGE_WARN_TOO_LONG) {
          const range: netlink_range_validation = { min: 0, max: 0 };
          nla_get_range_unsigned(pt, range);
          if (range.min && nla_put_u32(skb, NL_POLICY_TYPE_ATTR_MIN_LENGTH, range.min)) break failure;
          if (range.max < 0xffff && nla_put_u32(skb, NL_POLICY_TYPE_ATTR_MAX_LENGTH, range.max)) break failure;
        } else if (pt.len && nla_put_u32(skb, NL_POLICY_TYPE_ATTR_MAX_LENGTH, pt.len)) {
          break failure;
        }
        break;
      case NLA_FLAG:
        type = NL_ATTR_TYPE_FLAG;
        break;
    }
    if (nla_put_u32(skb, NL_POLICY_TYPE_ATTR_TYPE, type)) break failure;
    nla_nest_end(skb, attr);
    return 0;
  }
  nla_nest_cancel(skb, attr);
  return -ENOBUFS;
}

/** net/netlink/policy.c:416 netlink_policy_dump_write_attr */
export function netlink_policy_dump_write_attr(skb: sk_buff, pt: nla_policy, nestattr: number): number {
  return __netlink_policy_dump_write_attr(skb, pt, nestattr);
}
