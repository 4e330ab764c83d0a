// SPDX-License-Identifier: GPL-2.0-only
/*
 * iproute2's ip/ip.c: global options, the object table, do_cmd and -batch. ip_main runs one
 * `ip` process against an ip_env and returns its exit status; exit() anywhere inside ends
 * the process (and so a batch) as it does in iproute2.
 */
import { ip_ctx, ip_exit, type ip_env } from './ctx';
import { rtnl_close, rtnl_open } from './libnetlink';
import { do_iplink } from './iplink';
import { do_ipaddr } from './ipaddress';
import { do_netns, netns_switch } from './ipnetns';
import { MAX_ARGS, getcmdline, makeargs, matches } from './utils';
import { strerror } from './strerror';

export const IP_VERSION = 'ip utility, iproute2-6.1.0, libbpf 1.1.2';

const IP_USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | link | netns }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -o[neline] |
                    -n[etns] name | -force | -b[atch] filename }
(kveth ip: the iproute2 6.1 subset for veth links and named namespaces)
`;

/*
 * ip/ip.c's cmds[], in its order (an abbreviation runs the first object it is a prefix of:
 * "net" is netns, "s" is sr). Objects kveth ip does not have (yet) are named, so the refusal
 * is clear.
 */
type object_fn = ((ctx: ip_ctx, argv: string[]) => number) | null;
const cmds: [string, object_fn][] = [
  ['address', do_ipaddr], ['addrlabel', null], ['maddress', null], ['route', null], ['rule', null], ['neighbor', null],
  ['neighbour', null], ['ntable', null], ['ntbl', null], ['link', do_iplink], ['l2tp', null], ['fou', null], ['ila', null],
  ['macsec', null], ['tunnel', null], ['tunl', null], ['tuntap', null], ['tap', null], ['token', null], ['tcpmetrics', null],
  ['tcp_metrics', null], ['monitor', null], ['xfrm', null], ['mroute', null], ['mrule', null],
  ['netns', (ctx, argv) => do_netns(ctx, argv, ip_main)], ['netconf', null], ['vrf', null], ['sr', null], ['nexthop', null],
  ['mptcp', null], ['ioam', null], ['stats', null], ['help', (ctx) => usage(ctx)],
];

/*
 * main()'s option chain in ip/ip.c, in its order: [name, compared whole (strcmp) rather than
 * as a prefix (matches), kveth ip has it]. -color is matched on the part before '=', as
 * matches_color does.
 */
const IP_OPTIONS: [string, boolean, boolean][] = [
  ['-loops', false, false], ['-family', false, false], ['-4', true, false], ['-6', true, false], ['-0', true, true],
  ['-M', true, false], ['-B', true, false], ['-human', false, false], ['-human-readable', false, false], ['-iec', false, false],
  ['-stats', false, true], ['-statistics', false, true], ['-details', false, true], ['-resolve', false, false],
  ['-oneline', false, true], ['-timestamp', false, false], ['-tshort', false, false], ['-Version', false, true],
  ['-force', false, true], ['-batch', false, true], ['-brief', false, false], ['-json', false, false], ['-pretty', false, false],
  ['-rcvbuf', false, false], ['-color', false, false], ['-help', false, true], ['-netns', false, true],
  ['-Numeric', false, false], ['-all', false, false], ['-echo', true, false],
];

function usage(ctx: ip_ctx): never {
  ctx.err(IP_USAGE);
  ctx.exit(-1);
}

/** do_cmd: find the object by prefix, run it; the object's negative return is the status */
function do_cmd(ctx: ip_ctx, argv0: string, argv: string[]): number {
  for (const [name, fn] of cmds) {
    if (matches(argv0, name) === 0) {
      if (!fn) {
        ctx.err(`Object "${name}" is not implemented by kveth ip.\n`);
        return 1;
      }
      return -fn(ctx, argv);
    }
  }
  ctx.err(`Object "${argv0}" is unknown, try "ip help".\n`);
  return 1;
}

/** batch: run FILE line by line; stop at the first failure unless -force */
function batch(ctx: ip_ctx, name: string): number {
  ctx.batch_mode = true;
  const text = ctx.env.read_file(name);
  if (typeof text === 'number') {
    ctx.err(`Cannot open file "${name}" for reading: ${strerror(-text)}\n`);
    return 1;
  }
  const rth = rtnl_open(ctx);
  if (!rth) {
    ctx.err('Cannot open rtnetlink\n');
    return 1;
  }
  ctx.rth = rth;
  let ret = 0;
  const lines = text.split('\n');
  const last_nl = text.endsWith('\n');
  if (last_nl) lines.pop();
  const pos = { i: 0, lineno: 0 };
  const orig_family = ctx.preferred_family;
  const next = (): string | null => getcmdline(lines, pos, ctx.err, last_nl);
  try {
    for (let line = next(); line !== null; line = next()) {
      ctx.preferred_family = orig_family;
      ctx.cmdlineno = pos.lineno;
      const largv = makeargs(line, MAX_ARGS, ctx.err);
      if (largv === null) ctx.exit(1);
      if (largv.length === 0) continue;
      if (do_cmd(ctx, largv[0]!, largv.slice(1))) {
        ctx.err(`Command failed ${name}:${pos.lineno}\n`);
        ret = 1;
        if (!ctx.force) break;
      }
    }
  } finally {
    rtnl_close(ctx, rth);
  }
  return ret;
}

/**
 * ip's main() after argv[0]: options, then -batch or one command. Throws ip_exit for exit();
 * run_ip below turns that into a status.
 */
export function ip_main(ctx: ip_ctx, argv: string[]): number {
  let i = 0;
  let batch_file: string | null = null;
  while (i < argv.length) {
    let opt = argv[i]!;
    if (opt === '--') { i++; break; }
    if (opt[0] !== '-') break;
    if (opt[1] === '-') opt = opt.slice(1);
    const need = (): string => {
      i++;
      if (i >= argv.length) usage(ctx);
      return argv[i]!;
    };
    /* the first option of main()'s chain that `opt` names wins, so "-h" is -human and "-f" -family */
    const known = IP_OPTIONS.find(([name, exact]) => (exact ? opt === name : matches(name === '-color' ? opt.split('=')[0]! : opt, name) === 0));
    const which = known && known[2] ? known[0] : null;
    if (which === '-0') ctx.preferred_family = 17;
    else if (which === '-stats' || which === '-statistics') ctx.show_stats++;
    else if (which === '-details') ctx.show_details++;
    else if (which === '-oneline') ctx.oneline = true;
    else if (which === '-Version') {
      ctx.out(`${IP_VERSION}\n`);
      ctx.exit(0);
    } else if (which === '-force') ctx.force = true;
    else if (which === '-batch') batch_file = need();
    else if (which === '-help') usage(ctx);
    else if (which === '-netns') {
      const ns = argv[i + 1];
      if (ns === undefined) {
        ctx.err('Command line is not complete. Try option "help"\n');
        ctx.exit(-1);
      }
      i++;
      if (netns_switch(ctx, ns)) ctx.exit(-1);
    } else if (known) {
      ctx.err(`Option "${opt}" (${known[0]}) is not implemented by kveth ip.\n`);
      ctx.exit(-1);
    } else {
      ctx.err(`Option "${opt}" is unknown, try "ip -help".\n`);
      ctx.exit(-1);
    }
    i++;
  }
  if (batch_file !== null) return batch(ctx, batch_file);
  const rth = rtnl_open(ctx);
  if (!rth) ctx.exit(1);
  ctx.rth = rth;
  ctx.env.nl_setsockopt_strict_chk?.(rth.sock, true);
  try {
    if (i < argv.length) return do_cmd(ctx, argv[i]!, argv.slice(i + 1));
  } finally {
    rtnl_close(ctx, rth);
  }
  usage(ctx);
}

/** Run `ip ARGS...` as a process: returns the exit status (0..255) */
export function run_ip(env: ip_env, argv: string[], out: (s: string) => void, err: (s: string) => void, netns: string | null = null): number {
  const ctx = new ip_ctx(env, out, err, netns);
  try {
    return ip_main(ctx, argv) & 0xff;
  } catch (e) {
    if (e instanceof ip_exit) return e.code;
    throw e;
  }
}
