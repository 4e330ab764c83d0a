// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/net/snmp.h and include/uapi/linux/snmp.h: the SNMP MIB counters the receive handlers
 * bump. The kernel keeps them per CPU inside struct net (net->mib.ip_statistics,
 * net->mib.ipv6_statistics, net->mib.net_statistics), allocated by the pernet init of af_inet and
 * af_inet6 and freed by its exit, and, for IPv6, also per inet6_dev. kveth keeps one array per
 * namespace (keyed by the address of the struct net) indexed by the kernel's enum values, made and
 * freed by the same pernet hooks. The per-CPU split only matters for summing, which a single
 * array makes trivial.
 */
import type { kaddr_t } from '../../sim/mem';
import { type net, register_pernet_subsys } from './net_namespace';

/* enum in include/uapi/linux/snmp.h: the IPSTATS_MIB_* entries (IPv4 and IPv6 share them) */
export const IPSTATS_MIB_NAMES = [
  'IPSTATS_MIB_NUM', 'IPSTATS_MIB_INPKTS', 'IPSTATS_MIB_INOCTETS', 'IPSTATS_MIB_INDELIVERS',
  'IPSTATS_MIB_OUTFORWDATAGRAMS', 'IPSTATS_MIB_OUTREQUESTS', 'IPSTATS_MIB_OUTOCTETS', 'IPSTATS_MIB_INHDRERRORS',
  'IPSTATS_MIB_INTOOBIGERRORS', 'IPSTATS_MIB_INNOROUTES', 'IPSTATS_MIB_INADDRERRORS', 'IPSTATS_MIB_INUNKNOWNPROTOS',
  'IPSTATS_MIB_INTRUNCATEDPKTS', 'IPSTATS_MIB_INDISCARDS', 'IPSTATS_MIB_OUTDISCARDS', 'IPSTATS_MIB_OUTNOROUTES',
  'IPSTATS_MIB_REASMTIMEOUT', 'IPSTATS_MIB_REASMREQDS', 'IPSTATS_MIB_REASMOKS', 'IPSTATS_MIB_REASMFAILS',
  'IPSTATS_MIB_FRAGOKS', 'IPSTATS_MIB_FRAGFAILS', 'IPSTATS_MIB_FRAGCREATES', 'IPSTATS_MIB_INMCASTPKTS',
  'IPSTATS_MIB_OUTMCASTPKTS', 'IPSTATS_MIB_INBCASTPKTS', 'IPSTATS_MIB_OUTBCASTPKTS', 'IPSTATS_MIB_INMCASTOCTETS',
  'IPSTATS_MIB_OUTMCASTOCTETS', 'IPSTATS_MIB_INBCASTOCTETS', 'IPSTATS_MIB_OUTBCASTOCTETS', 'IPSTATS_MIB_CSUMERRORS',
  'IPSTATS_MIB_NOECTPKTS', 'IPSTATS_MIB_ECT1PKTS', 'IPSTATS_MIB_ECT0PKTS', 'IPSTATS_MIB_CEPKTS',
  'IPSTATS_MIB_REASM_OVERLAPS', 'IPSTATS_MIB_OUTPKTS',
] as const;
type ipstats_name = (typeof IPSTATS_MIB_NAMES)[number];
const ipstats = (name: ipstats_name): number => IPSTATS_MIB_NAMES.indexOf(name);
/* the enum values the receive path uses (one source of truth: the list above) */
export const IPSTATS_MIB_INPKTS = ipstats('IPSTATS_MIB_INPKTS');
export const IPSTATS_MIB_INOCTETS = ipstats('IPSTATS_MIB_INOCTETS');
export const IPSTATS_MIB_INHDRERRORS = ipstats('IPSTATS_MIB_INHDRERRORS');
export const IPSTATS_MIB_INNOROUTES = ipstats('IPSTATS_MIB_INNOROUTES');
export const IPSTATS_MIB_INADDRERRORS = ipstats('IPSTATS_MIB_INADDRERRORS');
export const IPSTATS_MIB_INTRUNCATEDPKTS = ipstats('IPSTATS_MIB_INTRUNCATEDPKTS');
export const IPSTATS_MIB_INDISCARDS = ipstats('IPSTATS_MIB_INDISCARDS');
export const IPSTATS_MIB_CSUMERRORS = ipstats('IPSTATS_MIB_CSUMERRORS');
export const IPSTATS_MIB_NOECTPKTS = ipstats('IPSTATS_MIB_NOECTPKTS');
/**
 * The base of an __IP_UPD_PO_STATS call: the macro pastes PKTS and OCTETS onto it
 * (IPSTATS_MIB_IN → IPSTATS_MIB_INPKTS, IPSTATS_MIB_INOCTETS).
 */
