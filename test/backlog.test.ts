// enqueue_to_backlog's limits and drop accounting (net/core/dev.c:5034 in 6.12.117):
// it accepts while qlen <= netdev_max_backlog, so 1001 skbs fit with the default 1000; the next
// is dropped with CPU_BACKLOG and counted in softnet_data.dropped, the receiver's rx_dropped and
// the sender's tx_dropped (veth_priv.dropped). A receiver that is not running drops with
// DEV_READY, counted in rx_dropped but not in softnet_data.dropped.
import { test } from 'uvu';
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
  // The tap queues clones until its receive buffer is full: sk_rcvbuf is net.core.rmem_default
  // (212992) and each queued clone charges its truesize (960 on Debian 6.12), so 222 fit and
  // packet_rcv drops the rest as PACKET_SOCK_ERROR, counted in sk_drops.
  let n = 0;
  while (packet_recvmsg(env.tap)) n++;
  assert.is(n, Math.ceil(212992 / 960));
  assert.is(env.tap.sk_drops, 1001 - n);
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
