// SPDX-License-Identifier: GPL-2.0-only
/*
 * iproute2's lib/libnetlink.c, reduced to what `kveth ip` uses: a request buffer with
 * addattr_l and friends, parse_rtattr over reply bytes, rtnl_talk and rtnl_dump_filter with
 * iproute2's error reporting (extended acks, "RTNETLINK answers: ..."). It only ever sees
 * bytes: requests go out through the socket calls of ip_env and replies come back as
 * datagrams, so the same code runs against kveth's rtnetlink or against captured replies.
 */
import type { ip_ctx } from './ctx';
import { strerror } from './strerror';

/* Userspace compiles the same uapi headers as the kernel (linux/netlink.h, linux/rtnetlink.h) */
import {
  NETLINK_ROUTE, NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLM_F_ACK, NLM_F_ACK_TLVS,
  NLM_F_CAPPED, NLM_F_CREATE, NLM_F_DUMP, NLM_F_DUMP_INTR, NLM_F_EXCL, NLM_F_REPLACE, NLM_F_REQUEST,
} from '../../include/uapi/linux/netlink';
import { AF_INET6, AF_UNSPEC, RTM_DELLINK, RTM_GETLINK, RTM_GETNSID, RTM_NEWLINK, RTM_NEWNSID, SIZEOF_IFINFOMSG as IFINFOMSG_LEN } from '../../include/uapi/linux/rtnetlink';
export {
  AF_INET6, AF_UNSPEC, IFINFOMSG_LEN, NLMSG_ERROR, NLMSG_HDRLEN, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE,
  NLM_F_REQUEST, RTM_DELLINK, RTM_GETLINK, RTM_GETNSID, RTM_NEWLINK, RTM_NEWNSID,
};
/* linux/netlink.h's attribute flags (kveth keeps them with the kernel's nlattr code), rtnetlink.h's RTM_GETADDR, socket.h's AF_PACKET */
export const NLA_F_NESTED = 0x8000;
const NLA_TYPE_MASK = ~0xc000 & 0xffff;
const RTM_GETADDR = 22;
export const AF_PACKET = 17;

const NLMSG_ALIGN = (n: number): number => (n + 3) & ~3;
const RTA_ALIGN = NLMSG_ALIGN;
const RTA_LENGTH = (n: number): number => 4 + n;

/**
 * A request being built: the C code's `struct { nlmsghdr n; ifinfomsg i; char buf[N]; } req`.
 * `maxlen` is that struct's size; attributes that would not fit are refused as addattr_l does,
 * with its complaint going to `err` (ip's stderr).
 */
export class nlmsg {
  readonly buf: Uint8Array;
  readonly dv: DataView;
  constructor(readonly maxlen: number, readonly err?: (s: string) => void) {
    this.buf = new Uint8Array(maxlen);
    this.dv = new DataView(this.buf.buffer);
  }
  get len(): number { return this.dv.getUint32(0, true); }
  set len(v: number) { this.dv.setUint32(0, v >>> 0, true); }
  get type(): number { return this.dv.getUint16(4, true); }
  set type(v: number) { this.dv.setUint16(4, v, true); }
  get flags(): number { return this.dv.getUint16(6, true); }
  set flags(v: number) { this.dv.setUint16(6, v, true); }
  get seq(): number { return this.dv.getUint32(8, true); }
  set seq(v: number) { this.dv.setUint32(8, v >>> 0, true); }
  /** the message as it goes on the wire (nlmsg_len bytes) */
  bytes(): Uint8Array { return this.buf.slice(0, Math.min(this.len, this.maxlen)); }
}

