// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test support for rtnetlink on bytes: a netlink message builder and parser (what iproute2's
 * libnetlink does in userspace), a tiny interpreter for the `ip` commands the corpus uses as
 * setup, and helpers that send a request through a simulated NETLINK_ROUTE socket.
 */
import { net } from '../../src/include/net/net_namespace';
import {
  netlink_create, netlink_sendmsg, netlink_recvmsg, netlink_close, netlink_setsockopt, netlink_sock,
} from '../../src/net/netlink/af_netlink';
import { netns_add, netns_del, netns_fd_open, fd_close } from '../../src/net/core/net_namespace';
import {
  NETLINK_ROUTE, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK, NLA_F_NESTED, NLA_TYPE_MASK, NLMSG_ERROR, NLMSG_DONE, NLM_F_CAPPED,
  NLM_F_ACK_TLVS, NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS,
} from '../../src/include/uapi/linux/netlink';

export function hex(s: string): Uint8Array { return Uint8Array.from(Buffer.from(s, 'hex')); }
/** a string attribute's payload up to its NUL (or its end) */
export function cstr(d: Uint8Array): string {
  const n = d.indexOf(0);
  return Buffer.from(d.subarray(0, n < 0 ? d.length : n)).toString('latin1');
}

/* ---------------------------------------------------------------- building */
export class msg {
  private parts: number[] = [];
  private stack: number[] = [];
  constructor(type: number, flags: number, hdr: Uint8Array) {
    this.u32(0); this.u16(type); this.u16(flags); this.u32(0); this.u32(0);
    this.bytes(hdr); this.align();
  }
  private u8(v: number): void { this.parts.push(v & 0xff); }
  u16(v: number): void { this.u8(v); this.u8(v >>> 8); }
  u32(v: number): void { this.u16(v & 0xffff); this.u16(v >>> 16); }
  bytes(b: Uint8Array): void { for (const x of b) this.parts.push(x); }
  align(): void { while (this.parts.length % 4) this.parts.push(0); }
  attr(type: number, payload: Uint8Array): this {
    const len = 4 + payload.length;
    this.u16(len); this.u16(type); this.bytes(payload); this.align();
    return this;
  }
  attr_u32(type: number, v: number): this { const b = Buffer.alloc(4); b.writeUInt32LE(v >>> 0); return this.attr(type, b); }
  attr_str(type: number, s: string): this { return this.attr(type, Buffer.from(`${s}\0`, 'latin1')); }
  nest(type: number): this { this.stack.push(this.parts.length); this.u16(0); this.u16(type); return this; }
  end(): this {
    const at = this.stack.pop()!;
    const len = this.parts.length - at;
    this.parts[at] = len & 0xff; this.parts[at + 1] = len >>> 8;
    return this;
  }
  raw(b: Uint8Array): this { this.bytes(b); return this; }
  done(): Uint8Array {
    const b = Uint8Array.from(this.parts);
    new DataView(b.buffer).setUint32(0, b.length, true);
    return b;
  }
}
export function ifinfomsg(index = 0, flags = 0, change = 0): Uint8Array {
  const b = Buffer.alloc(16);
  b.writeInt32LE(index, 4); b.writeUInt32LE(flags >>> 0, 8); b.writeUInt32LE(change >>> 0, 12);
  return b;
}
export function mac(s: string): Uint8Array { return Uint8Array.from(s.split(':').map((x) => parseInt(x, 16))); }

/* ---------------------------------------------------------------- parsing */
export interface nlmsg { type: number; flags: number; seq: number; pid: number; len: number; body: Uint8Array; raw: Uint8Array }
export interface attr { type: number; nested: boolean; data: Uint8Array }
export function parse_msgs(d: Uint8Array): nlmsg[] {
  const out: nlmsg[] = [];
  const v = new DataView(d.buffer, d.byteOffset, d.length);
  let o = 0;
  while (o + 16 <= d.length) {
    const len = v.getUint32(o, true);
    if (len < 16 || o + len > d.length) throw new Error(`malformed reply: nlmsg_len ${len} at ${o} of ${d.length}`);
    out.push({ type: v.getUint16(o + 4, true), flags: v.getUint16(o + 6, true), seq: v.getUint32(o + 8, true),
      pid: v.getUint32(o + 12, true), len, body: d.subarray(o + 16, o + len), raw: d.subarray(o, o + len) });
    o += (len + 3) & ~3;
  }
  if (o < d.length && d.length - o >= 16) throw new Error('malformed reply: trailing bytes');
  return out;
}
export function parse_attrs(d: Uint8Array, strict = true): attr[] {
  const out: attr[] = [];
  const v = new DataView(d.buffer, d.byteOffset, d.length);
  let o = 0;
  while (o + 4 <= d.length) {
    const len = v.getUint16(o, true), t = v.getUint16(o + 2, true);
    if (len < 4 || o + len > d.length) { if (strict) throw new Error(`malformed attribute at ${o}: len ${len}`); break; }
    out.push({ type: t & NLA_TYPE_MASK, nested: (t & NLA_F_NESTED) !== 0, data: d.subarray(o + 4, o + len) });
    o += (len + 3) & ~3;
  }
  if (strict && o < d.length) throw new Error('malformed attributes: trailing bytes');
  return out;
}
export interface status { errno: number; extack: string | null; extack_offs: number | null; ack: boolean; in_done: boolean }
/** NLMSG_ERROR / NLMSG_DONE → status, as the corpus describes it */
export function status_of(m: nlmsg): status | null {
  if (m.type !== NLMSG_ERROR && m.type !== NLMSG_DONE) return null;
  const v = new DataView(m.body.buffer, m.body.byteOffset, m.body.length);
  const err = -v.getInt32(0, true);
  let tlv: Uint8Array;
  if (m.type === NLMSG_ERROR) {
    const capped = (m.flags & NLM_F_CAPPED) !== 0;
    const inner_len = new DataView(m.body.buffer, m.body.byteOffset + 4, 16).getUint32(0, true);
    tlv = m.body.subarray(4 + (capped ? 16 : (inner_len + 3) & ~3));
  } else tlv = m.body.subarray(4);
  let extack: string | null = null, offs: number | null = null;
  if (m.flags & NLM_F_ACK_TLVS) {
    for (const a of parse_attrs(tlv)) {
      if (a.type === NLMSGERR_ATTR_MSG) extack = cstr(a.data);
      if (a.type === NLMSGERR_ATTR_OFFS) offs = new DataView(a.data.buffer, a.data.byteOffset, 4).getUint32(0, true);
    }
  }
  return { errno: err, extack, extack_offs: offs, ack: m.type === NLMSG_ERROR && err === 0, in_done: m.type === NLMSG_DONE };
}

