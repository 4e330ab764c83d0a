// SPDX-License-Identifier: GPL-2.0-only
/*
 * iproute2's ip/ipnetns.c: named namespaces (/run/netns in ip_env), the nsid -> name map that
 * `link-netns NAME` comes from (one RTM_GETNSID per /run/netns entry, on a socket of its own),
 * and `ip netns exec NS ip ...`, which runs a child ip inside NS.
 */
import { ip_ctx, ip_exit } from './ctx';
import { AF_UNSPEC, NLM_F_REQUEST, RTM_GETNSID, RTM_NEWNSID, NLMSG_ERROR, addattr32, nlmsg, nlmsg_at, parse_rtattr_flags, rta_getattr_u32, rtnl_open, rtnl_talk, type rtnl_handle } from './libnetlink';
import { strerror } from './strerror';
import { matches } from './utils';
import { NETNSA_FD, NETNSA_MAX, NETNSA_NSID } from './uapi';

const NETNS_RUN_DIR = '/run/netns';

/* ip keeps one socket (rtnsh) for its nsid questions */
const rtnsh = new WeakMap<ip_ctx, rtnl_handle>();
function netns_nsid_socket_init(ctx: ip_ctx): rtnl_handle | null {
  let h = rtnsh.get(ctx);
  if (!h) {
    const o = rtnl_open(ctx);
    if (!o) return null;
    h = o;
    rtnsh.set(ctx, h);
  }
  return h;
}

/** get_netnsid_from_name: RTM_GETNSID with NETNSA_FD; the nsid, -1 when none, < -1 on error */
export function get_netnsid_from_name(ctx: ip_ctx, name: string): number {
  const h = netns_nsid_socket_init(ctx);
  if (!h) return -2;
  const req = new nlmsg(16 + 4 + 1024, ctx.err);
  req.len = 17; /* NLMSG_LENGTH(sizeof(struct rtgenmsg)) */
  req.type = RTM_GETNSID;
  req.flags = NLM_F_REQUEST;
  req.buf[16] = AF_UNSPEC;
  const fd = ctx.env.netns_fd(name);
  if (fd < 0) return fd;
  addattr32(req, 1024, NETNSA_FD, fd);
  const r = rtnl_talk(ctx, h, req, true);
  ctx.env.fd_close?.(fd);
  if (r.ret < 0 || !r.answer) return -2;
  const m = nlmsg_at(r.answer, 0);
  if (m.type === NLMSG_ERROR) return -1;
  const len = m.len - 20;
  if (len < 0) return -1;
  const tb = parse_rtattr_flags(NETNSA_MAX, r.answer, 20, len, 0, ctx.err);
  return tb[NETNSA_NSID] ? rta_getattr_u32(tb[NETNSA_NSID]) | 0 : -1;
}

/**
 * set_netnsid_from_name: RTM_NEWNSID with NETNSA_FD and NETNSA_NSID (-1: the kernel picks),
 * sent on ip's main socket; 0, -2 when the kernel refused (already reported), or the fd error.
 */
export function set_netnsid_from_name(ctx: ip_ctx, name: string, nsid: number): number {
  netns_nsid_socket_init(ctx);
  const req = new nlmsg(16 + 4 + 1024, ctx.err);
  req.len = 17; /* NLMSG_LENGTH(sizeof(struct rtgenmsg)) */
  req.type = RTM_NEWNSID;
  req.flags = NLM_F_REQUEST;
  req.buf[16] = AF_UNSPEC;
  const fd = ctx.env.netns_fd(name);
  if (fd < 0) return fd;
  addattr32(req, 1024, NETNSA_FD, fd);
  addattr32(req, 1024, NETNSA_NSID, nsid);
  let err = 0;
  if (rtnl_talk(ctx, ctx.rth!, req, false).ret < 0) err = -2;
  ctx.env.fd_close?.(fd);
  return err;
}

/** netns_map_init: nsid -> name for every entry of /run/netns, once per process */
function netns_map_init(ctx: ip_ctx): Map<number, string> {
  if (ctx.nsid_map) return ctx.nsid_map;
  const map = new Map<number, string>();
  for (const name of ctx.env.netns_list()) {
    const id = get_netnsid_from_name(ctx, name);
    if (id >= 0 && !map.has(id)) map.set(id, name);
  }
  ctx.nsid_map = map;
  return map;
}