/** an nlmsghdr + ifinfomsg request (struct iplink_req, 1024 bytes of attribute room) */
export function iplink_req(ctx: ip_ctx, type: number, flags: number, family: number): nlmsg {
  const n = new nlmsg(NLMSG_HDRLEN + IFINFOMSG_LEN + 1024, ctx.err);
  n.len = NLMSG_HDRLEN + IFINFOMSG_LEN;
  n.type = type;
  n.flags = flags;
  n.buf[16] = family;
  return n;
}
export const ifi = {
  index: (n: nlmsg, v?: number): number => { if (v !== undefined) n.dv.setInt32(20, v, true); return n.dv.getInt32(20, true); },
  flags: (n: nlmsg, v?: number): number => { if (v !== undefined) n.dv.setUint32(24, v >>> 0, true); return n.dv.getUint32(24, true); },
  change: (n: nlmsg, v?: number): number => { if (v !== undefined) n.dv.setUint32(28, v >>> 0, true); return n.dv.getUint32(28, true); },
};

/** lib/libnetlink.c addattr_l: the attribute is left out (and the request still goes) when it does not fit */
export function addattr_l(n: nlmsg, maxlen: number, type: number, data: Uint8Array): number {
  const len = RTA_LENGTH(data.length);
  if (NLMSG_ALIGN(n.len) + RTA_ALIGN(len) > maxlen) {
    n.err?.(`addattr_l ERROR: message exceeded bound of ${maxlen}\n`);
    return -1;
  }
  const off = NLMSG_ALIGN(n.len);
  n.dv.setUint16(off, len, true);
  n.dv.setUint16(off + 2, type, true);
  n.buf.set(data, off + 4);
  n.buf.fill(0, off + 4 + data.length, off + RTA_ALIGN(len));
  n.len = NLMSG_ALIGN(n.len) + RTA_ALIGN(len);
  return 0;
}
function u32le(v: number): Uint8Array { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v >>> 0, true); return b; }
export function addattr32(n: nlmsg, maxlen: number, type: number, v: number): number { return addattr_l(n, maxlen, type, u32le(v)); }
export function addattr8(n: nlmsg, maxlen: number, type: number, v: number): number { return addattr_l(n, maxlen, type, Uint8Array.of(v & 0xff)); }
/** a C string with its terminating NUL */
export function cstr(s: string): Uint8Array {
  const b = Buffer.from(s, 'utf8');
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  return out;
}
/** the string bytes without NUL (IFLA_INFO_KIND is sent that way) */
export function strbytes(s: string): Uint8Array { return new Uint8Array(Buffer.from(s, 'utf8')); }
/** addattr_nest: returns the offset of the nest header, closed by addattr_nest_end */
export function addattr_nest(n: nlmsg, maxlen: number, type: number): number {
  const off = NLMSG_ALIGN(n.len);
  addattr_l(n, maxlen, type, new Uint8Array(0));
  return off;
}
export function addattr_nest_end(n: nlmsg, nest: number): number {
  n.dv.setUint16(nest, n.len - nest, true);
  return n.len;
}

/** One rtattr inside a reply: where its payload sits in `buf`. */
export interface rtattr { type: number; buf: Uint8Array; off: number; len: number }
export type rtattr_tb = (rtattr | undefined)[];

/**
 * lib/libnetlink.c parse_rtattr_flags: index attributes by type (the first of duplicates wins,
 * as there), stop at the first malformed header. `flags` bits are masked off the type. What is
 * left unparsed is reported as the C code does ("!!!Deficit"), to `err` when given.
 */
