// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/linux/netlink.h: message header flags and types, socket options, extended-ack and policy attributes. */
export const NETLINK_ROUTE = 0;
export const AF_NETLINK = 16;

export const NLM_F_REQUEST = 0x01;
export const NLM_F_MULTI = 0x02;
export const NLM_F_ACK = 0x04;
export const NLM_F_ECHO = 0x08;
export const NLM_F_DUMP_INTR = 0x10;
export const NLM_F_DUMP_FILTERED = 0x20;
/* GET requests */
export const NLM_F_ROOT = 0x100;
export const NLM_F_MATCH = 0x200;
export const NLM_F_ATOMIC = 0x400;
export const NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
/* NEW requests */
export const NLM_F_REPLACE = 0x100;
export const NLM_F_EXCL = 0x200;
export const NLM_F_CREATE = 0x400;
export const NLM_F_APPEND = 0x800;
/* DELETE requests */
export const NLM_F_NONREC = 0x100;
export const NLM_F_BULK = 0x200;
/* ACK flags */
export const NLM_F_CAPPED = 0x100;
export const NLM_F_ACK_TLVS = 0x200;

export const NLMSG_ALIGNTO = 4;
/** include/uapi/linux/netlink.h:99 NLMSG_ALIGN */
export function NLMSG_ALIGN(len: number): number { return (len + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1); }
/** NLMSG_ALIGN(sizeof(struct nlmsghdr)): u32 nlmsg_len, u16 nlmsg_type, u16 nlmsg_flags, u32 nlmsg_seq, u32 nlmsg_pid */
export const NLMSG_HDRLEN = 16;
export const NLMSG_NOOP = 0x1;
export const NLMSG_ERROR = 0x2;
export const NLMSG_DONE = 0x3;
export const NLMSG_OVERRUN = 0x4;
export const NLMSG_MIN_TYPE = 0x10;

export const NLMSGERR_ATTR_UNUSED = 0;
export const NLMSGERR_ATTR_MSG = 1;
export const NLMSGERR_ATTR_OFFS = 2;
export const NLMSGERR_ATTR_COOKIE = 3;
export const NLMSGERR_ATTR_POLICY = 4;
export const NLMSGERR_ATTR_MISS_TYPE = 5;
export const NLMSGERR_ATTR_MISS_NEST = 6;

/* struct nlattr: u16 nla_len, u16 nla_type */
export const NLA_F_NESTED = 1 << 15;
export const NLA_F_NET_BYTEORDER = 1 << 14;
export const NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;
export const NLA_ALIGNTO = 4;
/** include/uapi/linux/netlink.h:249 NLA_ALIGN */
export function NLA_ALIGN(len: number): number { return (len + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1); }
/** NLA_ALIGN(sizeof(struct nlattr)) */
export const NLA_HDRLEN = 4;

export const SOL_NETLINK = 270;
export const NETLINK_ADD_MEMBERSHIP = 1;
export const NETLINK_DROP_MEMBERSHIP = 2;
export const NETLINK_PKTINFO = 3;
export const NETLINK_BROADCAST_ERROR = 4;
export const NETLINK_NO_ENOBUFS = 5;
export const NETLINK_LISTEN_ALL_NSID = 8;
export const NETLINK_CAP_ACK = 10;
export const NETLINK_EXT_ACK = 11;
export const NETLINK_GET_STRICT_CHK = 12;

export const NL_ATTR_TYPE_INVALID = 0;
export const NL_ATTR_TYPE_FLAG = 1;
export const NL_ATTR_TYPE_U8 = 2;
export const NL_ATTR_TYPE_U16 = 3;
export const NL_ATTR_TYPE_U32 = 4;
export const NL_ATTR_TYPE_U64 = 5;
export const NL_ATTR_TYPE_S8 = 6;
export const NL_ATTR_TYPE_S16 = 7;
export const NL_ATTR_TYPE_S32 = 8;
export const NL_ATTR_TYPE_S64 = 9;
export const NL_ATTR_TYPE_BINARY = 10;
export const NL_ATTR_TYPE_STRING = 11;
export const NL_ATTR_TYPE_NUL_STRING = 12;
export const NL_ATTR_TYPE_NESTED = 13;
export const NL_ATTR_TYPE_NESTED_ARRAY = 14;
export const NL_ATTR_TYPE_BITFIELD32 = 15;
export const NL_ATTR_TYPE_SINT = 16;
export const NL_ATTR_TYPE_UINT = 17;

export const NL_POLICY_TYPE_ATTR_UNSPEC = 0;
export const NL_POLICY_TYPE_ATTR_TYPE = 1;
export const NL_POLICY_TYPE_ATTR_MIN_VALUE_S = 2;
export const NL_POLICY_TYPE_ATTR_MAX_VALUE_S = 3;
export const NL_POLICY_TYPE_ATTR_MIN_VALUE_U = 4;
export const NL_POLICY_TYPE_ATTR_MAX_VALUE_U = 5;
export const NL_POLICY_TYPE_ATTR_MIN_LENGTH = 6;
export const NL_POLICY_TYPE_ATTR_MAX_LENGTH = 7;
export const NL_POLICY_TYPE_ATTR_POLICY_IDX = 8;
export const NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE = 9;
export const NL_POLICY_TYPE_ATTR_BITFIELD32_MASK = 10;
export const NL_POLICY_TYPE_ATTR_PAD = 11;
export const NL_POLICY_TYPE_ATTR_MASK = 12;
