// SPDX-License-Identifier: GPL-2.0-only
/*
 * A seeded netlink fuzzer: mutations of valid rtnetlink requests and random bytes, sent through
 * a NETLINK_ROUTE socket. Every reply must parse, no JS exception may escape, and after the
 * namespaces are deleted no device or heap object may be left. Small in the suite;
 * KVETH_FUZZ=N runs N messages (KVETH_FUZZ_SEED picks the seed).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { make_world, destroy_world, rtnl_socket, parse_msgs, parse_attrs, status_of, msg, ifinfomsg, mac } from './support/rtnl';
import { netns_fd_open, fd_close, file_fd_open } from '../src/net/core/net_namespace';
import { netlink_sendmsg, netlink_recvmsg, netlink_close } from '../src/net/netlink/af_netlink';
import { slab_usage } from '../src/mm/slub';
import '../src/drivers/net/veth';

const N = Number(process.env.KVETH_FUZZ ?? 2000);
const SEED = Number(process.env.KVETH_FUZZ_SEED ?? 0x6b76);

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

function bases(fd2: number, fdnull: number): Uint8Array[] {
  const F = 0x605;
  return [
    new msg(16, F, ifinfomsg()).attr_str(3, 'f0').nest(18).attr_str(1, 'veth').nest(2).nest(1).raw(ifinfomsg())
      .attr_str(3, 'f1').end().end().end().done(),
    new msg(16, F, ifinfomsg()).attr_str(3, 'g0').attr(1, mac('02:00:00:00:00:01')).attr_u32(4, 1400).nest(18).attr_str(1, 'veth')
      .nest(2).nest(1).raw(ifinfomsg()).attr_str(3, 'g1').attr_u32(28, fd2).end().end().end().done(),
    new msg(16, 5, ifinfomsg()).attr_str(3, 'f0').attr_u32(4, 2000).done(),
    new msg(16, 5, ifinfomsg(0, 1, 1)).attr_str(3, 'f0').done(),
    new msg(19, 5, ifinfomsg()).attr_str(3, 'f0').attr_u32(28, fd2).done(),
    new msg(19, 5, ifinfomsg()).attr_str(3, 'g0').attr_str(20, 'alias').attr_u32(13, 50).done(),
    new msg(17, 5, ifinfomsg()).attr_str(3, 'f1').done(),
    new msg(17, 5, ifinfomsg()).attr_u32(27, 3).done(),
    new msg(18, 1, ifinfomsg()).attr_str(3, 'f0').attr_u32(29, 1).done(),
    new msg(18, 0x301, ifinfomsg()).attr_u32(29, 1).done(),
    new msg(18, 0x301, ifinfomsg()).nest(18).attr_str(1, 'veth').end().done(),
    new msg(90, 1, Uint8Array.of(0, 0, 0, 0)).attr_u32(3, fd2).done(),
    new msg(88, 5, Uint8Array.of(0, 0, 0, 0)).attr_u32(3, fdnull).attr_u32(1, 4).done(),
    new msg(16, F, ifinfomsg()).attr_str(3, 'h0').attr_u32(37, 0).nest(18).attr_str(1, 'veth').end().done(),
  ];
}

function mutate(r: () => number, base: Uint8Array, all: Uint8Array[]): Uint8Array {
  let b = Buffer.from(base);
  const n = 1 + (r() % 3);
  for (let k = 0; k < n; k++) {
    switch (r() % 9) {
      case 0: { const i = r() % b.length; b[i] = b[i]! ^ (1 << (r() % 8)); break; } // bit flip
      case 1: b = b.subarray(0, r() % (b.length + 1)); break; // truncate, nlmsg_len kept
      case 2: { // an attribute length rewritten
        const i = 32 + 4 * (r() % Math.max(1, (b.length - 32) >> 2));
        if (i + 2 <= b.length) b.writeUInt16LE(r() % 0x200, i);
        break;
      }
      case 3: { // an attribute appended, nlmsg_len grown
        const len = r() % 12;
        const a = Buffer.alloc(4 + len);
        a.writeUInt16LE(4 + len, 0); a.writeUInt16LE(r() % 70 | (r() % 4 === 0 ? 0x8000 : 0), 2);
        for (let i = 4; i < a.length; i++) a[i] = r() & 0xff;
        const pad = Buffer.alloc((4 - (b.length % 4)) % 4);
        b = Buffer.concat([b, pad, a]);
        if (b.length >= 4) b.writeUInt32LE(b.length, 0);
        break;
      }
      case 4: if (b.length >= 8) b.writeUInt16LE(r() & 0xffff, 6); break; // flags
      case 5: if (b.length >= 6) b.writeUInt16LE(r() % 130, 4); break; // type
      case 6: b = Buffer.concat([b, Buffer.from(all[r() % all.length]!)]); break; // a second message
      case 7: if (b.length >= 4) b.writeUInt32LE(r() % (b.length + 64), 0); break; // nlmsg_len
      case 8: { const i = r() % b.length; b[i] = r() & 0xff; break; }
    }
    if (b.length === 0) break;
  }
  return Uint8Array.from(b);
}

/** how often each errno came back in a status message (0: accepted) */
const seen_errno = new Map<number, number>();
function check_reply(d: Uint8Array): void {
  for (const m of parse_msgs(d)) {
    if (m.type === 2 || m.type === 3) {
      const st = status_of(m)!;
      assert.ok(st.errno >= 0 && st.errno < 4096, `errno ${st.errno}`);
      seen_errno.set(st.errno, (seen_errno.get(st.errno) ?? 0) + 1);
    } else if (m.type === 16) {
      parse_attrs(m.body.subarray(16));
    } else if (m.type === 88) {
      parse_attrs(m.body.subarray(4));
    } else {
      assert.unreachable(`unexpected reply type ${m.type}`);
    }
  }
}

test(`fuzz: ${N} mutated and random messages, seed ${SEED}`, () => {
  const r = rng(SEED);
  const before = slab_usage();
  const per_world = 250;
  let sent = 0;
  while (sent < N) {
    const w = make_world();
    const fd2 = netns_fd_open(w.ns2), fdnull = file_fd_open();
    const all = bases(fd2, fdnull);
    const sk = rtnl_socket(w.ns1, { strict: r() % 2 === 0 });
    for (let i = 0; i < per_world && sent < N; i++, sent++) {
      let req: Uint8Array;
      if (r() % 10 === 0) { req = new Uint8Array(r() % 200); for (let j = 0; j < req.length; j++) req[j] = r() & 0xff; }
      else req = mutate(r, all[r() % all.length]!, all);
      let d: Uint8Array | number | null;
      try {
        netlink_sendmsg(sk, req);
        while ((d = netlink_recvmsg(sk)) !== null) {
          if (typeof d === 'number') throw new Error(`receive error ${d}: every reply is read at once, so none may overrun`);
          check_reply(d);
        }
      } catch (e) {
        throw new Error(`message ${sent} (${Buffer.from(req).toString('hex')}): ${(e as Error).stack}`);
      }
    }
    netlink_close(sk);
    fd_close(fd2); fd_close(fdnull);
    destroy_world(w);
  }
  assert.equal(slab_usage(), before, 'no device or heap object outlives its namespace');
  // the mutations get past the header checks: some requests succeed, and the failures come from
  // several places (policy, lookups, the ops), not from one early check
  if (N >= 1000) {
    assert.ok((seen_errno.get(0) ?? 0) >= N / 20, `only ${seen_errno.get(0) ?? 0} requests succeeded`);
    assert.ok(seen_errno.size >= 6, `errnos seen: ${[...seen_errno.keys()]}`);
  }
});

test.run();
