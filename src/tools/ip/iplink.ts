// SPDX-License-Identifier: GPL-2.0-only
/*
 * iproute2's ip/iplink.c and ip/link_veth.c: `ip link add|set|del` build one RTM_NEWLINK or
 * RTM_DELLINK request from the arguments (iplink_parse, iplink_modify), with the same
 * attribute order, the same lookups (ll_name_to_index, nl_get_ll_addr_len) and the same
 * "am I on a kernel with RTM_NEWLINK" probe that iproute2 sends first.
 */
import type { ip_ctx } from './ctx';
import {
  IFINFOMSG_LEN, NLMSG_ERROR, NLMSG_HDRLEN, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, NLM_F_REQUEST, RTM_DELLINK,
  RTM_GETLINK, RTM_NEWLINK, addattr32, addattr8, addattr_l, addattr_nest, addattr_nest_end, cstr, ifi, iplink_req, nlmsg,
  nlmsg_split, parse_rtattr_flags, NLA_F_NESTED, rtnl_send, rtnl_talk, strbytes, AF_INET6,
} from './libnetlink';
import { ll_drop_by_index, ll_name_to_index } from './ll_map';
import { ipaddr_list_link, ip_link_usage } from './ipaddress';
import { get_netnsid_from_name, set_netnsid_from_name } from './ipnetns';
import {
  args, atoi, check_altifname, check_ifname, duparg, duparg2, get_integer, invarg, ll_addr_a2n, matches, nodev, rtnl_group_a2n,
} from './utils';
import * as U from './uapi';

/** iplink_have_newlink: the empty RTM_NEWLINK probe; its answer is cached for the process */
function iplink_have_newlink(ctx: ip_ctx): number {
  if (ctx.have_rtnl_newlink < 0) {
    const req = iplink_req(ctx, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, 0);
    if (rtnl_send(ctx, ctx.rth!, req.bytes()) < 0) {
      ctx.err('request send failed: Invalid argument\n');
      ctx.exit(1);
    }
    /* rtnl_listen with accept_msg: the first message decides */
    const r = ctx.env.nl_recvmsg(ctx.rth!.sock);
    const d = typeof r === 'number' ? null : r; /* a receive error decides nothing: newlink is assumed */
    const h = d ? nlmsg_split(d).msgs[0] : undefined;
    ctx.have_rtnl_newlink = 1;
    if (h && h.type === NLMSG_ERROR && h.len >= NLMSG_HDRLEN + 4) {
      const e = new DataView(d!.buffer, d!.byteOffset).getInt32(h.off + NLMSG_HDRLEN, true);
      if (e === -95 || e === -22) ctx.have_rtnl_newlink = 0;
    }
  }
  return ctx.have_rtnl_newlink;
}

/** nl_get_ll_addr_len: the length of DEV's current address, -1 when unknown */
function nl_get_ll_addr_len(ctx: ip_ctx, ifname: string): number {
  const dev_index = ll_name_to_index(ctx, ifname);
  if (dev_index === 0) return -1;
  const req = iplink_req(ctx, RTM_GETLINK, NLM_F_REQUEST, ctx.preferred_family);
  ifi.index(req, dev_index);
  const r = rtnl_talk(ctx, ctx.rth!, req, true);
  if (r.ret < 0 || !r.answer) return -1;
  const dv = new DataView(r.answer.buffer);
  const len = dv.getUint32(0, true) - NLMSG_HDRLEN - IFINFOMSG_LEN;
  if (len < 0) return -1;
  const tb = parse_rtattr_flags(U.IFLA_MAX, r.answer, NLMSG_HDRLEN + IFINFOMSG_LEN, len, NLA_F_NESTED, ctx.err);
  return tb[U.IFLA_ADDRESS] ? tb[U.IFLA_ADDRESS].len : -1;
}

function on_off(ctx: ip_ctx, msg: string, realval: string): number {
  ctx.err(`Error: argument of "${msg}" must be "on" or "off", not "${realval}"\n`);
  return -1;
}

function get_link_mode(mode: string): number {
  const m = mode.toLowerCase();
  return m === 'default' ? 0 : m === 'dormant' ? 1 : -1;
}
function get_operstate(s: string): number {
  const st = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'];
  const i = st.indexOf(s.toUpperCase());
  return i;
}
function get_addr_gen_mode(mode: string): number {
  return ['eui64', 'none', 'stable_secret', 'random'].indexOf(mode.toLowerCase());
}

