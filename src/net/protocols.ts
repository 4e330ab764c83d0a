// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot-time registration of the protocol handlers a namespace sees in /proc/net/ptype, done the
 * way the kernel's initcalls do it: inet_init (fs_initcall) registers arp_rcv through arp_init()
 * and then ip_rcv; the built-in LLC core registers llc_rcv (llc_init); SNAP opens SAP 0xAA
 * (snap_init); the bridge registers its STP receiver, which opens SAP 0x42 (br_init →
 * stp_proto_register); IPv6 registers ipv6_rcv (ipv6_packet_init, from inet6_init).
 *
 * packet_type structs live in simulated memory (kzalloc) with func pointing at the handler's
 * text address. ptype_base is global in 6.12, so this runs once per boot, not per namespace.
 * The .list_func members (ip_list_rcv, ipv6_list_rcv) are not set: kveth's receive path
 * never batches (__netif_receive_skb_list_core is not used).
 */
import { GFP_KERNEL, kzalloc } from '../mm/slub';
import { NULL } from '../sim/mem';
import { ksym_register } from '../sim/kallsyms';
import { dev_add_pack, packet_type, packet_rcv_t, SIZEOF_PACKET_TYPE } from './core/dev';
import { htons } from '../include/uapi/linux/types';
import { ETH_P_802_2, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6 } from '../include/uapi/linux/if_ether';
import { ip_rcv } from './ipv4/ip_input';
import { arp_rcv } from './ipv4/arp';
import { ipv6_rcv } from './ipv6/ip6_input';
import { set_ipv6_disabled, ipv6_disabled } from './ipv6/addrconf';
import { llc_rcv } from './llc/llc_input';
import { snap_init } from './802/psnap';
import { stp_proto_register } from './802/stp';
import { br_stp_proto } from './bridge/br_stp_bpdu';

/** A static `struct packet_type name = { .type = cpu_to_be16(type), .func = fn }` in simulated memory. */
function static_packet_type(type: number, name: string, fn: packet_rcv_t): packet_type {
  const a = kzalloc(SIZEOF_PACKET_TYPE, GFP_KERNEL);
  if (a === NULL) throw new Error('kveth: out of memory allocating a packet_type');
  const pt = new packet_type(a);
  pt.type = htons(type);
  pt.func = ksym_register(name, fn);
  return pt;
}

export interface registered_ptypes { ip: packet_type; arp: packet_type; ipv6: packet_type; llc: packet_type }
let registered: registered_ptypes | null = null;

/** The handlers' packet_type structs (after register_protocol_handlers), e.g. to call one directly. @sim */
export function protocol_packet_types(): registered_ptypes | null { return registered; }

/**
 * Run the initcalls that register the receive handlers: net/ipv4/af_inet.c:1903 inet_init
 * (arp_init at :1978, then dev_add_pack(&ip_packet_type) at :2025), net/llc/llc_core.c:138
 * llc_init, net/802/psnap.c:98 snap_init, net/bridge/br.c:392 br_init (its STP part) and
 * net/ipv6/af_inet6.c:892 ipv6_packet_init. Idempotent. @sim
 */
export function register_protocol_handlers(): registered_ptypes {
  if (registered) return registered;
  // inet_init → arp_init
  const arp = static_packet_type(ETH_P_ARP, 'arp_rcv', arp_rcv);
  dev_add_pack(arp);
  // inet_init → ip_packet_type
  const ip = static_packet_type(ETH_P_IP, 'ip_rcv', ip_rcv);
  dev_add_pack(ip);
  // llc_init
  const llc = static_packet_type(ETH_P_802_2, 'llc_rcv', llc_rcv);
  dev_add_pack(llc);
  // snap_init: SAP 0xAA
  if (snap_init()) throw new Error('SNAP - unable to register with 802.2');
  // br_init: stp_proto_register(&br_stp_proto) opens SAP 0x42
  if (stp_proto_register(br_stp_proto) < 0) throw new Error("bridge: can't register sap for STP");
  // inet6_init → ipv6_packet_init
  const ipv6 = static_packet_type(ETH_P_IPV6, 'ipv6_rcv', ipv6_rcv);
  dev_add_pack(ipv6);
  registered = { ip, arp, ipv6, llc };
  return registered;
}

export { set_ipv6_disabled, ipv6_disabled };
