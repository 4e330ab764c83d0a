// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/core/flow_dissector.c, for the one caller on kveth's path: AF_PACKET's packet_snd, which
 * calls skb_probe_transport_header() (include/linux/skbuff.h) from packet_parse_headers() to find
 * where L4 starts. That uses the "basic" dissector (keys CONTROL and BASIC only), no BPF flow
 * dissector (none is attached in any namespace) and flags 0.
 *
 * With only CONTROL and BASIC requested, the per-protocol helpers that fill other keys return
 * at their dissector_uses_key() test; they are reduced to that. What remains is the header walk
 * itself: every protocol case of the 6.12 switch that an Ethernet frame can select is ported
 * (IPv4, IPv6, 802.1Q/802.1ad, PPPoE session, TIPC, MPLS, FCoE, ARP/RARP, batman-adv, PTP, PRP/HSR,
 * CFM, and "anything else is bad"), with the IP-protocol cases (GRE, IPv6 extension headers and
 * fragments, IP-in-IP, IPv6-in-IP, MPLS-in-IP). Left out: the DSA tag step (only on DSA
 * conduit devices) and the BPF flow dissector (never attached).
 *
 * The VLAN helpers of include/linux/if_vlan.h that packet_parse_headers() uses are here too.
 */
import { kaddr_t, rd8, rd16, rd16be, rd32 } from '../../sim/mem';
import {
  sk_buff, skb_headlen, skb_network_offset, skb_vlan_tag_present, skb_transport_header_was_set, pskb_may_pull,
  eth_type_vlan,
} from '../../include/linux/skbuff';
import { __be16, htons } from '../../include/uapi/linux/types';
import {
  ETH_HLEN, ETH_P_8021AD, ETH_P_8021Q, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6,
} from '../../include/uapi/linux/if_ether';
import { __skb_header_pointer, skb_header_pointer, skb_set_transport_header } from '../../include/linux/skbuff';
import { SIZEOF_IPHDR, IP_OFFSET, iph_ihl, iph_protocol, iph_frag_off, ip_is_fragment } from '../../include/net/ip';
import { IPPROTO_IPIP, IPPROTO_GRE, IPPROTO_MPLS } from '../../include/uapi/linux/in';

/* include/uapi/linux/if_ether.h: the EtherTypes of the dissector's switch not in if_ether.ts */
const ETH_P_BATMAN = 0x4305;
const ETH_P_TEB = 0x6558;
const ETH_P_RARP = 0x8035;
const ETH_P_MPLS_UC = 0x8847;
const ETH_P_MPLS_MC = 0x8848;
const ETH_P_PPP_SES = 0x8864;
const ETH_P_TIPC = 0x88ca;
const ETH_P_1588 = 0x88f7;
const ETH_P_PRP = 0x88fb;
const ETH_P_CFM = 0x8902;
const ETH_P_FCOE = 0x8906;
const ETH_P_HSR = 0x892f;

/* IP protocol numbers and IPv6 next headers */
const IPPROTO_IPV6 = 41;
const NEXTHDR_HOP = 0;
const NEXTHDR_ROUTING = 43;
const NEXTHDR_FRAGMENT = 44;
const NEXTHDR_DEST = 60;
const IP6_OFFSET = 0xfff8;

/* include/net/flow_dissector.h */
export const FLOW_DIS_IS_FRAGMENT = 1 << 0;
export const FLOW_DIS_FIRST_FRAG = 1 << 1;
export const FLOW_DIS_ENCAPSULATION = 1 << 6;
export const FLOW_DISSECTOR_F_PARSE_1ST_FRAG = 1 << 0;
export const FLOW_DISSECTOR_F_STOP_AT_FLOW_LABEL = 1 << 1;
export const FLOW_DISSECTOR_F_STOP_AT_ENCAP = 1 << 2;
export const FLOW_DISSECTOR_F_STOP_BEFORE_ENCAP = 1 << 3;
/** net/core/flow_dissector.c:921 MAX_FLOW_DISSECT_HDRS */
const MAX_FLOW_DISSECT_HDRS = 15;
const U16_MAX = 0xffff;

