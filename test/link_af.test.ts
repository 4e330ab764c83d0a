// SPDX-License-Identifier: GPL-2.0-only
/*
 * IFLA_AF_SPEC (rtnl_fill_link_af with inet_af_ops and inet6_ops, then validate_linkmsg /
 * do_setlink for requests that carry one):
 *  - the nest kveth sends for every RTM_NEWLINK of the 32 captured `ip` commands equals the one
 *    Linux sent (test/golden/rtnetlink/ip-requests.jsonl), after the capture's normalisation
 *    (cacheinfo tstamp and reachable_time set to 0) and one 6.12-vs-6.18 rewrite: the 6.18
 *    capture's IFLA_INET6_CONF carries 60 s32 values, 6.12.117's DEVCONF_MAX is 59
 *    (include/uapi/linux/ipv6.h ends at DEVCONF_ACCEPT_RA_MIN_LFT), so the last value (0 in every
 *    captured message) is dropped and the three enclosing lengths shrink by 4;
 *  - setlink with IFLA_AF_SPEC, answered as 6.12.117's source answers it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run_ip } from '../src/tools/ip/ip';
import type { ip_env } from '../src/tools/ip/ctx';
import { kernel_env } from '../src/tools/ip/kernel_env';
import { ip_argv, load_meta, load_records } from './support/ip_replay';
import {
  make_world, destroy_world, ip, rtnl_socket, talk, parse_msgs, parse_attrs, status_of, msg, ifinfomsg, world,
} from './support/rtnl';
import { netlink_close } from '../src/net/netlink/af_netlink';
import { __dev_get_by_name } from '../src/net/core/dev';
import { set_ipv6_disabled } from '../src/net/ipv6/addrconf';
import { jiffies, HZ, INITIAL_JIFFIES } from '../src/sim/clock';
import {
  IFLA_IFNAME, IFLA_MTU, IFLA_LINKINFO, IFLA_AF_SPEC, IFLA_EXT_MASK, IFLA_INFO_KIND, IFLA_INET_CONF, IFLA_INET6_CONF,
  IFLA_INET6_CACHEINFO, IFLA_INET6_TOKEN, IFLA_INET6_ADDR_GEN_MODE, IFLA_INET6_RA_MTU,
} from '../src/include/uapi/linux/if_link';
import { AF_INET, AF_INET6, RTM_NEWLINK, RTM_GETLINK, RTM_SETLINK } from '../src/include/uapi/linux/rtnetlink';
import { NLA_F_NESTED, NLA_TYPE_MASK, NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE } from '../src/include/uapi/linux/netlink';

/* ---------------------------------------------------------------- the captured nests */
type nla = { type: number; raw: Uint8Array };
function nlas(d: Uint8Array): nla[] {
  const out: nla[] = [];
  const v = new DataView(d.buffer, d.byteOffset, d.length);
  for (let o = 0; o + 4 <= d.length;) {
    const len = v.getUint16(o, true);
    if (len < 4 || o + len > d.length) break;
    out.push({ type: v.getUint16(o + 2, true) & NLA_TYPE_MASK, raw: d.subarray(o, o + len) });
    o += (len + 3) & ~3;
  }
  return out;
}
function put_nla(type: number, payload: Uint8Array): Uint8Array {
  const b = new Uint8Array((4 + payload.length + 3) & ~3);
  new DataView(b.buffer).setUint16(0, 4 + payload.length, true);
  new DataView(b.buffer).setUint16(2, type, true);
  b.set(payload, 4);
  return b;
}
const cat = (parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

/**
 * The AF_SPEC nest of one RTM_NEWLINK, normalised: cacheinfo tstamp / reachable_time zeroed and,
 * with `to612`, IFLA_INET6_CONF cut to 6.12's 59 values (the cut value must be 0).
 */
function af_spec_of(m: Uint8Array, to612: boolean): { ifindex: number; af: string } | null {
  const ifindex = new DataView(m.buffer, m.byteOffset).getInt32(20, true);
  const top = nlas(m.subarray(32)).find((a) => a.type === IFLA_AF_SPEC);
  if (!top) return null;
  const fams = nlas(top.raw.subarray(4)).map((f) => {
    if (f.type !== AF_INET6) return f.raw.slice();
    const inner = nlas(f.raw.subarray(4)).map((a) => {
      const p = a.raw.slice(4);
      if (a.type === IFLA_INET6_CACHEINFO) { p.fill(0, 4, 12); }
      if (a.type === IFLA_INET6_CONF && to612) {
        assert.is(p.length, 240, '6.18 sends 60 devconf values');
        assert.equal([...p.subarray(236)], [0, 0, 0, 0], 'the 60th value (6.18 only) is 0');
        return put_nla(a.type, p.subarray(0, 236));
      }
      return put_nla(a.type, p);
    });
    return put_nla(f.type | (new DataView(f.raw.buffer, f.raw.byteOffset).getUint16(2, true) & NLA_F_NESTED), cat(inner));
  });
  const flags = new DataView(top.raw.buffer, top.raw.byteOffset).getUint16(2, true) & ~NLA_TYPE_MASK;
  return { ifindex, af: Buffer.from(put_nla(IFLA_AF_SPEC | flags, cat(fams))).toString('hex') };
}
function newlinks(d: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let o = 0; o + 16 <= d.length;) {
    const v = new DataView(d.buffer, d.byteOffset + o);
    const len = v.getUint32(0, true);
    if (len < 16) break;
    if (v.getUint16(4, true) === RTM_NEWLINK) out.push(d.subarray(o, o + len));
    o += (len + 3) & ~3;
  }
  return out;
}

