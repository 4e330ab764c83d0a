// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/llc/llc_input.c and the SAP table of net/llc/llc_core.c: the 802.2 LLC receive entry point
 * (llc_rcv, the ETH_P_802_2 packet_type handler) and its demultiplexing by destination SAP.
 *
 * The configuration follows the live kernel (CONFIG_LLC=y, CONFIG_STP=y, CONFIG_BRIDGE=y, no
 * LLC2, no IPX/AppleTalk): SAPs 0x42 (STP, opened by the bridge through stp_proto_register) and
 * 0xAA (SNAP, opened by snap_init) exist; there is no station handler and there are no
 * LLC_DEST_SAP/LLC_DEST_CONN type handlers, because those come from the llc2 module. So a frame
 * for a known SAP goes to the SAP's rcv_func, and everything else is freed in llc_rcv.
 *
 * struct llc_sap is not in the layout profile; a SAP is a JS object.
 */
import { kaddr_t, rd8 } from '../../sim/mem';
import {
  sk_buff, pskb_may_pull, skb_reset_transport_header, skb_mac_header, pskb_trim_rcsum, skb_network_header,
} from '../../include/linux/skbuff';
import { eth_h_proto } from '../../include/linux/etherdevice';
import type { net_device } from '../../include/linux/netdevice';
import type { packet_type } from '../core/dev';
import { kfree_skb, skb_clone, skb_pull, skb_share_check } from '../core/skbuff';
import { GFP_ATOMIC } from '../../mm/slub';
import { PACKET_OTHERHOST } from '../../include/uapi/linux/if_packet';
import { ETH_HLEN, ETH_P_802_2 } from '../../include/uapi/linux/if_ether';
import { htons, ntohs } from '../../include/uapi/linux/types';

/* include/net/llc_pdu.h */
const LLC_PDU_TYPE_MASK = 0x03;
export const LLC_PDU_TYPE_U = 3;
const LLC_U_PDU_CMD_MASK = 0xec;
const LLC_1_PDU_CMD_UI = 0x00;
const LLC_1_PDU_CMD_XID = 0xac;
const LLC_1_PDU_CMD_TEST = 0xe0;
const LLC_2_PDU_CMD_SABME = 0x6c;
const LLC_2_PDU_CMD_DISC = 0x40;
const LLC_2_PDU_RSP_UA = 0x60;
const LLC_2_PDU_RSP_DM = 0x0c;
const LLC_2_PDU_RSP_FRMR = 0x84;
/* include/net/llc.h */
export const LLC_DEST_INVALID = 0;
export const LLC_DEST_SAP = 1;
export const LLC_DEST_CONN = 2;
/** sizeof(struct llc_pdu_un): dsap, ssap, ctrl_1 */
export const SIZEOF_LLC_PDU_UN = 3;

export type llc_rcv_func = (skb: sk_buff, dev: net_device, pt: packet_type, orig_dev: net_device) => number;
/** struct llc_sap (the fields llc_rcv uses) */
export interface llc_sap { lsap: number; rcv_func: llc_rcv_func | null; refcnt: number }

// net/llc/llc_core.c:25 llc_sap_list
const llc_sap_list: llc_sap[] = [];
// net/llc/llc_input.c:34 llc_station_handler: set only by llc2 (llc_station_init), never loaded here
const llc_station_handler: ((skb: sk_buff) => void) | null = null;
// net/llc/llc_input.c:39 llc_type_handlers: set only by llc2 (llc_add_pack), never loaded here
const llc_type_handlers: (((sap: llc_sap, skb: sk_buff) => void) | null)[] = [null, null];

/** net/llc/llc_core.c:49 __llc_sap_find */
function __llc_sap_find(sap_value: number): llc_sap | null {
  for (const sap of llc_sap_list) if (sap.lsap === sap_value) return sap;
  return null;
}
/** net/llc/llc_core.c:70 llc_sap_find: takes a reference */
export function llc_sap_find(sap_value: number): llc_sap | null {
  const sap = __llc_sap_find(sap_value);
  if (!sap || sap.refcnt === 0) return null; // llc_sap_hold_safe
  sap.refcnt++;
  return sap;
}
/** include/net/llc.h:129 llc_sap_put */
export function llc_sap_put(sap: llc_sap): void {
  if (--sap.refcnt === 0) llc_sap_close(sap);
}
/** net/llc/llc_core.c:122 llc_sap_close */
function llc_sap_close(sap: llc_sap): void {
  const i = llc_sap_list.indexOf(sap);
  if (i >= 0) llc_sap_list.splice(i, 1);
}
/** net/llc/llc_core.c:91 llc_sap_open */
export function llc_sap_open(lsap: number, func: llc_rcv_func): llc_sap | null {
  if (__llc_sap_find(lsap)) return null; // SAP already exists
  const sap: llc_sap = { lsap, rcv_func: func, refcnt: 1 }; // llc_sap_alloc
  llc_sap_list.push(sap);
  return sap;
}

