// SPDX-License-Identifier: GPL-2.0-only
/*
 * net/802/psnap.c: the SNAP layer on LLC SAP 0xAA. snap_rcv looks the 5-byte protocol
 * identifier (OUI + type) up among the registered SNAP clients. Clients come from AppleTalk
 * (AARP/DDP) and IPX, which kveth's kernel, like the live one, does not have: the list is empty
 * and every SNAP frame is freed in snap_rcv.
 */
import { bytes, kaddr_t } from '../../sim/mem';
import { sk_buff, pskb_may_pull, skb_reset_transport_header } from '../../include/linux/skbuff';
import type { net_device } from '../../include/linux/netdevice';
import type { packet_type } from '../core/dev';
import { kfree_skb, skb_pull_rcsum } from '../core/skbuff';
import { llc_sap, llc_sap_open } from '../llc/llc_input';
import { EBUSY } from '../../include/uapi/linux/errno';

export const LLC_SAP_SNAP = 0xaa;

/** include/net/datalink.h: struct datalink_proto (the fields snap_rcv uses) */
export interface datalink_proto {
  type: Uint8Array;
  rcvfunc: (skb: sk_buff, dev: net_device, pt: packet_type | null, orig_dev: net_device) => number;
}
// net/802/psnap.c:22 snap_list
const snap_list: datalink_proto[] = [];
let snap_sap: llc_sap | null = null;

/** net/802/psnap.c:29 find_snap_client */
function find_snap_client(desc: kaddr_t): datalink_proto | null {
  const d = bytes(desc, 5);
  for (const p of snap_list) if (p.type.every((b, i) => i >= 5 || b === d[i])) return p;
  return null;
}

/** net/802/psnap.c:45 snap_rcv */
export function snap_rcv(skb: sk_buff, dev: net_device, _pt: packet_type, orig_dev: net_device): number {
  let rc = 1;
  drop: {
    if (!pskb_may_pull(skb, 5)) break drop;
    const proto = find_snap_client(skb.data);
    if (proto) {
      skb_pull_rcsum(skb, 5);
      skb_reset_transport_header(skb);
      rc = proto.rcvfunc(skb, dev, null /* &snap_packet_type */, orig_dev);
    }
    if (!proto) break drop;
    return rc;
  }
  kfree_skb(skb, 'snap_rcv');
  return rc;
}

/** net/802/psnap.c:98 snap_init */
export function snap_init(): number {
  snap_sap = llc_sap_open(LLC_SAP_SNAP, snap_rcv);
  if (!snap_sap) return -EBUSY; // printk("SNAP - unable to register with 802.2")
  return 0;
}
