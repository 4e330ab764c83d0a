// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel-ref: functions.json is up to date with src/, every reference is at its definition line in the
 * pinned 6.12.117 tree (when one is found), and the checker itself works on a tiny fake tree.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check_up_to_date, read_json, scan_text, render, map_entry } from '../kernel-ref/map';
import { run_check, run_fix, check_entry, kernel_tree } from '../kernel-ref/check';
import { index_c, parse_kconfig, best_candidate, candidates } from '../kernel-ref/cdefs';
import { find_tree, tree_version, PINNED } from '../kernel-ref/tree';

test('kernel-ref/functions.json is up to date with the reference comments in src/', () => {
  const r = check_up_to_date();
  assert.ok(r.ok, `kernel-ref/functions.json is out of date; run: npx tsx kernel-ref/map.ts\n${r.diff.slice(0, 40).join('\n')}`);
});

test('every reference in functions.json is at its definition line in the 6.12.117 tree', () => {
  const tree = find_tree();
  if (!tree) { console.log('  skip: no Linux 6.12 source tree (see kernel-ref/README.md)'); return; }
  const v = tree_version(tree);
  if (v !== PINNED) { console.log(`  skip: tree ${tree} is ${v}, not the pinned ${PINNED}`); return; }
  const r = run_check(read_json(), { tree, quiet: true });
  const bad = r.lines.filter((l) => /^(DRIFT|MISSING|NOFILE)/.test(l));
  assert.is(bad.length, 0, `${bad.length} references are off (npx tsx kernel-ref/check.ts --fix rewrites DRIFT):\n${bad.slice(0, 40).join('\n')}`);
});

/* ---- the checker on a fake tree ---- */

const FAKE: Record<string, string> = {
  'drivers/net/veth.c': [
    '// SPDX-License-Identifier: GPL-2.0-only',       // 1
    '#include <linux/netdevice.h>',                  // 2
    '',                                              // 3
    'static int',                                    // 4
    'veth_xmit(struct sk_buff *skb, struct net_device *dev)', // 5
    '{',                                             // 6
    '\tif (x) {',                                    // 7
    '\t\treturn veth_other(skb);',                   // 8
    '\t}',                                           // 9
    '\treturn 0;',                                   // 10
    '}',                                             // 11
    '',                                              // 12
    'static void veth_setup(struct net_device *dev);', // 13 (a prototype)
    'static const struct net_device_ops veth_netdev_ops __read_mostly = {', // 14
    '\t.ndo_start_xmit = veth_xmit,',                // 15
    '};',                                            // 16
    'static void veth_setup(struct net_device *dev)', // 17
    '{',                                             // 18
    '}',                                             // 19
    'EXPORT_SYMBOL(veth_setup);',                    // 20
  ].join('\n') + '\n',
  'include/linux/foo.h': [
    '#ifndef _LINUX_FOO_H',                          // 1
    '#define _LINUX_FOO_H',                          // 2
    '#define foo_shinfo(SKB) ((void *)(SKB))',       // 3
    'struct foo_stats {',                            // 4
    '\tint rx;',                                     // 5
    '};',                                            // 6
    '#define FOO_STATS_INC(FIELD) \\',               // 7
    'static inline void foo_stats_##FIELD##_inc(struct foo_stats *s) \\', // 8
    '{ s->FIELD++; }',                               // 9
    'FOO_STATS_INC(rx)',                             // 10
    '#ifdef CONFIG_FOO_EXT',                         // 11
    'static inline void foo_ext_reset(int *p)',      // 12
    '{',                                             // 13
    '\tif (p)',                                      // 14
    '\t\t*p = 0;',                                   // 15
    '}',                                             // 16
    '#else',                                         // 17
    'static inline void foo_ext_reset(int *p) {}',   // 18
    '#endif',                                        // 19
    '#endif',                                        // 20
  ].join('\n') + '\n',
  'net/core/foo.c': [
    '#include <linux/foo.h>',                        // 1
    'int foo_alloc(int n)',                          // 2
    '{',                                             // 3
    '\treturn n;',                                   // 4
    '}',                                             // 5
  ].join('\n') + '\n',
  'include/trace/events/foo.h': [
    'TRACE_EVENT(foo_xmit,',                         // 1
    '\tTP_PROTO(int x),',                            // 2
    '\tTP_ARGS(x));',                                // 3
    'DEFINE_EVENT(foo_template,',                    // 4
    '\tfoo_queue,',                                  // 5
    '\tTP_PROTO(int x), TP_ARGS(x));',               // 6
  ].join('\n') + '\n',
};

