// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/linux/if_ether.h: Ethernet constants (host order; compare with htons()). */
export const ETH_ALEN = 6;
export const ETH_TLEN = 2;
export const ETH_HLEN = 14;
export const ETH_ZLEN = 60;
export const ETH_DATA_LEN = 1500;
export const ETH_FRAME_LEN = 1514;
export const ETH_MIN_MTU = 68;
export const ETH_MAX_MTU = 0xffff;

export const ETH_P_LOOP = 0x0060;
export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;
export const ETH_P_8021Q = 0x8100;
export const ETH_P_IPV6 = 0x86dd;
export const ETH_P_8021AD = 0x88a8;
export const ETH_P_802_3_MIN = 0x0600;
export const ETH_P_802_3 = 0x0001;
export const ETH_P_AX25 = 0x0002;
export const ETH_P_ALL = 0x0003;
export const ETH_P_802_2 = 0x0004;
export const ETH_P_XDSA = 0x00f8;
