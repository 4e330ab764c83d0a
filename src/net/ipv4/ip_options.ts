// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/ipv4/ip_options.c: parsing the options of a received IPv4 header into IPCB(skb)->opt.
 *
 * Only the receive case (skb != NULL) is ported; the socket-option case (skb == NULL, a copy in
 * opt->__data) has no caller in kveth. The lookups the parser makes are answered by the empty
 * FIB: fib_compute_spec_dst() gives 0, and inet_addr_type() finds no local table, so it says
 * RTN_BROADCAST for any ordinary address (a prespecified timestamp is filled in). CIPSO
 * validation always fails, since no CIPSO DOI is configured.
 */
import { kaddr_t, rd8, wr8, rd32, wr32 } from '../../sim/mem';
import type { sk_buff } from '../../include/linux/skbuff';
import type { net } from '../../include/net/net_namespace';
import { __be32, htonl } from '../../include/uapi/linux/types';
import { EINVAL } from '../../include/uapi/linux/errno';
import { ktime_get_ns } from '../../sim/clock';
import {
  ip_hdr, ip_options, SIZEOF_IPHDR, IPOPT_BIT_is_changed, IPOPT_BIT_is_strictroute, IPOPT_BIT_rr_needaddr,
  IPOPT_BIT_ts_needaddr, IPOPT_BIT_ts_needtime,
} from '../../include/net/ip';
import { skb_rtable, fib_compute_spec_dst, inet_addr_type, RTN_UNICAST } from './route';
import { icmp_send, ICMP_PARAMETERPROB } from './icmp';
import {
  IPOPT_END, IPOPT_NOOP, IPOPT_SEC, IPOPT_LSRR, IPOPT_TIMESTAMP, IPOPT_CIPSO, IPOPT_RR, IPOPT_SID, IPOPT_SSRR, IPOPT_RA,
  IPOPT_TS_TSONLY, IPOPT_TS_TSANDADDR, IPOPT_TS_PRESPEC,
} from '../../include/uapi/linux/ip';

/** net/ipv4/af_inet.c:1572 inet_current_timestamp: ms since midnight (kveth's virtual clock) */
function inet_current_timestamp(): __be32 {
  const ns = ktime_get_ns();
  const secs = Math.floor(ns / 1e9) % 86400;
  const msecs = secs * 1000 + Math.floor((ns % 1e9) / 1e6);
  return htonl(msecs >>> 0);
}

/** net/ipv4/ip_options.c:229 spec_dst_fill */
function spec_dst_fill(spec_dst: { v: __be32 }, skb: sk_buff): void {
  if (spec_dst.v === 0) spec_dst.v = fib_compute_spec_dst(skb);
}

/**
 * net/ipv4/cipso_ipv4.c:1546 cipso_v4_validate: the option must be at least 8 bytes and name a
 * configured DOI; no DOI is ever configured in kveth, so it fails at offset 1 or 2.
 */
function cipso_v4_validate(_skb: sk_buff, option: { p: kaddr_t }): number {
  const opt = option.p;
  const opt_len = rd8(opt + 1);
  let err_offset: number;
  if (opt_len < 8) err_offset = 1;
  else err_offset = 2; // cipso_v4_doi_search() finds nothing
  option.p = opt + err_offset;
  return -EINVAL;
}

/**
 * net/ipv4/ip_options.c:241 __ip_options_compile (receive side). Returns 0, or -EINVAL with
 * info.v set to the ICMP parameter-problem pointer.
 */
