// SPDX-License-Identifier: GPL-2.0-only
/*
 * An ip_env that plays back one record of test/golden/rtnetlink/ip-requests.jsonl: every
 * recvmsg returns the next captured reply for that socket (sequence numbers patched back in,
 * since the capture zeroed them), every sendmsg is kept for comparison. Socket 0 is the first
 * socket ip opens, socket 1 any later one, as the capture numbers them.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ip_env } from '../../src/tools/ip/ctx';

export const GOLDEN = path.resolve(__dirname, '../golden/rtnetlink');

export interface ip_record {
  cmd: string; role: string; requests: string[]; replies: string[]; exit: number; stdout: string; stderr: string;
  messages: { dir: 'send' | 'recv'; sock: number; hex: string }[];
}
export function load_records(): ip_record[] {
  return fs.readFileSync(path.join(GOLDEN, 'ip-requests.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ip_record);
}
export function load_meta(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(GOLDEN, 'ip-requests.meta.json'), 'utf8')) as Record<string, unknown>;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

/* walk every message of a datagram */
function each_msg(b: Uint8Array, fn: (off: number, len: number, type: number) => void): void {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let off = 0;
  while (off + 16 <= b.length) {
    const len = dv.getUint32(off, true);
    if (len < 16 || off + len > b.length) break;
    fn(off, len, dv.getUint16(off + 4, true));
    off += (len + 3) & ~3;
  }
}
/* zero the u32 payload of attributes `types` in [off, end), recursing into nests on `path` */
function zero_attrs(dv: DataView, off: number, end: number, types: number[], nests: Record<number, { skip: number; next: Record<number, unknown> }>): void {
  while (off + 4 <= end) {
    const l = dv.getUint16(off, true);
    const t = dv.getUint16(off + 2, true) & 0x3fff;
    if (l < 4 || off + l > end) break;
    if (types.includes(t) && l >= 8) dv.setUint32(off + 4, 0, true);
    const n = nests[t];
    if (n) zero_attrs(dv, off + 4 + n.skip, off + l, types, n.next as Record<number, { skip: number; next: Record<number, unknown> }>);
    off += (l + 3) & ~3;
  }
}
/**
 * The capture's normalisation (test/live/rtnl/README.md) applied to a request datagram:
 * seq and pid zeroed; IFLA_NET_NS_FD/PID values zeroed at top level and inside
 * IFLA_LINKINFO/IFLA_INFO_DATA/VETH_INFO_PEER; NETNSA_FD zeroed in RTM_GETNSID.
 */
export function normalise_request(b: Uint8Array): string {
  const c = b.slice();
  const dv = new DataView(c.buffer);
  each_msg(c, (off, len, type) => {
    dv.setUint32(off + 8, 0, true);
    dv.setUint32(off + 12, 0, true);
    if (type === 16 || type === 17 || type === 19) {
      const peer = { 1: { skip: 16, next: {} } };
      const info = { 2: { skip: 0, next: peer } };
      zero_attrs(dv, off + 32, off + len, [28, 19], { 18: { skip: 0, next: info } });
    } else if (type === 90 || type === 88) zero_attrs(dv, off + 20, off + len, [3], {});
  });
  return hex(c);
}

export interface replay_env extends ip_env {
  sent: { sock: number; hex: string }[];
  /** replies the command never read */
  unread(): number;
}

/** the ip_env for one record; `netns` lists /run/netns in readdir order */
export function replay_env(rec: ip_record, files: Record<string, string> = {}, netns = ['NS2', 'NS1']): replay_env {
  const socks: { role: number; seq: number; closed: boolean }[] = [];
  const queues: Record<number, string[]> = { 0: [], 1: [] };
  for (const m of rec.messages) if (m.dir === 'recv') queues[m.sock]!.push(m.hex);
  const sent: { sock: number; hex: string }[] = [];
  let fd_next = 6;
  return {
    sent,
    unread: () => queues[0]!.length + queues[1]!.length,
    nl_create(_ns, protocol) {
      if (protocol !== 0) return -93;
      const s = { role: socks.length === 0 ? 0 : 1, seq: 0, closed: false };
      socks.push(s);
      return s;
    },
    nl_sendmsg(s, b) {
      const so = s as { role: number; seq: number };
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      so.seq = b.length >= 16 ? dv.getUint32(8, true) : 0;
      sent.push({ sock: so.role, hex: hex(b) });
      return b.length;
    },
    nl_recvmsg(s) {
      const so = s as { role: number; seq: number };
      const h = queues[so.role]!.shift();
      if (h === undefined) return null;
      const b = unhex(h);
      const dv = new DataView(b.buffer);
      each_msg(b, (off) => dv.setUint32(off + 8, so.seq, true));
      return b;
    },
    nl_setsockopt_ext_ack() {},
    nl_close(s) { (s as { closed: boolean }).closed = true; },
    netns_list: () => [...netns],
    netns_exists: (n) => netns.includes(n),
    netns_add: (n) => (netns.includes(n) ? -17 : (netns.unshift(n), 0)),
    netns_del: (n) => (netns.includes(n) ? (netns.splice(netns.indexOf(n), 1), 0) : -2),
    netns_fd: (n) => (netns.includes(n) ? fd_next++ : -2),
    read_file: (p) => files[p] ?? -2,
  };
}

/** "ip -s link show" → ["-s", "link", "show"] (the captured commands need no quoting) */
export function ip_argv(cmd: string): string[] {
  const a = cmd.trim().split(/\s+/);
  if (a[0] !== 'ip') throw new Error(`not an ip command: ${cmd}`);
  return a.slice(1);
}
