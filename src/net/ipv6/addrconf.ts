// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/ipv6/addrconf.c: the per-device IPv6 state (struct inet6_dev) and its sysctl block (struct
 * ipv6_devconf), kept up to date by the netdevice notifier (addrconf_notify), the per-namespace
 * "all" and "default" blocks (addrconf_init_net), and the AF_INET6 part of IFLA_AF_SPEC
 * (inet6_ops: inet6_fill_link_af, inet6_set_link_af, ...).
 *
 * What the model has: an inet6_dev is created at NETDEV_REGISTER when the MTU is at least 1280
 * (whatever disable_ipv6 says), dropped when the MTU falls below that or the device goes away,
 * created again when the MTU comes back, and its flags (IF_READY), tstamp and mtu6 move as
 * addrconf_notify moves them. What it does not have: IPv6 addresses (no link-local address is
 * generated when a link becomes ready, no DAD, no router solicitations, no temporary addresses),
 * routes, multicast lists, the neighbour table and sysctl files. Each omission is named where
 * the kernel would do the work. inet6_dev is not in the layout profile, so it is a JS object.
 *
 * Time: tstamp is jiffies from the simulated clock. nd_parms->reachable_time is drawn the way
 * neigh_rand_reach_time draws it (uniform in [15 s, 45 s)), from a separate seeded stream so
 * that the draws do not shift the random MACs.
 */
import { kaddr_t, wr64, bytes, rd8, rd32 } from '../../sim/mem';
import { jiffies, HZ, INITIAL_JIFFIES } from '../../sim/clock';
import { prandom_stream } from '../../sim/random';
import { net_device, dev_net, netif_running, netdev_get_tx_queue, IFF_LOOPBACK, IFF_NOARP } from '../../include/linux/netdevice';
import { net, register_pernet_subsys } from '../../include/net/net_namespace';
import type { sk_buff } from '../../include/linux/skbuff';
import {
  nla_policy_table, netlink_ext_ack, nlattr_tb, new_tb, nla_parse_nested_deprecated, nla_reserve, nla_data, nla_len,
  nla_get_u8, nla_put, nla_put_u8, nla_put_u32, nla_total_size, NL_SET_ERR_MSG, NLA_U8, NLA_UNSPEC, NLA_REJECT,
  nla_policy, NLA_S32, nla_get_s32, nlh_len, nlh_seq, nlmsg_data, nlmsg_msg_size, nlmsg_parse_deprecated_strict,
} from '../../include/net/netlink';
import {
  SIZEOF_IFADDRMSG, IFADDRMSG_ifa_prefixlen, IFADDRMSG_ifa_flags, IFADDRMSG_ifa_scope, IFADDRMSG_ifa_index, IFA_LOCAL,
  IFA_ADDRESS, IFA_CACHEINFO, IFA_FLAGS, IFA_RT_PRIORITY, IFA_TARGET_NETNSID, IFA_PROTO, IFA_MAX, SIZEOF_IFA_CACHEINFO,
} from '../../include/uapi/linux/if_addr';
import { NLM_F_MULTI, NLM_F_DUMP_FILTERED } from '../../include/uapi/linux/netlink';
import {
  IFLA_INET6_FLAGS, IFLA_INET6_CONF, IFLA_INET6_STATS, IFLA_INET6_CACHEINFO, IFLA_INET6_ICMP6STATS, IFLA_INET6_TOKEN,
  IFLA_INET6_ADDR_GEN_MODE, IFLA_INET6_RA_MTU, IFLA_INET6_MAX, SIZEOF_IFLA_CACHEINFO, IN6_ADDR_GEN_MODE_EUI64,
  IN6_ADDR_GEN_MODE_NONE, IN6_ADDR_GEN_MODE_STABLE_PRIVACY, IN6_ADDR_GEN_MODE_RANDOM,
} from '../../include/uapi/linux/if_link';
import * as D from '../../include/uapi/linux/ipv6';
import { IPV6_MIN_MTU } from '../../include/uapi/linux/ipv6';
import { AF_INET6, RTEXT_FILTER_SKIP_STATS, RTM_NEWADDR } from '../../include/uapi/linux/rtnetlink';
import { ARPHRD_NONE, ARPHRD_SIT, ARPHRD_TUNNEL, ARPHRD_TUNNEL6 } from '../../include/uapi/linux/if_arp';
import { EAFNOSUPPORT, EINVAL, EMSGSIZE, ENODATA, ENODEV } from '../../include/uapi/linux/errno';
import {
  IPSTATS_MIB_NAMES, IPSTATS_MIB_MAX, ICMP6_MIB_MAX, idev_ipv6_statistics, idev_ipv6_statistics_free,
} from '../../include/net/snmp';
import {
  register_netdevice_notifier, netif_oper_up, for_each_netdev, NETDEV_UP, NETDEV_DOWN,
  NETDEV_CHANGE, NETDEV_REGISTER, NETDEV_UNREGISTER, NETDEV_CHANGEMTU, __dev_get_by_index, for_each_netdev_dump,
} from '../core/dev';
import { noop_qdisc } from '../sched/sch_generic';
import type { rtnl_af_ops } from '../core/rtnetlink';
import type { netlink_callback } from '../netlink/af_netlink';

/** include/linux/ipv6.h:143 IPV6_MAXPLEN */
const IPV6_MAXPLEN = 65535;
/* include/net/if_inet6.h: inet6_dev->if_flags */
const IF_RA_RCVD = 0x20;
const IF_RS_SENT = 0x10;
export const IF_READY = 0x80000000;

