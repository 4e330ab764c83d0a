// SPDX-License-Identifier: GPL-2.0-only
/*
 * iproute2's ip/ipaddress.c for links: print_linkinfo (the two-line `ip link` entry, with -s
 * counters and -d details) and the listing that dumps links and prints them. The printer
 * reads RTM_NEWLINK bytes only, so it prints captured replies and kveth's replies alike.
 */
import type { ip_ctx } from './ctx';
import {
  AF_INET6, AF_PACKET, IFINFOMSG_LEN, NLMSG_HDRLEN, NLM_F_REQUEST, RTM_DELLINK, RTM_GETLINK, RTM_NEWLINK,
  NLA_F_NESTED, addattr32, addattr_l, addattr_nest, addattr_nest_end, cstr, iplink_req, nlmsg, nlmsg_at, parse_rtattr_flags,
  parse_rtattr_nested, parse_rtattr_one_nested, rtattr_list, rta_data, rta_getattr_str, rta_getattr_u32, rta_getattr_u64, rta_getattr_u8,
  rtnl_addrdump_req, rtnl_dump_filter, rtnl_linkdump_req_filter_fn, rtnl_talk, strbytes, type nlmsghdr, type rtattr,
  type rtattr_tb,
} from './libnetlink';
import { ll_idx_n2a, ll_index_to_flags, ll_index_to_name, ll_name_to_index, ll_remember_index } from './ll_map';
import { get_name_from_nsid } from './ipnetns';
import { check_ifname, duparg2, invarg, ll_addr_n2a, matches, rtnl_group_a2n } from './utils';
import { strerror } from './strerror';
import * as U from './uapi';

const oper_states = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'];
const link_modes = ['DEFAULT', 'DORMANT', 'TESTING'];

/** print_link_flags: <FLAG,FLAG,...> with NO-CARRIER and M-DOWN */
function print_link_flags(flags: number, mdown: number): string {
  const out: string[] = [];
  let f = flags >>> 0;
  if (f & U.IFF_UP && !(f & U.IFF_RUNNING)) out.push('NO-CARRIER');
  f &= ~U.IFF_RUNNING;
  const order: [number, string][] = [
    [U.IFF_LOOPBACK, 'LOOPBACK'], [U.IFF_BROADCAST, 'BROADCAST'], [U.IFF_POINTOPOINT, 'POINTOPOINT'],
    [U.IFF_MULTICAST, 'MULTICAST'], [U.IFF_NOARP, 'NOARP'], [U.IFF_ALLMULTI, 'ALLMULTI'], [U.IFF_PROMISC, 'PROMISC'],
    [U.IFF_NOTRAILERS, 'NOTRAILERS'], [U.IFF_DEBUG, 'DEBUG'], [U.IFF_DYNAMIC, 'DYNAMIC'], [U.IFF_AUTOMEDIA, 'AUTOMEDIA'],
    [U.IFF_PORTSEL, 'PORTSEL'], [U.IFF_SLAVE, 'SLAVE'], [U.IFF_MASTER, 'MASTER'], [U.IFF_UP, 'UP'],
    [U.IFF_LOWER_UP, 'LOWER_UP'], [U.IFF_DORMANT, 'DORMANT'], [U.IFF_ECHO, 'ECHO'],
  ];
  for (const [bit, name] of order) {
    if (f & bit) {
      f = (f & ~bit) >>> 0;
      out.push(name);
    }
  }
  let s = out.join(',');
  /* the C code puts a comma after each name while bits remain, so leftover bits follow one */
  if (f) s += `${s ? ',' : ''}${f.toString(16)}`;
  if (mdown) s += ',M-DOWN';
  return `<${s}> `;
}

