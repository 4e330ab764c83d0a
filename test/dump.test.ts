// Struct views for humans: pahole-style dumps with values, and util.inspect on views.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as util from 'util';
import { dump_cli, dump_struct, hexdump, whatis } from '../src/tools/dump';
import { build_topology } from '../src/tools/replay';
import { netdev_priv } from '../src/include/linux/netdevice';
import { kfree, kmalloc, GFP_KERNEL } from '../src/mm/slub';

test('net_device and veth_priv dumps show offsets from BTF and live values', () => {
  const env = build_topology({ trace: false, rx_down: false });
  const nd = dump_struct('net_device', env.a0.addr, ['mtu', 'name', 'ifindex', 'netdev_ops']).join('\n');
  assert.match(nd, /unsigned int mtu;\s+\/\*\s+56 4 \*\/ = 1500 \(0x5dc\)/);
  assert.match(nd, /char\[16\] name;\s+\/\*\s+304 16 \*\/ = "A0"/);
  const vp = dump_struct('veth_priv', netdev_priv(env.a0)).join('\n');
  assert.ok(vp.includes(`/*       0 8 */ = ffff8880${env.b0.addr.toString(16).padStart(8, '0')}`), vp);
  assert.match(whatis(netdev_priv(env.a0)), /\+2560 in kmalloc-4k/);
  const shown = util.inspect(env.a0);
  assert.match(shown, /struct net_device @ ffff8880/);
  assert.match(shown, /name: '"A0"'/);
});
test('hexdump and freed objects', () => {
  const a = kmalloc(32, GFP_KERNEL);
  kfree(a);
  assert.match(hexdump(a, 16)[0]!, /6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b/);
  assert.match(whatis(a), /FREED object/);
});
test('kveth dump refuses views and fields it does not know instead of printing nothing', () => {
  const out: string[] = [];
  assert.throws(() => dump_cli(['foo'], (l) => out.push(l)), /unknown view "foo"/);
  assert.throws(() => dump_cli(['net_device', 'mtu', 'nosuch'], (l) => out.push(l)), /struct net_device has no field "nosuch"/);
  assert.throws(() => dump_cli(['hexdump', 'mtu'], (l) => out.push(l)), /"hexdump" takes no field names/);
  assert.equal(out, []);
  dump_cli(['veth_priv', 'peer'], (l) => out.push(l));
  assert.ok(out.some((l) => /struct net_device \* peer;/.test(l)), out.join('\n'));
});
test.run();
