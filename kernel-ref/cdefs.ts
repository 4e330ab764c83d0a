// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel-ref/cdefs.ts: where names are defined in one C source or header, for kernel-ref/check.ts.
 *
 * Not a C parser: a lexer (comments, strings, line continuations, preprocessor lines kept apart) and a
 * brace/paren depth tracker that treats #if/#elif/#else like ctags does (each branch starts from the depth
 * at the #if; after #endif the depth is the one the first branch left). That is enough for kernel style.
 *
 * The definition line of a name is the line holding the name token itself in its definition:
 *   function   static int\nveth_xmit(struct sk_buff *skb, ...)\n{   -> the "veth_xmit(" line
 *              (top level, the name followed by "(...)" then "{", optionally with __acquires(x)-style
 *              annotations between; prototypes ending in ";" are not definitions)
 *   macro      #define skb_shinfo(SKB) ...                          -> the #define line
 *   struct     struct net_device {                                   -> the line with "net_device"
 *              (also union/enum NAME {)
 *   variable   static const struct net_device_ops veth_netdev_ops = {  -> the line with the name
 *              (a typedef name likewise; "extern" declarations are not definitions)
 *   generated  a macro invocation that generates the name: DEV_CORE_STATS_INC(rx_dropped) defines
 *              dev_core_stats_rx_dropped_inc through "dev_core_stats_##FIELD##_inc" in the #define of
 *              DEV_CORE_STATS_INC in the same file -> the line of the argument the name is built from;
 *              TRACE_EVENT(kfree_skb, ...) / DEFINE_EVENT(class, name, ...) / DECLARE_EVENT_CLASS(name, ...)
 *              define the tracepoint name (also found as trace_<name>) -> the line of that argument.
 * Weak definitions, used only when a name has no definition of the kinds above: tentative variables
 * ("static struct x foo;"), and a bare identifier argument of an upper-case macro invocation at top level
 * (DEFINE_PER_CPU(struct softnet_data, softnet_data), SYSCALL_DEFINE3(socket, ...)), except EXPORT_*,
 * MODULE_*, NOKPROBE_SYMBOL and similar, which only mention a name.
 * A name can have several definitions (#ifdef CONFIG_X / #else stubs): each is a candidate. Given a
 * kernel config, the #if/#ifdef/#elif/#else conditions around each are evaluated (three-valued: CONFIG_*
 * from the config, BITS_PER_LONG 64, __KERNEL__, macros #defined earlier in the same file; anything else
 * unknown), so best_candidate() can prefer the definition that config compiles.
 */

export type def_kind = 'function' | 'macro' | 'struct' | 'union' | 'enum' | 'enumerator' | 'variable' | 'typedef' | 'generated' | 'tracepoint';
/** size: tokens in the body (function) or replacement list (macro), else 0; stubs are small.
 * active: whether the #if/#ifdef conditions around it hold in the kernel config given to index_c
 * (undefined: unknown, or no config). */
export interface c_def { line: number; kind: def_kind; strong: boolean; via?: string; size?: number; active?: boolean }
/** A kernel .config: CONFIG_X -> "y" | "m" | number or string text. "# CONFIG_X is not set" is absent. */
export type kconfig = Map<string, string>;

export function parse_kconfig(text: string): kconfig {
  const m: kconfig = new Map();
  for (const l of text.split('\n')) {
    const x = /^(CONFIG_\w+)=(.*)$/.exec(l.trim());
    if (x) m.set(x[1]!, x[2]!);
  }
  return m;
}
export type c_index = Map<string, c_def[]>;

interface tok { t: string; line: number; pos: number; end: number; type: 'id' | 'num' | 'str' | 'p'; d: number }

const ID0 = /[A-Za-z_$]/;
const ID = /[\w$]/;

/** Tokens of a C file. Tokens of a preprocessor directive carry its number in `d` (else -1). */
export function lex(src: string): tok[] {
  const out: tok[] = [];
  let i = 0, line = 1, bol = true, d = -1, nd = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === '\n') {
      line++; i++; bol = true;
      if (d >= 0) d = -1;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; line++; continue; }
    if (c === '\\' && src[i + 1] === '\r' && src[i + 2] === '\n') { i += 3; line++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { i++; continue; }
    if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      const stop = e < 0 ? n : e + 2;
      for (let k = i; k < stop; k++) if (src.charCodeAt(k) === 10) line++;
      i = stop;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') {
        if (src[i] === '\\' && src[i + 1] === '\n') { i += 2; line++; continue; }
        i++;
      }
      continue;
    }
    if (c === '#' && bol && d < 0) {
      d = nd++;
      out.push({ t: '#', line, pos: i, end: i + 1, type: 'p', d });
      i++; bol = false;
      continue;
    }
    bol = false;
    const start = i;
    if (ID0.test(c)) {
      i++;
      while (i < n && ID.test(src[i]!)) i++;
      out.push({ t: src.slice(start, i), line, pos: start, end: i, type: 'id', d });
      continue;
    }
    if (c >= '0' && c <= '9') {
      i++;
      while (i < n && /[\w.]/.test(src[i]!)) i++;
      out.push({ t: src.slice(start, i), line, pos: start, end: i, type: 'num', d });
      continue;
    }
    if (c === '"' || c === "'") {
      // A literal ends at its closing quote; an unterminated one (an apostrophe in #error text or in
      // #if 0 prose) ends at the end of the line and is then just a punctuator.
      let k = i + 1;
      let ok = false;
      let nl = 0;
      while (k < n && src[k] !== '\n') {
        if (src[k] === '\\') { if (src[k + 1] === '\n') nl++; k += 2; continue; }
        if (src[k] === c) { ok = true; break; }
        k++;
      }
      if (ok) {
        out.push({ t: src.slice(i, k + 1), line, pos: i, end: k + 1, type: 'str', d });
        line += nl;
        i = k + 1;
      } else {
        out.push({ t: c, line, pos: i, end: i + 1, type: 'p', d });
        i++;
      }
      continue;
    }
    if (c === '#' && src[i + 1] === '#') {
      out.push({ t: '##', line, pos: i, end: i + 2, type: 'p', d });
      i += 2;
      continue;
    }
    out.push({ t: c, line, pos: i, end: i + 1, type: 'p', d });
    i++;
  }
  return out;
}

const C_KEYWORDS = new Set([
  'if', 'else', 'for', 'while', 'do', 'switch', 'case', 'default', 'return', 'goto', 'break', 'continue',
  'sizeof', 'typeof', '__typeof__', '__typeof', 'typeof_unqual', '_Alignof', 'alignof', '__alignof__',
  '__attribute__', '__attribute', 'asm', '__asm__', '__asm', 'volatile', '__volatile__', '_Static_assert',
  'static_assert', 'struct', 'union', 'enum', 'typedef', 'extern', 'static', 'inline', 'const', 'void',
  'int', 'char', 'short', 'long', 'unsigned', 'signed', 'float', 'double', '_Bool', 'bool', 'auto', 'register',
]);
/** Keywords that may precede a declarator's name ("static int x", "unsigned long foo(...)"). */
const TYPE_WORDS = new Set(['int', 'char', 'short', 'long', 'unsigned', 'signed', 'void', 'bool', '_Bool', 'float', 'double',
  'const', 'inline', 'static', 'volatile']);

/** Macros that mention a name without defining it. */
const MENTION_ONLY = /^(EXPORT_|MODULE_|NOKPROBE_SYMBOL$|ALLOW_ERROR_INJECTION$|INDIRECT_CALLABLE_DECLARE$|BTF_|BUILD_BUG_ON|static_assert$|__ADDRESSABLE$|SYM_|ASM_|_ASM_|KCSAN_|KASAN_|ERROR_INJECT|__diag|CHECK_|WARN|BUG|ASSERT)/;

/** Tracepoint macros: argument index of the event name. */
const TRACE_MACROS: Record<string, number> = {
  TRACE_EVENT: 0, TRACE_EVENT_CONDITION: 0, TRACE_EVENT_FN: 0, TRACE_EVENT_FN_COND: 0, DECLARE_TRACE: 0,
  DECLARE_EVENT_CLASS: 0, DEFINE_EVENT: 1, DEFINE_EVENT_FN: 1, DEFINE_EVENT_PRINT: 1, DEFINE_EVENT_CONDITION: 1,
};

type tpl_part = { lit: string } | { param: number };
interface macro_tpl { params: string[]; templates: tpl_part[][] }

function add(ix: c_index, name: string, def: c_def): void {
  let a = ix.get(name);
  if (!a) ix.set(name, a = []);
  if (!a.some((x) => x.line === def.line && x.kind === def.kind)) a.push(def);
}

/** Templates of the names a function-like macro body defines: "dev_core_stats_##FIELD##_inc" chains,
 * and a bare parameter used as "TYPE PARAM(" (a function named by the argument). */
function templates_of(params: string[], body: tok[]): tpl_part[][] {
  const out: tpl_part[][] = [];
  const part = (t: tok): tpl_part => { const k = params.indexOf(t.t); return k >= 0 ? { param: k } : { lit: t.t }; };
  for (let i = 0; i < body.length; i++) {
    const t = body[i]!;
    if (t.type !== 'id' && t.type !== 'num') continue;
    if (body[i + 1]?.t === '##') {
      const chain: tpl_part[] = [part(t)];
      let j = i + 1;
      while (body[j]?.t === '##' && body[j + 1] && (body[j + 1]!.type === 'id' || body[j + 1]!.type === 'num')) {
        chain.push(part(body[j + 1]!));
        j += 2;
      }
      if (chain.some((p) => 'param' in p)) out.push(chain);
      i = j - 1;
      continue;
    }
    const prev = body[i - 1];
    if (params.includes(t.t) && body[i + 1]?.t === '(' && prev &&
        ((prev.type === 'id' && !['return', 'if', 'while', 'sizeof', 'typeof', 'case', 'else', 'do'].includes(prev.t)) || prev.t === '*')) {
      out.push([part(t)]);
    }
  }
  return out;
}

type tri = boolean | undefined;
type val = number | undefined;
const t_and = (a: tri, b: tri): tri => (a === false || b === false) ? false : (a === true && b === true) ? true : undefined;
const t_or = (a: tri, b: tri): tri => (a === true || b === true) ? true : (a === false && b === false) ? false : undefined;
const t_not = (a: tri): tri => a === undefined ? undefined : !a;
const truth = (v: val): tri => v === undefined ? undefined : v !== 0;
const num = (b: tri): val => b === undefined ? undefined : b ? 1 : 0;

/** Values known for an x86_64 kernel build, besides the config. */
const BUILTIN_DEFINES: Record<string, number> = {
  __KERNEL__: 1, BITS_PER_LONG: 64, __BITS_PER_LONG: 64, __x86_64__: 1, __LITTLE_ENDIAN: 1234, __LITTLE_ENDIAN_BITFIELD: 1,
};
const BUILTIN_UNDEFINED = new Set(['__ASSEMBLY__', '__ASSEMBLER__', '__CHECKER__', '__GENKSYMS__', '__BIG_ENDIAN', '__BIG_ENDIAN_BITFIELD',
  '__BPF__', 'BUILD_VDSO', 'BUILD_VDSO32', '__DISABLE_EXPORTS']);

/** Evaluate a #if expression (tokens after the directive keyword), three-valued. */
function eval_if(toks: tok[], cfg: kconfig, local: Map<string, val | null>): tri {
  // Re-join adjacent punctuators: && || == != >= <= << >>
  const ts: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const n = toks[i + 1];
    if (t.type === 'p' && n && n.type === 'p' && n.pos === t.end && ['&&', '||', '==', '!=', '>=', '<=', '<<', '>>'].includes(t.t + n.t)) { ts.push(t.t + n.t); i++; }
    else ts.push(t.t);
  }
  let i = 0;
  const is_defined = (name: string): tri => {
    if (name.startsWith('CONFIG_')) return cfg.has(name);
    if (name in BUILTIN_DEFINES) return true;
    if (BUILTIN_UNDEFINED.has(name)) return false;
    if (local.has(name)) return local.get(name) === null ? false : true;
    if (/^_*[A-Z0-9_]+_H_*$/.test(name)) return false;   // an include guard, not yet defined
    return undefined;
  };
  const ident_value = (name: string): val => {
    if (name.startsWith('CONFIG_')) {
      const v = cfg.get(name);
      if (v === undefined || v === 'm') return 0;       // "=m" defines CONFIG_X_MODULE, not CONFIG_X
      if (v === 'y') return 1;
      const n = Number(v);
      return Number.isFinite(n) ? n : undefined;
    }
    if (name in BUILTIN_DEFINES) return BUILTIN_DEFINES[name];
    if (BUILTIN_UNDEFINED.has(name)) return 0;
    if (local.has(name)) { const v = local.get(name); return v === null ? 0 : v; }
    return undefined;
  };
  const config_fn = (fn: string, name: string): val => {
    const v = cfg.get(name);
    if (fn === 'IS_ENABLED') return num(v === 'y' || v === 'm');
    if (fn === 'IS_BUILTIN') return num(v === 'y');
    if (fn === 'IS_MODULE') return num(v === 'm');
    if (fn === 'IS_REACHABLE') return v === 'y' ? 1 : v === 'm' ? undefined : 0;
    return undefined;
  };
  const primary = (): val => {
    const t = ts[i++];
    if (t === undefined) return undefined;
    if (t === '(') { const v = ternary(); if (ts[i] === ')') i++; return v; }
    if (t === '!') return num(t_not(truth(primary())));
    if (t === '-') { const v = primary(); return v === undefined ? undefined : -v; }
    if (t === '~') { const v = primary(); return v === undefined ? undefined : ~v; }
    if (t === 'defined') {
      let name: string | undefined;
      if (ts[i] === '(') { name = ts[i + 1]; i += 3; } else name = ts[i++];
      return num(name ? is_defined(name) : undefined);
    }
    if (/^(IS_ENABLED|IS_BUILTIN|IS_MODULE|IS_REACHABLE)$/.test(t) && ts[i] === '(') {
      const name = ts[i + 1]!;
      i += 3;
      return config_fn(t, name);
    }
    if (/^[0-9]/.test(t)) { const n = Number(t.replace(/[uUlL]+$/, '')); return Number.isFinite(n) ? n : undefined; }
    if (/^[A-Za-z_]/.test(t)) {
      if (ts[i] === '(') {   // an unknown function-like macro: skip its arguments
        let depth = 0;
        for (; i < ts.length; i++) { if (ts[i] === '(') depth++; else if (ts[i] === ')' && --depth === 0) { i++; break; } }
        return undefined;
      }
      return ident_value(t);
    }
    return undefined;
  };
  const BIN: [string[], (a: number, b: number, op: string) => number][] = [
    [['*', '/', '%'], (a, b, op) => op === '*' ? a * b : b === 0 ? 0 : op === '/' ? Math.trunc(a / b) : a % b],
    [['+', '-'], (a, b, op) => op === '+' ? a + b : a - b],
    [['<<', '>>'], (a, b, op) => op === '<<' ? a * 2 ** b : Math.floor(a / 2 ** b)],
    [['<', '>', '<=', '>='], (a, b, op) => Number(op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b)],
    [['==', '!='], (a, b, op) => Number(op === '==' ? a === b : a !== b)],
    [['&'], (a, b) => a & b], [['^'], (a, b) => a ^ b], [['|'], (a, b) => a | b],
  ];
  const binary = (level: number): val => {
    if (level < 0) return primary();
    let a = binary(level - 1);
    while (i < ts.length && BIN[level]![0].includes(ts[i]!)) {
      const op = ts[i++]!;
      const b = binary(level - 1);
      a = a === undefined || b === undefined ? undefined : BIN[level]![1](a, b, op);
    }
    return a;
  };
  const land = (): val => {
    let a = truth(binary(BIN.length - 1));
    while (ts[i] === '&&') { i++; a = t_and(a, truth(binary(BIN.length - 1))); }
    return num(a);
  };
  const lor = (): val => {
    let a = truth(land());
    while (ts[i] === '||') { i++; a = t_or(a, truth(land())); }
    return num(a);
  };
  const ternary = (): val => {
    const c = lor();
    if (ts[i] !== '?') return c;
    i++;
    const a = ternary();
    if (ts[i] === ':') i++;
    const b = ternary();
    const ct = truth(c);
    return ct === undefined ? (a === b ? a : undefined) : ct ? a : b;
  };
  try {
    const v = ternary();
    return i >= ts.length ? truth(v) : undefined;
  } catch { return undefined; }
}