/* enum flow_dissect_ret */
const enum fdr { OUT_GOOD, OUT_BAD, PROTO_AGAIN, IPPROTO_AGAIN, CONTINUE }

/* sizes of the headers the walk steps over */
const SIZEOF_IPV6HDR = 40;
const VLAN_HLEN = 4;
const SIZEOF_PPPOE_SES = 8; // struct pppoe_hdr (6) + the PPP protocol (2)
const PPPOE_SES_HLEN = 8;
const SIZEOF_TIPC_BASIC_HDR = 16;
const SIZEOF_MPLS_LABEL = 4;
const FCOE_HEADER_LEN = 38;
const SIZEOF_BATADV_HDR = 24; // struct batadv_unicast_packet (10) + struct ethhdr (14)
const BATADV_COMPAT_VERSION = 15;
const BATADV_UNICAST = 0x40;
const SIZEOF_PTP_HEADER = 34;
const HSR_HLEN = 6;
const SIZEOF_FRAG_HDR = 8;
/* PPP protocol numbers (include/uapi/linux/ppp_defs.h) */
const PPP_IP = 0x21;
const PPP_IPV6 = 0x57;
const PPP_MPLS_UC = 0x0281;
const PPP_MPLS_MC = 0x0283;
const PPP_HDRLEN = 4;
/* GRE (include/uapi/linux/if_tunnel.h), compared as host-order flag words */
const GRE_CSUM = 0x8000;
const GRE_ROUTING = 0x4000;
const GRE_KEY = 0x2000;
const GRE_SEQ = 0x1000;
const GRE_ACK = 0x0080;
const GRE_VERSION = 0x0007;
const GRE_PROTO_PPP = 0x880b;

/*
 * The EtherTypes the protocol switch compares skb->protocol with, in network order. The kernel's
 * case labels are htons() of constants, folded by the compiler; here they are byte-swapped once,
 * not on every frame packet_snd dissects.
 */
const be_ETH_P_IP = htons(ETH_P_IP);
const be_ETH_P_IPV6 = htons(ETH_P_IPV6);
const be_ETH_P_8021AD = htons(ETH_P_8021AD);
const be_ETH_P_8021Q = htons(ETH_P_8021Q);
const be_ETH_P_PPP_SES = htons(ETH_P_PPP_SES);
const be_ETH_P_TIPC = htons(ETH_P_TIPC);
const be_ETH_P_MPLS_UC = htons(ETH_P_MPLS_UC);
const be_ETH_P_MPLS_MC = htons(ETH_P_MPLS_MC);
const be_ETH_P_FCOE = htons(ETH_P_FCOE);
const be_ETH_P_ARP = htons(ETH_P_ARP);
const be_ETH_P_RARP = htons(ETH_P_RARP);
const be_ETH_P_BATMAN = htons(ETH_P_BATMAN);
const be_ETH_P_1588 = htons(ETH_P_1588);
const be_ETH_P_PRP = htons(ETH_P_PRP);
const be_ETH_P_HSR = htons(ETH_P_HSR);
const be_ETH_P_CFM = htons(ETH_P_CFM);

/** struct flow_keys_basic: the CONTROL and BASIC keys */
export interface flow_keys_basic {
  control: { thoff: number; addr_type: number; flags: number };
  basic: { n_proto: __be16; ip_proto: number };
}
function new_flow_keys_basic(): flow_keys_basic {
  return { control: { thoff: 0, addr_type: 0, flags: 0 }, basic: { n_proto: 0 as __be16, ip_proto: 0 } };
}
/** memset(flow, 0, sizeof(*flow)) */
function flow_keys_basic_zero(flow: flow_keys_basic): void {
  flow.control.thoff = 0;
  flow.control.addr_type = 0;
  flow.control.flags = 0;
  flow.basic.n_proto = 0 as __be16;
  flow.basic.ip_proto = 0;
}