/** include/linux/ipv6.h:13 struct ipv6_devconf: the fields the IFLA_INET6_CONF array reports, and the secret flag */
export interface ipv6_devconf {
  forwarding: number; hop_limit: number; mtu6: number; accept_ra: number; accept_redirects: number; autoconf: number;
  dad_transmits: number; rtr_solicits: number; rtr_solicit_interval: number; rtr_solicit_max_interval: number;
  rtr_solicit_delay: number; force_mld_version: number; mldv1_unsolicited_report_interval: number;
  mldv2_unsolicited_report_interval: number; use_tempaddr: number; temp_valid_lft: number; temp_prefered_lft: number;
  regen_min_advance: number; regen_max_retry: number; max_desync_factor: number; max_addresses: number;
  accept_ra_defrtr: number; ra_defrtr_metric: number; accept_ra_min_hop_limit: number; accept_ra_min_lft: number;
  accept_ra_pinfo: number; ignore_routes_with_linkdown: number; accept_ra_rtr_pref: number; rtr_probe_interval: number;
  accept_ra_rt_info_min_plen: number; accept_ra_rt_info_max_plen: number; proxy_ndp: number;
  accept_source_route: number; accept_ra_from_local: number; optimistic_dad: number; use_optimistic: number;
  mc_forwarding: number; drop_unicast_in_l2_multicast: number; accept_dad: number; force_tllao: number;
  ndisc_notify: number; suppress_frag_ndisc: number; accept_ra_mtu: number; drop_unsolicited_na: number;
  accept_untracked_na: number; stable_secret_initialized: boolean; use_oif_addrs_only: number; keep_addr_on_down: number;
  seg6_enabled: number; seg6_require_hmac: number; enhanced_dad: number; addr_gen_mode: number; disable_policy: number;
  ndisc_tclass: number; rpl_seg_enabled: number; ioam6_enabled: number;
  ioam6_id: number; ioam6_id_wide: number; ndisc_evict_nocarrier: number; ra_honor_pio_life: number;
  ra_honor_pio_pflag: number; disable_ipv6: number;
}
/** the initialiser both compiled-in blocks share (accept_dad is where they differ) */
function devconf_defaults(accept_dad: number): ipv6_devconf {
  return {
    forwarding: 0, hop_limit: 64 /* IPV6_DEFAULT_HOPLIMIT */, mtu6: IPV6_MIN_MTU, accept_ra: 1, accept_redirects: 1,
    autoconf: 1, force_mld_version: 0, mldv1_unsolicited_report_interval: 10 * HZ, mldv2_unsolicited_report_interval: HZ,
    dad_transmits: 1, rtr_solicits: -1 /* MAX_RTR_SOLICITATIONS */, rtr_solicit_interval: 4 * HZ,
    rtr_solicit_max_interval: 3600 * HZ, rtr_solicit_delay: HZ, use_tempaddr: 0, temp_valid_lft: 7 * 86400,
    temp_prefered_lft: 86400, regen_min_advance: 2, regen_max_retry: 3, max_desync_factor: 600, max_addresses: 16,
    accept_ra_defrtr: 1, ra_defrtr_metric: 1024 /* IP6_RT_PRIO_USER */, accept_ra_from_local: 0,
    accept_ra_min_hop_limit: 1, accept_ra_min_lft: 0, accept_ra_pinfo: 1,
    // CONFIG_IPV6_ROUTER_PREF and CONFIG_IPV6_ROUTE_INFO are set in the Debian config
    accept_ra_rtr_pref: 1, rtr_probe_interval: 60 * HZ, accept_ra_rt_info_min_plen: 0, accept_ra_rt_info_max_plen: 0,
    proxy_ndp: 0, accept_source_route: 0, disable_ipv6: 0, accept_dad, suppress_frag_ndisc: 1, accept_ra_mtu: 1,
    stable_secret_initialized: false, use_oif_addrs_only: 0, ignore_routes_with_linkdown: 0, keep_addr_on_down: 0,
    seg6_enabled: 0, seg6_require_hmac: 0, enhanced_dad: 1, addr_gen_mode: IN6_ADDR_GEN_MODE_EUI64, disable_policy: 0,
    rpl_seg_enabled: 0, ioam6_enabled: 0, ioam6_id: 0xffff /* IOAM6_DEFAULT_IF_ID */,
    ioam6_id_wide: 0xffffffff | 0 /* IOAM6_DEFAULT_IF_ID_WIDE */, ndisc_evict_nocarrier: 1, ra_honor_pio_life: 0,
    ra_honor_pio_pflag: 0,
    // not in the initialiser, so 0
    optimistic_dad: 0, use_optimistic: 0, mc_forwarding: 0, drop_unicast_in_l2_multicast: 0, force_tllao: 0,
    ndisc_notify: 0, drop_unsolicited_na: 0, accept_untracked_na: 0, ndisc_tclass: 0,
  };
}
/** net/ipv6/addrconf.c:179 ipv6_devconf ("all") */
const ipv6_devconf: ipv6_devconf = devconf_defaults(0);
/** net/ipv6/addrconf.c:243 ipv6_devconf_dflt ("default") */
const ipv6_devconf_dflt: ipv6_devconf = devconf_defaults(1);
/** net/ipv6/af_inet6.c:84 ipv6_defaults (the module parameters, at their defaults) */
const ipv6_defaults = { disable_ipv6: 0, autoconf: 1 };

/** include/net/netns/ipv6.h:61 struct netns_ipv6 (devconf_all / devconf_dflt) */
interface netns_ipv6 { devconf_all: ipv6_devconf; devconf_dflt: ipv6_devconf }
const per_net = new Map<kaddr_t, netns_ipv6>();
/** net->ipv6 (set up by addrconf_init_net) @sim */
export function netns_ipv6_of(n: net): netns_ipv6 {
  const s = per_net.get(n.addr);
  if (s === undefined) throw new Error(`kveth: namespace ${n.addr.toString(16)} has no net->ipv6 (addrconf_init_net did not run)`);
  return s;
}

/** include/net/neighbour.h:71 struct neigh_parms: the two times IFLA_INET6_CACHEINFO reports, in jiffies */
interface neigh_parms { reachable_time: number; retrans_time: number }
/** include/net/if_inet6.h:165 struct inet6_dev: the parts kveth has */
export class inet6_dev {
  if_flags = 0;
  dead = 0;
  tstamp = 0;
  ra_mtu = 0;
  /** struct in6_addr token */
  readonly token = new Uint8Array(16);
  constructor(readonly dev: net_device, readonly cnf: ipv6_devconf, readonly nd_parms: neigh_parms) {}
}
/** dev->ip6_ptr */
const ip6_ptr = new Map<kaddr_t, inet6_dev>();
/** include/net/addrconf.h:331 __in6_dev_get */
export function __in6_dev_get(dev: net_device): inet6_dev | null { return ip6_ptr.get(dev.addr) ?? null; }

/* net/core/neighbour.c's randomness, on its own stream (see the file comment) */
const neigh_random = prandom_stream(0x6e656967 ^ Number(process.env.KVETH_SEED ?? 1));
/** include/linux/random.h:60 get_random_u32_below (the multiply-shift reduction) */
function get_random_u32_below(ceil: number): number { return Number((BigInt(neigh_random()) * BigInt(ceil)) >> 32n); }
/** net/core/neighbour.c:113 neigh_rand_reach_time */
function neigh_rand_reach_time(base: number): number { return base ? get_random_u32_below(base) + (base >>> 1) : 0; }
/**
 * net/core/neighbour.c:1716 neigh_parms_alloc for nd_tbl: a copy of the table's parms
 * (ND_REACHABLE_TIME, ND_RETRANS_TIMER) with a fresh reachable_time. The table itself, and the
 * periodic re-draw of reachable_time every 300 s (neigh_periodic_work), are left out.
 */
