// SPDX-License-Identifier: GPL-2.0-only
// kveth ip builds the same request bytes as iproute2 6.1 for every captured command, sends
// them on the same socket, and (fed the captured replies) exits and prints as ip did.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run_ip } from '../src/tools/ip/ip';
import { ip_argv, load_meta, load_records, normalise_request, replay_env } from './support/ip_replay';

const records = load_records();
const meta = load_meta();
const files = { 'batch.txt': meta['batch_file_batch.txt'] as string };

test('the golden file has the 32 captured commands', () => {
  assert.is(records.length, 32);
});

records.forEach((rec, i) => {
  test(`#${i} ${rec.cmd}`, () => {
    const env = replay_env(rec, files);
    let out = '';
    let err = '';
    const code = run_ip(env, ip_argv(rec.cmd), (s) => { out += s; }, (s) => { err += s; });
    const mine = env.sent.map((s) => normalise_request(new Uint8Array(Buffer.from(s.hex, 'hex'))));
    assert.equal(mine, rec.requests, 'request bytes');
    const socks = rec.messages.filter((m) => m.dir === 'send').map((m) => m.sock);
    assert.equal(env.sent.map((s) => s.sock), socks, 'socket of each request');
    assert.is(env.unread(), 0, 'every captured reply was read');
    assert.is(code, rec.exit, 'exit status');
    assert.is(err, rec.stderr, 'stderr');
    assert.is(out, rec.stdout, 'stdout');
  });
});

test('normalisation is not a no-op: the fd kveth ip sends for `netns NS2` is a real one', () => {
  const rec = records.find((r) => r.cmd === 'ip link add a1 type veth peer name b1 netns NS2')!;
  const env = replay_env(rec, files);
  run_ip(env, ip_argv(rec.cmd), () => {}, () => {});
  const raw = env.sent[1]!.hex;
  assert.ok(raw.includes('08001c0006000000'), 'IFLA_NET_NS_FD carries fd 6 before normalisation');
  assert.is(normalise_request(new Uint8Array(Buffer.from(raw, 'hex'))), rec.requests[1]);
});

test.run();
