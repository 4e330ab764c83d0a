// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/linux/skbuff.h: struct sk_buff as a view over simulated memory, and the header's inline
 * helpers. On x86_64 NET_SKBUFF_DATA_USES_OFFSET holds: head/data are pointers, tail/end are u32
 * offsets from head, and the three header fields are u16 offsets from head (0xffff = unset).
 */
import { NULL, kaddr_t, rd16, rd32, rd8, rdptr, wr16, wr32, wr8, wrptr, rds32, bytes, rd64, wr64 } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { __be16, htons } from '../uapi/linux/types';
import { ETH_P_8021AD, ETH_P_8021Q } from '../uapi/linux/if_ether';
import { net_device } from './netdevice';
import { rdfn, wrfn } from '../../sim/kallsyms';
import { EINVAL } from '../uapi/linux/errno';
import { skb_drop_reason } from '../net/dropreason-core';
const { SKB_NOT_DROPPED_YET, SKB_DROP_REASON_PKT_TOO_SMALL } = skb_drop_reason;

export const NET_SKB_PAD = 64; // max(32, L1_CACHE_BYTES) with 64-byte lines
export const NET_IP_ALIGN = 0; // arch/x86/include/asm/processor.h
export const SMP_CACHE_BYTES = 64;
/** include/linux/skbuff.h:255 SKB_DATA_ALIGN */
export function SKB_DATA_ALIGN(x: number): number { return (x + (SMP_CACHE_BYTES - 1)) & ~(SMP_CACHE_BYTES - 1); }

export const CHECKSUM_NONE = 0;
export const CHECKSUM_UNNECESSARY = 1;
export const CHECKSUM_COMPLETE = 2;
export const CHECKSUM_PARTIAL = 3;

export const SKB_FCLONE_UNAVAILABLE = 0;
export const SKB_FCLONE_ORIG = 1;
export const SKB_FCLONE_CLONE = 2;

const S = struct_('sk_buff');
const O = {
  next: S.off('next'), prev: S.off('prev'), dev: S.off('dev'), sk: S.off('sk'), tstamp: S.off('tstamp'),
  cb: S.off('cb'), _skb_refdst: S.off('_skb_refdst'), destructor: S.off('destructor'), _nfct: S.off('_nfct'),
  len: S.off('len'), data_len: S.off('data_len'), mac_len: S.off('mac_len'), hdr_len: S.off('hdr_len'),
  queue_mapping: S.off('queue_mapping'), active_extensions: S.off('active_extensions'),
  tc_index: S.off('tc_index'), alloc_cpu: S.off('alloc_cpu'), csum: S.off('csum'), csum_start: S.off('csum_start'),
  csum_offset: S.off('csum_offset'),
  priority: S.off('priority'), skb_iif: S.off('skb_iif'), hash: S.off('hash'), vlan_all: S.off('vlan_all'),
  vlan_proto: S.off('vlan_proto'), vlan_tci: S.off('vlan_tci'), napi_id: S.off('napi_id'), sender_cpu: S.off('sender_cpu'), mark: S.off('mark'),
  protocol: S.off('protocol'), transport_header: S.off('transport_header'), network_header: S.off('network_header'),
  mac_header: S.off('mac_header'), tail: S.off('tail'), end: S.off('end'), head: S.off('head'), data: S.off('data'),
  truesize: S.off('truesize'), users: S.off('users'), extensions: S.off('extensions'),
};
/** offsetof(struct sk_buff, tail): __alloc_skb zeroes everything before it. */
export const SKB_OFFSET_OF_TAIL = O.tail;
export const SIZEOF_SK_BUFF = S.size;

