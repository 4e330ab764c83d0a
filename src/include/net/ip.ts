// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/linux/ip.h, include/net/ip.h and include/uapi/linux/ip.h: the IPv4 header as the
 * receive path reads it (struct iphdr offsets from the layout profile), the control block the IP
 * layer keeps in skb->cb (struct inet_skb_parm), and the header checksum.
 *
 * struct inet_skb_parm and struct ip_options are not in the layout profile. Their offsets below
 * follow from the C declarations (include/net/ip.h:47, include/net/inet_sock.h:39) under the
 * x86_64 ABI: int iif at 0; struct ip_options (4-byte aligned, 16 bytes: faddr, nexthop, optlen,
 * srr, rr, ts, a byte of one-bit flags, router_alert, cipso, __pad2, then the empty __data[]) at
 * 4; u16 flags at 20; u16 frag_max_size at 22; 24 bytes in all.
 */
import { kaddr_t, rd8, rd16, rd32, wr8, wr16, wr32, memset, bytes } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import type { sk_buff } from '../linux/skbuff';
import { __be32, __be16, htons } from '../uapi/linux/types';

const IH = struct_('iphdr');
export const iphdr_off = {
  ihl: IH.bits('ihl'), version: IH.bits('version'), tos: IH.off('tos'), tot_len: IH.off('tot_len'), id: IH.off('id'),
  frag_off: IH.off('frag_off'), ttl: IH.off('ttl'), protocol: IH.off('protocol'), check: IH.off('check'),
  saddr: IH.off('saddr'), daddr: IH.off('daddr'),
};
/** sizeof(struct iphdr) */
export const SIZEOF_IPHDR = IH.size;

/* include/uapi/linux/ip.h / include/net/ip.h */
export const IP_CE = 0x8000;
export const IP_DF = 0x4000;
export const IP_MF = 0x2000;
export const IP_OFFSET = 0x1fff;
export const INET_ECN_MASK = 3;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

/** include/linux/ip.h:19 ip_hdr */
export function ip_hdr(skb: sk_buff): kaddr_t { return skb.head + skb.network_header; }
/** Field readers of struct iphdr at `iph` (ihl, version, tos, ...), and of ip_hdr(skb). @sim */
export function iph_ihl(iph: kaddr_t): number { const [o, s, m] = iphdr_off.ihl; return (rd8(iph + o) & m) >> s; }
/** @sim */
export function iph_version(iph: kaddr_t): number { const [o, s, m] = iphdr_off.version; return (rd8(iph + o) & m) >> s; }
/** @sim */
export function iph_tos(iph: kaddr_t): number { return rd8(iph + iphdr_off.tos); }
/** @sim */
export function iph_tot_len(iph: kaddr_t): __be16 { return rd16(iph + iphdr_off.tot_len) as __be16; }
/** @sim */
export function iph_frag_off(iph: kaddr_t): __be16 { return rd16(iph + iphdr_off.frag_off) as __be16; }
/** @sim */
export function iph_protocol(iph: kaddr_t): number { return rd8(iph + iphdr_off.protocol); }
/** @sim */
export function iph_saddr(iph: kaddr_t): __be32 { return rd32(iph + iphdr_off.saddr) as __be32; }
/** @sim */
export function iph_daddr(iph: kaddr_t): __be32 { return rd32(iph + iphdr_off.daddr) as __be32; }
/** @sim */
export function iph_set_daddr(iph: kaddr_t, v: __be32): void { wr32(iph + iphdr_off.daddr, v); }
/** @sim */
export function ip_hdr_protocol(skb: sk_buff): number { return iph_protocol(ip_hdr(skb)); }
/** @sim */
export function ip_hdr_saddr(skb: sk_buff): __be32 { return iph_saddr(ip_hdr(skb)); }
/** @sim */
export function ip_hdr_daddr(skb: sk_buff): __be32 { return iph_daddr(ip_hdr(skb)); }
/** @sim */
export function ip_hdr_tos(skb: sk_buff): number { return iph_tos(ip_hdr(skb)); }

/** include/net/ip.h:415 ip_is_fragment */
export function ip_is_fragment(iph: kaddr_t): boolean {
  return (iph_frag_off(iph) & htons(IP_MF | IP_OFFSET)) !== 0;
}

/** include/linux/ip.h:39 iph_totlen (a GSO skb may carry tot_len 0; kveth skbs are never GSO) */
export function iph_totlen(skb: sk_buff, iph: kaddr_t): number {
  void skb;
  return rd16be(iph + iphdr_off.tot_len);
}
function rd16be(a: kaddr_t): number { const b = bytes(a, 2); return (b[0]! << 8) | b[1]!; }