export function parse_rtattr_flags(max: number, buf: Uint8Array, off: number, len: number, flags = 0, err?: (s: string) => void): rtattr_tb {
  const tb: rtattr_tb = new Array(max + 1);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let p = off;
  let rem = Math.min(len, buf.length - off);
  while (rem >= 4) {
    const rta_len = dv.getUint16(p, true);
    if (rta_len < 4 || rta_len > rem) break;
    const type = dv.getUint16(p + 2, true) & ~flags & 0xffff;
    if (type <= max && !tb[type]) tb[type] = { type, buf, off: p + 4, len: rta_len - 4 };
    rem -= RTA_ALIGN(rta_len);
    p += RTA_ALIGN(rta_len);
  }
  /* rta_len of where the walk stopped; C reads it even past the data, kveth only inside the buffer */
  if (rem && err) err(`!!!Deficit ${rem}, rta_len=${p + 2 <= buf.length ? dv.getUint16(p, true) : 0}\n`);
  return tb;
}
export function parse_rtattr_nested(max: number, rta: rtattr, err?: (s: string) => void): rtattr_tb {
  return parse_rtattr_flags(max, rta.buf, rta.off, rta.len, NLA_F_NESTED, err);
}
/** every attribute of a nest in order (duplicates kept), with its type as sent (flag bits included, as RTA_NEXT walks see it) */
export function rtattr_list(rta: rtattr): rtattr[] {
  const out: rtattr[] = [];
  const dv = new DataView(rta.buf.buffer, rta.buf.byteOffset, rta.buf.byteLength);
  let p = rta.off;
  let rem = rta.len;
  while (rem >= 4) {
    const l = dv.getUint16(p, true);
    if (l < 4 || l > rem) break;
    out.push({ type: dv.getUint16(p + 2, true), buf: rta.buf, off: p + 4, len: l - 4 });
    rem -= RTA_ALIGN(l);
    p += RTA_ALIGN(l);
  }
  return out;
}
/** lib/libnetlink.c parse_rtattr_one (as parse_rtattr_one_nested): the first attribute whose rta_type is `type` inside `rta` */
export function parse_rtattr_one_nested(type: number, rta: rtattr, err?: (s: string) => void): rtattr | undefined {
  const dv = new DataView(rta.buf.buffer, rta.buf.byteOffset, rta.buf.byteLength);
  let p = rta.off;
  let rem = rta.len;
  while (rem >= 4) {
    const l = dv.getUint16(p, true);
    if (l < 4 || l > rem) break;
    if (dv.getUint16(p + 2, true) === type) return { type, buf: rta.buf, off: p + 4, len: l - 4 };
    rem -= RTA_ALIGN(l);
    p += RTA_ALIGN(l);
  }
  if (rem && err) err(`!!!Deficit ${rem}, rta_len=${p + 2 <= rta.buf.length ? dv.getUint16(p, true) : 0}\n`);
  return undefined;
}
function rdv(a: rtattr): DataView { return new DataView(a.buf.buffer, a.buf.byteOffset + a.off, Math.max(0, a.len)); }
/* the getters read what is there; a short payload reads as zero bytes, like the padded C structs */
function padded(a: rtattr, n: number): DataView {
  const b = new Uint8Array(n);
  b.set(a.buf.subarray(a.off, a.off + Math.min(n, a.len)));
  return new DataView(b.buffer);
}
export const rta_getattr_u8 = (a: rtattr): number => padded(a, 1).getUint8(0);
export const rta_getattr_u32 = (a: rtattr): number => padded(a, 4).getUint32(0, true);
export const rta_getattr_u64 = (a: rtattr, at = 0): bigint => (at + 8 <= a.len ? rdv(a).getBigUint64(at, true) : 0n);
/** rta_getattr_str: up to the first NUL (kernel strings are NUL-terminated) */
export function rta_getattr_str(a: rtattr): string {
  const s = a.buf.subarray(a.off, a.off + a.len);
  const z = s.indexOf(0);
  return Buffer.from(z < 0 ? s : s.subarray(0, z)).toString('latin1');
}
export const rta_data = (a: rtattr): Uint8Array => a.buf.subarray(a.off, a.off + a.len);

/** a received message: header fields plus where its bytes are */
export interface nlmsghdr { len: number; type: number; flags: number; seq: number; pid: number; buf: Uint8Array; off: number }
export function nlmsg_at(buf: Uint8Array, off: number): nlmsghdr {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return {
    len: dv.getUint32(off, true), type: dv.getUint16(off + 4, true), flags: dv.getUint16(off + 6, true),
    seq: dv.getUint32(off + 8, true), pid: dv.getUint32(off + 12, true), buf, off,
  };
}
/** the messages of one datagram, as NLMSG_OK/NLMSG_NEXT walk them; `rest` is what is left over */
export function nlmsg_split(buf: Uint8Array): { msgs: nlmsghdr[]; rest: number } {
  const msgs: nlmsghdr[] = [];
  let off = 0;
  let rem = buf.length;
  while (rem >= NLMSG_HDRLEN) {
    const h = nlmsg_at(buf, off);
    if (h.len < NLMSG_HDRLEN || h.len > rem) break;
    msgs.push(h);
    const step = NLMSG_ALIGN(h.len);
    off += step;
    rem -= step;
  }
  return { msgs, rest: Math.max(rem, 0) };
}

