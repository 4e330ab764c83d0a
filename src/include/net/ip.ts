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
import { kaddr_t, rd8, rd16, rd16be, rd32, wr8, wr16, wr32, memset } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { sk_buff, skb_is_gso, csum_partial } from '../linux/skbuff';
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
export const IP_MF = 0x2000;
export const IP_OFFSET = 0x1fff;
export const INET_ECN_MASK = 3;

/** include/linux/ip.h:19 ip_hdr */
export function ip_hdr(skb: sk_buff): kaddr_t { return skb.head + skb.network_header; }
const [IHL_O, IHL_S, IHL_M] = iphdr_off.ihl;
const [VER_O, VER_S, VER_M] = iphdr_off.version;
/** Field readers of struct iphdr at `iph` (ihl, version, tos, ...), and of ip_hdr(skb). @sim */
export function iph_ihl(iph: kaddr_t): number { return (rd8(iph + IHL_O) & IHL_M) >> IHL_S; }
/** @sim */
export function iph_version(iph: kaddr_t): number { return (rd8(iph + VER_O) & VER_M) >> VER_S; }
/** @sim */
export function iph_tos(iph: kaddr_t): number { return rd8(iph + iphdr_off.tos); }
/** @sim */
export function iph_frag_off(iph: kaddr_t): __be16 { return rd16(iph + iphdr_off.frag_off) as __be16; }
/** @sim */
export function iph_protocol(iph: kaddr_t): number { return rd8(iph + iphdr_off.protocol); }
/** @sim */
export function iph_saddr(iph: kaddr_t): __be32 { return rd32(iph + iphdr_off.saddr) as __be32; }
/** @sim */
export function iph_daddr(iph: kaddr_t): __be32 { return rd32(iph + iphdr_off.daddr) as __be32; }
/** @sim */
export function ip_hdr_protocol(skb: sk_buff): number { return iph_protocol(ip_hdr(skb)); }
/** @sim */
export function ip_hdr_saddr(skb: sk_buff): __be32 { return iph_saddr(ip_hdr(skb)); }
/** @sim */
export function ip_hdr_daddr(skb: sk_buff): __be32 { return iph_daddr(ip_hdr(skb)); }

/** include/net/ip.h:415 ip_is_fragment */
export function ip_is_fragment(iph: kaddr_t): boolean {
  return (iph_frag_off(iph) & htons(IP_MF | IP_OFFSET)) !== 0;
}

/**
 * include/linux/ip.h:39 iph_totlen. A zero tot_len is taken from skb->len only for a TCP GSO skb,
 * and kveth never builds GSO skbs: reaching that branch throws.
 */
export function iph_totlen(skb: sk_buff, iph: kaddr_t): number {
  const len = rd16be(iph + iphdr_off.tot_len);
  if (len || !skb_is_gso(skb)) return len;
  throw new Error('kveth: iph_totlen of a GSO skb (skb_is_gso_tcp) is not modelled');
}

/** arch/x86/include/asm/checksum_64.h:22 csum_fold: fold a 32-bit sum to 16 bits and invert it */
function csum_fold(sum: number): number {
  sum = (sum & 0xffff) + (sum >>> 16);
  sum = (sum & 0xffff) + (sum >>> 16);
  return (~sum) & 0xffff;
}
/**
 * arch/x86/include/asm/checksum_64.h:45 ip_fast_csum: the folded ones' complement of the sum of
 * `ihl` 32-bit words; 0 for a header whose checksum field is right.
 */
export function ip_fast_csum(iph: kaddr_t, ihl: number): number {
  return csum_fold(csum_partial(iph, ihl * 4, 0));
}

/* struct inet_skb_parm in skb->cb (IPCB) */
export const SIZEOF_INET_SKB_PARM = 24;
const IPCB_off = { iif: 0, opt: 4, flags: 20 } as const;
/* the one-bit fields of struct ip_options, in declaration order from bit 0 (x86 bitfield order) */
export const IPOPT_BIT_is_strictroute = 1 << 0;
export const IPOPT_BIT_srr_is_hit = 1 << 1;
export const IPOPT_BIT_is_changed = 1 << 2;
export const IPOPT_BIT_rr_needaddr = 1 << 3;
export const IPOPT_BIT_ts_needtime = 1 << 4;
export const IPOPT_BIT_ts_needaddr = 1 << 5;

/* IPSKB_* flags (include/net/ip.h:52) */
export const IPSKB_NOPOLICY = 1 << 8;

/** include/net/ip.h:112 IPCB: the control block's address */
export function IPCB(skb: sk_buff): kaddr_t { return skb.cb_addr; }
/** @sim */
export function IPCB_clear(skb: sk_buff): void { memset(IPCB(skb), 0, SIZEOF_INET_SKB_PARM); }
/** @sim */
export function IPCB_set_iif(skb: sk_buff, iif: number): void { wr32(IPCB(skb) + IPCB_off.iif, iif); }
/** @sim */
export function IPCB_flags_or(skb: sk_buff, f: number): void {
  const a = IPCB(skb) + IPCB_off.flags;
  wr16(a, rd16(a) | f);
}

/** struct ip_options: offsets of the one-byte members (the one-bit flags share the byte at `bits`) */
const IPOPT_off = { optlen: 8, srr: 9, rr: 10, ts: 11, bits: 12, router_alert: 13, cipso: 14 } as const;
/** include/net/inet_sock.h:39 struct ip_options (not in the layout profile; offsets from the declaration above) */
export class ip_options {
  constructor(readonly addr: kaddr_t) {}
  declare optlen: number;
  declare srr: number;
  declare rr: number;
  declare ts: number;
  declare router_alert: number;
  declare cipso: number;
  /** set one of the IPOPT_BIT_* flags */
  set_bit(b: number): void { const a = this.addr + IPOPT_off.bits; wr8(a, rd8(a) | b); }
}
for (const f of ['optlen', 'srr', 'rr', 'ts', 'router_alert', 'cipso'] as const) {
  const o = IPOPT_off[f];
  Object.defineProperty(ip_options.prototype, f, {
    get(this: ip_options) { return rd8(this.addr + o); },
    set(this: ip_options, v: number) { wr8(this.addr + o, v); },
  });
}
/** &IPCB(skb)->opt @sim */
export function IPCB_opt(skb: sk_buff): ip_options { return new ip_options(IPCB(skb) + IPCB_off.opt); }