/**
 * arch/x86/include/asm/checksum_64.h:45 ip_fast_csum: the folded ones' complement of the sum of
 * `ihl` 32-bit words; 0 for a header whose checksum field is right.
 */
export function ip_fast_csum(iph: kaddr_t, ihl: number): number {
  const b = bytes(iph, ihl * 4);
  let s = 0;
  for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | b[i + 1]!;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return (~s) & 0xffff;
}

/* struct inet_skb_parm in skb->cb (IPCB) */
export const SIZEOF_INET_SKB_PARM = 24;
export const IPCB_off = {
  iif: 0,
  opt: 4,
  opt_faddr: 4, opt_nexthop: 8, opt_optlen: 12, opt_srr: 13, opt_rr: 14, opt_ts: 15, opt_flags: 16,
  opt_router_alert: 17, opt_cipso: 18,
  flags: 20, frag_max_size: 22,
} as const;
/* the one-bit fields of struct ip_options, in declaration order from bit 0 (x86 bitfield order) */
export const IPOPT_BIT_is_strictroute = 1 << 0;
export const IPOPT_BIT_srr_is_hit = 1 << 1;
export const IPOPT_BIT_is_changed = 1 << 2;
export const IPOPT_BIT_rr_needaddr = 1 << 3;
export const IPOPT_BIT_ts_needtime = 1 << 4;
export const IPOPT_BIT_ts_needaddr = 1 << 5;

/* IPSKB_* flags (include/net/ip.h:52) */
export const IPSKB_FORWARDED = 1 << 0;
export const IPSKB_NOPOLICY = 1 << 8;

/** include/net/ip.h:112 IPCB: the control block's address */
export function IPCB(skb: sk_buff): kaddr_t { return skb.cb_addr; }
/** @sim */
export function IPCB_clear(skb: sk_buff): void { memset(IPCB(skb), 0, SIZEOF_INET_SKB_PARM); }
/** @sim */
export function IPCB_set_iif(skb: sk_buff, iif: number): void { wr32(IPCB(skb) + IPCB_off.iif, iif); }
/** @sim */
export function IPCB_iif(skb: sk_buff): number { return rd32(IPCB(skb) + IPCB_off.iif) | 0; }
/** @sim */
export function IPCB_flags_or(skb: sk_buff, f: number): void {
  const a = IPCB(skb) + IPCB_off.flags;
  wr16(a, rd16(a) | f);
}
/** @sim */
export function IPCB_flags(skb: sk_buff): number { return rd16(IPCB(skb) + IPCB_off.flags); }
/** The struct ip_options inside the control block, as a small accessor. */
export class ip_options {
  constructor(readonly addr: kaddr_t) {}
  get optlen(): number { return rd8(this.addr + IPCB_off.opt_optlen - IPCB_off.opt); }
  set optlen(v: number) { wr8(this.addr + IPCB_off.opt_optlen - IPCB_off.opt, v); }
  get srr(): number { return rd8(this.addr + IPCB_off.opt_srr - IPCB_off.opt); }
  set srr(v: number) { wr8(this.addr + IPCB_off.opt_srr - IPCB_off.opt, v); }
  get rr(): number { return rd8(this.addr + IPCB_off.opt_rr - IPCB_off.opt); }
  set rr(v: number) { wr8(this.addr + IPCB_off.opt_rr - IPCB_off.opt, v); }
  get ts(): number { return rd8(this.addr + IPCB_off.opt_ts - IPCB_off.opt); }
  set ts(v: number) { wr8(this.addr + IPCB_off.opt_ts - IPCB_off.opt, v); }
  get router_alert(): number { return rd8(this.addr + IPCB_off.opt_router_alert - IPCB_off.opt); }
  set router_alert(v: number) { wr8(this.addr + IPCB_off.opt_router_alert - IPCB_off.opt, v); }
  get cipso(): number { return rd8(this.addr + IPCB_off.opt_cipso - IPCB_off.opt); }
  set cipso(v: number) { wr8(this.addr + IPCB_off.opt_cipso - IPCB_off.opt, v); }
  bit(b: number): boolean { return (rd8(this.addr + IPCB_off.opt_flags - IPCB_off.opt) & b) !== 0; }
  set_bit(b: number): void { const a = this.addr + IPCB_off.opt_flags - IPCB_off.opt; wr8(a, rd8(a) | b); }
}
/** @sim */
export function IPCB_opt(skb: sk_buff): ip_options { return new ip_options(IPCB(skb) + IPCB_off.opt); }