type bitf = [number, number, number];
const bits_if = (f: string): bitf | undefined => (S.has(f) ? S.bits(f) : undefined);
/* One object literal (not filled in by keyed stores, which would leave it in V8's slow dictionary mode). */
const B = {
  cloned: bits_if('cloned'), fclone: bits_if('fclone'), pkt_type: bits_if('pkt_type'), ignore_df: bits_if('ignore_df'),
  ip_summed: bits_if('ip_summed'), tstamp_type: bits_if('tstamp_type'), l4_hash: bits_if('l4_hash'),
  sw_hash: bits_if('sw_hash'), nf_trace: bits_if('nf_trace'), ipvs_property: bits_if('ipvs_property'),
  offload_fwd_mark: bits_if('offload_fwd_mark'), offload_l3_fwd_mark: bits_if('offload_l3_fwd_mark'),
  pfmemalloc: bits_if('pfmemalloc'), head_frag: bits_if('head_frag'), nohdr: bits_if('nohdr'),
  csum_valid: bits_if('csum_valid'), redirected: bits_if('redirected'), from_ingress: bits_if('from_ingress'),
  tc_skip_classify: bits_if('tc_skip_classify'),
};
function getb(a: kaddr_t, f: bitf): number { return (rd8(a + f[0]) & f[2]) >> f[1]; }
function setb(a: kaddr_t, f: bitf, v: number): void { wr8(a + f[0], (rd8(a + f[0]) & ~f[2]) | ((v << f[1]) & f[2])); }

const SH = struct_('skb_shared_info');
const OSH = {
  nr_frags: SH.off('nr_frags'), tx_flags: SH.off('tx_flags'), gso_size: SH.off('gso_size'), gso_segs: SH.off('gso_segs'),
  gso_type: SH.off('gso_type'), dataref: SH.off('dataref'), frag_list: SH.off('frag_list'),
};
export const SIZEOF_SKB_SHARED_INFO = SH.size;
/** Everything in skb_shared_info before dataref is zeroed at allocation (__finalize_skb_around). */
export const SHINFO_OFFSET_OF_DATAREF = OSH.dataref;

/** struct skb_shared_info, found at skb->head + skb->end. */
export class skb_shared_info {
  constructor(readonly addr: kaddr_t) {}
  get nr_frags(): number { return rd8(this.addr + OSH.nr_frags); }
  get tx_flags(): number { return rd8(this.addr + OSH.tx_flags); }
  set tx_flags(v: number) { wr8(this.addr + OSH.tx_flags, v); }
  get gso_size(): number { return rd16(this.addr + OSH.gso_size); }
  get gso_segs(): number { return rd16(this.addr + OSH.gso_segs); }
  get gso_type(): number { return rd32(this.addr + OSH.gso_type); }
  get dataref(): number { return rd32(this.addr + OSH.dataref); }
  set dataref(v: number) { wr32(this.addr + OSH.dataref, v); }
}