/* the IFF_* switches "KEY on|off" (exact words in iplink_parse); `true`: "on" clears the bit */
const FLAG_ARGS: Record<string, [number, boolean]> = {
  multicast: [U.IFF_MULTICAST, false],
  allmulticast: [U.IFF_ALLMULTI, false],
  promisc: [U.IFF_PROMISC, false],
  trailers: [U.IFF_NOTRAILERS, true],
  arp: [U.IFF_NOARP, true],
};

/** the result of iplink_parse: arguments consumed, or < 0; `type` when "type KIND" was seen */
interface parse_res { ret: number; type: string | null }

/**
 * ip/iplink.c iplink_parse: fill `req` from argv, stopping after "type KIND". Used for the
 * device itself and again, by veth, for the peer (then `req` grows inside VETH_INFO_PEER).
 */
export function iplink_parse(ctx: ip_ctx, argv: string[], req: nlmsg): parse_res {
  const A = new args(argv);
  const maxlen = req.maxlen;
  let name: { s: string } | null = null;
  let dev: { s: string } | null = null;
  let type: string | null = null;
  let link: string | null = null;
  let qlen = -1;
  let mtu = -1;
  let netns = -1;
  let numtxqueues = -1;
  let numrxqueues = -1;
  let link_netnsid = -1;
  let index = 0;
  let group = -1;
  let addr_len = 0;
  let move_netns = false;
  /* always the outer ifinfomsg: veth moves the values into the peer's afterwards */
  const ifm_off = 16;
  const set_flags = (on: boolean, bit: number): void => {
    const c = req.dv.getUint32(ifm_off + 12, true);
    const f = req.dv.getUint32(ifm_off + 8, true);
    req.dv.setUint32(ifm_off + 12, (c | bit) >>> 0, true);
    req.dv.setUint32(ifm_off + 8, (on ? f | bit : f & ~bit) >>> 0, true);
  };
  const onoff = (key: string, bit: number, invert = false): number => {
    const v = A.next(ctx);
    if (v === 'on') set_flags(!invert, bit);
    else if (v === 'off') set_flags(invert, bit);
    else return on_off(ctx, key, v);
    return 0;
  };
  /* "carrier on|off", "protodown on|off": lib/utils.c parse_on_off into a u8 attribute; -EINVAL on anything else */
  const onoff_u8 = (key: string, type: number): number => {
    const v = A.next(ctx);
    if (v !== 'on' && v !== 'off') {
      ctx.err(`Error: argument of "${key}" must be one of "off", "on", not "${v}"\n`);
      return -22;
    }
    addattr8(req, maxlen, type, v === 'on' ? 1 : 0);
    return 0;
  };
  /*
   * NEXT_ARG, duparg when the option was given already, then the parser (get_integer unless
   * said otherwise) or invarg: txqueuelen, mtu, group, numtxqueues, numrxqueues, link-netnsid.
   */
  const int_arg = (key: string, seen: boolean, dupkey = key, parse = (v: string) => get_integer(v, 0)): number => {
    const v = A.next(ctx);
    if (seen) duparg(ctx, dupkey, v);
    const n = parse(v);
    if (n === null) invarg(ctx, `Invalid "${key}" value\n`, v);
    return n;
  };

  while (A.argc > 0) {
    const a = A.cur;
    if (a === 'up') set_flags(true, U.IFF_UP);
    else if (a === 'down') set_flags(false, U.IFF_UP);
    else if (a === 'name') {
      const v = A.next(ctx);
      if (name) duparg(ctx, 'name', v);
      if (check_ifname(v)) invarg(ctx, '"name" not a valid ifname', v);
      name = { s: v };
      if (!dev) dev = name;
    } else if (a === 'index') {
      const v = A.next(ctx);
      if (index) duparg(ctx, 'index', v);
      index = atoi(v);
      if (index <= 0) invarg(ctx, 'Invalid "index" value', v);
    } else if (matches(a, 'link') === 0) {
      link = A.next(ctx);
    } else if (matches(a, 'address') === 0) {
      const v = A.next(ctx);
      const ab = ll_addr_a2n(ctx, 32, v);
      if (!ab) return { ret: -1, type };
      addr_len = ab.length;
      addattr_l(req, maxlen, U.IFLA_ADDRESS, ab);
    } else if (matches(a, 'broadcast') === 0 || a === 'brd') {
      const v = A.next(ctx);
      const ab = ll_addr_a2n(ctx, 32, v);
      if (!ab) return { ret: -1, type };
      addattr_l(req, maxlen, U.IFLA_BROADCAST, ab);
    } else if (matches(a, 'txqueuelen') === 0 || a === 'qlen' || matches(a, 'txqlen') === 0) {
      qlen = int_arg('txqueuelen', qlen !== -1);
      addattr32(req, maxlen, U.IFLA_TXQLEN, qlen);
    } else if (a === 'mtu') {
      mtu = int_arg('mtu', mtu !== -1);
      addattr32(req, maxlen, U.IFLA_MTU, mtu);
    } else if (a === 'netns') {
      const v = A.next(ctx);
      if (netns !== -1) duparg(ctx, 'netns', v);
      const fd = ctx.env.netns_exists(v) ? ctx.env.netns_fd(v) : -1;
      if (fd >= 0) {
        netns = fd;
        ctx.open_fds.push(fd);
        addattr32(req, maxlen, U.IFLA_NET_NS_FD, fd);
      } else {
        const pid = get_integer(v, 0);
        if (pid === null) invarg(ctx, 'Invalid "netns" value\n', v);
        netns = pid;
        addattr32(req, maxlen, U.IFLA_NET_NS_PID, pid);
      }
      move_netns = true;
    } else if (Object.hasOwn(FLAG_ARGS, a)) {
      const [bit, invert] = FLAG_ARGS[a]!;
      if (onoff(a, bit, invert) < 0) return { ret: -1, type };
    } else if (a === 'carrier') {
      const e = onoff_u8('carrier', U.IFLA_CARRIER);
      if (e < 0) return { ret: e, type };
    } else if (matches(a, 'dynamic') === 0) {
      if (onoff('dynamic', U.IFF_DYNAMIC) < 0) return { ret: -1, type };
    } else if (matches(a, 'type') === 0) {
      type = A.next(ctx);
      A.i++;
      break;
    } else if (matches(a, 'alias') === 0) {
      const v = A.next(ctx);
      if (Buffer.byteLength(v) >= U.IFALIASZ) invarg(ctx, 'alias too long\n', v);
      addattr_l(req, maxlen, U.IFLA_IFALIAS, strbytes(v));
    } else if (a === 'group') {
      group = int_arg('group', group !== -1, 'group', rtnl_group_a2n);
      addattr32(req, maxlen, U.IFLA_GROUP, group);
    } else if (a === 'mode') {
      const v = A.next(ctx);
      const m = get_link_mode(v);
      if (m < 0) invarg(ctx, 'Invalid link mode\n', v);
      addattr8(req, maxlen, U.IFLA_LINKMODE, m);
    } else if (a === 'state') {
      const v = A.next(ctx);
      const s = get_operstate(v);
      if (s < 0) invarg(ctx, 'Invalid operstate\n', v);
      addattr8(req, maxlen, U.IFLA_OPERSTATE, s);
    } else if (matches(a, 'numtxqueues') === 0) {
      numtxqueues = int_arg('numtxqueues', numtxqueues !== -1);
      addattr32(req, maxlen, U.IFLA_NUM_TX_QUEUES, numtxqueues);
    } else if (matches(a, 'numrxqueues') === 0) {
      numrxqueues = int_arg('numrxqueues', numrxqueues !== -1);
      addattr32(req, maxlen, U.IFLA_NUM_RX_QUEUES, numrxqueues);
    } else if (matches(a, 'addrgenmode') === 0) {
      const v = A.next(ctx);
      const m = get_addr_gen_mode(v);
      if (m < 0) invarg(ctx, 'Invalid address generation mode\n', v);
      const afs = addattr_nest(req, maxlen, U.IFLA_AF_SPEC);
      const afs6 = addattr_nest(req, maxlen, AF_INET6);
      addattr8(req, maxlen, U.IFLA_INET6_ADDR_GEN_MODE, m);
      addattr_nest_end(req, afs6);
      addattr_nest_end(req, afs);
    } else if (matches(a, 'link-netns') === 0) {
      const v = A.next(ctx);
      if (link_netnsid !== -1) duparg(ctx, 'link-netns/link-netnsid', v);
      link_netnsid = get_netnsid_from_name(ctx, v);
      /* no nsid yet: ask the kernel to allocate one (NETNSA_NSID -1), then look again */
      if (link_netnsid < 0) set_netnsid_from_name(ctx, v, -1);
      link_netnsid = get_netnsid_from_name(ctx, v);
      if (link_netnsid < 0) invarg(ctx, 'Invalid "link-netns" value\n', v);
      addattr32(req, maxlen, U.IFLA_LINK_NETNSID, link_netnsid);
    } else if (matches(a, 'link-netnsid') === 0) {
      link_netnsid = int_arg('link-netnsid', link_netnsid !== -1, 'link-netns/link-netnsid');
      addattr32(req, maxlen, U.IFLA_LINK_NETNSID, link_netnsid);
    } else if (a === 'protodown') {
      const e = onoff_u8('protodown', U.IFLA_PROTO_DOWN);
      if (e < 0) return { ret: e, type };
    } else {
      if (matches(a, 'help') === 0) ip_link_usage(ctx);
      let d = a;
      if (a === 'dev') d = A.next(ctx);
      if (dev !== name) duparg2(ctx, 'dev', d);
      if (check_altifname(d)) invarg(ctx, '"dev" not a valid ifname', d);
      dev = { s: d };
    }
    A.i++;
  }
  const ret = A.i;
  const create = (req.flags & NLM_F_CREATE) !== 0;

  /* "ip link add dev NAME" and "ip link add name NAME" mean the same */
  if (!name) name = dev;
  else if (!dev) dev = name;
  else if (name.s === dev.s) name = dev;

  if (dev && addr_len && !create) {
    const halen = nl_get_ll_addr_len(ctx, dev.s);
    if (halen >= 0 && halen !== addr_len) {
      ctx.err(`Invalid address length ${addr_len} - must be ${halen} bytes\n`);
      return { ret: -1, type };
    }
  }

  if (!create && index && !move_netns) {
    ctx.err('index can be used only when creating devices or when moving device to another netns.\n');
    ctx.exit(-1);
  }

  if (group !== -1 && !dev) {
    if (A.argc > 0) {
      ctx.err(`Garbage instead of arguments "${A.cur} ...". Try "ip link help".\n`);
      ctx.exit(-1);
    }
    if (create) {
      ctx.err('group cannot be used when creating devices.\n');
      ctx.exit(-1);
    }
    return { ret, type: null };
  }

  if (!create) {
    if (!dev) {
      ctx.err('Not enough information: "dev" argument is required.\n');
      ctx.exit(-1);
    }
    const idx = ll_name_to_index(ctx, dev.s);
    req.dv.setInt32(ifm_off + 4, idx, true);
    if (!idx) return { ret: nodev(ctx, dev.s), type };
    /* not a rename: the name given was the device's own */
    if (name === dev) name = null;
    if (index) addattr32(req, maxlen, U.IFLA_NEW_IFINDEX, index);
  } else {
    if (name !== dev) {
      ctx.err('both "name" and "dev" cannot be used when creating devices.\n');
      ctx.exit(-1);
    }
    if (link) {
      const ifindex = ll_name_to_index(ctx, link);
      if (!ifindex) return { ret: nodev(ctx, link), type };
      addattr32(req, maxlen, U.IFLA_LINK, ifindex);
    }
    req.dv.setInt32(ifm_off + 4, index, true);
  }

  if (name) addattr_l(req, maxlen, U.IFLA_IFNAME, cstr(name.s));
  return { ret, type };
}