/** print_name_and_link: "name@peer" with the M-DOWN hint for a down lower device */
function print_name_and_link(ctx: ip_ctx, name: string, tb: rtattr_tb): { text: string; m_flag: number } {
  let link: string | null = null;
  let m_flag = 0;
  const l = tb[U.IFLA_LINK];
  if (l) {
    const iflink = rta_getattr_u32(l) | 0;
    if (iflink) {
      if (tb[U.IFLA_LINK_NETNSID]) link = ll_idx_n2a(iflink);
      else {
        link = ll_index_to_name(ctx, iflink);
        const f = ll_index_to_flags(ctx, iflink);
        m_flag = f & U.IFF_UP ? 0 : 1;
      }
    } else link = 'NONE';
  }
  return { text: `${link ? `${name}@${link}` : name}: `, m_flag };
}

interface stats64 { [k: string]: bigint }
const STATS64_FIELDS = [
  'rx_packets', 'tx_packets', 'rx_bytes', 'tx_bytes', 'rx_errors', 'tx_errors', 'rx_dropped', 'tx_dropped', 'multicast',
  'collisions', 'rx_length_errors', 'rx_over_errors', 'rx_crc_errors', 'rx_frame_errors', 'rx_fifo_errors',
  'rx_missed_errors', 'tx_aborted_errors', 'tx_carrier_errors', 'tx_fifo_errors', 'tx_heartbeat_errors',
  'tx_window_errors', 'rx_compressed', 'tx_compressed', 'rx_nohandler', 'rx_otherhost_dropped',
];
/* struct rtnl_link_stats64 / rtnl_link_stats: fields in order, 8 or 4 bytes each; short payloads read as zero */
function read_stats(a: rtattr, width: 4 | 8): stats64 {
  const s: stats64 = {};
  const n = width === 8 ? STATS64_FIELDS.length : 24;
  STATS64_FIELDS.forEach((k, i) => {
    if (i >= n || (i + 1) * width > a.len) s[k] = 0n;
    else if (width === 8) s[k] = rta_getattr_u64(a, i * 8);
    else s[k] = BigInt(new DataView(a.buf.buffer, a.buf.byteOffset + a.off).getUint32(i * 4, true));
  });
  return s;
}
function size_columns(cols: number[], vals: bigint[]): void {
  vals.forEach((v, i) => {
    const len = v.toString().length;
    if (len > cols[i]!) cols[i] = len;
  });
}
const num = (w: number, v: bigint): string => `${v.toString().padStart(w)} `;
const pad = (w: number, s: string): string => s.padStart(w);

