// SPDX-License-Identifier: GPL-2.0-only
// kveth ip's output: the printer on captured RTM_NEWLINK bytes, -s/-s -s columns, error texts
// and batch handling, and the golden topology built with kveth ip on kveth's kernel and printed
// as `ip link show` / -s / -d.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'fs';
import * as path from 'path';
import { run_ip } from '../src/tools/ip/ip';
import { ip_ctx, type ip_env } from '../src/tools/ip/ctx';
import { print_linkinfo } from '../src/tools/ip/ipaddress';
import { ll_remember_index } from '../src/tools/ip/ll_map';
import { nlmsg_split, rtnl_open, nlmsg, addattr_l, cstr, addattr32 } from '../src/tools/ip/libnetlink';
import { getcmdline, makeargs } from '../src/tools/ip/utils';
import { kernel_env } from '../src/tools/ip/kernel_env';
import { GOLDEN, ip_argv, load_meta, load_records, normalise_request, replay_env } from './support/ip_replay';

const records = load_records();
const golden = (f: string): string => fs.readFileSync(path.join(GOLDEN, f), 'utf8');

/* print every RTM_NEWLINK of the captured dump the way `ip [-s] [-d] link show` does */
function print_dump(cmd: string): { text: string; expect: string } {
  const rec = records.find((r) => r.cmd === cmd)!;
  const env = replay_env({ ...rec, messages: rec.messages.filter((m) => m.sock === 1) });
  let text = '';
  const ctx = new ip_ctx(env, (s) => { text += s; }, (s) => { throw new Error(`stderr: ${s}`); }, null);
  ctx.rth = rtnl_open(ctx); /* socket 0, as in ip; the netns id lookups get socket 1 */
  ctx.do_link = true;
  ctx.preferred_family = 17;
  ctx.filter = { ifindex: 0, up: false, master: 0, group: -1, showqueue: true, family: 17 };
  ctx.show_stats = cmd.includes(' -s ') ? 1 : 0;
  ctx.show_details = cmd.includes(' -d ') ? 1 : 0;
  const msgs = rec.messages.filter((m) => m.dir === 'recv' && m.sock === 0).flatMap((m) => nlmsg_split(new Uint8Array(Buffer.from(m.hex, 'hex'))).msgs).filter((h) => h.type === 16);
  for (const h of msgs) ll_remember_index(ctx, h);
  for (const h of msgs) text += print_linkinfo(ctx, h) ?? '';
  return { text, expect: rec.stdout };
}

for (const cmd of ['ip link show', 'ip -s link show', 'ip -d link show']) {
  test(`printing the captured reply bytes of \`${cmd}\` gives ip's stdout`, () => {
    const { text, expect } = print_dump(cmd);
    assert.ok(expect.split('\n').length > 18, 'nine links in the golden');
    assert.fixture(text, expect);
  });
}

/* a one-link RTM_NEWLINK with the given stats, as bytes */
function link_msg(name: string, stats: Partial<Record<string, bigint>>, carrier_changes: number): Uint8Array {
  const n = new nlmsg(2048);
  n.len = 32;
  n.type = 16;
  n.dv.setUint16(18, 1, true); /* ARPHRD_ETHER */
  n.dv.setInt32(20, 2, true);
  n.dv.setUint32(24, 0x11043, true);
  addattr_l(n, 2048, 3, cstr(name));
  const order = ['rx_packets', 'tx_packets', 'rx_bytes', 'tx_bytes', 'rx_errors', 'tx_errors', 'rx_dropped', 'tx_dropped'];
  const s = new Uint8Array(25 * 8);
  const dv = new DataView(s.buffer);
  order.forEach((k, i) => dv.setBigUint64(i * 8, stats[k] ?? 0n, true));
  addattr_l(n, 2048, 23, s);
  addattr32(n, 2048, 35, carrier_changes);
  return n.bytes();
}

