// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/ipv4/devinet.c, include/linux/inetdevice.h and the bits of net/ipv4/igmp.c the receive path
 * asks about: the per-device IPv4 state (struct in_device), its sysctl block (struct
 * ipv4_devconf), the address list, the multicast memberships, and the AF_INET part of
 * IFLA_AF_SPEC (inet_af_ops).
 *
 * The setup kveth reproduces has no IPv4 address anywhere, so the model is small:
 *  - inetdev_event creates an in_device on NETDEV_REGISTER (and again on NETDEV_CHANGEMTU back to
 *    at least 68 bytes) and destroys it on NETDEV_UNREGISTER or an MTU below 68;
 *  - its address list is empty, so inet_select_addr() and inet_lookup_ifaddr_rcu() find nothing;
 *  - its only multicast membership is the all-hosts group 224.0.0.1, joined by ip_mc_up() when the
 *    device comes up (and left by ip_mc_down() when it goes down);
 *  - the sysctl blocks: every namespace gets "all" and "default" from devinet_init_net (the
 *    compiled-in ipv4_devconf / ipv4_devconf_dflt for init_net, a copy of init_net's for the
 *    others, as net.core.devconf_inherit_init_net = 0 says); a new in_device copies "default".
 * in_device is not in the layout profile (kernel-ref/layouts), so it is a JS object, not a struct
 * in simulated memory. Nothing on the receive path hands its address to anything else.
 */
import { kaddr_t, wr32, rd8, rd32 } from '../../sim/mem';
import { net_device, dev_net, IFF_UP, IFF_LOOPBACK } from '../../include/linux/netdevice';
import { net, init_net, net_eq, register_pernet_subsys } from '../../include/net/net_namespace';
import { __be32, htonl } from '../../include/uapi/linux/types';
import { IPPROTO_IGMP } from '../../include/uapi/linux/in';
import type { sk_buff } from '../../include/linux/skbuff';
import { IPV4_DEVCONF, IPV4_DEVCONF_MAX, ipv4_devconf_name } from '../../include/uapi/linux/ip';
import { IFLA_INET_CONF, IFLA_INET_MAX } from '../../include/uapi/linux/if_link';
import { AF_INET, RTM_NEWADDR } from '../../include/uapi/linux/rtnetlink';
import { EAFNOSUPPORT, EINVAL, EMSGSIZE, ENODATA, ENODEV } from '../../include/uapi/linux/errno';
import {
  nla_policy, nla_policy_table, netlink_ext_ack, nlattr_tb, new_tb, nla_parse_nested_deprecated, nla_reserve, nla_data, nla_len,
  nla_type, nla_get_u32, nla_ok, nla_next, nla_total_size, NLA_NESTED,
  NLA_U8, NLA_U32, NLA_S32, NLA_STRING, NLA_UNSPEC, NL_SET_ERR_MSG, nla_get_s32, nlh_len, nlh_seq, nlmsg_data, nlmsg_msg_size,
  nlmsg_parse_deprecated_strict,
} from '../../include/net/netlink';
import {
  SIZEOF_IFADDRMSG, IFADDRMSG_ifa_prefixlen, IFADDRMSG_ifa_flags, IFADDRMSG_ifa_scope, IFADDRMSG_ifa_index, IFA_LOCAL,
  IFA_ADDRESS, IFA_BROADCAST, IFA_LABEL, IFA_CACHEINFO, IFA_FLAGS, IFA_RT_PRIORITY, IFA_TARGET_NETNSID, IFA_PROTO, IFA_MAX,
  SIZEOF_IFA_CACHEINFO,
} from '../../include/uapi/linux/if_addr';
import { NLM_F_MULTI, NLM_F_DUMP_FILTERED } from '../../include/uapi/linux/netlink';
import { IFNAMSIZ } from '../../include/linux/netdevice';
import {
  register_netdevice_notifier, NETDEV_REGISTER, NETDEV_UNREGISTER, NETDEV_UP, NETDEV_DOWN, NETDEV_CHANGEMTU, __dev_get_by_index,
  for_each_netdev_dump,
} from '../core/dev';
import type { rtnl_af_ops } from '../core/rtnetlink';
import type { netlink_callback } from '../netlink/af_netlink';