function neigh_parms_alloc(_dev: net_device): neigh_parms {
  return { reachable_time: neigh_rand_reach_time(30 * HZ), retrans_time: HZ };
}
/** kernel/time/time.c:377 jiffies_to_msecs (HZ divides 1000) */
function jiffies_to_msecs(j: number): number { return ((j >>> 0) * (1000 / HZ)) >>> 0; }

/** include/net/sch_generic.h:863 qdisc_tx_is_noop */
function qdisc_tx_is_noop(dev: net_device): boolean {
  for (let i = 0; i < dev.num_tx_queues; i++) if (netdev_get_tx_queue(dev, i).qdisc !== noop_qdisc) return false;
  return true;
}
/** net/ipv6/addrconf.c:308 addrconf_link_ready */
function addrconf_link_ready(dev: net_device): boolean { return netif_oper_up(dev) && !qdisc_tx_is_noop(dev); }

/**
 * net/ipv6/addrconf.c:374 ipv6_add_dev. Left out: the RS timer, the neighbour table entry (only
 * its parms are kept), snmp6 /proc files, the sysctl directory, and the multicast joins at the
 * end (ff01::1, ff02::1, and ff02::2 when forwarding).
 */
function ipv6_add_dev(dev: net_device): inet6_dev | number {
  if (dev.mtu < IPV6_MIN_MTU) return -EINVAL; // (dev != blackhole_netdev: kveth has none)
  const ndev = new inet6_dev(dev, { ...netns_ipv6_of(dev_net(dev)).devconf_dflt }, neigh_parms_alloc(dev));
  if (ndev.cnf.stable_secret_initialized) ndev.cnf.addr_gen_mode = IN6_ADDR_GEN_MODE_STABLE_PRIVACY;
  ndev.cnf.mtu6 = dev.mtu;
  ndev.ra_mtu = 0;
  // cnf.forwarding → dev_disable_lro: veth and lo have no LRO
  // snmp6_alloc_dev: the per-device counters start empty (include/net/snmp.ts)
  idev_ipv6_statistics_free(dev.addr);
  if (dev.flags & (IFF_NOARP | IFF_LOOPBACK)) ndev.cnf.accept_dad = -1;
  // CONFIG_IPV6_SIT: ISATAP tunnels only
  if ((dev.flags & IFF_LOOPBACK) || dev.type === ARPHRD_TUNNEL || dev.type === ARPHRD_TUNNEL6 || dev.type === ARPHRD_SIT ||
    dev.type === ARPHRD_NONE) {
    ndev.cnf.use_tempaddr = -1;
  }
  ndev.token.fill(0); // in6addr_any
  if (netif_running(dev) && addrconf_link_ready(dev)) ndev.if_flags |= IF_READY;
  // ipv6_mc_init_dev: no multicast lists
  ndev.tstamp = jiffies();
  ip6_ptr.set(dev.addr, ndev); // rcu_assign_pointer(dev->ip6_ptr, ndev)
  // ipv6_dev_mc_inc of the all-nodes groups, and ff02::2 when forwarding: not modelled
  return ndev;
}

/**
 * net/ipv6/addrconf.c:3692 addrconf_notify. The address work of a link that becomes ready
 * (addrconf_permanent_addr, addrconf_init_auto_addrs, addrconf_dad_run, rt6_sync_up) and the
 * RTM_NEWLINK for AF_INET6 listeners (inet6_ifinfo_notify: none in kveth) are left out;
 * the flags, mtu6 and tstamp updates around them are kept.
 */
function addrconf_notify(event: number, dev: net_device): void {
  let idev: inet6_dev | null = __in6_dev_get(dev);
  const n = dev_net(dev);
  switch (event) {
    case NETDEV_REGISTER:
      if (!idev && dev.mtu >= IPV6_MIN_MTU) ipv6_add_dev(dev); // an error only fails the notifier
      break;
    case NETDEV_CHANGEMTU:
    case NETDEV_UP:
    case NETDEV_CHANGE: {
      if (event === NETDEV_CHANGEMTU) {
        // if MTU under IPV6_MIN_MTU stop IPv6 on this interface
        if (dev.mtu < IPV6_MIN_MTU) {
          addrconf_ifdown(dev, dev.addr !== n.loopback_dev);
          break;
        }
        if (idev) {
          // rt6_mtu_change: no routes
          idev.cnf.mtu6 = dev.mtu;
          break;
        }
        // allocate new idev
        const r = ipv6_add_dev(dev);
        if (typeof r === 'number') break;
        idev = r;
        // device is still not ready
        if (!(idev.if_flags & IF_READY)) break;
        // run_pending = 1, then on as NETDEV_UP
      }
      if (idev && idev.cnf.disable_ipv6) break;
      // dev->priv_flags & IFF_NO_ADDRCONF: neither veth nor lo sets it
      if (event === NETDEV_UP) {
        // addrconf_permanent_addr: no addresses
        if (!addrconf_link_ready(dev)) break; // device is not ready yet
        if (!idev && dev.mtu >= IPV6_MIN_MTU) {
          const r = ipv6_add_dev(dev);
          idev = typeof r === 'number' ? null : r;
        }
        if (idev) idev.if_flags |= IF_READY;
      } else if (event === NETDEV_CHANGE) {
        if (!addrconf_link_ready(dev)) break; // rt6_sync_down_dev: no routes
        if (idev) {
          if (idev.if_flags & IF_READY) {
            // already configured: MLD reports, DAD for a NOARP change and rt6_sync_up are not modelled
            break;
          }
          idev.if_flags |= IF_READY;
        }
      }
      // addrconf_init_auto_addrs (the link-local address), addrconf_dad_run, rt6_sync_up: not modelled
      if (idev) {
        if (idev.cnf.mtu6 !== dev.mtu && dev.mtu >= IPV6_MIN_MTU) idev.cnf.mtu6 = dev.mtu; // and rt6_mtu_change
        idev.tstamp = jiffies();
        // inet6_ifinfo_notify(RTM_NEWLINK): no RTNLGRP_IPV6_IFINFO listeners
        if (dev.mtu < IPV6_MIN_MTU) addrconf_ifdown(dev, dev.addr !== n.loopback_dev);
      }
      break;
    }
    case NETDEV_DOWN:
    case NETDEV_UNREGISTER:
      // remove all addresses from this interface
      addrconf_ifdown(dev, event !== NETDEV_DOWN);
      break;
    // NETDEV_CHANGENAME: snmp6 and sysctl names only; type changes and CHANGEUPPER: no such events in kveth
  }
}