test('-s -s counters: columns and values as iproute2 6.1 printed them for a live veth', () => {
  /* from `ip -s -s link show` on the capture machine after 12000 broadcast frames */
  const b = link_msg('v1', { rx_bytes: 12000266n, rx_packets: 12003n, rx_dropped: 12000n, tx_bytes: 176n, tx_packets: 2n }, 2);
  const ctx = new ip_ctx({} as ip_env, () => {}, () => {}, null);
  ctx.do_link = true;
  ctx.show_stats = 2;
  ctx.filter = { ifindex: 0, up: false, master: 0, group: -1, showqueue: true, family: 17 };
  const t = print_linkinfo(ctx, nlmsg_split(b).msgs[0]!)!;
  assert.fixture(t.split('\n').slice(2).join('\n'), [
    '    RX:  bytes packets errors dropped  missed   mcast           ',
    '      12000266   12003      0   12000       0       0 ',
    '    RX errors:  length    crc   frame    fifo overrun',
    '                     0      0       0       0       0 ',
    '    TX:  bytes packets errors dropped carrier collsns           ',
    '           176       2      0       0       0       0 ',
    '    TX errors: aborted   fifo  window heartbt transns',
    '                     0      0       0       0       2 ',
    '',
  ].join('\n'));
});

test('malformed RTM_NEWLINK bytes never throw in the printer', () => {
  const base = new Uint8Array(Buffer.from(records[24]!.messages.find((m) => m.dir === 'recv' && m.hex.length > 2000)!.hex, 'hex'));
  let seed = 0x6b76;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const ctx = new ip_ctx(replay_env(records[24]!), () => {}, () => {}, null);
  ctx.do_link = true;
  ctx.show_stats = 2;
  ctx.show_details = 1;
  let printed = 0;
  for (let i = 0; i < 400; i++) {
    const b = base.slice(0, 16 + rnd(base.length));
    for (let k = 0; k < 6; k++) b[rnd(b.length)] = rnd(256);
    new DataView(b.buffer).setUint32(0, b.length, true);
    new DataView(b.buffer).setUint16(4, 16, true);
    for (const h of nlmsg_split(b).msgs) if (print_linkinfo(ctx, h) !== null) printed++;
  }
  assert.ok(printed > 50, `most mutated messages still print (${printed})`);
});

test('batch lines: comments, continuations, quoting', () => {
  const lines = ['link add a type veth # c', '# only a comment', 'link set \\', '  a up', "netns exec 'N S' ip link"];
  const pos = { i: 0, lineno: 0 };
  const got: [string[] | null, number][] = [];
  for (let l = getcmdline(lines, pos); l !== null; l = getcmdline(lines, pos)) got.push([makeargs(l), pos.lineno]);
  assert.equal(got, [
    [['link', 'add', 'a', 'type', 'veth'], 1], [[], 2], [['link', 'set', 'a', 'up'], 4], [['netns', 'exec', 'N S', 'ip', 'link'], 5],
  ]);
});

/*
 * A kernel that knows no devices: the probe gets ENODEV (RTM_NEWLINK is supported), every
 * lookup by name gets ENODEV. Enough for ip's own argument errors, which the live ip 6.1
 * printed as below (`unshare -n ip ...`).
 */