/** include/linux/inetdevice.h:17 struct ipv4_devconf (no sysctl table: kveth has no /proc/sys) */
export interface ipv4_devconf {
  data: Int32Array; // int data[IPV4_DEVCONF_MAX]
  state: Uint8Array; // DECLARE_BITMAP(state, IPV4_DEVCONF_MAX), one byte per bit
}
function devconf_clone(c: ipv4_devconf): ipv4_devconf { return { data: c.data.slice(), state: c.state.slice() }; }
function devconf_init(vals: Partial<Record<ipv4_devconf_name, number>>): ipv4_devconf {
  const c: ipv4_devconf = { data: new Int32Array(IPV4_DEVCONF_MAX), state: new Uint8Array(IPV4_DEVCONF_MAX) };
  for (const [k, v] of Object.entries(vals)) c.data[IPV4_DEVCONF[k as ipv4_devconf_name] - 1] = v!;
  return c;
}
/** net/ipv4/devinet.c:70 ipv4_devconf ("all") */
const ipv4_devconf = devconf_init({
  ACCEPT_REDIRECTS: 1, SEND_REDIRECTS: 1, SECURE_REDIRECTS: 1, SHARED_MEDIA: 1,
  IGMPV2_UNSOLICITED_REPORT_INTERVAL: 10000, IGMPV3_UNSOLICITED_REPORT_INTERVAL: 1000, ARP_EVICT_NOCARRIER: 1,
});
/** net/ipv4/devinet.c:82 ipv4_devconf_dflt ("default"): as "all", plus accept_source_route */
const ipv4_devconf_dflt = devconf_init({
  ACCEPT_REDIRECTS: 1, SEND_REDIRECTS: 1, SECURE_REDIRECTS: 1, SHARED_MEDIA: 1, ACCEPT_SOURCE_ROUTE: 1,
  IGMPV2_UNSOLICITED_REPORT_INTERVAL: 10000, IGMPV3_UNSOLICITED_REPORT_INTERVAL: 1000, ARP_EVICT_NOCARRIER: 1,
});

/** include/net/netns/ipv4.h:50 struct netns_ipv4 (the devconf_all / devconf_dflt pointers) */
interface netns_ipv4 { devconf_all: ipv4_devconf; devconf_dflt: ipv4_devconf }
const per_net = new Map<kaddr_t, netns_ipv4>();
/** net->ipv4 (set up by devinet_init_net) @sim */
export function netns_ipv4_of(n: net): netns_ipv4 {
  const s = per_net.get(n.addr);
  if (s === undefined) throw new Error(`kveth: namespace ${n.addr.toString(16)} has no net->ipv4 (devinet_init_net did not run)`);
  return s;
}

/** include/linux/inetdevice.h:25 struct in_device: the parts kveth has (no addresses, one implicit multicast group) */
export class in_device {
  dead = 0;
  constructor(readonly dev: net_device, readonly cnf: ipv4_devconf) {}
}
/** dev->ip_ptr */
const ip_ptr = new Map<kaddr_t, in_device>();

/** include/linux/inetdevice.h:233 __in_dev_get_rcu: dev->ip_ptr */
export function __in_dev_get_rcu(dev: net_device): in_device | null { return ip_ptr.get(dev.addr) ?? null; }
/** include/linux/inetdevice.h:250 __in_dev_get_rtnl */
export function __in_dev_get_rtnl(dev: net_device): in_device | null { return ip_ptr.get(dev.addr) ?? null; }

