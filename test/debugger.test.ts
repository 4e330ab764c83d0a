// SPDX-License-Identifier: GPL-2.0-only
/* Debugging a replay through the V8 inspector protocol (what VS Code and Chrome DevTools speak):
 * spawn `node --inspect-brk=0 --require tsx/cjs src/tools/cli.ts replay -`, set a breakpoint on the
 * .ts line where veth_xmit calls veth_forward_skb, feed one corpus frame on stdin, and check the
 * paused frame's location and locals. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MiniWs } from './support/ws';

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
  private waiters: { method: string; resolve: (p: any) => void }[] = [];
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
    const w = this.waiters.findIndex((x) => x.method === m.method);
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
  event(method: string): Promise<any> {
    const q = this.queue.findIndex((x) => x.method === method);
    if (q >= 0) return Promise.resolve(this.queue.splice(q, 1)[0]!.params);
    return new Promise((resolve) => this.waiters.push({ method, resolve }));
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

test('breakpoint at veth_xmit -> veth_forward_skb shows the frame\'s locals', async () => {
  const line = forward_line();
  const frame = first_frame();
  const child = spawn(process.execPath, ['--inspect-brk=0', '--require', 'tsx/cjs', 'src/tools/cli.ts', 'replay', '-'],
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
      const url = pathToFileURL(VETH).href;
      const bp = await cdp.send('Debugger.setBreakpointByUrl', { url, lineNumber: line, columnNumber: 0 });
      child.stdin!.end(`${frame.line}\n`);
      await cdp.send('Runtime.runIfWaitingForDebugger');
      // --inspect-brk stops once before the first statement; resume past any pause that is not ours.
      let paused: any;
      for (;;) {
        paused = await cdp.event('Debugger.paused');
        if ((paused.hitBreakpoints ?? []).includes(bp.breakpointId)) break;
        await cdp.send('Debugger.resume');
      }
      const top = paused.callFrames[0];
      assert.ok(top.url.endsWith('src/drivers/net/veth.ts'), `paused in ${top.url}`);
      assert.is(top.location.lineNumber, line);
      assert.is(top.functionName, 'veth_xmit');
      const ev = async (expr: string) => {
        const r = await cdp.send('Debugger.evaluateOnCallFrame', { callFrameId: top.callFrameId, expression: expr, returnByValue: true });
        assert.not.ok(r.exceptionDetails, `${expr}: ${JSON.stringify(r.exceptionDetails)}`);
        return r.result.value;
      };
      assert.is(await ev('length'), frame.len);
      assert.is(await ev('skb.len'), frame.len);
      assert.is(await ev('dev.name'), 'A0');
      assert.is(await ev('rcv.name'), 'B0');
      await cdp.send('Debugger.removeBreakpoint', { breakpointId: bp.breakpointId });
      await cdp.send('Debugger.resume');
      ws.close();
      const code = await exited;
      assert.is(code, 0, 'replay exits 0');
      assert.match(stdout, new RegExp(`"len":${frame.len}\\b`));
      assert.match(stdout, /"delivered":true/);
    })(), TIMEOUT_MS, 'debugger session');
  } finally {
    ws?.destroy();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

test.run();
