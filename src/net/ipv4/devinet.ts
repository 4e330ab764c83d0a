// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/ipv4/devinet.c, include/linux/inetdevice.h and the bits of net/ipv4/igmp.c the receive path
 * asks about: the per-device IPv4 state (struct in_device), its sysctl block (ipv4_devconf_t), the
 * address list and the multicast memberships.
 *
 * The setup kveth reproduces has no IPv4 address anywhere, so the model is small:
 *  - every registered Ethernet device has an in_device (inetdev_event creates one on
 *    NETDEV_REGISTER; a veth cannot go below the 68-byte IPv4 minimum MTU, so it never loses it);
 *  - its address list is empty, so inet_select_addr() and inet_lookup_ifaddr_rcu() find nothing;
 *  - its only multicast membership is the all-hosts group 224.0.0.1, joined by ip_mc_up() when the
 *    device comes up (and left by ip_mc_down() when it goes down);
 *  - the sysctls keep the kernel's compiled-in defaults (ipv4_devconf_t for "all", ipv4_devconf_dflt
 *    for "default", copied into every new device). A new namespace really inherits init_net's
 *    current values (net.core.devconf_inherit_init_net = 0), which on a stock host are these.
 * in_device is not in the layout profile (kernel-ref/layouts), so it is a JS object, not a struct
 * in simulated memory. Nothing on the receive path hands its address to anything else.
 */
import type { kaddr_t } from '../../sim/mem';
import { net_device, dev_net, IFF_UP, NETREG_REGISTERED } from '../../include/linux/netdevice';
import type { net } from '../../include/net/net_namespace';
import type { __be32 } from '../../include/uapi/linux/types';
import { htonl } from '../../include/uapi/linux/types';

/** The IPV4_DEVCONF_* attributes the receive path reads (include/uapi/linux/ip.h). */
export interface ipv4_devconf_t {
  FORWARDING: number;
  MC_FORWARDING: number;
  BC_FORWARDING: number;
  RP_FILTER: number;
  ACCEPT_SOURCE_ROUTE: number;
  ACCEPT_LOCAL: number;
  LOG_MARTIANS: number;
  SEND_REDIRECTS: number;
  ROUTE_LOCALNET: number;
  NOPOLICY: number;
  SRC_VMARK: number;
  DROP_UNICAST_IN_L2_MULTICAST: number;
  DROP_GRATUITOUS_ARP: number;
  ARPFILTER: number;
  ARP_ACCEPT: number;
  ARP_IGNORE: number;
}
function zero_conf(): ipv4_devconf_t {
  return {
    FORWARDING: 0, MC_FORWARDING: 0, BC_FORWARDING: 0, RP_FILTER: 0, ACCEPT_SOURCE_ROUTE: 0, ACCEPT_LOCAL: 0,
    LOG_MARTIANS: 0, SEND_REDIRECTS: 0, ROUTE_LOCALNET: 0, NOPOLICY: 0, SRC_VMARK: 0, DROP_UNICAST_IN_L2_MULTICAST: 0,
    DROP_GRATUITOUS_ARP: 0, ARPFILTER: 0, ARP_ACCEPT: 0, ARP_IGNORE: 0,
  };
}
/** net/ipv4/devinet.c:70 ipv4_devconf ("all"): only the redirect/shared-media knobs are on. */
function ipv4_devconf(): ipv4_devconf_t { return { ...zero_conf(), SEND_REDIRECTS: 1 }; }
/** net/ipv4/devinet.c:82 ipv4_devconf_dflt ("default"): as "all", plus accept_source_route=1. */
function ipv4_devconf_dflt(): ipv4_devconf_t { return { ...zero_conf(), SEND_REDIRECTS: 1, ACCEPT_SOURCE_ROUTE: 1 }; }

interface netns_ipv4 { devconf_all: ipv4_devconf_t; devconf_dflt: ipv4_devconf_t }
const per_net = new Map<kaddr_t, netns_ipv4>();
/** net->ipv4 (the devconf part); created on first use with the defaults above. @sim */
export function netns_ipv4_of(n: net): netns_ipv4 {
  let s = per_net.get(n.addr);
  if (s === undefined) {
    s = { devconf_all: ipv4_devconf(), devconf_dflt: ipv4_devconf_dflt() };
    per_net.set(n.addr, s);
  }
  return s;
}