/** include/linux/inetdevice.h:61 ipv4_devconf_get */
function ipv4_devconf_get(in_dev: in_device, index: number): number { return in_dev.cnf.data[index - 1]!; }
/** include/linux/inetdevice.h:67 ipv4_devconf_set */
function ipv4_devconf_set(in_dev: in_device, index: number, val: number): void {
  index--;
  in_dev.cnf.state[index] = 1; // set_bit
  in_dev.cnf.data[index] = val;
}
/** include/linux/inetdevice.h:75 ipv4_devconf_setall */
function ipv4_devconf_setall(in_dev: in_device): void { in_dev.cnf.state.fill(1); }

type conf_key = ipv4_devconf_name;
/** include/linux/inetdevice.h:59 IPV4_DEVCONF_ALL_RO: net->ipv4.devconf_all's entry */
export function IPV4_DEVCONF_ALL_RO(n: net, a: conf_key): number { return netns_ipv4_of(n).devconf_all.data[IPV4_DEVCONF[a] - 1]!; }
/** include/linux/inetdevice.h:80 IN_DEV_CONF_GET */
export function IN_DEV_CONF_GET(in_dev: in_device, a: conf_key): number { return ipv4_devconf_get(in_dev, IPV4_DEVCONF[a]); }
/** include/linux/inetdevice.h:82 IN_DEV_CONF_SET */
export function IN_DEV_CONF_SET(in_dev: in_device, a: conf_key, val: number): void { ipv4_devconf_set(in_dev, IPV4_DEVCONF[a], val); }
/** include/linux/inetdevice.h:85 IN_DEV_ANDCONF */
export function IN_DEV_ANDCONF(in_dev: in_device, a: conf_key): boolean {
  return !!IPV4_DEVCONF_ALL_RO(dev_net(in_dev.dev), a) && !!IN_DEV_CONF_GET(in_dev, a);
}
/** include/linux/inetdevice.h:89 IN_DEV_NET_ORCONF */
export function IN_DEV_NET_ORCONF(in_dev: in_device, n: net, a: conf_key): boolean {
  return !!IPV4_DEVCONF_ALL_RO(n, a) || !!IN_DEV_CONF_GET(in_dev, a);
}
/** include/linux/inetdevice.h:93 IN_DEV_ORCONF */
export function IN_DEV_ORCONF(in_dev: in_device, a: conf_key): boolean { return IN_DEV_NET_ORCONF(in_dev, dev_net(in_dev.dev), a); }
/** include/linux/inetdevice.h:96 IN_DEV_MAXCONF */
export function IN_DEV_MAXCONF(in_dev: in_device, a: conf_key): number {
  return Math.max(IPV4_DEVCONF_ALL_RO(dev_net(in_dev.dev), a), IN_DEV_CONF_GET(in_dev, a));
}
/** include/linux/inetdevice.h:100 IN_DEV_FORWARD */
export function IN_DEV_FORWARD(in_dev: in_device): boolean { return !!IN_DEV_CONF_GET(in_dev, 'FORWARDING'); }
/** include/linux/inetdevice.h:101 IN_DEV_MFORWARD */
export function IN_DEV_MFORWARD(in_dev: in_device): boolean { return IN_DEV_ANDCONF(in_dev, 'MC_FORWARDING'); }
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
export function IN_DEV_NET_ROUTE_LOCALNET(in_dev: in_device, n: net): boolean { return IN_DEV_NET_ORCONF(in_dev, n, 'ROUTE_LOCALNET'); }
/** include/linux/inetdevice.h:136 IN_DEV_ARP_ACCEPT */
export function IN_DEV_ARP_ACCEPT(in_dev: in_device): number { return IN_DEV_MAXCONF(in_dev, 'ARP_ACCEPT'); }
/** include/linux/inetdevice.h:139 IN_DEV_ARP_NOTIFY */
export function IN_DEV_ARP_NOTIFY(in_dev: in_device): number { return IN_DEV_MAXCONF(in_dev, 'ARP_NOTIFY'); }

/** include/net/ip.h:866 inetdev_valid_mtu */
function inetdev_valid_mtu(mtu: number): boolean { return mtu >= 68; /* IPV4_MIN_MTU */ }

