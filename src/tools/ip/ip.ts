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
import { getcmdline, makeargs, matches } from './utils';
import { strerror } from './strerror';

export const IP_VERSION = 'ip utility, iproute2-6.1.0, libbpf 1.1.2';

const IP_USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | link | netns }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -o[neline] |
                    -n[etns] name | -force | -b[atch] filename }
(kveth ip: the iproute2 6.1 subset for veth links and named namespaces)
`;

/* objects iproute2 has and kveth ip does not (yet): named so the refusal is clear */
const OTHER_OBJECTS = [
  'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'l2tp', 'fou', 'ila', 'macsec',
  'tunnel', 'tunl', 'tuntap', 'tap', 'token', 'tcpmetrics', 'tcp_metrics', 'monitor', 'xfrm', 'mroute', 'mrule',
  'netconf', 'vrf', 'sr', 'nexthop', 'mptcp', 'ioam', 'stats',
];
const cmds: [string, ((ctx: ip_ctx, argv: string[]) => number) | null][] = [
  ['address', do_ipaddr],
  ...OTHER_OBJECTS.slice(0, 8).map((o): [string, null] => [o, null]),
  ['link', do_iplink],
  ...OTHER_OBJECTS.slice(8, 24).map((o): [string, null] => [o, null]),
  ['netns', (ctx, argv) => do_netns(ctx, argv, ip_main)],
  ...OTHER_OBJECTS.slice(24).map((o): [string, null] => [o, null]),
  ['help', (ctx) => usage(ctx)],
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
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const pos = { i: 0, lineno: 0 };
  const orig_family = ctx.preferred_family;
  try {
    for (let line = getcmdline(lines, pos); line !== null; line = getcmdline(lines, pos)) {
      ctx.preferred_family = orig_family;
      ctx.cmdlineno = pos.lineno;
      const largv = makeargs(line);
      if (largv === null) {
        ctx.err(line.length > 0 && /["']/.test(line) ? 'Unterminated quoted string\n' : 'Too many arguments to command\n');
        ctx.exit(1);
      }
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
    if (opt === '-0') ctx.preferred_family = 17;
    else if (matches(opt, '-stats') === 0 || matches(opt, '-statistics') === 0) ctx.show_stats++;
    else if (matches(opt, '-details') === 0) ctx.show_details++;
    else if (matches(opt, '-oneline') === 0) ctx.oneline = true;
    else if (matches(opt, '-Version') === 0) {
      ctx.out(`${IP_VERSION}\n`);
      ctx.exit(0);
    } else if (matches(opt, '-force') === 0) ctx.force = true;
    else if (matches(opt, '-batch') === 0) batch_file = need();
    else if (matches(opt, '-help') === 0) usage(ctx);
    else if (matches(opt, '-netns') === 0) {
      const ns = argv[i + 1];
      if (ns === undefined) {
        ctx.err('Command line is not complete. Try option "help"\n');
        ctx.exit(-1);
      }
      i++;
      if (netns_switch(ctx, ns)) ctx.exit(-1);
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
