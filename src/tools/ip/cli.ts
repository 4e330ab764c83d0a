// SPDX-License-Identifier: GPL-2.0-only
/*
 * `kveth ip ARGS...`: one ip process on a fresh simulated machine. Each kveth run starts a new
 * machine, so a topology is built and inspected in one run: `kveth ip -batch FILE` (with
 * `netns exec NS ip ...` lines) or `kveth ip -batch -` reading commands from stdin.
 */
import { run_ip } from './ip';
import { kernel_env } from './kernel_env';

export function ip_cli(argv: string[]): number {
  return run_ip(kernel_env(), argv, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