function empty_kernel(): ip_env {
  const q = new Map<unknown, Uint8Array[]>();
  const ns = ['n1'];
  return {
    nl_create: () => { const s = {}; q.set(s, []); return s; },
    nl_sendmsg(s, b) {
      const e = new Uint8Array(36 + 16);
      const dv = new DataView(e.buffer);
      dv.setUint32(0, e.length, true);
      dv.setUint16(4, 2, true);
      dv.setUint32(8, new DataView(b.buffer, b.byteOffset).getUint32(8, true), true);
      dv.setInt32(16, -19, true);
      e.set(b.subarray(0, 32), 20);
      q.get(s)!.push(e);
      return b.length;
    },
    nl_recvmsg: (s) => q.get(s)!.shift() ?? null,
    nl_setsockopt_ext_ack() {},
    nl_close() {},
    netns_list: () => [...ns],
    netns_exists: (n) => ns.includes(n),
    netns_add: (n) => (ns.includes(n) ? -17 : (ns.unshift(n), 0)),
    netns_del: (n) => (ns.includes(n) ? (ns.splice(ns.indexOf(n), 1), 0) : -2),
    netns_fd: (n) => (ns.includes(n) ? 5 : -2),
    read_file: () => -2,
  };
}
const live_errors: [string, number, string, string?][] = [
  ['link add foo type veth bar', 1, '', "Usage: ip link <options> type veth [peer <options>]\nTo get <options> type 'ip link add help'\n"],
  ['link add foo type veth peer name x type veth', 255, 'Error: duplicate "type": "veth" is the second value.\n'],
  ['link add v0 mtu abc type veth', 255, 'Error: argument "abc" is wrong: Invalid "mtu" value\n\n'],
  ['link add v0 mtu 10 mtu 20 type veth', 255, 'Error: duplicate "mtu": "20" is the second value.\n'],
  ['link add foo', 1, 'Not enough information: "type" argument is required\n'],
  ['link add foo type', 255, 'Command line is not complete. Try option "help"\n'],
  ['link add foo type veth peer name', 255, 'Command line is not complete. Try option "help"\n'],
  ['link add foo name bar type veth', 255, 'both "name" and "dev" cannot be used when creating devices.\n'],
  ['link set', 255, 'Not enough information: "dev" argument is required.\n'],
  ['link del', 255, 'Not enough information: "dev" argument is required.\n'],
  ['link set dev lo dev lo', 255, 'Error: either "dev" is duplicate, or "lo" is a garbage.\n'],
  ['link set lo mtu abc', 255, 'Error: argument "abc" is wrong: Invalid "mtu" value\n\n'],
  ['link set lo address zz', 1, '"zz" is invalid lladdr.\n'],
  ['link set v0 netns n9', 255, 'Error: argument "n9" is wrong: Invalid "netns" value\n\n'],
  ['link show nosuch', 1, 'Device "nosuch" does not exist.\n'],
  ['link del nosuch', 1, 'Cannot find device "nosuch"\n'],
  ['link foo', 255, 'Command "foo" is unknown, try "ip link help".\n'],
  ['bogus', 1, 'Object "bogus" is unknown, try "ip help".\n'],
  ['netns add n1', 1, 'Cannot create namespace file "/run/netns/n1": File exists\n'],
  ['netns del nope', 1, 'Cannot remove namespace file "/run/netns/nope": No such file or directory\n'],
  ['-n nope link show', 255, 'Cannot open network namespace "nope": No such file or directory\n'],
  ['netns exec nope ip link', 255, 'Cannot open network namespace "nope": No such file or directory\n'],
  ['netns exec n1 nosuchcmd', 1, 'exec of "nosuchcmd" failed: No such file or directory\n'],
  ['netns exec', 1, 'No netns name specified\n'],
  ['netns exec n1', 1, 'No command specified\n'],
  ['netns foo', 255, 'Command "foo" is unknown, try "ip netns help".\n'],
  /* object abbreviations take the first match in ip.c's cmds[]: "net" is netns, not netconf */
  ['net foo', 255, 'Command "foo" is unknown, try "ip netns help".\n'],
  ['-batch nosuch.txt', 1, 'Cannot open file "nosuch.txt" for reading: No such file or directory\n'],
  ['-V', 0, '', 'ip utility, iproute2-6.1.0, libbpf 1.1.2\n'],
  /* the integer options and on/off switches of iplink_parse (`unshare -n ip ...`, iproute2 6.1.0) */
  ['link add v0 txqueuelen x type veth', 255, 'Error: argument "x" is wrong: Invalid "txqueuelen" value\n\n'],
  ['link add v0 qlen 1 txqlen 2 type veth', 255, 'Error: duplicate "txqueuelen": "2" is the second value.\n'],
  ['link add v0 group 1 group 2 type veth', 255, 'Error: duplicate "group": "2" is the second value.\n'],
  ['link add v0 group abc type veth', 255, 'Error: argument "abc" is wrong: Invalid "group" value\n\n'],
  ['link add v0 numtxqueues abc type veth', 255, 'Error: argument "abc" is wrong: Invalid "numtxqueues" value\n\n'],
  ['link add v0 numrxqueues 1 numrxqueues 2 type veth', 255, 'Error: duplicate "numrxqueues": "2" is the second value.\n'],
  ['link set lo link-netnsid 1 link-netnsid 2', 255, 'Error: duplicate "link-netns/link-netnsid": "2" is the second value.\n'],
  ['link set lo link-netnsid x', 255, 'Error: argument "x" is wrong: Invalid "link-netnsid" value\n\n'],
  ['link set lo promisc maybe', 1, 'Error: argument of "promisc" must be "on" or "off", not "maybe"\n'],
  ['link set lo arp yes', 1, 'Error: argument of "arp" must be "on" or "off", not "yes"\n'],
  ['link set lo dynamic maybe', 1, 'Error: argument of "dynamic" must be "on" or "off", not "maybe"\n'],
  ['link set lo trailers 1', 1, 'Error: argument of "trailers" must be "on" or "off", not "1"\n'],
  /* carrier and protodown go through parse_on_off: another text, and -EINVAL as the status */
  ['link set lo carrier maybe', 22, 'Error: argument of "carrier" must be one of "off", "on", not "maybe"\n'],
  ['link set lo protodown x', 22, 'Error: argument of "protodown" must be one of "off", "on", not "x"\n'],
  /* alias is checked against IFALIASZ and does not end the argument list; group goes through rtnl_group_a2n (no negatives) */
  [`link set lo alias ${'x'.repeat(256)}`, 255, `Error: argument "${'x'.repeat(256)}" is wrong: alias too long\n\n`],
  ['link set lo group -5', 255, 'Error: argument "-5" is wrong: Invalid "group" value\n\n'],
  /* addattr_l's complaint when the name does not fit ll_link_get's 1056-byte request */
  [`link show ${'x'.repeat(1100)}`, 1, `addattr_l ERROR: message exceeded bound of 1056\nDevice "${'x'.repeat(1100)}" does not exist.\n`],
];
for (const [cmd, code, err, out] of live_errors) {
  test(`ip ${cmd}: ${JSON.stringify(err || out)}`, () => {
    let o = '';
    let e = '';
    const rc = run_ip(empty_kernel(), cmd.split(' '), (s) => { o += s; }, (s) => { e += s; });
    assert.is(e, err);
    assert.is(o, out ?? '');
    assert.is(rc, code);
  });
}