/**
 * net/ipv4/devinet.c:277 inetdev_init. Left out: the ARP neighbour parms, the sysctl directory
 * and the multicast list (ip_mc_init_dev / ip_mc_up: kveth derives the one membership from the
 * device flags, see ip_check_mc_rcu).
 */
function inetdev_init(dev: net_device): in_device {
  const in_dev = new in_device(dev, devconf_clone(netns_ipv4_of(dev_net(dev)).devconf_dflt));
  // IPV4_DEVCONF(FORWARDING) → dev_disable_lro: veth and lo have no LRO to turn off
  ip_ptr.set(dev.addr, in_dev); // rcu_assign_pointer(dev->ip_ptr, in_dev), done last
  return in_dev;
}
/** net/ipv4/devinet.c:325 inetdev_destroy (no addresses to delete, no ARP entries to flush) */
function inetdev_destroy(in_dev: in_device): void {
  in_dev.dead = 1;
  ip_ptr.delete(in_dev.dev.addr); // RCU_INIT_POINTER(dev->ip_ptr, NULL)
}

/** net/ipv4/devinet.c:1568 inetdev_event */
function inetdev_event(event: number, dev: net_device): void {
  const in_dev = __in_dev_get_rtnl(dev);
  if (!in_dev) {
    if (event === NETDEV_REGISTER) {
      const nd = inetdev_init(dev);
      if (dev.flags & IFF_LOOPBACK) {
        IN_DEV_CONF_SET(nd, 'NOXFRM', 1);
        IN_DEV_CONF_SET(nd, 'NOPOLICY', 1);
      }
    } else if (event === NETDEV_CHANGEMTU) {
      // Re-enabling IP
      if (inetdev_valid_mtu(dev.mtu)) inetdev_init(dev);
    }
    return;
  }
  switch (event) {
    case NETDEV_REGISTER:
      ip_ptr.delete(dev.addr); // "bug": an in_device already exists
      break;
    case NETDEV_UP:
      if (!inetdev_valid_mtu(dev.mtu)) break;
      if (dev.flags & IFF_LOOPBACK) {
        // the 127.0.0.1/8 address inet_insert_ifa adds is left out (kveth has no IPv4 addresses);
        // the sysctl state bits it sets are kept
        ipv4_devconf_setall(in_dev);
      }
      // ip_mc_up: derived from IFF_UP (ip_check_mc_rcu); then the NETDEV_CHANGEADDR part:
      if (!IN_DEV_ARP_NOTIFY(in_dev)) break;
      // inetdev_send_gratuitous_arp walks in_dev->ifa_list, which is empty here: nothing is sent
      break;
    case NETDEV_DOWN:
      // ip_mc_down: derived from IFF_UP
      break;
    case NETDEV_CHANGEMTU:
      if (inetdev_valid_mtu(dev.mtu)) break;
      // disable IP when MTU is not enough
      inetdev_destroy(in_dev);
      break;
    case NETDEV_UNREGISTER:
      inetdev_destroy(in_dev);
      break;
    // NETDEV_CHANGENAME: only the sysctl directory and address labels, neither of which kveth has
  }
}

