#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
require('tsx/cjs');
require('../src/tools/cli.ts').main(process.argv.slice(2));
