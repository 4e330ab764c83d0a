// Replay output against the goldens captured from a real kernel (test/golden/live-6.18/).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'fs';
import * as path from 'path';
import { build_topology, parse_frames, replay_frame, replay_opts } from '../src/tools/replay';
import { compare_frames, mismatch } from '../src/tools/compare';

const root = path.resolve(__dirname, '..');
const corpus = fs.readFileSync(path.join(root, 'test/corpus/frames.txt'), 'utf8');
const load = (f: string): Record<string, any>[] =>
  fs.readFileSync(path.join(root, 'test/golden/live-6.18', f), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

import { KNOWN } from './known_divergences';

function run(o: replay_opts): Record<string, any>[] {
  const env = build_topology(o);
  return parse_frames(corpus).map((f) => replay_frame(env, f, o));
}
function check(config: string, golden: string, o: replay_opts): void {
  const m: mismatch[] = compare_frames(load(golden), run(o));
  const unexpected = m.filter((x) => !KNOWN[`${config}:${x.idx}:${x.field}`]);
  const stale = Object.keys(KNOWN).filter((k) => k.startsWith(`${config}:`) && !m.some((x) => `${config}:${x.idx}:${x.field}` === k));
  const show = unexpected.slice(0, 5).map((x) => `#${x.idx} ${x.label} ${x.field}\n  want ${JSON.stringify(x.want)}\n  got  ${JSON.stringify(x.got)}`);
  assert.is(unexpected.length, 0, `${unexpected.length} frames differ from the ${config} golden:\n${show.join('\n')}`);
  assert.equal(stale, [], 'known divergences that no longer differ');
}

test('corpus has at least 60 frames', () => { assert.ok(parse_frames(corpus).length >= 60); });
test('normal link config equals the live capture', () => check('normal', 'normal.jsonl', { trace: true, rx_down: false }));
test('receiver down equals the live capture', () => check('rx-down', 'rx-down.jsonl', { trace: true, rx_down: true }));
test('sender MTU 1600 / receiver 1500 equals the live capture', () =>
  check('mtu', 'mtu.jsonl', { trace: true, rx_down: false, mtu_a: 1600, mtu_b: 1500 }));
test.run();