/** struct sk_buff at `addr`. Getters and setters read and write the simulated memory in place. */
export class sk_buff {
  constructor(readonly addr: kaddr_t) {}
  get next(): kaddr_t { return rdptr(this.addr + O.next); }
  set next(p: kaddr_t) { wrptr(this.addr + O.next, p); }
  get prev(): kaddr_t { return rdptr(this.addr + O.prev); }
  set prev(p: kaddr_t) { wrptr(this.addr + O.prev, p); }
  get dev(): net_device | null { const p = rdptr(this.addr + O.dev); return p === NULL ? null : new net_device(p); }
  set dev(d: net_device | null) { wrptr(this.addr + O.dev, d === null ? NULL : d.addr); }
  get sk(): kaddr_t { return rdptr(this.addr + O.sk); }
  set sk(p: kaddr_t) { wrptr(this.addr + O.sk, p); }
  get tstamp(): number { return rd64(this.addr + O.tstamp); }
  set tstamp(v: number) { wr64(this.addr + O.tstamp, v); }
  get cb_addr(): kaddr_t { return this.addr + O.cb; }
  get _skb_refdst(): number { return rd64(this.addr + O._skb_refdst); }
  set _skb_refdst(v: number) { wr64(this.addr + O._skb_refdst, v); }
  get destructor_slot(): kaddr_t { return this.addr + O.destructor; }
  get _nfct(): number { return rd64(this.addr + O._nfct); }
  set _nfct(v: number) { wr64(this.addr + O._nfct, v); }
  get len(): number { return rd32(this.addr + O.len); }
  set len(v: number) { wr32(this.addr + O.len, v); }
  get data_len(): number { return rd32(this.addr + O.data_len); }
  set data_len(v: number) { wr32(this.addr + O.data_len, v); }
  get mac_len(): number { return rd16(this.addr + O.mac_len); }
  set mac_len(v: number) { wr16(this.addr + O.mac_len, v); }
  get queue_mapping(): number { return rd16(this.addr + O.queue_mapping); }
  set queue_mapping(v: number) { wr16(this.addr + O.queue_mapping, v); }
  get cloned(): number { return getb(this.addr, B.cloned!); }
  set cloned(v: number) { setb(this.addr, B.cloned!, v); }
  get fclone(): number { return getb(this.addr, B.fclone!); }
  set fclone(v: number) { setb(this.addr, B.fclone!, v); }
  get pfmemalloc(): number { return getb(this.addr, B.pfmemalloc!); }
  get active_extensions(): number { return rd8(this.addr + O.active_extensions); }
  set active_extensions(v: number) { wr8(this.addr + O.active_extensions, v); }
  get pkt_type(): number { return getb(this.addr, B.pkt_type!); }
  set pkt_type(v: number) { setb(this.addr, B.pkt_type!, v); }
  get ignore_df(): number { return getb(this.addr, B.ignore_df!); }
  set ignore_df(v: number) { setb(this.addr, B.ignore_df!, v); }
  get ip_summed(): number { return getb(this.addr, B.ip_summed!); }
  set ip_summed(v: number) { setb(this.addr, B.ip_summed!, v); }
  get tstamp_type(): number { return getb(this.addr, B.tstamp_type!); }
  set tstamp_type(v: number) { setb(this.addr, B.tstamp_type!, v); }
  get l4_hash(): number { return getb(this.addr, B.l4_hash!); }
  get nf_trace(): number { return getb(this.addr, B.nf_trace!); }
  set nf_trace(v: number) { setb(this.addr, B.nf_trace!, v); }
  /** CONFIG_IP_VS: present in the Debian build, absent in some configs. */
  set ipvs_property(v: number) { if (B.ipvs_property) setb(this.addr, B.ipvs_property, v); }
  /** CONFIG_NET_SWITCHDEV */
  set offload_fwd_mark(v: number) { if (B.offload_fwd_mark) setb(this.addr, B.offload_fwd_mark, v); }
  set offload_l3_fwd_mark(v: number) { if (B.offload_l3_fwd_mark) setb(this.addr, B.offload_l3_fwd_mark, v); }
  get csum(): number { return rd32(this.addr + O.csum); }
  set csum(v: number) { wr32(this.addr + O.csum, v); }
  get csum_start(): number { return rd16(this.addr + O.csum_start); }
  set csum_start(v: number) { wr16(this.addr + O.csum_start, v); }
  get priority(): number { return rd32(this.addr + O.priority); }
  set priority(v: number) { wr32(this.addr + O.priority, v); }
  get skb_iif(): number { return rds32(this.addr + O.skb_iif); }
  set skb_iif(v: number) { wr32(this.addr + O.skb_iif, v); }
  get hash(): number { return rd32(this.addr + O.hash); }
  get vlan_all(): number { return rd32(this.addr + O.vlan_all); }
  set vlan_all(v: number) { wr32(this.addr + O.vlan_all, v); }
  get vlan_proto(): __be16 { return rd16(this.addr + O.vlan_proto) as __be16; }
  set vlan_proto(v: __be16) { wr16(this.addr + O.vlan_proto, v); }
  get vlan_tci(): number { return rd16(this.addr + O.vlan_tci); }
  set vlan_tci(v: number) { wr16(this.addr + O.vlan_tci, v); }
  get napi_id(): number { return rd32(this.addr + O.napi_id); }
  /** sender_cpu: the transmit side's use of the napi_id union (CONFIG_XPS) */
  get sender_cpu(): number { return rd32(this.addr + O.sender_cpu); }
  set sender_cpu(v: number) { wr32(this.addr + O.sender_cpu, v); }
  get mark(): number { return rd32(this.addr + O.mark); }
  set mark(v: number) { wr32(this.addr + O.mark, v); }
  /** __be16: the raw in-memory value, as the kernel compares it against htons(ETH_P_*). */
  get protocol(): __be16 { return rd16(this.addr + O.protocol) as __be16; }
  set protocol(v: __be16) { wr16(this.addr + O.protocol, v); }
  get transport_header(): number { return rd16(this.addr + O.transport_header); }
  set transport_header(v: number) { wr16(this.addr + O.transport_header, v); }
  get network_header(): number { return rd16(this.addr + O.network_header); }
  set network_header(v: number) { wr16(this.addr + O.network_header, v); }
  get mac_header(): number { return rd16(this.addr + O.mac_header); }
  set mac_header(v: number) { wr16(this.addr + O.mac_header, v); }
  get tail(): number { return rd32(this.addr + O.tail); }
  set tail(v: number) { wr32(this.addr + O.tail, v); }
  get end(): number { return rd32(this.addr + O.end); }
  set end(v: number) { wr32(this.addr + O.end, v); }
  get head(): kaddr_t { return rdptr(this.addr + O.head); }
  set head(p: kaddr_t) { wrptr(this.addr + O.head, p); }
  get data(): kaddr_t { return rdptr(this.addr + O.data); }
  set data(p: kaddr_t) { wrptr(this.addr + O.data, p); }
  get truesize(): number { return rd32(this.addr + O.truesize); }
  set truesize(v: number) { wr32(this.addr + O.truesize, v); }
  /** refcount_t users */
  get users(): number { return rd32(this.addr + O.users); }
  set users(v: number) { wr32(this.addr + O.users, v); }
  get extensions(): kaddr_t { return rdptr(this.addr + O.extensions); }
  set extensions(p: kaddr_t) { wrptr(this.addr + O.extensions, p); }
}