/** print_link_stats64: the RX/TX blocks of `ip -s link` (and -s -s error blocks) */
function print_link_stats64(ctx: ip_ctx, s: stats64, carrier_changes: rtattr | undefined): string {
  const SL = ctx.oneline ? '\\' : '\n';
  const cols = ['*X errors:'.length, 'packets'.length, 'errors'.length, 'dropped'.length, 'heartbt'.length, 'overrun'.length, 'compressed'.length, 'otherhost'.length];
  const cc = carrier_changes ? BigInt(rta_getattr_u32(carrier_changes)) : 0n;
  size_columns(cols, [s.rx_bytes!, s.rx_packets!, s.rx_errors!, s.rx_dropped!, s.rx_missed_errors!, s.multicast!, s.rx_compressed!, s.rx_otherhost_dropped!]);
  if (ctx.show_stats > 1) size_columns(cols, [0n, s.rx_length_errors!, s.rx_crc_errors!, s.rx_frame_errors!, s.rx_fifo_errors!, s.rx_over_errors!, s.rx_nohandler!]);
  size_columns(cols, [s.tx_bytes!, s.tx_packets!, s.tx_errors!, s.tx_dropped!, s.tx_carrier_errors!, s.collisions!, s.tx_compressed!]);
  if (ctx.show_stats > 1) size_columns(cols, [0n, s.tx_aborted_errors!, s.tx_fifo_errors!, s.tx_window_errors!, s.tx_heartbeat_errors!, cc]);
  const c = (i: number): number => cols[i]!;
  let o = '';
  /* RX */
  o += `    RX: ${pad(c(0) - 4, 'bytes')} ${pad(c(1), 'packets')} ${pad(c(2), 'errors')} ${pad(c(3), 'dropped')} ${pad(c(4), 'missed')} ${pad(c(5), 'mcast')} ${pad(c(6), s.rx_compressed ? 'compressed' : '')}`;
  if (s.rx_otherhost_dropped) o += ` ${pad(c(7), 'otherhost')}`;
  o += `${SL}    ${num(c(0), s.rx_bytes!)}${num(c(1), s.rx_packets!)}${num(c(2), s.rx_errors!)}${num(c(3), s.rx_dropped!)}${num(c(4), s.rx_missed_errors!)}${num(c(5), s.multicast!)}`;
  if (s.rx_compressed) o += num(c(6), s.rx_compressed);
  if (s.rx_otherhost_dropped) o += num(c(7), s.rx_otherhost_dropped);
  if (ctx.show_stats > 1) {
    o += `${SL}    RX errors:${pad(c(0) - 10, '')} ${pad(c(1), 'length')} ${pad(c(2), 'crc')} ${pad(c(3), 'frame')} ${pad(c(4), 'fifo')} ${pad(c(5), 'overrun')}`;
    if (s.rx_nohandler) o += ` ${pad(c(6), 'nohandler')}`;
    o += `${SL}${pad(c(0) + 5, '')}${num(c(1), s.rx_length_errors!)}${num(c(2), s.rx_crc_errors!)}${num(c(3), s.rx_frame_errors!)}${num(c(4), s.rx_fifo_errors!)}${num(c(5), s.rx_over_errors!)}`;
    if (s.rx_nohandler) o += num(c(6), s.rx_nohandler);
  }
  o += SL;
  /* TX */
  o += `    TX: ${pad(c(0) - 4, 'bytes')} ${pad(c(1), 'packets')} ${pad(c(2), 'errors')} ${pad(c(3), 'dropped')} ${pad(c(4), 'carrier')} ${pad(c(5), 'collsns')} ${pad(c(6), s.tx_compressed ? 'compressed' : '')}`;
  o += `${SL}    ${num(c(0), s.tx_bytes!)}${num(c(1), s.tx_packets!)}${num(c(2), s.tx_errors!)}${num(c(3), s.tx_dropped!)}${num(c(4), s.tx_carrier_errors!)}${num(c(5), s.collisions!)}`;
  if (s.tx_compressed) o += num(c(6), s.tx_compressed);
  if (ctx.show_stats > 1) {
    o += `${SL}    TX errors:${pad(c(0) - 10, '')} ${pad(c(1), 'aborted')} ${pad(c(2), 'fifo')} ${pad(c(3), 'window')} ${pad(c(4), 'heartbt')}`;
    if (carrier_changes) o += ` ${pad(c(5), 'transns')}`;
    o += `${SL}${pad(c(0) + 5, '')}${num(c(1), s.tx_aborted_errors!)}${num(c(2), s.tx_fifo_errors!)}${num(c(3), s.tx_window_errors!)}${num(c(4), s.tx_heartbeat_errors!)}`;
    if (carrier_changes) o += num(c(5), cc);
  }
  return o;
}

/** __print_link_stats: IFLA_STATS64, else IFLA_STATS */
function print_link_stats(ctx: ip_ctx, tb: rtattr_tb): string {
  const s64 = tb[U.IFLA_STATS64];
  if (s64) return print_link_stats64(ctx, read_stats(s64, 8), tb[U.IFLA_CARRIER_CHANGES]);
  const s32 = tb[U.IFLA_STATS];
  if (s32) return print_link_stats64(ctx, read_stats(s32, 4), tb[U.IFLA_CARRIER_CHANGES]);
  return '';
}