/**
 * net/ipv6/addrconf.c:3896 addrconf_ifdown. There are no addresses, routes, temporary addresses
 * or multicast lists to clear; what remains is unhooking the inet6_dev on unregister, clearing the
 * autoconf flags on a down event, and the tstamp / ra_mtu reset.
 */
function addrconf_ifdown(dev: net_device, unregister: boolean): number {
  // rt6_disable_ip: no routes
  const idev = __in6_dev_get(dev);
  if (!idev) return -ENODEV;
  if (unregister) {
    idev.dead = 1;
    ip6_ptr.delete(dev.addr); // RCU_INIT_POINTER(dev->ip6_ptr, NULL); snmp6_unregister_dev: no /proc
  }
  // keep_addr_on_down, the address hash and lists: empty
  // addrconf_del_rs_timer: no timer
  if (!unregister) idev.if_flags &= ~(IF_RS_SENT | IF_RA_RCVD | IF_READY);
  // ipv6_ac_destroy_dev / ipv6_mc_destroy_dev / ipv6_mc_down: no lists
  idev.tstamp = jiffies();
  idev.ra_mtu = 0;
  // in6_dev_put → in6_dev_finish_destroy → snmp6_free_dev
  if (unregister) idev_ipv6_statistics_free(dev.addr);
  return 0;
}

/** net/ipv6/addrconf.c:5681 ipv6_store_devconf (into the s32 array at `array`, `bytes` long) */
function ipv6_store_devconf(cnf: ipv6_devconf, array: kaddr_t, nbytes: number): void {
  if (nbytes < D.DEVCONF_MAX * 4) throw new Error('kernel BUG at net/ipv6/addrconf.c: ipv6_store_devconf');
  const a = new Int32Array(nbytes >> 2); // memset(array, 0, bytes)
  a[D.DEVCONF_FORWARDING] = cnf.forwarding;
  a[D.DEVCONF_HOPLIMIT] = cnf.hop_limit;
  a[D.DEVCONF_MTU6] = cnf.mtu6;
  a[D.DEVCONF_ACCEPT_RA] = cnf.accept_ra;
  a[D.DEVCONF_ACCEPT_REDIRECTS] = cnf.accept_redirects;
  a[D.DEVCONF_AUTOCONF] = cnf.autoconf;
  a[D.DEVCONF_DAD_TRANSMITS] = cnf.dad_transmits;
  a[D.DEVCONF_RTR_SOLICITS] = cnf.rtr_solicits;
  a[D.DEVCONF_RTR_SOLICIT_INTERVAL] = jiffies_to_msecs(cnf.rtr_solicit_interval);
  a[D.DEVCONF_RTR_SOLICIT_MAX_INTERVAL] = jiffies_to_msecs(cnf.rtr_solicit_max_interval);
  a[D.DEVCONF_RTR_SOLICIT_DELAY] = jiffies_to_msecs(cnf.rtr_solicit_delay);
  a[D.DEVCONF_FORCE_MLD_VERSION] = cnf.force_mld_version;
  a[D.DEVCONF_MLDV1_UNSOLICITED_REPORT_INTERVAL] = jiffies_to_msecs(cnf.mldv1_unsolicited_report_interval);
  a[D.DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL] = jiffies_to_msecs(cnf.mldv2_unsolicited_report_interval);
  a[D.DEVCONF_USE_TEMPADDR] = cnf.use_tempaddr;
  a[D.DEVCONF_TEMP_VALID_LFT] = cnf.temp_valid_lft;
  a[D.DEVCONF_TEMP_PREFERED_LFT] = cnf.temp_prefered_lft;
  a[D.DEVCONF_REGEN_MAX_RETRY] = cnf.regen_max_retry;
  a[D.DEVCONF_MAX_DESYNC_FACTOR] = cnf.max_desync_factor;
  a[D.DEVCONF_MAX_ADDRESSES] = cnf.max_addresses;
  a[D.DEVCONF_ACCEPT_RA_DEFRTR] = cnf.accept_ra_defrtr;
  a[D.DEVCONF_RA_DEFRTR_METRIC] = cnf.ra_defrtr_metric;
  a[D.DEVCONF_ACCEPT_RA_MIN_HOP_LIMIT] = cnf.accept_ra_min_hop_limit;
  a[D.DEVCONF_ACCEPT_RA_PINFO] = cnf.accept_ra_pinfo;
  // CONFIG_IPV6_ROUTER_PREF, CONFIG_IPV6_ROUTE_INFO
  a[D.DEVCONF_ACCEPT_RA_RTR_PREF] = cnf.accept_ra_rtr_pref;
  a[D.DEVCONF_RTR_PROBE_INTERVAL] = jiffies_to_msecs(cnf.rtr_probe_interval);
  a[D.DEVCONF_ACCEPT_RA_RT_INFO_MIN_PLEN] = cnf.accept_ra_rt_info_min_plen;
  a[D.DEVCONF_ACCEPT_RA_RT_INFO_MAX_PLEN] = cnf.accept_ra_rt_info_max_plen;
  a[D.DEVCONF_PROXY_NDP] = cnf.proxy_ndp;
  a[D.DEVCONF_ACCEPT_SOURCE_ROUTE] = cnf.accept_source_route;
  // CONFIG_IPV6_OPTIMISTIC_DAD, CONFIG_IPV6_MROUTE
  a[D.DEVCONF_OPTIMISTIC_DAD] = cnf.optimistic_dad;
  a[D.DEVCONF_USE_OPTIMISTIC] = cnf.use_optimistic;
  a[D.DEVCONF_MC_FORWARDING] = cnf.mc_forwarding;
  a[D.DEVCONF_DISABLE_IPV6] = cnf.disable_ipv6;
  a[D.DEVCONF_ACCEPT_DAD] = cnf.accept_dad;
  a[D.DEVCONF_FORCE_TLLAO] = cnf.force_tllao;
  a[D.DEVCONF_NDISC_NOTIFY] = cnf.ndisc_notify;
  a[D.DEVCONF_SUPPRESS_FRAG_NDISC] = cnf.suppress_frag_ndisc;
  a[D.DEVCONF_ACCEPT_RA_FROM_LOCAL] = cnf.accept_ra_from_local;
  a[D.DEVCONF_ACCEPT_RA_MTU] = cnf.accept_ra_mtu;
  a[D.DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN] = cnf.ignore_routes_with_linkdown;
  // DEVCONF_STABLE_SECRET is never reported
  a[D.DEVCONF_USE_OIF_ADDRS_ONLY] = cnf.use_oif_addrs_only;
  a[D.DEVCONF_DROP_UNICAST_IN_L2_MULTICAST] = cnf.drop_unicast_in_l2_multicast;
  a[D.DEVCONF_DROP_UNSOLICITED_NA] = cnf.drop_unsolicited_na;
  a[D.DEVCONF_KEEP_ADDR_ON_DOWN] = cnf.keep_addr_on_down;
  a[D.DEVCONF_SEG6_ENABLED] = cnf.seg6_enabled;
  a[D.DEVCONF_SEG6_REQUIRE_HMAC] = cnf.seg6_require_hmac; // CONFIG_IPV6_SEG6_HMAC
  a[D.DEVCONF_ENHANCED_DAD] = cnf.enhanced_dad;
  a[D.DEVCONF_ADDR_GEN_MODE] = cnf.addr_gen_mode;
  a[D.DEVCONF_DISABLE_POLICY] = cnf.disable_policy;
  a[D.DEVCONF_NDISC_TCLASS] = cnf.ndisc_tclass;
  a[D.DEVCONF_RPL_SEG_ENABLED] = cnf.rpl_seg_enabled;
  a[D.DEVCONF_IOAM6_ENABLED] = cnf.ioam6_enabled;
  a[D.DEVCONF_IOAM6_ID] = cnf.ioam6_id;
  a[D.DEVCONF_IOAM6_ID_WIDE] = cnf.ioam6_id_wide;
  a[D.DEVCONF_NDISC_EVICT_NOCARRIER] = cnf.ndisc_evict_nocarrier;
  a[D.DEVCONF_ACCEPT_UNTRACKED_NA] = cnf.accept_untracked_na;
  a[D.DEVCONF_ACCEPT_RA_MIN_LFT] = cnf.accept_ra_min_lft;
  bytes(array, nbytes).set(new Uint8Array(a.buffer));
}

