// SPDX-License-Identifier: GPL-2.0-only
/*
 * Comparing kveth's replay output with a capture from a real kernel, field by field.
 *
 * Excluded, because the live kernel's build decides them and 6.12.117 Debian differs:
 *  - truesize= in netif_rx_entry: the small-skb head cache size follows MAX_HEADER (Kconfig);
 *    Debian 6.12 gives 960 where the live 6.18 build gives 832 (see src/sim/config.ts).
 * Everything else (bytes, pkttype, protocol, send result, every counter delta, every other
 * trace field and the order of the events) must be equal.
 */
function mask_trace_line(l: string): string {
  return l.replace(/ truesize=\d+/, ' truesize=*');
}

export interface mismatch { idx: number; label: string; field: string; want: unknown; got: unknown }

export function compare_frames(want: Record<string, any>[], got: Record<string, any>[]): mismatch[] {
  const out: mismatch[] = [];
  const n = Math.max(want.length, got.length);
  for (let i = 0; i < n; i++) {
    const w = want[i], g = got[i];
    if (!w || !g) { out.push({ idx: i, label: (w ?? g)?.label ?? '', field: 'frame', want: !!w, got: !!g }); continue; }
    for (const k of ['idx', 'label', 'len', 'send', 'delivered', 'rx', 'counters']) {
      if (JSON.stringify(w[k]) !== JSON.stringify(g[k])) out.push({ idx: i, label: w.label, field: k, want: w[k], got: g[k] });
    }
    if (w.trace !== undefined || g.trace !== undefined) {
      const wt = (w.trace ?? []).map(mask_trace_line), gt = (g.trace ?? []).map(mask_trace_line);
      if (JSON.stringify(wt) !== JSON.stringify(gt)) out.push({ idx: i, label: w.label, field: 'trace', want: wt, got: gt });
    }
  }
  return out;
}
