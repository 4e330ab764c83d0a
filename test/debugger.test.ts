// SPDX-License-Identifier: GPL-2.0-only
/* Debugging kveth through the V8 inspector protocol (what VS Code and Chrome DevTools speak):
 *  1. spawn `node --inspect-brk=0 --require tsx/cjs src/tools/cli.ts replay -`, set a breakpoint on
 *     the .ts line where veth_xmit calls veth_forward_skb, feed one corpus frame on stdin, and
 *     check the paused frame's location and locals.
 *  2. spawn `... cli.ts ip -batch -` with `link add a0 type veth peer name b0` and `link show` on
 *     stdin, break at three lines of veth_newlink and check its locals as the pair is built. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MiniWs } from './support/ws';
import { parse_map, generated_for, original_for } from './support/sourcemap';

const ROOT = path.resolve(__dirname, '..');
const VETH = path.join(ROOT, 'src/drivers/net/veth.ts');
const TIMEOUT_MS = 20_000;

/** 0-based line of `veth_forward_skb(` inside veth_xmit, found by reading the source now */
function forward_line(): number {
  const lines = fs.readFileSync(VETH, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^export function veth_xmit\(/.test(l));
  assert.ok(start >= 0, 'veth_xmit not found in veth.ts');
  for (let i = start + 1; i < lines.length && !/^}/.test(lines[i]!); i++) {
    if (lines[i]!.includes('veth_forward_skb(')) return i;
  }
  throw new Error('veth_xmit does not call veth_forward_skb(');
}

/** First frame of the corpus: its text line and its length in bytes */
function first_frame(): { line: string; len: number } {
  const text = fs.readFileSync(path.join(ROOT, 'test/corpus/frames.txt'), 'utf8');
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'))!;
  const hex = line.replace(/#.*$/, '').replace(/\s+/g, '');
  return { line, len: hex.length / 2 };
}

type Msg = { id?: number; method?: string; params?: any; result?: any; error?: any };

class Cdp {
  private next = 1;
  private pending = new Map<number, { resolve: (r: any) => void; reject: (e: Error) => void }>();
  private waiters: { method: string; pred: (p: any) => boolean; resolve: (p: any) => void }[] = [];
  private queue: Msg[] = [];
  constructor(readonly ws: MiniWs) {
    ws.onmessage = (t) => this.on(JSON.parse(t) as Msg);
    ws.onclose = () => { for (const p of this.pending.values()) p.reject(new Error('inspector closed')); this.pending.clear(); };
  }
  private on(m: Msg): void {
    if (m.id !== undefined) {
      const p = this.pending.get(m.id); this.pending.delete(m.id);
      if (p) m.error ? p.reject(new Error(JSON.stringify(m.error))) : p.resolve(m.result);
      return;
    }
    const w = this.waiters.findIndex((x) => x.method === m.method && x.pred(m.params));
    if (w >= 0) this.waiters.splice(w, 1)[0]!.resolve(m.params);
    else this.queue.push(m);
  }
  send(method: string, params: object = {}): Promise<any> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }
  /** next event `method` (queued or future) whose params satisfy `pred` */
  event(method: string, pred: (p: any) => boolean = () => true): Promise<any> {
    const q = this.queue.findIndex((x) => x.method === method && pred(x.params));
    if (q >= 0) return Promise.resolve(this.queue.splice(q, 1)[0]!.params);
    return new Promise((resolve) => this.waiters.push({ method, pred, resolve }));
  }
}

function ws_url_from(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /Debugger listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (c) => reject(new Error(`child exited (${c}) before the inspector came up:\n${err}`)));
  });
}

function with_timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, rej) => { t = setTimeout(() => rej(new Error(`timed out: ${what}`)), ms); })])
    .finally(() => clearTimeout(t));
}

/**
 * Run `node --inspect-brk=0 --require tsx/cjs src/tools/cli.ts ARGS`, connect to its inspector
 * with Runtime and Debugger enabled, and run `body` under the session timeout; the child is
 * always killed and the socket closed afterwards.
 */
