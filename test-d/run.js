#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
/* Runs the tsd-lite type tests in test-d/ (tsd-lite has no CLI and wants absolute paths).
 * Exits non-zero if any assertion fails or a file cannot be checked. */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('@tsd/typescript');
const tsdLite = require('tsd-lite').default;

const dir = __dirname;
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test-d.ts')).sort().map((f) => path.join(dir, f));
const t0 = process.hrtime.bigint();
let assertions = 0, failures = 0, broken = 0;
for (const file of files) {
  let res;
  try {
    res = tsdLite(file);
  } catch (e) {
    broken++;
    const d = e && e.diagnostic;
    console.log(`${path.relative(process.cwd(), file)}: ${e.name || 'Error'}: ${d ? ts.flattenDiagnosticMessageText(d.messageText, '\n') : e.message}`);
    continue;
  }
  assertions += res.assertionsCount;
  for (const r of res.tsdResults) {
    failures++;
    let where = path.relative(process.cwd(), file);
    if (r.file && r.start !== undefined) {
      const { line, character } = r.file.getLineAndCharacterOfPosition(r.start);
      where = `${path.relative(process.cwd(), r.file.fileName)}:${line + 1}:${character + 1}`;
    }
    console.log(`${where}: ${ts.flattenDiagnosticMessageText(r.messageText, '\n')}`);
  }
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const ok = files.length > 0 && failures === 0 && broken === 0;
console.log(`test:types ${ok ? 'ok' : 'FAILED'}: ${files.length} file(s), ${assertions} assertion(s), ${failures} failure(s)${broken ? `, ${broken} unreadable file(s)` : ''} in ${ms.toFixed(0)} ms`);
process.exit(ok ? 0 : 1);