/** net/core/flow_dissector.c:923 skb_flow_dissect_allowed */
function skb_flow_dissect_allowed(num_hdrs: { v: number }): boolean {
  ++num_hdrs.v;
  return num_hdrs.v <= MAX_FLOW_DISSECT_HDRS;
}
/** include/linux/ppp_defs.h:24 ppp_proto_is_valid */
function ppp_proto_is_valid(proto: number): boolean { return (proto & 0x0101) === 0x0001; }
/** net/core/flow_dissector.c:1035 is_pppoe_ses_hdr_valid (ver and type are the high and low nibble) */
function is_pppoe_ses_hdr_valid(hdr: kaddr_t): boolean {
  const b0 = rd8(hdr);
  return (b0 >> 4) === 1 && (b0 & 0xf) === 1 && rd8(hdr + 1) === 0;
}

/**
 * net/core/flow_dissector.c:653 __skb_flow_dissect_gre (the GRE_KEYID key is not requested).
 * Updates st.proto and st.nhoff like the kernel's p_proto/p_nhoff.
 */
function __skb_flow_dissect_gre(skb: sk_buff | null, key_control: flow_keys_basic['control'], data: kaddr_t,
  st: { proto: __be16; nhoff: number; hlen: number }, flags: number): fdr {
  let offset = 0;
  const hdr = __skb_header_pointer(skb, st.nhoff, 4, data, st.hlen);
  if (!hdr) return fdr.OUT_BAD;
  const gflags = rd16be(hdr);
  if (gflags & GRE_ROUTING) return fdr.OUT_GOOD; // only look inside GRE without routing
  const gre_ver = gflags & GRE_VERSION;
  if (gre_ver > 1) return fdr.OUT_GOOD;
  st.proto = rd16(hdr + 2) as __be16;
  if (gre_ver) {
    // version 1 must be PPTP with a key
    if (!(st.proto === htons(GRE_PROTO_PPP) && (gflags & GRE_KEY))) return fdr.OUT_GOOD;
  }
  offset += 4;
  if (gflags & GRE_CSUM) offset += 2 + 2;
  if (gflags & GRE_KEY) {
    const keyid = __skb_header_pointer(skb, st.nhoff + offset, 4, data, st.hlen);
    if (!keyid) return fdr.OUT_BAD;
    offset += 4;
  }
  if (gflags & GRE_SEQ) offset += 4;
  if (gre_ver === 0) {
    if (st.proto === htons(ETH_P_TEB)) {
      const eth = __skb_header_pointer(skb, st.nhoff + offset, ETH_HLEN, data, st.hlen);
      if (!eth) return fdr.OUT_BAD;
      st.proto = rd16(eth + 12) as __be16;
      offset += ETH_HLEN;
      // NET_IP_ALIGN is 0 on x86: hlen is not capped
    }
  } else {
    if (gflags & GRE_ACK) offset += 4;
    const ppp_hdr = __skb_header_pointer(skb, st.nhoff + offset, PPP_HDRLEN, data, st.hlen);
    if (!ppp_hdr) return fdr.OUT_BAD;
    switch ((rd8(ppp_hdr + 2) << 8) + rd8(ppp_hdr + 3)) { // PPP_PROTOCOL
      case PPP_IP: st.proto = htons(ETH_P_IP); break;
      case PPP_IPV6: st.proto = htons(ETH_P_IPV6); break;
      default: break;
    }
    offset += PPP_HDRLEN;
  }
  st.nhoff += offset;
  key_control.flags |= FLOW_DIS_ENCAPSULATION;
  if (flags & FLOW_DISSECTOR_F_STOP_AT_ENCAP) return fdr.OUT_GOOD;
  return fdr.PROTO_AGAIN;
}

