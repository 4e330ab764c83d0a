// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel-ref/check.ts: verify kernel-ref/functions.json against a Linux source tree.
 *
 * For every entry, the named function / macro / struct / generated name / tracepoint must be defined at
 * exactly kernel.path:kernel.line (the definition-line rule is in kernel-ref/cdefs.ts and the README):
 *   OK       defined at that line
 *   DRIFT    defined in that file, at another line (both printed)
 *   MISSING  not defined in that file (likely other files are searched for a suggestion)
 *   NOFILE   the file does not exist in the tree
 * On the pinned 6.12.117 any DRIFT/MISSING/NOFILE fails (exit 1). On another version the same report
 * is information (exit 0). Without a tree: a skip reason, exit 0 (exit 2 with --require-tree).
 *
 *   npx tsx kernel-ref/check.ts [--tree DIR] [--config FILE|--no-config] [--json FILE] [-q] [--require-tree] [--deep]
 *   npx tsx kernel-ref/check.ts --fix [--tree DIR] [--config FILE|--no-config] [--root DIR | --src DIR [--json FILE]] [--deep]
 *
 * A name with several definitions in the file (#ifdef alternatives) is OK at any of them. To choose
 * one (DRIFT, --fix), the kernel config (--config, $KVETH_LINUX_CONFIG, <tree>/.config, or Debian's
 * /usr/src/linux-config-6.12/config.amd64_none_amd64.xz) says which is compiled; see best_candidate().
 *
 * --fix (6.12.117 trees only) rescans src/, rewrites the line number of every DRIFT reference comment
 * to the definition line found (the nearest one when the name has several), touching nothing but the
 * digits after "path:", then regenerates functions.json. MISSING/NOFILE names are reported with
 * suggestions from likely files, never auto-fixed. --deep also greps the tree for the name.
 * -q prints only the entries that are not OK.
 */
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { find_tree, tree_version, PINNED } from './tree';
import { index_c, candidates, best_candidate, parse_kconfig, c_index, c_def, kconfig } from './cdefs';
import { DEFAULT_JSON, DEFAULT_SRC, map_entry, read_json, render, scan, ref_site } from './map';

export type status = 'OK' | 'DRIFT' | 'MISSING' | 'NOFILE';
export interface check_result {
  entry: map_entry;
  status: status;
  /** DRIFT: the definition line chosen (nearest to the cited one) */
  found?: number;
  /** every candidate definition in the cited file */
  defs?: c_def[];
  /** MISSING/NOFILE: "path:line (kind)" in likely files */
  suggestions?: string[];
  /** OK, but the cited definition is an #ifdef alternative the kernel config does not compile */
  note?: string;
}

/** A kernel tree with cached file contents and definition indexes (only files asked for are read). */
export class kernel_tree {
  private idx = new Map<string, c_index | null>();
  private dirs = new Map<string, string[]>();
  /** cfg: a kernel config, to tell which #ifdef alternative of a name that config compiles. */
  constructor(readonly root: string, readonly cfg?: kconfig) {}
  version(): string { return tree_version(this.root); }
  exists(rel: string): boolean { return this.index(rel) !== null; }
  index(rel: string): c_index | null {
    let ix = this.idx.get(rel);
    if (ix === undefined) {
      const f = path.join(this.root, rel);
      let text: string | undefined;
      try { if (fs.statSync(f).isFile()) text = fs.readFileSync(f, 'latin1'); } catch { /* missing */ }
      ix = text === undefined ? null : index_c(text, this.cfg);
      this.idx.set(rel, ix);
    }
    return ix;
  }
  /** .c/.h files of a directory of the tree (relative paths), [] when absent. */
  list_dir(rel_dir: string): string[] {
    let l = this.dirs.get(rel_dir);
    if (!l) {
      try {
        l = fs.readdirSync(path.join(this.root, rel_dir)).filter((n) => /\.[ch]$/.test(n)).sort().map((n) => `${rel_dir}/${n}`);
      } catch { l = []; }
      this.dirs.set(rel_dir, l);
    }
    return l;
  }
}

/** The Debian amd64 config matching the pinned tree, from the linux-config-6.12 package. */
export const DEBIAN_CONFIG = '/usr/src/linux-config-6.12/config.amd64_none_amd64.xz';

/** A kernel config for picking among #ifdef alternatives: --config FILE, $KVETH_LINUX_CONFIG,
 * <tree>/.config, then Debian's linux-config-6.12 amd64 config. Plain text or .xz (via xz -dc). */
export function find_config(tree: string, explicit?: string): { path: string; cfg: kconfig } | undefined {
  const cands = explicit ? [explicit] : [process.env.KVETH_LINUX_CONFIG, path.join(tree, '.config'), DEBIAN_CONFIG];
  for (const c of cands) {
    if (!c || !fs.existsSync(c)) continue;
    try {
      const text = c.endsWith('.xz') ? execFileSync('xz', ['-dc', c], { encoding: 'utf8', maxBuffer: 64 << 20 }) : fs.readFileSync(c, 'utf8');
      return { path: c, cfg: parse_kconfig(text) };
    } catch { /* unreadable, or no xz */ }
  }
  return undefined;
}

/** Headers/sources that usually hold what the other declares or uses. */
const COUNTERPARTS: Record<string, string[]> = {
  'include/linux/netdevice.h': ['net/core/dev.c', 'net/core/dev.h', 'net/ethernet/eth.c', 'include/linux/netdev_features.h'],
  'net/core/dev.c': ['include/linux/netdevice.h', 'net/core/dev.h'],
  'include/linux/skbuff.h': ['net/core/skbuff.c', 'include/linux/skbuff_ref.h', 'include/net/dropreason-core.h'],
  'net/core/skbuff.c': ['include/linux/skbuff.h', 'include/linux/skbuff_ref.h'],
  'include/linux/etherdevice.h': ['net/ethernet/eth.c', 'include/uapi/linux/if_ether.h'],
  'net/ethernet/eth.c': ['include/linux/etherdevice.h'],
  'include/net/sch_generic.h': ['net/sched/sch_generic.c'],
  'net/sched/sch_generic.c': ['include/net/sch_generic.h'],
  'include/linux/slab.h': ['mm/slub.c', 'mm/slab_common.c', 'mm/slab.h'],
  'mm/slub.c': ['include/linux/slab.h', 'mm/slab_common.c', 'mm/slab.h'],
  'mm/slab_common.c': ['include/linux/slab.h', 'mm/slub.c', 'mm/slab.h'],
  'include/linux/rtnetlink.h': ['net/core/rtnetlink.c', 'include/net/rtnetlink.h'],
  'include/net/rtnetlink.h': ['net/core/rtnetlink.c', 'include/linux/rtnetlink.h'],
  'net/core/rtnetlink.c': ['include/linux/rtnetlink.h', 'include/net/rtnetlink.h'],
  'include/linux/bottom_half.h': ['kernel/softirq.c', 'include/linux/interrupt.h'],
  'kernel/softirq.c': ['include/linux/bottom_half.h', 'include/linux/interrupt.h'],
  'include/linux/percpu.h': ['mm/percpu.c', 'include/linux/percpu-defs.h'],
  'include/linux/jiffies.h': ['kernel/time/time.c'],
  'drivers/net/veth.c': ['include/linux/netdevice.h', 'net/core/dev.c'],
};

/** Files likely to define a name cited in `kpath` by the TS file `ts_path`: the TS file's own kernel
 * counterpart, the .c/.h of the same base name, include/{linux,net}/<base>.h, a few known pairs,
 * and the other .c/.h files of the cited directory (when it has at most 150). */
export function likely_files(tree: kernel_tree, kpath: string, ts_path: string): string[] {
  const out: string[] = [];
  const dir = path.posix.dirname(kpath);
  const ext = path.posix.extname(kpath);
  const base = path.posix.basename(kpath, ext);
  if (ts_path.startsWith('src/')) {
    const x = ts_path.slice(4).replace(/\.ts$/, '');
    out.push(`${x}.c`, `${x}.h`);
  }
  out.push(`${dir}/${base}.c`, `${dir}/${base}.h`);
  out.push(`include/linux/${base}.h`, `include/net/${base}.h`, `include/uapi/linux/${base}.h`);
  out.push(`net/core/${base}.c`, `lib/${base}.c`, `kernel/${base}.c`, `mm/${base}.c`);
  out.push(...(COUNTERPARTS[kpath] ?? []));
  const same = tree.list_dir(dir);
  if (same.length <= 150) out.push(...same);
  return [...new Set(out)].filter((f) => f !== kpath);
}

function describe(f: string, d: c_def): string {
  return `${f}:${d.line} (${d.kind}${d.via ? ' via ' + d.via : ''})`;
}

/** Where else the name is defined: likely_files() first; if none, the headers under include/ that
 * mention it (grep -w); with `deep`, also the .c files of include, net, kernel, lib, mm, drivers/net. */
export function suggest(tree: kernel_tree, e: map_entry, deep = false): string[] {
  const out: string[] = [];
  const look = (f: string) => {
    const ix = tree.index(f);
    if (!ix) return;
    const c = candidates(ix, e.kernel.name, e.kernel.kind).filter((d) => d.strong || d.kind === 'variable');
    for (const d of c) out.push(describe(f, d));
  };
  for (const f of likely_files(tree, e.kernel.path, e.ts.path)) look(f);
  if (out.length === 0) {
    // Then the headers (most inline helpers live there); with --deep, the .c files of the veth path too.
    const bare = e.kernel.name.replace(/^trace_/, '');
    const dirs = (deep ? ['include', 'net', 'kernel', 'lib', 'mm', 'drivers/net', 'arch/x86/include'] : ['include'])
      .filter((d) => fs.existsSync(path.join(tree.root, d)));
    let files: string[] = [];
    if (dirs.length) try {
      const r = execFileSync('grep', ['-rlw', '--include=*.h', ...(deep ? ['--include=*.c'] : []), '-e', bare, ...dirs],
        { cwd: tree.root, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
      files = r.split('\n').filter(Boolean).sort();
    } catch (err) {
      const o = (err as { stdout?: string }).stdout;
      if (o) files = o.split('\n').filter(Boolean).sort();
    }
    for (const f of files.slice(0, 400)) look(f);
  }
  return [...new Set(out)];
}

export function check_entry(tree: kernel_tree, e: map_entry, opts: { suggest?: boolean; deep?: boolean } = {}): check_result {
  const ix = tree.index(e.kernel.path);
  if (!ix) {
    const r: check_result = { entry: e, status: 'NOFILE' };
    if (opts.suggest !== false) r.suggestions = suggest(tree, e, opts.deep);
    return r;
  }
  const defs = candidates(ix, e.kernel.name, e.kernel.kind);
  if (defs.length === 0) {
    const r: check_result = { entry: e, status: 'MISSING' };
    if (opts.suggest !== false) r.suggestions = suggest(tree, e, opts.deep);
    return r;
  }
  const cited = defs.find((d) => d.line === e.kernel.line);
  if (cited) {
    const r: check_result = { entry: e, status: 'OK', found: e.kernel.line, defs };
    const on = defs.filter((d) => d.active === true);
    if (cited.active === false && on.length) r.note = `the config does not compile this one; it compiles line ${on.map((d) => d.line).join(', ')}`;
    return r;
  }
  const best = best_candidate(defs, e.kernel.line)!;
  return { entry: e, status: 'DRIFT', found: best.line, defs };
}

export function format_result(r: check_result): string {
  const e = r.entry;
  const k = `${e.kernel.path}:${e.kernel.line} ${e.kernel.kind ? e.kernel.kind + ' ' : ''}${e.kernel.name}`;
  const ts = `${e.ts.path}:${e.ts.line}`;
  switch (r.status) {
    case 'OK': return `OK      ${k}  [${ts}]${r.note ? `  (note: ${r.note})` : ''}`;
    case 'DRIFT': {
      const d = r.defs!.find((x) => x.line === r.found)!;
      const others = r.defs!.filter((x) => x.line !== r.found).map((x) => x.line);
      return `DRIFT   ${k} -> defined at ${e.kernel.path}:${r.found} (${d.kind}${d.via ? ' via ' + d.via : ''})` +
        `${others.length ? `; also at line ${others.join(', ')}` : ''}  [${ts}]`;
    }
    case 'MISSING':
    case 'NOFILE': {
      const why = r.status === 'NOFILE' ? `no such file ${e.kernel.path}` : `not defined in ${e.kernel.path}`;
      const s = r.suggestions?.length ? `; defined in: ${r.suggestions.slice(0, 4).join(', ')}${r.suggestions.length > 4 ? ', ...' : ''}` : r.suggestions ? '; no suggestion' : '';
      return `${r.status.padEnd(7)} ${k}: ${why}${s}  [${ts}]`;
    }
  }
}

export interface check_report {
  tree?: string;
  version?: string;
  pinned: string;
  results: check_result[];
  counts: Record<status, number>;
  /** 0 pass (or informational), 1 failure on the pinned version, 2 no tree with require_tree / usage */
  code: number;
  lines: string[];
}

/** Check entries against a tree (default: the one find_tree() finds; null: none). Returns the report
 * and its text lines. config: a kernel config file (default: find_config(); null: none). */
export function run_check(entries: map_entry[], opts: { tree?: string | null; config?: string | null; pinned?: string; quiet?: boolean; require_tree?: boolean; deep?: boolean } = {}): check_report {
  const pinned = opts.pinned ?? PINNED;
  const lines: string[] = [];
  const counts: Record<status, number> = { OK: 0, DRIFT: 0, MISSING: 0, NOFILE: 0 };
  const root = opts.tree === null ? undefined : opts.tree ?? find_tree();
  if (!root) {
    lines.push('SKIP: no Linux 6.12 source tree found ($KVETH_LINUX_SRC, .linux/linux-source-6.12, /work/linux/linux-source-6.12, ' +
      '/usr/src/linux-source-6.12); see kernel-ref/README.md');
    return { pinned, results: [], counts, code: opts.require_tree ? 2 : 0, lines };
  }
  const cfg = opts.config === null ? undefined : find_config(root, opts.config);
  const tree = new kernel_tree(root, cfg?.cfg);
  const version = tree.version();
  const same = version === pinned;
  lines.push(`tree: ${root}`);
  lines.push(cfg ? `config: ${cfg.path} (picks among #ifdef alternatives)` : 'config: none (install linux-config-6.12 to pick #ifdef alternatives by Debian\'s amd64 config)');
  lines.push(`version: ${version} (pinned ${pinned})${same ? '' : ' -- DIFFERENT VERSION: line drift below is information, not failure'}`);
  const results = entries.map((e) => check_entry(tree, e, { deep: opts.deep }));
  for (const r of results) {
    counts[r.status]++;
    if (!opts.quiet || r.status !== 'OK') lines.push(format_result(r));
  }
  const bad = counts.DRIFT + counts.MISSING + counts.NOFILE;
  lines.push(`summary: ${results.length} entries: ${counts.OK} OK, ${counts.DRIFT} DRIFT, ${counts.MISSING} MISSING, ${counts.NOFILE} NOFILE` +
    (same ? (bad ? ' -- FAIL' : ' -- pass') : ` -- informational (tree ${version} is not the pinned ${pinned})`));
  return { tree: root, version, pinned, results, counts, code: same && bad ? 1 : 0, lines };
}

export interface fix_report { fixed: { file: string; line: number; from: number; to: number; name: string }[]; unresolved: check_result[]; lines: string[]; code: number }

/** Rewrite DRIFT line numbers in the reference comments under src_dir; regenerate json_file if given. */
export function run_fix(opts: { tree?: string; config?: string | null; src?: string; json?: string | null; pinned?: string; deep?: boolean } = {}): fix_report {
  const pinned = opts.pinned ?? PINNED;
  const src = opts.src ?? DEFAULT_SRC;
  const lines: string[] = [];
  const root = opts.tree ?? find_tree();
  if (!root) { lines.push('fix: no Linux source tree found; see kernel-ref/README.md'); return { fixed: [], unresolved: [], lines, code: 2 }; }
  const cfg = opts.config === null ? undefined : find_config(root, opts.config);
  const tree = new kernel_tree(root, cfg?.cfg);
  const version = tree.version();
  if (version !== pinned) {
    lines.push(`fix: tree ${root} is Linux ${version}, not the pinned ${pinned}; refusing to rewrite line numbers`);
    return { fixed: [], unresolved: [], lines, code: 2 };
  }
  lines.push(`tree: ${root} (${version}); config: ${cfg ? cfg.path : 'none'}`);
  const sites = scan(src).entries;
  const fixed: fix_report['fixed'] = [];
  const unresolved: check_result[] = [];
  const by_file = new Map<string, ref_site[]>();
  for (const s of sites) {
    const r = check_entry(tree, s, { deep: opts.deep });
    if (r.status === 'DRIFT') {
      let a = by_file.get(s.ts.path);
      if (!a) by_file.set(s.ts.path, a = []);
      a.push({ ...s, kernel: { ...s.kernel, line: r.found! } });
      const d = r.defs!.filter((x) => x.line !== r.found).map((x) => x.line);
      fixed.push({ file: s.ts.path, line: s.comment_line, from: s.kernel.line, to: r.found!, name: s.kernel.name });
      if (d.length) lines.push(`note: ${s.kernel.name} has several definitions in ${s.kernel.path} (${[r.found!, ...d].sort((x, y) => x - y).join(', ')}); chose ${r.found} (compiled by the config / not a stub / nearest to ${s.kernel.line})`);
    } else if (r.status !== 'OK') unresolved.push(r);
  }
  for (const [ts_path, want] of by_file) {
    const f = path.join(src, ts_path.replace(/^src\//, ''));
    const text = fs.readFileSync(f, 'utf8');
    const ls = text.split('\n');
    for (const w of want) {
      const i = w.comment_line - 1;
      const old = fixed.find((x) => x.file === ts_path && x.line === w.comment_line)!;
      const from = `${w.kernel.path}:${old.from}`;
      const at = ls[i]!.indexOf(from);
      const after = ls[i]![at + from.length];
      if (at < 0 || (after !== undefined && /\d/.test(after))) { lines.push(`fix: ${ts_path}:${w.comment_line}: could not find "${from}"; left alone`); continue; }
      ls[i] = ls[i]!.slice(0, at) + `${w.kernel.path}:${w.kernel.line}` + ls[i]!.slice(at + from.length);
    }
    fs.writeFileSync(f, ls.join('\n'));
  }
  for (const x of fixed) lines.push(`fixed   ${x.file}:${x.line}: ${x.name} ${x.from} -> ${x.to}`);
  for (const r of unresolved) lines.push(format_result(r));
  if (opts.json) {
    fs.writeFileSync(opts.json, render(scan(src).entries));
    lines.push(`wrote ${path.relative(process.cwd(), opts.json) || opts.json}`);
  } else if (opts.json === undefined) lines.push('functions.json not regenerated (pass --json FILE or --root DIR)');
  lines.push(`fix summary: ${sites.length} references; ${fixed.length} line numbers rewritten in ${by_file.size} files; ${unresolved.length} unresolved (MISSING/NOFILE, not auto-fixed)`);
  return { fixed, unresolved, lines, code: 0 };
}

function main(argv: string[]): number {
  let fix = false, quiet = false, require_tree = false, deep = false;
  let tree: string | undefined, src: string | undefined, json: string | undefined, root: string | undefined;
  let config: string | null | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--fix') fix = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '--require-tree') require_tree = true;
    else if (a === '--deep') deep = true;
    else if (a === '--tree') tree = path.resolve(argv[++i]!);
    else if (a === '--config') config = path.resolve(argv[++i]!);
    else if (a === '--no-config') config = null;
    else if (a === '--src') src = path.resolve(argv[++i]!);
    else if (a === '--json') json = path.resolve(argv[++i]!);
    else if (a === '--root') root = path.resolve(argv[++i]!);
    else if (a === '-h' || a === '--help') {
      console.log('usage: npx tsx kernel-ref/check.ts [--tree DIR] [--config FILE|--no-config] [--json FILE] [-q] [--require-tree] [--deep]\n' +
        '       npx tsx kernel-ref/check.ts --fix [--tree DIR] [--config FILE|--no-config] [--root DIR | --src DIR [--json FILE]] [--deep]');
      return 0;
    } else { console.error(`check.ts: unknown argument ${a}`); return 2; }
  }
  if (root) { src ??= path.join(root, 'src'); json ??= path.join(root, 'kernel-ref', 'functions.json'); }
  if (fix) {
    // With the default src/, functions.json is regenerated in place; with --src alone, only if --json is given.
    const j: string | null | undefined = json ?? (src ? undefined : DEFAULT_JSON);
    const r = run_fix({ tree, config, src: src ?? DEFAULT_SRC, json: j, deep });
    for (const l of r.lines) console.log(l);
    return r.code;
  }
  const jf = json ?? DEFAULT_JSON;
  if (!fs.existsSync(jf)) { console.error(`${jf} does not exist: run npx tsx kernel-ref/map.ts`); return 2; }
  const r = run_check(read_json(jf), { tree, config, quiet, require_tree, deep });
  for (const l of r.lines) console.log(l);
  return r.code;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