test('option abbreviations resolve in the order of ip.c main(): -h is -human, -f -family, -fo -force', () => {
  /* live ip 6.1: `ip -h link show` and `ip -t link show` list links, `ip -f link show` takes "link" as the family */
  for (const [opt, name] of [['-h', '-human'], ['-f', '-family'], ['-l', '-loops'], ['-t', '-timestamp'], ['-c=never', '-color']]) {
    let e = '';
    assert.is(run_ip(empty_kernel(), [opt!, 'link', 'show'], () => {}, (x) => { e += x; }), 255);
    assert.is(e, `Option "${opt}" (${name}) is not implemented by kveth ip.\n`);
  }
  let e = '';
  assert.is(run_ip(empty_kernel(), ['-fo', '-he'], () => {}, (x) => { e += x; }), 255);
  assert.match(e, /^Usage: ip \[ OPTIONS \]/);
});

/* batch files the live ip 6.1 read (`unshare -mn ip -batch FILE`): status and stderr */
const live_batches: [string, string, number, string][] = [
  ['backslash on the last line', 'link show lo \\\n', 0, 'Missing continuation line\n'],
  ['a comment after the backslash takes the newline with it', 'link show lo \\ # c\nlink show\n', 255, 'Error: either "dev" is duplicate, or "\\" is a garbage.\n'],
  ['unterminated quote', "link show 'lo\n", 1, 'Unterminated quoted string\n'],
  ['a closing quote ends the word', "link set lo alias 'a b'c up\n", 255, 'Error: either "dev" is duplicate, or "c" is a garbage.\n'],
  ['511 words are allowed', `${Array(511).fill('lo').join(' ')}\n`, 1, 'Object "lo" is unknown, try "ip help".\nCommand failed f:1\n'],
  ['512 words are too many', `${Array(512).fill('lo').join(' ')}\n`, 1, 'Too many arguments to command\n'],
  ['the word count is checked before the quote', `${Array(511).fill('lo').join(' ')} 'q\n`, 1, 'Too many arguments to command\n'],
  ['a quote as word 511', `${Array(510).fill('lo').join(' ')} 'q\n`, 1, 'Unterminated quoted string\n'],
];
for (const [what, text, code, err] of live_batches) {
  test(`ip -batch: ${what}`, () => {
    let e = '';
    const rc = run_ip({ ...empty_kernel(), read_file: (p) => (p === 'f' ? text : -2) }, ['-batch', 'f'], () => {}, (s) => { e += s; });
    assert.is(e, err);
    assert.is(rc, code);
  });
}

test('ip address: the AF_UNSPEC link dump request carries the filter attributes, as ip 6.1 sent it', () => {
  /* strace -e write=3 of `ip address` and `ip address show type veth` (iproute2 6.1.0), seq zeroed */
  for (const [args, want] of [
    [['address'], '280000001200010300000000000000000000000000000000000000000000000008001d0001000000'],
    [['address', 'show', 'type', 'veth'], '340000001200010300000000000000000000000000000000000000000000000008001d00010000000c0012000800010076657468'],
  ] as const) {
    const env = empty_kernel();
    const sent: string[] = [];
    run_ip({ ...env, nl_sendmsg: (s, b) => { sent.push(normalise_request(b)); return env.nl_sendmsg(s, b); } }, [...args], () => {}, () => {});
    assert.is(sent[0], want, args.join(' '));
  }
});