/** include/linux/skbuff.h:1716 skb_end_pointer */
export function skb_end_pointer(skb: sk_buff): kaddr_t { return skb.head + skb.end; }
/** include/linux/skbuff.h:1757 skb_shinfo (a macro in the kernel) */
export function skb_shinfo(skb: sk_buff): skb_shared_info { return new skb_shared_info(skb_end_pointer(skb)); }
/** include/linux/skbuff.h:2483 skb_is_nonlinear */
export function skb_is_nonlinear(skb: sk_buff): boolean { return skb.data_len !== 0; }
/** include/linux/skbuff.h:2488 skb_headlen */
export function skb_headlen(skb: sk_buff): number { return skb.len - skb.data_len; }
/** include/linux/skbuff.h:2836 skb_headroom */
export function skb_headroom(skb: sk_buff): number { return skb.data - skb.head; }
/** include/linux/skbuff.h:2847 skb_tailroom */
export function skb_tailroom(skb: sk_buff): number { return skb_is_nonlinear(skb) ? 0 : skb.end - skb.tail; }
/** include/linux/skbuff.h:2659 skb_tail_pointer */
export function skb_tail_pointer(skb: sk_buff): kaddr_t { return skb.head + skb.tail; }

/** include/linux/skbuff.h:2706 __skb_put */
export function __skb_put(skb: sk_buff, len: number): kaddr_t {
  const tmp = skb_tail_pointer(skb);
  skb.tail = skb.tail + len;
  skb.len = skb.len + len;
  return tmp;
}
/** include/linux/skbuff.h:2762 __skb_push */
export function __skb_push(skb: sk_buff, len: number): kaddr_t {
  skb.data = skb.data - len;
  skb.len = skb.len + len;
  return skb.data;
}
/** include/linux/skbuff.h:2772 __skb_pull */
export function __skb_pull(skb: sk_buff, len: number): kaddr_t {
  skb.len = skb.len - len;
  if (skb.len < skb.data_len) throw new Error('kernel BUG at include/linux/skbuff.h:2783 (__skb_pull into frags)');
  skb.data = skb.data + len;
  return skb.data;
}
/** include/linux/skbuff.h:2788 skb_pull_inline */
export function skb_pull_inline(skb: sk_buff, len: number): kaddr_t {
  return len > skb.len ? NULL : __skb_pull(skb, len);
}
/** include/linux/skbuff.h:2875 skb_reserve */
export function skb_reserve(skb: sk_buff, len: number): void {
  skb.data = skb.data + len;
  skb.tail = skb.tail + len;
}

