// SPDX-License-Identifier: GPL-2.0-only
/*
 * rtnetlink against the kernel and the iproute2 this machine runs, right now (where it can:
 * root, `ip netns`, /usr/bin/python3; otherwise each test prints why it skips):
 *  - test/live/rtnl/nl_corpus.py sends all 224 errno-corpus requests to the live kernel (one run,
 *    ~16 s) and every case is compared with kveth's answer to the same request: first status
 *    (errno, extack, offset, ack), every status message, the reply message types, and both
 *    namespaces' links afterwards (names, ifindex, mtu, flags, peer link, netnsid, txqlen, kind,
 *    MAC). kveth follows 6.12.117: for a `differs_612` case kveth is compared with expect_612
 *    (the live twin's result, or the 6.12 source reading) and the live result must equal the
 *    committed 6.18 golden instead (unless the live kernel is a 6.12 itself).
 *  - test/live/rtnl/capture_ip_requests.sh runs the real `ip` for the 32 captured commands under
 *    strace (~1 s); fed the replies the live kernel just gave, kveth ip must send byte-identical
 *    requests (normalised as test/live/rtnl/README.md says) on the same sockets, and exit and
 *    print as ip did.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { run_corpus_case, ifindex_of, flags_view, type corpus_case, type link_view } from './support/rtnl_corpus';
import { ip_argv, normalise_request, replay_env, type ip_record } from './support/ip_replay';
import { run_ip, IP_VERSION } from '../src/tools/ip/ip';
import '../src/drivers/net/veth';

const ROOT = path.resolve(__dirname, '..');
const LIVE = path.join(ROOT, 'test/live/rtnl');
const GOLDEN = path.join(ROOT, 'test/golden/rtnetlink');
const PY = '/usr/bin/python3';

function why_not(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid && process.getuid() !== 0) return 'not root (needs network namespaces)';
  if (!fs.existsSync(PY)) return `no ${PY}`;
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (r.error) return `no ip: ${r.error.message}`;
  if (r.status !== 0) return `ip netns unavailable: ${r.stderr.trim()}`;
  if (spawnSync('unshare', ['--version']).error) return 'no unshare (the tools isolate /run/netns in a private mount namespace)';
  return null;
}
const skip_reason = why_not();
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'kveth-rtnl-live-'));
const jsonl = <T>(f: string): T[] => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as T);
const J = JSON.stringify;

/* ------------------------------------------------------------------ the errno corpus */

/** the parts of an observation kveth is compared on (live errors[] carry errname, derived from errno) */
function view(o: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  for (const k of fields) {
    if (!(k in o)) continue;
    if (k === 'errors') v[k] = (o[k] as Record<string, unknown>[]).map(({ errname: _e, ...rest }) => rest);
    else if (k === 'links_detail' || k === 'links_detail_ns2') v[k] = flags_view(o[k] as link_view[]);
    else v[k] = o[k];
  }
  return v;
}
const FULL = ['errno', 'extack', 'extack_offs', 'ack', 'errors', 'reply_types', 'links_after', 'links_after_ns2', 'links_detail', 'links_detail_ns2'];
/** expect_612 records only these (nl_corpus.py: the twin's result or the 6.12 source reading) */
const FIELDS_612 = ['errno', 'extack', 'extack_offs', 'ack', 'links_after', 'links_after_ns2'];
function diff(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return Object.keys(b).filter((k) => J(a[k]) !== J(b[k])).map((k) => `${k}: kveth ${J(a[k])} live ${J(b[k])}`);
}

