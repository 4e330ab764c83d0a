// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/linux/rtnetlink.h and net_namespace.h: message types and NETNSA attributes. */
/** the highest family rtnetlink keeps handlers for */
export const RTNL_FAMILY_MAX = 129;
export const RTM_BASE = 16;
export const RTM_NEWLINK = 16;
export const RTM_DELLINK = 17;
export const RTM_GETLINK = 18;
export const RTM_SETLINK = 19;
export const RTM_NEWADDR = 20;
export const RTM_DELADDR = 21;
export const RTM_GETADDR = 22;
export const RTM_NEWNSID = 88;
export const RTM_DELNSID = 89;
export const RTM_GETNSID = 90;
/** (((__RTM_MAX + 3) & ~3) - 1) with __RTM_MAX = RTM_GETTUNNEL + 1 = 123 */
export const RTM_MAX = ((123 + 3) & ~3) - 1;

/* include/uapi/linux/net_namespace.h */
export const NETNSA_NONE = 0;
export const NETNSA_NSID = 1;
export const NETNSA_PID = 2;
export const NETNSA_FD = 3;
export const NETNSA_TARGET_NSID = 4;
export const NETNSA_CURRENT_NSID = 5;
export const NETNSA_MAX = 5;
export const NETNSA_NSID_NOT_ASSIGNED = -1;

/* struct rtgenmsg / struct ifinfomsg sizes */
export const SIZEOF_RTGENMSG = 1;
export const SIZEOF_IFINFOMSG = 16;
export const AF_UNSPEC = 0;
/* include/linux/socket.h */
export const AF_INET = 2;
export const AF_INET6 = 10;

/* include/uapi/linux/rtnetlink.h RTEXT_FILTER_* */
export const RTEXT_FILTER_VF = 1 << 0;
export const RTEXT_FILTER_SKIP_STATS = 1 << 3;
