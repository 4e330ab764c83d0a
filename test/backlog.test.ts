// enqueue_to_backlog's limits and drop accounting (net/core/dev.c:5034 in 6.12.117):
// it accepts while qlen <= netdev_max_backlog, so 1001 skbs fit with the default 1000; the next
// is dropped with CPU_BACKLOG and counted in softnet_data.dropped, the receiver's rx_dropped and
// the sender's tx_dropped (veth_priv.dropped). A receiver that is not running drops with
// DEV_READY, counted in rx_dropped but not in softnet_data.dropped.
import { test } from 'uvu';
import * as fs from 'fs';
import * as path from 'path';
import * as assert from 'uvu/assert';
import { build_topology, replay_opts } from '../src/tools/replay';
import { packet_snd, packet_recvmsg } from '../src/net/packet/af_packet';
import { local_bh_disable, local_bh_enable, run_ksoftirqd } from '../src/kernel/softirq';
import { dev_get_stats, SIZEOF_RTNL_LINK_STATS64, stats64_off, this_softnet_data, net_hotdata } from '../src/net/core/dev';
import { kzalloc, GFP_KERNEL, slab_usage } from '../src/mm/slub';
import { rd64 } from '../src/sim/mem';
import { trace_enable, trace_disable, trace_take } from '../src/sim/trace';
import { normalize_trace } from '../src/tools/trace_norm';
import { clear_bit, __LINK_STATE_START, set_bit } from '../src/include/linux/netdevice';

const st = kzalloc(SIZEOF_RTNL_LINK_STATS64, GFP_KERNEL);
const stat = (dev: any, k: string): number => { dev_get_stats(dev, st); return rd64(st + stats64_off[k]!); };
const frame = Uint8Array.from(Buffer.from('02000000000b02000000000a88b5' + '00'.repeat(46), 'hex'));
const o: replay_opts = { trace: false, rx_down: false };

test('1001 frames fit in the backlog, the 1002nd is a CPU_BACKLOG drop', () => {
  assert.is(net_hotdata.max_backlog, 1000);
  const env = build_topology(o);
  const sd = this_softnet_data();
  const d0 = sd.dropped, rxd0 = stat(env.b0, 'rx_dropped'), txd0 = stat(env.a0, 'tx_dropped');
  local_bh_disable(); // hold the NET_RX softirq off, as a sender in softirq context would
  for (let i = 0; i < 1001; i++) assert.is(packet_snd(env.tx, frame), frame.length);
  trace_take(); trace_enable();
  const r = packet_snd(env.tx, frame);
  const lines = normalize_trace(trace_take()); trace_disable();
  assert.is(r, -105, 'ENOBUFS for the dropped frame');
  assert.is(sd.dropped - d0, 1);
  assert.is(stat(env.b0, 'rx_dropped') - rxd0, 1);
  assert.is(stat(env.a0, 'tx_dropped') - txd0, 1);
  assert.ok(lines.includes('kfree_skb: skbaddr=#0 rx_sk=0000000000000000 protocol=34997 location=enqueue_to_backlog reason: CPU_BACKLOG'), lines.join('\n'));
  assert.ok(lines.includes('netif_rx_exit: ret=1'));
  assert.ok(lines.includes('net_dev_xmit: dev=A0 skbaddr=#0 len=60 rc=1'));
  // local_bh_enable runs NET_RX: with only the backlog scheduled, each net_rx_action polls it once
  // (64, the weight) and re-raises; __do_softirq restarts 10 times, then leaves the rest to ksoftirqd.
  const p0 = sd.processed;
  local_bh_enable();
  assert.is(sd.processed - p0, 10 * 64);
  assert.ok(run_ksoftirqd());
  assert.is(sd.processed - p0, 1001);
  // The tap queues clones until its receive buffer is full: packet_rcv (net/packet/af_packet.c)
  // drops once sk_rmem_alloc >= sk_rcvbuf, and each queued clone charges its truesize
  // (skb_set_owner_r), so ceil(rcvbuf / truesize) fit; the rest are counted in sk_drops.
  let n = 0;
  while (packet_recvmsg(env.tap)) n++;
  assert.is(n, Math.ceil(SK_RMEM_MAX / small_skb_truesize(DEBIAN_612_MAX_HEADER)));
  assert.is(n, 222);
  assert.is(env.tap.sk_drops, 1001 - n);
});

