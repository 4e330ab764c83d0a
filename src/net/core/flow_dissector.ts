// TEMPORARY STUB (lead) - replaced by the protocol helper
import { sk_buff } from '../../include/linux/skbuff';
import type { __be16 } from '../../include/uapi/linux/types';
export function skb_probe_transport_header(_skb: sk_buff): void {}
export function vlan_get_protocol_and_depth(_skb: sk_buff, t: __be16): [__be16, number] { return [t, 18]; }
