// Where Linux 6.12.117 (what kveth ports) and the live 6.18 kernel (where the goldens come from)
// do different things for a corpus frame. Each entry rewrites the golden trace into what the
// 6.12.117 source does, and the tests then require kveth to equal the rewritten golden exactly.
// An entry whose rewrite no longer applies (the golden line is not there) fails the test.
export interface divergence { why: string; from: string; to: string }

const VLAN_PROBE =
  '6.12.117 packet_parse_headers (net/packet/af_packet.c:1991) calls skb_probe_transport_header while the ' +
  'network header is still at 14, before moving it past the VLAN tags; the flow dissector then walks the ' +
  'tags itself and finds the transport header. The live 6.18 kernel moves the network header first.';
const ARP_REASON =
  '6.12.117 arp_rcv (net/ipv4/arp.c) frees a short ARP with plain kfree_skb (NOT_SPECIFIED); 6.18 passes ' +
  'SKB_DROP_REASON_PKT_TOO_SMALL.';

const vlan = (from: string, to: string): divergence => ({ why: VLAN_PROBE, from, to });
const arp: divergence = { why: ARP_REASON, from: 'location=arp_rcv reason: PKT_TOO_SMALL', to: 'location=arp_rcv reason: NOT_SPECIFIED' };
const T0 = 'transport_offset_valid=0 transport_offset=0';

const per_frame: Record<number, divergence> = {
  36: vlan(T0, 'transport_offset_valid=1 transport_offset=38'), // vlan100_ipv4
  39: vlan(T0, 'transport_offset_valid=1 transport_offset=38'), // vlan0_prio_ipv4
  41: vlan('transport_offset_valid=1 transport_offset=46', 'transport_offset_valid=1 transport_offset=18'), // vlan0_prio_arp_bcast
  42: vlan('transport_offset_valid=1 transport_offset=46', 'transport_offset_valid=1 transport_offset=18'), // vlan5_bcast_arp
  45: vlan(T0, 'transport_offset_valid=1 transport_offset=38'), // qtag_88a8_200_ipv4
  46: vlan(T0, 'transport_offset_valid=1 transport_offset=38'), // qtag_88a8_0_ipv4
  47: vlan(T0, 'transport_offset_valid=1 transport_offset=42'), // qinq_10_20_ipv4
  49: vlan(T0, 'transport_offset_valid=1 transport_offset=42'), // qinq_0_0_ipv4
  62: arp, // arp_short_payload
  68: arp, // exact14_bcast_arp
};

/** config → frame index → divergence (the rx-down config never reaches these paths) */
export const KNOWN: Record<string, Record<number, divergence>> = { normal: per_frame, mtu: per_frame, 'rx-down': {} };

/**
 * Every frame that reaches __netif_rx: 6.12.117's netdev_core_pick_tx (net/core/dev.c, CONFIG_XPS)
 * stores the sending CPU + 1 in skb->sender_cpu, the napi_id union member, and its netif_rx_entry
 * (include/trace/events/net.h:196, CONFIG_NET_RX_BUSY_POLL) prints skb->napi_id as it is: 0x1 for
 * CPU 0, where kveth sends. The live 6.18 tracepoint prints only valid NAPI ids, hence 0x0.
 */
export const NAPI_ID: divergence = {
  why: 'netif_rx_entry prints the XPS sender_cpu through the napi_id union in 6.12.117',
  from: 'napi_id=0x0 ', to: 'napi_id=0x1 ',
};

/** Apply the 6.12.117 rewrites to a golden capture; returns the unused entries (stale). */
export function apply_612(config: string, golden: Record<string, any>[]): string[] {
  const stale: string[] = [];
  let napi_lines = 0;
  for (const g of golden) {
    const tr: string[] | undefined = g?.trace;
    if (!tr) continue;
    for (let i = 0; i < tr.length; i++) {
      if (tr[i]!.startsWith('netif_rx_entry:') && tr[i]!.includes(NAPI_ID.from)) { tr[i] = tr[i]!.replace(NAPI_ID.from, NAPI_ID.to); napi_lines++; }
    }
  }
  if (config !== 'rx-down' && napi_lines === 0) stale.push(`${config}: no netif_rx_entry line with "${NAPI_ID.from}"`);
  for (const [i, d] of Object.entries(KNOWN[config] ?? {})) {
    const g = golden[Number(i)];
    const tr: string[] | undefined = g?.trace;
    const at = tr ? tr.findIndex((l) => l.includes(d.from)) : -1;
    if (at < 0) { stale.push(`${config}:${i}: "${d.from}" not in the golden`); continue; }
    tr![at] = tr![at]!.replace(d.from, d.to);
  }
  return stale;
}
