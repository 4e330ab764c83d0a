// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/core/skbuff.c: allocation, cloning, freeing (with the two drop tracepoints), the checked
 * put/push/pull, skb_scrub_packet and skb_vlan_untag.
 *
 * Left out on purpose: page fragments and frag lists (every kveth skb is linear), fclone pairs
 * (no caller on this path asks for SKB_ALLOC_FCLONE), the per-CPU NAPI skb cache, pfmemalloc
 * reserves, zerocopy, and skb extensions (none are ever attached).
 */
import { skb_dst_drop, __skb_dst_copy } from '../../include/net/dst';
import { NULL, kaddr_t, memset, memmove, memcpy, rd16be, bytes, rd8, wr8, rd16, wr16, wr32 } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { GFP_ATOMIC, kfree, kmalloc_size_roundup, kmalloc, kmem_cache_alloc, kmem_cache_create, kmem_cache_free } from '../../mm/slub';
import { smp_processor_id } from '../../sim/percpu';
import { kconfig } from '../../sim/config';
import { rdfn } from '../../sim/kallsyms';
import {
  sk_buff, SKB_DATA_ALIGN, SIZEOF_SK_BUFF, SIZEOF_SKB_SHARED_INFO, SKB_OFFSET_OF_TAIL, SHINFO_OFFSET_OF_DATAREF,
  skb_shinfo, skb_tail_pointer, skb_headroom, __skb_pull, __skb_push, skb_postpull_rcsum,
  skb_ext_reset, nf_reset_ct, nf_reset_trace, ipvs_reset, skb_clear_tstamp, skb_vlan_tag_present, skb_shared,
  pskb_may_pull, skb_mac_header, skb_reset_network_header, skb_transport_header_was_set,
  skb_reset_transport_header, skb_reset_mac_len, SKB_FCLONE_UNAVAILABLE, skb_orphan_frags, CHECKSUM_PARTIAL,
  skb_cloned, NET_SKB_PAD,
} from '../../include/linux/skbuff';
import { skb_drop_reason } from '../../include/net/dropreason-core';
import { trace_consume_skb, trace_kfree_skb } from '../../include/trace/events/skb';
import { PACKET_HOST } from '../../include/uapi/linux/if_packet';
import { htons } from '../../include/uapi/linux/types';
import { ETH_P_802_2, ETH_P_802_3, ETH_TLEN } from '../../include/uapi/linux/if_ether';
import { eth_proto_is_802_3 } from '../../include/linux/etherdevice';
import { ENOMEM } from '../../include/uapi/linux/errno';

const { SKB_CONSUMED, SKB_DROP_REASON_NOT_SPECIFIED } = skb_drop_reason;

/** include/linux/skbuff.h:256 SKB_WITH_OVERHEAD */
export function SKB_WITH_OVERHEAD(x: number): number { return x - SKB_DATA_ALIGN(SIZEOF_SKB_SHARED_INFO); }
/** include/linux/skbuff.h:272 SKB_TRUESIZE */
export function SKB_TRUESIZE(x: number): number {
  return x + SKB_DATA_ALIGN(SIZEOF_SK_BUFF) + SKB_DATA_ALIGN(SIZEOF_SKB_SHARED_INFO);
}
/** include/linux/skbuff.h:263 SKB_HEAD_ALIGN */
export function SKB_HEAD_ALIGN(x: number): number { return SKB_DATA_ALIGN(x) + SKB_DATA_ALIGN(SIZEOF_SKB_SHARED_INFO); }