/** net/core/flow_dissector.c:794 __skb_flow_dissect_batadv */
function __skb_flow_dissect_batadv(skb: sk_buff | null, key_control: flow_keys_basic['control'], data: kaddr_t,
  st: { proto: __be16; nhoff: number; hlen: number }, flags: number): fdr {
  const hdr = __skb_header_pointer(skb, st.nhoff, SIZEOF_BATADV_HDR, data, st.hlen);
  if (!hdr) return fdr.OUT_BAD;
  if (rd8(hdr + 1) !== BATADV_COMPAT_VERSION) return fdr.OUT_BAD;
  if (rd8(hdr) !== BATADV_UNICAST) return fdr.OUT_BAD;
  st.proto = rd16(hdr + 10 + 12) as __be16; // hdr->eth.h_proto
  st.nhoff += SIZEOF_BATADV_HDR;
  key_control.flags |= FLOW_DIS_ENCAPSULATION;
  if (flags & FLOW_DISSECTOR_F_STOP_AT_ENCAP) return fdr.OUT_GOOD;
  return fdr.PROTO_AGAIN;
}

/**
 * net/core/flow_dissector.c:1059 __skb_flow_dissect with the basic dissector. `data` NULL means:
 * take data, protocol, network offset and head length from the skb.
 */
