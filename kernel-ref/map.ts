// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel-ref/map.ts: the map from kveth's TypeScript to the Linux source it ports.
 *
 * Every ported function in src/ (outside src/sim and src/tools) starts with a one-line JSDoc reference
 *     /** drivers/net/veth.c:346 veth_xmit *\/                      (optionally more words after the name,
 *     export function veth_xmit(...) {                              or "struct NAME" for a struct)
 * This scans src/**\/*.ts with the TypeScript parser, and writes kernel-ref/functions.json: a sorted array
 *     { "kernel": {"path", "line", "name"[, "kind"]}, "ts": {"path", "line", "symbol"} }
 * where ts.line is the line of the TS identifier defined right after the comment.
 *
 *   npx tsx kernel-ref/map.ts            regenerate kernel-ref/functions.json
 *   npx tsx kernel-ref/map.ts --check    exit 1 with a diff when functions.json is out of date
 *   options: --strict (missing/malformed/orphan references are errors), -q (only errors and the summary),
 *            --root DIR (a copy of the project: DIR/src, DIR/kernel-ref/functions.json), --src DIR, --out FILE
 *
 * Warnings: exported functions in src/ (outside src/sim, src/tools) with no reference comment (a JSDoc
 * containing the tag @sim marks a deliberate simulation helper and silences this), malformed references
 * (no ":line"), references not followed by a definition, and kernel names that differ from the TS symbol.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_SRC = path.join(ROOT, 'src');
export const DEFAULT_JSON = path.join(ROOT, 'kernel-ref', 'functions.json');

export type kernel_kind = 'struct' | 'union' | 'enum';
export interface kernel_ref { path: string; line: number; name: string; kind?: kernel_kind }
export interface ts_def { path: string; line: number; symbol: string }
export interface map_entry { kernel: kernel_ref; ts: ts_def }
/** An entry plus where its comment is, so --fix can rewrite the number in place. */
export interface ref_site extends map_entry { comment_line: number }

export type diag_code = 'noref' | 'malformed' | 'orphan' | 'name';
export interface diag { code: diag_code; file: string; line: number; msg: string }
export interface scan_result { entries: ref_site[]; diags: diag[]; files: number }

/* A reference at the start of a JSDoc's first text line: PATH:LINE [struct|union|enum] NAME [words...] */
const PATH_RE = String.raw`[A-Za-z0-9_][\w.+/-]*\.(?:c|h|S)`;
export const REF_RE = new RegExp(String.raw`^(${PATH_RE}):(\d+)\s+(?:(struct|union|enum)\s+)?([A-Za-z_]\w*)`);
/* Something that looks like a reference but is not well formed (no ":line", or a bad one). */
const MALFORMED_RE = new RegExp(String.raw`^(${PATH_RE})(?::\S*)?(?:\s+[A-Za-z_]\w*|\s*$)`);

/** The text lines of a JSDoc comment, without the leading "/**", " * " and trailing "*\/". */
function jsdoc_lines(c: string): string[] {
  return c.replace(/^\/\*\*/, '').replace(/\*\/$/, '').split('\n').map((l) => l.replace(/^\s*\*?\s?/, '').trim());
}
/** The first non-empty text line of a JSDoc comment, and its offset in lines from the comment's start. */
function first_text(c: string): [string, number] | undefined {
  const ls = jsdoc_lines(c);
  for (let i = 0; i < ls.length; i++) if (ls[i]) return [ls[i]!, i];
  return undefined;
}

export function parse_ref(text: string): { path: string; line: number; kind?: kernel_kind; name: string } | undefined {
  const m = REF_RE.exec(text);
  if (!m) return undefined;
  const r: { path: string; line: number; kind?: kernel_kind; name: string } = { path: m[1]!, line: Number(m[2]), name: m[4]! };
  if (m[3]) r.kind = m[3] as kernel_kind;
  return r;
}

function list_ts(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { if (e.name !== 'node_modules') walk(p); } else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

function is_exported(n: ts.Node): boolean {
  return !!(ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
}

/** The identifier a node defines, for the node kinds a reference comment may precede. */
function defined_name(n: ts.Node): ts.Node | undefined {
  if (ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isInterfaceDeclaration(n) ||
      ts.isTypeAliasDeclaration(n) || ts.isEnumDeclaration(n)) return n.name;
  if (ts.isVariableStatement(n)) return n.declarationList.declarations[0]?.name;
  if (ts.isMethodDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n) ||
      ts.isPropertyDeclaration(n) || ts.isPropertyAssignment(n) || ts.isMethodSignature(n) || ts.isPropertySignature(n)) return n.name;
  return undefined;
}

function name_text(n: ts.Node, sf: ts.SourceFile): string {
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n)) return n.text;
  return n.getText(sf);
}