/** ip/link_veth.c veth_parse_opt: "peer [ARGS]" → VETH_INFO_PEER{ifinfomsg, attributes} */
function veth_parse_opt(ctx: ip_ctx, argv: string[], n: nlmsg): number {
  if (argv[0] !== 'peer') {
    /* link_veth.c prints its usage on stdout */
    ctx.out("Usage: ip link <options> type veth [peer <options>]\nTo get <options> type 'ip link add help'\n");
    return -1;
  }
  const save = { flags: ifi.flags(n), change: ifi.change(n), index: ifi.index(n) };
  ifi.flags(n, 0);
  ifi.change(n, 0);
  ifi.index(n, 0);
  const data = addattr_nest(n, 1024, U.VETH_INFO_PEER);
  n.len = n.len + IFINFOMSG_LEN;
  const r = iplink_parse(ctx, argv.slice(1), n);
  if (r.ret < 0) return r.ret;
  if (r.type) duparg(ctx, 'type', argv[r.ret]!);
  /* the peer's ifinfomsg gets what iplink_parse wrote into the outer one */
  const peer = data + 4;
  n.dv.setInt32(peer + 4, ifi.index(n), true);
  n.dv.setUint32(peer + 8, ifi.flags(n), true);
  n.dv.setUint32(peer + 12, ifi.change(n), true);
  ifi.flags(n, save.flags);
  ifi.change(n, save.change);
  ifi.index(n, save.index);
  addattr_nest_end(n, data);
  return argv.length - 1 - r.ret;
}

