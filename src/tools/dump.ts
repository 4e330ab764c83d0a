// SPDX-License-Identifier: GPL-2.0-only
/*
 * Struct views for humans, in the spirit of pahole and drgn: every field of a struct at an address
 * with its offset, size, type and current value, and a hexdump of the bytes. Values are decoded
 * in place with the struct's buffer-layout declaration (src/sim/layout.ts).
 */
import * as util from 'util';
import { kaddr_t, bytes, rdraw64, fmt_kaddr, hex8, PAGE_OFFSET_HI } from '../sim/mem';
import { struct_, struct_layout } from '../sim/layout';
import { ksym_name_at } from '../sim/kallsyms';
import { find_alloc } from '../mm/slub';
import { net_device } from '../include/linux/netdevice';
import { sk_buff } from '../include/linux/skbuff';
import { veth_priv } from '../drivers/net/veth';

function fmt_value(S: struct_layout, addr: kaddr_t, name: string): string {
  const d = S.fields[name]!;
  if (d.size === 0) return '';
  if (d.bit_size !== undefined) {
    const v = Number(BigInt.asUintN(64, readunit(addr + d.offset, d.size)) >> BigInt(d.bit_offset!) & ((1n << BigInt(d.bit_size)) - 1n));
    return `${v}`;
  }
  if (d.type.includes('*') || d.type.includes('(') || d.type === 'possible_net_t') {
    if (d.size !== 8) return '?';
    const [hi, lo] = rdraw64(addr + d.offset);
    if (hi === 0 && lo === 0) return 'NULL';
    const sym = ksym_name_at(hi, lo);
    if (sym) return `0x${hex8(hi)}${hex8(lo)} <${sym}>`;
    return hi === PAGE_OFFSET_HI ? fmt_kaddr(lo) : `0x${hex8(hi)}${hex8(lo)}`;
  }
  if (d.type.startsWith('char[')) {
    const b = bytes(addr + d.offset, d.size);
    const n = b.indexOf(0);
    return JSON.stringify(Buffer.from(b.subarray(0, n < 0 ? d.size : n)).toString('latin1'));
  }
  if (d.size <= 8 && !d.type.includes('[') && !d.type.startsWith('struct') && !d.type.startsWith('union')) {
    const v = S.get(addr, name);
    if (typeof v === 'number' && (d.type === '__be16' || d.type === '__be32')) {
      const host = d.size === 2 ? ((v & 0xff) << 8) | (v >> 8) : (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
      return `htons(0x${host.toString(16).padStart(d.size * 2, '0')})`;
    }
    return typeof v === 'number' ? `${v} (0x${v.toString(16)})` : String(v);
  }
  const b = bytes(addr + d.offset, Math.min(d.size, 32));
  return `{ ${Buffer.from(b).toString('hex').replace(/(..)/g, '$1 ').trim()}${d.size > 32 ? ' ...' : ''} }`;
}
function readunit(a: kaddr_t, size: number): bigint {
  const b = bytes(a, size);
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return v;
}

/** pahole-style listing of `struct name` at `addr`, with values. */
export function dump_struct(name: string, addr: kaddr_t, only?: readonly string[]): string[] {
  const S = struct_(name);
  const out = [`struct ${name} @ ${fmt_kaddr(addr)} {  /* size: ${S.size} */`];
  for (const [f, d] of Object.entries(S.fields)) {
    if (only && !only.includes(f)) continue;
    const where = d.bit_size !== undefined ? `${d.offset}:${d.bit_offset} ${d.bit_size}b` : `${d.offset} ${d.size}`;
    out.push(`\t${`${d.type} ${f}${d.bit_size !== undefined ? `:${d.bit_size}` : ''};`.padEnd(48)} /* ${where.padStart(9)} */ = ${fmt_value(S, addr, f)}`);
  }
  out.push('};');
  return out;
}
/** hexdump -C of simulated memory */
export function hexdump(addr: kaddr_t, len: number): string[] {
  const b = bytes(addr, len);
  const out: string[] = [];
  for (let i = 0; i < len; i += 16) {
    const row = b.subarray(i, Math.min(i + 16, len));
    const hex = Array.from(row, (x) => x.toString(16).padStart(2, '0')).join(' ');
    const asc = Array.from(row, (x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
    out.push(`${fmt_kaddr(addr + i)}  ${hex.padEnd(48)} |${asc}|`);
  }
  return out;
}
/** Where an address points: its slab cache, object start and offset inside it. */
export function whatis(addr: kaddr_t): string {
  const a = find_alloc(addr);
  if (!a) return `${fmt_kaddr(addr)}: not in any allocation`;
  return `${fmt_kaddr(addr)}: ${a.live ? '' : 'FREED '}object ${fmt_kaddr(a.base)}+${addr - a.base} in ${a.cache} (size ${a.size})`;
}

/* util.inspect shows the fields of a view, like printing a drgn Object. */
function fields_of(name: string, addr: kaddr_t, keys?: readonly string[]): Record<string, string> {
  const S = struct_(name);
  const r: Record<string, string> = {};
  for (const f of keys ?? Object.keys(S.fields)) if (S.fields[f] && S.fields[f]!.size) r[f] = fmt_value(S, addr, f);
  return r;
}
const ND_KEYS = ['name', 'ifindex', 'flags', 'mtu', 'state', 'reg_state', 'operstate', 'netdev_ops', 'dev_addr', 'nd_net', 'tstats', 'core_stats', 'real_num_tx_queues', 'real_num_rx_queues'];
const SKB_KEYS = ['dev', 'len', 'data_len', 'mac_len', 'queue_mapping', 'pkt_type', 'ip_summed', 'protocol', 'mac_header', 'network_header', 'transport_header', 'tail', 'end', 'head', 'data', 'truesize', 'users'];
function def_inspect(cls: { prototype: object }, name: string, keys?: readonly string[]): void {
  Object.defineProperty(cls.prototype, util.inspect.custom, {
    value(this: { addr: kaddr_t }) { return { [`struct ${name} @ ${fmt_kaddr(this.addr)}`]: fields_of(name, this.addr, keys) }; },
  });
}
def_inspect(net_device, 'net_device', ND_KEYS);
def_inspect(sk_buff, 'sk_buff', SKB_KEYS);
def_inspect(veth_priv, 'veth_priv');

const VIEWS = ['all', 'net_device', 'veth_priv', 'sk_buff', 'hexdump'] as const;

/**
 * `kveth dump [VIEW [FIELD...]]`: builds the replay topology and shows A0, its veth_priv and
 * where netdev_priv points. FIELDs pick the fields of a one-struct view (net_device, veth_priv,
 * sk_buff). Throws an Error naming the view or field it does not know.
 */
export function dump_cli(args: string[], write: (l: string) => void): void {
  const what = args[0] ?? 'all';
  if (!(VIEWS as readonly string[]).includes(what)) throw new Error(`unknown view "${what}" (one of ${VIEWS.join(', ')})`);
  const picked = args.length > 1 ? args.slice(1) : undefined;
  if (picked) {
    if (what === 'all' || what === 'hexdump') throw new Error(`"${what}" takes no field names`);
    const S = struct_(what);
    const bad = picked.filter((f) => !S.fields[f]);
    if (bad.length) throw new Error(`struct ${what} has no field ${bad.map((f) => `"${f}"`).join(', ')}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { build_topology } = require('./replay') as typeof import('./replay');
  const env = build_topology({ trace: false, rx_down: false });
  const nd = struct_('net_device');
  if (what === 'net_device' || what === 'all') for (const l of dump_struct('net_device', env.a0.addr, picked ?? ND_KEYS.concat(['priv', 'priv_len']))) write(l);
  if (what === 'veth_priv' || what === 'all') {
    const p = env.a0.addr + nd.off('priv');
    write(`netdev_priv(A0) = ${fmt_kaddr(p)} = A0 + ${nd.off('priv')} (sizeof(struct net_device))`);
    for (const l of dump_struct('veth_priv', p, picked)) write(l);
    write(whatis(p));
  }
  if (what === 'hexdump' || what === 'all') for (const l of hexdump(env.a0.addr + nd.off('priv'), struct_('veth_priv').size)) write(l);
  if (what === 'sk_buff' || what === 'all') {
    // One frame from A0; the tap on B0 keeps the skb queued until it is read, so it can be shown.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { packet_snd, packet_rcvq_peek } = require('../net/packet/af_packet') as typeof import('../net/packet/af_packet');
    packet_snd(env.tx, Uint8Array.from(Buffer.from('02000000000b02000000000a88b5' + '00'.repeat(46), 'hex')));
    const skb = packet_rcvq_peek(env.tap)!;
    write('# the skb B0\'s tap holds after a 60-byte frame from A0 (data points at the Ethernet header again)');
    for (const l of dump_struct('sk_buff', skb.addr, picked ?? SKB_KEYS)) write(l);
    for (const l of hexdump(skb.data, skb.len)) write(l);
  }
}