function is_function_like_init(e: ts.Expression | undefined): boolean {
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))) e = e.expression;
  return !!e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e));
}

/** Is `rel` (relative to the src dir, with '/') a kernel-mirror location (not src/sim, src/tools)? */
export function is_mirror_path(rel: string): boolean {
  return !/^(sim|tools)\//.test(rel);
}

/** Scan one TS file's text. `rel` is its path relative to src/ ("include/linux/skbuff.ts"). */
export function scan_text(text: string, rel: string, src_prefix = 'src'): { entries: ref_site[]; diags: diag[] } {
  const file = `${src_prefix}/${rel}`;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const line_of = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const entries: ref_site[] = [];
  const diags: diag[] = [];
  const consumed = new Set<number>();         // start positions of reference comments attached to a definition
  const referenced = new Set<string>();       // TS symbols that have a reference (or a @sim tag)
  const exported_fns: [string, number][] = [];

  const visit = (n: ts.Node) => {
    const nm = defined_name(n);
    if (nm) {
      const sym = name_text(nm, sf);
      const start_line = line_of(n.getStart(sf));
      const ranges = ts.getLeadingCommentRanges(text, n.pos) ?? [];
      const docs = ranges.filter((r) => r.kind === ts.SyntaxKind.MultiLineCommentTrivia && text.startsWith('/**', r.pos) && !text.startsWith('/**/', r.pos));
      const doc = docs[docs.length - 1];
      if (doc && line_of(doc.end) >= start_line - 1) {
        const c = text.slice(doc.pos, doc.end);
        if (/(^|\s)@sim\b/.test(c)) referenced.add(sym);
        const ft = first_text(c);
        const ref = ft && parse_ref(ft[0]);
        if (ref && ft) {
          consumed.add(doc.pos);
          referenced.add(sym);
          const k: kernel_ref = { path: ref.path, line: ref.line, name: ref.name };
          if (ref.kind) k.kind = ref.kind;
          entries.push({ kernel: k, ts: { path: file, line: line_of(nm.getStart(sf)), symbol: sym }, comment_line: line_of(doc.pos) + ft[1] });
          if (ref.name !== sym && `trace_${ref.name}` !== sym) {
            diags.push({ code: 'name', file, line: line_of(nm.getStart(sf)), msg: `kernel name ${ref.kind ? ref.kind + ' ' : ''}${ref.name} differs from TS symbol ${sym}` });
          }
        } else if (ft && MALFORMED_RE.test(ft[0]) && is_function_node(n) && is_mirror_path(rel)) {
          consumed.add(doc.pos);
          referenced.add(sym);
          diags.push({ code: 'malformed', file, line: line_of(doc.pos) + ft[1], msg: `malformed reference "${ft[0]}" for ${sym} (want PATH:LINE NAME)` });
        }
      }
      if (n.parent && ts.isSourceFile(n.parent) && is_exported(n)) {
        if ((ts.isFunctionDeclaration(n) && n.body) ||
            (ts.isVariableStatement(n) && n.declarationList.declarations.some((d) => is_function_like_init(d.initializer)))) {
          exported_fns.push([sym, line_of(nm.getStart(sf))]);
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);

  // Reference-shaped JSDoc comments that no definition follows.
  for (const m of text.matchAll(/\/\*\*(?!\/)[\s\S]*?\*\//g)) {
    if (consumed.has(m.index!)) continue;
    const ft = first_text(m[0]);
    if (ft && parse_ref(ft[0])) {
      diags.push({ code: 'orphan', file, line: line_of(m.index!) + ft[1], msg: `reference "${ft[0]}" is not right before a definition` });
    }
  }
  if (is_mirror_path(rel)) {
    for (const [sym, line] of exported_fns) {
      if (!referenced.has(sym)) diags.push({ code: 'noref', file, line, msg: `exported function ${sym} has no kernel reference comment` });
    }
  }
  return { entries, diags };
}

function is_function_node(n: ts.Node): boolean {
  if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) return true;
  if (ts.isVariableStatement(n)) return n.declarationList.declarations.some((d) => is_function_like_init(d.initializer));
  return false;
}

export function cmp_entries(a: map_entry, b: map_entry): number {
  const k = (e: map_entry): (string | number)[] => [e.kernel.path, e.kernel.line, e.kernel.name, e.ts.path, e.ts.line, e.ts.symbol];
  const x = k(a), y = k(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

/** Scan every .ts under src_dir (paths in the result are "src/..." whatever src_dir is). */
export function scan(src_dir = DEFAULT_SRC): scan_result {
  const entries: ref_site[] = [];
  const diags: diag[] = [];
  const files = list_ts(src_dir);
  for (const f of files) {
    const rel = path.relative(src_dir, f).split(path.sep).join('/');
    const r = scan_text(fs.readFileSync(f, 'utf8'), rel);
    entries.push(...r.entries);
    diags.push(...r.diags);
  }
  entries.sort(cmp_entries);
  diags.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
  return { entries, diags, files: files.length };
}

const J = JSON.stringify;
export function entry_line(e: map_entry): string {
  const k = e.kernel;
  return `{"kernel": {"path": ${J(k.path)}, "line": ${k.line}, "name": ${J(k.name)}${k.kind ? `, "kind": ${J(k.kind)}` : ''}}, ` +
    `"ts": {"path": ${J(e.ts.path)}, "line": ${e.ts.line}, "symbol": ${J(e.ts.symbol)}}}`;
}
/** functions.json text: one entry per line, so diffs stay readable. */
export function render(entries: map_entry[]): string {
  const s = [...entries].sort(cmp_entries);
  return s.length ? `[\n${s.map((e) => '  ' + entry_line(e)).join(',\n')}\n]\n` : '[]\n';
}

export function read_json(file = DEFAULT_JSON): map_entry[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as map_entry[];
}

/** Compare functions.json with a fresh scan: ok, plus a line diff ("- old", "+ new"). */
export function check_up_to_date(src_dir = DEFAULT_SRC, json_file = DEFAULT_JSON): { ok: boolean; diff: string[]; scan: scan_result } {
  const r = scan(src_dir);
  const want = render(r.entries);
  const have = fs.existsSync(json_file) ? fs.readFileSync(json_file, 'utf8') : '';
  if (have === want) return { ok: true, diff: [], scan: r };
  const diff: string[] = [];
  if (!have) diff.push(`${path.relative(process.cwd(), json_file) || json_file} does not exist`);
  let old: string[] = [];
  try { old = (JSON.parse(have || '[]') as map_entry[]).map(entry_line); } catch { diff.push('functions.json is not valid JSON'); }
  const neu = r.entries.map(entry_line);
  const so = new Set(old), sn = new Set(neu);
  for (const l of old) if (!sn.has(l)) diff.push(`- ${l}`);
  for (const l of neu) if (!so.has(l)) diff.push(`+ ${l}`);
  if (diff.length === 0) diff.push('(same entries, different formatting or order)');
  return { ok: false, diff, scan: r };
}

export function write_json(entries: map_entry[], json_file = DEFAULT_JSON): void {
  fs.writeFileSync(json_file, render(entries));
}

export function format_diag(d: diag, strict: boolean): string {
  const lvl = strict && d.code !== 'name' ? 'error' : 'warning';
  return `${d.file}:${d.line}: ${lvl}: ${d.msg} [${d.code}]`;
}

function main(argv: string[]): number {
  let check = false, strict = false, quiet = false;
  let src = DEFAULT_SRC, out = DEFAULT_JSON;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--check') check = true;
    else if (a === '--strict') strict = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '--src') src = path.resolve(argv[++i]!);
    else if (a === '--out') out = path.resolve(argv[++i]!);
    else if (a === '--root') { const r = path.resolve(argv[++i]!); src = path.join(r, 'src'); out = path.join(r, 'kernel-ref', 'functions.json'); }
    else if (a === '-h' || a === '--help') {
      console.log('usage: npx tsx kernel-ref/map.ts [--check] [--strict] [--root DIR | --src DIR --out FILE] [-q]');
      return 0;
    } else { console.error(`map.ts: unknown argument ${a}`); return 2; }
  }
  let r: scan_result;
  let rc = 0;
  if (check) {
    const c = check_up_to_date(src, out);
    r = c.scan;
    if (!c.ok) {
      console.log(`${path.relative(process.cwd(), out)} is out of date (run: npx tsx kernel-ref/map.ts):`);
      for (const l of c.diff) console.log(l);
      rc = 1;
    }
  } else {
    r = scan(src);
    write_json(r.entries, out);
  }
  const errors = r.diags.filter((d) => strict && d.code !== 'name');
  if (!quiet || errors.length) for (const d of r.diags) if (!quiet || (strict && d.code !== 'name')) console.log(format_diag(d, strict));
  const counts = new Map<string, number>();
  for (const d of r.diags) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  const cs = [...counts].map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
  console.log(`${check ? 'checked' : 'wrote'} ${path.relative(process.cwd(), out)}: ${r.entries.length} references in ${r.files} files; diagnostics: ${cs}${rc ? '; OUT OF DATE' : ''}`);
  if (errors.length) rc = 1;
  return rc;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
