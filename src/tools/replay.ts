// SPDX-License-Identifier: GPL-2.0-only
/*
 * `kveth replay`: the topology of the live capture tool (test/live/capture_live.py), built from
 * the ported code, with each input frame sent from A0 and everything that happened printed as a
 * JSON line in the same format.
 */
import * as fs from 'fs';
import { kzalloc, GFP_KERNEL } from '../mm/slub';
import { rd64 } from '../sim/mem';
import { trace_enable, trace_disable, trace_take } from '../sim/trace';
import { net_device } from '../include/linux/netdevice';
import { htons } from '../include/uapi/linux/types';
import { ETH_P_ALL } from '../include/uapi/linux/if_ether';
import { errname } from '../include/uapi/linux/errno';
import { dev_get_stats, SIZEOF_RTNL_LINK_STATS64, stats64_off, per_cpu_softnet_data } from '../net/core/dev';
import { packet_create, packet_bind, packet_snd, packet_recvmsg, SOCK_RAW, packet_sock } from '../net/packet/af_packet';
import { nr_cpu_ids } from '../sim/percpu';
import { run_ksoftirqd } from '../kernel/softirq';
import { normalize_trace } from './trace_norm';
import { boot, ip } from './topology';
import { set_ipv6_disabled } from '../net/protocols';
import { netns_lookup } from '../net/core/net_namespace';
import { __dev_get_by_name } from '../net/core/dev';

export interface replay_opts { trace: boolean; rx_down: boolean; mtu_a?: number; mtu_b?: number }
export interface frame_in { idx: number; label: string; bytes: Uint8Array }

/** Parse replay input; throws an Error naming the line for a malformed one. */
export function parse_frames(text: string): frame_in[] {
  const out: frame_in[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const hash = line.indexOf('#');
    const hex = (hash >= 0 ? line.slice(0, hash) : line).trim().replace(/\s+/g, '');
    const label = hash >= 0 ? line.slice(hash + 1).trim() : '';
    if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) {
      throw new Error(`line ${i + 1}: not a frame in hex (${hex.length % 2 ? 'odd number of digits' : 'bad character'})`);
    }
    out.push({ idx: out.length, label, bytes: Uint8Array.from(Buffer.from(hex, 'hex')) });
  });
  return out;
}

const COUNTERS = ['tx_packets', 'tx_bytes', 'tx_dropped', 'rx_packets', 'rx_bytes', 'rx_dropped', 'rx_nohandler'] as const;
const stats_buf = kzalloc(SIZEOF_RTNL_LINK_STATS64, GFP_KERNEL);
function counters(dev: net_device): Record<string, number> {
  dev_get_stats(dev, stats_buf);
  const r: Record<string, number> = {};
  for (const k of COUNTERS) r[k] = rd64(stats_buf + stats64_off[k]!);
  return r;
}
function softnet_dropped(): number {
  let s = 0;
  for (let c = 0; c < nr_cpu_ids; c++) s += per_cpu_softnet_data(c).dropped;
  return s;
}

export interface replay_env { a0: net_device; b0: net_device; tap: packet_sock; tx: packet_sock }
/**
 * The capture tool's topology (capture_live.py setup()), with the same ip commands: namespaces A
 * and B (A1/B1, ... when a process builds more than one), IPv6 off in both before any link
 * exists, A0 (in A) <-> B0 (in B), the MTUs, both up, B0 down again for --rx-down; then a tap on
 * B0 and a raw socket on A0.
 */
export function build_topology(o: replay_opts): replay_env {
  boot();
  let sfx = 0;
  while (netns_lookup(`A${sfx || ''}`) || netns_lookup(`B${sfx || ''}`)) sfx++;
  const nA = `A${sfx || ''}`, nB = `B${sfx || ''}`;
  ip(`netns add ${nA}`);
  ip(`netns add ${nB}`);
  const A = netns_lookup(nA)!, B = netns_lookup(nB)!;
  set_ipv6_disabled(A, true); // net.ipv6.conf.{all,default}.disable_ipv6=1
  set_ipv6_disabled(B, true);
  ip(`-n ${nA} link add A0 address 02:00:00:00:00:0a type veth peer name B0 address 02:00:00:00:00:0b netns ${nB}`);
  if (o.mtu_a !== undefined) ip(`-n ${nA} link set A0 mtu ${o.mtu_a}`);
  if (o.mtu_b !== undefined) ip(`-n ${nB} link set B0 mtu ${o.mtu_b}`);
  ip(`-n ${nA} link set A0 up`);
  ip(`-n ${nB} link set B0 up`);
  if (o.rx_down) ip(`-n ${nB} link set B0 down`);
  const a0 = __dev_get_by_name(A, 'A0')!, b0 = __dev_get_by_name(B, 'B0')!;
  const tap = packet_create(B, SOCK_RAW, htons(ETH_P_ALL));
  packet_bind(tap, b0.ifindex, htons(ETH_P_ALL));
  const tx = packet_create(A, SOCK_RAW, htons(0));
  packet_bind(tx, a0.ifindex, htons(0));
  return { a0, b0, tap, tx };
}

/** Send one frame and describe what happened, as one JSON-ready object. */
export function replay_frame(env: replay_env, f: frame_in, o: replay_opts): Record<string, unknown> {
  const before = { A0: counters(env.a0), B0: counters(env.b0), sd: softnet_dropped() };
  if (o.trace) { trace_take(); trace_enable(); }
  const r = packet_snd(env.tx, f.bytes);
  run_ksoftirqd(); // the scheduler runs whatever softirq work the send left for ksoftirqd
  const rx: { hex: string; pkttype: number; protocol: string }[] = [];
  for (let m = packet_recvmsg(env.tap); m; m = packet_recvmsg(env.tap)) {
    rx.push({ hex: Buffer.from(m.data).toString('hex'), pkttype: m.sll_pkttype, protocol: `0x${m.sll_protocol.toString(16).padStart(4, '0')}` });
  }
  const lines = o.trace ? trace_take() : [];
  if (o.trace) trace_disable();
  const after = { A0: counters(env.a0), B0: counters(env.b0), sd: softnet_dropped() };
  const delta = (x: Record<string, number>, y: Record<string, number>): Record<string, number> =>
    Object.fromEntries(COUNTERS.map((k) => [k, y[k]! - x[k]!]));
  const out: Record<string, unknown> = {
    idx: f.idx, label: f.label, len: f.bytes.length,
    send: r >= 0 ? { ok: true } : { ok: false, err: errname(r) },
    delivered: rx.length > 0, rx,
    counters: { A0: delta(before.A0, after.A0), B0: delta(before.B0, after.B0), softnet_dropped: after.sd - before.sd },
  };
  if (o.trace) out.trace = normalize_trace(lines);
  return out;
}

export function replay(input: string, o: replay_opts, write: (line: string) => void): void {
  const frames = parse_frames(input);
  const env = build_topology(o);
  for (const f of frames) write(JSON.stringify(replay_frame(env, f, o)));
}
export function read_input(file: string | undefined): string {
  return file === undefined || file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
}
