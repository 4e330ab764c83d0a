// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/linux/if_link.h and veth.h (6.12.117): attribute types used by veth and rtnetlink. */
export const IFLA_UNSPEC = 0;
export const IFLA_ADDRESS = 1;
export const IFLA_BROADCAST = 2;
export const IFLA_IFNAME = 3;
export const IFLA_MTU = 4;
export const IFLA_LINK = 5;
export const IFLA_QDISC = 6;
export const IFLA_STATS = 7;
export const IFLA_COST = 8;
export const IFLA_PRIORITY = 9;
export const IFLA_MASTER = 10;
export const IFLA_WIRELESS = 11;
export const IFLA_PROTINFO = 12;
export const IFLA_TXQLEN = 13;
export const IFLA_MAP = 14;
export const IFLA_WEIGHT = 15;
export const IFLA_OPERSTATE = 16;
export const IFLA_LINKMODE = 17;
export const IFLA_LINKINFO = 18;
export const IFLA_NET_NS_PID = 19;
export const IFLA_IFALIAS = 20;
export const IFLA_NUM_VF = 21;
export const IFLA_VFINFO_LIST = 22;
export const IFLA_STATS64 = 23;
export const IFLA_VF_PORTS = 24;
export const IFLA_PORT_SELF = 25;
export const IFLA_AF_SPEC = 26;
export const IFLA_GROUP = 27;
export const IFLA_NET_NS_FD = 28;
export const IFLA_EXT_MASK = 29;
export const IFLA_PROMISCUITY = 30;
export const IFLA_NUM_TX_QUEUES = 31;
export const IFLA_NUM_RX_QUEUES = 32;
export const IFLA_CARRIER = 33;
export const IFLA_PHYS_PORT_ID = 34;
export const IFLA_CARRIER_CHANGES = 35;
export const IFLA_PHYS_SWITCH_ID = 36;
export const IFLA_LINK_NETNSID = 37;
export const IFLA_PHYS_PORT_NAME = 38;
export const IFLA_PROTO_DOWN = 39;
export const IFLA_GSO_MAX_SEGS = 40;
export const IFLA_GSO_MAX_SIZE = 41;
export const IFLA_PAD = 42;
export const IFLA_XDP = 43;
export const IFLA_EVENT = 44;
export const IFLA_NEW_NETNSID = 45;
export const IFLA_IF_NETNSID = 46;
export const IFLA_TARGET_NETNSID = IFLA_IF_NETNSID;
export const IFLA_CARRIER_UP_COUNT = 47;
export const IFLA_CARRIER_DOWN_COUNT = 48;
export const IFLA_NEW_IFINDEX = 49;
export const IFLA_MIN_MTU = 50;
export const IFLA_MAX_MTU = 51;
export const IFLA_PROP_LIST = 52;
export const IFLA_ALT_IFNAME = 53;
export const IFLA_PERM_ADDRESS = 54;
export const IFLA_PROTO_DOWN_REASON = 55;
export const IFLA_PARENT_DEV_NAME = 56;
export const IFLA_PARENT_DEV_BUS_NAME = 57;
export const IFLA_GRO_MAX_SIZE = 58;
export const IFLA_TSO_MAX_SIZE = 59;
export const IFLA_TSO_MAX_SEGS = 60;
export const IFLA_ALLMULTI = 61;
export const IFLA_DEVLINK_PORT = 62;
export const IFLA_GSO_IPV4_MAX_SIZE = 63;
export const IFLA_GRO_IPV4_MAX_SIZE = 64;
export const IFLA_DPLL_PIN = 65;
/** 6.12.117's IFLA_MAX (6.18 adds 66..69: pacing horizon, netns_immutable, headroom, tailroom) */
export const IFLA_MAX = 65;

export const IFLA_INFO_UNSPEC = 0;
export const IFLA_INFO_KIND = 1;
export const IFLA_INFO_DATA = 2;
export const IFLA_INFO_XSTATS = 3;
export const IFLA_INFO_SLAVE_KIND = 4;
export const IFLA_INFO_SLAVE_DATA = 5;
export const IFLA_INFO_MAX = 5;

export const IFLA_XDP_UNSPEC = 0;
export const IFLA_XDP_FD = 1;
export const IFLA_XDP_ATTACHED = 2;
export const IFLA_XDP_FLAGS = 3;
export const IFLA_XDP_PROG_ID = 4;
export const IFLA_XDP_DRV_PROG_ID = 5;
export const IFLA_XDP_SKB_PROG_ID = 6;
export const IFLA_XDP_HW_PROG_ID = 7;
export const IFLA_XDP_EXPECTED_FD = 8;
export const IFLA_XDP_MAX = 8;
export const XDP_ATTACHED_NONE = 0;