function fake_tree(sublevel: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kveth-fake-linux-'));
  fs.writeFileSync(path.join(root, 'Makefile'), `# SPDX-License-Identifier: GPL-2.0\nVERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = ${sublevel}\nEXTRAVERSION =\n`);
  for (const [f, text] of Object.entries(FAKE)) {
    fs.mkdirSync(path.join(root, path.dirname(f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  }
  return root;
}

const E = (kpath: string, line: number, name: string, symbol = name, kind?: 'struct'): map_entry =>
  ({ kernel: kind ? { path: kpath, line, name, kind } : { path: kpath, line, name }, ts: { path: 'src/x.ts', line: 1, symbol } });

test('cdefs: the definition line is the line holding the name', () => {
  const veth = index_c(FAKE['drivers/net/veth.c']!);
  assert.equal(candidates(veth, 'veth_xmit').map((d) => d.line), [5]);
  assert.equal(candidates(veth, 'veth_setup').map((d) => [d.line, d.kind]), [[17, 'function']]);   // not the prototype, not EXPORT_SYMBOL
  assert.equal(candidates(veth, 'veth_netdev_ops').map((d) => [d.line, d.kind]), [[14, 'variable']]);
  assert.equal(candidates(veth, 'veth_other'), []);                                               // a call is no definition
  const foo = index_c(FAKE['include/linux/foo.h']!);
  assert.equal(candidates(foo, 'foo_shinfo').map((d) => [d.line, d.kind]), [[3, 'macro']]);
  assert.equal(candidates(foo, 'foo_stats', 'struct').map((d) => d.line), [4]);
  assert.equal(candidates(foo, 'foo_stats_rx_inc').map((d) => [d.line, d.kind]), [[10, 'generated']]);
  assert.equal(candidates(foo, 'foo_ext_reset').map((d) => d.line), [12, 18]);
  const tp = index_c(FAKE['include/trace/events/foo.h']!);
  assert.equal(candidates(tp, 'foo_xmit').map((d) => d.line), [1]);
  assert.equal(candidates(tp, 'trace_foo_queue').map((d) => d.line), [5]);
});

test('cdefs: #ifdef alternatives: the config decides, else the non-stub, else the nearest', () => {
  const on = index_c(FAKE['include/linux/foo.h']!, parse_kconfig('CONFIG_FOO_EXT=y\n'));
  assert.is(best_candidate(candidates(on, 'foo_ext_reset'), 18)!.line, 12);
  const off = index_c(FAKE['include/linux/foo.h']!, parse_kconfig('# CONFIG_FOO_EXT is not set\n'));
  assert.is(best_candidate(candidates(off, 'foo_ext_reset'), 12)!.line, 18);
  const none = index_c(FAKE['include/linux/foo.h']!);
  assert.is(best_candidate(candidates(none, 'foo_ext_reset'), 18)!.line, 12);   // "{}" is a stub
});

test('check: OK, DRIFT, MISSING (with a suggestion), NOFILE on the pinned version fail', () => {
  const root = fake_tree(117);
  try {
    const entries = [
      E('drivers/net/veth.c', 5, 'veth_xmit'),
      E('drivers/net/veth.c', 12, 'veth_setup'),
      E('include/linux/foo.h', 4, 'foo_stats', 'foo_stats', 'struct'),
      E('include/linux/foo.h', 10, 'foo_stats_rx_inc'),
      E('include/trace/events/foo.h', 1, 'foo_xmit', 'trace_foo_xmit'),
      E('include/linux/foo.h', 2, 'foo_alloc'),
      E('drivers/net/nope.c', 1, 'nope'),
    ];
    const r = run_check(entries, { tree: root, config: null, pinned: '6.12.117' });
    assert.equal(r.results.map((x) => x.status), ['OK', 'DRIFT', 'OK', 'OK', 'OK', 'MISSING', 'NOFILE']);
    assert.is(r.results[1]!.found, 17);
    assert.ok(r.results[5]!.suggestions!.some((s) => s.startsWith('net/core/foo.c:2 ')), String(r.results[5]!.suggestions));
    assert.equal(r.counts, { OK: 4, DRIFT: 1, MISSING: 1, NOFILE: 1 });
    assert.is(r.code, 1);
    assert.ok(r.lines.some((l) => l.startsWith('version: 6.12.117 (pinned 6.12.117)')));
    assert.ok(r.lines.some((l) => /^DRIFT +drivers\/net\/veth\.c:12 veth_setup -> defined at drivers\/net\/veth\.c:17/.test(l)), r.lines.join('\n'));
  } finally { fs.rmSync(root, { recursive: true, force: true }); }
});

test('check: on another version drift is information (exit 0); no tree is a skip', () => {
  const root = fake_tree(100);
  try {
    const r = run_check([E('drivers/net/veth.c', 6, 'veth_xmit'), E('drivers/net/veth.c', 5, 'veth_xmit')], { tree: root, config: null, pinned: '6.12.117' });
    assert.equal(r.results.map((x) => x.status), ['DRIFT', 'OK']);
    assert.is(r.version, '6.12.100');
    assert.is(r.code, 0);
    assert.match(r.lines[r.lines.length - 1]!, /informational \(tree 6\.12\.100 is not the pinned 6\.12\.117\)/);
    assert.match(r.lines.join('\n'), /DIFFERENT VERSION/);
  } finally { fs.rmSync(root, { recursive: true, force: true }); }
  const none = run_check([], { tree: null });
  assert.is(none.code, 0);
  assert.match(none.lines[0]!, /^SKIP: no Linux 6\.12 source tree/);
  assert.is(run_check([], { tree: null, require_tree: true }).code, 2);
});

test('fix: rewrites only the line number of DRIFT references, then regenerates the json', () => {
  const root = fake_tree(117);
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'kveth-fake-src-'));
  const json = path.join(src, 'functions.json');
  try {
    fs.mkdirSync(path.join(src, 'drivers/net'), { recursive: true });
    const ts = [
      '/** drivers/net/veth.c:346 veth_xmit (the kernel\'s one) */',
      'export function veth_xmit(): number { return 0; }',
      '/** drivers/net/veth.c:17 veth_setup */',
      'export function veth_setup(): void {}',
      '/** drivers/net/veth.c:3 foo_alloc */',
      'export function foo_alloc(): void {}',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(src, 'drivers/net/veth.ts'), ts);
    const r = run_fix({ tree: root, config: null, src, json, pinned: '6.12.117' });
    assert.is(r.code, 0);
    assert.equal(r.fixed.map((x) => [x.name, x.from, x.to]), [['veth_xmit', 346, 5]]);
    assert.equal(r.unresolved.map((x) => [x.entry.kernel.name, x.status]), [['foo_alloc', 'MISSING']]);
    const after = fs.readFileSync(path.join(src, 'drivers/net/veth.ts'), 'utf8');
    assert.is(after, ts.replace('veth.c:346 veth_xmit', 'veth.c:5 veth_xmit'));
    const j = JSON.parse(fs.readFileSync(json, 'utf8')) as map_entry[];
    assert.equal(j.map((e) => [e.kernel.name, e.kernel.line, e.ts.line]), [['foo_alloc', 3, 6], ['veth_xmit', 5, 2], ['veth_setup', 17, 4]]);
    // Refuses on another version.
    const other = fake_tree(100);
    try { assert.is(run_fix({ tree: other, config: null, src, json, pinned: '6.12.117' }).code, 2); }
    finally { fs.rmSync(other, { recursive: true, force: true }); }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(src, { recursive: true, force: true });
  }
});

test('map: references, symbols, and diagnostics', () => {
  const text = [
    '/** drivers/net/veth.c:346 veth_xmit */',        // 1
    'export function veth_xmit(): void {}',           // 2
    '/**',                                            // 3
    ' * include/linux/netdevice.h:2024 struct net_device',  // 4
    ' * More words.',                                 // 5
    ' */',                                            // 6
    'export class net_device {',                      // 7
    '  /** drivers/net/veth.c:1234 veth_get_stats64 */', // 8
    '  veth_get_stats64(): void {}',                  // 9
    '}',                                              // 10
    '/** include/trace/events/net.h:14 net_dev_xmit */', // 11
    'export const trace_net_dev_xmit = (): void => {};', // 12
    '/** kernel/softirq.c:384 __local_bh_enable_ip */', // 13
    'export function local_bh_enable(): void {}',     // 14
    '/** lib/checksum.c do_csum */',                  // 15
    'export function csum_partial(): void {}',        // 16
    'export function no_comment(): void {}',          // 17
    '/** @sim a helper */',                           // 18
    'export function helper(): void {}',              // 19
    '/** net/core/dev.c:1 orphan_ref */',             // 20
    '',                                               // 21
    'const x = 1;',                                   // 22
  ].join('\n');
  const r = scan_text(text, 'drivers/net/veth.ts');
  assert.equal(r.entries.map((e) => [e.kernel.path, e.kernel.line, e.kernel.name, e.kernel.kind ?? '', e.ts.line, e.ts.symbol, e.comment_line]), [
    ['drivers/net/veth.c', 346, 'veth_xmit', '', 2, 'veth_xmit', 1],
    ['include/linux/netdevice.h', 2024, 'net_device', 'struct', 7, 'net_device', 4],
    ['drivers/net/veth.c', 1234, 'veth_get_stats64', '', 9, 'veth_get_stats64', 8],
    ['include/trace/events/net.h', 14, 'net_dev_xmit', '', 12, 'trace_net_dev_xmit', 11],
    ['kernel/softirq.c', 384, '__local_bh_enable_ip', '', 14, 'local_bh_enable', 13],
  ]);
  assert.equal(r.diags.map((d) => [d.code, d.line]).sort(), [['malformed', 15], ['name', 14], ['noref', 17], ['orphan', 20]].sort());
  // functions.json text: sorted, one entry a line.
  const out = render(r.entries);
  assert.match(out.split('\n')[1]!, /^ {2}\{"kernel": \{"path": "drivers\/net\/veth\.c", "line": 346, "name": "veth_xmit"\}, "ts": \{"path": "src\/drivers\/net\/veth\.ts", "line": 2, "symbol": "veth_xmit"\}\},$/);
  // No "noref" warnings in simulation infrastructure.
  assert.equal(scan_text('export function f(): void {}\n', 'sim/x.ts').diags, []);
});

test('check_entry on the real tree, if any: veth_xmit is where 6.12.117 has it', () => {
  const tree = find_tree();
  if (!tree || tree_version(tree) !== PINNED) { console.log('  skip: no 6.12.117 tree'); return; }
  const r = check_entry(new kernel_tree(tree), E('drivers/net/veth.c', 346, 'veth_xmit'));
  assert.is(r.status, 'OK');
});

test.run();
