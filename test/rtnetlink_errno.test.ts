// SPDX-License-Identifier: GPL-2.0-only
/*
 * rtnetlink on real message bytes, checked against the live kernel:
 *  - test/golden/rtnetlink/errno-corpus.jsonl: 219 requests captured on a live kernel, each in
 *    fresh namespaces after its `ip` setup; kveth must give the same errno, extended-ack text and
 *    offset, ack, and the same links afterwards. Where 6.12.117 differs from the 6.18 capture the
 *    corpus carries the 6.12 answer (expect_612), which is the one kveth follows.
 *  - test/golden/rtnetlink/ip-requests.jsonl: every datagram the real `ip` sent, replayed in
 *    order; every status reply must carry the captured errno and the reply types must match.
 */
import { run_corpus_case } from './support/rtnl_corpus';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  make_world, destroy_world, rtnl_socket, talk, parse_msgs, parse_attrs, status_of, hex, msg, ifinfomsg,
} from './support/rtnl';
import { netns_fd_open, fd_close } from '../src/net/core/net_namespace';
import { netlink_close } from '../src/net/netlink/af_netlink';
import { slab_usage } from '../src/mm/slub';
import '../src/drivers/net/veth'; // the module load (request_module) allocates once; keep it out of the leak check

const GOLDEN = path.join(__dirname, 'golden/rtnetlink');
interface corpus_case {
  name: string; setup: string[]; strict: boolean; request: string;
  expect: Record<string, unknown>; expect_612?: Record<string, unknown>; differs_612?: string;
}
const corpus: corpus_case[] = fs.readFileSync(path.join(GOLDEN, 'errno-corpus.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

/** Cases kveth cannot match, with the reason. Empty: every case is matched. */
const OUT_OF_SCOPE: Record<string, string> = {};

/** kveth's answer to one case (test/support/rtnl_corpus.ts, shared with the live test) */
function run_case(c: corpus_case): Record<string, unknown> { return run_corpus_case(c); }

test('errno corpus: every case as 6.12.117 answers it', () => {
  const before = slab_usage();
  let checked = 0;
  const failures: string[] = [];
  for (const c of corpus) {
    if (OUT_OF_SCOPE[c.name]) continue;
    const e = (c.expect_612 ?? c.expect) as Record<string, unknown>;
    let got: Record<string, unknown>;
    try { got = run_case(c); } catch (err) { failures.push(`${c.name}: exception ${(err as Error).message}`); continue; }
    const want: Record<string, unknown> = {
      errno: e.errno, extack: e.extack ?? null, extack_offs: e.extack_offs ?? null, ack: e.ack ?? false,
      links_after: e.links_after, links_after_ns2: e.links_after_ns2,
    };
    for (const k of Object.keys(want)) {
      if (want[k] === undefined) continue;
      if (JSON.stringify(want[k]) !== JSON.stringify(got[k])) failures.push(`${c.name}: ${k} ${JSON.stringify(got[k])} != ${JSON.stringify(want[k])}`);
    }
    checked++;
  }
  assert.equal(failures, []);
  assert.is(checked, 219 - Object.keys(OUT_OF_SCOPE).length);
  assert.equal(slab_usage(), before, 'namespaces torn down, nothing left on the heap');
});

test('errno corpus: the 6.12-vs-6.18 cases really are answered the 6.12 way', () => {
  const diff = corpus.filter((c) => c.differs_612);
  assert.is(diff.length, 19);
  const txq = run_case(corpus.find((c) => c.name === 'newlink_txqlen_too_big')!);
  assert.equal([txq.errno, txq.extack, txq.extack_offs], [34, 'integer out of range', 40]);
  const a67 = run_case(corpus.find((c) => c.name === 'newlink_attr_67_netns_immutable')!);
  assert.equal([a67.errno, a67.links_after], [0, ['lo', 'v1', 'v0']]);
});

/* ------------------------------------------------------------------ the real ip's requests */
interface ip_record { cmd: string; role: string; requests: string[]; replies: string[]; messages: { dir: string; sock: number; hex: string }[] }
const records: ip_record[] = fs.readFileSync(path.join(GOLDEN, 'ip-requests.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

/** put a real fd where the capture normalised IFLA_NET_NS_FD / NETNSA_FD to 0 */
function patch_fds(req: Uint8Array, fd: number): Uint8Array {
  const b = Buffer.from(req);
  const walk = (off: number, end: number, depth: number): void => {
    while (off + 4 <= end) {
      const len = b.readUInt16LE(off), t = b.readUInt16LE(off + 2) & 0x3fff;
      if (len < 4 || off + len > end) return;
      if (depth === 0 && t === 28 && len === 8) b.writeUInt32LE(fd, off + 4);
      if (depth === 0 && t === 18) walk(off + 4, off + len, 1); // IFLA_LINKINFO
      else if (depth === 1 && t === 2) walk(off + 4, off + len, 2); // IFLA_INFO_DATA
      else if (depth === 2 && t === 1) walk(off + 4 + 16, off + len, 0); // VETH_INFO_PEER: ifinfomsg + IFLA_*
      off += (len + 3) & ~3;
    }
  };
  for (let o = 0; o + 16 <= b.length;) {
    const len = b.readUInt32LE(o), type = b.readUInt16LE(o + 4);
    if (len < 16 || o + len > b.length) break;
    if (type === 16 || type === 19) walk(o + 32, o + len, 0);
    if (type === 90) { // RTM_GETNSID: rtgenmsg (padded to 4), NETNSA_FD
      for (let a = o + 20; a + 8 <= o + len; a += (b.readUInt16LE(a) + 3) & ~3) {
        if (b.readUInt16LE(a) < 4) break;
        if ((b.readUInt16LE(a + 2) & 0x3fff) === 3) b.writeUInt32LE(fd, a + 4);
      }
    }
    o += (len + 3) & ~3;
  }
  return Uint8Array.from(b);
}

test('ip-requests: every captured request is accepted with the captured reply errno', () => {
  const w = make_world();
  const fd2 = netns_fd_open(w.ns2);
  const socks = [rtnl_socket(w.ns1, { ext_ack: true }), rtnl_socket(w.ns1, { ext_ack: true })];
  const mismatches: string[] = [];
  let sent = 0;
  for (const r of records) {
    if (!r.cmd.startsWith('ip ') || r.cmd.includes('-n ')) continue;
    // capture_ip_requests.sh runs an unrecorded `ip link del c0` between the two batch runs
    if (r.cmd === 'ip -force -batch batch.txt') talk(socks[0]!, new msg(17, 5, ifinfomsg()).attr_str(3, 'c0').done());
    const msgs = r.messages;
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i]!;
      if (m.dir !== 'send') continue;
      const sk = socks[m.sock]!;
      const replies = talk(sk, patch_fds(hex(m.hex), fd2));
      sent++;
      const want: string[] = [];
      for (let j = i + 1; j < msgs.length && msgs[j]!.dir === 'recv' && msgs[j]!.sock === m.sock; j++) want.push(msgs[j]!.hex);
      const got_types = replies.flatMap((d) => parse_msgs(d).map((x) => x.type));
      const want_types = want.flatMap((d) => parse_msgs(hex(d)).map((x) => x.type));
      const got_st = replies.flatMap((d) => parse_msgs(d)).map(status_of).filter((x) => x).map((x) => [x!.errno, x!.extack]);
      const want_st = want.flatMap((d) => parse_msgs(hex(d))).map(status_of).filter((x) => x).map((x) => [x!.errno, x!.extack]);
      if (JSON.stringify(got_types) !== JSON.stringify(want_types) || JSON.stringify(got_st) !== JSON.stringify(want_st)) {
        mismatches.push(`${r.cmd}: types ${got_types} vs ${want_types}, status ${JSON.stringify(got_st)} vs ${JSON.stringify(want_st)}`);
      }
      // every reply parses down to its attributes
      for (const d of replies) for (const x of parse_msgs(d)) if (x.type === 16) parse_attrs(x.body.subarray(16));
    }
  }
  for (const sk of socks) netlink_close(sk);
  fd_close(fd2);
  destroy_world(w);
  assert.equal(mismatches, []);
  assert.ok(sent >= 90, `sent ${sent}`);
});

test.run();
