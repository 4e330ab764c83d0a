// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/common.ts - what bench.ts and floor.ts share: the option parser, the frame that
 * bench/live/veth_rate.c sends, and the bench topology (the one run_live.sh builds on the kernel).
 */
import { htons } from '../src/include/uapi/linux/types';
import { net_device } from '../src/include/linux/netdevice';
import { packet_create, packet_bind, SOCK_RAW, packet_sock } from '../src/net/packet/af_packet';
import { netns_add, veth_add, link_set_up } from '../src/tools/topology';
import { set_ipv6_disabled } from '../src/net/protocols';

/** `--name N` from argv as a number, or `def`. */
export function num_opt(argv: string[], name: string, def: number): number {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : def;
}

/** The frame veth_rate.c's build_frame() sends with --proto unknown. */
export function make_frame(len: number): Uint8Array {
  const f = new Uint8Array(len);
  f.set([0x02, 0, 0, 0, 0, 0x0b], 0);
  f.set([0x02, 0, 0, 0, 0, 0x0a], 6);
  for (let i = 14; i < len; i++) f[i] = i & 0xff;
  f[12] = 0x88; f[13] = 0xb5;
  return f;
}

export interface env { a0: net_device; b0: net_device; tx: packet_sock; tap: packet_sock | null }
let ns_seq = 0;
/** Same topology as run_live.sh: A0 (in A) <-> B0 (in B), IPv6 off, both up, raw socket on A0, no tap. */
export function build_bench_topology(): env {
  const A = netns_add(`bench-${ns_seq}-A`);
  const B = netns_add(`bench-${ns_seq++}-B`);
  set_ipv6_disabled(A, true);
  set_ipv6_disabled(B, true);
  const [a0, b0] = veth_add(A, { name: 'A0', address: '02:00:00:00:00:0a' }, { name: 'B0', address: '02:00:00:00:00:0b' }, B);
  link_set_up(b0, true); // run_live.sh brings B0 up first
  link_set_up(a0, true);
  const tx = packet_create(A, SOCK_RAW, htons(0));
  packet_bind(tx, a0.ifindex, htons(0));
  return { a0, b0, tx, tap: null };
}