test('AF_SPEC of every RTM_NEWLINK kveth sends for the 32 captured commands equals Linux\'s (6.12 devconf array)', () => {
  const records = load_records();
  const meta = load_meta();
  const env = kernel_env({ files: { 'batch.txt': meta['batch_file_batch.txt'] as string } });
  let got: { ifindex: number; af: string }[] = [];
  const spy: ip_env = {
    ...env,
    nl_recvmsg(s) {
      const r = env.nl_recvmsg(s);
      if (r instanceof Uint8Array) for (const m of newlinks(r)) { const a = af_spec_of(m, false); if (a) got.push(a); }
      return r;
    },
  };
  const quiet = { out: (): void => {}, err: (): void => {} };
  let compared = 0;
  try {
    assert.is(run_ip(env, ['netns', 'add', 'NS1'], quiet.out, quiet.err), 0);
    assert.is(run_ip(env, ['netns', 'add', 'NS2'], quiet.out, quiet.err), 0);
    records.forEach((rec, i) => {
      if (rec.cmd === 'ip -force -batch batch.txt') run_ip(env, ['link', 'del', 'c0'], quiet.out, quiet.err, 'NS1');
      got = [];
      run_ip(spy, ip_argv(rec.cmd), quiet.out, quiet.err, 'NS1');
      const want = rec.replies.flatMap((h) => newlinks(Uint8Array.from(Buffer.from(h, 'hex'))))
        .map((m) => af_spec_of(m, true)).filter((x) => x !== null);
      assert.equal(got, want, `#${i} ${rec.cmd}`);
      compared += want.length;
    });
  } finally {
    run_ip(env, ['netns', 'del', 'NS1'], quiet.out, quiet.err);
    run_ip(env, ['netns', 'del', 'NS2'], quiet.out, quiet.err);
  }
  assert.ok(compared >= 50, `compared ${compared} nests`);
});

/* ---------------------------------------------------------------- setlink */
type reply = { errno: number | null; extack: string | null };
function setlink(w: world, name: string, build: (m: msg) => void): reply {
  const sk = rtnl_socket(w.ns1, { ext_ack: true });
  const m = new msg(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK, ifinfomsg()).attr_str(IFLA_IFNAME, name);
  build(m);
  const st = talk(sk, m.done()).flatMap((d) => parse_msgs(d)).map(status_of).find((x) => x !== null) ?? null;
  netlink_close(sk);
  return { errno: st ? st.errno : null, extack: st ? st.extack : null };
}
/** the AF_SPEC families of `name` as GETLINK returns them: family → attrs by type */
function af_of(w: world, name: string): Map<number, Map<number, Uint8Array>> {
  const sk = rtnl_socket(w.ns1);
  const req = new msg(RTM_GETLINK, NLM_F_REQUEST, ifinfomsg()).attr_str(IFLA_IFNAME, name).attr_u32(IFLA_EXT_MASK, 1).done();
  const m = talk(sk, req).flatMap((d) => parse_msgs(d)).find((x) => x.type === RTM_NEWLINK)!;
  netlink_close(sk);
  const out = new Map<number, Map<number, Uint8Array>>();
  const af = parse_attrs(m.body.subarray(16)).find((a) => a.type === IFLA_AF_SPEC)!;
  for (const f of parse_attrs(af.data)) out.set(f.type, new Map(parse_attrs(f.data).map((a) => [a.type, a.data])));
  return out;
}
const u8 = (v: number): Uint8Array => Uint8Array.of(v);
const u32 = (v: number): Uint8Array => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v >>> 0, true); return b; };
const s32_at = (d: Uint8Array, i: number): number => new DataView(d.buffer, d.byteOffset).getInt32(4 * i, true);

function with_world(f: (w: world) => void): void {
  const w = make_world();
  try {
    ip(w, 'ip link add v0 type veth peer name v1');
    f(w);
  } finally { destroy_world(w); }
}