/** net/ipv6/addrconf.c:5774 inet6_ifla6_size */
function inet6_ifla6_size(): number {
  return nla_total_size(4) /* IFLA_INET6_FLAGS */ +
    nla_total_size(SIZEOF_IFLA_CACHEINFO) +
    nla_total_size(D.DEVCONF_MAX * 4) /* IFLA_INET6_CONF */ +
    nla_total_size(IPSTATS_MIB_MAX * 8) /* IFLA_INET6_STATS */ +
    nla_total_size(ICMP6_MIB_MAX * 8) /* IFLA_INET6_ICMP6STATS */ +
    nla_total_size(16) /* IFLA_INET6_TOKEN */ +
    nla_total_size(1) /* IFLA_INET6_ADDR_GEN_MODE */ +
    nla_total_size(4) /* IFLA_INET6_RA_MTU */ +
    0;
}
/** net/ipv6/addrconf.c:5798 __snmp6_fill_statsdev: ICMPv6 is not modelled, so every counter after the count is 0 */
function __snmp6_fill_statsdev(stats: kaddr_t, nbytes: number): void {
  const pad = nbytes - 8 * ICMP6_MIB_MAX;
  if (pad < 0) throw new Error('kernel BUG at net/ipv6/addrconf.c: __snmp6_fill_statsdev');
  wr64(stats, ICMP6_MIB_MAX);
  for (let i = 1; i < ICMP6_MIB_MAX; i++) wr64(stats + 8 * i, 0);
  bytes(stats + 8 * ICMP6_MIB_MAX, pad).fill(0);
}
/** net/ipv6/addrconf.c:5813 __snmp6_fill_stats64: the device's IPSTATS_MIB_* counters (one table: no per-CPU sum) */
function __snmp6_fill_stats64(stats: kaddr_t, idev: inet6_dev, nbytes: number): void {
  const pad = nbytes - 8 * IPSTATS_MIB_MAX;
  if (pad < 0) throw new Error('kernel BUG at net/ipv6/addrconf.c: __snmp6_fill_stats64');
  const mib = idev_ipv6_statistics(idev.dev.addr);
  wr64(stats, IPSTATS_MIB_MAX);
  for (let i = 1; i < IPSTATS_MIB_MAX; i++) wr64(stats + 8 * i, mib[IPSTATS_MIB_NAMES[i]!] ?? 0);
  bytes(stats + 8 * IPSTATS_MIB_MAX, pad).fill(0);
}
/** net/ipv6/addrconf.c:5834 snmp6_fill_stats */
function snmp6_fill_stats(stats: kaddr_t, idev: inet6_dev, attrtype: number, nbytes: number): void {
  switch (attrtype) {
    case IFLA_INET6_STATS: __snmp6_fill_stats64(stats, idev, nbytes); break;
    case IFLA_INET6_ICMP6STATS: __snmp6_fill_statsdev(stats, nbytes); break;
  }
}
/** net/ipv6/addrconf.c:5848 inet6_fill_ifla6_stats_attrs */
function inet6_fill_ifla6_stats_attrs(skb: sk_buff, idev: inet6_dev): number {
  let nla = nla_reserve(skb, IFLA_INET6_STATS, IPSTATS_MIB_MAX * 8);
  if (!nla) return -EMSGSIZE;
  snmp6_fill_stats(nla_data(nla), idev, IFLA_INET6_STATS, nla_len(nla));
  nla = nla_reserve(skb, IFLA_INET6_ICMP6STATS, ICMP6_MIB_MAX * 8);
  if (!nla) return -EMSGSIZE;
  snmp6_fill_stats(nla_data(nla), idev, IFLA_INET6_ICMP6STATS, nla_len(nla));
  return 0;
}
/** net/ipv6/addrconf.c:98 cstamp_delta: hundredths of a second since boot */
function cstamp_delta(cstamp: number): number {
  return Math.floor((((cstamp - INITIAL_JIFFIES) >>> 0) * 100) / HZ) >>> 0;
}
/** net/ipv6/addrconf.c:5869 inet6_fill_ifla6_attrs */
function inet6_fill_ifla6_attrs(skb: sk_buff, idev: inet6_dev, ext_filter_mask: number): number {
  if (nla_put_u32(skb, IFLA_INET6_FLAGS, idev.if_flags >>> 0)) return -EMSGSIZE;
  // struct ifla_cacheinfo: max_reasm_len, tstamp, reachable_time, retrans_time
  const ci = new Uint8Array(SIZEOF_IFLA_CACHEINFO);
  const dv = new DataView(ci.buffer);
  dv.setUint32(0, IPV6_MAXPLEN, true);
  dv.setUint32(4, cstamp_delta(idev.tstamp), true);
  dv.setUint32(8, jiffies_to_msecs(idev.nd_parms.reachable_time), true);
  dv.setUint32(12, jiffies_to_msecs(idev.nd_parms.retrans_time), true); // NEIGH_VAR(RETRANS_TIME)
  if (nla_put(skb, IFLA_INET6_CACHEINFO, SIZEOF_IFLA_CACHEINFO, ci)) return -EMSGSIZE;
  let nla = nla_reserve(skb, IFLA_INET6_CONF, D.DEVCONF_MAX * 4);
  if (!nla) return -EMSGSIZE;
  ipv6_store_devconf(idev.cnf, nla_data(nla), nla_len(nla));
  // XXX - MC not implemented (the kernel's own note: no IFLA_INET6_MCAST)
  if (!(ext_filter_mask & RTEXT_FILTER_SKIP_STATS)) {
    if (inet6_fill_ifla6_stats_attrs(skb, idev) < 0) return -EMSGSIZE;
  }
  nla = nla_reserve(skb, IFLA_INET6_TOKEN, 16);
  if (!nla) return -EMSGSIZE;
  bytes(nla_data(nla), nla_len(nla)).set(idev.token);
  if (nla_put_u8(skb, IFLA_INET6_ADDR_GEN_MODE, idev.cnf.addr_gen_mode)) return -EMSGSIZE;
  const ra_mtu = idev.ra_mtu;
  if (ra_mtu && nla_put_u32(skb, IFLA_INET6_RA_MTU, ra_mtu)) return -EMSGSIZE;
  return 0;
}
/** net/ipv6/addrconf.c:5917 inet6_get_link_af_size */
function inet6_get_link_af_size(dev: net_device, _ext_filter_mask: number): number {
  if (!__in6_dev_get(dev)) return 0;
  return inet6_ifla6_size();
}
/** net/ipv6/addrconf.c:5926 inet6_fill_link_af */
function inet6_fill_link_af(skb: sk_buff, dev: net_device, ext_filter_mask: number): number {
  const idev = __in6_dev_get(dev);
  if (!idev) return -ENODATA;
  if (inet6_fill_ifla6_attrs(skb, idev, ext_filter_mask) < 0) return -EMSGSIZE;
  return 0;
}