export type ipstats_po = readonly [pkts: number, octets: number];
export const IPSTATS_MIB_IN: ipstats_po = [IPSTATS_MIB_INPKTS, IPSTATS_MIB_INOCTETS];
export const IPSTATS_MIB_INMCAST: ipstats_po = [ipstats('IPSTATS_MIB_INMCASTPKTS'), ipstats('IPSTATS_MIB_INMCASTOCTETS')];
export const IPSTATS_MIB_INBCAST: ipstats_po = [ipstats('IPSTATS_MIB_INBCASTPKTS'), ipstats('IPSTATS_MIB_INBCASTOCTETS')];
/** include/net/snmp.h:50 IPSTATS_MIB_MAX (__IPSTATS_MIB_MAX) */
export const IPSTATS_MIB_MAX = IPSTATS_MIB_NAMES.length;
/** include/net/snmp.h:69 ICMP6_MIB_MAX (__ICMP6_MIB_MAX: NUM, INMSGS, INERRORS, OUTMSGS, OUTERRORS, CSUMERRORS, RATELIMITHOST) */
export const ICMP6_MIB_MAX = 7;
/** The LINUX_MIB_* entries (include/uapi/linux/snmp.h) kveth can count. */
export type linux_mib = 'LINUX_MIB_IPRPFILTER';

/** struct netns_mib: the tables of one namespace */
interface netns_mib {
  ip_statistics: Float64Array;
  ipv6_statistics: Float64Array | null;
  net_statistics: Map<linux_mib, number>;
}
const mibs = new Map<kaddr_t, netns_mib>();
function mib_of(net_addr: kaddr_t): netns_mib {
  const m = mibs.get(net_addr);
  if (m === undefined) throw new Error('kveth: namespace has no SNMP tables (ipv4_mib_init_net did not run)');
  return m;
}

/** net/ipv4/af_inet.c:1723 ipv4_mib_init_net (the tcp, udp, udplite and icmp tables count nothing in kveth) */
function ipv4_mib_init_net(n: net): number {
  mibs.set(n.addr, { ip_statistics: new Float64Array(IPSTATS_MIB_MAX), ipv6_statistics: null, net_statistics: new Map() });
  return 0;
}
/** net/ipv4/af_inet.c:1776 ipv4_mib_exit_net */
function ipv4_mib_exit_net(n: net): void { mibs.delete(n.addr); }
register_pernet_subsys({ init: ipv4_mib_init_net, exit: ipv4_mib_exit_net });
/** net/ipv6/af_inet6.c:903 ipv6_init_mibs (from inet6_net_init, registered after ipv4_mib_ops) */
function ipv6_init_mibs(n: net): number {
  mib_of(n.addr).ipv6_statistics = new Float64Array(IPSTATS_MIB_MAX);
  return 0;
}
/** net/ipv6/af_inet6.c:944 ipv6_cleanup_mibs */
function ipv6_cleanup_mibs(n: net): void {
  const m = mibs.get(n.addr);
  if (m) m.ipv6_statistics = null;
}
register_pernet_subsys({ init: ipv6_init_mibs, exit: ipv6_cleanup_mibs });

