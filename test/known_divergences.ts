// Where Linux 6.12.117 (what kveth ports) and the live 6.18 kernel (where the goldens come from)
// do different things for a corpus frame. Each entry rewrites the golden trace into what the
// 6.12.117 source does, and the tests then require kveth to equal the rewritten golden exactly.
// An entry whose rewrite no longer applies (the frame's label changed, or the golden line is not
// there exactly once on the named event) fails the test.
export interface divergence { why: string; event: string; from: string; to: string }

const VLAN_PROBE =
  '6.12.117 packet_parse_headers (net/packet/af_packet.c:1991) calls skb_probe_transport_header while the ' +
  'network header is still at 14, before moving it past the VLAN tags; the flow dissector then walks the ' +
  'tags itself and finds the transport header. The live 6.18 kernel moves the network header first.';
const ARP_REASON =
  '6.12.117 arp_rcv (net/ipv4/arp.c:967) frees a short ARP with plain kfree_skb (NOT_SPECIFIED); 6.18 passes ' +
  'SKB_DROP_REASON_PKT_TOO_SMALL.';

const vlan = (from: string, to: string): divergence => ({ why: VLAN_PROBE, event: 'net_dev_start_xmit', from, to });
const arp: divergence = {
  why: ARP_REASON, event: 'kfree_skb', from: 'location=arp_rcv reason: PKT_TOO_SMALL', to: 'location=arp_rcv reason: NOT_SPECIFIED',
};
const T0 = 'transport_offset_valid=0 transport_offset=0';

/** frame index → [the frame's corpus label, the divergence] */
const per_frame: Record<number, [string, divergence]> = {
  36: ['vlan100_ipv4', vlan(T0, 'transport_offset_valid=1 transport_offset=38')],
  39: ['vlan0_prio_ipv4', vlan(T0, 'transport_offset_valid=1 transport_offset=38')],
  41: ['vlan0_prio_arp_bcast', vlan('transport_offset_valid=1 transport_offset=46', 'transport_offset_valid=1 transport_offset=18')],
  42: ['vlan5_bcast_arp', vlan('transport_offset_valid=1 transport_offset=46', 'transport_offset_valid=1 transport_offset=18')],
  45: ['qtag_88a8_200_ipv4', vlan(T0, 'transport_offset_valid=1 transport_offset=38')],
  46: ['qtag_88a8_0_ipv4', vlan(T0, 'transport_offset_valid=1 transport_offset=38')],
  47: ['qinq_10_20_ipv4', vlan(T0, 'transport_offset_valid=1 transport_offset=42')],
  49: ['qinq_0_0_ipv4', vlan(T0, 'transport_offset_valid=1 transport_offset=42')],
  62: ['arp_short_payload', arp],
  68: ['exact14_bcast_arp', arp],
};

/** config → frame index → [label, divergence] (the rx-down config never reaches these paths) */
export const KNOWN: Record<string, Record<number, [string, divergence]>> = { normal: per_frame, mtu: per_frame, 'rx-down': {} };

/**
 * Every frame that reaches __netif_rx: 6.12.117's netdev_core_pick_tx (net/core/dev.c:4445, CONFIG_XPS)
 * stores the sending CPU + 1 in skb->sender_cpu, the napi_id union member, and its netif_rx_entry
 * (include/trace/events/net.h:196, CONFIG_NET_RX_BUSY_POLL) prints skb->napi_id as it is: 0x1 for
 * CPU 0, where kveth sends. The live 6.18 tracepoint prints only valid NAPI ids, hence 0x0.
 */
export const NAPI_ID: divergence = {
  why: 'netif_rx_entry prints the XPS sender_cpu through the napi_id union in 6.12.117',
  event: 'netif_rx_entry', from: 'napi_id=0x0 ', to: 'napi_id=0x1 ',
};

/** Apply the 6.12.117 rewrites to a golden capture; returns the entries that no longer apply (stale). */
export function apply_612(config: string, golden: Record<string, any>[]): string[] {
  const stale: string[] = [];
  let napi_lines = 0;
  for (const g of golden) {
    const tr: string[] | undefined = g?.trace;
    if (!tr) continue;
    for (let i = 0; i < tr.length; i++) {
      if (!tr[i]!.startsWith(`${NAPI_ID.event}:`)) continue;
      if (!tr[i]!.includes(NAPI_ID.from)) { stale.push(`${config}:${g.idx}: "${tr[i]}" has no "${NAPI_ID.from}"`); continue; }
      tr[i] = tr[i]!.replace(NAPI_ID.from, NAPI_ID.to);
      napi_lines++;
    }
  }
  if (config !== 'rx-down' && napi_lines === 0) stale.push(`${config}: no netif_rx_entry line with "${NAPI_ID.from}"`);
  for (const [i, [label, d]] of Object.entries(KNOWN[config] ?? {})) {
    const g = golden[Number(i)];
    if (g?.label !== label) { stale.push(`${config}:${i}: the golden frame is "${g?.label}", not "${label}"`); continue; }
    const tr: string[] = g.trace ?? [];
    const at = tr.flatMap((l, k) => (l.startsWith(`${d.event}:`) && l.includes(d.from) ? [k] : []));
    if (at.length !== 1) { stale.push(`${config}:${i}: "${d.from}" on ${at.length} ${d.event} lines of the golden, not 1`); continue; }
    tr[at[0]!] = tr[at[0]!]!.replace(d.from, d.to);
  }
  return stale;
}
