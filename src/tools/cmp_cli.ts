import * as fs from 'fs';
import { compare_frames } from './compare';
const [w, g] = process.argv.slice(2).map((f) => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l)));
const m = compare_frames(w!, g!);
const byField: Record<string, number> = {};
for (const x of m) byField[x.field] = (byField[x.field] ?? 0) + 1;
console.log('mismatches', m.length, byField);
const verbose = process.env.V;
for (const x of m.slice(0, Number(verbose ?? 0))) {
  console.log(`#${x.idx} ${x.label} ${x.field}`);
  if (x.field === 'trace') {
    const wt = x.want as string[], gt = x.got as string[];
    for (let i = 0; i < Math.max(wt.length, gt.length); i++) if (wt[i] !== gt[i]) console.log(`  want: ${wt[i]}\n  got:  ${gt[i]}`);
  } else console.log('  want', JSON.stringify(x.want), '\n  got ', JSON.stringify(x.got));
}