/** include/linux/skbuff.h:3011 skb_reset_transport_header */
export function skb_reset_transport_header(skb: sk_buff): void { skb.transport_header = skb.data - skb.head; }
/** include/linux/skbuff.h:2995 skb_transport_header_was_set */
export function skb_transport_header_was_set(skb: sk_buff): boolean { return skb.transport_header !== 0xffff; }
/** include/linux/skbuff.h:3075 skb_reset_network_header */
export function skb_reset_network_header(skb: sk_buff): void { skb.network_header = skb.data - skb.head; }
/** include/linux/skbuff.h:3091 skb_mac_header */
export function skb_mac_header(skb: sk_buff): kaddr_t { return skb.head + skb.mac_header; }
/** include/linux/skbuff.h:3097 skb_mac_offset */
export function skb_mac_offset(skb: sk_buff): number { return skb_mac_header(skb) - skb.data; }
/** include/linux/skbuff.h:3086 skb_mac_header_was_set */
export function skb_mac_header_was_set(skb: sk_buff): boolean { return skb.mac_header !== 0xffff; }
/** include/linux/skbuff.h:3113 skb_reset_mac_header */
export function skb_reset_mac_header(skb: sk_buff): void { skb.mac_header = skb.data - skb.head; }
/** include/linux/skbuff.h:3118 skb_set_mac_header */
export function skb_set_mac_header(skb: sk_buff, offset: number): void {
  skb_reset_mac_header(skb);
  skb.mac_header = skb.mac_header + offset;
}
/** include/linux/skbuff.h:2929 skb_reset_mac_len */
export function skb_reset_mac_len(skb: sk_buff): void { skb.mac_len = skb.network_header - skb.mac_header; }
/** include/linux/skbuff.h:3192 skb_network_offset */
export function skb_network_offset(skb: sk_buff): number { return skb.head + skb.network_header - skb.data; }
/** include/linux/skbuff.h:3176 skb_transport_offset */
export function skb_transport_offset(skb: sk_buff): number { return skb.head + skb.transport_header - skb.data; }
/** include/linux/skbuff.h:5062 skb_get_queue_mapping */
export function skb_get_queue_mapping(skb: sk_buff): number { return skb.queue_mapping; }
/** include/linux/skbuff.h:5106 skb_is_gso */
export function skb_is_gso(skb: sk_buff): boolean { return skb_shinfo(skb).gso_size !== 0; }
/** include/linux/skbuff.h:2067 skb_shared */
export function skb_shared(skb: sk_buff): boolean { return skb.users !== 1; }
/** include/linux/skbuff.h:3166 skb_checksum_start_offset */
export function skb_checksum_start_offset(skb: sk_buff): number { return skb.csum_start - skb_headroom(skb); }

/** include/linux/skbuff.h:2798 pskb_may_pull_reason */
export function pskb_may_pull_reason(skb: sk_buff, len: number): skb_drop_reason {
  if (len <= skb_headlen(skb)) return SKB_NOT_DROPPED_YET;
  if (len > skb.len) return SKB_DROP_REASON_PKT_TOO_SMALL;
  /* __pskb_pull_tail would move paged bytes into the head; kveth's skbs are always linear,
   * so data_len is 0 and this point is unreachable. */
  throw new Error('kveth: non-linear skb reached pskb_may_pull (paged data is not modelled)');
}
/** include/linux/skbuff.h:2814 pskb_may_pull */
export function pskb_may_pull(skb: sk_buff, len: number): boolean {
  return pskb_may_pull_reason(skb, len) === SKB_NOT_DROPPED_YET;
}

