// SPDX-License-Identifier: GPL-2.0-only
/* Where the repository's data lives, from the source tree or from a compiled dist/ tree alike. */
import * as fs from 'fs';
import * as path from 'path';

function find_root(): string {
  for (let d = __dirname; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'kernel-ref', 'layouts'))) return d;
    if (path.dirname(d) === d) throw new Error('kveth: cannot find kernel-ref/layouts above ' + __dirname);
  }
}
/** The repository root (the directory holding kernel-ref/). */
export const KVETH_ROOT = find_root();
