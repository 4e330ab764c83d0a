// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-frame trace normalisation shared by `kveth replay` and the live capture tool
 * (test/live/capture_live.py documents the same rules): skb addresses become #0, #1, ... in order
 * of first appearance, the backlog NAPI pointer becomes #napi, a non-NULL rx_sk becomes #sk, and
 * a location loses its +off/size and compiler suffixes (.constprop.N, .isra.N, .part.N, .cold).
 */
export function normalize_trace(lines: readonly string[]): string[] {
  const ids = new Map<string, string>();
  return lines.map((l) => {
    let s = l.replace(/skbaddr=([0-9a-f]{16})/g, (_m, a: string) => {
      let id = ids.get(a);
      if (id === undefined) { id = `#${ids.size}`; ids.set(a, id); }
      return `skbaddr=${id}`;
    });
    s = s.replace(/napi struct [0-9a-f]{16}/, 'napi struct #napi');
    s = s.replace(/rx_sk=([0-9a-f]{16})/, (_m, a: string) => (/^0+$/.test(a) ? `rx_sk=${a}` : 'rx_sk=#sk'));
    s = s.replace(/location=([A-Za-z0-9_]+)(?:\.(?:constprop|isra|part|cold|llvm)[.0-9]*)*(?:\+0x[0-9a-f]+\/0x[0-9a-f]+)?/, 'location=$1');
    return s;
  });
}
