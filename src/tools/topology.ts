// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building topologies the way the ip(8) commands would, through the ported kernel functions:
 * namespaces, a veth pair (rtnl_create_link + veth_newlink + rtnl_configure_link, as
 * rtnl_newlink_create does), link up/down/mtu, and the linkwatch work that follows.
 */
import { kaddr_t, NULL, copy_to, wr16, wr32 } from '../sim/mem';
import { GFP_KERNEL, kzalloc } from '../mm/slub';
import { alloc_net, net, init_net } from '../include/net/net_namespace';
import { net_device, NET_NAME_USER, IFF_UP, dev_net } from '../include/linux/netdevice';
import { veth_link_ops, veth_newlink, veth_validate } from '../drivers/net/veth';
import { rtnl_create_link, rtnl_configure_link, netns_fd_open, extack, dev_validate_mtu, __dev_change_flags } from '../net/core/rtnetlink';
import { __dev_get_by_name, free_netdev } from '../net/core/dev';
import { linkwatch_run_queue } from '../net/core/link_watch';
import { nlattr_tb, NLA_ALIGN } from '../include/net/netlink';
import { IFLA_ADDRESS, IFLA_IFNAME, IFLA_MAX, IFLA_MTU, IFLA_NET_NS_FD, VETH_INFO_MAX, VETH_INFO_PEER } from '../include/uapi/linux/if_link';
import { errname } from '../include/uapi/linux/errno';
import { register_protocol_handlers } from '../net/protocols';

/** A netlink attribute writer over simulated memory (what iproute2's addattr_l does in userspace). */
export class nlbuf {
  readonly base: kaddr_t;
  pos = 0;
  constructor(readonly size = 1024) { this.base = kzalloc(size, GFP_KERNEL); }
  put(type: number, payload: Uint8Array): kaddr_t {
    const a = this.base + this.pos;
    wr16(a, 4 + payload.length);
    wr16(a + 2, type);
    copy_to(a + 4, payload);
    this.pos += NLA_ALIGN(4 + payload.length);
    return a;
  }
  u32(type: number, v: number): kaddr_t { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v, true); return this.put(type, b); }
  str(type: number, s: string): kaddr_t { return this.put(type, Buffer.from(`${s}\0`, 'latin1')); }
}
export function mac(s: string): Uint8Array { return Uint8Array.from(s.split(':').map((x) => parseInt(x, 16))); }

let protocols_registered = false;
export function boot(): void {
  if (!protocols_registered) { register_protocol_handlers(); protocols_registered = true; }
}
/** `ip netns add NAME` */
export function netns_add(name: string): net { boot(); return alloc_net(name); }

export interface link_spec { name: string; address?: string; mtu?: number }
/**
 * `ip link add A address .. type veth peer name B address .. [netns PEERNS]`, sent in namespace `n`.
 * Returns [dev, peer] or throws an Error with the errno name.
 */
export function veth_add(n: net, a: link_spec, b: link_spec, peer_ns?: net): [net_device, net_device] {
  const tb: nlattr_tb = new Array(IFLA_MAX + 1).fill(0);
  const data: nlattr_tb = new Array(VETH_INFO_MAX + 1).fill(0);
  const buf = new nlbuf();
  tb[IFLA_IFNAME] = buf.str(IFLA_IFNAME, a.name);
  if (a.address) tb[IFLA_ADDRESS] = buf.put(IFLA_ADDRESS, mac(a.address));
  if (a.mtu) tb[IFLA_MTU] = buf.u32(IFLA_MTU, a.mtu);
  // VETH_INFO_PEER: struct ifinfomsg followed by the peer's attributes
  const peer = new nlbuf();
  peer.put(0, new Uint8Array(0)); // placeholder header, rewritten below
  peer.pos = 4 + 16;
  peer.str(IFLA_IFNAME, b.name);
  if (b.address) peer.put(IFLA_ADDRESS, mac(b.address));
  if (b.mtu) peer.u32(IFLA_MTU, b.mtu);
  if (peer_ns) peer.u32(IFLA_NET_NS_FD, netns_fd_open(peer_ns));
  wr16(peer.base, peer.pos);
  wr16(peer.base + 2, VETH_INFO_PEER);
  wr32(peer.base + 4, 0);
  data[VETH_INFO_PEER] = peer.base;
  const ext: extack = {};
  let err = veth_validate(tb, data);
  if (err) throw new Error(`RTNETLINK answers: ${errname(err)}`);
  const [dev, cerr] = rtnl_create_link(n, a.name, NET_NAME_USER, veth_link_ops, tb, ext);
  if (!dev) throw new Error(`RTNETLINK answers: ${errname(cerr)}`);
  dev.ifindex = 0;
  err = veth_newlink(n, dev, tb, data, ext);
  if (err < 0) { free_netdev(dev); throw new Error(`RTNETLINK answers: ${errname(err)}${ext.msg ? ` (${ext.msg})` : ''}`); }
  err = rtnl_configure_link(dev, NULL);
  if (err < 0) throw new Error(`RTNETLINK answers: ${errname(err)}`);
  linkwatch_run_queue();
  const p = __dev_get_by_name(peer_ns ?? n, b.name)!;
  return [dev, p];
}
/** `ip link set DEV up|down` */
export function link_set_up(dev: net_device, up: boolean): void {
  const err = __dev_change_flags(dev, up ? dev.flags | IFF_UP : dev.flags & ~IFF_UP);
  if (err < 0) throw new Error(`RTNETLINK answers: ${errname(err)}`);
  linkwatch_run_queue();
}
/** `ip link set DEV mtu N` (dev_set_mtu_ext without notifier users) */
export function link_set_mtu(dev: net_device, mtu: number): void {
  if (mtu === dev.mtu) return;
  const ext: extack = {};
  const err = dev_validate_mtu(dev, mtu, ext);
  if (err) throw new Error(`Error: ${ext.msg}.`);
  dev.mtu = mtu; // __dev_set_mtu: veth has no ndo_change_mtu
}
export { init_net, dev_net };