/** include/net/ipv6.h:526 ipv6_accept_ra */
function ipv6_accept_ra(idev: inet6_dev): boolean {
  const accept_ra = idev.cnf.accept_ra;
  // with forwarding on, RAs count only in the hybrid mode accept_ra=2
  return idev.cnf.forwarding ? accept_ra === 2 : !!accept_ra;
}
/** NL_SET_ERR_MSG_MOD: KBUILD_MODNAME is "ipv6" for addrconf.o */
function NL_SET_ERR_MSG_MOD(extack: netlink_ext_ack | null, msg: string): void { NL_SET_ERR_MSG(extack, `ipv6: ${msg}`); }
/**
 * net/ipv6/addrconf.c:5940 inet6_set_iftoken. With no link-local address (ipv6_get_lladdr finds
 * none) no router solicitation is sent, and there are no tokenized addresses to expire.
 */
function inet6_set_iftoken(idev: inet6_dev, token: kaddr_t, extack: netlink_ext_ack | null): number {
  const dev = idev.dev;
  if (!token) return -EINVAL;
  if (dev.flags & IFF_LOOPBACK) { NL_SET_ERR_MSG_MOD(extack, 'Device is loopback'); return -EINVAL; }
  if (dev.flags & IFF_NOARP) { NL_SET_ERR_MSG_MOD(extack, 'Device does not do neighbour discovery'); return -EINVAL; }
  if (!ipv6_accept_ra(idev)) { NL_SET_ERR_MSG_MOD(extack, 'Router advertisement is disabled on device'); return -EINVAL; }
  if (idev.cnf.rtr_solicits === 0) { NL_SET_ERR_MSG(extack, 'Router solicitation is disabled on device'); return -EINVAL; }
  idev.token.set(bytes(token + 8, 8), 8); // the interface identifier half only
  // clear_token or not: ipv6_get_lladdr() fails (no addresses), so update_rs stays false
  // update_lft: the address list is empty; inet6_ifinfo_notify has no listeners; addrconf_verify_rtnl has no work
  return 0;
}
/** net/ipv6/addrconf.c:6024 inet6_af_policy */
const inet6_af_policy: nla_policy_table = (() => {
  const p: ({ type: number; len?: number; reject_message?: string } | undefined)[] = new Array(IFLA_INET6_MAX + 1);
  p[IFLA_INET6_ADDR_GEN_MODE] = { type: NLA_U8 };
  p[IFLA_INET6_TOKEN] = { type: NLA_UNSPEC, len: 16 };
  p[IFLA_INET6_RA_MTU] = { type: NLA_REJECT, reject_message: 'IFLA_INET6_RA_MTU can not be set' };
  return p;
})();
/** net/ipv6/addrconf.c:6032 check_addr_gen_mode */
function check_addr_gen_mode(mode: number): number {
  if (mode !== IN6_ADDR_GEN_MODE_EUI64 && mode !== IN6_ADDR_GEN_MODE_NONE && mode !== IN6_ADDR_GEN_MODE_STABLE_PRIVACY &&
    mode !== IN6_ADDR_GEN_MODE_RANDOM) return -EINVAL;
  return 1;
}
/** net/ipv6/addrconf.c:6042 check_stable_privacy */
function check_stable_privacy(idev: inet6_dev, n: net, mode: number): number {
  if (mode === IN6_ADDR_GEN_MODE_STABLE_PRIVACY && !idev.cnf.stable_secret_initialized &&
    !netns_ipv6_of(n).devconf_dflt.stable_secret_initialized) return -EINVAL;
  return 1;
}
/** net/ipv6/addrconf.c:6052 inet6_validate_link_af */
function inet6_validate_link_af(dev: net_device | null, nla: kaddr_t, extack: netlink_ext_ack | null): number {
  const tb: nlattr_tb = new_tb(IFLA_INET6_MAX);
  let idev: inet6_dev | null = null;
  if (dev) {
    idev = __in6_dev_get(dev);
    if (!idev) return -EAFNOSUPPORT;
  }
  const err = nla_parse_nested_deprecated(tb, IFLA_INET6_MAX, nla, inet6_af_policy, extack);
  if (err) return err;
  if (!tb[IFLA_INET6_TOKEN] && !tb[IFLA_INET6_ADDR_GEN_MODE]) return -EINVAL;
  if (tb[IFLA_INET6_ADDR_GEN_MODE]) {
    const mode = nla_get_u8(tb[IFLA_INET6_ADDR_GEN_MODE]!);
    if (check_addr_gen_mode(mode) < 0) return -EINVAL;
    if (dev && check_stable_privacy(idev!, dev_net(dev), mode) < 0) return -EINVAL;
  }
  return 0;
}
/** net/ipv6/addrconf.c:6086 inet6_set_link_af */
function inet6_set_link_af(dev: net_device, nla: kaddr_t, extack: netlink_ext_ack | null): number {
  const idev = __in6_dev_get(dev);
  const tb: nlattr_tb = new_tb(IFLA_INET6_MAX);
  if (!idev) return -EAFNOSUPPORT;
  if (nla_parse_nested_deprecated(tb, IFLA_INET6_MAX, nla, null, null) < 0) return -EINVAL;
  if (tb[IFLA_INET6_TOKEN]) {
    const err = inet6_set_iftoken(idev, nla_data(tb[IFLA_INET6_TOKEN]!), extack);
    if (err) return err;
  }
  if (tb[IFLA_INET6_ADDR_GEN_MODE]) idev.cnf.addr_gen_mode = nla_get_u8(tb[IFLA_INET6_ADDR_GEN_MODE]!);
  return 0;
}