/** the ip side of a netlink socket: the handle plus iproute2's bookkeeping (struct rtnl_handle) */
export interface rtnl_handle { sock: unknown; seq: number; dump: number; proto: number }

/** lib/libnetlink.c rtnl_open */
export function rtnl_open(ctx: ip_ctx, protocol = NETLINK_ROUTE): rtnl_handle | null {
  const sock = ctx.env.nl_create(ctx.netns, protocol);
  if (typeof sock === 'number') {
    ctx.err(`Cannot open netlink socket: ${strerror(-sock)}\n`);
    return null;
  }
  ctx.env.nl_setsockopt_ext_ack(sock, true);
  /* ip seeds the sequence with time(NULL); the simulation starts from a fixed value */
  return { sock, seq: ctx.seq_base, dump: 0, proto: protocol };
}
export function rtnl_close(ctx: ip_ctx, rth: rtnl_handle): void { ctx.env.nl_close(rth.sock); }

/** rtnl_send: one datagram as it is */
export function rtnl_send(ctx: ip_ctx, rth: rtnl_handle, bytes: Uint8Array): number {
  return ctx.env.nl_sendmsg(rth.sock, bytes);
}

/** lib/libnetlink.c __rtnl_recvmsg: a receive error is reported here and returned as -errno */
function recv(ctx: ip_ctx, rth: rtnl_handle): Uint8Array | number | null {
  const r = ctx.env.nl_recvmsg(rth.sock);
  if (typeof r === 'number') ctx.err(`netlink receive error ${strerror(-r)} (${-r})\n`);
  return r;
}

/**
 * lib/libnetlink.c nl_dump_ext_ack: print the extended-ack message of an NLMSG_ERROR (or the
 * attributes after a DONE's status, `hlen` set by the caller). Returns 1 when an error text was
 * printed, so the caller drops its own "RTNETLINK answers" line.
 */
function nl_dump_ext_ack(ctx: ip_ctx, h: nlmsghdr, done_hlen?: number): number {
  if (!(h.flags & NLM_F_ACK_TLVS)) return 0;
  const dv = new DataView(h.buf.buffer, h.buf.byteOffset, h.buf.byteLength);
  const pl = h.off + NLMSG_HDRLEN;
  const error = dv.getInt32(pl, true);
  let hlen: number;
  if (done_hlen !== undefined) hlen = done_hlen;
  else {
    hlen = 4 + NLMSG_HDRLEN; /* struct nlmsgerr */
    if (!(h.flags & NLM_F_CAPPED)) {
      const inner = h.len >= NLMSG_HDRLEN + 4 + 4 ? dv.getUint32(pl + 4, true) : 0;
      hlen += Math.max(0, inner - NLMSG_HDRLEN);
    }
  }
  const start = pl + NLMSG_ALIGN(hlen);
  const end = h.off + h.len;
  if (start > end) return 0;
  /* mnl_attr_parse gives up on the whole set when one attribute is malformed */
  let p = start;
  let msg: string | undefined;
  let off: number | undefined;
  while (end - p >= 4) {
    const l = dv.getUint16(p, true);
    const t = dv.getUint16(p + 2, true) & NLA_TYPE_MASK;
    if (l < 4 || l > end - p) return 0;
    if (t === NLMSGERR_ATTR_MSG) {
      const s = h.buf.subarray(p + 4, p + l);
      if (s.indexOf(0) < 0) return 0; /* MNL_TYPE_NUL_STRING */
      msg = Buffer.from(s.subarray(0, s.indexOf(0))).toString('latin1');
    } else if (t === NLMSGERR_ATTR_OFFS) {
      if (l - 4 < 4) return 0;
      off = dv.getUint32(p + 4, true);
    }
    p += RTA_ALIGN(l);
  }
  if (off !== undefined && off > h.len) ctx.err('Invalid offset for NLMSGERR_ATTR_OFFS\n');
  if (msg !== undefined && msg !== '') {
    const is_err = error !== 0;
    ctx.err(`${is_err ? 'Error' : 'Warning'}: ${msg}${msg.endsWith('.') ? '' : '.'}\n`);
    return is_err ? 1 : 0;
  }
  return 0;
}