export const IFLA_PROTO_DOWN_REASON_UNSPEC = 0;
export const IFLA_PROTO_DOWN_REASON_MASK = 1;
export const IFLA_PROTO_DOWN_REASON_VALUE = 2;
export const IFLA_PROTO_DOWN_REASON_MAX = 2;

export const IFLA_EVENT_NONE = 0;

export const VETH_INFO_UNSPEC = 0;
export const VETH_INFO_PEER = 1;
export const VETH_INFO_MAX = 1;

/* IFLA_VFINFO_LIST / IFLA_VF_PORTS / IFLA_PORT_SELF contents */
export const IFLA_VF_INFO = 1;
export const IFLA_VF_MAC = 1;
export const IFLA_VF_VLAN = 2;
export const IFLA_VF_TX_RATE = 3;
export const IFLA_VF_SPOOFCHK = 4;
export const IFLA_VF_LINK_STATE = 5;
export const IFLA_VF_RATE = 6;
export const IFLA_VF_RSS_QUERY_EN = 7;
export const IFLA_VF_STATS = 8;
export const IFLA_VF_TRUST = 9;
export const IFLA_VF_IB_NODE_GUID = 10;
export const IFLA_VF_IB_PORT_GUID = 11;
export const IFLA_VF_VLAN_LIST = 12;
export const IFLA_VF_BROADCAST = 13;
export const IFLA_VF_MAX = 13;
export const IFLA_PORT_VF = 1;
export const IFLA_PORT_PROFILE = 2;
export const IFLA_PORT_VSI_TYPE = 3;
export const IFLA_PORT_INSTANCE_UUID = 4;
export const IFLA_PORT_HOST_UUID = 5;
export const IFLA_PORT_REQUEST = 6;
export const IFLA_PORT_RESPONSE = 7;
export const IFLA_PORT_MAX = 7;
export const PORT_PROFILE_MAX = 40;
export const PORT_UUID_MAX = 16;
/* sizeof the IFLA_VF_* payload structs (each starts with __u32 vf) and of struct ifla_port_vsi */
export const SIZEOF_IFLA_VF_MAC = 36;
export const SIZEOF_IFLA_VF_VLAN = 12;
export const SIZEOF_IFLA_VF_TX_RATE = 8;
export const SIZEOF_IFLA_VF_SPOOFCHK = 8;
export const SIZEOF_IFLA_VF_RATE = 12;
export const SIZEOF_IFLA_VF_LINK_STATE = 8;
export const SIZEOF_IFLA_VF_RSS_QUERY_EN = 8;
export const SIZEOF_IFLA_VF_TRUST = 8;
export const SIZEOF_IFLA_VF_GUID = 16;
export const SIZEOF_IFLA_PORT_VSI = 8;

/* include/uapi/linux/if.h */
export const IFALIASZ = 256;
export const ALTIFNAMSIZ = 128;
/* include/linux/netdevice.h */
export const MAX_PHYS_ITEM_ID_LEN = 32;
/* struct rtnl_link_ifmap (u64 mem_start, mem_end, base_addr; u16 irq; u8 dma, port; padded to 8) */
export const SIZEOF_RTNL_LINK_IFMAP = 32;
/* struct rtnl_link_stats: 24 __u32 counters */
export const SIZEOF_RTNL_LINK_STATS = 96;

/* include/uapi/linux/if_link.h:402 IFLA_INET_* (the AF_INET part of IFLA_AF_SPEC) */
export const IFLA_INET_UNSPEC = 0;
export const IFLA_INET_CONF = 1;
export const IFLA_INET_MAX = 1;
/* include/uapi/linux/if_link.h:440 IFLA_INET6_* (the AF_INET6 part of IFLA_AF_SPEC); 6.12 ends at RA_MTU */
export const IFLA_INET6_UNSPEC = 0;
export const IFLA_INET6_FLAGS = 1;
export const IFLA_INET6_CONF = 2;
export const IFLA_INET6_STATS = 3;
export const IFLA_INET6_MCAST = 4;
export const IFLA_INET6_CACHEINFO = 5;
export const IFLA_INET6_ICMP6STATS = 6;
export const IFLA_INET6_TOKEN = 7;
export const IFLA_INET6_ADDR_GEN_MODE = 8;
export const IFLA_INET6_RA_MTU = 9;
export const IFLA_INET6_MAX = 9;
/* include/uapi/linux/if_link.h:455 enum in6_addr_gen_mode */
export const IN6_ADDR_GEN_MODE_EUI64 = 0;
export const IN6_ADDR_GEN_MODE_NONE = 1;
export const IN6_ADDR_GEN_MODE_STABLE_PRIVACY = 2;
export const IN6_ADDR_GEN_MODE_RANDOM = 3;
/* sizeof(struct ifla_cacheinfo) (include/uapi/linux/if_link.h): max_reasm_len, tstamp, reachable_time, retrans_time, u32 each */
export const SIZEOF_IFLA_CACHEINFO = 16;