/** ip/iplink.c iplink_modify: one RTM_NEWLINK/DELLINK built, sent, acked */
function iplink_modify(ctx: ip_ctx, cmd: number, flags: number, argv: string[]): number {
  const req = iplink_req(ctx, cmd, NLM_F_REQUEST | flags, ctx.preferred_family);
  const r = iplink_parse(ctx, argv, req);
  if (r.ret < 0) return r.ret;
  const type = r.type;
  if (type) {
    const linkinfo = addattr_nest(req, req.maxlen, U.IFLA_LINKINFO);
    addattr_l(req, req.maxlen, U.IFLA_INFO_KIND, strbytes(type));
    const rest = argv.slice(r.ret);
    const slave = type.includes('_') && type.slice(type.indexOf('_')) === '_slave';
    const iflatype = slave ? U.IFLA_INFO_SLAVE_DATA : U.IFLA_INFO_DATA;
    if (type === 'veth' && rest.length) {
      const data = addattr_nest(req, req.maxlen, iflatype);
      if (veth_parse_opt(ctx, rest, req)) return -1;
      addattr_nest_end(req, data);
    } else if (rest.length) {
      if (matches(rest[0]!, 'help') === 0) ip_link_usage(ctx);
      ctx.err(`Garbage instead of arguments "${rest[0]} ...". Try "ip link help".\n`);
      return -1;
    }
    addattr_nest_end(req, linkinfo);
  } else if (flags & NLM_F_CREATE) {
    ctx.err('Not enough information: "type" argument is required\n');
    return -1;
  }
  const t = rtnl_talk(ctx, ctx.rth!, req, false);
  /* open_fds_free: the namespace fds stay open until the request is done */
  for (const fd of ctx.open_fds.splice(0)) ctx.env.fd_close?.(fd);
  if (t.ret) return -2;
  /* the cache entry is stale now; the next lookup asks again */
  ll_drop_by_index(ctx, ifi.index(req));
  return 0;
}

/** ip/iplink.c do_iplink */
export function do_iplink(ctx: ip_ctx, argv: string[]): number {
  if (argv.length < 1) return ipaddr_list_link(ctx, []);
  const a = argv[0]!;
  const rest = argv.slice(1);
  if (iplink_have_newlink(ctx)) {
    if (matches(a, 'add') === 0) return iplink_modify(ctx, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, rest);
    if (matches(a, 'set') === 0 || matches(a, 'change') === 0) return iplink_modify(ctx, RTM_NEWLINK, 0, rest);
    if (matches(a, 'replace') === 0) return iplink_modify(ctx, RTM_NEWLINK, NLM_F_CREATE | NLM_F_REPLACE, rest);
    if (matches(a, 'delete') === 0) return iplink_modify(ctx, RTM_DELLINK, 0, rest);
  }
  if (matches(a, 'show') === 0 || matches(a, 'lst') === 0 || matches(a, 'list') === 0) return ipaddr_list_link(ctx, rest);
  if (matches(a, 'help') === 0) ip_link_usage(ctx);
  ctx.err(`Command "${a}" is unknown, try "ip link help".\n`);
  ctx.exit(-1);
}
