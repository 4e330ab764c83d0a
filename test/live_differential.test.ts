// kveth against the kernel this machine runs, right now: the capture tool replays the corpus on
// real namespaces/veth/AF_PACKET and kveth must produce the same JSON (see src/tools/compare.ts
// for the excluded fields). Skips, with the reason printed, where that is impossible.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as path from 'path';
import * as fs from 'fs';
import { spawnSync } from 'child_process';
import { build_topology, parse_frames, replay_frame } from '../src/tools/replay';
import { compare_frames } from '../src/tools/compare';
import { apply_612 } from './known_divergences';

const root = path.resolve(__dirname, '..');
const tool = path.join(root, 'test/live/capture_live.py');
const corpus = path.join(root, 'test/corpus/frames.txt');

function why_not(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid && process.getuid() !== 0) return 'not root (needs netns, veth and tracefs)';
  if (!fs.existsSync('/usr/bin/python3')) return 'no /usr/bin/python3';
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (r.status !== 0) return `ip netns unavailable: ${r.stderr?.trim()}`;
  return null;
}

test('live kernel capture equals kveth replay (normal config)', () => {
  const skip = why_not();
  if (skip) { console.log(`  skip live differential test: ${skip}`); return; }
  const r = spawnSync('/usr/bin/python3', [tool, '--trace', corpus], { encoding: 'utf8', timeout: 120000 });
  if (r.status === 2) { console.log(`  skip live differential test: capture tool says: ${r.stderr.trim().split('\n').pop()}`); return; }
  assert.is(r.status, 0, `capture failed: ${r.stderr}`);
  const live = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const o = { trace: true, rx_down: false };
  const env = build_topology(o);
  const mine = parse_frames(fs.readFileSync(corpus, 'utf8')).map((f) => replay_frame(env, f, o));
  assert.equal(apply_612('normal', live), [], '6.12-vs-6.18 rewrites that no longer apply to this kernel');
  const m = compare_frames(live, mine);
  assert.is(m.length, 0, m.slice(0, 3).map((x) => `#${x.idx} ${x.label} ${x.field}: want ${JSON.stringify(x.want)} got ${JSON.stringify(x.got)}`).join('\n'));
});
test.run();