/* net/core/skbuff.c:100 SKB_SMALL_HEAD_SIZE and friends; MAX_HEADER comes from the profile's kconfig. */
const MAX_TCP_HEADER = Math.ceil((128 + kconfig.MAX_HEADER) / 64) * 64; // L1_CACHE_ALIGN(128 + MAX_HEADER)
const GRO_MAX_HEAD_PAD = kconfig.MAX_HEADER + 128 + 64 + 0; // GRO_MAX_HEAD + NET_SKB_PAD + NET_IP_ALIGN
const SKB_SMALL_HEAD_SIZE = SKB_HEAD_ALIGN(Math.max(MAX_TCP_HEADER, GRO_MAX_HEAD_PAD));
const is_pow2 = (n: number): boolean => (n & (n - 1)) === 0;
export const SKB_SMALL_HEAD_CACHE_SIZE = is_pow2(SKB_SMALL_HEAD_SIZE) ? SKB_SMALL_HEAD_SIZE + 64 : SKB_SMALL_HEAD_SIZE;
export const SKB_SMALL_HEAD_HEADROOM = SKB_WITH_OVERHEAD(SKB_SMALL_HEAD_CACHE_SIZE);

/* net/core/skbuff.c:5150 skb_init: the caches (SLAB_HWCACHE_ALIGN rounds to the cache line). */
export const skbuff_cache = kmem_cache_create('skbuff_head_cache', SIZEOF_SK_BUFF, 64);
export const skb_small_head_cache = kmem_cache_create('skbuff_small_head', SKB_SMALL_HEAD_CACHE_SIZE, 64);

/** net/core/skbuff.c:580 kmalloc_reserve: returns [head, size actually obtained] */
function kmalloc_reserve(size: number, flags: number): [kaddr_t, number] {
  let obj_size = SKB_HEAD_ALIGN(size);
  if (obj_size <= SKB_SMALL_HEAD_CACHE_SIZE) {
    return [kmem_cache_alloc(skb_small_head_cache, flags), SKB_SMALL_HEAD_CACHE_SIZE];
  }
  obj_size = kmalloc_size_roundup(obj_size);
  return [kmalloc(obj_size, flags), obj_size];
}

/** net/core/skbuff.c:373 __finalize_skb_around */
function __finalize_skb_around(skb: sk_buff, data: kaddr_t, size: number): void {
  size -= SKB_DATA_ALIGN(SIZEOF_SKB_SHARED_INFO);
  skb.truesize = SKB_TRUESIZE(size);
  skb.users = 1;
  skb.head = data;
  skb.data = data;
  skb.tail = 0; // skb_reset_tail_pointer
  skb.end = size; // skb_set_end_offset
  skb.mac_header = 0xffff;
  skb.transport_header = 0xffff;
  wr16(skb.addr + OFF_alloc_cpu, smp_processor_id()); // skb->alloc_cpu
  const shinfo = skb_shinfo(skb);
  memset(shinfo.addr, 0, SHINFO_OFFSET_OF_DATAREF);
  // shinfo->dataref = 1, written directly: through the accessor, TurboFan compiles this one store
  // to a generic StoreIC call (~2% of the frame path).
  wr32(shinfo.addr + SHINFO_OFFSET_OF_DATAREF, 1);
}
const OFF_alloc_cpu = struct_('sk_buff').off('alloc_cpu');

/** net/core/skbuff.c:440 __build_skb_around */
function __build_skb_around(skb: sk_buff, data: kaddr_t, frag_size: number): void {
  const size = frag_size; // a non-zero frag_size is the only case here: ksize() of the head
  __finalize_skb_around(skb, data, size);
}

/* include/linux/skbuff.h:1114 __alloc_skb flags */
export const SKB_ALLOC_FCLONE = 0x01;
export const SKB_ALLOC_RX = 0x02;
export const SKB_ALLOC_NAPI = 0x04;

/**
 * net/core/skbuff.c:652 __alloc_skb. Returns null on failure. The fclone cache and the per-CPU NAPI
 * skb cache are not modelled (no kveth path asks for them); SKB_ALLOC_RX only matters with
 * memalloc sockets, which do not exist here.
 */
export function __alloc_skb(size: number, gfp_mask: number, flags: number): sk_buff | null {
  if (flags & (SKB_ALLOC_FCLONE | SKB_ALLOC_NAPI)) throw new Error('kveth: fclone/NAPI-cache skb allocation is not modelled');
  const a = kmem_cache_alloc(skbuff_cache, gfp_mask);
  if (a === NULL) return null;
  const skb = new sk_buff(a);
  const [data, got] = kmalloc_reserve(size, gfp_mask);
  if (data === NULL) {
    kmem_cache_free(skbuff_cache, a);
    return null;
  }
  memset(a, 0, SKB_OFFSET_OF_TAIL);
  __build_skb_around(skb, data, got);
  return skb;
}
/** include/linux/skbuff.h:1353 alloc_skb */
export function alloc_skb(size: number, priority: number): sk_buff | null { return __alloc_skb(size, priority, 0); }

