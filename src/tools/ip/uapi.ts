// SPDX-License-Identifier: GPL-2.0-only
/*
 * The uapi numbers iproute2 compiles in (linux/if_link.h, if.h, if_arp.h, net_namespace.h,
 * veth.h). Userspace compiles the same uapi headers the kernel does, so the numbers src/include/uapi
 * has are taken from there; the rest (if.h, if_arp.h, iproute2's own) are defined here.
 */
export { IFALIASZ, IFLA_ADDRESS, IFLA_AF_SPEC, IFLA_ALLMULTI, IFLA_ALT_IFNAME, IFLA_BROADCAST, IFLA_CARRIER, IFLA_CARRIER_CHANGES, IFLA_EXT_MASK, IFLA_GROUP, IFLA_GRO_MAX_SIZE, IFLA_GSO_MAX_SEGS, IFLA_GSO_MAX_SIZE, IFLA_IFALIAS, IFLA_IFNAME, IFLA_INET6_ADDR_GEN_MODE, IFLA_INET6_MAX, IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_INFO_MAX, IFLA_INFO_SLAVE_DATA, IFLA_INFO_SLAVE_KIND, IFLA_INFO_XSTATS, IFLA_LINK, IFLA_LINKINFO, IFLA_LINKMODE, IFLA_LINK_NETNSID, IFLA_MASTER, IFLA_MAX_MTU, IFLA_MIN_MTU, IFLA_MTU, IFLA_NET_NS_FD, IFLA_NET_NS_PID, IFLA_NEW_IFINDEX, IFLA_NEW_NETNSID, IFLA_NUM_RX_QUEUES, IFLA_NUM_TX_QUEUES, IFLA_OPERSTATE, IFLA_PARENT_DEV_BUS_NAME, IFLA_PARENT_DEV_NAME, IFLA_PERM_ADDRESS, IFLA_PHYS_PORT_ID, IFLA_PHYS_PORT_NAME, IFLA_PHYS_SWITCH_ID, IFLA_PROMISCUITY, IFLA_PROP_LIST, IFLA_PROTO_DOWN, IFLA_QDISC, IFLA_STATS, IFLA_STATS64, IFLA_TSO_MAX_SEGS, IFLA_TSO_MAX_SIZE, IFLA_TXQLEN, IFLA_XDP, VETH_INFO_PEER } from '../../include/uapi/linux/if_link';
export { NETNSA_FD, NETNSA_MAX, NETNSA_NSID, RTEXT_FILTER_SKIP_STATS, RTEXT_FILTER_VF } from '../../include/uapi/linux/rtnetlink';
/** parse_rtattr's table size: 6.18's IFLA_MAX, so the captured 6.18 replies parse whole (nothing past 6.12's 65 is printed) */
export const IFLA_MAX = 69;

/* linux/if.h: the interface flags (kveth keeps the kernel's copy in include/linux/netdevice.ts) */
export const IFF_UP = 0x1;
export const IFF_BROADCAST = 0x2;
export const IFF_DEBUG = 0x4;
export const IFF_LOOPBACK = 0x8;
export const IFF_POINTOPOINT = 0x10;
export const IFF_NOTRAILERS = 0x20;
export const IFF_RUNNING = 0x40;
export const IFF_NOARP = 0x80;
export const IFF_PROMISC = 0x100;
export const IFF_ALLMULTI = 0x200;
export const IFF_MASTER = 0x400;
export const IFF_SLAVE = 0x800;
export const IFF_MULTICAST = 0x1000;
export const IFF_PORTSEL = 0x2000;
export const IFF_AUTOMEDIA = 0x4000;
export const IFF_DYNAMIC = 0x8000;
export const IFF_LOWER_UP = 0x10000;
export const IFF_DORMANT = 0x20000;
export const IFF_ECHO = 0x40000;

/** lib/ll_types.c: the ARPHRD names ip prints after "link/" */
export const arphrd_names: Record<number, string> = {
  0: 'netrom', 1: 'ether', 2: 'eether', 3: 'ax25', 4: 'pronet', 5: 'chaos', 6: 'ieee802', 7: 'arcnet',
  8: 'appletlk', 15: 'dlci', 19: 'atm', 23: 'metricom', 24: 'ieee1394', 27: 'eui64', 32: 'infiniband',
  256: 'slip', 257: 'cslip', 258: 'slip6', 259: 'cslip6', 260: 'rsrvd', 264: 'adapt', 270: 'rose',
  271: 'x25', 272: 'hwx25', 280: 'can', 512: 'ppp', 513: 'hdlc', 516: 'lapb', 517: 'ddcmp', 518: 'rawhdlc',
  768: 'ipip', 769: 'tunnel6', 770: 'frad', 771: 'skip', 772: 'loopback', 773: 'localtlk', 774: 'fddi',
  775: 'bif', 776: 'sit', 777: 'ip/ddp', 778: 'gre', 779: 'pimreg', 780: 'hippi', 781: 'ash', 782: 'econet',
  783: 'irda', 784: 'fcpp', 785: 'fcal', 786: 'fcpl', 787: 'fcfb0', 800: 'tr', 801: 'tr+rif', 802: 'fl',
  803: 'ieee802.11/prism', 804: 'ieee802.11/radiotap', 805: 'ieee802.15.4', 806: 'ieee802.15.4/monitor',
  820: 'phonet', 821: 'phonet_pipe', 822: 'caif', 823: 'ip6gre', 824: 'netlink', 825: '6lowpan',
  826: 'vsockmon', 0xfffe: 'none', 0xffff: 'void',
};