/* ------------------------------------------------------------------------------------------
 * net.ipv6.conf.{all,default}.disable_ipv6
 */
/** net/ipv6/addrconf.c:6421 dev_disable_change */
function dev_disable_change(idev: inet6_dev | null): void {
  if (!idev || !idev.dev) return;
  if (idev.cnf.disable_ipv6) addrconf_notify(NETDEV_DOWN, idev.dev);
  else addrconf_notify(NETDEV_UP, idev.dev);
}
/** net/ipv6/addrconf.c:6435 addrconf_disable_change */
function addrconf_disable_change(n: net, newf: number): void {
  for (const dev of for_each_netdev(n)) {
    const idev = __in6_dev_get(dev);
    if (idev) {
      const changed = (!idev.cnf.disable_ipv6 ? 1 : 0) ^ (!newf ? 1 : 0);
      idev.cnf.disable_ipv6 = newf;
      if (changed) dev_disable_change(idev);
    }
  }
}
/** net/ipv6/addrconf.c:6452 addrconf_disable_ipv6, for a write to net.ipv6.conf.all.disable_ipv6 */
function addrconf_disable_ipv6(n: net, newf: number): void {
  const s = netns_ipv6_of(n);
  s.devconf_all.disable_ipv6 = newf;
  // writing "all" also sets "default" and every device
  s.devconf_dflt.disable_ipv6 = newf;
  addrconf_disable_change(n, newf);
}
/**
 * `sysctl -w net.ipv6.conf.all.disable_ipv6=V` in namespace `n` (which also sets "default", so it
 * covers the live setup's `all=1 default=1`). A new namespace starts with IPv6 enabled. @sim
 */
export function set_ipv6_disabled(n: net, disabled: boolean): void { addrconf_disable_ipv6(n, disabled ? 1 : 0); }
/** net.ipv6.conf.all.disable_ipv6 of `n` @sim */
export function ipv6_disabled(n: net): boolean { return !!netns_ipv6_of(n).devconf_all.disable_ipv6; }

/* ------------------------------------------------------------------------------------------
 * Per namespace, and the module init
 */
/**
 * net/ipv6/addrconf.c:7370 addrconf_init_net. net_inherit_devconf() is 0, which for IPv6 means
 * the compiled-in blocks (IPv4 copies init_net's instead). The address hash, the verify work and
 * the sysctl tables are left out.
 */
function addrconf_init_net(n: net): number {
  const all: ipv6_devconf = { ...ipv6_devconf };
  const dflt: ipv6_devconf = { ...ipv6_devconf_dflt };
  // !net_eq(net, &init_net): net_inherit_devconf() is 0, "use compiled values", so nothing is copied
  // these will be inherited by all namespaces
  dflt.autoconf = ipv6_defaults.autoconf;
  dflt.disable_ipv6 = ipv6_defaults.disable_ipv6;
  dflt.stable_secret_initialized = false;
  all.stable_secret_initialized = false;
  per_net.set(n.addr, { devconf_all: all, devconf_dflt: dflt });
  return 0;
}
/** net/ipv6/addrconf.c:7450 addrconf_exit_net */
function addrconf_exit_net(n: net): void { per_net.delete(n.addr); }

/** net/ipv6/addrconf.c:7481 inet6_ops */
export const inet6_ops: rtnl_af_ops = {
  family: AF_INET6,
  fill_link_af: inet6_fill_link_af,
  get_link_af_size: inet6_get_link_af_size,
  validate_link_af: inet6_validate_link_af,
  set_link_af: inet6_set_link_af,
};

/**
 * net/ipv6/addrconf.c:7493 addrconf_init: the pernet blocks, then the netdevice notifier (which
 * replays the devices that already exist). Left out: the address label table, the workqueue,
 * blackhole_netdev's inet6_dev, the special route entries, the RTM_*ADDR / GETLINK(AF_INET6)
 * handlers. rtnl_af_register(&inet6_ops) is done by rtnetlink.ts (see devinet_init).
 */
function addrconf_init(): void {
  register_pernet_subsys({ init: addrconf_init_net, exit: addrconf_exit_net });
  register_netdevice_notifier(addrconf_notify);
}
addrconf_init();

/*
 * RTM_GETADDR dumps (`ip address`). kveth's inet6_dev has no address lists (no address is ever
 * added: addrconf_addr_gen, the link-local and ::1 addresses, DAD and RTM_NEWADDR are not
 * ported), so a dump walks the devices, validates the request as the kernel does, and finds nothing
 * to fill.
 *
 * rtnetlink.ts loads this file (rtnl_af_register(inet6_ops)) and af_netlink.ts loads
 * rtnetlink.ts, so the dump reaches those two at call time rather than at load. @sim
 */
function rtnetlink_mod(): typeof import('../core/rtnetlink') { return require('../core/rtnetlink'); }
function af_netlink_mod(): typeof import('../netlink/af_netlink') { return require('../netlink/af_netlink'); }