test('setlink AF_INET6 addrgenmode: set, shown, and ip -d prints it', () => {
  with_world((w) => {
    assert.is(af_of(w, 'v0').get(AF_INET6)!.get(IFLA_INET6_ADDR_GEN_MODE)![0], 0);
    const r = setlink(w, 'v0', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET6).attr(IFLA_INET6_ADDR_GEN_MODE, u8(1)).end().end());
    assert.equal(r, { errno: 0, extack: null });
    const v6 = af_of(w, 'v0').get(AF_INET6)!;
    assert.is(v6.get(IFLA_INET6_ADDR_GEN_MODE)![0], 1);
    assert.is(s32_at(v6.get(IFLA_INET6_CONF)!, 47 /* DEVCONF_ADDR_GEN_MODE */), 1);
    assert.is(v6.get(IFLA_INET6_CONF)!.length, 59 * 4, '6.12: DEVCONF_MAX values');
    assert.is(af_of(w, 'v1').get(AF_INET6)!.get(IFLA_INET6_ADDR_GEN_MODE)![0], 0, 'the peer is untouched');
  });
});

test('setlink AF_INET6: the validate_link_af errors', () => {
  with_world((w) => {
    const cases: [string, (m: msg) => void, reply][] = [
      ['mode 4 is no mode', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET6).attr(IFLA_INET6_ADDR_GEN_MODE, u8(4)).end().end(), { errno: 22, extack: null }],
      ['stable_privacy without a secret', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET6).attr(IFLA_INET6_ADDR_GEN_MODE, u8(2)).end().end(), { errno: 22, extack: null }],
      ['neither token nor mode', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET6).end().end(), { errno: 22, extack: null }],
      ['RA_MTU is rejected by the policy', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET6).attr(IFLA_INET6_RA_MTU, u32(1400)).end().end(),
        { errno: 22, extack: 'IFLA_INET6_RA_MTU can not be set' }],
      // validate_nla: below the policy's .len, -ERANGE
      ['a short token', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET6).attr(IFLA_INET6_TOKEN, new Uint8Array(8)).end().end(),
        { errno: 34, extack: 'Attribute failed policy validation' }],
      ['no such family (AF_PACKET)', (m) => m.nest(IFLA_AF_SPEC).nest(17).end().end(), { errno: 97, extack: null }],
      ['no such family (AF_UNSPEC)', (m) => m.nest(IFLA_AF_SPEC).attr(0, new Uint8Array(0)).end(), { errno: 97, extack: null }],
    ];
    for (const [name, b, want] of cases) {
      const r = setlink(w, 'v0', b);
      assert.is(r.errno, want.errno, name);
      assert.is(r.extack, want.extack, name); // null: inet6_validate_link_af / validate_linkmsg set no message
    }
    assert.is(af_of(w, 'v0').get(AF_INET6)!.get(IFLA_INET6_ADDR_GEN_MODE)![0], 0, 'nothing changed');
    // an empty IFLA_AF_SPEC nest has no family to look up: accepted, nothing to set
    assert.equal(setlink(w, 'v0', (m) => m.nest(IFLA_AF_SPEC).end()), { errno: 0, extack: null });
  });
});

test('setlink AF_INET6 token: veth takes it, lo refuses it', () => {
  with_world((w) => {
    const tok = Uint8Array.from([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34]);
    assert.equal(setlink(w, 'v0', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET6).attr(IFLA_INET6_TOKEN, tok).end().end()), { errno: 0, extack: null });
    // only the interface identifier half is stored
    assert.equal([...af_of(w, 'v0').get(AF_INET6)!.get(IFLA_INET6_TOKEN)!], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34]);
    assert.equal(setlink(w, 'lo', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET6).attr(IFLA_INET6_TOKEN, tok).end().end()),
      { errno: 22, extack: 'ipv6: Device is loopback' });
  });
});

test('setlink AF_INET: IFLA_INET_CONF sets devconf values; bad ids fail before anything changes', () => {
  with_world((w) => {
    const conf = (): Uint8Array => af_of(w, 'v0').get(AF_INET)!.get(IFLA_INET_CONF)!;
    assert.is(conf().length, 33 * 4);
    assert.is(s32_at(conf(), 0), 0);
    assert.equal(setlink(w, 'v0', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET).nest(IFLA_INET_CONF).attr(1 /* FORWARDING */, u32(1))
      .attr(8 /* RP_FILTER */, u32(2)).end().end().end()), { errno: 0, extack: null });
    assert.is(s32_at(conf(), 0), 1);
    assert.is(s32_at(conf(), 7), 2);
    for (const [name, id, len] of [['id 0', 0, 4], ['id 34', 34, 4], ['short value', 2, 2]] as const) {
      const r = setlink(w, 'v0', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET).nest(IFLA_INET_CONF).attr(2, u32(1))
        .attr(id, new Uint8Array(len)).end().end().end());
      assert.is(r.errno, 22, name);
    }
    // an AF_INET change next to a bad AF_INET6 one: validation covers every family first
    const r = setlink(w, 'v0', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET).nest(IFLA_INET_CONF).attr(2 /* MC_FORWARDING */, u32(1)).end().end()
      .nest(AF_INET6).attr(IFLA_INET6_ADDR_GEN_MODE, u8(9)).end().end());
    assert.is(r.errno, 22);
    assert.is(s32_at(conf(), 1), 0, 'mc_forwarding untouched');
  });
});

