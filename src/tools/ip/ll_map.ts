// SPDX-License-Identifier: GPL-2.0-only
/*
 * iproute2's lib/ll_map.c: the ifindex <-> name cache. A miss asks the kernel with a single
 * RTM_GETLINK on a socket of its own (ll_link_get), which is the "second socket" traffic in
 * the captured requests.
 */
import type { ip_ctx } from './ctx';
import {
  IFINFOMSG_LEN, NLMSG_HDRLEN, RTM_DELLINK, RTM_GETLINK, RTM_NEWLINK, NLM_F_REQUEST, addattr32, addattr_l, cstr,
  iplink_req, parse_rtattr_flags, rta_getattr_str, rtnl_close, rtnl_open, rtnl_talk, nlmsg_at, type nlmsghdr,
} from './libnetlink';
import { check_ifname } from './utils';
import { IFLA_ALT_IFNAME, IFLA_EXT_MASK, IFLA_IFNAME, IFLA_MAX, RTEXT_FILTER_SKIP_STATS, RTEXT_FILTER_VF } from './uapi';

/** ll_remember_index: note a RTM_NEWLINK/DELLINK in the cache */
export function ll_remember_index(ctx: ip_ctx, h: nlmsghdr): number {
  if (h.type !== RTM_NEWLINK && h.type !== RTM_DELLINK) return 0;
  if (h.len < NLMSG_HDRLEN + IFINFOMSG_LEN) return -1;
  const dv = new DataView(h.buf.buffer, h.buf.byteOffset, h.buf.byteLength);
  const index = dv.getInt32(h.off + 20, true);
  const type = dv.getUint16(h.off + 18, true);
  const flags = dv.getUint32(h.off + 24, true);
  if (h.type === RTM_DELLINK) {
    ctx.ll_by_index.delete(index);
    return 0;
  }
  const tb = parse_rtattr_flags(IFLA_MAX, h.buf, h.off + NLMSG_HDRLEN + IFINFOMSG_LEN, h.len - NLMSG_HDRLEN - IFINFOMSG_LEN, 0, ctx.err);
  const a = tb[IFLA_IFNAME];
  if (!a) return 0;
  ctx.ll_by_index.set(index, { index, name: rta_getattr_str(a), flags, type });
  return 0;
}

/** ll_link_get: one RTM_GETLINK by name or index on a fresh socket; the index found, or 0 */
function ll_link_get(ctx: ip_ctx, name: string | null, index: number): number {
  const req = iplink_req(ctx, RTM_GETLINK, NLM_F_REQUEST, 0);
  req.dv.setInt32(20, index, true);
  const rth = rtnl_open(ctx);
  if (!rth) return 0;
  try {
    addattr32(req, req.maxlen, IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
    if (name !== null) addattr_l(req, req.maxlen, check_ifname(name) === 0 ? IFLA_IFNAME : IFLA_ALT_IFNAME, cstr(name));
    const r = rtnl_talk(ctx, rth, req, true, false);
    if (r.ret < 0 || !r.answer) return 0;
    const h = nlmsg_at(r.answer, 0);
    if (h.type !== RTM_NEWLINK) return 0;
    ll_remember_index(ctx, h);
    return h.len >= NLMSG_HDRLEN + IFINFOMSG_LEN ? new DataView(r.answer.buffer).getInt32(20, true) : 0;
  } finally {
    rtnl_close(ctx, rth);
  }
}

/** ll_idx_a2n: the "ifNN" spelling of an index */
function ll_idx_a2n(name: string): number {
  const m = /^if(\d+)/.exec(name);
  return m ? Number(BigInt.asUintN(32, BigInt(m[1]!))) : 0;
}
export function ll_idx_n2a(idx: number): string { return `if${idx >>> 0}`; }

/** ll_name_to_index */
export function ll_name_to_index(ctx: ip_ctx, name: string | null): number {
  if (name === null) return 0;
  for (const c of ctx.ll_by_index.values()) if (c.name === name) return c.index;
  let idx = ll_link_get(ctx, name, 0);
  /* if_nametoindex() would ask the same kernel by ioctl; the netlink lookup already did */
  if (idx === 0) idx = ll_idx_a2n(name);
  return idx;
}

/** ll_index_to_name */
export function ll_index_to_name(ctx: ip_ctx, idx: number): string {
  if (idx === 0) return '*';
  const c = ctx.ll_by_index.get(idx);
  if (c) return c.name;
  if (ll_link_get(ctx, null, idx) === idx) {
    const c2 = ctx.ll_by_index.get(idx);
    if (c2) return c2.name;
  }
  return ll_idx_n2a(idx);
}

/** ll_index_to_flags: -1 when unknown */
export function ll_index_to_flags(ctx: ip_ctx, idx: number): number {
  const c = ctx.ll_by_index.get(idx);
  return c ? c.flags : -1;
}

export function ll_drop_by_index(ctx: ip_ctx, idx: number): void { ctx.ll_by_index.delete(idx); }