/** Index every definition in a C file: name -> candidate definitions. With a kernel config, each
 * definition's `active` says whether the conditionals around it hold in that config. */
export function index_c(src: string, cfg?: kconfig): c_index {
  const all = lex(src);
  const ix: c_index = new Map();
  const macros = new Map<string, macro_tpl>();

  // Pass 1: directives (#define), and the ordered stream of non-directive tokens with conditional markers.
  const main: tok[] = [];
  const act: tri[] = [];      // active-ness of each main token under cfg
  type cond = { kind: 'if' | 'else' | 'endif'; at: number };
  const conds: cond[] = [];   // conditional markers, positioned before main[at]
  // Conditional context: per open #if, whether some earlier branch held, and whether this one does.
  const frames: { prev_any: tri; cur_cond: tri; cur: tri }[] = [];
  let active: tri = cfg ? true : undefined;
  const recompute = () => { active = cfg ? frames.reduce<tri>((a, f) => t_and(a, f.cur), true) : undefined; };
  const local = new Map<string, val | null>();   // macros #defined (value, or unknown) / #undef'd (null) so far
  for (let i = 0; i < all.length;) {
    const t = all[i]!;
    if (t.d < 0) { main.push(t); act.push(active); i++; continue; }
    let j = i;
    while (j < all.length && all[j]!.d === t.d) j++;
    const dir = all.slice(i + 1, j);      // without the '#'
    i = j;
    const kw = dir[0]?.t;
    if (cfg) {
      const c = (): tri => kw === 'ifdef' || kw === 'ifndef' || kw === 'elifdef' || kw === 'elifndef'
        ? ((x: tri) => kw.endsWith('ndef') ? t_not(x) : x)(eval_if([{ ...dir[0]!, t: 'defined' }, ...dir.slice(1, 2)], cfg, local))
        : eval_if(dir.slice(1), cfg, local);
      if (kw === 'if' || kw === 'ifdef' || kw === 'ifndef') { const v = c(); frames.push({ prev_any: false, cur_cond: v, cur: v }); recompute(); }
      else if (kw === 'elif' || kw === 'elifdef' || kw === 'elifndef') {
        const f = frames[frames.length - 1];
        if (f) { f.prev_any = t_or(f.prev_any, f.cur_cond); const v = c(); f.cur_cond = v; f.cur = t_and(t_not(f.prev_any), v); recompute(); }
      } else if (kw === 'else') {
        const f = frames[frames.length - 1];
        if (f) { f.prev_any = t_or(f.prev_any, f.cur_cond); f.cur_cond = true; f.cur = t_not(f.prev_any); recompute(); }
      } else if (kw === 'endif') { frames.pop(); recompute(); }
      else if (kw === 'define' && dir[1]?.type === 'id') {
        if (active === true) {
          const body = dir.slice(dir[2]?.t === '(' && dir[2].pos === dir[1].end ? dir.findIndex((x, q) => q > 2 && x.t === ')') + 1 : 2);
          const v = body.length === 0 ? 1 : body.length === 1 && body[0]!.type === 'num' ? Number(body[0]!.t.replace(/[uUlL]+$/, '')) : undefined;
          local.set(dir[1].t, v !== undefined && Number.isFinite(v) ? v : undefined);
        } else if (active === undefined && !local.has(dir[1].t)) local.set(dir[1].t, undefined);
      } else if (kw === 'undef' && dir[1]?.type === 'id' && active === true) local.set(dir[1].t, null);
    }
    if (kw === 'define' && dir[1] && dir[1].type === 'id') {
      const nm = dir[1];
      add(ix, nm.t, { line: nm.line, kind: 'macro', strong: true, size: dir.length - 2, active: active ?? undefined });
      if (dir[2]?.t === '(' && dir[2].pos === nm.end) {
        const params: string[] = [];
        let k = 3;
        for (; k < dir.length && dir[k]!.t !== ')'; k++) if (dir[k]!.type === 'id') params.push(dir[k]!.t);
        const tpls = templates_of(params, dir.slice(k + 1));
        if (tpls.length) macros.set(nm.t, { params, templates: tpls });
      }
    } else if (kw === 'if' || kw === 'ifdef' || kw === 'ifndef') conds.push({ kind: 'if', at: main.length });
    else if (kw === 'elif' || kw === 'else' || kw === 'elifdef' || kw === 'elifndef') conds.push({ kind: 'else', at: main.length });
    else if (kw === 'endif') conds.push({ kind: 'endif', at: main.length });
  }

  // Pass 2: depth before every main token (ctags-style handling of conditionals).
  const brace = new Int32Array(main.length + 1);
  const paren = new Int32Array(main.length + 1);
  {
    let b = 0, p = 0, ci = 0;
    const stack: { b: number; p: number; fb: number; fp: number; seen_else: boolean }[] = [];
    for (let k = 0; k <= main.length; k++) {
      while (ci < conds.length && conds[ci]!.at === k) {
        const c = conds[ci++]!;
        if (c.kind === 'if') stack.push({ b, p, fb: 0, fp: 0, seen_else: false });
        else if (c.kind === 'else') {
          const s = stack[stack.length - 1];
          if (s) { if (!s.seen_else) { s.fb = b; s.fp = p; s.seen_else = true; } b = s.b; p = s.p; }
        } else {
          const s = stack.pop();
          if (s && s.seen_else) { b = s.fb; p = s.fp; }
        }
      }
      brace[k] = b; paren[k] = p;
      if (k === main.length) break;
      const t = main[k]!.t;
      if (t === '{') b++;
      else if (t === '}') b = Math.max(0, b - 1);
      else if (t === '(') p++;
      else if (t === ')') p = Math.max(0, p - 1);
    }
  }
  const match_paren = (k: number): number => {   // main[k] is '('; index of its ')' (or -1)
    let depth = 0;
    for (let j = k; j < main.length; j++) {
      const t = main[j]!.t;
      if (t === '(') depth++;
      else if (t === ')') { if (--depth === 0) return j; }
    }
    return -1;
  };
  const args_of = (k: number, e: number): tok[][] => {   // arguments between main[k]='(' and main[e]=')'
    const args: tok[][] = [[]];
    let depth = 0;
    for (let j = k + 1; j < e; j++) {
      const t = main[j]!;
      if (t.t === '(' || t.t === '[' || t.t === '{') depth++;
      else if (t.t === ')' || t.t === ']' || t.t === '}') depth--;
      if (t.t === ',' && depth === 0) { args.push([]); continue; }
      args[args.length - 1]!.push(t);
    }
    return args;
  };
  let k_cur = 0;        // the main token being looked at, for the active-ness of what it defines
  const addk = (name: string, def: c_def) => add(ix, name, act[k_cur] === undefined ? def : { ...def, active: act[k_cur] as boolean });
  let attr_end = 0;     // tokens before this index were attributes after a variable's name
  let stmt_start = 0;   // first token of the current top-level declaration, for extern/typedef checks
  const enumerators = (open: number) => {   // main[open] is the '{' of an enum body
    let depth = 0;
    for (let j = open; j < main.length; j++) {
      const x = main[j]!;
      if (x.t === '{' || x.t === '(' || x.t === '[') depth++;
      else if (x.t === '}' || x.t === ')' || x.t === ']') { if (--depth === 0) return; }
      else if (depth === 1 && x.type === 'id' && (main[j - 1]!.t === '{' || main[j - 1]!.t === ',') &&
               ['=', ',', '}'].includes(main[j + 1]?.t ?? '')) addk(x.t, { line: x.line, kind: 'enumerator', strong: true });
    }
  };

  for (let k = 0; k < main.length; k++) {
    k_cur = k;
    const t = main[k]!;
    const b = brace[k]!, p = paren[k]!;
    if (p === 0 && ((t.t === ';' && b === 0) || (t.t === '}' && b === 1 && brace[k + 1] === 0))) {
      // "struct x { ... } var;" and "typedef struct { ... } name_t;" go on to a declarator.
      const nx = main[k + 1];
      if (!(t.t === '}' && nx && (nx.type === 'id' || nx.t === '*'))) stmt_start = k + 1;
      continue;
    }
    if (t.type !== 'id') continue;
    const prev = main[k - 1];
    let next = main[k + 1];

    // struct/union/enum NAME {   (any depth: nested named structs are definitions too)
    if (prev && (prev.t === 'struct' || prev.t === 'union' || prev.t === 'enum')) {
      let j = k + 1;
      while (main[j] && main[j]!.type === 'id' && main[j]!.t.startsWith('__')) {   // __packed, __aligned(x)
        j++;
        if (main[j]?.t === '(') { const e = match_paren(j); if (e < 0) break; j = e + 1; }
      }
      if (main[j]?.t === '{') {
        addk(t.t, { line: t.line, kind: prev.t as def_kind, strong: true });
        if (prev.t === 'enum') enumerators(j);
      }
      continue;
    }
    if (t.t === 'enum' && next?.t === '{') { enumerators(k + 1); continue; }
    // Function-pointer declarators: "int (*hook)(...) = f;", "typedef int (*fn_t)(...);"
    if (b === 0 && p === 1 && prev?.t === '*' && main[k - 2]?.t === '(' && next?.t === ')' && main[k + 2]?.t === '(') {
      let is_extern = false, is_typedef = false;
      for (let j = stmt_start; j < k; j++) {
        if (main[j]!.t === 'extern') is_extern = true;
        if (main[j]!.t === 'typedef') is_typedef = true;
      }
      if (!is_extern) {
        const e = match_paren(k + 2);
        let j = e + 1;
        while (main[j] && main[j]!.type === 'id') { j++; if (main[j]?.t === '(') { const e2 = match_paren(j); if (e2 < 0) break; j = e2 + 1; } }
        addk(t.t, { line: t.line, kind: is_typedef ? 'typedef' : 'variable', strong: is_typedef || main[j]?.t === '=' });
      }
      continue;
    }
    if (b !== 0 || p !== 0 || C_KEYWORDS.has(t.t)) continue;
    const prev_typeish = !!prev && ((prev.type === 'id' && (!C_KEYWORDS.has(prev.t) || TYPE_WORDS.has(prev.t))) || prev.t === '*');

    if (next?.t === '(') {
      const e = match_paren(k + 1);
      if (e < 0) continue;
      let j = e + 1;
      while (main[j] && main[j]!.type === 'id' && !C_KEYWORDS.has(main[j]!.t)) {   // __acquires(x), __must_hold(x)
        j++;
        if (main[j]?.t === '(') { const e2 = match_paren(j); if (e2 < 0) break; j = e2 + 1; }
      }
      if (main[j]?.t === '{' && prev_typeish) {
        let q = j, depth = 0;
        for (; q < main.length; q++) { if (main[q]!.t === '{') depth++; else if (main[q]!.t === '}' && --depth === 0) break; }
        addk(t.t, { line: t.line, kind: 'function', strong: true, size: q - j + 1 });
        continue;
      }
      if (prev_typeish && main[j]?.t === ';') {   // "typedef rx_handler_result_t rx_handler_func_t(...);"
        let is_typedef = false;
        for (let q = stmt_start; q < k; q++) if (main[q]!.t === 'typedef') is_typedef = true;
        if (is_typedef) addk(t.t, { line: t.line, kind: 'typedef', strong: true });
        continue;
      }
      // A macro invocation at top level.
      const args = args_of(k + 1, e);
      const tp = TRACE_MACROS[t.t];
      if (tp !== undefined) {
        const a = args[tp];
        if (a && a.length === 1 && a[0]!.type === 'id') {
          addk(a[0]!.t, { line: a[0]!.line, kind: 'tracepoint', strong: true, via: t.t });
          addk(`trace_${a[0]!.t}`, { line: a[0]!.line, kind: 'tracepoint', strong: true, via: t.t });
        }
        continue;
      }
      const m = macros.get(t.t);
      if (m) {
        for (const tpl of m.templates) {
          let name = '';
          let line = 0;
          let ok = true;
          for (const part of tpl) {
            if ('lit' in part) { name += part.lit; continue; }
            const a = args[part.param];
            if (!a || a.length !== 1 || (a[0]!.type !== 'id' && a[0]!.type !== 'num')) { ok = false; break; }
            name += a[0]!.t;
            if (!line) line = a[0]!.line;
          }
          if (ok && line && /^[A-Za-z_]\w*$/.test(name)) addk(name, { line, kind: 'generated', strong: true, via: t.t });
        }
        continue;
      }
      if (/^[A-Z_][A-Z0-9_]*$/.test(t.t) && !MENTION_ONLY.test(t.t)) {
        for (const a of args) {
          if (a.length === 1 && a[0]!.type === 'id' && !C_KEYWORDS.has(a[0]!.t)) {
            addk(a[0]!.t, { line: a[0]!.line, kind: 'generated', strong: false, via: t.t });
          }
        }
      }
      continue;
    }

    // Variables and typedef names: TYPE NAME = ..., TYPE NAME;, TYPE NAME[...]..., TYPE NAME __read_mostly = ...
    if (k < attr_end) continue;   // an attribute of the previous declarator (__read_mostly)
    let nx = k + 1;
    while (main[nx] && main[nx]!.type === 'id' && /^__/.test(main[nx]!.t) && nx - k < 8) {
      nx++;
      if (main[nx]?.t === '(') { const e = match_paren(nx); if (e < 0) break; nx = e + 1; }
    }
    if (nx !== k + 1 && ['=', ';', ','].includes(main[nx]?.t ?? '')) { next = main[nx]; attr_end = nx; }
    if (next && (next.t === '=' || next.t === ';' || next.t === ',' || next.t === '[') && (prev_typeish || prev?.t === '}')) {
      let is_extern = false, is_typedef = false;
      for (let j = stmt_start; j < k; j++) {
        if (main[j]!.t === 'extern') is_extern = true;
        if (main[j]!.t === 'typedef') is_typedef = true;
      }
      if (is_extern) continue;
      if (is_typedef) { addk(t.t, { line: t.line, kind: 'typedef', strong: true }); continue; }
      let init = next.t === '=';
      if (next.t === '[') {
        let j = k + 1, depth = 0;
        for (; j < main.length; j++) {
          if (main[j]!.t === '[') depth++;
          else if (main[j]!.t === ']') { if (--depth === 0 && main[j + 1]?.t !== '[') break; }
        }
        init = main[j + 1]?.t === '=';
      }
      addk(t.t, { line: t.line, kind: 'variable', strong: init });
    }
  }
  return ix;
}