/** net/ipv4/devinet.c:1964 inet_get_link_af_size */
function inet_get_link_af_size(dev: net_device, _ext_filter_mask: number): number {
  const in_dev = __in_dev_get_rcu(dev); // rcu_dereference_rtnl(dev->ip_ptr)
  if (!in_dev) return 0;
  return nla_total_size(IPV4_DEVCONF_MAX * 4); // IFLA_INET_CONF
}
/** net/ipv4/devinet.c:1975 inet_fill_link_af */
function inet_fill_link_af(skb: sk_buff, dev: net_device, _ext_filter_mask: number): number {
  const in_dev = __in_dev_get_rcu(dev);
  if (!in_dev) return -ENODATA;
  const nla = nla_reserve(skb, IFLA_INET_CONF, IPV4_DEVCONF_MAX * 4);
  if (!nla) return -EMSGSIZE;
  for (let i = 0; i < IPV4_DEVCONF_MAX; i++) wr32(nla_data(nla) + 4 * i, in_dev.cnf.data[i]! >>> 0);
  return 0;
}
/** net/ipv4/devinet.c:1995 inet_af_policy */
const inet_af_policy: nla_policy_table = [undefined, { type: NLA_NESTED }];
/** net/ipv4/devinet.c:1999 inet_validate_link_af */
function inet_validate_link_af(dev: net_device | null, nla: kaddr_t, extack: netlink_ext_ack | null): number {
  const tb: nlattr_tb = new_tb(IFLA_INET_MAX);
  if (dev && !__in_dev_get_rtnl(dev)) return -EAFNOSUPPORT;
  const err = nla_parse_nested_deprecated(tb, IFLA_INET_MAX, nla, inet_af_policy, extack);
  if (err < 0) return err;
  if (tb[IFLA_INET_CONF]) {
    let rem = nla_len(tb[IFLA_INET_CONF]!);
    for (let a = nla_data(tb[IFLA_INET_CONF]!); nla_ok(a, rem); [a, rem] = nla_next(a, rem)) {
      const cfgid = nla_type(a);
      if (nla_len(a) < 4) return -EINVAL;
      if (cfgid <= 0 || cfgid > IPV4_DEVCONF_MAX) return -EINVAL;
    }
  }
  return 0;
}
/** net/ipv4/devinet.c:2029 inet_set_link_af */
function inet_set_link_af(dev: net_device, nla: kaddr_t, _extack: netlink_ext_ack | null): number {
  const in_dev = __in_dev_get_rtnl(dev);
  const tb: nlattr_tb = new_tb(IFLA_INET_MAX);
  if (!in_dev) return -EAFNOSUPPORT;
  if (nla_parse_nested_deprecated(tb, IFLA_INET_MAX, nla, null, null) < 0) return -EINVAL;
  if (tb[IFLA_INET_CONF]) {
    let rem = nla_len(tb[IFLA_INET_CONF]!);
    for (let a = nla_data(tb[IFLA_INET_CONF]!); nla_ok(a, rem); [a, rem] = nla_next(a, rem)) {
      ipv4_devconf_set(in_dev, nla_type(a), nla_get_u32(a) | 0);
    }
  }
  return 0;
}

/**
 * net/ipv4/devinet.c:2679 devinet_init_net. net_inherit_devconf() is 0 (the sysctl's default),
 * which copies init_net's current blocks into every other namespace. No sysctl tables.
 */
function devinet_init_net(n: net): number {
  let all = devconf_clone(ipv4_devconf);
  let dflt = devconf_clone(ipv4_devconf_dflt);
  if (!net_eq(n, init_net)) {
    // case 0 / 1: copy from init_net
    all = devconf_clone(netns_ipv4_of(init_net).devconf_all);
    dflt = devconf_clone(netns_ipv4_of(init_net).devconf_dflt);
  }
  per_net.set(n.addr, { devconf_all: all, devconf_dflt: dflt });
  return 0;
}
/** net/ipv4/devinet.c:2769 devinet_exit_net */
function devinet_exit_net(n: net): void { per_net.delete(n.addr); }

/** net/ipv4/devinet.c:2791 inet_af_ops */
export const inet_af_ops: rtnl_af_ops = {
  family: AF_INET,
  fill_link_af: inet_fill_link_af,
  get_link_af_size: inet_get_link_af_size,
  validate_link_af: inet_validate_link_af,
  set_link_af: inet_set_link_af,
};

/**
 * net/ipv4/devinet.c:2799 devinet_init: the pernet blocks and the netdevice notifier. Its
 * rtnl_af_register(&inet_af_ops) is done by rtnetlink.ts, which imports this file (registering
 * from here would make the two files import each other). The RTM_*ADDR and RTM_GETNETCONF
 * handlers are not ported.
 */