/** struct in_device: the parts kveth has (no addresses, one implicit multicast group). */
export class in_device {
  constructor(readonly dev: net_device, readonly cnf: ipv4_devconf_t) {}
}
const in_devs = new Map<kaddr_t, in_device>();

/**
 * include/linux/inetdevice.h:233 __in_dev_get_rcu: dev->ip_ptr. kveth creates the in_device
 * lazily the first time a registered device is asked for it, with a copy of the namespace's
 * "default" block, which is what inetdev_init() does at NETDEV_REGISTER.
 */
export function __in_dev_get_rcu(dev: net_device): in_device | null {
  let d = in_devs.get(dev.addr);
  if (d !== undefined) return d;
  if (dev.reg_state !== NETREG_REGISTERED) return null;
  d = new in_device(dev, { ...netns_ipv4_of(dev_net(dev)).devconf_dflt });
  in_devs.set(dev.addr, d);
  return d;
}

type conf_key = keyof ipv4_devconf_t;
function all_of(in_dev: in_device): ipv4_devconf_t { return netns_ipv4_of(dev_net(in_dev.dev)).devconf_all; }
/** include/linux/inetdevice.h:80 IN_DEV_CONF_GET */
export function IN_DEV_CONF_GET(in_dev: in_device, a: conf_key): number { return in_dev.cnf[a]; }
/** include/linux/inetdevice.h:85 IN_DEV_ANDCONF */
export function IN_DEV_ANDCONF(in_dev: in_device, a: conf_key): boolean { return !!all_of(in_dev)[a] && !!in_dev.cnf[a]; }
/** include/linux/inetdevice.h:93 IN_DEV_ORCONF */
export function IN_DEV_ORCONF(in_dev: in_device, a: conf_key): boolean { return !!all_of(in_dev)[a] || !!in_dev.cnf[a]; }
/** include/linux/inetdevice.h:96 IN_DEV_MAXCONF */
export function IN_DEV_MAXCONF(in_dev: in_device, a: conf_key): number { return Math.max(all_of(in_dev)[a], in_dev.cnf[a]); }
/** include/linux/inetdevice.h:100 IN_DEV_FORWARD */
export function IN_DEV_FORWARD(in_dev: in_device): boolean { return !!IN_DEV_CONF_GET(in_dev, 'FORWARDING'); }
/** include/linux/inetdevice.h:101 IN_DEV_MFORWARD */
export function IN_DEV_MFORWARD(in_dev: in_device): boolean { return IN_DEV_ANDCONF(in_dev, 'MC_FORWARDING'); }
/** include/linux/inetdevice.h:102 IN_DEV_BFORWARD */
export function IN_DEV_BFORWARD(in_dev: in_device): boolean { return IN_DEV_ANDCONF(in_dev, 'BC_FORWARDING'); }
/** include/linux/inetdevice.h:103 IN_DEV_RPFILTER */
export function IN_DEV_RPFILTER(in_dev: in_device): number { return IN_DEV_MAXCONF(in_dev, 'RP_FILTER'); }
/** include/linux/inetdevice.h:104 IN_DEV_SRC_VMARK */
export function IN_DEV_SRC_VMARK(in_dev: in_device): boolean { return IN_DEV_ORCONF(in_dev, 'SRC_VMARK'); }
/** include/linux/inetdevice.h:105 IN_DEV_SOURCE_ROUTE */
export function IN_DEV_SOURCE_ROUTE(in_dev: in_device): boolean { return IN_DEV_ANDCONF(in_dev, 'ACCEPT_SOURCE_ROUTE'); }
/** include/linux/inetdevice.h:107 IN_DEV_ACCEPT_LOCAL */
export function IN_DEV_ACCEPT_LOCAL(in_dev: in_device): boolean { return IN_DEV_ORCONF(in_dev, 'ACCEPT_LOCAL'); }
/** include/linux/inetdevice.h:110 IN_DEV_LOG_MARTIANS */
export function IN_DEV_LOG_MARTIANS(in_dev: in_device): boolean { return IN_DEV_ORCONF(in_dev, 'LOG_MARTIANS'); }
/** include/linux/inetdevice.h:114 IN_DEV_TX_REDIRECTS */
export function IN_DEV_TX_REDIRECTS(in_dev: in_device): boolean { return IN_DEV_ORCONF(in_dev, 'SEND_REDIRECTS'); }
/** include/linux/inetdevice.h:122 IN_DEV_ROUTE_LOCALNET */
export function IN_DEV_ROUTE_LOCALNET(in_dev: in_device): boolean { return IN_DEV_ORCONF(in_dev, 'ROUTE_LOCALNET'); }
/** include/linux/inetdevice.h:123 IN_DEV_NET_ROUTE_LOCALNET */
export function IN_DEV_NET_ROUTE_LOCALNET(in_dev: in_device, n: net): boolean {
  return !!netns_ipv4_of(n).devconf_all.ROUTE_LOCALNET || !!in_dev.cnf.ROUTE_LOCALNET;
}
/** include/linux/inetdevice.h:135 IN_DEV_ARPFILTER */
export function IN_DEV_ARPFILTER(in_dev: in_device): boolean { return IN_DEV_ORCONF(in_dev, 'ARPFILTER'); }
/** include/linux/inetdevice.h:136 IN_DEV_ARP_ACCEPT */
export function IN_DEV_ARP_ACCEPT(in_dev: in_device): number { return IN_DEV_MAXCONF(in_dev, 'ARP_ACCEPT'); }
/** include/linux/inetdevice.h:59 IPV4_DEVCONF_ALL_RO */
export function IPV4_DEVCONF_ALL_RO(n: net, a: conf_key): number { return netns_ipv4_of(n).devconf_all[a]; }

