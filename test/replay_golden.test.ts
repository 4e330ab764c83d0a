// Replay output against the goldens captured from a real kernel (test/golden/live-6.18/).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'fs';
import * as path from 'path';
import { build_topology, parse_frames, replay_frame, replay_opts } from '../src/tools/replay';
import { compare_frames, mismatch } from '../src/tools/compare';
import { apply_612 } from './known_divergences';

const root = path.resolve(__dirname, '..');
const corpus = fs.readFileSync(path.join(root, 'test/corpus/frames.txt'), 'utf8');
const load = (f: string): Record<string, any>[] =>
  fs.readFileSync(path.join(root, 'test/golden/live-6.18', f), 'utf8').trim().split('\n').map((l) => JSON.parse(l));


function run(o: replay_opts): Record<string, any>[] {
  const env = build_topology(o);
  return parse_frames(corpus).map((f) => replay_frame(env, f, o));
}
function check(config: string, golden: string, o: replay_opts): void {
  const want = load(golden);
  const stale = apply_612(config, want);
  assert.equal(stale, [], '6.12-vs-6.18 rewrites that no longer match the golden');
  const m: mismatch[] = compare_frames(want, run(o));
  const show = m.slice(0, 5).map((x) => `#${x.idx} ${x.label} ${x.field}\n  want ${JSON.stringify(x.want)}\n  got  ${JSON.stringify(x.got)}`);
  assert.is(m.length, 0, `${m.length} frames differ from the ${config} golden (after the 6.12.117 rewrites):\n${show.join('\n')}`);
}

test('corpus has at least 60 frames', () => { assert.ok(parse_frames(corpus).length >= 60); });
test('normal link config equals the live capture', () => check('normal', 'normal.jsonl', { trace: true, rx_down: false }));
test('receiver down equals the live capture', () => check('rx-down', 'rx-down.jsonl', { trace: true, rx_down: true }));
test('sender MTU 1600 / receiver 1500 equals the live capture', () =>
  check('mtu', 'mtu.jsonl', { trace: true, rx_down: false, mtu_a: 1600, mtu_b: 1500 }));
test.run();
