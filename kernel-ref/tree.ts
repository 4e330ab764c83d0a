// SPDX-License-Identifier: GPL-2.0-only
/*
 * Finding a Linux 6.12 source tree for the kernel-ref tools: $KVETH_LINUX_SRC, then the places the
 * README's set-up unpacks Debian's linux-source-6.12 into. Returns undefined when there is none.
 */
import * as fs from 'fs';
import * as path from 'path';

export const PINNED = '6.12.117';

export function find_tree(): string | undefined {
  const cands = [
    process.env.KVETH_LINUX_SRC,
    path.resolve(__dirname, '../.linux/linux-source-6.12'),
    '/work/linux/linux-source-6.12',
    '/usr/src/linux-source-6.12',
  ];
  for (const c of cands) if (c && fs.existsSync(path.join(c, 'Makefile')) && fs.existsSync(path.join(c, 'net/core/dev.c'))) return c;
  return undefined;
}

/** "6.12.117" from the tree's Makefile. */
export function tree_version(tree: string): string {
  const mk = fs.readFileSync(path.join(tree, 'Makefile'), 'utf8');
  return ['VERSION', 'PATCHLEVEL', 'SUBLEVEL'].map((k) => new RegExp(`^${k} = (\\d+)`, 'm').exec(mk)?.[1] ?? '?').join('.');
}