/** net/core/skbuff.c:2609 skb_put */
export function skb_put(skb: sk_buff, len: number): kaddr_t {
  const tmp = skb_tail_pointer(skb);
  if (skb.data_len !== 0) throw new Error('kernel BUG at include/linux/skbuff.h (SKB_LINEAR_ASSERT)');
  skb.tail = skb.tail + len;
  skb.len = skb.len + len;
  if (skb.tail > skb.end) throw new Error(`skbuff: skb_over_panic: len:${len} put:${len} tail:${skb.tail} end:${skb.end}`);
  return tmp;
}
/** net/core/skbuff.c:2630 skb_push */
export function skb_push(skb: sk_buff, len: number): kaddr_t {
  skb.data = skb.data - len;
  skb.len = skb.len + len;
  if (skb.data < skb.head) throw new Error(`skbuff: skb_under_panic: len:${len} headroom:${skb_headroom(skb)}`);
  return skb.data;
}
/** net/core/skbuff.c:2650 skb_pull */
export function skb_pull(skb: sk_buff, len: number): kaddr_t {
  return len > skb.len ? NULL : __skb_pull(skb, len);
}
/** net/core/skbuff.c:4607 skb_pull_rcsum */
export function skb_pull_rcsum(skb: sk_buff, len: number): kaddr_t {
  const data = skb.data;
  if (len > skb.len) throw new Error('kernel BUG at net/core/skbuff.c (skb_pull_rcsum past len)');
  __skb_pull(skb, len);
  skb_postpull_rcsum(skb, data, len);
  return skb.data;
}

/** include/linux/skbuff.h:1260 skb_unref */
function skb_unref(skb: sk_buff): boolean {
  if (skb.users === 1) return true; // refcount_read == 1: the last reference, no atomic needed
  skb.users = skb.users - 1;
  return skb.users === 0;
}

/** net/core/skbuff.c:1167 skb_release_head_state */
export function skb_release_head_state(skb: sk_buff): void {
  skb_dst_drop(skb);
  const destructor = rdfn<(skb: sk_buff) => void>(skb.destructor_slot);
  if (destructor) destructor(skb);
  nf_reset_ct(skb); // nf_conntrack_put: no conntrack entries exist
  skb_ext_reset(skb); // skb_ext_put
}
/** net/core/skbuff.c:1084 skb_free_head */
function skb_free_head(skb: sk_buff): void {
  const head = skb.head;
  // skb_kfree_head: a head from the small-head cache is recognised by its end offset
  if (skb.end === SKB_SMALL_HEAD_HEADROOM) kmem_cache_free(skb_small_head_cache, head);
  else kfree(head);
}
/** net/core/skbuff.c:1097 skb_release_data */
function skb_release_data(skb: sk_buff, _reason: skb_drop_reason): void {
  // `reason` goes to kfree_skb_list_reason(shinfo->frag_list): kveth's skbs have no frag list
  const shinfo = skb_shinfo(skb);
  // skb_data_unref: a clone shares the head; only the last user frees it
  if (skb.cloned) {
    const d = shinfo.dataref - 1;
    shinfo.dataref = d;
    if (d !== 0) return;
  }
  skb_free_head(skb);
}
/** net/core/skbuff.c:1181 skb_release_all */
function skb_release_all(skb: sk_buff, reason: skb_drop_reason): void {
  skb_release_head_state(skb);
  if (skb.head !== NULL) skb_release_data(skb, reason);
}
/** net/core/skbuff.c:1137 kfree_skbmem (only SKB_FCLONE_UNAVAILABLE skbs exist here) */
function kfree_skbmem(skb: sk_buff): void {
  kmem_cache_free(skbuff_cache, skb.addr);
}
/** net/core/skbuff.c:1197 __kfree_skb */
export function __kfree_skb(skb: sk_buff): void {
  skb_release_all(skb, SKB_DROP_REASON_NOT_SPECIFIED);
  kfree_skbmem(skb);
}