/*
 * The numbers above, from the 6.12.117 source rather than from kveth. With 64-byte cache lines,
 * sizeof(struct sk_buff) = 232 and sizeof(struct skb_shared_info) = 320 (BTF, kernel-ref/btf):
 *  - include/net/sock.h: SK_RMEM_MAX = _SK_MEM_OVERHEAD * _SK_MEM_PACKETS = SKB_TRUESIZE(256) * 256,
 *    and net/core/sock.c: sysctl_rmem_default = SK_RMEM_MAX, a new socket's sk_rcvbuf.
 *  - a frame this small lives in skb_small_head_cache (net/core/skbuff.c:100-114, kmalloc_reserve),
 *    so its truesize is SKB_TRUESIZE(SKB_WITH_OVERHEAD(SKB_SMALL_HEAD_CACHE_SIZE)), which depends on
 *    MAX_HEADER (include/linux/netdevice.h): Debian's amd64 config has CONFIG_WLAN and
 *    CONFIG_MAC80211_MESH (LL_MAX_HEADER 128) and the IP tunnels (+48), so 176.
 */
const DEBIAN_612_MAX_HEADER = 176;
const align64 = (x: number): number => Math.ceil(x / 64) * 64; // SKB_DATA_ALIGN, L1_CACHE_ALIGN
const SKB_TRUESIZE = (x: number): number => x + align64(232) + align64(320);
const SK_RMEM_MAX = SKB_TRUESIZE(256) * 256;
function small_skb_truesize(MAX_HEADER: number): number {
  const MAX_TCP_HEADER = align64(128 + MAX_HEADER);
  const GRO_MAX_HEAD_PAD = MAX_HEADER + 128 + 64 + 0; // GRO_MAX_HEAD + NET_SKB_PAD + NET_IP_ALIGN (x86)
  let cache = align64(Math.max(MAX_TCP_HEADER, GRO_MAX_HEAD_PAD)) + align64(320); // SKB_SMALL_HEAD_SIZE
  if ((cache & (cache - 1)) === 0) cache += 64; // never a power of two
  return SKB_TRUESIZE(cache - align64(320));
}
test('the truesize and rcvbuf arithmetic agrees with the live kernel', () => {
  assert.is(SK_RMEM_MAX, 212992); // `sysctl net.core.rmem_default` on any x86_64 Linux
  // the live 6.18 build has MAX_HEADER = LL_MAX_HEADER = 32 (no WLAN, no tunnels): what its
  // captures show for every frame of up to 64 bytes (larger ones get a kmalloc'ed head)
  const golden = fs.readFileSync(path.join(__dirname, 'golden/live-6.18/normal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const seen = new Set<number>();
  for (const g of golden) {
    if (g.len > 64) continue;
    for (const l of g.trace as string[]) { const m = /^netif_rx_entry: .* truesize=(\d+)/.exec(l); if (m) seen.add(Number(m[1])); }
  }
  assert.equal([...seen], [small_skb_truesize(32)]);
  assert.is(small_skb_truesize(DEBIAN_612_MAX_HEADER), 960);
});

test('a receiver that is not running drops with DEV_READY (rx_dropped, not softnet dropped)', () => {
  const env = build_topology(o);
  const sd = this_softnet_data();
  const d0 = sd.dropped, rxd0 = stat(env.b0, 'rx_dropped');
  // The window the kernel has between __dev_close_many clearing __LINK_STATE_START and IFF_UP.
  clear_bit(__LINK_STATE_START, env.b0.state_addr);
  trace_take(); trace_enable();
  packet_snd(env.tx, frame);
  const lines = normalize_trace(trace_take()); trace_disable();
  set_bit(__LINK_STATE_START, env.b0.state_addr);
  assert.is(sd.dropped - d0, 0);
  assert.is(stat(env.b0, 'rx_dropped') - rxd0, 1);
  assert.ok(lines.includes('kfree_skb: skbaddr=#0 rx_sk=0000000000000000 protocol=34997 location=enqueue_to_backlog reason: DEV_READY'), lines.join('\n'));
});

test('no skb outlives a drained backlog', () => {
  const env = build_topology(o);
  packet_snd(env.tx, frame); while (packet_recvmsg(env.tap)); // warm up lazy allocations
  const before = slab_usage();
  local_bh_disable();
  for (let i = 0; i < 1200; i++) packet_snd(env.tx, frame);
  local_bh_enable();
  run_ksoftirqd();
  while (packet_recvmsg(env.tap));
  const after = slab_usage();
  assert.is(after['skbuff_head_cache'], before['skbuff_head_cache']);
  assert.is(after['skbuff_small_head'], before['skbuff_small_head']);
});
test.run();
