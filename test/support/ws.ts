// SPDX-License-Identifier: GPL-2.0-only
/* A minimal RFC 6455 WebSocket client (text frames only), enough to speak the V8 inspector protocol
 * to a child `node --inspect-brk`. Client frames are masked; server frames are not. */
import * as http from 'node:http';
import * as crypto from 'node:crypto';
import type { Socket } from 'node:net';

export class MiniWs {
  private buf = Buffer.alloc(0);
  private frags: Buffer[] = [];
  onmessage: (text: string) => void = () => {};
  onclose: () => void = () => {};
  private constructor(private readonly sock: Socket, head: Buffer) {
    sock.on('data', (d: Buffer) => this.feed(d));
    sock.on('close', () => this.onclose());
    sock.on('error', () => {});
    if (head.length) setImmediate(() => this.feed(head));
  }

  static connect(url: string, timeout_ms = 5000): Promise<MiniWs> {
    const u = new URL(url);
    const key = crypto.randomBytes(16).toString('base64');
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: u.hostname, port: u.port, path: u.pathname + u.search, timeout: timeout_ms,
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' },
      });
      req.on('upgrade', (res, sock: Socket, head: Buffer) => {
        const want = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
        if (res.headers['sec-websocket-accept'] !== want) { sock.destroy(); reject(new Error('bad Sec-WebSocket-Accept')); return; }
        resolve(new MiniWs(sock, head));
      });
      req.on('response', (res) => reject(new Error(`no upgrade: HTTP ${res.statusCode}`)));
      req.on('timeout', () => req.destroy(new Error('websocket connect timeout')));
      req.on('error', reject);
      req.end();
    });
  }

  send(text: string): void { this.frame(0x1, Buffer.from(text, 'utf8')); }
  close(): void { try { this.frame(0x8, Buffer.alloc(0)); } catch { /* already gone */ } this.sock.end(); }
  destroy(): void { this.sock.destroy(); }

  private frame(opcode: number, payload: Buffer): void {
    const n = payload.length;
    const hdr = n < 126 ? Buffer.from([0x80 | opcode, 0x80 | n])
      : n < 0x10000 ? Buffer.from([0x80 | opcode, 0x80 | 126, n >> 8, n & 0xff])
      : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; })()]);
    const mask = crypto.randomBytes(4);
    const body = Buffer.alloc(n);
    for (let i = 0; i < n; i++) body[i] = payload[i]! ^ mask[i & 3]!;
    this.sock.write(Buffer.concat([hdr, mask, body]));
  }

  private feed(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      if (this.buf.length < 2) return;
      const b0 = this.buf[0]!, b1 = this.buf[1]!;
      let len = b1 & 0x7f, off = 2;
      if (len === 126) { if (this.buf.length < 4) return; len = this.buf.readUInt16BE(2); off = 4; }
      else if (len === 127) { if (this.buf.length < 10) return; len = Number(this.buf.readBigUInt64BE(2)); off = 10; }
      const masked = (b1 & 0x80) !== 0;
      const moff = off; if (masked) off += 4;
      if (this.buf.length < off + len) return;
      const payload = Buffer.from(this.buf.subarray(off, off + len));
      if (masked) for (let i = 0; i < len; i++) payload[i]! ^= this.buf[moff + (i & 3)]!;
      this.buf = this.buf.subarray(off + len);
      const opcode = b0 & 0x0f, fin = (b0 & 0x80) !== 0;
      if (opcode === 0x8) { this.sock.end(); return; }
      if (opcode === 0x9) { this.frame(0xa, payload); continue; }
      if (opcode === 0xa) continue;
      this.frags.push(payload);
      if (fin) { const msg = Buffer.concat(this.frags).toString('utf8'); this.frags = []; this.onmessage(msg); }
    }
  }
}