export function __skb_flow_dissect(skb: sk_buff | null, target: flow_keys_basic, data: kaddr_t, proto: __be16,
  nhoff: number, hlen: number, flags: number): boolean {
  if (!data) {
    const s = skb!;
    data = s.data;
    proto = skb_vlan_tag_present(s) ? s.vlan_proto : s.protocol;
    nhoff = skb_network_offset(s);
    hlen = skb_headlen(s);
    // CONFIG_NET_DSA: only for DSA conduit devices carrying ETH_P_XDSA; a veth never is one
  }
  const key_control = target.control;
  const key_basic = target.basic;
  // net from skb->dev; no BPF flow dissector is attached to init_net or to the device's namespace.
  // FLOW_DISSECTOR_KEY_ETH_ADDRS and _NUM_OF_VLANS are not requested.
  const KEY_MAX = 0, KEY_VLAN = 1, KEY_CVLAN = 2;
  let dissector_vlan = KEY_MAX;
  const num_hdrs = { v: 0 };
  let ip_proto = 0;
  let fdret: fdr;
  const st = { proto, nhoff, hlen };
  let good: boolean;

  walk: for (;;) { // proto_again:
    fdret = fdr.CONTINUE;
    const p = st.proto;
    if (p === be_ETH_P_IP) {
      const iph = __skb_header_pointer(skb, st.nhoff, SIZEOF_IPHDR, data, st.hlen);
      if (!iph || iph_ihl(iph) < 5) {
        fdret = fdr.OUT_BAD;
      } else {
        st.nhoff += iph_ihl(iph) * 4;
        ip_proto = iph_protocol(iph);
        // IPV4_ADDRS and IP keys are not requested
        if (ip_is_fragment(iph)) {
          key_control.flags |= FLOW_DIS_IS_FRAGMENT;
          if (iph_frag_off(iph) & htons(IP_OFFSET)) {
            fdret = fdr.OUT_GOOD;
          } else {
            key_control.flags |= FLOW_DIS_FIRST_FRAG;
            if (!(flags & FLOW_DISSECTOR_F_PARSE_1ST_FRAG)) fdret = fdr.OUT_GOOD;
          }
        }
      }
    } else if (p === be_ETH_P_IPV6) {
      const iph = __skb_header_pointer(skb, st.nhoff, SIZEOF_IPV6HDR, data, st.hlen);
      if (!iph) {
        fdret = fdr.OUT_BAD;
      } else {
        ip_proto = rd8(iph + 6);
        st.nhoff += SIZEOF_IPV6HDR;
        // IPV6_ADDRS and FLOW_LABEL keys are not requested; STOP_AT_FLOW_LABEL is not set
        if (flags & FLOW_DISSECTOR_F_STOP_AT_FLOW_LABEL && (rd32(iph) & 0xffff0f00) !== 0) fdret = fdr.OUT_GOOD;
      }
    } else if (p === be_ETH_P_8021AD || p === be_ETH_P_8021Q) {
      vlan_case: {
        if (dissector_vlan === KEY_MAX && skb && skb_vlan_tag_present(skb)) {
          st.proto = skb.protocol;
        } else {
          const vlan = __skb_header_pointer(skb, st.nhoff, VLAN_HLEN, data, st.hlen);
          if (!vlan) { fdret = fdr.OUT_BAD; break vlan_case; }
          st.proto = rd16(vlan + 2) as __be16; // h_vlan_encapsulated_proto
          st.nhoff += VLAN_HLEN;
        }
        if (dissector_vlan === KEY_MAX) dissector_vlan = KEY_VLAN;
        else if (dissector_vlan === KEY_VLAN) dissector_vlan = KEY_CVLAN;
        else { fdret = fdr.PROTO_AGAIN; break vlan_case; }
        // the VLAN/CVLAN keys (vlan_id and priority, from the tag or skb->vlan_tci) are not requested
        fdret = fdr.PROTO_AGAIN;
      }
    } else if (p === be_ETH_P_PPP_SES) {
      const hdr = __skb_header_pointer(skb, st.nhoff, SIZEOF_PPPOE_SES, data, st.hlen);
      if (!hdr || !is_pppoe_ses_hdr_valid(hdr)) {
        fdret = fdr.OUT_BAD;
      } else {
        const ppp_proto = rd16be(hdr + 6);
        st.nhoff += PPPOE_SES_HLEN;
        if (ppp_proto === PPP_IP) { st.proto = htons(ETH_P_IP); fdret = fdr.PROTO_AGAIN; }
        else if (ppp_proto === PPP_IPV6) { st.proto = htons(ETH_P_IPV6); fdret = fdr.PROTO_AGAIN; }
        else if (ppp_proto === PPP_MPLS_UC) { st.proto = htons(ETH_P_MPLS_UC); fdret = fdr.PROTO_AGAIN; }
        else if (ppp_proto === PPP_MPLS_MC) { st.proto = htons(ETH_P_MPLS_MC); fdret = fdr.PROTO_AGAIN; }
        else if (ppp_proto_is_valid(ppp_proto)) fdret = fdr.OUT_GOOD;
        else fdret = fdr.OUT_BAD;
        // the PPPOE key is not requested
      }
    } else if (p === be_ETH_P_TIPC) {
      const hdr = __skb_header_pointer(skb, st.nhoff, SIZEOF_TIPC_BASIC_HDR, data, st.hlen);
      fdret = hdr ? fdr.OUT_GOOD : fdr.OUT_BAD; // the TIPC key is not requested
    } else if (p === be_ETH_P_MPLS_UC || p === be_ETH_P_MPLS_MC) {
      // __skb_flow_dissect_mpls: neither MPLS key is requested, so it answers OUT_GOOD at once
      // (the label stack depth, mpls_lse, only matters to it)
      fdret = fdr.OUT_GOOD;
      st.nhoff += SIZEOF_MPLS_LABEL;
    } else if (p === be_ETH_P_FCOE) {
      if (st.hlen - st.nhoff < FCOE_HEADER_LEN) {
        fdret = fdr.OUT_BAD;
      } else {
        st.nhoff += FCOE_HEADER_LEN;
        fdret = fdr.OUT_GOOD;
      }
    } else if (p === be_ETH_P_ARP || p === be_ETH_P_RARP) {
      // __skb_flow_dissect_arp: the ARP key is not requested, so OUT_GOOD without reading
      fdret = fdr.OUT_GOOD;
    } else if (p === be_ETH_P_BATMAN) {
      fdret = __skb_flow_dissect_batadv(skb, key_control, data, st, flags);
    } else if (p === be_ETH_P_1588) {
      const hdr = __skb_header_pointer(skb, st.nhoff, SIZEOF_PTP_HEADER, data, st.hlen);
      if (!hdr) {
        fdret = fdr.OUT_BAD;
      } else {
        st.nhoff += SIZEOF_PTP_HEADER;
        fdret = fdr.OUT_GOOD;
      }
    } else if (p === be_ETH_P_PRP || p === be_ETH_P_HSR) {
      const hdr = __skb_header_pointer(skb, st.nhoff, HSR_HLEN, data, st.hlen);
      if (!hdr) {
        fdret = fdr.OUT_BAD;
      } else {
        st.proto = rd16(hdr + 4) as __be16; // encap_proto
        st.nhoff += HSR_HLEN;
        fdret = fdr.PROTO_AGAIN;
      }
    } else if (p === be_ETH_P_CFM) {
      fdret = fdr.OUT_GOOD; // __skb_flow_dissect_cfm: the CFM key is not requested
    } else {
      fdret = fdr.OUT_BAD;
    }

    // Process result of proto processing
    switch (fdret) {
      case fdr.OUT_GOOD:
        good = true;
        break walk;
      case fdr.PROTO_AGAIN:
        if (skb_flow_dissect_allowed(num_hdrs)) continue walk;
        good = true;
        break walk;
      case fdr.CONTINUE:
      case fdr.IPPROTO_AGAIN:
        break;
      case fdr.OUT_BAD:
      default:
        good = false;
        break walk;
    }

    ipp: for (;;) { // ip_proto_again:
      fdret = fdr.CONTINUE;
      switch (ip_proto) {
        case IPPROTO_GRE:
          if (flags & FLOW_DISSECTOR_F_STOP_BEFORE_ENCAP) { fdret = fdr.OUT_GOOD; break; }
          fdret = __skb_flow_dissect_gre(skb, key_control, data, st, flags);
          break;
        case NEXTHDR_HOP:
        case NEXTHDR_ROUTING:
        case NEXTHDR_DEST: {
          if (st.proto !== htons(ETH_P_IPV6)) break;
          const opthdr = __skb_header_pointer(skb, st.nhoff, 2, data, st.hlen);
          if (!opthdr) { fdret = fdr.OUT_BAD; break; }
          ip_proto = rd8(opthdr);
          st.nhoff += (rd8(opthdr + 1) + 1) << 3;
          fdret = fdr.IPPROTO_AGAIN;
          break;
        }
        case NEXTHDR_FRAGMENT: {
          if (st.proto !== htons(ETH_P_IPV6)) break;
          const fh = __skb_header_pointer(skb, st.nhoff, SIZEOF_FRAG_HDR, data, st.hlen);
          if (!fh) { fdret = fdr.OUT_BAD; break; }
          key_control.flags |= FLOW_DIS_IS_FRAGMENT;
          st.nhoff += SIZEOF_FRAG_HDR;
          ip_proto = rd8(fh);
          if (!(rd16be(fh + 2) & IP6_OFFSET)) {
            key_control.flags |= FLOW_DIS_FIRST_FRAG;
            if (flags & FLOW_DISSECTOR_F_PARSE_1ST_FRAG) { fdret = fdr.IPPROTO_AGAIN; break; }
          }
          fdret = fdr.OUT_GOOD;
          break;
        }
        case IPPROTO_IPIP:
        case IPPROTO_IPV6: // the kernel writes these two cases out; they differ only in the inner protocol
          if (flags & FLOW_DISSECTOR_F_STOP_BEFORE_ENCAP) { fdret = fdr.OUT_GOOD; break; }
          st.proto = htons(ip_proto === IPPROTO_IPIP ? ETH_P_IP : ETH_P_IPV6);
          key_control.flags |= FLOW_DIS_ENCAPSULATION;
          if (flags & FLOW_DISSECTOR_F_STOP_AT_ENCAP) { fdret = fdr.OUT_GOOD; break; }
          fdret = fdr.PROTO_AGAIN;
          break;
        case IPPROTO_MPLS:
          st.proto = htons(ETH_P_MPLS_UC);
          fdret = fdr.PROTO_AGAIN;
          break;
        default:
          // TCP, ICMP/ICMPv6, L2TP, ESP, AH: their keys are not requested
          break;
      }
      // __skb_flow_dissect_ports: neither PORTS nor PORTS_RANGE is requested

      // Process result of IP proto processing
      switch (fdret) {
        case fdr.PROTO_AGAIN:
          if (skb_flow_dissect_allowed(num_hdrs)) continue walk;
          break;
        case fdr.IPPROTO_AGAIN:
          if (skb_flow_dissect_allowed(num_hdrs)) continue ipp;
          break;
        case fdr.OUT_GOOD:
        case fdr.CONTINUE:
          break;
        case fdr.OUT_BAD:
        default:
          good = false;
          break walk;
      }
      break;
    }
    good = true; // out_good
    break;
  }

  // out:
  let ret = good;
  let thoff = Math.min(st.nhoff, skb ? skb.len : st.hlen);
  if (thoff > U16_MAX) {
    thoff = U16_MAX;
    ret = false;
  }
  key_control.thoff = thoff;
  key_basic.n_proto = st.proto;
  key_basic.ip_proto = ip_proto;
  return ret;
}

