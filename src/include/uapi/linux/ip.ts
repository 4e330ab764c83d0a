// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/linux/ip.h (6.12.117): the IP option types and the IPV4_DEVCONF_* indices. */

/* IP option types (the copy, class and number bits already combined) */
export const IPOPT_END = 0;
export const IPOPT_NOOP = 1;
export const IPOPT_SEC = 130;
export const IPOPT_LSRR = 131;
export const IPOPT_TIMESTAMP = 68;
export const IPOPT_CIPSO = 134;
export const IPOPT_RR = 7;
export const IPOPT_SID = 136;
export const IPOPT_SSRR = 137;
export const IPOPT_RA = 148;
/* timestamp option flags (low nibble of the fourth byte) */
export const IPOPT_TS_TSONLY = 0;
export const IPOPT_TS_TSANDADDR = 1;
export const IPOPT_TS_PRESPEC = 3;

/* IPV4_DEVCONF_* (1-based; data[] is indexed by value - 1) */
export const IPV4_DEVCONF = {
  FORWARDING: 1,
  MC_FORWARDING: 2,
  PROXY_ARP: 3,
  ACCEPT_REDIRECTS: 4,
  SECURE_REDIRECTS: 5,
  SEND_REDIRECTS: 6,
  SHARED_MEDIA: 7,
  RP_FILTER: 8,
  ACCEPT_SOURCE_ROUTE: 9,
  BOOTP_RELAY: 10,
  LOG_MARTIANS: 11,
  TAG: 12,
  ARPFILTER: 13,
  MEDIUM_ID: 14,
  NOXFRM: 15,
  NOPOLICY: 16,
  FORCE_IGMP_VERSION: 17,
  ARP_ANNOUNCE: 18,
  ARP_IGNORE: 19,
  PROMOTE_SECONDARIES: 20,
  ARP_ACCEPT: 21,
  ARP_NOTIFY: 22,
  ACCEPT_LOCAL: 23,
  SRC_VMARK: 24,
  PROXY_ARP_PVLAN: 25,
  ROUTE_LOCALNET: 26,
  IGMPV2_UNSOLICITED_REPORT_INTERVAL: 27,
  IGMPV3_UNSOLICITED_REPORT_INTERVAL: 28,
  IGNORE_ROUTES_WITH_LINKDOWN: 29,
  DROP_UNICAST_IN_L2_MULTICAST: 30,
  DROP_GRATUITOUS_ARP: 31,
  BC_FORWARDING: 32,
  ARP_EVICT_NOCARRIER: 33,
} as const;
export type ipv4_devconf_name = keyof typeof IPV4_DEVCONF;
/** IPV4_DEVCONF_MAX (__IPV4_DEVCONF_MAX - 1) */
export const IPV4_DEVCONF_MAX = 33;