/** net/core/skbuff.c:1205 __sk_skb_reason_drop. `location` stands in for __builtin_return_address(0). */
function __sk_skb_reason_drop(sk: kaddr_t, skb: sk_buff, reason: skb_drop_reason, location: string): boolean {
  if (!skb_unref(skb)) return false;
  if (reason === SKB_CONSUMED) trace_consume_skb(skb, location);
  else trace_kfree_skb(skb, location, reason, sk);
  return true;
}
/** net/core/skbuff.c:1234 sk_skb_reason_drop */
export function sk_skb_reason_drop(sk: kaddr_t, skb: sk_buff, reason: skb_drop_reason, location: string): void {
  if (__sk_skb_reason_drop(sk, skb, reason, location)) __kfree_skb(skb);
}
/** include/linux/skbuff.h:1294 kfree_skb_reason. `location` names the calling kernel function. */
export function kfree_skb_reason(skb: sk_buff, reason: skb_drop_reason, location: string): void {
  sk_skb_reason_drop(NULL, skb, reason, location);
}
/** include/linux/skbuff.h:1303 kfree_skb */
export function kfree_skb(skb: sk_buff, location: string): void {
  kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED, location);
}
/**
 * net/core/skbuff.c:1269 kfree_skb_list_reason. `location` stands in for the return address the
 * inlined __sk_skb_reason_drop reports (the caller of kfree_skb_list). The bulk free
 * (kfree_skb_add_bulk, kmem_cache_free_bulk) frees each skb as __kfree_skb would.
 */
export function kfree_skb_list_reason(segs: sk_buff | null, reason: skb_drop_reason, location: string): void {
  while (segs) {
    const next = segs.next;
    if (__sk_skb_reason_drop(NULL, segs, reason, location)) __kfree_skb(segs); // skb_poison_list: CONFIG_DEBUG_NET only
    segs = next === NULL ? null : new sk_buff(next);
  }
}
/** include/linux/skbuff.h:1314 kfree_skb_list */
export function kfree_skb_list(segs: sk_buff | null, location: string): void {
  kfree_skb_list_reason(segs, SKB_DROP_REASON_NOT_SPECIFIED, location);
}
/** net/core/skbuff.c:1428 consume_skb */
export function consume_skb(skb: sk_buff, location: string): void {
  if (!skb_unref(skb)) return;
  trace_consume_skb(skb, location);
  __kfree_skb(skb);
}

/**
 * net/core/skbuff.c:1577 __skb_clone. __copy_skb_header copies every header field (the whole struct
 * here) and takes the clone's own reference on the dst (skb_dst_copy).
 */
function __skb_clone(n: sk_buff, skb: sk_buff): sk_buff {
  memcpy(n.addr, skb.addr, SIZEOF_SK_BUFF);
  __skb_dst_copy(n, skb._skb_refdst); // skb_dst_copy(new, old)
  n.next = NULL;
  n.prev = NULL;
  n.sk = NULL;
  n.cloned = 1;
  bytes(n.destructor_slot, 8).fill(0); // n->destructor = NULL
  n.users = 1;
  const sh = skb_shinfo(skb);
  sh.dataref = sh.dataref + 1;
  skb.cloned = 1;
  return n;
}
/** net/core/skbuff.c:2063 skb_clone */
export function skb_clone(skb: sk_buff, gfp_mask: number): sk_buff | null {
  if (skb_orphan_frags(skb)) return null;
  const a = kmem_cache_alloc(skbuff_cache, gfp_mask);
  if (a === NULL) return null;
  const n = new sk_buff(a);
  const r = __skb_clone(n, skb);
  n.fclone = SKB_FCLONE_UNAVAILABLE;
  return r;
}
/** include/linux/skbuff.h:2085 skb_share_check */
export function skb_share_check(skb: sk_buff, pri: number, location: string): sk_buff | null {
  if (skb_shared(skb)) {
    const nskb = skb_clone(skb, pri);
    if (nskb) consume_skb(skb, location);
    else kfree_skb(skb, location);
    return nskb;
  }
  return skb;
}