/** print_af_spec: the IPv6 address generation mode of -d */
function print_af_spec(ctx: ip_ctx, af: rtattr): string {
  const inet6 = parse_rtattr_one_nested(AF_INET6, af, ctx.err);
  if (!inet6) return '';
  const tb = parse_rtattr_nested(U.IFLA_INET6_MAX, inet6, ctx.err);
  const m = tb[U.IFLA_INET6_ADDR_GEN_MODE];
  if (!m) return '';
  const mode = rta_getattr_u8(m);
  const names = ['eui64', 'none', 'stable_secret', 'random'];
  return `addrgenmode ${names[mode] ?? `0x${mode.toString(16).padStart(2, '0')}`} `;
}

/** print_linktype: "\n    KIND " of -d (veth has no options of its own to print) */
function print_linktype(ctx: ip_ctx, li: rtattr): string {
  const SL = ctx.oneline ? '\\' : '\n';
  const tb = parse_rtattr_nested(U.IFLA_INFO_MAX, li, ctx.err);
  let o = '';
  if (tb[U.IFLA_INFO_KIND]) o += `${SL}    ${rta_getattr_str(tb[U.IFLA_INFO_KIND])} `;
  if (tb[U.IFLA_INFO_SLAVE_KIND]) o += `${SL}    ${rta_getattr_str(tb[U.IFLA_INFO_SLAVE_KIND])}_slave `;
  return o;
}

const hex = (a: rtattr): string => Array.from(rta_data(a), (x) => x.toString(16).padStart(2, '0')).join('');

/**
 * ip/ipaddress.c print_linkinfo: one link from an RTM_NEWLINK (or DELLINK) message.
 * Returns the text, or null where the C function returns without printing.
 */