/** include/linux/skbuff.h:1596 skb_flow_dissect_flow_keys_basic */
export function skb_flow_dissect_flow_keys_basic(skb: sk_buff | null, flow: flow_keys_basic, data: kaddr_t,
  proto: __be16, nhoff: number, hlen: number, flags: number): boolean {
  flow_keys_basic_zero(flow);
  return __skb_flow_dissect(skb, flow, data, proto, nhoff, hlen, flags);
}

/** skb_probe_transport_header's on-stack keys: one instance, since the dissector never re-enters it */
const probe_keys = new_flow_keys_basic();
/** include/linux/skbuff.h:3129 skb_probe_transport_header */
export function skb_probe_transport_header(skb: sk_buff): void {
  const keys = probe_keys;
  if (skb_transport_header_was_set(skb)) return;
  if (skb_flow_dissect_flow_keys_basic(skb, keys, 0, 0 as __be16, 0, 0, 0)) skb_set_transport_header(skb, keys.control.thoff);
}

/* ---- include/linux/if_vlan.h ---------------------------------------------------------- */
const VLAN_MAX_DEPTH = 8;
/**
 * include/linux/if_vlan.h:602 __vlan_get_protocol_offset: walk the in-band tags from mac_len
 * (or ETH_HLEN when mac_len is 0, as on transmit) and return the first non-VLAN type, or 0 when
 * a tag does not fit or the stack is deeper than VLAN_MAX_DEPTH. The depth reached is returned
 * beside it.
 */