/** Candidate definitions of `name` in an index, most specific first: strong non-struct definitions,
 * then struct/union/enum definitions, then weak ones. `kind` restricts to struct/union/enum. */
export function candidates(ix: c_index, name: string, kind?: 'struct' | 'union' | 'enum'): c_def[] {
  const defs = ix.get(name) ?? [];
  if (kind) return defs.filter((d) => d.kind === kind).sort((a, b) => a.line - b.line);
  const tiers = [
    defs.filter((d) => d.strong && d.kind !== 'struct' && d.kind !== 'union' && d.kind !== 'enum'),
    defs.filter((d) => d.kind === 'struct' || d.kind === 'union' || d.kind === 'enum'),
    defs.filter((d) => !d.strong),
  ];
  for (const t of tiers) if (t.length) return t.sort((a, b) => a.line - b.line);
  return [];
}

/** The candidate a reference citing `line` most likely means, among several (#ifdef alternatives):
 * 1. those the kernel config compiles (active), if known; else all but those it excludes;
 * 2. then not stubs: bodies of at most STUB_TOKENS tokens ("{}", "{ return 0; }") lose to bigger ones;
 * 3. then the nearest to `line`. */
export const STUB_TOKENS = 5;
export function best_candidate(defs: c_def[], line: number): c_def | undefined {
  let c = defs;
  const on = c.filter((d) => d.active === true);
  if (on.length) c = on;
  else { const not_off = c.filter((d) => d.active !== false); if (not_off.length) c = not_off; }
  const big = c.filter((d) => (d.size ?? 0) > STUB_TOKENS || !(d.kind === 'function'));
  if (big.length && big.length < c.length) c = big;
  let best: c_def | undefined;
  for (const d of c) if (!best || Math.abs(d.line - line) < Math.abs(best.line - line)) best = d;
  return best;
}