/* ---------------------------------------------------------------- sockets */
export function rtnl_socket(n: net, opts: { strict?: boolean; ext_ack?: boolean } = {}): netlink_sock {
  const sk = netlink_create(n, NETLINK_ROUTE);
  if (typeof sk === 'number') throw new Error(`netlink_create: ${sk}`);
  if (opts.ext_ack !== false) netlink_setsockopt(sk, NETLINK_EXT_ACK, 1);
  if (opts.strict) netlink_setsockopt(sk, NETLINK_GET_STRICT_CHK, 1);
  return sk;
}
/** send one datagram, collect every reply datagram (a receive error is a test failure) */
export function talk(sk: netlink_sock, req: Uint8Array): Uint8Array[] {
  netlink_sendmsg(sk, req);
  const out: Uint8Array[] = [];
  for (let d = netlink_recvmsg(sk); d !== null; d = netlink_recvmsg(sk)) {
    if (typeof d === 'number') throw new Error(`netlink receive error ${d}`);
    out.push(d);
  }
  return out;
}
/* ---------------------------------------------------------------- `ip` setup commands */
export interface world { ns1: net; ns2: net; names: [string, string] }
let world_seq = 0;
export function make_world(): world {
  const a = `kv-nl-${++world_seq}-1`, b = `kv-nl-${world_seq}-2`;
  const [ns1] = netns_add(a), [ns2] = netns_add(b);
  return { ns1: ns1!, ns2: ns2!, names: [a, b] };
}
export function destroy_world(w: world): void { netns_del(w.names[0]); netns_del(w.names[1]); }

/** `ip [-n NS2] link add ... | link set ... | netns set NS2 ID` as the corpus setup spells them; throws on failure */
export function ip(w: world, cmd: string): void {
  let words = cmd.split(/\s+/).slice(1);
  let n = w.ns1;
  if (words[0] === '-n') { n = words[1] === 'NS2' ? w.ns2 : w.ns1; words = words.slice(2); }
  const sk = rtnl_socket(n);
  const fds: number[] = [];
  try {
    let req: Uint8Array;
    if (words[0] === 'netns' && words[1] === 'set') {
      const fd = netns_fd_open(w.ns2); fds.push(fd);
      req = new msg(88, 5, Uint8Array.of(0, 0, 0, 0)).attr_u32(3, fd).attr_u32(1, Number(words[3])).done();
    } else if (words[0] === 'link' && words[1] === 'add') {
      const m = new msg(16, 0x605, ifinfomsg());
      const i = words.indexOf('type');
      if (i < 0) throw new Error(`setup command not understood: ${cmd}`);
      const put = (kv: string[][], mm: msg): void => {
        for (const [k, v] of kv) {
          if (k === 'address') mm.attr(1, mac(v!));
          else if (k === 'mtu') mm.attr_u32(4, Number(v));
          else if (k === 'netns') { const fd = netns_fd_open(w.ns2); fds.push(fd); mm.attr_u32(28, fd); }
          else if (k === 'name') mm.attr_str(3, v!);
          else throw new Error(`setup word not understood: ${k}`);
        }
      };
      // `ip link add NAME [address A] [mtu M] [netns NS2] type KIND [peer name P [address A] [netns NS2]]`
      m.attr_str(3, words[2]!);
      const rest: string[][] = [];
      for (let j = 3; j < i; j += 2) rest.push([words[j]!, words[j + 1]!]);
      put(rest, m);
      m.nest(18).attr_str(1, words[i + 1]!);
      const peer: string[][] = [];
      for (let j = i + 3; j < words.length; j += 2) peer.push([words[j]!, words[j + 1]!]);
      if (words[i + 2] === 'peer') {
        m.nest(2).nest(1).raw(ifinfomsg());
        put(peer, m);
        m.end().end();
      }
      m.end();
      req = m.done();
    } else if (words[0] === 'link' && words[1] === 'set') {
      const m = new msg(16, 5, ifinfomsg(0, words[3] === 'up' ? 1 : 0, words[3] === 'up' || words[3] === 'down' ? 1 : 0));
      m.attr_str(3, words[2]!);
      if (words[3] === 'group') m.attr_u32(27, Number(words[4]));
      req = m.done();
    } else throw new Error(`setup command not understood: ${cmd}`);
    for (const d of talk(sk, req)) for (const mm of parse_msgs(d)) {
      const st = status_of(mm);
      if (st && st.errno) throw new Error(`setup "${cmd}" failed: errno ${st.errno} ${st.extack ?? ''}`);
    }
  } finally {
    for (const fd of fds) fd_close(fd);
    netlink_close(sk);
  }
}