/** get_name_from_nsid */
export function get_name_from_nsid(ctx: ip_ctx, nsid: number): string | null {
  if (nsid < 0) return null;
  netns_nsid_socket_init(ctx);
  return netns_map_init(ctx).get(nsid) ?? null;
}

/** netns_switch: make NAME the namespace of everything this ip opens from now on */
export function netns_switch(ctx: ip_ctx, name: string): number {
  if (!ctx.env.netns_exists(name)) {
    ctx.err(`Cannot open network namespace "${name}": ${strerror(2)}\n`);
    return -1;
  }
  ctx.netns = name;
  return 0;
}

const invalid_name = (n: string): boolean => n.includes('/') || n === '.' || n === '..';

function netns_list(ctx: ip_ctx): number {
  for (const name of ctx.env.netns_list()) {
    let line = name;
    const id = get_netnsid_from_name(ctx, name);
    if (id >= 0) line += ` (id: ${id})`;
    ctx.out(`${line}\n`);
  }
  return 0;
}

/** netns_add / netns_delete: one name, one /run/netns entry made or removed */
function netns_add_del(ctx: ip_ctx, argv: string[], verb: 'create' | 'remove', op: (name: string) => number): number {
  if (argv.length < 1) {
    ctx.err('No netns name specified\n');
    return -1;
  }
  const e = op(argv[0]!);
  if (e < 0) {
    ctx.err(`Cannot ${verb} namespace file "${NETNS_RUN_DIR}/${argv[0]}": ${strerror(-e)}\n`);
    return -1;
  }
  return 0;
}

/**
 * netns_exec: a child process in NS. `ip ...` (or kveth ip) runs as a child ip; any other
 * program goes to env.exec when the environment has one. Returns the child's exit status
 * negated, which do_cmd negates back.
 */
function netns_exec(ctx: ip_ctx, argv: string[], ip_main: (ctx: ip_ctx, argv: string[]) => number): number {
  if (argv.length < 1) {
    ctx.err('No netns name specified\n');
    return -1;
  }
  if (argv.length < 2) {
    ctx.err('No command specified\n');
    return -1;
  }
  const ns = argv[0]!;
  if (!ctx.env.netns_exists(ns)) {
    ctx.err(`Cannot open network namespace "${ns}": ${strerror(2)}\n`);
    /* outside batch mode this is the process itself giving up */
    if (!ctx.batch_mode) ctx.exit(-1);
    return 1;
  }
  const prog = argv[1]!;
  const base = prog.slice(prog.lastIndexOf('/') + 1);
  let status: number;
  if (base === 'ip') {
    const child = new ip_ctx(ctx.env, ctx.out, ctx.err, ns);
    try {
      status = ip_main(child, argv.slice(2));
    } catch (e) {
      if (e instanceof ip_exit) status = e.code;
      else throw e;
    }
  } else if (ctx.env.exec) status = ctx.env.exec(ns, argv.slice(1), ctx.out, ctx.err);
  else {
    ctx.err(`exec of "${prog}" failed: ${strerror(2)}\n`);
    status = 1;
  }
  if (!ctx.batch_mode) ctx.exit(status);
  return -status;
}

export function do_netns(ctx: ip_ctx, argv: string[], ip_main: (ctx: ip_ctx, argv: string[]) => number): number {
  if (argv.length < 1) {
    netns_map_init(ctx);
    return netns_list(ctx);
  }
  if (argv.length > 1 && invalid_name(argv[1]!)) {
    ctx.err(`Invalid netns name "${argv[1]}"\n`);
    ctx.exit(-1);
  }
  const a = argv[0]!;
  if (matches(a, 'list') === 0 || matches(a, 'show') === 0 || matches(a, 'lst') === 0) {
    netns_map_init(ctx);
    return netns_list(ctx);
  }
  if (matches(a, 'help') === 0) {
    ctx.err(NETNS_USAGE);
    ctx.exit(-1);
  }
  if (matches(a, 'add') === 0) return netns_add_del(ctx, argv.slice(1), 'create', (n) => ctx.env.netns_add(n));
  if (matches(a, 'delete') === 0) return netns_add_del(ctx, argv.slice(1), 'remove', (n) => ctx.env.netns_del(n));
  if (matches(a, 'exec') === 0) return netns_exec(ctx, argv.slice(1), ip_main);
  ctx.err(`Command "${a}" is unknown, try "ip netns help".\n`);
  ctx.exit(-1);
}

const NETNS_USAGE = `Usage:	ip netns list
	ip netns add NAME
	ip netns delete NAME
	ip netns exec NAME cmd ...
`;