/* ---- end to end on kveth's kernel ---- */

function capture(env: ip_env, argv: string[], netns: string | null = null): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run_ip(env, argv, (s) => { out += s; }, (s) => { err += s; }, netns);
  return { code, out, err };
}

/*
 * /run/netns as the capture machine had it: only the names the test adds. Other test files in
 * this process (build_topology, protocols) keep namespaces of their own registered, and ip asks
 * RTM_GETNSID about every /run/netns entry when it resolves link-netnsid to a name.
 */
function only_netns(env: ip_env, names: string[]): ip_env {
  return { ...env, netns_list: () => env.netns_list().filter((n) => names.includes(n)) };
}

/*
 * Differences that come from the kernel side as it stands (src/net, not kveth ip), listed so
 * the end-to-end tests check everything else exactly and fail when the list goes stale. Empty:
 * since IFLA_AF_SPEC is filled (inet_af_ops, inet6_ops), `ip -d` prints "addrgenmode eui64" too.
 */
const KNOWN_TOPOLOGY: Record<string, { lines: number[]; stderr: string }> = {
  'ip-link-show.txt': { lines: [], stderr: '' },
  'ip-s-link-show.txt': { lines: [], stderr: '' },
  'ip-d-link-show.txt': { lines: [], stderr: '' },
};
const KNOWN_RECORDS: string[] = [];

test('link arguments as the live ip 6.1 took them (`unshare -mn ip ...` in a fresh namespace)', () => {
  const env = kernel_env();
  const ns = ['ipo-args', 'ipo-peer'];
  const run = (...a: string[]) => capture(env, ['-n', 'ipo-args', ...a]);
  const mac = (t: string) => t.replace(/link\/ether \S+/g, 'link/ether MAC');
  try {
    for (const n of ns) assert.is(capture(env, ['netns', 'add', n]).code, 0);
    const lo = '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';
    /* rtnl_group_a2n: strtol base 0 truncated to int, so 4294967296 is group 0 and 0x1 is group 1 */
    assert.equal(run('link', 'show', 'group', '4294967296'), { code: 0, out: lo, err: '' });
    assert.equal(run('link', 'show', 'group', '0x1'), { code: 0, out: '', err: '' });
    /* ll_addr_a2n: a dotted address is get_addr_ipv4's (missing parts zero); more than 32 groups count as 33 bytes */
    assert.equal(run('link', 'set', 'lo', 'address', '1.2.3'), { code: 1, out: '', err: 'Invalid address length 4 - must be 6 bytes\n' });
    assert.equal(run('link', 'set', 'lo', 'address', '0x1.2.3.4'), { code: 1, out: '', err: 'Invalid address length 4 - must be 6 bytes\n' });
    const a33 = Array.from({ length: 33 }, (_, i) => (i % 256).toString(16).padStart(2, '0')).join(':');
    assert.equal(run('link', 'set', 'lo', 'address', a33), { code: 1, out: '', err: 'Invalid address length 33 - must be 6 bytes\n' });
    /* alias does not end the arguments: the mtu after it is applied too */
    assert.is(run('link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1').code, 0);
    assert.equal(run('link', 'set', 'dev', 'v0', 'alias', 'a', 'mtu', '1400'), { code: 0, out: '', err: '' });
    const r = run('link', 'show', 'v0');
    assert.is(mac(r.out), '3: v0@v1: <BROADCAST,MULTICAST,M-DOWN> mtu 1400 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n    link/ether MAC brd ff:ff:ff:ff:ff:ff\n    alias a\n');
    /* link-netns NS with no nsid yet: RTM_GETNSID, RTM_NEWNSID (nsid -1) on the main socket, RTM_GETNSID again (strace -e write=3,4, fd and seq zeroed) */
    const sent: string[] = [];
    const spy: ip_env = { ...env, nl_sendmsg(s, b) { sent.push(normalise_request(b)); return env.nl_sendmsg(s, b); } };
    assert.equal(capture(spy, ['-n', 'ipo-args', 'link', 'add', 'v2', 'type', 'veth', 'peer', 'name', 'v3', 'link-netns', 'ipo-peer']), { code: 0, out: '', err: '' });
    assert.equal(sent, [
      '2000000010000500000000000000000000000000000000000000000000000000',
      '1c0000005a0001000000000000000000000000000800030000000000',
      '2400000058000500000000000000000000000000080003000000000008000100ffffffff',
      '1c0000005a0001000000000000000000000000000800030000000000',
      '5c00000010000506000000000000000000000000000000000000000000000000070003007632000034001200080001007665746828000200240001000000000000000000000000000000000008002500000000000700030076330000',
    ]);
  } finally {
    for (const n of ns) capture(env, ['netns', 'del', n]);
  }
});