/** net/core/skbuff.c:6176 skb_scrub_packet */
export function skb_scrub_packet(skb: sk_buff, xnet: boolean): void {
  skb.pkt_type = PACKET_HOST;
  skb.skb_iif = 0;
  skb.ignore_df = 0;
  skb_dst_drop(skb);
  skb_ext_reset(skb);
  nf_reset_ct(skb);
  nf_reset_trace(skb);
  // CONFIG_NET_SWITCHDEV (Debian 6.12 has it): offload marks are cleared
  skb.offload_fwd_mark = 0;
  skb.offload_l3_fwd_mark = 0;
  ipvs_reset(skb);
  if (!xnet) return;
  skb.mark = 0;
  skb_clear_tstamp(skb);
}


const SH_L = struct_('skb_shared_info');
const OFF_shinfo_frags = SH_L.off('frags');
const SK_L = struct_('sk_buff');
const OFF_hdr_len = SK_L.off('hdr_len');
const OFF_inner = [SK_L.off('inner_transport_header'), SK_L.off('inner_network_header'), SK_L.off('inner_mac_header')];
const BIT_nohdr = SK_L.bits('nohdr');
const BIT_head_frag = SK_L.bits('head_frag');
function clear_bit_field(a: kaddr_t, f: [number, number, number]): void { wr8(a + f[0], rd8(a + f[0]) & ~f[2]); }

/**
 * net/core/skbuff.c:2256 pskb_expand_head: give the skb a private head with `nhead` more bytes
 * in front and `ntail` behind. Zerocopy and frags cannot occur (linear skbs, no user pages), so
 * the clone branch only drops this skb's share of the old head.
 */
export function pskb_expand_head(skb: sk_buff, nhead: number, ntail: number, gfp_mask: number): number {
  const osize = skb.end; // skb_end_offset
  let size = osize + nhead + ntail;
  if (nhead < 0) throw new Error('kernel BUG at net/core/skbuff.c:2265 (pskb_expand_head nhead < 0)');
  if (skb_shared(skb)) throw new Error('kernel BUG at net/core/skbuff.c:2267 (pskb_expand_head on a shared skb)');
  // skb_zcopy_downgrade_managed: no managed frags; skb_pfmemalloc: never set
  const [data, got] = kmalloc_reserve(size, gfp_mask);
  if (data === NULL) return -ENOMEM;
  size = SKB_WITH_OVERHEAD(got);
  memcpy(data + nhead, skb.head, skb_tail_pointer(skb) - skb.head);
  const old_shinfo = skb_shinfo(skb);
  memcpy(data + size, old_shinfo.addr, OFF_shinfo_frags + 0 /* nr_frags is 0 */);
  if (skb_cloned(skb)) {
    // skb_orphan_frags, zcopy refs, frag refs and frag_list cloning have nothing to act on.
    skb_release_data(skb, SKB_CONSUMED); // drops this skb's share of the old head
  } else {
    skb_free_head(skb);
  }
  const off = data + nhead - skb.head;
  skb.head = data;
  clear_bit_field(skb.addr, BIT_head_frag);
  skb.data = skb.data + off;
  skb.end = size; // skb_set_end_offset
  skb.tail = skb.tail + nhead; // NET_SKBUFF_DATA_USES_OFFSET: off = nhead
  skb_headers_offset_update(skb, nhead);
  skb.cloned = 0;
  wr16(skb.addr + OFF_hdr_len, 0);
  clear_bit_field(skb.addr, BIT_nohdr);
  skb_shinfo(skb).dataref = 1;
  // skb_metadata_clear: no XDP metadata
  if (!skb.sk) skb.truesize = skb.truesize + size - osize; // (or destructor == sock_edemux)
  return 0;
}
/** net/core/skbuff.c:2093 skb_headers_offset_update */
function skb_headers_offset_update(skb: sk_buff, off: number): void {
  // only a CHECKSUM_PARTIAL skb's csum_start is an offset from head (otherwise the union holds csum)
  if (skb.ip_summed === CHECKSUM_PARTIAL) skb.csum_start = skb.csum_start + off;
  // the header fields are u16 offsets from head; the additions wrap as the kernel's do
  skb.transport_header = (skb.transport_header + off) & 0xffff;
  skb.network_header = (skb.network_header + off) & 0xffff;
  if (skb.mac_header !== 0xffff) skb.mac_header = (skb.mac_header + off) & 0xffff; // skb_mac_header_was_set
  for (const o of OFF_inner) wr16(skb.addr + o, (rd16(skb.addr + o) + off) & 0xffff);
}

