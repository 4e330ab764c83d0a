// The replay command's input handling and error reporting.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';
import { parse_frames } from '../src/tools/replay';

const root = path.resolve(__dirname, '..');
const kveth = (args: string[], input: string) =>
  spawnSync(process.execPath, [path.join(root, 'bin/kveth.js'), ...args], { input, encoding: 'utf8' });

test('labels, comments and blank lines', () => {
  const f = parse_frames('# c\n\n0011 # lab el\n  aabbcc  \n');
  assert.equal(f.map((x) => [x.idx, x.label, Buffer.from(x.bytes).toString('hex')]), [[0, 'lab el', '0011'], [1, '', 'aabbcc']]);
});
test('a malformed line is an error naming its line number', () => {
  assert.throws(() => parse_frames('0011\n\n00zz\n'), /line 3/);
  assert.throws(() => parse_frames('001\n'), /line 1: .*odd/);
  const r = kveth(['replay', '-'], '02000000000b\nxyz\n');
  assert.is(r.status, 1);
  assert.match(r.stderr, /line 2/);
});
test('short, oversize and normal frames through the CLI', () => {
  // net/packet/af_packet.c packet_snd: a frame shorter than dev->hard_header_len (14) fails
  // dev_validate_header with -EINVAL; one longer than mtu + reserve (1514) that carries no VLAN
  // tag fails with -EMSGSIZE (packet_extra_vlan_len_allowed does not let it through)
  const short = '02000000000b02000000000a08'; // 13 bytes: below the hard header
  const big = '02000000000b02000000000a88b5' + '00'.repeat(1501); // 1515 bytes: over mtu + 14
  const ok = '02000000000b02000000000a88b5' + '00'.repeat(46);
  const out = execFileSync(process.execPath, [path.join(root, 'bin/kveth.js'), 'replay'], { input: `${short}\n${big}\n${ok} # ok\n`, encoding: 'utf8' });
  const lines = out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.map((l) => l.send), [{ ok: false, err: 'EINVAL' }, { ok: false, err: 'EMSGSIZE' }, { ok: true }]);
  assert.is(lines[2].label, 'ok');
  assert.equal(lines[2].counters.A0.tx_bytes, 60);
  assert.equal(lines[2].counters.B0.rx_bytes, 60);
  assert.is(lines[2].trace, undefined);
});
test('unknown options are refused', () => {
  const r = kveth(['replay', '--bogus'], '');
  assert.is(r.status, 2);
  assert.match(r.stderr, /unknown option --bogus/);
});
test.run();