export function __ip_options_compile(n: net, opt: ip_options, skb: sk_buff, info: { v: number } | null): number {
  const spec_dst = { v: 0 as __be32 };
  let pp_ptr = 0;
  const rt = skb_rtable(skb);
  let optptr = ip_hdr(skb) + SIZEOF_IPHDR;
  const iph = optptr - SIZEOF_IPHDR;
  const o = (i: number): number => rd8(optptr + i);
  const so = (i: number, v: number): void => wr8(optptr + i, v);

  scan: {
    for (let l = opt.optlen; l > 0;) {
      switch (o(0)) {
        case IPOPT_END:
          for (optptr++, l--; l > 0; optptr++, l--) {
            if (o(0) !== IPOPT_END) {
              so(0, IPOPT_END);
              opt.set_bit(IPOPT_BIT_is_changed);
            }
          }
          break scan; // eol
        case IPOPT_NOOP:
          l--;
          optptr++;
          continue;
      }
      if (l < 2) { pp_ptr = optptr; break scan; }
      const optlen = o(1);
      if (optlen < 2 || optlen > l) { pp_ptr = optptr; break scan; }
      switch (o(0)) {
        case IPOPT_SSRR:
        case IPOPT_LSRR:
          if (optlen < 3) { pp_ptr = optptr + 1; break scan; }
          if (o(2) < 4) { pp_ptr = optptr + 2; break scan; }
          if (opt.srr) { pp_ptr = optptr; break scan; }
          // the !skb branch (copy faddr out of a socket option) has no caller here
          if (o(0) === IPOPT_SSRR) opt.set_bit(IPOPT_BIT_is_strictroute);
          opt.srr = optptr - iph;
          break;
        case IPOPT_RR:
          if (opt.rr) { pp_ptr = optptr; break scan; }
          if (optlen < 3) { pp_ptr = optptr + 1; break scan; }
          if (o(2) < 4) { pp_ptr = optptr + 2; break scan; }
          if (o(2) <= optlen) {
            if (o(2) + 3 > optlen) { pp_ptr = optptr + 2; break scan; }
            if (rt) {
              spec_dst_fill(spec_dst, skb);
              wr32(optptr + o(2) - 1, spec_dst.v);
              opt.set_bit(IPOPT_BIT_is_changed);
            }
            so(2, o(2) + 4);
            opt.set_bit(IPOPT_BIT_rr_needaddr);
          }
          opt.rr = optptr - iph;
          break;
        case IPOPT_TIMESTAMP:
          if (opt.ts) { pp_ptr = optptr; break scan; }
          if (optlen < 4) { pp_ptr = optptr + 1; break scan; }
          if (o(2) < 5) { pp_ptr = optptr + 2; break scan; }
          if (o(2) <= optlen) {
            let timeptr = 0;
            if (o(2) + 3 > optlen) { pp_ptr = optptr + 2; break scan; }
            switch (o(3) & 0xf) {
              case IPOPT_TS_TSONLY:
                timeptr = optptr + o(2) - 1; // skb is set
                opt.set_bit(IPOPT_BIT_ts_needtime);
                so(2, o(2) + 4);
                break;
              case IPOPT_TS_TSANDADDR:
                if (o(2) + 7 > optlen) { pp_ptr = optptr + 2; break scan; }
                if (rt) {
                  spec_dst_fill(spec_dst, skb);
                  wr32(optptr + o(2) - 1, spec_dst.v);
                  timeptr = optptr + o(2) + 3;
                }
                opt.set_bit(IPOPT_BIT_ts_needaddr);
                opt.set_bit(IPOPT_BIT_ts_needtime);
                so(2, o(2) + 8);
                break;
              case IPOPT_TS_PRESPEC: {
                if (o(2) + 7 > optlen) { pp_ptr = optptr + 2; break scan; }
                const addr = rd32(optptr + o(2) - 1) as __be32;
                if (inet_addr_type(n, addr) === RTN_UNICAST) break;
                timeptr = optptr + o(2) + 3; // skb is set
                opt.set_bit(IPOPT_BIT_ts_needtime);
                so(2, o(2) + 8);
                break;
              }
              default:
                // !skb && !ns_capable(CAP_NET_RAW) only applies to socket options
                break;
            }
            if (timeptr) {
              wr32(timeptr, inet_current_timestamp());
              opt.set_bit(IPOPT_BIT_is_changed);
            }
          } else if ((o(3) & 0xf) !== IPOPT_TS_PRESPEC) {
            const overflow = o(3) >> 4;
            if (overflow === 15) { pp_ptr = optptr + 3; break scan; }
            so(3, (o(3) & 0xf) | ((overflow + 1) << 4));
            opt.set_bit(IPOPT_BIT_is_changed);
          }
          opt.ts = optptr - iph;
          break;
        case IPOPT_RA:
          if (optlen < 4) { pp_ptr = optptr + 1; break scan; }
          if (o(2) === 0 && o(3) === 0) opt.router_alert = optptr - iph;
          break;
        case IPOPT_CIPSO: {
          if (opt.cipso) { pp_ptr = optptr; break scan; }
          opt.cipso = optptr - iph;
          const p = { p: optptr };
          if (cipso_v4_validate(skb, p)) { pp_ptr = p.p; break scan; }
          break;
        }
        case IPOPT_SEC:
        case IPOPT_SID:
        default:
          // unknown options are accepted on receive (the capability check is for socket options)
          break;
      }
      l -= optlen;
      optptr += optlen;
    }
  }
  if (!pp_ptr) return 0;
  if (info) info.v = htonl(((pp_ptr - iph) << 24) >>> 0);
  return -EINVAL;
}

/** net/ipv4/ip_options.c:465 ip_options_compile */
export function ip_options_compile(n: net, opt: ip_options, skb: sk_buff): number {
  const info = { v: 0 };
  const ret = __ip_options_compile(n, opt, skb, info);
  if (ret !== 0) icmp_send(skb, ICMP_PARAMETERPROB, 0, info.v);
  return ret;
}