/** rtnl_talk_error */
function rtnl_talk_error(ctx: ip_ctx, h: nlmsghdr, error: number): void {
  if (nl_dump_ext_ack(ctx, h)) return;
  ctx.err(`RTNETLINK answers: ${strerror(-error)}\n`);
}

export interface talk_result { ret: number; answer?: Uint8Array; errno?: number }

/**
 * lib/libnetlink.c __rtnl_talk: send one request, wait for its reply. Without `want_answer`
 * NLM_F_ACK is added and the ack is the answer. Errors are printed unless suppressed.
 */
export function rtnl_talk(ctx: ip_ctx, rth: rtnl_handle, req: nlmsg, want_answer: boolean, show_rtnl_err = true): talk_result {
  const seq = ++rth.seq;
  req.seq = seq;
  if (!want_answer) req.flags = req.flags | NLM_F_ACK;
  const st = ctx.env.nl_sendmsg(rth.sock, req.bytes());
  if (st < 0) {
    ctx.err(`Cannot talk to rtnetlink: ${strerror(-st)}\n`);
    return { ret: -1, errno: -st };
  }
  for (;;) {
    const buf = recv(ctx, rth);
    if (typeof buf === 'number') return { ret: -1, errno: -buf };
    if (buf === null) {
      /* nothing will ever come: a blocking recvmsg would hang here */
      ctx.err('netlink receive error No data available (61)\n');
      return { ret: -1, errno: 61 };
    }
    let off = 0;
    let status = buf.length;
    while (status >= NLMSG_HDRLEN) {
      const h = nlmsg_at(buf, off);
      const len = h.len;
      const l = len - NLMSG_HDRLEN;
      if (l < 0 || len > status) {
        ctx.err(`!!!malformed message: len=${len}\n`);
        ctx.exit(1);
      }
      if (h.seq > seq || h.seq < seq - 1) {
        status -= NLMSG_ALIGN(len);
        off += NLMSG_ALIGN(len);
        continue;
      }
      if (h.type === NLMSG_ERROR) {
        if (l < 4 + NLMSG_HDRLEN) {
          ctx.err('ERROR truncated\n');
          return { ret: -1 };
        }
        const error = new DataView(buf.buffer, buf.byteOffset).getInt32(off + NLMSG_HDRLEN, true);
        if (error) {
          if (show_rtnl_err) rtnl_talk_error(ctx, h, error);
          return { ret: -1, errno: -error };
        }
        nl_dump_ext_ack(ctx, h); /* a warning on success */
        return { ret: 0, answer: want_answer ? buf.slice(off, off + len) : undefined };
      }
      if (want_answer) return { ret: 0, answer: buf.slice(off, off + len) };
      ctx.err('Unexpected reply!!!\n');
      status -= NLMSG_ALIGN(len);
      off += NLMSG_ALIGN(len);
    }
    if (status) {
      ctx.err(`!!!Remnant of size ${status}\n`);
      ctx.exit(1);
    }
  }
}

/**
 * lib/libnetlink.c rtnl_dump_filter_l: read datagrams until NLMSG_DONE, give every message of
 * this dump to `filter`. Returns < 0 on a dump error (already reported).
 */
