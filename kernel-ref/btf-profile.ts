/*
 * kernel-ref/btf-profile.ts — turn pahole (BTF) struct dumps into a kveth layout profile JSON.
 *
 * Uses only Node builtins. Run with:  npx tsx kernel-ref/btf-profile.ts [options]
 *
 * Input modes (exactly one):
 *   --pahole-dir DIR            read DIR/<struct>.txt (raw `pahole -C <struct>` output). If DIR/SOURCE
 *                               exists, its `kernel:` and `source:` lines give the kernel version and
 *                               the profile's "source" text.
 *   --btf FILE [--btf-base F]   run `pahole -F btf [--btf_base F] -C <struct> FILE` for every struct in
 *                               STRUCTS. When FILE is split BTF (a .ko) and a struct is not in it, pahole
 *                               resolves it from the base. If a struct is missing it is skipped with a
 *                               warning (e.g. veth_* when FILE is a vmlinux without built-in veth).
 *   --debian-6.12.117           apt-get download linux-image-6.12.117+deb12-amd64-unsigned into a temp
 *                               dir, dpkg-deb -x, scripts/extract-vmlinux (zstd), xz -d veth.ko.xz, then
 *                               run pahole as in --btf (veth_* from veth.ko with --btf_base vmlinux).
 *                               Needs: apt-get, dpkg-deb, pahole (dwarves), zstd, xz, and a kernel source
 *                               tree for scripts/extract-vmlinux (--extract-vmlinux PATH to override).
 * Other options:
 *   --name NAME                 profile name (defaults: debian → 6.12.117-debian-amd64,
 *                               /sys/kernel/btf/vmlinux → live-running, --pahole-dir → basename of DIR)
 *   --out FILE                  write the JSON there (default: stdout)
 *   --save-dumps DIR            (--btf / --debian modes) also write the raw pahole outputs and a SOURCE
 *                               file into DIR, in the layout --pahole-dir reads
 *   --keep-tmp                  (--debian) do not delete the temp dir
 *   --check                     do not write; regenerate and compare with --out (default
 *                               kernel-ref/layouts/<name>.json); exit 1 on any difference.
 *                               `--check` alone checks both committed profiles against the committed dumps.
 *
 * Output schema:
 *   { "profile", "generated_by", "source",
 *     "structs": { NAME: { "size", "fields": { FIELD: { "offset", "size", ["bit_offset", "bit_size",] "type" }}}}}
 * Members of anonymous structs/unions are flattened into the parent; named members (including named
 * members of anonymous type, typed "struct {...}" / "union {...}" / "enum {...}") are one field and
 * are not recursed. Bitfields: offset/size = storage unit pahole reports, bit_offset counted from the
 * unit's LSB (x86_64 little-endian layout, which is pahole's convention), bit_size = width.
 * Repeated names within one struct get "@2", "@3" (declaration order). Fields are ordered by offset,
 * then declaration order.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as crypto from 'crypto';
import { execFileSync, spawnSync } from 'child_process';

export const STRUCTS: readonly string[] = [
  'net_device', 'net_device_ops', 'header_ops', 'rtnl_link_ops', 'sk_buff', 'skb_shared_info',
  'sk_buff_head', 'list_head', 'hlist_node', 'softnet_data', 'napi_struct', 'netdev_queue', 'Qdisc',
  'packet_type', 'netdev_hw_addr', 'netdev_hw_addr_list', 'pcpu_sw_netstats', 'net_device_core_stats',
  'net_device_stats', 'rtnl_link_stats64', 'ethhdr', 'vlan_ethhdr', 'vlan_hdr', 'veth_priv', 'veth_rq',
  'veth_stats', 'veth_rq_stats', 'net', 'ns_common', 'possible_net_t', 'sockaddr_ll', 'ifinfomsg',
  'nlmsghdr', 'nlattr', 'nlmsgerr', 'iphdr', 'arphdr', 'ipv6hdr',
];

const GENERATED_BY = 'kernel-ref/btf-profile.ts';
const REPO_ROOT = path.resolve(__dirname, '..');
const DEBIAN_PKG = 'linux-image-6.12.117+deb12-amd64-unsigned';
const DEBIAN_PROFILE = '6.12.117-debian-amd64';

export interface Field {
  offset: number;
  size: number;
  bit_offset?: number;
  bit_size?: number;
  type: string;
}
export interface StructLayout {
  size: number;
  fields: Record<string, Field>;
}
export interface Profile {
  profile: string;
  generated_by: string;
  source: string;
  structs: Record<string, StructLayout>;
}

// ---------------------------------------------------------------------------------------------
// pahole text parser
// ---------------------------------------------------------------------------------------------

interface RawField extends Field {
  name: string;
  decl: number; // declaration index (pre-order position in the pahole text)
}

interface Frame {
  kind: 'struct' | 'union' | 'enum';
  decl: number;
  fields: RawField[];
}

/** Normalise a C type as printed by pahole: collapse blanks, "T  * *" → "T **". */
export function normType(t: string): string {
  let s = t.replace(/\s+/g, ' ').trim();
  s = s.replace(/\s*\*\s*/g, '*'); // glue all stars
  s = s.replace(/([^*(\s])\*/g, '$1 *'); // one blank before the first star of a run
  s = s.replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').replace(/\s*,\s*/g, ', ');
  return s;
}

function stripAttributes(s: string): string {
  // __attribute__((...)) with balanced parentheses
  let out = s;
  for (;;) {
    const i = out.indexOf('__attribute__');
    if (i < 0) return out;
    let j = out.indexOf('(', i);
    let depth = 0;
    for (; j < out.length; j++) {
      if (out[j] === '(') depth++;
      else if (out[j] === ')') {
        depth--;
        if (depth === 0) break;
      }
    }
    out = out.slice(0, i) + out.slice(j + 1);
  }
}

const OFFSET_COMMENT = /\/\*\s*(\d+)(?::\s*(\d+))?\s+(\d+)\s*\*\/\s*$/;

/** Parse one declarator like `struct sk_buff * next`, `char cb[48]`, `__u8 pkt_type:3`,
 *  `void (*destructor)(struct sk_buff *)`. Returns name, type (with array dims), bit width. */
export function parseDeclarator(declIn: string): { name: string; type: string; bits?: number } {
  const decl = stripAttributes(declIn).trim();
  const fp = /^(.*?)\(\s*\*\s*([A-Za-z_]\w*)\s*((?:\[\d*\])*)\s*\)\s*(\(.*\))\s*$/.exec(decl);
  if (fp) {
    return { name: fp[2], type: normType(`${fp[1]} (*${fp[3]})${fp[4]}`) };
  }
  const m = /^(.*?)\b([A-Za-z_]\w*)\s*((?:\[\s*\d*\s*\])*)\s*(?::\s*(\d+))?\s*$/.exec(decl);
  if (!m || m[1].trim() === '') throw new Error(`cannot parse declarator: ${declIn}`);
  const dims = m[3].replace(/\s+/g, '');
  const res: { name: string; type: string; bits?: number } = { name: m[2], type: normType(m[1]) + dims };
  if (m[4] !== undefined) res.bits = Number(m[4]);
  return res;
}

/** Parse raw pahole output for one struct/union/typedef'd struct. */
export function parsePahole(text: string, what = '?'): { name: string; layout: StructLayout } {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && !/\{\s*$/.test(lines[i])) i++;
  if (i >= lines.length) throw new Error(`${what}: no struct found in pahole output`);
  const head = lines[i].trim();
  const hm = /^(?:typedef\s+)?(struct|union)\s*([A-Za-z_]\w*)?\s*\{$/.exec(head);
  if (!hm) throw new Error(`${what}: unexpected header line: ${head}`);
  let name = hm[2] ?? '';
  const stack: Frame[] = [{ kind: hm[1] as 'struct' | 'union', decl: -1, fields: [] }];
  let decl = 0;
  let size: number | undefined;
  for (i++; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.trim();
    if (line === '') continue;
    const top = stack[stack.length - 1];
    if (line.startsWith('/*')) {
      const sm = /^\/\*\s*size:\s*(\d+),/.exec(line);
      if (sm && stack.length === 1) size = Number(sm[1]);
      continue;
    }
    if (line.startsWith('}')) {
      const frame = stack.pop()!;
      if (stack.length === 0) {
        // end of the top-level type: `};`, `} __attribute__((...));` or `} typedef_name;`
        const tm = /^\}\s*(.*?)\s*;/.exec(line);
        const rest = tm ? stripAttributes(tm[1]).trim() : '';
        if (!name && rest) name = rest;
        const fields = finish(frame.fields);
        if (size === undefined) throw new Error(`${what}: no "size:" summary`);
        return { name, layout: { size, fields } };
      }
      const cm = OFFSET_COMMENT.exec(line);
      if (!cm) throw new Error(`${what}: closing line without offset comment: ${line}`);
      const body = line.replace(OFFSET_COMMENT, '').trim();
      const dm = /^\}\s*(.*?)\s*;$/.exec(body);
      if (!dm) throw new Error(`${what}: bad closing line: ${line}`);
      const rest = stripAttributes(dm[1]).trim();
      const parent = stack[stack.length - 1];
      if (rest === '') {
        if (frame.kind === 'enum') throw new Error(`${what}: anonymous enum member?`);
        parent.fields.push(...frame.fields); // anonymous struct/union: flatten
      } else {
        const d = parseDeclarator(`${frame.kind} {...} ${rest}`);
        parent.fields.push(mkField(d, cm, frame.decl, what));
      }
      continue;
    }
    if (top.kind === 'enum') continue; // enumerator lines
    if (/\{$/.test(line)) {
      const om = /^(struct|union|enum)\s*\{$/.exec(line);
      if (!om) throw new Error(`${what}: unexpected nested opening: ${line}`);
      stack.push({ kind: om[1] as Frame['kind'], decl: decl++, fields: [] });
      continue;
    }
    const cm = OFFSET_COMMENT.exec(line);
    if (!cm) throw new Error(`${what}: member line without offset comment: ${line}`);
    const body = line.replace(OFFSET_COMMENT, '').trim();
    if (!body.endsWith(';')) throw new Error(`${what}: member line without ';': ${line}`);
    const d = parseDeclarator(body.slice(0, -1));
    top.fields.push(mkField(d, cm, decl++, what));
  }
  throw new Error(`${what}: unterminated struct`);
}

function mkField(d: { name: string; type: string; bits?: number }, cm: RegExpExecArray, decl: number, what: string): RawField {
  const f: RawField = { name: d.name, decl, offset: Number(cm[1]), size: Number(cm[3]), type: d.type };
  const isBitComment = cm[2] !== undefined;
  if (isBitComment !== (d.bits !== undefined)) {
    throw new Error(`${what}: bitfield mismatch for ${d.name} (declarator vs comment)`);
  }
  if (d.bits !== undefined) {
    f.bit_offset = Number(cm[2]);
    f.bit_size = d.bits;
    if (f.bit_offset + f.bit_size > f.size * 8) throw new Error(`${what}: bitfield ${d.name} overflows its unit`);
  }
  return f;
}

function finish(raw: RawField[]): Record<string, Field> {
  const seen = new Map<string, number>();
  const named = [...raw]
    .sort((a, b) => a.decl - b.decl)
    .map((f) => {
      const n = (seen.get(f.name) ?? 0) + 1;
      seen.set(f.name, n);
      return { key: n === 1 ? f.name : `${f.name}@${n}`, f };
    });
  named.sort((a, b) => a.f.offset - b.f.offset || a.f.decl - b.f.decl);
  const out: Record<string, Field> = {};
  for (const { key, f } of named) {
    const o: Field = { offset: f.offset, size: f.size } as Field;
    if (f.bit_offset !== undefined) {
      o.bit_offset = f.bit_offset;
      o.bit_size = f.bit_size;
    }
    o.type = f.type;
    out[key] = o;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// profile assembly / output
// ---------------------------------------------------------------------------------------------

function orderStructs(names: string[]): string[] {
  const known = STRUCTS.filter((s) => names.includes(s));
  const extra = names.filter((s) => !STRUCTS.includes(s)).sort();
  return [...known, ...extra];
}

export function buildProfile(name: string, source: string, dumps: Map<string, string>): Profile {
  const structs: Record<string, StructLayout> = {};
  for (const s of orderStructs([...dumps.keys()])) {
    const { name: parsed, layout } = parsePahole(dumps.get(s)!, s);
    if (parsed !== s) warn(`${s}: pahole output names '${parsed}'`);
    structs[s] = layout;
  }
  return { profile: name, generated_by: GENERATED_BY, source, structs };
}

export function serialize(p: Profile): string {
  return JSON.stringify(p, null, 2) + '\n';
}

function warn(msg: string): void {
  process.stderr.write(`btf-profile: warning: ${msg}\n`);
}
function info(msg: string): void {
  process.stderr.write(`btf-profile: ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------
// inputs
// ---------------------------------------------------------------------------------------------

interface Input {
  dumps: Map<string, string>;
  kernel?: string;
  source: string;
  defaultName: string;
}

function readSourceFile(dir: string): { kernel?: string; source?: string } {
  const f = path.join(dir, 'SOURCE');
  if (!fs.existsSync(f)) return {};
  const r: { kernel?: string; source?: string } = {};
  for (const l of fs.readFileSync(f, 'utf8').split('\n')) {
    const m = /^(kernel|source):\s*(.*)$/.exec(l);
    if (m) r[m[1] as 'kernel' | 'source'] = m[2].trim();
  }
  return r;
}

function fromPaholeDir(dir: string): Input {
  const dumps = new Map<string, string>();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const s = f.slice(0, -4);
    if (text.trim() === '') {
      warn(`${s}: empty dump, skipped`);
      continue;
    }
    dumps.set(s, text);
  }
  const meta = readSourceFile(dir);
  return {
    dumps,
    kernel: meta.kernel,
    source: meta.source ?? `pahole dumps in ${path.relative(REPO_ROOT, path.resolve(dir)) || dir}`,
    defaultName: path.basename(path.resolve(dir)),
  };
}

export function paholeVersion(): string {
  return `pahole ${execFileSync('pahole', ['--version'], { encoding: 'utf8' }).trim()}`;
}

function runPahole(struct: string, file: string, base?: string): string {
  const args = ['-F', 'btf'];
  if (base) args.push('--btf_base', base);
  args.push('-C', struct, file);
  const r = spawnSync('pahole', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`cannot run pahole: ${r.error.message}`);
  return r.stdout;
}

/** Kernel release of a BTF-carrying file: `Linux version X` (vmlinux) or `vermagic=X ` (.ko);
 *  uname -r for /sys/kernel/btf/*. */
export function kernelVersionOf(file: string): string | undefined {
  if (path.resolve(file).startsWith('/sys/kernel/btf/')) return os.release();
  try {
    const buf = fs.readFileSync(file);
    const lv = buf.indexOf('Linux version ');
    if (lv >= 0) {
      const s = buf.subarray(lv + 14, lv + 14 + 200).toString('latin1');
      return s.split(/[\s\0]/)[0];
    }
    const vm = buf.indexOf('vermagic=');
    if (vm >= 0) {
      const s = buf.subarray(vm + 9, vm + 9 + 200).toString('latin1');
      return s.split(/[\s\0]/)[0];
    }
  } catch {
    /* unreadable: unknown */
  }
  return undefined;
}

function collect(dumpFor: (s: string) => string): Map<string, string> {
  const dumps = new Map<string, string>();
  for (const s of STRUCTS) {
    const text = dumpFor(s);
    if (text.trim() === '') {
      warn(`struct ${s} not found in BTF, skipped`);
      continue;
    }
    dumps.set(s, text);
  }
  return dumps;
}

function fromBtf(file: string, base?: string): Input {
  const dumps = collect((s) => runPahole(s, file, base));
  const kernel = kernelVersionOf(file) ?? (base ? kernelVersionOf(base) : undefined);
  const live = path.resolve(file) === '/sys/kernel/btf/vmlinux';
  const src = live
    ? `running kernel ${os.release()} (${os.machine()}, ${os.version()}): /sys/kernel/btf/vmlinux; ${paholeVersion()}`
    : `BTF of ${file}${base ? ` (base ${base})` : ''}${kernel ? `, kernel ${kernel}` : ''}; ${paholeVersion()}`;
  return { dumps, kernel, source: src, defaultName: live ? 'live-running' : path.basename(file).replace(/\.[^.]*$/, '') };
}

function sh(cmd: string, args: string[], opts: { cwd?: string; stdoutFile?: string } = {}): void {
  info(`$ ${cmd} ${args.join(' ')}${opts.stdoutFile ? ` > ${opts.stdoutFile}` : ''}`);
  const out = opts.stdoutFile ? fs.openSync(opts.stdoutFile, 'w') : 'inherit';
  const r = spawnSync(cmd, args, { cwd: opts.cwd, stdio: ['ignore', out, 'inherit'] });
  if (typeof out === 'number') fs.closeSync(out);
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} exited with status ${r.status}`);
}

function findExtractVmlinux(explicit?: string): string {
  const cands = [
    explicit,
    process.env.EXTRACT_VMLINUX,
    '/work/linux/linux-source-6.12/scripts/extract-vmlinux',
    ...(fs.existsSync('/usr/src') ? fs.readdirSync('/usr/src').map((d) => `/usr/src/${d}/scripts/extract-vmlinux`) : []),
  ].filter((c): c is string => !!c);
  for (const c of cands) if (fs.existsSync(c)) return c;
  throw new Error('scripts/extract-vmlinux not found; pass --extract-vmlinux PATH (from any Linux source tree)');
}

function findFile(dir: string, re: RegExp): string | undefined {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const r = findFile(p, re);
      if (r) return r;
    } else if (re.test(e.name)) return p;
  }
  return undefined;
}

export function debianSource(pkgVersion: string, sha256: string, pahole: string): string {
  return (
    `Debian package ${DEBIAN_PKG} ${pkgVersion} (bookworm-security, .deb sha256 ${sha256}): ` +
    `vmlinuz -> scripts/extract-vmlinux -> vmlinux .BTF; veth_* from veth.ko .BTF (split, --btf_base vmlinux); ${pahole}`
  );
}

function fromDebian(opts: { extract?: string; keep: boolean }): Input {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kveth-btf-'));
  try {
    sh('apt-get', ['download', DEBIAN_PKG], { cwd: tmp });
    const deb = fs.readdirSync(tmp).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download produced no .deb');
    const debPath = path.join(tmp, deb);
    const sha = crypto.createHash('sha256').update(fs.readFileSync(debPath)).digest('hex');
    const pkgVersion = execFileSync('dpkg-deb', ['-f', debPath, 'Version'], { encoding: 'utf8' }).trim();
    info(`downloaded ${deb} (version ${pkgVersion}, sha256 ${sha})`);
    sh('dpkg-deb', ['-x', debPath, path.join(tmp, 'x')]);
    const vmlinuz = findFile(path.join(tmp, 'x', 'boot'), /^vmlinuz-/);
    if (!vmlinuz) throw new Error('no vmlinuz in package');
    const vmlinux = path.join(tmp, 'vmlinux');
    sh(findExtractVmlinux(opts.extract), [vmlinuz], { stdoutFile: vmlinux });
    const vethXz = findFile(path.join(tmp, 'x', 'lib'), /^veth\.ko(\.xz)?$/);
    if (!vethXz) throw new Error('no veth.ko in package');
    const veth = path.join(tmp, 'veth.ko');
    if (vethXz.endsWith('.xz')) sh('xz', ['-dc', vethXz], { stdoutFile: veth });
    else fs.copyFileSync(vethXz, veth);
    const dumps = collect((s) => (s.startsWith('veth_') ? runPahole(s, veth, vmlinux) : runPahole(s, vmlinux)));
    const kernel = kernelVersionOf(vmlinux);
    return { dumps, kernel, source: debianSource(pkgVersion, sha, paholeVersion()), defaultName: DEBIAN_PROFILE };
  } finally {
    if (opts.keep) info(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function saveDumps(dir: string, input: Input): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [s, text] of input.dumps) fs.writeFileSync(path.join(dir, `${s}.txt`), text);
  fs.writeFileSync(path.join(dir, 'SOURCE'), `kernel: ${input.kernel ?? 'unknown'}\nsource: ${input.source}\n`);
  info(`wrote ${input.dumps.size} dumps + SOURCE to ${dir}`);
}

// ---------------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------------

function describeDiff(a: Profile, b: Profile): string[] {
  const out: string[] = [];
  for (const k of ['profile', 'generated_by', 'source'] as const) if (a[k] !== b[k]) out.push(`${k}: ${JSON.stringify(a[k])} != ${JSON.stringify(b[k])}`);
  const names = new Set([...Object.keys(a.structs), ...Object.keys(b.structs)]);
  for (const s of names) {
    const x = a.structs[s];
    const y = b.structs[s];
    if (!x || !y) {
      out.push(`struct ${s}: only in ${x ? 'regenerated' : 'committed'}`);
      continue;
    }
    if (x.size !== y.size) out.push(`struct ${s}: size ${x.size} != ${y.size}`);
    const fns = new Set([...Object.keys(x.fields), ...Object.keys(y.fields)]);
    for (const f of fns) {
      const p = JSON.stringify(x.fields[f]);
      const q = JSON.stringify(y.fields[f]);
      if (p !== q) out.push(`${s}.${f}: ${p ?? 'missing'} != ${q ?? 'missing'}`);
    }
    if (JSON.stringify(Object.keys(x.fields)) !== JSON.stringify(Object.keys(y.fields))) out.push(`struct ${s}: field order differs`);
  }
  return out;
}

function check(generated: string, file: string): boolean {
  if (!fs.existsSync(file)) {
    info(`CHECK FAIL: ${file} does not exist`);
    return false;
  }
  const committed = fs.readFileSync(file, 'utf8');
  if (committed === generated) {
    const p = JSON.parse(generated) as Profile;
    info(`CHECK OK: ${path.relative(REPO_ROOT, file) || file} (${Object.keys(p.structs).length} structs)`);
    return true;
  }
  info(`CHECK FAIL: ${file} differs from the regenerated profile:`);
  let diffs: string[] = [];
  try {
    diffs = describeDiff(JSON.parse(generated), JSON.parse(committed));
  } catch (e) {
    diffs = [`committed file is not valid JSON: ${(e as Error).message}`];
  }
  if (diffs.length === 0) diffs = ['formatting differs (re-run without --check to rewrite)'];
  for (const d of diffs.slice(0, 50)) info(`  ${d}`);
  if (diffs.length > 50) info(`  ... ${diffs.length - 50} more`);
  return false;
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

function usage(): never {
  process.stderr.write(
    'usage: npx tsx kernel-ref/btf-profile.ts (--pahole-dir DIR | --btf FILE [--btf-base FILE] | --debian-6.12.117)\n' +
      '         [--name NAME] [--out FILE] [--save-dumps DIR] [--keep-tmp] [--extract-vmlinux PATH] [--check]\n' +
      '       npx tsx kernel-ref/btf-profile.ts --check      (check both committed profiles)\n',
  );
  process.exit(2);
}

function main(argv: string[]): number {
  const o: Record<string, string | boolean> = {};
  const withArg = new Set(['--pahole-dir', '--btf', '--btf-base', '--name', '--out', '--save-dumps', '--extract-vmlinux']);
  const flags = new Set(['--debian-6.12.117', '--check', '--keep-tmp', '--help', '-h']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (withArg.has(a)) {
      if (i + 1 >= argv.length) usage();
      o[a] = argv[++i];
    } else if (flags.has(a)) o[a] = true;
    else {
      process.stderr.write(`unknown argument: ${a}\n`);
      usage();
    }
  }
  if (o['--help'] || o['-h']) usage();
  const modes = ['--pahole-dir', '--btf', '--debian-6.12.117'].filter((m) => o[m] !== undefined);
  if (modes.length > 1) usage();
  if (o['--btf-base'] !== undefined && o['--btf'] === undefined) usage();

  if (modes.length === 0) {
    if (!o['--check']) usage();
    // default self-check: committed dumps -> committed profiles
    let ok = true;
    for (const name of [DEBIAN_PROFILE, 'live-running']) {
      const input = fromPaholeDir(path.join(REPO_ROOT, 'kernel-ref', 'btf', name));
      info(`read pahole dumps of kernel ${input.kernel ?? '(unknown)'} for profile ${name}`);
      const gen = serialize(buildProfile(name, input.source, input.dumps));
      ok = check(gen, path.join(REPO_ROOT, 'kernel-ref', 'layouts', `${name}.json`)) && ok;
    }
    return ok ? 0 : 1;
  }

  let input: Input;
  if (o['--pahole-dir'] !== undefined) input = fromPaholeDir(o['--pahole-dir'] as string);
  else if (o['--btf'] !== undefined) input = fromBtf(o['--btf'] as string, o['--btf-base'] as string | undefined);
  else input = fromDebian({ extract: o['--extract-vmlinux'] as string | undefined, keep: !!o['--keep-tmp'] });

  info(`kernel version read: ${input.kernel ?? '(could not tell)'}`);
  if (o['--save-dumps'] !== undefined) saveDumps(o['--save-dumps'] as string, input);
  const name = (o['--name'] as string | undefined) ?? input.defaultName;
  const profile = buildProfile(name, input.source, input.dumps);
  const json = serialize(profile);
  info(`profile ${name}: ${Object.keys(profile.structs).length} structs`);

  if (o['--check']) {
    const file = (o['--out'] as string | undefined) ?? path.join(REPO_ROOT, 'kernel-ref', 'layouts', `${name}.json`);
    return check(json, file) ? 0 : 1;
  }
  if (o['--out'] !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(o['--out'] as string)), { recursive: true });
    fs.writeFileSync(o['--out'] as string, json);
    info(`wrote ${o['--out']}`);
  } else process.stdout.write(json);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`btf-profile: error: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