test('errno corpus on the live kernel, now: each case equals kveth\'s answer', () => {
  if (skip_reason) { console.log(`  skip live errno corpus: ${skip_reason}`); return; }
  const dir = tmp();
  try {
    const out = path.join(dir, 'corpus.jsonl');
    const t0 = Date.now();
    const r = spawnSync(PY, [path.join(LIVE, 'nl_corpus.py'), '--runs', '1', '--out', out], { encoding: 'utf8', timeout: 90_000 });
    assert.is(r.status, 0, `nl_corpus.py failed (${r.status} ${r.signal ?? ''}): ${r.stderr}`);
    const secs = (Date.now() - t0) / 1000;
    const live = jsonl<corpus_case>(out);
    const committed = new Map(jsonl<corpus_case>(path.join(GOLDEN, 'errno-corpus.jsonl')).map((c) => [c.name, c]));
    assert.equal(live.map((c) => c.name), [...committed.keys()], 'the corpus nl_corpus.py builds now is the committed one');
    // kveth follows 6.12.117; the committed goldens were captured on 6.18. On a 6.12 kernel the
    // differs_612 cases are ordinary ones.
    const live_is_612 = /^6\.12\./.test(os.release());
    const failures: string[] = [];
    let vs_kveth = 0, vs_golden = 0;
    for (const c of live) {
      const g = committed.get(c.name)!;
      if (c.request !== g.request || J(c.setup) !== J(g.setup) || c.strict !== g.strict) failures.push(`${c.name}: request/setup differ from the committed corpus`);
      let kv: Record<string, unknown>;
      try { kv = run_corpus_case(c); } catch (e) { failures.push(`${c.name}: kveth threw ${(e as Error).message}`); continue; }
      if (c.differs_612 && !live_is_612) {
        // kveth = 6.12.117's answer (for twin cases: what this kernel answered just now to the twin)
        for (const d of diff(view(kv, FIELDS_612), view(c.expect_612!, FIELDS_612))) failures.push(`${c.name} (vs expect_612): ${d}`);
        // the ifindex of the links a source reading names (expect_612.ifindex)
        const want_ifindex = c.expect_612!.ifindex as Record<string, number> | undefined;
        if (want_ifindex && J(ifindex_of(kv, Object.keys(want_ifindex))) !== J(want_ifindex)) {
          failures.push(`${c.name} (vs expect_612): ifindex ${J(ifindex_of(kv, Object.keys(want_ifindex)))} != ${J(want_ifindex)}`);
        }
        if (J(view(c.expect_612!, FIELDS_612)) !== J(view(g.expect_612!, FIELDS_612))) failures.push(`${c.name}: expect_612 now ${J(c.expect_612)}, committed ${J(g.expect_612)}`);
        // and this kernel still answers the request itself the way the committed 6.18 golden says
        const now = view(c.expect, [...FULL, 'replies']), then = view(g.expect, [...FULL, 'replies']);
        if (J(now) !== J(then)) failures.push(`${c.name}: live ${J(now)} != committed 6.18 golden ${J(then)}`);
        vs_golden++;
      } else {
        for (const d of diff(view(kv, FULL), view(c.expect, FULL))) failures.push(`${c.name}: ${d}`);
      }
      vs_kveth++;
    }
    console.log(`  live errno corpus: ${live.length} cases on ${os.release()} in ${secs.toFixed(1)} s; ${vs_kveth} compared with kveth, ${vs_golden} differs_612 live results checked against the committed golden`);
    assert.equal(failures, []);
    assert.is(vs_kveth, 224);
    if (!live_is_612) assert.is(vs_golden, 19);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/* ------------------------------------------------------------------ the real ip */

test('the real ip, run now: kveth ip sends the same request bytes', () => {
  const skip = skip_reason
    ?? (spawnSync('strace', ['-V']).error ? 'no strace' : null)
    ?? (spawnSync('python3', ['--version']).error ? 'no python3 in PATH (capture_ip_requests.sh calls it)' : null);
  if (skip) { console.log(`  skip live ip requests: ${skip}`); return; }
  const version = spawnSync('ip', ['-V'], { encoding: 'utf8' }).stdout.trim();
  if (version !== IP_VERSION) { console.log(`  skip live ip requests: installed ip is "${version}", kveth ip ports "${IP_VERSION}"`); return; }
  const dir = tmp();
  try {
    const t0 = Date.now();
    const r = spawnSync('bash', [path.join(LIVE, 'capture_ip_requests.sh')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, GOLDEN_DIR: dir } });
    assert.is(r.status, 0, `capture_ip_requests.sh failed (${r.status} ${r.signal ?? ''}): ${r.stderr}`);
    const secs = (Date.now() - t0) / 1000;
    const recs = jsonl<ip_record & { orig?: unknown }>(path.join(dir, 'ip-requests.jsonl'));
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'ip-requests.meta.json'), 'utf8')) as Record<string, string>;
    const committed = jsonl<ip_record>(path.join(GOLDEN, 'ip-requests.jsonl'));
    assert.equal(recs.map((x) => x.cmd), committed.map((x) => x.cmd), 'same commands as the committed capture');
    const files = { 'batch.txt': meta['batch_file_batch.txt']! };
    const failures: string[] = [];
    let requests = 0;
    for (const rec of recs) {
      const env = replay_env(rec, files);
      let out = '', err = '';
      let code: number;
      try { code = run_ip(env, ip_argv(rec.cmd), (s) => { out += s; }, (s) => { err += s; }); } catch (e) { failures.push(`${rec.cmd}: kveth ip threw ${(e as Error).message}`); continue; }
      const mine = env.sent.map((s) => normalise_request(new Uint8Array(Buffer.from(s.hex, 'hex'))));
      requests += rec.requests.length;
      for (let i = 0; i < Math.max(mine.length, rec.requests.length); i++) {
        if (mine[i] !== rec.requests[i]) failures.push(`${rec.cmd}: request #${i}: kveth ${mine[i] ?? '(none)'} live ${rec.requests[i] ?? '(none)'}`);
      }
      const socks = rec.messages.filter((m) => m.dir === 'send').map((m) => m.sock);
      if (J(env.sent.map((s) => s.sock)) !== J(socks)) failures.push(`${rec.cmd}: sockets ${J(env.sent.map((s) => s.sock))} live ${J(socks)}`);
      if (env.unread() !== 0) failures.push(`${rec.cmd}: ${env.unread()} live replies never read`);
      if (code !== rec.exit) failures.push(`${rec.cmd}: exit ${code} live ${rec.exit}`);
      if (err !== rec.stderr) failures.push(`${rec.cmd}: stderr ${J(err)} live ${J(rec.stderr)}`);
      if (out !== rec.stdout) failures.push(`${rec.cmd}: stdout differs from live ip's`);
    }
    // the text goldens test/ip_output.test.ts holds kveth ip to are still what ip prints here
    for (const f of ['ip-link-show.txt', 'ip-s-link-show.txt', 'ip-d-link-show.txt']) {
      if (fs.readFileSync(path.join(dir, f), 'utf8') !== fs.readFileSync(path.join(GOLDEN, f), 'utf8')) failures.push(`${f}: live output differs from the committed golden`);
    }
    console.log(`  live ip: ${recs.length} commands, ${requests} requests captured in ${secs.toFixed(1)} s (${version})`);
    assert.equal(failures, []);
    assert.ok(requests >= 90, `only ${requests} requests captured`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