export function rtnl_dump_filter(ctx: ip_ctx, rth: rtnl_handle, filter: (h: nlmsghdr) => number): number {
  let dump_intr = false;
  for (;;) {
    const buf = recv(ctx, rth);
    if (typeof buf === 'number') return -1;
    if (buf === null) {
      ctx.err('netlink receive error No data available (61)\n');
      return -1;
    }
    const { msgs, rest } = nlmsg_split(buf);
    let found_done = false;
    for (const h of msgs) {
      if (h.seq !== rth.dump) continue;
      if (h.flags & NLM_F_DUMP_INTR) dump_intr = true;
      if (h.type === NLMSG_DONE) {
        if (rtnl_dump_done(ctx, h) < 0) return -1;
        found_done = true;
        break;
      }
      if (h.type === NLMSG_ERROR) {
        if (h.len < NLMSG_HDRLEN + 4 + NLMSG_HDRLEN) ctx.err('ERROR truncated\n');
        else {
          const e = new DataView(h.buf.buffer, h.buf.byteOffset).getInt32(h.off + NLMSG_HDRLEN, true);
          if (!(h.flags & NLM_F_ACK_TLVS)) ctx.err(`RTNETLINK answers: ${strerror(-e)}\n`);
          else nl_dump_ext_ack(ctx, h);
        }
        return -1;
      }
      const err = filter(h);
      if (err < 0) return err;
    }
    if (found_done) {
      if (dump_intr) ctx.err('Dump was interrupted and may be inconsistent.\n');
      return 0;
    }
    if (rest) {
      ctx.err(`!!!Remnant of size ${rest}\n`);
      ctx.exit(1);
    }
  }
}

function rtnl_dump_done(ctx: ip_ctx, h: nlmsghdr): number {
  if (h.len < NLMSG_HDRLEN + 4) {
    ctx.err('DONE truncated\n');
    return -1;
  }
  const len = new DataView(h.buf.buffer, h.buf.byteOffset).getInt32(h.off + NLMSG_HDRLEN, true);
  if (len < 0) {
    if (nl_dump_ext_ack(ctx, h, 4)) return len;
    const e = -len;
    if (e === 2 /* ENOENT */ || e === 95 /* EOPNOTSUPP */) return -1;
    if (e === 90 /* EMSGSIZE */) ctx.err('Error: Buffer too small for object.\n');
    else ctx.err(`RTNETLINK answers: ${strerror(e)}\n`);
    return len;
  }
  nl_dump_ext_ack(ctx, h, 4);
  return 0;
}

/**
 * lib/libnetlink.c rtnl_linkdump_req_filter_fn. AF_UNSPEC and AF_PACKET (every family kveth ip
 * dumps with) get the 1024-byte request that `filter_fn` fills; any other family gets the bare
 * nlmsghdr + ifinfomsg of __rtnl_linkdump_req, without the filter.
 */
export function rtnl_linkdump_req_filter_fn(ctx: ip_ctx, rth: rtnl_handle, family: number, filter_fn: (n: nlmsg, maxlen: number) => number): number {
  const n = iplink_req(ctx, RTM_GETLINK, NLM_F_DUMP | NLM_F_REQUEST, family);
  n.seq = rth.dump = ++rth.seq;
  if (family === AF_UNSPEC || family === AF_PACKET) {
    const err = filter_fn(n, n.maxlen);
    if (err) return err;
  }
  return rtnl_send(ctx, rth, n.bytes());
}

/** lib/libnetlink.c rtnl_addrdump_req: the whole 152-byte struct goes out, as ip sends it */
export function rtnl_addrdump_req(ctx: ip_ctx, rth: rtnl_handle, family: number): number {
  rth.dump = ++rth.seq;
  const n = new nlmsg(NLMSG_HDRLEN + 8 + 128);
  n.len = NLMSG_HDRLEN + 8;
  n.type = RTM_GETADDR;
  n.flags = NLM_F_DUMP | NLM_F_REQUEST;
  n.seq = rth.dump;
  n.buf[16] = family;
  return rtnl_send(ctx, rth, n.buf);
}
