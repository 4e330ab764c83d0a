// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/linux/if_arp.h: the ARPHRD_* device types kveth looks at (dev->type). */
export const ARPHRD_NETROM = 0;
export const ARPHRD_ETHER = 1;
export const ARPHRD_AX25 = 3;
export const ARPHRD_IEEE802 = 6;
export const ARPHRD_DLCI = 15;
export const ARPHRD_IEEE1394 = 24;
export const ARPHRD_TUNNEL = 768;
export const ARPHRD_TUNNEL6 = 769;
export const ARPHRD_LOOPBACK = 772;
export const ARPHRD_FDDI = 774;
export const ARPHRD_SIT = 776;
export const ARPHRD_NONE = 0xfffe;