/**
 * net/ipv4/devinet.c:1347 inet_select_addr. The walk over in_dev->ifa_list finds nothing (no
 * addresses), and there is no L3 master device; the fallback loop over every device of the
 * namespace finds nothing for the same reason, so the answer is 0.
 */
export function inet_select_addr(dev: net_device, dst: __be32, scope: number): __be32 {
  void dev; void dst; void scope;
  return 0 as __be32;
}
/** net/ipv4/devinet.c:184 inet_lookup_ifaddr_rcu: the namespace's address hash is empty. */
export function inet_lookup_ifaddr_rcu(n: net, addr: __be32): null { void n; void addr; return null; }

export const IGMP_ALL_HOSTS = htonl(0xe0000001);
/** ip_mc_inc_group(in_dev, IGMP_ALL_HOSTS) joins with MCAST_EXCLUDE: sfcount[MCAST_EXCLUDE] = 1 */
const all_hosts_sfcount_exclude: number = 1;
export const IPPROTO_IGMP = 2;
/**
 * net/ipv4/igmp.c:2787 ip_check_mc_rcu. in_dev->mc_list holds the all-hosts group while the device
 * is up. That group was joined in EXCLUDE mode with no sources (sfcount[MCAST_EXCLUDE] = 1 and
 * an empty source list), so every sender passes its source filter.
 */
export function ip_check_mc_rcu(in_dev: in_device, mc_addr: __be32, src_addr: __be32, proto: number): number {
  const joined = (in_dev.dev.flags & IFF_UP) !== 0 && mc_addr === IGMP_ALL_HOSTS;
  let rv = 0;
  if (joined && proto === IPPROTO_IGMP) {
    rv = 1;
  } else if (joined) {
    if (src_addr) {
      // for_each_psf_rcu: the source list is empty, so psf is NULL and the answer is
      // im->sfcount[MCAST_EXCLUDE] != 0, which holds for a group joined in EXCLUDE mode
      rv = all_hosts_sfcount_exclude !== 0 ? 1 : 0;
    } else {
      rv = 1;
    }
  }
  return rv;
}
