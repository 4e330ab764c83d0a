// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building topologies the way the capture tool (test/live/capture_live.py) and a person at a
 * shell do: with ip(8) commands. Each command runs as one kveth ip process on the simulated
 * machine, so it builds iproute2's request bytes, sends them on an af_netlink socket and the
 * kernel side (rtnetlink_rcv_msg → rtnl_newlink / do_setlink → veth_newlink, dev_change_flags,
 * ...) does the rest, linkwatch included, as on Linux.
 */
import { net, init_net } from '../include/net/net_namespace';
import { net_device, dev_net } from '../include/linux/netdevice';
import { __dev_get_by_name } from '../net/core/dev';
import { netns_lookup, netns_name_of } from '../net/core/net_namespace';
import { register_protocol_handlers } from '../net/protocols';
import { run_ip } from './ip/ip';
import { kernel_env } from './ip/kernel_env';
import type { ip_env } from './ip/ctx';

/** inet_init and friends: the protocol handlers (ARP, IPv4, 802.2, ...) the receive path delivers to */
export function boot(): void { register_protocol_handlers(); }

let machine: ip_env | null = null;
/**
 * `ip ARGS` on the simulated machine (ARGS split on blanks, as the capture tool passes them);
 * returns ip's stdout. Throws an Error with ip's stderr when ip fails or complains.
 */
export function ip(args: string): string {
  machine ??= kernel_env();
  let out = '';
  let err = '';
  const code = run_ip(machine, args.trim().split(/\s+/), (s) => { out += s; }, (s) => { err += s; });
  if (code !== 0 || err !== '') throw new Error(`ip ${args}: ${err.trim() || `exit status ${code}`}`);
  return out;
}

/** the /run/netns name of a namespace; null for init_net (where ip starts) */
function ns_name(n: net): string | null {
  if (n.addr === init_net.addr) return null;
  const name = netns_name_of(n);
  if (name === null) throw new Error('kveth: the namespace is not in /run/netns (create it with netns_add)');
  return name;
}
/** `-n NAME ` or, for init_net, nothing */
function ns_opt(n: net): string {
  const name = ns_name(n);
  return name === null ? '' : `-n ${name} `;
}

/** `ip netns add NAME` */
export function netns_add(name: string): net {
  boot();
  ip(`netns add ${name}`);
  return netns_lookup(name)!;
}

export interface link_spec { name: string; address?: string; mtu?: number }
const link_args = (l: link_spec): string => `${l.name}${l.address ? ` address ${l.address}` : ''}${l.mtu ? ` mtu ${l.mtu}` : ''}`;
/**
 * `ip [-n NS] link add A [address ..] [mtu ..] type veth peer name B [address ..] [mtu ..] [netns PEERNS]`.
 * Returns [dev, peer]; throws with ip's error text.
 */
export function veth_add(n: net, a: link_spec, b: link_spec, peer_ns?: net): [net_device, net_device] {
  const peer_name = peer_ns ? ns_name(peer_ns) : null;
  if (peer_ns && peer_name === null) throw new Error('kveth: veth_add moves the peer into a named namespace only');
  const to = peer_name === null ? '' : ` netns ${peer_name}`;
  ip(`${ns_opt(n)}link add ${link_args(a)} type veth peer name ${link_args(b)}${to}`);
  return [__dev_get_by_name(n, a.name)!, __dev_get_by_name(peer_ns ?? n, b.name)!];
}
/** `ip [-n NS] link set DEV up|down` */
export function link_set_up(dev: net_device, up: boolean): void {
  ip(`${ns_opt(dev_net(dev))}link set ${dev.name} ${up ? 'up' : 'down'}`);
}
