// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/linux/if_packet.h: packet types (skb->pkt_type, sll_pkttype). */
export const PACKET_HOST = 0;
export const PACKET_BROADCAST = 1;
export const PACKET_MULTICAST = 2;
export const PACKET_OTHERHOST = 3;
export const PACKET_OUTGOING = 4;
export const PACKET_LOOPBACK = 5;
export const PACKET_USER = 6;
export const PACKET_KERNEL = 7;
