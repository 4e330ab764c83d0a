// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/bench.ts - frames/second through kveth's send path (the replay path: packet_snd on A0,
 * through veth to B0's receive path) for 64- and 1500-byte frames, next to the live kernel's
 * rate measured in the same run by bench/live/run_live.sh.
 *
 * usage: npm run bench [-- --seconds 2] [--runs 3] [--warmup 0.5] [--no-live] [--no-floor] [--tap]
 *   --tap       also measure the replay topology (build_topology: a tap on B0 drained with
 *               packet_recvmsg after every frame), reported as an extra row
 *   --no-live   skip run_live.sh (also skipped automatically when it exits 2)
 *   --no-floor  skip the floor (bench/floor.ts: the simulated-memory traffic of one frame
 *               replayed alone, a lower bound on kveth's time per frame; run in two children,
 *               with V8's default inlining budget and with a raised one)
 * ratio_N = live_pps_N / kveth_pps_N (how many times faster the kernel is). The target is
 * kveth_pps >= 3 x live_pps, i.e. ratio_N <= 1/3; target_met says whether both sizes meet it, and
 * floor_target_met whether even the floor does. Always exits 0 (a benchmark, not a test).
 *
 * Note: measure the compiled code (`npm run bench`: tsc's CommonJS output, run by node). Under
 * tsx every cross-module call (e.g. view.ts -> mem.ts rd32) goes through esbuild's __toCommonJS
 * export getters, which cost ~4x here (and there is no floor.js beside bench.ts). A bundle does not
 * work either: request_module (src/kernel/kmod.ts) loads veth.ts with a computed require().
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { slab_usage, kzalloc, GFP_KERNEL } from '../src/mm/slub';
import { rd64 } from '../src/sim/mem';
import { trace_disable } from '../src/sim/trace';
import { net_device } from '../src/include/linux/netdevice';
import { dev_get_stats, SIZEOF_RTNL_LINK_STATS64, stats64_off } from '../src/net/core/dev';
import { packet_snd, packet_recvmsg } from '../src/net/packet/af_packet';
import { build_topology } from '../src/tools/replay';
import { KVETH_ROOT } from '../src/sim/paths';
import { num_opt, make_frame, build_bench_topology, env } from './common';

const argv = process.argv.slice(2);
const opt = (name: string, def: number): number => num_opt(argv, name, def);
const SECONDS = opt('--seconds', 2);
const RUNS = opt('--runs', 3);
const WARMUP = opt('--warmup', 0.5);
const WITH_LIVE = !argv.includes('--no-live');
const WITH_TAP = argv.includes('--tap');
const WITH_FLOOR = !argv.includes('--no-floor');
const SIZES = [64, 1500] as const;
/** The target: kveth's frame rate at least this many times the live kernel's. */
const TARGET_FACTOR = 3;
/** V8 flags for the floor's second run: a budget large enough to inline every mem.ts call. */
const FLOOR_INLINE_ALL = ['--max-inlined-bytecode-size-cumulative=100000', '--max-inlined-bytecode-size=5000'];

const stats_buf = kzalloc(SIZEOF_RTNL_LINK_STATS64, GFP_KERNEL);
function rx_packets(dev: net_device): number {
  dev_get_stats(dev, stats_buf);
  return rd64(stats_buf + stats64_off.rx_packets!);
}

/** Send frames for `seconds`; returns {pps (B0 rx_packets delta / time), sent}. */
function run(e: env, frame: Uint8Array, seconds: number): { pps: number; sent: number; rx: number; errs: number } {
  const rx0 = rx_packets(e.b0);
  const tap = e.tap;
  let sent = 0, errs = 0;
  const t0 = process.hrtime.bigint();
  const deadline = t0 + BigInt(Math.round(seconds * 1e9));
  let now = t0;
  while (now < deadline) {
    for (let i = 0; i < 256; i++) { // check the clock every 256 frames
      if (packet_snd(e.tx, frame) < 0) errs++;
      if (tap) while (packet_recvmsg(tap)) { /* drain, as the capture tool's receiver does */ }
    }
    sent += 256;
    now = process.hrtime.bigint();
  }
  const dt = Number(now - t0) / 1e9;
  const rx = rx_packets(e.b0) - rx0;
  return { pps: rx / dt, sent, rx, errs };
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function usage_str(u: Record<string, number>): string {
  return Object.entries(u).map(([k, v]) => `${k}=${v}`).join(' ');
}
function diff_usage(a: Record<string, number>, b: Record<string, number>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) out.push(`${k}: ${a[k] ?? 0} -> ${b[k] ?? 0}`);
  return out;
}

interface kres { pps: number; runs: number[]; rss0: number; rss1: number; leaks: string[]; errs: number; lost: number }
function bench_kveth(e: env, len: number): kres {
  const frame = make_frame(len);
  run(e, frame, WARMUP); // warm up (JIT, slab caches populated)
  if (global.gc) global.gc();
  const u0 = slab_usage();
  const rss0 = process.memoryUsage().rss;
  const runs: number[] = [];
  let errs = 0, lost = 0;
  for (let r = 0; r < RUNS; r++) {
    const x = run(e, frame, SECONDS);
    runs.push(x.pps); errs += x.errs; lost += x.sent - x.rx;
  }
  const u1 = slab_usage();
  if (global.gc) global.gc();
  const rss1 = process.memoryUsage().rss;
  return { pps: median(runs), runs, rss0, rss1, leaks: diff_usage(u0, u1), errs, lost };
}

interface lres { available: boolean; reason?: string; pps: Record<number, number>; raw: string[] }
function bench_live(): lres {
  if (!WITH_LIVE) return { available: false, reason: '--no-live', pps: {}, raw: [] };
  const script = path.join(KVETH_ROOT, 'bench', 'live', 'run_live.sh');
  const r = spawnSync(script, ['--sizes', SIZES.join(' '), '--seconds', String(SECONDS), '--warmup', String(WARMUP)],
    { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    const why = (r.stderr || r.error?.message || '').trim().split('\n').filter(Boolean).pop() ?? `exit ${r.status}`;
    return { available: false, reason: r.status === 2 ? why : `run_live.sh failed (exit ${r.status}): ${why}`, pps: {}, raw: [] };
  }
  const pps: Record<number, number> = {};
  const raw: string[] = [];
  for (const line of r.stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    const j = JSON.parse(line) as { frame_len: number; pps: number; kernel?: string };
    pps[j.frame_len] = j.pps; raw.push(line.trim());
  }
  return { available: true, pps, raw };
}

interface fres { pps: number; ns: number; total_ops: number }
/** bench/floor.js in a child per size and flag set; null (with a printed reason) when it fails. */
function bench_floor(flags: string[]): Record<number, fres> | null {
  const out: Record<number, fres> = {};
  for (const s of SIZES) {
    const r = spawnSync(process.execPath, [...flags, path.join(__dirname, 'floor.js'), '--size', String(s), '--seconds', String(SECONDS)],
      { encoding: 'utf8', timeout: 120_000 });
    const line = r.stdout?.split('\n').find((l) => l.startsWith('{'));
    if (r.status !== 0 || !line) {
      console.log(`floor ${flags.join(' ') || '(default flags)'}: failed (exit ${r.status}): ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
      return null;
    }
    const j = JSON.parse(line) as { pps: number; ns_per_frame: number; total_ops: number };
    out[s] = { pps: j.pps, ns: j.ns_per_frame, total_ops: j.total_ops };
  }
  return out;
}

function main(): void {
  trace_disable();
  const e = build_bench_topology();
  const mem0 = slab_usage();
  const k: Record<number, kres> = {};
  for (const s of SIZES) k[s] = bench_kveth(e, s);
  let ktap: Record<number, kres> | null = null;
  if (WITH_TAP) {
    const t = build_topology({ trace: false, rx_down: false });
    ktap = {};
    for (const s of SIZES) ktap[s] = bench_kveth({ a0: t.a0, b0: t.b0, tx: t.tx, tap: t.tap }, s);
  }
  const live = bench_live();
  const floor_default = WITH_FLOOR ? bench_floor([]) : null;
  const floor_inlined = WITH_FLOOR ? bench_floor(FLOOR_INLINE_ALL) : null;
  const mb = (x: number): string => (x / 1048576).toFixed(1);
  const fmt = (x: number | undefined): string => (x === undefined ? 'n/a' : Math.round(x).toLocaleString('en-US'));

  console.log(`kveth bench: ${SECONDS}s x ${RUNS} runs per size (median), warmup ${WARMUP}s, tracing off, no tap on B0`);
  console.log('size  | kveth pps (runs)                         | live pps    | live/kveth | rss MB before->after | slab leaks');
  console.log('------+------------------------------------------+-------------+------------+----------------------+-----------');
  for (const s of SIZES) {
    const r = k[s]!;
    const lp = live.pps[s];
    console.log(`${String(s).padStart(5)} | ${fmt(r.pps).padStart(9)} (${r.runs.map(fmt).join(', ')})`.padEnd(49) +
      `| ${fmt(lp).padStart(11)} | ${(lp ? (lp / r.pps).toFixed(2) + 'x' : 'n/a').padStart(10)} | ` +
      `${(mb(r.rss0) + ' -> ' + mb(r.rss1)).padEnd(20)} | ${r.leaks.length ? r.leaks.join('; ') : 'none'}` +
      (r.errs || r.lost ? `  [send errors ${r.errs}, not received ${r.lost}]` : ''));
  }
  if (ktap) for (const s of SIZES) {
    const r = ktap[s]!;
    console.log(`${String(s).padStart(5)} | ${fmt(r.pps).padStart(9)} with tap (build_topology + packet_recvmsg each frame), leaks: ${r.leaks.length ? r.leaks.join('; ') : 'none'}`);
  }
  const mem1 = slab_usage();
  console.log(`slab live objects (topology built)  : ${usage_str(mem0)}`);
  console.log(`slab live objects (after all runs)  : ${usage_str(mem1)}`);
  for (const [name, f] of [['default inlining', floor_default], ['every mem call inlined', floor_inlined]] as const) {
    if (!f) continue;
    for (const s of SIZES) {
      const lp = live.pps[s];
      console.log(`floor ${String(s).padStart(5)} B (${name}): ${fmt(f[s]!.pps)} pps, ${f[s]!.ns} ns/frame for the ${f[s]!.total_ops} ` +
        `simulated-memory calls of one frame alone` + (lp ? `; ${(f[s]!.pps / lp).toFixed(2)}x the live rate (target ${TARGET_FACTOR}x)` : ''));
    }
  }
  if (!live.available) console.log(`live: unavailable (${live.reason})`);
  else for (const l of live.raw) console.log(`live: ${l}`);

  const ratio = (s: number): number | null => (live.pps[s] ? +(live.pps[s]! / k[s]!.pps).toFixed(3) : null);
  const met = (pps: (s: number) => number | undefined): boolean | null =>
    (live.available ? SIZES.every((s) => (pps(s) ?? 0) >= TARGET_FACTOR * live.pps[s]!) : null);
  const best_floor = (s: number): number | undefined => Math.max(floor_default?.[s]?.pps ?? 0, floor_inlined?.[s]?.pps ?? 0) || undefined;
  console.log(JSON.stringify({
    kveth_pps_64: Math.round(k[64]!.pps), kveth_pps_1500: Math.round(k[1500]!.pps),
    live_pps_64: live.pps[64] ?? null, live_pps_1500: live.pps[1500] ?? null,
    ratio_64: ratio(64), ratio_1500: ratio(1500), target: `kveth_pps >= ${TARGET_FACTOR} x live_pps`,
    target_met: met((s) => k[s]!.pps),
    ...(WITH_FLOOR ? { floor_pps_64: best_floor(64) ?? null, floor_pps_1500: best_floor(1500) ?? null, floor_target_met: met(best_floor) } : {}),
    ...(ktap ? { kveth_tap_pps_64: Math.round(ktap[64]!.pps), kveth_tap_pps_1500: Math.round(ktap[1500]!.pps) } : {}),
    slab_leak: SIZES.some((s) => k[s]!.leaks.length > 0),
    live_available: live.available, ...(live.available ? {} : { live_reason: live.reason }),
  }));
}

try { main(); } catch (err) { console.error(err); }
process.exitCode = 0;