export function print_linkinfo(ctx: ip_ctx, h: nlmsghdr): string | null {
  if (h.type !== RTM_NEWLINK && h.type !== RTM_DELLINK) return null;
  const len = h.len - NLMSG_HDRLEN - IFINFOMSG_LEN;
  if (len < 0) return null;
  const SL = ctx.oneline ? '\\' : '\n';
  const dv = new DataView(h.buf.buffer, h.buf.byteOffset, h.buf.byteLength);
  const ifi_type = dv.getUint16(h.off + 18, true);
  const ifi_index = dv.getInt32(h.off + 20, true);
  const ifi_flags = dv.getUint32(h.off + 24, true);
  const f = ctx.filter;
  if (f.ifindex && ifi_index !== f.ifindex) return null;
  if (f.up && !(ifi_flags & U.IFF_UP)) return null;
  const tb = parse_rtattr_flags(U.IFLA_MAX, h.buf, h.off + NLMSG_HDRLEN + IFINFOMSG_LEN, len, NLA_F_NESTED, ctx.err);

  let name: string;
  if (tb[U.IFLA_IFNAME]) name = rta_getattr_str(tb[U.IFLA_IFNAME]);
  else {
    ctx.err(`BUG: device with ifindex ${ifi_index} has nil ifname\n`);
    name = ll_idx_n2a(ifi_index);
  }
  if (check_ifname(name)) return null;
  if (tb[U.IFLA_GROUP] && f.group !== -1 && (rta_getattr_u32(tb[U.IFLA_GROUP]) | 0) !== f.group) return null;
  if (f.master > 0 && (!tb[U.IFLA_MASTER] || rta_getattr_u32(tb[U.IFLA_MASTER]) !== f.master)) return null;
  if (f.master === -1 && tb[U.IFLA_MASTER]) return null;
  if (f.kind || f.slave_kind) {
    const li = tb[U.IFLA_LINKINFO];
    const lt = li ? parse_rtattr_nested(U.IFLA_INFO_MAX, li, ctx.err) : [];
    if (f.kind && (!lt[U.IFLA_INFO_KIND] || rta_getattr_str(lt[U.IFLA_INFO_KIND]) !== f.kind)) return null;
    if (f.slave_kind && (!lt[U.IFLA_INFO_SLAVE_KIND] || rta_getattr_str(lt[U.IFLA_INFO_SLAVE_KIND]) !== f.slave_kind)) return null;
  }

  let o = '';
  if (h.type === RTM_DELLINK) o += 'Deleted ';
  o += `${ifi_index}: `;
  const nl = print_name_and_link(ctx, name, tb);
  o += nl.text;
  o += print_link_flags(ifi_flags, nl.m_flag);
  if (tb[U.IFLA_MTU]) o += `mtu ${rta_getattr_u32(tb[U.IFLA_MTU])} `;
  if (tb[U.IFLA_QDISC]) o += `qdisc ${rta_getattr_str(tb[U.IFLA_QDISC])} `;
  if (tb[U.IFLA_MASTER]) o += `master ${ll_index_to_name(ctx, rta_getattr_u32(tb[U.IFLA_MASTER]))} `;
  if (tb[U.IFLA_OPERSTATE]) {
    const st = rta_getattr_u8(tb[U.IFLA_OPERSTATE]);
    o += st < oper_states.length ? `state ${oper_states[st]} ` : `state 0x${st.toString(16)}`;
  }
  if (ctx.do_link && tb[U.IFLA_LINKMODE]) {
    const m = rta_getattr_u8(tb[U.IFLA_LINKMODE]);
    o += `mode ${link_modes[m] ?? String(m)} `;
  }
  if (tb[U.IFLA_GROUP]) {
    const g = rta_getattr_u32(tb[U.IFLA_GROUP]) | 0;
    o += `group ${g === 0 ? 'default' : String(g)} `;
  }
  if (f.showqueue && tb[U.IFLA_TXQLEN]) {
    const q = rta_getattr_u32(tb[U.IFLA_TXQLEN]) | 0;
    if (q) o += `qlen ${q}`;
  }
  if (!f.family || f.family === AF_PACKET || ctx.show_details) {
    o += `${SL}    link/${U.arphrd_names[ifi_type] ?? `[${ifi_type}]`} `;
    if (tb[U.IFLA_ADDRESS]) o += ll_addr_n2a(rta_data(tb[U.IFLA_ADDRESS]));
    if (tb[U.IFLA_BROADCAST]) {
      o += ifi_flags & U.IFF_POINTOPOINT ? ' peer ' : ' brd ';
      o += ll_addr_n2a(rta_data(tb[U.IFLA_BROADCAST]));
    }
    const perm = tb[U.IFLA_PERM_ADDRESS];
    if (perm) {
      const a = tb[U.IFLA_ADDRESS];
      if (!a || a.len !== perm.len || hex(a) !== hex(perm)) o += ` permaddr ${ll_addr_n2a(rta_data(perm))}`;
    }
  }
  if (tb[U.IFLA_LINK_NETNSID]) {
    const id = rta_getattr_u32(tb[U.IFLA_LINK_NETNSID]) | 0;
    if (id >= 0) {
      const ns = get_name_from_nsid(ctx, id);
      o += ns !== null ? ` link-netns ${ns}` : ` link-netnsid ${id}`;
    } else o += ' link-netnsid unknown';
  }
  if (tb[U.IFLA_NEW_NETNSID]) {
    const id = rta_getattr_u32(tb[U.IFLA_NEW_NETNSID]) | 0;
    const ns = get_name_from_nsid(ctx, id);
    o += ns !== null ? ` new-netns ${ns}` : ` new-netnsid ${id}`;
  }
  if (tb[U.IFLA_NEW_IFINDEX]) o += ` new-ifindex ${rta_getattr_u32(tb[U.IFLA_NEW_IFINDEX]) | 0}`;
  if (tb[U.IFLA_PROTO_DOWN] && rta_getattr_u8(tb[U.IFLA_PROTO_DOWN])) o += ' protodown on ';
  if (ctx.show_details) {
    if (tb[U.IFLA_PROMISCUITY]) o += ` promiscuity ${rta_getattr_u32(tb[U.IFLA_PROMISCUITY])} `;
    if (tb[U.IFLA_ALLMULTI]) o += ` allmulti ${rta_getattr_u32(tb[U.IFLA_ALLMULTI])} `;
    if (tb[U.IFLA_MIN_MTU]) o += `minmtu ${rta_getattr_u32(tb[U.IFLA_MIN_MTU])} `;
    if (tb[U.IFLA_MAX_MTU]) o += `maxmtu ${rta_getattr_u32(tb[U.IFLA_MAX_MTU])} `;
    if (tb[U.IFLA_LINKINFO]) o += print_linktype(ctx, tb[U.IFLA_LINKINFO]);
    if (ctx.do_link && tb[U.IFLA_AF_SPEC]) o += print_af_spec(ctx, tb[U.IFLA_AF_SPEC]);
    const u = (t: number, label: string): void => { if (tb[t]) o += `${label} ${rta_getattr_u32(tb[t]!)} `; };
    u(U.IFLA_NUM_TX_QUEUES, 'numtxqueues');
    u(U.IFLA_NUM_RX_QUEUES, 'numrxqueues');
    u(U.IFLA_GSO_MAX_SIZE, 'gso_max_size');
    u(U.IFLA_GSO_MAX_SEGS, 'gso_max_segs');
    u(U.IFLA_TSO_MAX_SIZE, 'tso_max_size');
    u(U.IFLA_TSO_MAX_SEGS, 'tso_max_segs');
    u(U.IFLA_GRO_MAX_SIZE, 'gro_max_size');
    if (tb[U.IFLA_PHYS_PORT_NAME]) o += `portname ${rta_getattr_str(tb[U.IFLA_PHYS_PORT_NAME])} `;
    if (tb[U.IFLA_PHYS_PORT_ID]) o += `portid ${hex(tb[U.IFLA_PHYS_PORT_ID])} `;
    if (tb[U.IFLA_PHYS_SWITCH_ID]) o += `switchid ${hex(tb[U.IFLA_PHYS_SWITCH_ID])} `;
    if (tb[U.IFLA_PARENT_DEV_BUS_NAME]) o += `parentbus ${rta_getattr_str(tb[U.IFLA_PARENT_DEV_BUS_NAME])} `;
    if (tb[U.IFLA_PARENT_DEV_NAME]) o += `parentdev ${rta_getattr_str(tb[U.IFLA_PARENT_DEV_NAME])} `;
  }
  if ((ctx.do_link || ctx.show_details) && tb[U.IFLA_IFALIAS]) o += `${SL}    alias ${rta_getattr_str(tb[U.IFLA_IFALIAS])}`;
  if (ctx.do_link && ctx.show_stats) o += `${SL}${print_link_stats(ctx, tb)}`;
  const pl = tb[U.IFLA_PROP_LIST];
  if (pl) {
    const inner = rtattr_list(pl);
    for (const a of inner) if (a.type === U.IFLA_ALT_IFNAME) o += `${SL}    altname ${rta_getattr_str(a)}`;
  }
  return `${o}\n`;
}