test('the golden topology built with kveth ip prints as ip link show / -s / -d on Linux', () => {
  const topo = JSON.parse(golden('ip-show-topology.json')) as { setup_in_NS1: string[] };
  /* the setup as one batch: namespaces, then every ip command inside NS1 */
  const lines: string[] = [];
  for (const c of topo.setup_in_NS1) if (c.startsWith('ip ')) lines.push(`netns exec NS1 ${c}`);
  const env = only_netns(kernel_env({ files: { 'topology.batch': `${lines.join('\n')}\n` } }), ['NS1', 'NS2']);
  try {
    /* the capture's first step, `sysctl -w net.ipv6.conf.all.disable_ipv6=1 ...default.disable_ipv6=1` in NS1 and NS2 */
    const { netns_lookup } = require('../src/net/core/net_namespace') as typeof import('../src/net/core/net_namespace');
    const { set_ipv6_disabled } = require('../src/net/ipv6/addrconf') as typeof import('../src/net/ipv6/addrconf');
    for (const name of ['NS1', 'NS2']) {
      assert.is(capture(env, ['netns', 'add', name]).code, 0);
      set_ipv6_disabled(netns_lookup(name)!, true);
    }
    const b = capture(env, ['-batch', 'topology.batch']);
    assert.equal([b.code, b.err], [0, ''], 'the setup batch runs clean');
    for (const [args, file] of [[['link', 'show'], 'ip-link-show.txt'], [['-s', 'link', 'show'], 'ip-s-link-show.txt'], [['-d', 'link', 'show'], 'ip-d-link-show.txt']] as const) {
      const r = capture(env, ['-n', 'NS1', ...args]);
      assert.is(r.code, 0);
      const want = golden(file).split('\n');
      const got = r.out.split('\n');
      assert.is(got.length, want.length, `${file}: line count`);
      const differ = want.map((l, i) => (l === got[i] ? 0 : i + 1)).filter((n) => n);
      assert.equal(differ, KNOWN_TOPOLOGY[file]!.lines, `${file}: lines that differ from Linux (kernel-side list above)`);
      assert.is(r.err, KNOWN_TOPOLOGY[file]!.stderr);
    }
  } finally {
    capture(env, ['netns', 'del', 'NS1']);
    capture(env, ['netns', 'del', 'NS2']);
  }
});

test('the 32 captured commands on kveth: same requests, exit codes, stdout and stderr as on Linux', () => {
  const meta = load_meta();
  const env = only_netns(kernel_env({ files: { 'batch.txt': meta['batch_file_batch.txt'] as string } }), ['NS1', 'NS2']);
  const sent: string[][] = [];
  const spy: ip_env = {
    ...env,
    nl_sendmsg(s, b) { sent[sent.length - 1]!.push(normalise_request(b)); return env.nl_sendmsg(s, b); },
  };
  try {
    assert.is(capture(env, ['netns', 'add', 'NS1']).code, 0);
    assert.is(capture(env, ['netns', 'add', 'NS2']).code, 0);
    const diffs: string[] = [];
    records.forEach((rec, i) => {
      /* the capture script deletes c0 (unrecorded) between the two batch runs */
      if (rec.cmd === 'ip -force -batch batch.txt') capture(env, ['link', 'del', 'c0'], 'NS1');
      sent.push([]);
      const r = capture(spy, ip_argv(rec.cmd), 'NS1');
      if (r.code !== rec.exit) diffs.push(`#${i} exit`);
      if (r.err !== rec.stderr) diffs.push(`#${i} stderr`);
      if (r.out !== rec.stdout) {
        diffs.push(`#${i} stdout`);
        /* what differs must be the af_spec item only */
        if (r.out !== rec.stdout.replace(/addrgenmode eui64 /g, '')) diffs.push(`#${i} stdout beyond addrgenmode`);
      }
      if (JSON.stringify(sent[i]) !== JSON.stringify(rec.requests)) diffs.push(`#${i} requests`);
    });
    assert.equal(diffs, KNOWN_RECORDS);
  } finally {
    capture(env, ['netns', 'del', 'NS1']);
    capture(env, ['netns', 'del', 'NS2']);
  }
});

test.run();