/** net/ipv6/addrconf.c:4822 ifa_ipv6_policy */
const ifa_ipv6_policy: nla_policy_table = (() => {
  const p: (nla_policy | undefined)[] = new Array(IFA_MAX + 1);
  p[IFA_ADDRESS] = { type: NLA_UNSPEC, len: 16 }; // sizeof(struct in6_addr)
  p[IFA_LOCAL] = { type: NLA_UNSPEC, len: 16 };
  p[IFA_CACHEINFO] = { type: NLA_UNSPEC, len: SIZEOF_IFA_CACHEINFO };
  p[IFA_FLAGS] = { type: NLA_UNSPEC, len: 4 };
  p[IFA_RT_PRIORITY] = { type: NLA_UNSPEC, len: 4 };
  p[IFA_TARGET_NETNSID] = { type: NLA_S32 };
  p[IFA_PROTO] = { type: NLA_U8 };
  return p;
})();

/** UNICAST_ADDR of enum addr_type_t (net/ipv6/addrconf.c:5171) */
const UNICAST_ADDR = 0;
/** net/ipv6/addrconf.c:5177 struct inet6_fill_args */
interface inet6_fill_args { portid: number; seq: number; event: number; flags: number; netnsid: number; ifindex: number; type: number }

/**
 * net/ipv6/addrconf.c:5335 in6_dump_addrs, for UNICAST_ADDR (the only type kveth's dumps ask for;
 * the multicast and anycast dumps are not registered). The walk over idev->addr_list finds nothing
 * (see above), so no inet6_fill_ifaddr runs.
 */
function in6_dump_addrs(_idev: inet6_dev, ctx: { ip_idx: number }, fillargs: inet6_fill_args): number {
  const ip_idx = 0;
  const err = 0;
  if (fillargs.type === UNICAST_ADDR) fillargs.event = RTM_NEWADDR;
  ctx.ip_idx = err ? ip_idx : 0; // *s_ip_idx
  return err;
}

/** net/ipv6/addrconf.c:5395 inet6_valid_dump_ifaddr_req (tgt.net is the `struct net **tgt_net`) */
function inet6_valid_dump_ifaddr_req(nlh: kaddr_t, fillargs: inet6_fill_args, tgt: { net: net }, sk_net: net,
  cb: netlink_callback): number {
  const extack = cb.extack;
  const tb = new_tb(IFA_MAX);
  if (nlh_len(nlh) < nlmsg_msg_size(SIZEOF_IFADDRMSG)) {
    NL_SET_ERR_MSG_MOD(extack, 'Invalid header for address dump request');
    return -EINVAL;
  }
  const ifm = nlmsg_data(nlh);
  if (rd8(ifm + IFADDRMSG_ifa_prefixlen) || rd8(ifm + IFADDRMSG_ifa_flags) || rd8(ifm + IFADDRMSG_ifa_scope)) {
    NL_SET_ERR_MSG_MOD(extack, 'Invalid values in header for address dump request');
    return -EINVAL;
  }
  fillargs.ifindex = rd32(ifm + IFADDRMSG_ifa_index) | 0;
  if (fillargs.ifindex) {
    cb.answer_flags |= NLM_F_DUMP_FILTERED;
    fillargs.flags |= NLM_F_DUMP_FILTERED;
  }
  const err = nlmsg_parse_deprecated_strict(nlh, SIZEOF_IFADDRMSG, tb, IFA_MAX, ifa_ipv6_policy, extack);
  if (err < 0) return err;
  for (let i = 0; i <= IFA_MAX; ++i) {
    if (!tb[i]) continue;
    if (i === IFA_TARGET_NETNSID) {
      fillargs.netnsid = nla_get_s32(tb[i]!);
      const [t, terr] = rtnetlink_mod().rtnl_get_net_ns_capable(sk_net, fillargs.netnsid);
      if (!t) {
        fillargs.netnsid = -1;
        NL_SET_ERR_MSG_MOD(extack, 'Invalid target network namespace id');
        return terr;
      }
      tgt.net = t;
    } else {
      NL_SET_ERR_MSG_MOD(extack, 'Unsupported attribute in dump request');
      return -EINVAL;
    }
  }
  return 0;
}

/**
 * net/ipv6/addrconf.c:718 inet6_base_seq. net->ipv6.dev_addr_genid is bumped only when an address
 * changes, which never happens here, so it stays 0.
 */
function inet6_base_seq(n: net): number {
  let res = (0 + n.dev_base_seq) >>> 0;
  if (!res) res = 0x80000000;
  return res;
}

/** net/ipv6/addrconf.c:5451 inet6_dump_addr */
function inet6_dump_addr(skb: sk_buff, cb: netlink_callback, type: number): number {
  const { NETLINK_CB } = af_netlink_mod();
  const sk_net = NETLINK_CB(skb).sk.net; // sock_net(skb->sk)
  const tgt = { net: sk_net };
  const nlh = cb.nlh;
  const fillargs: inet6_fill_args = {
    portid: NETLINK_CB(cb.skb).portid, seq: nlh_seq(cb.nlh), flags: NLM_F_MULTI, netnsid: -1, type, event: 0, ifindex: 0,
  };
  const ctx = cb.ctx;
  let err = 0;
  done: {
    if (cb.strict_check) {
      err = inet6_valid_dump_ifaddr_req(nlh, fillargs, tgt, sk_net, cb);
      if (err < 0) break done;
      err = 0;
      if (fillargs.ifindex) {
        const dev = __dev_get_by_index(tgt.net, fillargs.ifindex); // dev_get_by_index_rcu
        if (!dev) { err = -ENODEV; break done; }
        const idev = __in6_dev_get(dev);
        if (idev) err = in6_dump_addrs(idev, ctx, fillargs);
        break done;
      }
    }
    cb.seq = inet6_base_seq(tgt.net);
    for (const dev of for_each_netdev_dump(tgt.net, ctx)) {
      const idev = __in6_dev_get(dev);
      if (!idev) continue;
      err = in6_dump_addrs(idev, ctx, fillargs);
      if (err < 0) break done;
    }
  }
  // put_net(tgt_net) for a netnsid target: namespaces are not reference-counted here
  return err;
}
/**
 * net/ipv6/addrconf.c:5512 inet6_dump_ifaddr (registered by addrconf_init with the doit
 * inet6_rtm_getaddr, which is not ported: a single-address RTM_GETADDR gets -EOPNOTSUPP)
 */
export function inet6_dump_ifaddr(skb: sk_buff, cb: netlink_callback): number {
  return inet6_dump_addr(skb, cb, UNICAST_ADDR);
}