test('inet6_dev follows the MTU (addrconf_notify): gone below 1280, AF_INET6 refused, back fresh at 1280', () => {
  with_world((w) => {
    assert.equal(setlink(w, 'v0', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET6).attr(IFLA_INET6_ADDR_GEN_MODE, u8(3)).end().end()).errno, 0);
    assert.equal(setlink(w, 'v0', (m) => m.attr_u32(IFLA_MTU, 1279)).errno, 0);
    assert.equal([...af_of(w, 'v0').keys()], [AF_INET], 'only AF_INET is left (inet6_fill_link_af: -ENODATA)');
    assert.is(setlink(w, 'v0', (m) => m.nest(IFLA_AF_SPEC).nest(AF_INET6).attr(IFLA_INET6_ADDR_GEN_MODE, u8(1)).end().end()).errno, 97);
    assert.equal(setlink(w, 'v0', (m) => m.attr_u32(IFLA_MTU, 1280)).errno, 0);
    const v6 = af_of(w, 'v0').get(AF_INET6)!;
    assert.is(v6.get(IFLA_INET6_ADDR_GEN_MODE)![0], 0, 'a new inet6_dev starts from "default"');
    assert.is(s32_at(v6.get(IFLA_INET6_CONF)!, 2 /* DEVCONF_MTU6 */), 1280);
  });
});

test('newlink with IFLA_AF_SPEC: rtnl_create_link validates against a device that has no inet6_dev yet', () => {
  const w = make_world();
  try {
    const sk = rtnl_socket(w.ns1, { ext_ack: true });
    const req = new msg(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE, ifinfomsg()).attr_str(IFLA_IFNAME, 'n0')
      .nest(IFLA_LINKINFO).attr_str(IFLA_INFO_KIND, 'veth').end()
      .nest(IFLA_AF_SPEC).nest(AF_INET6).attr(IFLA_INET6_ADDR_GEN_MODE, u8(1)).end().end().done();
    const st = talk(sk, req).flatMap((d) => parse_msgs(d)).map(status_of).find((x) => x !== null)!;
    netlink_close(sk);
    assert.is(st.errno, 97);
    assert.is(__dev_get_by_name(w.ns1, 'n0'), null);
  } finally { destroy_world(w); }
});

test('disable_ipv6 set before a device exists: it still gets an inet6_dev, with disable_ipv6 = 1 in its conf', () => {
  const w = make_world();
  try {
    set_ipv6_disabled(w.ns1, true);
    const j0 = jiffies();
    ip(w, 'ip link add v0 type veth peer name v1');
    const j1 = jiffies();
    for (const name of ['lo', 'v0']) {
      const v6 = af_of(w, name).get(AF_INET6)!;
      assert.is(s32_at(v6.get(IFLA_INET6_CONF)!, 26 /* DEVCONF_DISABLE_IPV6 */), 1, name);
      assert.is(v6.get(IFLA_INET6_ADDR_GEN_MODE)![0], 0, name);
    }
    // cacheinfo: max_reasm_len IPV6_MAXPLEN; tstamp the registration time in hundredths of a second
    // since boot (cstamp_delta); retrans_time 1000 ms; reachable_time in [15 s, 45 s)
    const ci = new DataView(af_of(w, 'v0').get(AF_INET6)!.get(IFLA_INET6_CACHEINFO)!.slice().buffer);
    const cstamp_delta = (j: number): number => Math.floor((((j - INITIAL_JIFFIES) >>> 0) * 100) / HZ);
    assert.is(ci.getUint32(0, true), 65535);
    assert.ok(ci.getUint32(4, true) >= cstamp_delta(j0) && ci.getUint32(4, true) <= cstamp_delta(j1),
      `tstamp ${ci.getUint32(4, true)} not in [${cstamp_delta(j0)}, ${cstamp_delta(j1)}]`);
    assert.ok(ci.getUint32(8, true) >= 15000 && ci.getUint32(8, true) < 45000);
    assert.is(ci.getUint32(12, true), 1000);
  } finally { destroy_world(w); }
});

test.run();
