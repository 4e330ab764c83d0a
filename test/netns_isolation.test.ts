// Each namespace has its own device list, routing state, netfilter hook heads and SNMP tables; the
// lookups on the packet path consult the namespace they run in, and deleting a namespace takes
// them away (the pernet exit hooks: fib_net_exit, netfilter_net_exit, ipv4_mib_exit_net).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { netns_add, netns_del } from '../src/net/core/net_namespace';
import { netns_fib, fib_lookup, RT_TABLE_LOCAL, RT_TABLE_MAIN, RT_TABLE_DEFAULT } from '../src/net/ipv4/fib_frontend';
import { netns_nf_of } from '../src/net/netfilter/core';
import { for_each_netdev } from '../src/net/core/dev';
import { htonl } from '../src/include/uapi/linux/types';
import { __IP_INC_STATS, IPSTATS_MIB_INDISCARDS, ip_statistics, ipv6_statistics } from '../src/include/net/snmp';

test('two namespaces: separate devices, FIB state, netfilter heads and SNMP tables', () => {
  const [a] = netns_add('iso-a');
  const [b] = netns_add('iso-b');
  assert.ok(a && b);
  const fa = netns_fib(a!), fb = netns_fib(b!);
  assert.is.not(fa, fb);
  // the default rules of a fresh namespace, no tables until a route is added
  assert.equal(fa.rules.map((r) => [r.pref, r.table]), [[0, RT_TABLE_LOCAL], [32766, RT_TABLE_MAIN], [32767, RT_TABLE_DEFAULT]]);
  assert.is(fa.fib_main, null);
  assert.is(fa.fib_table_hash.size, 0);
  assert.is(fib_lookup(a!, htonl(0xc6336402), { type: 0 }), -101, 'ENETUNREACH');
  const na = netns_nf_of(a!), nb = netns_nf_of(b!);
  assert.is.not(na.hooks_ipv4, nb.hooks_ipv4);
  assert.equal(na.hooks_ipv4, [null, null, null, null, null]);
  assert.equal(na.hooks_arp, [null, null, null]);
  // each namespace starts with its own loopback and nothing else
  assert.equal([...for_each_netdev(a!)].map((d) => [d.name, d.ifindex]), [['lo', 1]]);
  assert.equal([...for_each_netdev(b!)].map((d) => [d.name, d.ifindex]), [['lo', 1]]);
  assert.is.not([...for_each_netdev(a!)][0]!.addr, [...for_each_netdev(b!)][0]!.addr);
  // a fresh namespace's counters start at zero and are its own
  assert.equal(ip_statistics(a!.addr), {});
  assert.equal(ipv6_statistics(a!.addr), {});
  __IP_INC_STATS(a!.addr, IPSTATS_MIB_INDISCARDS);
  assert.equal(ip_statistics(a!.addr), { IPSTATS_MIB_INDISCARDS: 1 });
  assert.equal(ip_statistics(b!.addr), {});
  assert.is(netns_del('iso-a'), 0);
  assert.throws(() => netns_fib(a!), /no IPv4 routing state/);
  assert.throws(() => netns_nf_of(a!), /no netfilter state/);
  // the tables went with the namespace: a struct net later allocated at the same address starts from zero
  assert.equal(ip_statistics(a!.addr), {});
  assert.throws(() => __IP_INC_STATS(a!.addr, IPSTATS_MIB_INDISCARDS), /no SNMP tables/);
  assert.is(netns_del('iso-b'), 0);
});
test.run();