function devinet_init(): void {
  register_pernet_subsys({ init: devinet_init_net, exit: devinet_exit_net });
  register_netdevice_notifier(inetdev_event);
}
devinet_init();

/**
 * net/ipv4/devinet.c:1347 inet_select_addr. The walk over in_dev->ifa_list finds nothing (no
 * addresses), and there is no L3 master device; the fallback loop over every device of the
 * namespace finds nothing for the same reason, so the answer is 0.
 */
export function inet_select_addr(_dev: net_device, _dst: __be32, _scope: number): __be32 { return 0 as __be32; }
/** net/ipv4/devinet.c:184 inet_lookup_ifaddr_rcu: the namespace's address hash is empty. */
export function inet_lookup_ifaddr_rcu(_n: net, _addr: __be32): null { return null; }

/** include/uapi/linux/igmp.h:120 IGMP_ALL_HOSTS (224.0.0.1) */
export const IGMP_ALL_HOSTS = htonl(0xe0000001);
/** ip_mc_inc_group(in_dev, IGMP_ALL_HOSTS) joins with MCAST_EXCLUDE: sfcount[MCAST_EXCLUDE] = 1 */
const all_hosts_sfcount_exclude: number = 1;
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

/*
 * RTM_GETADDR dumps (`ip address`). kveth's in_device holds no addresses (inet_rtm_newaddr and the
 * 127.0.0.1 that inetdev_event gives an up loopback are not ported), so a dump walks the devices,
 * validates the request as the kernel does, and finds nothing to fill.
 *
 * rtnetlink.ts loads this file (rtnl_af_register(inet_af_ops)) and af_netlink.ts loads
 * rtnetlink.ts, so the dump reaches those two at call time rather than at load. @sim
 */
function rtnetlink_mod(): typeof import('../core/rtnetlink') { return require('../core/rtnetlink'); }
function af_netlink_mod(): typeof import('../netlink/af_netlink') { return require('../netlink/af_netlink'); }

/** net/ipv4/devinet.c:98 ifa_ipv4_policy */
const ifa_ipv4_policy: nla_policy_table = (() => {
  const p: (nla_policy | undefined)[] = new Array(IFA_MAX + 1);
  p[IFA_LOCAL] = { type: NLA_U32 };
  p[IFA_ADDRESS] = { type: NLA_U32 };
  p[IFA_BROADCAST] = { type: NLA_U32 };
  p[IFA_LABEL] = { type: NLA_STRING, len: IFNAMSIZ - 1 };
  p[IFA_CACHEINFO] = { type: NLA_UNSPEC, len: SIZEOF_IFA_CACHEINFO };
  p[IFA_FLAGS] = { type: NLA_U32 };
  p[IFA_RT_PRIORITY] = { type: NLA_U32 };
  p[IFA_TARGET_NETNSID] = { type: NLA_S32 };
  p[IFA_PROTO] = { type: NLA_U8 };
  return p;
})();

/** net/ipv4/devinet.c:110 struct inet_fill_args */
interface inet_fill_args { portid: number; seq: number; event: number; flags: number; netnsid: number; ifindex: number }

