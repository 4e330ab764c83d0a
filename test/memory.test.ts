// The simulated heap and struct layouts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'fs';
import * as path from 'path';
import { kmalloc, kfree, kzalloc, GFP_KERNEL, find_alloc, POISON_FREE, slab_usage } from '../src/mm/slub';
import { bytes, rdptr, wrptr, KernelOops, fmt_kaddr, rd8, rd16, rd32, rd64, wr16, wr32, wr64, memset, CHUNK_SIZE, MAX_CHUNKS } from '../src/sim/mem';
import { struct_ } from '../src/sim/layout';
import { netdev_priv, net_device, SIZEOF_NET_DEVICE } from '../src/include/linux/netdevice';
import { veth_priv, SIZEOF_VETH_PRIV } from '../src/drivers/net/veth';
import { build_topology, parse_frames, replay_frame } from '../src/tools/replay';
import { dst_count, skb_dst, skb_dst_set } from '../src/include/net/dst';
import { rt_dst_alloc, skb_rtable, RTN_LOCAL, RTCF_LOCAL } from '../src/net/ipv4/route';
import { alloc_skb, skb_clone, kfree_skb, consume_skb, pskb_expand_head } from '../src/net/core/skbuff';
import { CHECKSUM_PARTIAL, CHECKSUM_NONE, skb_reserve, skb_reset_network_header } from '../src/include/linux/skbuff';
import { init_net } from '../src/include/net/net_namespace';