/** include/linux/skbuff.h:3980 skb_postpull_rcsum */
export function skb_postpull_rcsum(skb: sk_buff, start: kaddr_t, len: number): void {
  if (skb.ip_summed === CHECKSUM_COMPLETE) skb.csum = wsum_negate(csum_partial(start, len, wsum_negate(skb.csum)));
  else if (skb.ip_summed === CHECKSUM_PARTIAL && skb_checksum_start_offset(skb) < 0) skb.ip_summed = CHECKSUM_NONE;
}

function wsum_negate(v: number): number { return (~v) >>> 0; }
/**
 * arch/x86/lib/csum-partial_64.c:44 csum_partial: the ones' complement sum of the buffer added to
 * `sum`, folded to 32 bits. Congruent (mod 0xffff) to the x86 result, not necessarily bit-equal;
 * only CHECKSUM_COMPLETE skbs use it, and none reach it on kveth's paths.
 */
export function csum_partial(buf: kaddr_t, len: number, sum: number): number {
  const b = bytes(buf, len);
  let s = sum;
  for (let i = 0; i + 1 < len; i += 2) s += b[i]! | (b[i + 1]! << 8);
  if (len & 1) s += b[len - 1]!;
  while (s > 0xffffffff) s = (s % 0x100000000) + Math.floor(s / 0x100000000);
  return s >>> 0;
}

/** SKB_CLOCK_REALTIME (enum skb_tstamp_type) */
export const SKB_CLOCK_REALTIME = 0;
/** include/linux/skbuff.h:4419 skb_clear_delivery_time (netstamp_needed_key is off: no socket asked for timestamps) */
export function skb_clear_delivery_time(skb: sk_buff): void {
  if (skb.tstamp_type) {
    skb.tstamp_type = SKB_CLOCK_REALTIME;
    skb.tstamp = 0;
  }
}
/** include/linux/skbuff.h:4430 skb_clear_tstamp */
export function skb_clear_tstamp(skb: sk_buff): void {
  if (skb.tstamp_type) return;
  skb.tstamp = 0;
}
/** include/linux/skbuff.h:4955 skb_ext_reset (no extensions are ever attached in kveth) */
export function skb_ext_reset(skb: sk_buff): void {
  if (skb.active_extensions) { skb.active_extensions = 0; skb.extensions = NULL; }
}
/** include/linux/skbuff.h:4976 nf_reset_ct (no conntrack entries are modelled) */
export function nf_reset_ct(skb: sk_buff): void { skb._nfct = 0; }
/** include/linux/skbuff.h:4984 nf_reset_trace */
export function nf_reset_trace(skb: sk_buff): void { skb.nf_trace = 0; }
/** include/linux/skbuff.h:4991 ipvs_reset */
export function ipvs_reset(skb: sk_buff): void { skb.ipvs_property = 0; }

/** include/linux/skbuff.h:3348 skb_orphan_frags: no zerocopy user frags exist in kveth, so it always succeeds. */
export function skb_orphan_frags(_skb: sk_buff): number { return 0; }
/** include/linux/skbuff.h:3358 skb_orphan_frags_rx: same as above. */
export function skb_orphan_frags_rx(_skb: sk_buff): number { return 0; }

/** include/linux/if_vlan.h:82 skb_vlan_tag_present (vlan_all != 0) */
export function skb_vlan_tag_present(skb: sk_buff): boolean { return skb.vlan_all !== 0; }
/* the two VLAN EtherTypes in network order, swapped once here rather than on every call */
const be_ETH_P_8021Q = htons(ETH_P_8021Q);
const be_ETH_P_8021AD = htons(ETH_P_8021AD);
/** include/linux/if_vlan.h:320 eth_type_vlan: is `ethertype` (network order) an 802.1Q or 802.1ad tag? */
export function eth_type_vlan(ethertype: __be16): boolean {
  return ethertype === be_ETH_P_8021Q || ethertype === be_ETH_P_8021AD;
}