/** iplink_filter_req: the attributes a link dump request carries */
function iplink_filter_req(ctx: ip_ctx, n: nlmsg, maxlen: number): number {
  let err = addattr32(n, maxlen, U.IFLA_EXT_MASK, U.RTEXT_FILTER_VF);
  if (err) return err;
  if (ctx.filter.master) {
    err = addattr32(n, maxlen, U.IFLA_MASTER, ctx.filter.master);
    if (err) return err;
  }
  if (ctx.filter.kind) {
    const li = addattr_nest(n, maxlen, U.IFLA_LINKINFO);
    err = addattr_l(n, maxlen, U.IFLA_INFO_KIND, strbytes(ctx.filter.kind));
    if (err) return err;
    addattr_nest_end(n, li);
  }
  return 0;
}

/** ip/iplink.c iplink_get: `ip link show DEV` asks for the one link */
function iplink_get(ctx: ip_ctx, name: string, filt_mask: number): number {
  const req = iplink_req(ctx, RTM_GETLINK, NLM_F_REQUEST, ctx.preferred_family);
  addattr_l(req, req.maxlen, check_ifname(name) === 0 ? U.IFLA_IFNAME : U.IFLA_ALT_IFNAME, cstr(name));
  addattr32(req, req.maxlen, U.IFLA_EXT_MASK, filt_mask);
  const r = rtnl_talk(ctx, ctx.rth!, req, true);
  if (r.ret < 0 || !r.answer) {
    ctx.err(`Cannot send link get request: ${strerror(r.errno ?? 22)}\n`);
    ctx.exit(1);
  }
  const t = print_linkinfo(ctx, nlmsg_at(r.answer, 0));
  if (t !== null) ctx.out(t);
  return 0;
}

