// SPDX-License-Identifier: GPL-2.0-only
/*
 * The built-in scenario (`npm start`): create a veth pair, move one end into a second namespace,
 * bring both up (each step an ip command run by kveth ip over netlink), and send an ARP request, a
 * unicast IPv4 frame and a broadcast from one end; show each frame's trace with the kernel
 * file:line of every event, the counters with `ip -s link show`, and where netdev_priv() points
 * inside the net_device allocation.
 */
import * as fs from 'fs';
import * as path from 'path';
import { trace_enable, trace_take, trace_disable } from '../sim/trace';
import { htons } from '../include/uapi/linux/types';
import { errname } from '../include/uapi/linux/errno';
import { init_net } from '../include/net/net_namespace';
import { dev_net } from '../include/linux/netdevice';
import { __dev_get_by_name } from '../net/core/dev';
import { netns_lookup, netns_name_of } from '../net/core/net_namespace';
import { packet_create, packet_bind, packet_snd, SOCK_RAW } from '../net/packet/af_packet';
import { normalize_trace } from './trace_norm';
import { boot, ip } from './topology';
import { set_ipv6_disabled } from '../net/protocols';
import { dump_struct, whatis } from './dump';
import { struct_ } from '../sim/layout';
import { fmt_kaddr } from '../sim/mem';
import { KVETH_ROOT } from '../sim/paths';

/* Where each tracepoint fires in 6.12.117 (test/scenario.test.ts checks them against a tree when there is one). */
export const TP_SITE: Record<string, string> = {
  net_dev_queue: 'net/core/dev.c:4560 __dev_queue_xmit',
  net_dev_start_xmit: 'net/core/dev.c:3708 xmit_one',
  net_dev_xmit: 'net/core/dev.c:3710 xmit_one',
  netif_rx_entry: 'net/core/dev.c:5400 __netif_rx',
  netif_rx: 'net/core/dev.c:5360 netif_rx_internal',
  netif_rx_exit: 'net/core/dev.c:5402 __netif_rx',
  netif_receive_skb: 'net/core/dev.c:5652 __netif_receive_skb_core',
  napi_poll: 'net/core/dev.c:6953 __napi_poll',
  kfree_skb: 'net/core/skbuff.c:1219 __sk_skb_reason_drop',
  consume_skb: 'net/core/skbuff.c:1433 consume_skb',
};
function fn_index(): Map<string, string> {
  const m = new Map<string, string>();
  const f = path.join(KVETH_ROOT, 'kernel-ref', 'functions.json');
  if (!fs.existsSync(f)) return m;
  for (const e of JSON.parse(fs.readFileSync(f, 'utf8')) as { kernel: { path: string; line: number; name: string } }[]) {
    m.set(e.kernel.name, `${e.kernel.path}:${e.kernel.line}`);
  }
  return m;
}

function frame(dst: string, src: string, type: number, payload: string): Uint8Array {
  return Uint8Array.from(Buffer.from(dst.replace(/:/g, '') + src.replace(/:/g, '') + type.toString(16).padStart(4, '0') + payload, 'hex'));
}

/** An IPv4 header (hex, checksum field zero) with its header checksum filled in. */
function ipv4_header(hex: string): string {
  const b = Buffer.from(hex, 'hex');
  let sum = 0;
  for (let i = 0; i < b.length; i += 2) sum += b.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  b.writeUInt16BE(~sum & 0xffff, 10);
  return b.toString('hex');
}

export function scenario(write: (l: string) => void): void {
  boot();
  const fns = fn_index();
  /* `$ ip ...`: the command line, then what kveth ip printed */
  const sh = (cmd: string): void => {
    write(`$ ${cmd}`);
    const out = ip(cmd.replace(/^ip /, ''));
    for (const l of out.split('\n').slice(0, -1)) write(l);
  };
  write('# kveth scenario: one veth pair, two namespaces, three frames (Linux 6.12.117 code paths)');
  sh('ip netns add ns1');
  const ns1 = netns_lookup('ns1')!;
  /* net.ipv6.conf.all.disable_ipv6=1 on both sides: no IPv6 autoconfiguration traffic in the traces */
  set_ipv6_disabled(init_net, true);
  set_ipv6_disabled(ns1, true);
  sh('ip link add veth0 address 02:00:00:00:00:0a type veth peer name veth1 address 02:00:00:00:00:0b');
  const veth0 = __dev_get_by_name(init_net, 'veth0')!;
  const veth1 = __dev_get_by_name(init_net, 'veth1')!;
  write(`  veth_newlink registered the peer first: veth1 ifindex ${veth1.ifindex}, veth0 ifindex ${veth0.ifindex}`);
  sh('ip link set veth1 netns ns1');
  sh('ip link set veth0 up');
  sh('ip -n ns1 link set veth1 up');
  const tx = packet_create(init_net, SOCK_RAW, htons(0));
  packet_bind(tx, veth0.ifindex, htons(0));

  const A = '02:00:00:00:00:0a', B = '02:00:00:00:00:0b';
  const frames: [string, Uint8Array][] = [
    ['ARP request who-has 198.51.100.2 (broadcast)', frame('ff:ff:ff:ff:ff:ff', A, 0x0806,
      '0001080006040001' + '02000000000a' + 'c6336401' + '000000000000' + 'c6336402' + '00'.repeat(18))],
    ['unicast IPv4/UDP 198.51.100.1 -> 198.51.100.2', frame(B, A, 0x0800,
      ipv4_header('4500001c000100004011' + '0000' + 'c6336401c6336402') + '9c40000900080000')],
    ['broadcast, unknown EtherType 0x88b5', frame('ff:ff:ff:ff:ff:ff', A, 0x88b5, '00'.repeat(46))],
  ];
  for (const [what, f] of frames) {
    write('');
    write(`## ${what}: ${f.length} bytes sent on veth0 with an AF_PACKET socket`);
    trace_take();
    trace_enable();
    const r = packet_snd(tx, f);
    const lines = normalize_trace(trace_take());
    trace_disable();
    write(`   send: ${r >= 0 ? 'ok' : errname(r)}`);
    for (const l of lines) {
      const ev = l.slice(0, l.indexOf(':'));
      let site = TP_SITE[ev] ?? '';
      const loc = /location=([A-Za-z0-9_]+)/.exec(l)?.[1];
      if (loc) site += `  (freed by ${loc}${fns.get(loc) ? ` at ${fns.get(loc)}` : ''})`;
      write(`   ${l}`);
      write(`       ^ ${site}`);
    }
  }
  write('');
  sh('ip -s link show veth0');
  sh('ip -n ns1 -s link show veth1');
  write('');
  write('## struct net_device of veth0 (a few fields) and its private area');
  const nd = struct_('net_device');
  for (const l of dump_struct('net_device', veth0.addr, ['netdev_ops', 'name', 'ifindex', 'flags', 'mtu', 'nd_net', 'tstats', 'priv_len', 'priv'])) write(l);
  const priv = veth0.addr + nd.off('priv');
  write(`netdev_priv(veth0) = ${fmt_kaddr(priv)} = veth0 + ${nd.off('priv')} = sizeof(struct net_device), the same allocation:`);
  write(`  ${whatis(priv)}`);
  for (const l of dump_struct('veth_priv', priv)) write(l);
  write(`veth_priv.peer -> veth1 at ${fmt_kaddr(veth1.addr)} ("${veth1.name}", in namespace ${netns_name_of(dev_net(veth1))})`);
}