/** net/ipv4/devinet.c:1772 inet_valid_dump_ifaddr_req (tgt.net is the `struct net **tgt_net`) */
function inet_valid_dump_ifaddr_req(nlh: kaddr_t, fillargs: inet_fill_args, tgt: { net: net }, sk_net: net,
  cb: netlink_callback): number {
  const extack = cb.extack;
  const tb = new_tb(IFA_MAX);
  if (nlh_len(nlh) < nlmsg_msg_size(SIZEOF_IFADDRMSG)) {
    NL_SET_ERR_MSG(extack, 'ipv4: Invalid header for address dump request');
    return -EINVAL;
  }
  const ifm = nlmsg_data(nlh);
  if (rd8(ifm + IFADDRMSG_ifa_prefixlen) || rd8(ifm + IFADDRMSG_ifa_flags) || rd8(ifm + IFADDRMSG_ifa_scope)) {
    NL_SET_ERR_MSG(extack, 'ipv4: Invalid values in header for address dump request');
    return -EINVAL;
  }
  fillargs.ifindex = rd32(ifm + IFADDRMSG_ifa_index) | 0; // __u32 ifa_index into an int
  if (fillargs.ifindex) {
    cb.answer_flags |= NLM_F_DUMP_FILTERED;
    fillargs.flags |= NLM_F_DUMP_FILTERED;
  }
  const err = nlmsg_parse_deprecated_strict(nlh, SIZEOF_IFADDRMSG, tb, IFA_MAX, ifa_ipv4_policy, extack);
  if (err < 0) return err;
  for (let i = 0; i <= IFA_MAX; ++i) {
    if (!tb[i]) continue;
    if (i === IFA_TARGET_NETNSID) {
      fillargs.netnsid = nla_get_s32(tb[i]!);
      const [t, terr] = rtnetlink_mod().rtnl_get_net_ns_capable(sk_net, fillargs.netnsid);
      if (!t) {
        fillargs.netnsid = -1;
        NL_SET_ERR_MSG(extack, 'ipv4: Invalid target network namespace id');
        return terr;
      }
      tgt.net = t;
    } else {
      NL_SET_ERR_MSG(extack, 'ipv4: Unsupported attribute in dump request');
      return -EINVAL;
    }
  }
  return 0;
}

/**
 * net/ipv4/devinet.c:1829 in_dev_dump_addr. in_dev_for_each_ifa_rcu walks in_dev->ifa_list, which
 * is empty here (see above), so no inet_fill_ifaddr runs; what remains is the index bookkeeping.
 */
function in_dev_dump_addr(_in_dev: in_device, ctx: { ip_idx: number }): number {
  let ip_idx = 0;
  const err = 0;
  ip_idx = 0;
  ctx.ip_idx = ip_idx; // *s_ip_idx
  return err;
}

/**
 * net/ipv4/devinet.c:1859 inet_base_seq. net->ipv4.dev_addr_genid is bumped only when an address
 * is added or removed, which never happens here, so it stays 0.
 */
function inet_base_seq(n: net): number {
  let res = (0 + n.dev_base_seq) >>> 0;
  if (!res) res = 0x80000000;
  return res;
}

/** net/ipv4/devinet.c:1872 inet_dump_ifaddr (rtnl_register(PF_INET, RTM_GETADDR, ...) in devinet_init) */
export function inet_dump_ifaddr(skb: sk_buff, cb: netlink_callback): number {
  const { NETLINK_CB } = af_netlink_mod();
  const nlh = cb.nlh;
  const fillargs: inet_fill_args = {
    portid: NETLINK_CB(cb.skb).portid, seq: nlh_seq(nlh), event: RTM_NEWADDR, flags: NLM_F_MULTI, netnsid: -1, ifindex: 0,
  };
  const n = NETLINK_CB(skb).sk.net; // sock_net(skb->sk)
  const tgt = { net: n };
  const ctx = cb.ctx;
  let err = 0;
  done: {
    if (cb.strict_check) {
      err = inet_valid_dump_ifaddr_req(nlh, fillargs, tgt, n, cb);
      if (err < 0) break done;
      if (fillargs.ifindex) {
        const dev = __dev_get_by_index(tgt.net, fillargs.ifindex); // dev_get_by_index_rcu
        if (!dev) { err = -ENODEV; break done; }
        const in_dev = __in_dev_get_rcu(dev);
        if (!in_dev) break done;
        err = in_dev_dump_addr(in_dev, ctx);
        break done;
      }
    }
    cb.seq = inet_base_seq(tgt.net);
    for (const dev of for_each_netdev_dump(tgt.net, ctx)) {
      const in_dev = __in_dev_get_rcu(dev);
      if (!in_dev) continue;
      err = in_dev_dump_addr(in_dev, ctx);
      if (err < 0) break done;
    }
  }
  // put_net(tgt_net) for a netnsid target: namespaces are not reference-counted here
  return err;
}