/**
 * ipaddr_list_flush_or_save, list part: parse the filter, dump links (and for `ip addr`,
 * addresses), print each link. Addresses are dumped but not printed; kveth's rtnetlink has no
 * RTM_GETADDR handler yet, so on kveth's kernel that dump ends in EOPNOTSUPP.
 */
function ipaddr_list(ctx: ip_ctx, argv: string[]): number {
  /* ipaddr_reset_filter: every listing starts from a clean filter */
  ctx.filter = { ifindex: 0, up: false, master: 0, group: -1, showqueue: true, family: ctx.preferred_family };
  const f = ctx.filter;
  let filter_dev: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      i++;
      if (i >= argv.length) {
        ctx.err('Command line is not complete. Try option "help"\n');
        ctx.exit(-1);
      }
      return argv[i]!;
    };
    if (a === 'up') f.up = true;
    else if (a === 'group') {
      const g = next();
      const v = rtnl_group_a2n(g);
      if (v === null) invarg(ctx, 'Invalid "group" value\n', g);
      f.group = v;
    } else if (a === 'master') {
      const m = next();
      const idx = ll_name_to_index(ctx, m);
      if (!idx) invarg(ctx, 'Device does not exist\n', m);
      f.master = idx;
    } else if (a === 'nomaster') f.master = -1;
    else if (a === 'type') {
      const t = next();
      if (t.endsWith('_slave')) f.slave_kind = t.slice(0, -'_slave'.length);
      else f.kind = t;
    } else {
      let d = a;
      if (a === 'dev') d = next();
      else if (matches(a, 'help') === 0) ipaddr_usage(ctx);
      if (filter_dev !== null) duparg2(ctx, 'dev', d);
      filter_dev = d;
    }
  }
  if (filter_dev !== null) {
    f.ifindex = ll_name_to_index(ctx, filter_dev);
    if (f.ifindex <= 0) {
      ctx.err(`Device "${filter_dev}" does not exist.\n`);
      return -1;
    }
  }
  if (filter_dev !== null && f.group === -1 && ctx.do_link) return iplink_get(ctx, filter_dev, U.RTEXT_FILTER_VF);

  if (rtnl_linkdump_req_filter_fn(ctx, ctx.rth!, ctx.preferred_family, (n, m) => iplink_filter_req(ctx, n, m)) < 0) {
    ctx.err('Cannot send dump request: Invalid argument\n');
    ctx.exit(1);
  }
  const links: nlmsghdr[] = [];
  if (rtnl_dump_filter(ctx, ctx.rth!, (h) => { links.push(h); ll_remember_index(ctx, h); return 0; }) < 0) {
    ctx.err('Dump terminated\n');
    ctx.exit(1);
  }
  let no_link = false;
  if (f.family !== AF_PACKET) {
    if (ctx.oneline) no_link = true; /* -o prints address lines only */
    if (rtnl_addrdump_req(ctx, ctx.rth!, f.family) < 0) {
      ctx.err('Cannot send dump request: Invalid argument\n');
      ctx.exit(1);
    }
    /* print_addrinfo is not ported: kveth's kernel sends no RTM_NEWADDR (it has no addresses);
     * should one arrive, say so rather than drop it */
    const no_addrinfo = (): number => { ctx.err('kveth ip: printing addresses is not implemented\n'); return -1; };
    if (rtnl_dump_filter(ctx, ctx.rth!, no_addrinfo) < 0) {
      ctx.err('Dump terminated\n');
      ctx.exit(1);
    }
  }
  /* print_selected_addrinfo has nothing to print, and ipaddr_filter keeps every link for
   * AF_UNSPEC when no link has an address */
  for (const h of links) {
    if (no_link) continue;
    const t = print_linkinfo(ctx, h);
    if (t !== null) ctx.out(t);
  }
  return 0;
}

