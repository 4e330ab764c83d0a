// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/floor.ts - a lower bound for any kveth frame path that keeps its structs in simulated
 * memory: the simulated-memory traffic of one frame alone, with none of the code around it.
 *
 * It records every call into src/sim/mem.ts (loads, stores, memset, copies) that one real
 * packet_snd() makes on the bench topology (A0 -> veth -> B0, no tap), then replays exactly that
 * sequence (same addresses, same values, same order) as one generated straight-line function, in
 * a loop, and times it. What the replay leaves out is everything else the real path does: the
 * logic, the slab allocator's bookkeeping, view objects, list handling. The replay also reuses one
 * skb address per frame where the real path walks the slab quarantine, so it is cache-friendlier.
 * The real path can therefore not be faster than this number.
 *
 * The replay is compiled twice: with V8's default inlining budget (as kveth runs) and with the
 * budget raised so that every mem.ts call in it can be inlined (the best a compiler could do with
 * these accessors). Runs compiled only (`npm run bench` builds it): the recorder swaps the
 * functions in mem.ts's CommonJS exports object, which tsc's output reads at each call.
 *
 * usage: node [v8 flags] dist/bench/floor.js --size N [--seconds S]
 * Prints one JSON line: {frame_len, ops, total_ops, ns_per_frame, pps, v8_flags}.
 */
import * as mem from '../src/sim/mem';
import { trace_disable } from '../src/sim/trace';
import { packet_snd } from '../src/net/packet/af_packet';
import { num_opt, make_frame, build_bench_topology } from './common';

const argv = process.argv.slice(2);
const opt = (name: string, def: number): number => num_opt(argv, name, def);
const SIZE = opt('--size', 64);
const SECONDS = opt('--seconds', 2);

/** The mem.ts entry points a frame's code calls; each recorded call is replayed as is. */
const RECORDED = ['rd8', 'rd16', 'rd32', 'rds32', 'rd64', 'rd16be', 'rdptr', 'rdraw64', 'wr8', 'wr16', 'wr32', 'wr64',
  'wrptr', 'wrraw64', 'bytes', 'memset', 'memcpy', 'memmove', 'copy_to', 'buffer_at', 'rdstr', 'wrstr'] as const;
/** Calls whose result is a number, folded into a checksum so the loads cannot be dropped. */
const NUMERIC = new Set<string>(['rd8', 'rd16', 'rd32', 'rds32', 'rd64', 'rd16be', 'rdptr']);

type fn = (...a: unknown[]) => unknown;
const exp = mem as unknown as Record<string, fn>;
const orig: Record<string, fn> = {};
for (const k of RECORDED) orig[k] = exp[k]!;

interface call { fn: string; args: unknown[] }
function record(send: () => void): call[] {
  const log: call[] = [];
  let depth = 0; // only the outermost call: bytes() inside memset() is part of memset
  for (const k of RECORDED) {
    const f = orig[k]!;
    exp[k] = (...args: unknown[]): unknown => {
      if (depth === 0) log.push({ fn: k, args });
      depth++;
      try { return f(...args); } finally { depth--; }
    };
  }
  try { send(); } finally { for (const k of RECORDED) exp[k] = orig[k]!; }
  return log;
}

function main(): void {
  if (exp.rd32 === undefined || Object.getOwnPropertyDescriptor(exp, 'rd32')?.get) {
    console.error('floor: run the compiled bench (dist/bench/floor.js); under tsx the exports cannot be swapped');
    process.exit(2);
  }
  trace_disable();
  const { tx } = build_bench_topology();
  const frame = make_frame(SIZE);
  for (let i = 0; i < 1000; i++) packet_snd(tx, frame); // the slab caches reach their steady state
  let ret = 0;
  const log = record(() => { ret = packet_snd(tx, frame); });
  if (ret !== SIZE) throw new Error(`floor: the recorded send returned ${ret}`);

  // Generate the replay: constants inline, Uint8Array arguments passed in by index.
  const arrays: Uint8Array[] = [];
  const lit = (v: unknown): string => {
    if (typeof v === 'number') return String(v);
    if (v instanceof Uint8Array) { arrays.push(v); return `A[${arrays.length - 1}]`; }
    if (typeof v === 'string') return JSON.stringify(v);
    throw new Error(`floor: cannot replay an argument of type ${typeof v}`);
  };
  const ops: Record<string, number> = {};
  const body: string[] = [];
  for (const c of log) {
    ops[c.fn] = (ops[c.fn] ?? 0) + 1;
    const e = `${c.fn}(${c.args.map(lit).join(', ')})`;
    body.push(NUMERIC.has(c.fn) ? `s += ${e};` : `${e};`);
  }
  const src = `const { ${RECORDED.join(', ')} } = m;\nreturn function replay_frame(A) {\n  let s = 0;\n  ${body.join('\n  ')}\n  return s;\n};`;
  const replay = new Function('m', src)(orig) as (A: Uint8Array[]) => number;

  for (let i = 0; i < 20000; i++) replay(arrays); // JIT warm-up
  let n = 0, sum = 0;
  const t0 = process.hrtime.bigint();
  const deadline = t0 + BigInt(Math.round(SECONDS * 1e9));
  let now = t0;
  while (now < deadline) {
    for (let i = 0; i < 1024; i++) sum += replay(arrays);
    n += 1024;
    now = process.hrtime.bigint();
  }
  const ns = Number(now - t0) / n;
  console.log(JSON.stringify({
    frame_len: SIZE, ops, total_ops: log.length, ns_per_frame: +ns.toFixed(1), pps: Math.round(1e9 / ns),
    v8_flags: process.execArgv.join(' '), checksum: sum % 1e9,
  }));
}
main();
