// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/net/snmp.h and include/uapi/linux/snmp.h: the SNMP MIB counters the receive handlers
 * bump. The kernel keeps them per CPU inside struct net (net->mib.ip_statistics,
 * net->mib.ipv6_statistics, net->mib.net_statistics, net->mib.icmp_statistics) and, for IPv6,
 * also per inet6_dev. kveth keeps one table per namespace, keyed by the address of the struct
 * net, with the counters named after their kernel enum entries (IPSTATS_MIB_INPKTS, ...). The
 * per-CPU split only matters for summing, which a single table makes trivial.
 */
import type { kaddr_t } from '../../sim/mem';

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
export type ipstats_mib = (typeof IPSTATS_MIB_NAMES)[number];
/** Index of an IPSTATS_MIB_* entry (for the NOECTPKTS + ecn arithmetic the kernel does). @sim */
export function ipstats_index(name: ipstats_mib): number { return IPSTATS_MIB_NAMES.indexOf(name); }
/** The IPSTATS_MIB_* name at an index. @sim */
export function ipstats_name(idx: number): ipstats_mib {
  const n = IPSTATS_MIB_NAMES[idx];
  if (n === undefined) throw new Error(`kveth: IPSTATS_MIB index ${idx} out of range`);
  return n;
}

/** The tables of one namespace. */
interface net_mib {
  ip_statistics: Map<string, number>;
  ipv6_statistics: Map<string, number>;
  net_statistics: Map<string, number>;
  icmp_statistics: Map<string, number>;
}
const mibs = new Map<kaddr_t, net_mib>();
function mib_of(net_addr: kaddr_t): net_mib {
  let m = mibs.get(net_addr);
  if (m === undefined) {
    m = { ip_statistics: new Map(), ipv6_statistics: new Map(), net_statistics: new Map(), icmp_statistics: new Map() };
    mibs.set(net_addr, m);
  }
  return m;
}
function add(t: Map<string, number>, field: string, v: number): void { t.set(field, (t.get(field) ?? 0) + v); }

/** include/net/ip.h:305 __IP_INC_STATS (net->mib.ip_statistics) */
export function __IP_INC_STATS(net_addr: kaddr_t, field: ipstats_mib): void { add(mib_of(net_addr).ip_statistics, field, 1); }
/** include/net/ip.h:307 __IP_ADD_STATS */
export function __IP_ADD_STATS(net_addr: kaddr_t, field: ipstats_mib, v: number): void { add(mib_of(net_addr).ip_statistics, field, v); }
/** include/net/ip.h:309 __IP_UPD_PO_STATS: <base>PKTS by one, <base>OCTETS by `val` */
export function __IP_UPD_PO_STATS(net_addr: kaddr_t, base: 'IPSTATS_MIB_IN' | 'IPSTATS_MIB_INMCAST' | 'IPSTATS_MIB_INBCAST',
  val: number): void {
  const t = mib_of(net_addr).ip_statistics;
  add(t, `${base}PKTS`, 1);
  add(t, `${base}OCTETS`, val);
}
/** include/net/ip.h:311 __NET_INC_STATS (net->mib.net_statistics, the LINUX_MIB_* entries) */
export function __NET_INC_STATS(net_addr: kaddr_t, field: string): void { add(mib_of(net_addr).net_statistics, field, 1); }
/** include/net/icmp.h:30 __ICMP_INC_STATS (net->mib.icmp_statistics) */
export function __ICMP_INC_STATS(net_addr: kaddr_t, field: string): void { add(mib_of(net_addr).icmp_statistics, field, 1); }

/*
 * include/net/ipv6.h: __IP6_INC_STATS and friends update both the namespace table and, when the
 * device has an inet6_dev, that device's own copy (idev->stats.ipv6). The per-device copies are
 * keyed by the net_device address.
 */
const idev_stats = new Map<kaddr_t, Map<string, number>>();
function idev_table(dev_addr: kaddr_t): Map<string, number> {
  let t = idev_stats.get(dev_addr);
  if (t === undefined) { t = new Map(); idev_stats.set(dev_addr, t); }
  return t;
}
/** include/net/ipv6.h:264 __IP6_INC_STATS */
export function __IP6_INC_STATS(net_addr: kaddr_t, idev_dev: kaddr_t | null, field: ipstats_mib): void {
  if (idev_dev !== null) add(idev_table(idev_dev), field, 1);
  add(mib_of(net_addr).ipv6_statistics, field, 1);
}
/** include/net/ipv6.h:268 __IP6_ADD_STATS */
export function __IP6_ADD_STATS(net_addr: kaddr_t, idev_dev: kaddr_t | null, field: ipstats_mib, v: number): void {
  if (idev_dev !== null) add(idev_table(idev_dev), field, v);
  add(mib_of(net_addr).ipv6_statistics, field, v);
}
/** include/net/ipv6.h:272 __IP6_UPD_PO_STATS */
export function __IP6_UPD_PO_STATS(net_addr: kaddr_t, idev_dev: kaddr_t | null, base: 'IPSTATS_MIB_IN', val: number): void {
  for (const t of idev_dev !== null ? [idev_table(idev_dev), mib_of(net_addr).ipv6_statistics] : [mib_of(net_addr).ipv6_statistics]) {
    add(t, `${base}PKTS`, 1);
    add(t, `${base}OCTETS`, val);
  }
}

function snapshot(t: Map<string, number> | undefined): Record<string, number> {
  return t === undefined ? {} : Object.fromEntries(t);
}
/** /proc/net/snmp "Ip:" of a namespace, as the non-zero IPSTATS_MIB_* counters. @sim */
export function ip_statistics(net_addr: kaddr_t): Record<string, number> { return snapshot(mibs.get(net_addr)?.ip_statistics); }
/** /proc/net/snmp6 "Ip6*" of a namespace. @sim */
export function ipv6_statistics(net_addr: kaddr_t): Record<string, number> { return snapshot(mibs.get(net_addr)?.ipv6_statistics); }
/** /proc/net/dev_snmp6/<dev>: one inet6_dev's copy. @sim */
export function idev_ipv6_statistics(dev_addr: kaddr_t): Record<string, number> { return snapshot(idev_stats.get(dev_addr)); }
/** /proc/net/netstat "TcpExt:/IpExt:" (LINUX_MIB_*). @sim */
export function net_statistics(net_addr: kaddr_t): Record<string, number> { return snapshot(mibs.get(net_addr)?.net_statistics); }
/** /proc/net/snmp "Icmp:" @sim */
export function icmp_statistics(net_addr: kaddr_t): Record<string, number> { return snapshot(mibs.get(net_addr)?.icmp_statistics); }
/** The inet6_dev is gone (snmp6_free_dev when the last reference goes): its copy goes with it. @sim */
export function idev_ipv6_statistics_free(dev_addr: kaddr_t): void { idev_stats.delete(dev_addr); }
/** include/net/snmp.h:50 IPSTATS_MIB_MAX (__IPSTATS_MIB_MAX) */
export const IPSTATS_MIB_MAX = IPSTATS_MIB_NAMES.length;
/** include/net/snmp.h:69 ICMP6_MIB_MAX (__ICMP6_MIB_MAX: NUM, INMSGS, INERRORS, OUTMSGS, OUTERRORS, CSUMERRORS, RATELIMITHOST) */
export const ICMP6_MIB_MAX = 7;
