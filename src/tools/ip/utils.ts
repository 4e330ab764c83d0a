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
/**
 * lib/rt_names.c rtnl_group_a2n: "default" (the one name /etc/iproute2/group has) or strtol base 0
 * into an int, as C truncates it; null for a negative number or trailing characters.
 */
export function rtnl_group_a2n(arg: string): number | null {
  if (arg === 'default') return 0;
  const v = strtol_full(arg, 0);
  if (v === null) return null;
  const LONG_MAX = (1n << 63n) - 1n;
  const i = Number(BigInt.asIntN(32, v > LONG_MAX ? LONG_MAX : v < -LONG_MAX - 1n ? -LONG_MAX - 1n : v));
  return i < 0 ? null : i;
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

/**
 * lib/utils.c get_addr_ipv4: up to four strtoul (base 0) parts joined by dots, each at most
 * 255; missing trailing parts stay zero ("1.2.3" is 1.2.3.0).
 */
function get_addr_ipv4(cp: string): Uint8Array | null {
  const ap = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    /* strtoul: blanks, a sign, then digits of base 0; a minus wraps to a huge value (> 255) */
    const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(cp);
    if (!m) return null;
    const n = m[2]!.startsWith('0x') || m[2]!.startsWith('0X') ? parseInt(m[2]!.slice(2), 16) : m[2]!.startsWith('0') ? parseInt(m[2]!, 8) : Number(m[2]);
    if (m[1] === '-' && n !== 0) return null;
    if (n > 255) return null;
    ap[i] = n;
    const end = cp.slice(m[0].length);
    if (end === '') break;
    if (i === 3 || end[0] !== '.') return null;
    cp = end.slice(1);
  }
  return ap;
}

/**
 * lib/ll_addr.c ll_addr_a2n: "aa:bb:.." (or an IPv4 address) into at most `len` bytes. Like
 * the C loop, more than `len` groups count as len + 1 bytes (the ones past `len` are not read;
 * C sends one byte from past its buffer there, kveth a zero).
 */
export function ll_addr_a2n(ctx: ip_ctx, len: number, arg: string): Uint8Array | null {
  if (arg.includes('.')) {
    /* get_addr_1(AF_INET): a ':' makes it an IPv6 address, which AF_INET refuses */
    const a = arg.includes(':') ? null : get_addr_ipv4(arg);
    if (!a) {
      ctx.err(`"${arg}" is invalid lladdr.\n`);
      return null;
    }
    return len < 4 ? null : a;
  }
  const out: number[] = [];
  let rest: string = arg;
  let i = 0;
  for (; i < len; i++) {
    const c = rest.indexOf(':');
    const part = c < 0 ? rest : rest.slice(0, c);
    const v = scan_hex(part);
    if (v === null || v < 0 || v > 255) {
      ctx.err(`"${part}" is invalid lladdr.\n`);
      return null;
    }
    out.push(v);
    if (c < 0) break;
    rest = rest.slice(c + 1);
  }
  if (i === len) out.push(0);
  return Uint8Array.from(out);
}

/** lib/ll_addr.c ll_addr_n2a for hardware addresses */
export function ll_addr_n2a(a: Uint8Array): string {
  if (a.length === 0) return '';
  return Array.from(a, (x) => x.toString(16).padStart(2, '0')).join(':');
}

/**
 * lib/utils.c getcmdline: the next command of a batch file, `lines` being the file split at its
 * newlines (the last one ends the file only when `last_nl`). '#' starts a comment, which also
 * takes the line's newline with it; a backslash right before the newline joins the next line,
 * and one on the last line of the file is "Missing continuation line", which ends the batch.
 * `lineno` counts physical lines (the last one read).
 */
export function getcmdline(lines: string[], pos: { i: number; lineno: number }, err?: (s: string) => void, last_nl = true): string | null {
  if (pos.i >= lines.length) return null;
  const has_nl = (i: number): boolean => i < lines.length - 1 || last_nl;
  const cut = (l: string, i: number): { text: string; cont: boolean } => {
    const h = l.indexOf('#');
    if (h >= 0) return { text: l.slice(0, h), cont: false };
    return { text: l, cont: l.endsWith('\\') && has_nl(i) };
  };
  let { text: line, cont } = cut(lines[pos.i]!, pos.i);
  pos.i++;
  pos.lineno++;
  while (cont) {
    if (pos.i >= lines.length) {
      err?.('Missing continuation line\n');
      return null;
    }
    const l2 = cut(lines[pos.i]!, pos.i);
    pos.i++;
    pos.lineno++;
    line = line.slice(0, -1) + l2.text;
    cont = l2.cont;
  }
  return line;
}

/** ip/ip.c: the size of batch()'s largv, so a batch line takes at most MAX_ARGS - 1 words */
export const MAX_ARGS = 512;

/**
 * lib/utils.c makeargs: split on blanks, with '...' and "..." quoting (a closing quote also
 * ends the word). Too many words or an unterminated quote is reported through `err`, as ip
 * prints it before exit(1), and gives null.
 */
export function makeargs(line: string, maxargs = MAX_ARGS, err?: (s: string) => void): string[] | null {
  const ws = ' \t\r\n';
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && ws.includes(line[i]!)) i++;
    if (i >= line.length) break;
    if (out.length >= maxargs - 1) {
      err?.('Too many arguments to command\n');
      return null;
    }
    if (line[i] === '"' || line[i] === "'") {
      const e = line.indexOf(line[i]!, i + 1);
      if (e < 0) {
        err?.('Unterminated quoted string\n');
        return null;
      }
      out.push(line.slice(i + 1, e));
      i = e + 1;
    } else {
      const b = i;
      while (i < line.length && !ws.includes(line[i]!)) i++;
      out.push(line.slice(b, i));
      i++;
    }
  }
  return out;
}