test('addresses look like the direct map and resolve back to their allocation', () => {
  const a = kzalloc(100, GFP_KERNEL);
  assert.match(fmt_kaddr(a), /^ffff8880[0-9a-f]{8}$/);
  const i = find_alloc(a + 10)!;
  assert.is(i.base, a);
  assert.is(i.cache, 'kmalloc-128');
  assert.ok(i.live);
  kfree(a);
});
test('freed memory is poisoned; a stale pointer oopses; double free is caught', () => {
  const holder = kzalloc(16, GFP_KERNEL);
  const obj = kmalloc(64, GFP_KERNEL);
  wrptr(holder, obj);
  wrptr(obj, holder);
  kfree(obj);
  assert.ok(bytes(obj, 63).every((b) => b === POISON_FREE));
  assert.is(bytes(obj, 64)[63], 0xa5);
  assert.throws(() => rdptr(obj), (e: Error) => e instanceof KernelOops && /non-canonical address 0x6b6b6b6b6b6b6b6b/.test(e.message));
  assert.throws(() => kfree(obj), /double-free/);
  assert.not.ok(find_alloc(obj)!.live);
  kfree(holder);
});
test('the direct map: NULL, the unmapped first chunk and unmapped high chunks oops; unaligned accesses are little-endian', () => {
  const page_fault = (e: Error): boolean => e instanceof KernelOops && /unable to handle page fault/.test(e.message);
  assert.throws(() => rd32(0), page_fault); // NULL
  assert.throws(() => rd8(0x40), page_fault); // NULL + a field offset
  assert.throws(() => wr32(CHUNK_SIZE - 4, 1), page_fault); // the never-mapped first chunk
  assert.throws(() => rd64((MAX_CHUNKS - 1) * CHUNK_SIZE), page_fault); // far above anything slub has mapped
  assert.throws(() => memset(CHUNK_SIZE - 8, 0, 16), page_fault); // straddles the bottom of the map
  const a = kzalloc(32, GFP_KERNEL);
  wr32(a, 0x04030201); wr32(a + 4, 0x08070605);
  assert.is(rd16(a + 1), 0x0302); // unaligned: DataView path, same byte order
  assert.is(rd32(a + 3), 0x07060504);
  wr16(a + 9, 0xbeef);
  assert.equal([...bytes(a + 8, 4)], [0, 0xef, 0xbe, 0]);
  wr64(a + 16, 0x123456789abc);
  assert.is(rd64(a + 16), 0x123456789abc);
  assert.is(rd32(a + 20), 0x1234);
  kfree(a);
});
test('a dst is reference-counted: a clone takes its own reference, the last free releases it (include/net/dst.h)', () => {
  const base = dst_count();
  const skb = alloc_skb(128, GFP_KERNEL)!;
  const rt = rt_dst_alloc(0, init_net, RTCF_LOCAL, RTN_LOCAL, false)!;
  skb_dst_set(skb, rt.dst); // the skb owns dst_alloc's reference
  assert.is(rt.dst.__rcuref, 1);
  assert.is(dst_count(), base + 1);
  const clone = skb_clone(skb, GFP_KERNEL)!;
  assert.is(rt.dst.__rcuref, 2); // __copy_skb_header → skb_dst_copy → dst_clone
  assert.is(skb_rtable(clone), rt);
  kfree_skb(skb, 'test');
  assert.is(skb_dst(clone), rt.dst); // still held by the clone
  assert.is(rt.dst.__rcuref, 1);
  consume_skb(clone, 'test');
  assert.is(rt.dst.__rcuref, 0);
  assert.is(dst_count(), base); // dst_release of the last reference freed it
});
test('pskb_expand_head moves csum_start with the headers only for CHECKSUM_PARTIAL (skbuff.c:2093)', () => {
  for (const [summed, want] of [[CHECKSUM_PARTIAL, 64 + 40], [CHECKSUM_NONE, 40]] as const) {
    const skb = alloc_skb(256, GFP_KERNEL)!;
    skb_reserve(skb, 32);
    skb_reset_network_header(skb);
    skb.ip_summed = summed;
    skb.csum_start = 40;
    const net0 = skb.network_header;
    assert.is(pskb_expand_head(skb, 64, 0, GFP_KERNEL), 0);
    assert.is(skb.network_header, net0 + 64);
    assert.is(skb.csum_start, want, `ip_summed ${summed}`);
    kfree_skb(skb, 'test');
  }
});
/* the raw pahole dumps of Debian's 6.12.117 vmlinux and veth.ko (kernel-ref/btf/README.md) */
const pahole = (s: string): string => fs.readFileSync(path.join(__dirname, '../kernel-ref/btf/6.12.117-debian-amd64', `${s}.txt`), 'utf8');
test('layout profile: every top-level member offset and the size are pahole\'s', () => {
  for (const s of ['net_device', 'sk_buff', 'skb_shared_info', 'softnet_data', 'veth_priv']) {
    const text = pahole(s);
    const S = struct_(s);
    assert.is(S.size, Number(/\/\* size: (\d+),/.exec(text)![1]), `sizeof(struct ${s})`);
    let n = 0;
    /* "\tTYPE NAME[N]:BITS;  \/\* OFF[:BIT] SIZE \*\/" at one tab: the struct's own members */
    for (const m of text.matchAll(/^\t(?!\t)[^\n/]*?\b([A-Za-z_]\w*)(?:\[\d*\])*(?::\d+)?;\s+\/\*\s+(\d+)(?::\s*\d+)?\s+\d+\s+\*\//gm)) {
      assert.ok(S.fields[m[1]!], `struct ${s} has no member ${m[1]}`);
      assert.is(S.off(m[1]!), Number(m[2]), `offsetof(struct ${s}, ${m[1]})`);
      n++;
    }
    assert.ok(n >= 5, `${s}: ${n} members read from the dump`);
  }
});
test('layout profile: Debian 6.12.117 sizes and offsets from BTF (pahole: kernel-ref/btf/6.12.117-debian-amd64)', () => {
  assert.is(SIZEOF_NET_DEVICE, 2560);
  assert.is(struct_('net_device').off('priv'), 2560);
  assert.is(SIZEOF_VETH_PRIV, 40);
  assert.is(struct_('sk_buff').size, 232);
  assert.is(struct_('sk_buff').off('protocol'), 180);
  assert.equal(struct_('sk_buff').bits('pkt_type'), [128, 0, 7]);
  assert.equal(struct_('sk_buff').bits('ip_summed'), [128, 5, 0x60]);
  assert.is(struct_('softnet_data').off('backlog'), 328);
});
test('netdev_priv is the priv[] area right past struct net_device, in one allocation', () => {
  const env = build_topology({ trace: false, rx_down: false });
  const p = netdev_priv(env.a0);
  assert.is(p, env.a0.addr + 2560);
  assert.is(find_alloc(p)!.base, env.a0.addr);
  const vp = netdev_priv(env.a0, veth_priv);
  assert.ok(vp.peer instanceof net_device);
  assert.is(vp.peer!.addr, env.b0.addr);
  assert.is(vp.peer!.name, 'B0');
  // struct fields read by name through buffer-layout agree with the accessors
  assert.is(struct_('net_device').get(env.a0.addr, 'mtu'), env.a0.mtu);
  assert.is(struct_('net_device').get(env.a0.addr, 'ifindex'), env.a0.ifindex);
});
test('every skb a frame allocates is freed again (no leak per frame)', () => {
  const env = build_topology({ trace: false, rx_down: false });
  const frames = parse_frames(fs.readFileSync(path.join(__dirname, 'corpus/frames.txt'), 'utf8'));
  for (const f of frames) replay_frame(env, f, { trace: false, rx_down: false }); // first pass: lazy per-device allocations (core_stats)
  const before = slab_usage();
  const dsts_before = dst_count();
  for (const f of frames) replay_frame(env, f, { trace: false, rx_down: false });
  const after = slab_usage();
  // the IPv4 frames get input routes (ip_route_input_noref); each is released with its skb
  assert.is(dst_count(), dsts_before);
  assert.is(after['skbuff_head_cache'] ?? 0, before['skbuff_head_cache'] ?? 0);
  assert.is(after['skbuff_small_head'] ?? 0, before['skbuff_small_head'] ?? 0);
  assert.equal(after, before);
});
test.run();