/** net/llc/llc_input.c:75 llc_pdu_type: which LLC component handles the PDU */
function llc_pdu_type(skb: sk_buff): number {
  let type = LLC_DEST_CONN; // I-PDU or S-PDU
  const pdu = skb_network_header(skb); // llc_pdu_sn_hdr
  const ctrl_1 = rd8(pdu + 2);
  if ((ctrl_1 & LLC_PDU_TYPE_MASK) !== LLC_PDU_TYPE_U) return type;
  switch (ctrl_1 & LLC_U_PDU_CMD_MASK) {
    case LLC_1_PDU_CMD_XID:
    case LLC_1_PDU_CMD_UI:
    case LLC_1_PDU_CMD_TEST:
      type = LLC_DEST_SAP;
      break;
    case LLC_2_PDU_CMD_SABME:
    case LLC_2_PDU_CMD_DISC:
    case LLC_2_PDU_RSP_UA:
    case LLC_2_PDU_RSP_DM:
    case LLC_2_PDU_RSP_FRMR:
      break;
    default:
      type = LLC_DEST_INVALID;
      break;
  }
  return type;
}

/**
 * net/llc/llc_input.c:111 llc_fixup_skb: pull the LLC header (3 bytes for U frames, 4 otherwise)
 * and, for 802.3 frames, trim to the length the Ethernet header announces. Returns 0 on a bad
 * frame.
 */
function llc_fixup_skb(skb: sk_buff): number {
  let llc_len = 2;
  if (!pskb_may_pull(skb, SIZEOF_LLC_PDU_UN)) return 0;
  const pdu: kaddr_t = skb.data;
  if ((rd8(pdu + 2) & LLC_PDU_TYPE_MASK) === LLC_PDU_TYPE_U) llc_len = 1;
  llc_len += 2;
  if (!pskb_may_pull(skb, llc_len)) return 0;
  skb_pull(skb, llc_len);
  skb_reset_transport_header(skb);
  if (skb.protocol === htons(ETH_P_802_2)) {
    if (skb.mac_len < ETH_HLEN) return 0;
    const pdulen = eth_h_proto(skb_mac_header(skb)); // eth_hdr(skb)->h_proto
    const data_size = ntohs(pdulen) - llc_len;
    if (data_size < 0 || !pskb_may_pull(skb, data_size)) return 0;
    if (pskb_trim_rcsum(skb, data_size)) return 0;
  }
  return 1;
}

/**
 * net/llc/llc_input.c:161 llc_rcv: the ETH_P_802_2 packet_type handler. Every exit returns 0,
 * as in the kernel (the return value of a packet_type handler is only a statistic).
 */
export function llc_rcv(skb0: sk_buff, dev: net_device, pt: packet_type, orig_dev: net_device): number {
  let skb: sk_buff | null = skb0;
  drop: {
    if (skb.pkt_type === PACKET_OTHERHOST) break drop; // promiscuous-mode debris
    skb = skb_share_check(skb, GFP_ATOMIC, 'llc_rcv');
    if (!skb) return 0;
    if (!llc_fixup_skb(skb)) break drop;
    const pdu = skb_network_header(skb); // llc_pdu_sn_hdr
    const dsap = rd8(pdu);
    if (!dsap) {
      // handle_station: the NULL DSAP is the station's
      const sta_handler = llc_station_handler;
      if (!sta_handler) break drop;
      sta_handler(skb);
      return 0;
    }
    const sap = llc_sap_find(dsap);
    if (!sap) break drop; // unknown SAP
    // upper layers that need no full LLC (STP, SNAP) get the frame first
    const rcv = sap.rcv_func;
    const dest = llc_pdu_type(skb);
    const sap_handler = dest ? llc_type_handlers[dest - 1]! : null;
    if (!sap_handler) {
      if (rcv) rcv(skb, dev, pt, orig_dev);
      else kfree_skb(skb, 'llc_rcv');
    } else {
      if (rcv) {
        const cskb = skb_clone(skb, GFP_ATOMIC);
        if (cskb) rcv(cskb, dev, pt, orig_dev);
      }
      sap_handler(sap, skb);
    }
    llc_sap_put(sap);
    return 0;
  }
  kfree_skb(skb!, 'llc_rcv');
  return 0;
}
