// The built-in scenario (npm start) tells the story it promises, with the kernel's numbers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'fs';
import * as path from 'path';
import { scenario, TP_SITE } from '../src/tools/scenario';
import { find_tree, tree_version, PINNED } from '../kernel-ref/tree';
import { ALL_EVENTS } from '../src/sim/trace';

test('scenario: peer first, three frames, counters and netdev_priv', () => {
  const out: string[] = [];
  scenario((l) => out.push(l));
  const text = out.join('\n');
  // veth_newlink registers the peer before the device itself
  assert.match(text, /veth1 ifindex (\d+), veth0 ifindex (\d+)/);
  const [, p, d] = /veth1 ifindex (\d+), veth0 ifindex (\d+)/.exec(text)!;
  assert.ok(Number(p) < Number(d));
  // the three frames meet arp_process, ip_error and the no-handler drop, each with file:line
  assert.match(text, /consume_skb: skbaddr=#0 location=arp_process\n {7}\^ net\/core\/skbuff.c:\d+ consume_skb/);
  assert.match(text, /location=ip_error reason: IP_INADDRERRORS/);
  assert.match(text, /location=__netif_receive_skb_core reason: UNHANDLED_PROTO/);
  // `ip -s link show` through kveth ip. veth_xmit counts the three frames (60 + 42 + 60 bytes, as
  // sent) in veth0's tstats; veth_get_stats64 reports the peer's TX as veth1's RX, and the unknown
  // EtherType is one rx_dropped on veth1 (__netif_receive_skb_core, dev_core_stats_rx_dropped_inc).
  // Line layout and column widths as iproute2 6.1 prints them (test/golden/rtnetlink/ip-s-link-show.txt).
  const j = out.indexOf('$ ip -s link show veth0');
  assert.ok(j >= 0);
  assert.match(out[j + 1]!, /^\d+: veth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000$/);
  assert.is(out[j + 2], '    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns ns1');
  assert.is(out[j + 3], '    RX:  bytes packets errors dropped  missed   mcast           ');
  assert.is(out[j + 4], '             0       0      0       0       0       0 ');
  assert.is(out[j + 5], '    TX:  bytes packets errors dropped carrier collsns           ');
  assert.is(out[j + 6], '           162       3      0       0       0       0 ');
  const i = out.findIndex((l) => l.startsWith('$ ip -n ns1 -s link show veth1'));
  assert.is(i, j + 7);
  assert.is(out[i + 2], '    link/ether 02:00:00:00:00:0b brd ff:ff:ff:ff:ff:ff link-netnsid 0');
  assert.is(out[i + 4], '           162       3      0       1       0       0 ');
  assert.is(out[i + 6], '             0       0      0       0       0       0 ');
  assert.match(text, /netdev_priv\(veth0\) = ffff8880[0-9a-f]{8} = veth0 \+ 2560 = sizeof\(struct net_device\)/);
  assert.match(text, /object ffff8880[0-9a-f]{8}\+2560 in kmalloc-4k/);
});
test('the file:line of every tracepoint is where 6.12.117 fires it', () => {
  assert.equal(Object.keys(TP_SITE).sort(), [...ALL_EVENTS].sort(), 'a site for every event kveth traces');
  const tree = find_tree();
  if (!tree || tree_version(tree) !== PINNED) { console.log('  skip: no 6.12.117 tree (see kernel-ref/README.md)'); return; }
  for (const [ev, site] of Object.entries(TP_SITE)) {
    const [, file, line, fn] = /^(\S+):(\d+) (\w+)$/.exec(site)!;
    const src = fs.readFileSync(path.join(tree, file!), 'utf8').split('\n');
    assert.match(src[Number(line) - 1]!, new RegExp(`\\btrace_${ev}\\(`), `${site}: trace_${ev}`);
    // the enclosing function: the nearest definition line above it
    let i = Number(line) - 1;
    while (i > 0 && !/^[a-z].*\b\w+\(/.test(src[i]!)) i--;
    assert.match(src[i]!, new RegExp(`\\b${fn}\\(`), `${site}: inside ${fn}`);
  }
});
test.run();
