// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/linux/if_addr.h (6.12.117): struct ifaddrmsg and the IFA_* attribute types. */
/** struct ifaddrmsg: ifa_family, ifa_prefixlen, ifa_flags, ifa_scope (u8 each), ifa_index (u32) */
export const SIZEOF_IFADDRMSG = 8;
export const IFADDRMSG_ifa_family = 0;
export const IFADDRMSG_ifa_prefixlen = 1;
export const IFADDRMSG_ifa_flags = 2;
export const IFADDRMSG_ifa_scope = 3;
export const IFADDRMSG_ifa_index = 4;
export const IFA_UNSPEC = 0;
export const IFA_ADDRESS = 1;
export const IFA_LOCAL = 2;
export const IFA_LABEL = 3;
export const IFA_BROADCAST = 4;
export const IFA_ANYCAST = 5;
export const IFA_CACHEINFO = 6;
export const IFA_MULTICAST = 7;
export const IFA_FLAGS = 8;
export const IFA_RT_PRIORITY = 9;
export const IFA_TARGET_NETNSID = 10;
export const IFA_PROTO = 11;
export const IFA_MAX = IFA_PROTO;
/** sizeof(struct ifa_cacheinfo): four u32 */
export const SIZEOF_IFA_CACHEINFO = 16;
