// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/802/stp.c: the SAP 0x42 (Bridge Spanning Tree) demultiplexer. stp_pdu_rcv is the SAP's
 * receive function; it hands BPDUs to the STP protocol registered for the group address: the
 * bridge (br_stp_proto, group address zero) for 01:80:c2:00:00:00-style BPDUs, a GARP
 * application for 01:80:c2:00:00:2X. kveth, like the live kernel, has the bridge registered and
 * no GARP application (no 802.1Q GVRP/MVRP).
 */
import { rd8 } from '../../sim/mem';
import { sk_buff, skb_mac_header, skb_network_header } from '../../include/linux/skbuff';
import type { net_device } from '../../include/linux/netdevice';
import { is_zero_ether_addr, ether_addr_equal } from '../../include/linux/etherdevice';
import type { packet_type } from '../core/dev';
import { kfree_skb } from '../core/skbuff';
import { llc_sap, llc_sap_open, LLC_PDU_TYPE_U } from '../llc/llc_input';
import { ENOMEM } from '../../include/uapi/linux/errno';

/* include/uapi/linux/llc.h */
export const LLC_SAP_BSPAN = 0x42;
/* 01:80:c2:00:00:20 - 01:80:c2:00:00:2F */
const GARP_ADDR_MIN = 0x20;
const GARP_ADDR_MAX = 0x2f;
const GARP_ADDR_RANGE = GARP_ADDR_MAX - GARP_ADDR_MIN;

/** include/net/stp.h: struct stp_proto */
export interface stp_proto {
  group_address: Uint8Array;
  rcv: (proto: stp_proto, skb: sk_buff, dev: net_device) => void;
}

const garp_protos: (stp_proto | null)[] = new Array(GARP_ADDR_RANGE + 1).fill(null);
let stp_proto_v: stp_proto | null = null;
let sap: llc_sap | null = null;
let sap_registered = 0;

/** net/802/stp.c:30 stp_pdu_rcv */
export function stp_pdu_rcv(skb: sk_buff, dev: net_device, _pt: packet_type, _orig_dev: net_device): number {
  const eh = skb_mac_header(skb); // eth_hdr(skb); h_dest is at offset 0
  const pdu = skb_network_header(skb); // llc_pdu_un_hdr
  let proto: stp_proto | null;
  err: {
    if (rd8(pdu + 1) !== LLC_SAP_BSPAN || rd8(pdu) !== LLC_SAP_BSPAN || rd8(pdu + 2) !== LLC_PDU_TYPE_U) break err;
    const d5 = rd8(eh + 5);
    if (d5 >= GARP_ADDR_MIN && d5 <= GARP_ADDR_MAX) {
      proto = garp_protos[d5 - GARP_ADDR_MIN]!;
      if (proto && !ether_addr_equal(eh, proto.group_address)) break err;
    } else {
      proto = stp_proto_v;
    }
    if (!proto) break err;
    proto.rcv(proto, skb, dev);
    return 0;
  }
  kfree_skb(skb, 'stp_pdu_rcv');
  return 0;
}

/** net/802/stp.c:62 stp_proto_register */
export function stp_proto_register(proto: stp_proto): number {
  if (sap_registered++ === 0) {
    sap = llc_sap_open(LLC_SAP_BSPAN, stp_pdu_rcv);
    if (!sap) return -ENOMEM;
  }
  if (is_zero_ether_addr(proto.group_address)) stp_proto_v = proto;
  else garp_protos[proto.group_address[5]! - GARP_ADDR_MIN] = proto;
  return 0;
}