async function with_inspected_cli(args: string[], body: (cdp: Cdp, ws: MiniWs, child: ChildProcess, out: () => string,
  exited: Promise<number | null>) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, ['--inspect-brk=0', '--require', 'tsx/cjs', 'src/tools/cli.ts', ...args],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  let ws: MiniWs | undefined;
  try {
    await with_timeout((async () => {
      ws = await MiniWs.connect(await ws_url_from(child));
      const cdp = new Cdp(ws);
      await cdp.send('Runtime.enable');
      await cdp.send('Debugger.enable');
      await body(cdp, ws, child, () => stdout, exited);
    })(), TIMEOUT_MS, 'debugger session');
  } finally {
    ws?.destroy();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/**
 * Breakpoints at 0-based `lines` of veth.ts, for a child that reads `input` from stdin first.
 * veth.ts is a "kernel module": rtnetlink's request_module('rtnl-link-veth') loads it in the
 * middle of the first RTM_NEWLINK (the replay topology's `ip link add` too), so there is no idle
 * moment after its scriptParsed. A breakpoint by URL at generated 0:0 stops the module's first
 * statement (V8 resolves it when the script is parsed); from there the source map is known and
 * the real breakpoints go in, placed at the generated positions of the .ts lines as VS Code
 * does (tsx hands V8 esbuild output, a few long lines, with an inline source map).
 */
async function break_in_veth(cdp: Cdp, child: ChildProcess, input: string, lines: number[]): Promise<{ script: any; map: ReturnType<typeof parse_map>; ids: string[] }> {
  const url = pathToFileURL(VETH).href;
  const first = await cdp.send('Debugger.setBreakpointByUrl', { url, lineNumber: 0, columnNumber: 0 });
  await cdp.send('Runtime.runIfWaitingForDebugger');
  const start = await cdp.event('Debugger.paused');
  assert.is(start.reason, 'Break on start');
  await cdp.send('Debugger.resume');
  child.stdin!.end(input);
  const loading = await cdp.event('Debugger.paused', (p) => (p.hitBreakpoints ?? []).includes(first.breakpointId));
  const script = await cdp.event('Debugger.scriptParsed', (p) => p.url === url);
  assert.is(loading.callFrames[0].location.scriptId, script.scriptId);
  const map = parse_map(script.sourceMapURL);
  assert.ok(map.sources.some((s) => s.endsWith('veth.ts')), `map sources ${map.sources}`);
  const ids: string[] = [];
  for (const l of lines) {
    const gen = generated_for(map, l);
    assert.ok(gen, `no mapping for veth.ts:${l + 1}`);
    const bp = await cdp.send('Debugger.setBreakpoint', { location: { scriptId: script.scriptId, lineNumber: gen!.gl, columnNumber: gen!.gc } });
    ids.push(bp.breakpointId);
  }
  await cdp.send('Debugger.removeBreakpoint', { breakpointId: first.breakpointId });
  await cdp.send('Debugger.resume');
  return { script, map, ids };
}

test('breakpoint at veth_xmit -> veth_forward_skb shows the frame\'s locals', async () => {
  const line = forward_line();
  const frame = first_frame();
  await with_inspected_cli(['replay', '-'], async (cdp, ws, child, out, exited) => {
      const { script, map, ids: [bp] } = await break_in_veth(cdp, child, `${frame.line}\n`, [line]);
      const paused = await cdp.event('Debugger.paused', (p) => (p.hitBreakpoints ?? []).includes(bp));
      const top = paused.callFrames[0];
      // CallFrame.url is deprecated (often ''): name the script through its scriptId instead
      assert.is(top.location.scriptId, script.scriptId, 'paused in another script');
      assert.ok((top.url || script.url).endsWith('src/drivers/net/veth.ts'), `paused in ${top.url || script.url}`);
      assert.is(top.functionName, 'veth_xmit');
      const orig = original_for(map, top.location.lineNumber, top.location.columnNumber);
      assert.is(orig?.ol, line, `paused at veth.ts:${(orig?.ol ?? -2) + 1}, wanted ${line + 1}`);
      const ev = async (expr: string) => {
        const r = await cdp.send('Debugger.evaluateOnCallFrame', { callFrameId: top.callFrameId, expression: expr, returnByValue: true });
        assert.not.ok(r.exceptionDetails, `${expr}: ${JSON.stringify(r.exceptionDetails)}`);
        return r.result.value;
      };
      assert.is(await ev('length'), frame.len);
      assert.is(await ev('skb.len'), frame.len);
      assert.is(await ev('dev.name'), 'A0');
      assert.is(await ev('rcv.name'), 'B0');
      await cdp.send('Debugger.removeBreakpoint', { breakpointId: bp });
      await cdp.send('Debugger.resume');
      ws.close();
      const code = await exited;
      assert.is(code, 0, 'replay exits 0');
      assert.match(out(), new RegExp(`"len":${frame.len}\\b`));
      assert.match(out(), /"delivered":true/);
  });
});

/** 0-based lines inside veth_newlink: the VETH_INFO_PEER test, the statement after the peer's
 * rtnl_create_link, and register_netdevice(dev); found by reading the source now */
function newlink_lines(): { entry: number; after_create: number; reg_dev: number } {
  const lines = fs.readFileSync(VETH, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^export function veth_newlink\(/.test(l));
  assert.ok(start >= 0, 'veth_newlink not found in veth.ts');
  let end = start + 1;
  while (end < lines.length && !/^}/.test(lines[end]!)) end++;
  const find = (re: RegExp, from = start): number => {
    for (let i = from; i < end; i++) if (re.test(lines[i]!)) return i;
    throw new Error(`veth_newlink has no line matching ${re}`);
  };
  const create = find(/\bpeer\b.*= rtnl_create_link\(/);
  return {
    entry: find(/if \(data && data\[VETH_INFO_PEER\]\)/),
    after_create: find(/\S/, create + 1), // `if (!peer) return perr;`
    reg_dev: find(/err = register_netdevice\(dev\)/),
  };
}

test('breakpoints in veth_newlink while `kveth ip link add a0 type veth peer name b0` runs', async () => {
  const at = newlink_lines();
  await with_inspected_cli(['ip', '-batch', '-'], async (cdp, ws, child, out, exited) => {
      const keys = Object.keys(at) as (keyof typeof at)[];
      const { script, map, ids } = await break_in_veth(cdp, child, 'link add a0 type veth peer name b0\nlink show\n', keys.map((k) => at[k]));
      const bps = new Map<string, keyof typeof at>(ids.map((id, i) => [id, keys[i]!]));
      /* the three stops, in source order; at each: where we are, then the locals */
      const stop = async (want: keyof typeof at) => {
        const paused = await cdp.event('Debugger.paused', (p) => (p.hitBreakpoints ?? []).some((b: string) => bps.has(b)));
        const top = paused.callFrames[0];
        assert.is(bps.get(paused.hitBreakpoints[0]), want, `stopped at ${bps.get(paused.hitBreakpoints[0])}, wanted ${want}`);
        assert.is(top.location.scriptId, script.scriptId, 'paused in another script');
        assert.is(top.functionName, 'veth_newlink');
        const orig = original_for(map, top.location.lineNumber, top.location.columnNumber);
        assert.is(orig?.ol, at[want], `paused at veth.ts:${(orig?.ol ?? -2) + 1}, wanted ${at[want] + 1}`);
        return async (expr: string) => {
          const r = await cdp.send('Debugger.evaluateOnCallFrame', { callFrameId: top.callFrameId, expression: expr, returnByValue: true });
          assert.not.ok(r.exceptionDetails, `${expr}: ${JSON.stringify(r.exceptionDetails)}`);
          return r.result.value;
        };
      };
      // 1. entry: rtnl_newlink has parsed the request; tb and data are arrays of nlattr addresses
      //    in simulated memory (IFLA_IFNAME = 3, VETH_INFO_PEER = 1), the main device not yet registered
      let ev = await stop('entry');
      const ifname_at = await ev('tb[3]'), peer_at = await ev('data[1]');
      assert.type(ifname_at, 'number');
      assert.type(peer_at, 'number');
      assert.ok(ifname_at > 0 && peer_at > 0, `tb[IFLA_IFNAME] = ${ifname_at}, data[VETH_INFO_PEER] = ${peer_at}`);
      assert.is(await ev('tb.length'), 66, 'tb has IFLA_MAX + 1 slots (6.12.117: IFLA_MAX = 65)');
      assert.is(await ev('dev.ifindex'), 0, 'main device not registered yet');
      assert.is(await ev('dev.name'), 'a0', 'rtnl_newlink_create named it (alloc_netdev_mqs) before ops->newlink');
      await cdp.send('Debugger.resume');
      // 2. after the peer's rtnl_create_link: the peer is named from VETH_INFO_PEER's IFLA_IFNAME
      ev = await stop('after_create');
      assert.is(await ev('ifname'), 'b0');
      assert.is(await ev('peer.name'), 'b0');
      assert.is(await ev('peer.ifindex'), 0, 'peer not registered yet');
      assert.is(await ev('ifmp'), peer_at + 4, 'ifmp = nla_data(data[VETH_INFO_PEER]): the peer\'s ifinfomsg');
      assert.is(await ev('tbp === peer_tb'), true);
      const peer_ifname_at = await ev('peer_tb[3]');
      assert.ok(peer_ifname_at > peer_at && peer_ifname_at < peer_at + 4 + 16 + 16, `peer_tb[IFLA_IFNAME] = ${peer_ifname_at} lies inside VETH_INFO_PEER, after its ifinfomsg`);
      await cdp.send('Debugger.resume');
      // 3. register_netdevice(dev): peer registered first, main device named a0
      ev = await stop('reg_dev');
      assert.is(await ev('dev.name'), 'a0');
      assert.is(await ev('peer.name'), 'b0');
      assert.is(await ev('peer.ifindex'), 2, 'peer registered (lo is 1)');
      assert.is(await ev('dev.ifindex'), 0);
      for (const id of bps.keys()) await cdp.send('Debugger.removeBreakpoint', { breakpointId: id });
      await cdp.send('Debugger.resume');
      ws.close();
      const code = await exited;
      assert.is(code, 0, 'kveth ip exits 0');
      assert.match(out(), /^2: b0@a0: <BROADCAST,MULTICAST,M-DOWN>/m);
      assert.match(out(), /^3: a0@b0: <BROADCAST,MULTICAST,M-DOWN>/m);
  });
});


test.run();
