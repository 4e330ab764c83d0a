// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/linux/in.h: the IPPROTO_* protocol numbers kveth's receive path looks at. */
export const IPPROTO_IP = 0;
export const IPPROTO_ICMP = 1;
export const IPPROTO_IGMP = 2;
export const IPPROTO_IPIP = 4;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_GRE = 47;
export const IPPROTO_MPLS = 137;