export function __vlan_get_protocol_offset(skb: sk_buff, type: __be16, mac_offset: number): [__be16, number] {
  let vlan_depth = skb.mac_len;
  let parse_depth = VLAN_MAX_DEPTH;
  if (eth_type_vlan(type)) {
    if (vlan_depth) {
      if (vlan_depth < VLAN_HLEN) { console.error('WARNING: __vlan_get_protocol_offset: mac_len < VLAN_HLEN'); return [0 as __be16, 0]; }
      vlan_depth -= VLAN_HLEN;
    } else {
      vlan_depth = ETH_HLEN;
    }
    do {
      const vh = skb_header_pointer(skb, mac_offset + vlan_depth, VLAN_HLEN);
      if (!vh || !--parse_depth) return [0 as __be16, 0];
      type = rd16(vh + 2) as __be16;
      vlan_depth += VLAN_HLEN;
    } while (eth_type_vlan(type));
  }
  return [type, vlan_depth];
}
/** include/linux/if_vlan.h:640 __vlan_get_protocol */
export function __vlan_get_protocol(skb: sk_buff, type: __be16): [__be16, number] {
  return __vlan_get_protocol_offset(skb, type, 0);
}
/**
 * include/linux/if_vlan.h:659 vlan_get_protocol_and_depth: as __vlan_get_protocol, and the whole
 * tag stack must be in the linear head. Returns [type, depth]; depth is only meaningful when
 * type is non-zero (the kernel leaves *depth untouched otherwise; kveth returns 0 there).
 */
export function vlan_get_protocol_and_depth(skb: sk_buff, type: __be16): [__be16, number] {
  let [t, maclen] = __vlan_get_protocol(skb, type);
  let depth = 0;
  if (t) {
    if (!pskb_may_pull(skb, maclen)) t = 0 as __be16;
    else depth = maclen;
  }
  return [t, depth];
}