/* struct sk_buff_head: a circular list whose head looks like an skb's next/prev pair. */
const QH = struct_('sk_buff_head');
const OQ = { next: QH.off('next'), prev: QH.off('prev'), qlen: QH.off('qlen') };
export const SIZEOF_SK_BUFF_HEAD = QH.size;
/** include/linux/skbuff.h:2245 __skb_queue_head_init */
export function __skb_queue_head_init(list: kaddr_t): void {
  wrptr(list + OQ.next, list);
  wrptr(list + OQ.prev, list);
  wr32(list + OQ.qlen, 0);
}
/** include/linux/skbuff.h:2218 skb_queue_len */
export function skb_queue_len(list: kaddr_t): number { return rd32(list + OQ.qlen); }
/** include/linux/skbuff.h:1881 skb_queue_empty */
export function skb_queue_empty(list: kaddr_t): boolean { return rdptr(list + OQ.next) === list; }
/** include/linux/skbuff.h:2278 __skb_insert */
function __skb_insert(newsk: kaddr_t, prev: kaddr_t, next: kaddr_t, list: kaddr_t): void {
  wrptr(newsk + O.next, next);
  wrptr(newsk + O.prev, prev);
  wrptr(next + O.prev, newsk); // next->prev (the head's prev is at the same offset as an skb's)
  wrptr(prev + O.next, newsk);
  wr32(list + OQ.qlen, rd32(list + OQ.qlen) + 1);
}
/** include/linux/skbuff.h:2424 __skb_queue_tail */
export function __skb_queue_tail(list: kaddr_t, newsk: sk_buff): void {
  __skb_insert(newsk.addr, rdptr(list + OQ.prev), list, list);
}
/** include/linux/skbuff.h:2436 __skb_unlink */
export function __skb_unlink(skb: sk_buff, list: kaddr_t): void {
  wr32(list + OQ.qlen, rd32(list + OQ.qlen) - 1);
  const next = skb.next, prev = skb.prev;
  skb.next = NULL;
  skb.prev = NULL;
  wrptr(next + O.prev, prev);
  wrptr(prev + O.next, next);
}
/** include/linux/skbuff.h:2456 __skb_dequeue */
export function __skb_dequeue(list: kaddr_t): sk_buff | null {
  const n = rdptr(list + OQ.next);
  if (n === list) return null;
  const skb = new sk_buff(n);
  __skb_unlink(skb, list);
  return skb;
}
/** include/linux/skbuff.h:2292 __skb_queue_splice */
function __skb_queue_splice(list: kaddr_t, prev: kaddr_t, next: kaddr_t): void {
  const first = rdptr(list + OQ.next), last = rdptr(list + OQ.prev);
  wrptr(first + O.prev, prev);
  wrptr(prev + O.next, first);
  wrptr(last + O.next, next);
  wrptr(next + O.prev, last);
}
/** include/linux/skbuff.h:2359 skb_queue_splice_tail_init */
export function skb_queue_splice_tail_init(list: kaddr_t, head: kaddr_t): void {
  if (!skb_queue_empty(list)) {
    __skb_queue_splice(list, rdptr(head + OQ.prev), head);
    wr32(head + OQ.qlen, rd32(head + OQ.qlen) + rd32(list + OQ.qlen));
    __skb_queue_head_init(list);
  }
}

/** include/linux/skbuff.h:4232 __skb_header_pointer: the address of [offset, offset+len) or NULL */
export function __skb_header_pointer(skb: sk_buff | null, offset: number, len: number, data: kaddr_t, hlen: number): kaddr_t {
  if (hlen - offset >= len) return data + offset;
  // skb_copy_bits() would gather the bytes from the frags; a linear skb has none beyond hlen,
  // so it fails exactly when the range runs past skb->len.
  if (!skb || offset < 0 || offset + len > skb.len) return NULL;
  throw new Error('kveth: skb_copy_bits from paged data is not modelled');
}
/** include/linux/skbuff.h:4245 skb_header_pointer */
export function skb_header_pointer(skb: sk_buff, offset: number, len: number): kaddr_t {
  return __skb_header_pointer(skb, offset, len, skb.data, skb_headlen(skb));
}

