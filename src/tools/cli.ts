// SPDX-License-Identifier: GPL-2.0-only
/* The kveth command line: replay, scenario, dump, ip. */
import { replay, read_input } from './replay';

const USAGE = `usage: kveth replay [--trace] [--rx-down] [--mtu-a N] [--mtu-b N] [FILE|-]
       kveth scenario
       kveth dump [net_device|veth_priv|sk_buff|hexdump [FIELD...]]
       kveth ip [ OPTIONS ] { link | address | netns } ...   (iproute2 6.1 syntax; -batch FILE for a whole topology)
`;

function die(msg: string, code = 2): never {
  process.stderr.write(`kveth: ${msg}\n`);
  process.exit(code);
}
function int_arg(v: string | undefined, name: string): number {
  if (v === undefined || !/^\d+$/.test(v)) die(`${name} needs a number`);
  return Number(v);
}

export function main(argv: string[]): void {
  /* `kveth dump | head`: a closed pipe ends the output quietly, as it does for a C program */
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
  const cmd = argv[0];
  if (cmd === 'replay') {
    const o = { trace: false, rx_down: false, mtu_a: undefined as number | undefined, mtu_b: undefined as number | undefined };
    let file: string | undefined;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--trace') o.trace = true;
      else if (a === '--rx-down') o.rx_down = true;
      else if (a === '--mtu-a') o.mtu_a = int_arg(argv[++i], '--mtu-a');
      else if (a === '--mtu-b') o.mtu_b = int_arg(argv[++i], '--mtu-b');
      else if (a.startsWith('--')) die(`unknown option ${a}\n${USAGE}`);
      else if (file === undefined) file = a;
      else die(`one input file at most\n${USAGE}`);
    }
    let input: string;
    try { input = read_input(file); } catch (e) { die(`cannot read ${file}: ${(e as Error).message}`); }
    try {
      replay(input, o, (l) => process.stdout.write(`${l}\n`));
    } catch (e) {
      die((e as Error).message, 1);
    }
    return;
  }
  if (cmd === 'scenario') {
    if (argv.length > 1) die(`scenario takes no arguments\n${USAGE}`);
    require('./scenario').scenario((l: string) => process.stdout.write(`${l}\n`));
    return;
  }
  if (cmd === 'ip') { process.exitCode = require('./ip/cli').ip_cli(argv.slice(1)); return; }
  if (cmd === 'dump') {
    try {
      require('./dump').dump_cli(argv.slice(1), (l: string) => process.stdout.write(`${l}\n`));
    } catch (e) {
      die(`dump: ${(e as Error).message}\n${USAGE}`);
    }
    return;
  }
  process.stderr.write(USAGE);
  process.exit(cmd === undefined || cmd === '--help' || cmd === '-h' ? 0 : 2);
}

if (require.main === module) main(process.argv.slice(2));