/** ipaddr_list_link: `ip link show` */
export function ipaddr_list_link(ctx: ip_ctx, argv: string[]): number {
  ctx.preferred_family = AF_PACKET;
  ctx.do_link = true;
  return ipaddr_list(ctx, argv);
}

/** do_ipaddr: `ip addr [show|list|lst] ...` */
export function do_ipaddr(ctx: ip_ctx, argv: string[]): number {
  if (argv.length < 1) return ipaddr_list(ctx, []);
  const a = argv[0]!;
  if (matches(a, 'list') === 0 || matches(a, 'show') === 0 || matches(a, 'lst') === 0) return ipaddr_list(ctx, argv.slice(1));
  if (matches(a, 'help') === 0) ipaddr_usage(ctx);
  ctx.err(`Command "${a}" is unknown, try "ip address help".\n`);
  ctx.exit(-1);
}

/** ip/ipaddress.c usage(): the link usage when listing links (do_link), else the address one (kveth's subset) */
function ipaddr_usage(ctx: ip_ctx): never {
  if (ctx.do_link) ip_link_usage(ctx);
  ctx.err('Usage: ip address show [ dev IFNAME ] [ up ]\n(kveth: only "show" is implemented; addresses come later)\n');
  ctx.exit(-1);
}

export function ip_link_usage(ctx: ip_ctx): never {
  ctx.err(IPLINK_USAGE);
  ctx.exit(-1);
}

/* the subset of ip/iplink.c's usage text that kveth ip implements */
const IPLINK_USAGE = `Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME
		    [ txqueuelen PACKETS ]
		    [ address LLADDR ]
		    [ broadcast LLADDR ]
		    [ mtu MTU ] [index IDX ]
		    [ numtxqueues QUEUE_COUNT ]
		    [ numrxqueues QUEUE_COUNT ]
		    [ netns { PID | NAME } ]
		    type TYPE [ ARGS ]

	ip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]

	ip link set { DEVICE | dev DEVICE | group DEVGROUP }
			[ { up | down } ]
			[ type TYPE ARGS ]
		[ arp { on | off } ]
		[ dynamic { on | off } ]
		[ multicast { on | off } ]
		[ allmulticast { on | off } ]
		[ promisc { on | off } ]
		[ trailers { on | off } ]
		[ carrier { on | off } ]
		[ txqueuelen PACKETS ]
		[ name NEWNAME ]
		[ address LLADDR ]
		[ broadcast LLADDR ]
		[ mtu MTU ]
		[ netns { PID | NAME } ]
		[ link-netns NAME | link-netnsid ID ]
		[ alias NAME ]
		[ group GROUP ]
		[ protodown { on | off } ]

	ip link show [ DEVICE | group GROUP ] [up] [master DEV] [vrf NAME] [type TYPE]
		[nomaster]

	ip link help [ TYPE ]

TYPE := { veth }
`;