/** include/linux/skbuff.h:3070 skb_network_header */
export function skb_network_header(skb: sk_buff): kaddr_t { return skb.head + skb.network_header; }
/** include/linux/skbuff.h:3080 skb_set_network_header */
export function skb_set_network_header(skb: sk_buff, offset: number): void {
  skb_reset_network_header(skb);
  skb.network_header = skb.network_header + offset;
}
/** include/linux/skbuff.h:3039 skb_set_transport_header */
export function skb_set_transport_header(skb: sk_buff, offset: number): void {
  skb_reset_transport_header(skb);
  skb.transport_header = skb.transport_header + offset;
}

/** include/linux/skbuff.h:1986 skb_cloned */
export function skb_cloned(skb: sk_buff): boolean {
  return skb.cloned !== 0 && (skb_shinfo(skb).dataref & 0xffff) !== 1; // SKB_DATAREF_MASK
}

/** include/linux/skbuff.h:2669 skb_set_tail_pointer (NET_SKBUFF_DATA_USES_OFFSET) */
function skb_set_tail_pointer(skb: sk_buff, offset: number): void {
  skb.tail = skb.data - skb.head; // skb_reset_tail_pointer (include/linux/skbuff.h:2664)
  skb.tail = skb.tail + offset;
}
/** include/linux/skbuff.h:3263 __skb_set_length */
function __skb_set_length(skb: sk_buff, len: number): void {
  if (skb_is_nonlinear(skb)) { console.error('WARNING: __skb_set_length on a nonlinear skb'); return; }
  skb.len = len;
  skb_set_tail_pointer(skb, len);
}
/** include/linux/skbuff.h:3278 __pskb_trim */
function __pskb_trim(skb: sk_buff, len: number): number {
  if (skb.data_len) throw new Error('kveth: ___pskb_trim of paged data is not modelled');
  __skb_set_length(skb, len); // __skb_trim
  return 0;
}
/** include/linux/skbuff.h:3286 pskb_trim */
export function pskb_trim(skb: sk_buff, len: number): number { return len < skb.len ? __pskb_trim(skb, len) : 0; }
/**
 * net/core/skbuff.c:2809 pskb_trim_rcsum_slow. Only CHECKSUM_NONE reaches it on kveth's receive
 * path (veth passes AF_PACKET frames on with ip_summed 0); the CHECKSUM_COMPLETE adjustment is
 * left out and throws.
 */
function pskb_trim_rcsum_slow(skb: sk_buff, len: number): number {
  if (skb.ip_summed === CHECKSUM_COMPLETE) {
    throw new Error('kveth: pskb_trim_rcsum_complete (CHECKSUM_COMPLETE) is not modelled');
  } else if (skb.ip_summed === CHECKSUM_PARTIAL) {
    const hdlen = len > skb_headlen(skb) ? skb_headlen(skb) : len;
    const offset = skb_checksum_start_offset(skb) + rd16(skb.addr + O.csum_offset);
    if (offset + 2 > hdlen) return -EINVAL;
  }
  return __pskb_trim(skb, len);
}
/** include/linux/skbuff.h:4046 pskb_trim_rcsum */
export function pskb_trim_rcsum(skb: sk_buff, len: number): number {
  if (len >= skb.len) return 0;
  return pskb_trim_rcsum_slow(skb, len);
}

/** include/net/sock.h:2825 skb_sk_is_prefetched: skb->destructor == sock_pfree (bpf_sk_assign is not modelled, so never) */
export function skb_sk_is_prefetched(_skb: sk_buff): boolean { return false; }
/** include/linux/skbuff.h:3328 skb_orphan */
export function skb_orphan(skb: sk_buff): void {
  const destructor = rdfn<(skb: sk_buff) => void>(skb.destructor_slot);
  if (destructor) {
    destructor(skb);
    wrfn(skb.destructor_slot, null);
    skb.sk = NULL;
  } else if (skb.sk !== NULL) {
    throw new Error('kernel BUG at include/linux/skbuff.h:3335 (skb_orphan: sk without destructor)');
  }
}