/** include/net/ip.h:305 __IP_INC_STATS (net->mib.ip_statistics) */
export function __IP_INC_STATS(net_addr: kaddr_t, field: number): void { mib_of(net_addr).ip_statistics[field]! += 1; }
/** include/net/ip.h:307 __IP_ADD_STATS */
export function __IP_ADD_STATS(net_addr: kaddr_t, field: number, val: number): void { mib_of(net_addr).ip_statistics[field]! += val; }
/** include/net/ip.h:309 __IP_UPD_PO_STATS: <base>PKTS by one, <base>OCTETS by `val` */
export function __IP_UPD_PO_STATS(net_addr: kaddr_t, base: ipstats_po, val: number): void {
  const t = mib_of(net_addr).ip_statistics;
  t[base[0]]! += 1;
  t[base[1]]! += val;
}
/** include/net/ip.h:311 __NET_INC_STATS (net->mib.net_statistics, the LINUX_MIB_* entries) */
export function __NET_INC_STATS(net_addr: kaddr_t, field: linux_mib): void {
  const t = mib_of(net_addr).net_statistics;
  t.set(field, (t.get(field) ?? 0) + 1);
}

/*
 * include/net/ipv6.h: __IP6_INC_STATS and friends update both the namespace table and, when the
 * device has an inet6_dev, that device's own copy (idev->stats.ipv6). The per-device copies are
 * keyed by the net_device address.
 */
const idev_stats = new Map<kaddr_t, Float64Array>();
function idev_table(dev_addr: kaddr_t): Float64Array {
  let t = idev_stats.get(dev_addr);
  if (t === undefined) { t = new Float64Array(IPSTATS_MIB_MAX); idev_stats.set(dev_addr, t); }
  return t;
}
function ipv6_mib(net_addr: kaddr_t): Float64Array {
  const t = mib_of(net_addr).ipv6_statistics;
  if (t === null) throw new Error('kveth: namespace has no IPv6 SNMP table (ipv6_init_mibs did not run)');
  return t;
}
/** include/net/ipv6.h:264 __IP6_INC_STATS */
export function __IP6_INC_STATS(net_addr: kaddr_t, idev_dev: kaddr_t | null, field: number): void {
  if (idev_dev !== null) idev_table(idev_dev)[field]! += 1;
  ipv6_mib(net_addr)[field]! += 1;
}
/** include/net/ipv6.h:268 __IP6_ADD_STATS */
export function __IP6_ADD_STATS(net_addr: kaddr_t, idev_dev: kaddr_t | null, field: number, val: number): void {
  if (idev_dev !== null) idev_table(idev_dev)[field]! += val;
  ipv6_mib(net_addr)[field]! += val;
}
/** include/net/ipv6.h:272 __IP6_UPD_PO_STATS */
export function __IP6_UPD_PO_STATS(net_addr: kaddr_t, idev_dev: kaddr_t | null, base: ipstats_po, val: number): void {
  __IP6_INC_STATS(net_addr, idev_dev, base[0]);
  __IP6_ADD_STATS(net_addr, idev_dev, base[1], val);
}

/** The non-zero counters of a table, by their enum names. */
function snapshot(t: Float64Array | null | undefined): Record<string, number> {
  const r: Record<string, number> = {};
  if (t) for (let i = 1; i < t.length; i++) if (t[i]) r[IPSTATS_MIB_NAMES[i]!] = t[i]!;
  return r;
}
/** /proc/net/snmp "Ip:" of a namespace, as the non-zero IPSTATS_MIB_* counters. @sim */
export function ip_statistics(net_addr: kaddr_t): Record<string, number> { return snapshot(mibs.get(net_addr)?.ip_statistics); }
/** /proc/net/snmp6 "Ip6*" of a namespace. @sim */
export function ipv6_statistics(net_addr: kaddr_t): Record<string, number> { return snapshot(mibs.get(net_addr)?.ipv6_statistics); }
/** /proc/net/dev_snmp6/<dev>: one inet6_dev's copy. @sim */
export function idev_ipv6_statistics(dev_addr: kaddr_t): Record<string, number> { return snapshot(idev_stats.get(dev_addr)); }
/** /proc/net/netstat "TcpExt:/IpExt:" (LINUX_MIB_*), the non-zero ones. @sim */
export function net_statistics(net_addr: kaddr_t): Record<string, number> {
  const t = mibs.get(net_addr)?.net_statistics;
  return t === undefined ? {} : Object.fromEntries(t);
}
/** The inet6_dev is gone (snmp6_free_dev when the last reference goes): its copy goes with it. @sim */
export function idev_ipv6_statistics_free(dev_addr: kaddr_t): void { idev_stats.delete(dev_addr); }