/** include/linux/skbuff.h:3774 __skb_cow */
function __skb_cow(skb: sk_buff, headroom: number, cloned: boolean): number {
  let delta = 0;
  if (headroom > skb_headroom(skb)) delta = headroom - skb_headroom(skb);
  if (delta || cloned) return pskb_expand_head(skb, Math.ceil(delta / NET_SKB_PAD) * NET_SKB_PAD, 0, GFP_ATOMIC);
  return 0;
}
/** include/linux/skbuff.h:3800 skb_cow */
export function skb_cow(skb: sk_buff, headroom: number): number { return __skb_cow(skb, headroom, skb_cloned(skb)); }


const VLAN_HLEN = 4;
/** net/core/skbuff.c:6200 skb_reorder_vlan_header */
function skb_reorder_vlan_header(skb: sk_buff): sk_buff | null {
  if (skb_cow(skb, skb_headroom(skb)) < 0) {
    kfree_skb(skb, 'skb_reorder_vlan_header');
    return null;
  }
  const mac_len = skb.data - skb_mac_header(skb);
  if (mac_len > VLAN_HLEN + ETH_TLEN) memmove(skb_mac_header(skb) + VLAN_HLEN, skb_mac_header(skb), mac_len - VLAN_HLEN - ETH_TLEN);
  // skb_metadata_len: XDP metadata is never present here
  skb.mac_header = skb.mac_header + VLAN_HLEN;
  return skb;
}
/** include/linux/if_vlan.h:689 vlan_set_encap_proto */
function vlan_set_encap_proto(skb: sk_buff, vhdr: kaddr_t): void {
  const proto = htons(rd16be(vhdr + 2));
  if (eth_proto_is_802_3(proto)) { skb.protocol = proto; return; }
  const rawp = rd16be(vhdr + 4);
  if (rawp === 0xffff) skb.protocol = htons(ETH_P_802_3);
  else skb.protocol = htons(ETH_P_802_2);
}
/** net/core/skbuff.c:6226 skb_vlan_untag */
export function skb_vlan_untag(skb0: sk_buff): sk_buff | null {
  let skb: sk_buff | null = skb0;
  if (skb_vlan_tag_present(skb)) return skb;
  skb = skb_share_check(skb, GFP_ATOMIC, 'skb_vlan_untag');
  if (!skb) return null; // err_free: kfree_skb(NULL) does nothing
  if (!pskb_may_pull(skb, VLAN_HLEN + 2)) {
    kfree_skb(skb, 'skb_vlan_untag');
    return null;
  }
  const vhdr = skb.data;
  const vlan_tci = rd16be(vhdr);
  // __vlan_hwaccel_put_tag(skb, skb->protocol, vlan_tci)
  skb.vlan_proto = skb.protocol;
  skb.vlan_tci = vlan_tci;
  skb_pull_rcsum(skb, VLAN_HLEN);
  vlan_set_encap_proto(skb, vhdr);
  skb = skb_reorder_vlan_header(skb);
  if (!skb) return null;
  skb_reset_network_header(skb);
  if (!skb_transport_header_was_set(skb)) skb_reset_transport_header(skb);
  skb_reset_mac_len(skb);
  return skb;
}

