// The built-in scenario (npm start) tells the story it promises, with the kernel's numbers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scenario } from '../src/tools/scenario';

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
  // veth1's RX counters are veth0's TX (60 + 42 + 60 bytes); the unknown EtherType is rx_dropped
  const i = out.findIndex((l) => l.startsWith('$ ip -n ns1 -s link show veth1'));
  assert.is(out[i + 4], '           162       3      0       1       0       0 ');
  assert.match(text, /netdev_priv\(veth0\) = ffff8880[0-9a-f]{8} = veth0 \+ 2560 = sizeof\(struct net_device\)/);
  assert.match(text, /object ffff8880[0-9a-f]{8}\+2560 in kmalloc-4k/);
});
test.run();
