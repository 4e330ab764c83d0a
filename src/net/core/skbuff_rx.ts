// SPDX-License-Identifier: GPL-2.0-only
/*
 * sk_buff helpers the protocol handlers and the flow dissector need and that
 * src/include/linux/skbuff.ts and src/net/core/skbuff.ts do not have yet: header pointers, the
 * cloned/cow/trim/orphan inlines of include/linux/skbuff.h, and pskb_expand_head from
 * net/core/skbuff.c. They are kept in this file so as not to edit those two; they can move there
 * unchanged.
 *
 * kveth skbs are always linear (data_len == 0), so the paged branches (___pskb_trim,
 * skb_copy_bits over frags, frag refcounting in pskb_expand_head) cannot be reached; each says so
 * where it would be.
 */
import { NULL, kaddr_t, memcpy, rd8, wr8, rd16, wr16 } from '../../sim/mem';
import { struct_ } from '../../sim/layout';
import { GFP_ATOMIC, kfree, kmalloc, kmalloc_size_roundup, kmem_cache_alloc, kmem_cache_free } from '../../mm/slub';
import { rdfn, wrfn } from '../../sim/kallsyms';
import {
  sk_buff, skb_shinfo, skb_headlen, skb_headroom, skb_tail_pointer, skb_is_nonlinear, skb_shared, skb_checksum_start_offset,
  skb_reset_network_header, skb_reset_transport_header, CHECKSUM_COMPLETE, CHECKSUM_PARTIAL,
  NET_SKB_PAD,
} from '../../include/linux/skbuff';
import {
  SKB_HEAD_ALIGN, SKB_WITH_OVERHEAD, SKB_SMALL_HEAD_CACHE_SIZE, SKB_SMALL_HEAD_HEADROOM, skb_small_head_cache,
} from './skbuff';
import { EINVAL, ENOMEM } from '../../include/uapi/linux/errno';

const S = struct_('sk_buff');
const SH = struct_('skb_shared_info');
const OFF_shinfo_frags = SH.off('frags');
const OFF_hdr_len = S.off('hdr_len');
const OFF_csum_offset = S.off('csum_offset');
const OFF_inner = [S.off('inner_transport_header'), S.off('inner_network_header'), S.off('inner_mac_header')];
const BIT_nohdr = S.bits('nohdr');
const BIT_head_frag = S.bits('head_frag');
function clear_bit_field(a: kaddr_t, f: [number, number, number]): void { wr8(a + f[0], rd8(a + f[0]) & ~f[2]); }

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
    const offset = skb_checksum_start_offset(skb) + rd16(skb.addr + OFF_csum_offset);
    if (offset + 2 > hdlen) return -EINVAL;
  }
  return __pskb_trim(skb, len);
}
/** include/linux/skbuff.h:4046 pskb_trim_rcsum */
export function pskb_trim_rcsum(skb: sk_buff, len: number): number {
  if (len >= skb.len) return 0;
  return pskb_trim_rcsum_slow(skb, len);
}

/** include/net/sock.h:2825 skb_sk_is_prefetched: destructor == sock_pfree (no socket lookups prefetch here) */
export function skb_sk_is_prefetched(skb: sk_buff): boolean { void skb; return false; }
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

/** net/core/skbuff.c:580 kmalloc_reserve, as net/core/skbuff.ts has it: [head, size obtained] */
function kmalloc_reserve(size: number, flags: number): [kaddr_t, number] {
  let obj_size = SKB_HEAD_ALIGN(size);
  if (obj_size <= SKB_SMALL_HEAD_CACHE_SIZE) {
    return [kmem_cache_alloc(skb_small_head_cache, flags), SKB_SMALL_HEAD_CACHE_SIZE];
  }
  obj_size = kmalloc_size_roundup(obj_size);
  return [kmalloc(obj_size, flags), obj_size];
}
/** net/core/skbuff.c:1084 skb_free_head, as net/core/skbuff.ts has it */
function skb_free_head(skb: sk_buff): void {
  if (skb.end === SKB_SMALL_HEAD_HEADROOM) kmem_cache_free(skb_small_head_cache, skb.head);
  else kfree(skb.head);
}

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
    // skb_release_data(skb, SKB_CONSUMED): drop this skb's share of the old head.
    const d = old_shinfo.dataref - 1;
    old_shinfo.dataref = d;
    if (d === 0) skb_free_head(skb);
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
  // CHECKSUM_PARTIAL keeps csum_start relative to head; kveth's receive skbs are CHECKSUM_NONE.
  if (skb.ip_summed === CHECKSUM_PARTIAL) throw new Error('kveth: csum_start update in pskb_expand_head is not modelled');
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

