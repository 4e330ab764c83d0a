// SPDX-License-Identifier: GPL-2.0-only
/*
 * iproute2's lib/utils.c and lib/ll_addr.c helpers: argument matching, integer parsing with
 * strtol's rules, link-layer address text, the fatal argument errors (invarg, duparg, ...)
 * with their exact texts, and the batch-file line reader (getcmdline, makeargs).
 */
import type { ip_ctx } from './ctx';

/** matches(): `arg` is a prefix of `pattern` (0 when it matches, as in C) */
export function matches(arg: string, pattern: string): number {
  if (arg.length === 0 || arg.length > pattern.length) return 1;
  return pattern.startsWith(arg) ? 0 : 1;
}

/** strtol(3) on the whole string; null where get_integer would fail */
function strtol_full(s: string, base: number): bigint | null {
  let i = 0;
  while (i < s.length && ' \t\n\v\f\r'.includes(s[i]!)) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') { neg = s[i] === '-'; i++; }
  let b = base;
  if ((b === 0 || b === 16) && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) { i += 2; b = 16; }
  else if (b === 0 && s[i] === '0') b = 8;
  else if (b === 0) b = 10;
  const digits = s.slice(i);
  if (digits.length === 0) return null;
  let v = 0n;
  for (const c of digits) {
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= b) return null;
    v = v * BigInt(b) + BigInt(d);
  }
  return neg ? -v : v;
}

/** lib/utils.c get_integer: an int, base 0 = C prefixes */
export function get_integer(arg: string | undefined, base = 0): number | null {
  if (!arg) return null;
  const v = strtol_full(arg, base);
  if (v === null || v < -2147483648n || v > 2147483647n) return null;
  return Number(v);
}
/** atoi(3): leading digits, 0 when there are none */
export function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const v = Number(BigInt.asIntN(32, BigInt(m[1]!)));
  return v;
}

const isspace = (c: string): boolean => ' \t\n\v\f\r'.includes(c);
/** lib/utils.c check_ifname: what dev_valid_name would refuse */
export function check_ifname(name: string): number {
  if (name === '') return -1;
  if (Buffer.byteLength(name) >= 16) return -1;
  for (const c of name) if (c === '/' || isspace(c)) return -1;
  return 0;
}
export function check_altifname(name: string): number {
  if (name === '') return -1;
  for (const c of name) if (c === '/' || isspace(c)) return -1;
  return 0;
}

/* The fatal ones end the ip process (exit(-1)), batch or not, as in iproute2. */
export function invarg(ctx: ip_ctx, msg: string, arg: string): never {
  ctx.err(`Error: argument "${arg}" is wrong: ${msg}\n`);
  ctx.exit(-1);
}
export function duparg(ctx: ip_ctx, key: string, arg: string): never {
  ctx.err(`Error: duplicate "${key}": "${arg}" is the second value.\n`);
  ctx.exit(-1);
}
export function duparg2(ctx: ip_ctx, key: string, arg: string): never {
  ctx.err(`Error: either "${key}" is duplicate, or "${arg}" is a garbage.\n`);
  ctx.exit(-1);
}
function incomplete_command(ctx: ip_ctx): never {
  ctx.err('Command line is not complete. Try option "help"\n');
  ctx.exit(-1);
}
export function nodev(ctx: ip_ctx, dev: string): number {
  ctx.err(`Cannot find device "${dev}"\n`);
  return -1;
}

/** an argv cursor: `argc`, `cur` (*argv) and NEXT_ARG (`next`) */
export class args {
  constructor(readonly v: string[], public i = 0) {}
  get argc(): number { return this.v.length - this.i; }
  get cur(): string { return this.v[this.i]!; }
  next(ctx: ip_ctx): string {
    this.i++;
    if (this.argc <= 0) incomplete_command(ctx);
    return this.cur;
  }
}

/* sscanf("%x"): optional whitespace, sign and 0x, then hex digits up to the first other char */
function scan_hex(s: string): number | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)/.exec(s);
  if (!m) return null;
  const v = BigInt.asIntN(32, BigInt(`0x${m[2]}`));
  return Number(m[1] === '-' ? -v : v);
}

/** lib/ll_addr.c ll_addr_a2n: "aa:bb:.." (or dotted quad) into at most `len` bytes */
export function ll_addr_a2n(ctx: ip_ctx, len: number, arg: string): Uint8Array | null {
  if (arg.includes('.')) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(arg);
    if (!m || m.slice(1).some((x) => Number(x) > 255)) {
      ctx.err(`"${arg}" is invalid lladdr.\n`);
      return null;
    }
    return Uint8Array.from(m.slice(1).map(Number));
  }
  const out: number[] = [];
  let rest: string | null = arg;
  for (let i = 0; i < len && rest !== null; i++) {
    const c = rest.indexOf(':');
    const part = c < 0 ? rest : rest.slice(0, c);
    rest = c < 0 ? null : rest.slice(c + 1);
    const v = scan_hex(part);
    if (v === null || v < 0 || v > 255) {
      ctx.err(`"${part}" is invalid lladdr.\n`);
      return null;
    }
    out.push(v);
  }
  return Uint8Array.from(out);
}

/** lib/ll_addr.c ll_addr_n2a for hardware addresses */
export function ll_addr_n2a(a: Uint8Array): string {
  if (a.length === 0) return '';
  return Array.from(a, (x) => x.toString(16).padStart(2, '0')).join(':');
}

/**
 * lib/utils.c getcmdline: the next command of a batch file. '#' starts a comment, a trailing
 * backslash joins the next line; `lineno` counts physical lines (the last one read).
 */
export function getcmdline(lines: string[], pos: { i: number; lineno: number }): string | null {
  if (pos.i >= lines.length) return null;
  let line = lines[pos.i++]!;
  pos.lineno++;
  let cut = line.indexOf('#');
  if (cut >= 0) line = line.slice(0, cut);
  while (line.endsWith('\\') && pos.i < lines.length) {
    let l2 = lines[pos.i++]!;
    pos.lineno++;
    cut = l2.indexOf('#');
    if (cut >= 0) l2 = l2.slice(0, cut);
    line = line.slice(0, -1) + l2;
  }
  return line;
}

/** lib/utils.c makeargs: split on blanks, with '...' and "..." quoting */
export function makeargs(line: string, maxargs = 100): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && ' \t\r\n'.includes(line[i]!)) i++;
    if (i >= line.length) break;
    if (line[i] === '#') break;
    let w = '';
    if (line[i] === '"' || line[i] === "'") {
      const q = line[i]!;
      const e = line.indexOf(q, i + 1);
      if (e < 0) return null; /* unterminated quoted string */
      w = line.slice(i + 1, e);
      i = e + 1;
    } else {
      while (i < line.length && !' \t\r\n'.includes(line[i]!)) w += line[i++];
    }
    if (out.length >= maxargs - 1) return null; /* too many arguments */
    out.push(w);
  }
  return out;
}
