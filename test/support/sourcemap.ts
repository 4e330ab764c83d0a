// SPDX-License-Identifier: GPL-2.0-only
/* Just enough of Source Map v3 to move between a .ts line and tsx's generated code. tsx (esbuild)
 * squeezes each module onto a few lines, so V8 breakpoints must be placed at generated positions,
 * as VS Code and DevTools do from the script's sourceMapURL. */
export interface seg { gl: number; gc: number; src: number; ol: number; oc: number }
export interface srcmap { sources: string[]; segs: seg[] }

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function vlq(s: string, pos: { i: number }): number {
  let v = 0, shift = 0, c: number;
  do { c = B64.indexOf(s[pos.i++]!); v += (c & 31) << shift; shift += 5; } while (c & 32);
  return v & 1 ? -(v >>> 1) : v >>> 1;
}

export function parse_map(source_map_url: string): srcmap {
  const m = /^data:application\/json[^,]*?(;base64)?,(.*)$/s.exec(source_map_url);
  if (!m) throw new Error(`not an inline source map: ${source_map_url.slice(0, 60)}`);
  const json = JSON.parse(m[1] ? Buffer.from(m[2]!, 'base64').toString('utf8') : decodeURIComponent(m[2]!));
  const segs: seg[] = [];
  let src = 0, ol = 0, oc = 0;
  (json.mappings as string).split(';').forEach((line, gl) => {
    let gc = 0;
    for (const part of line.split(',')) {
      if (!part) continue;
      const p = { i: 0 };
      gc += vlq(part, p);
      if (p.i >= part.length) continue; // generated-only segment
      src += vlq(part, p); ol += vlq(part, p); oc += vlq(part, p);
      segs.push({ gl, gc, src, ol, oc });
    }
  });
  return { sources: json.sources, segs };
}

/** First generated position of the earliest mapped column on original line `ol` (0-based) */
export function generated_for(map: srcmap, ol: number): seg | undefined {
  const on = map.segs.filter((s) => s.ol === ol);
  on.sort((a, b) => a.oc - b.oc || a.gl - b.gl || a.gc - b.gc);
  return on[0];
}

/** Original position of a generated one: the last segment at or before it */
export function original_for(map: srcmap, gl: number, gc: number): seg | undefined {
  let best: seg | undefined;
  for (const s of map.segs) if (s.gl < gl || (s.gl === gl && s.gc <= gc)) {
    if (!best || s.gl > best.gl || (s.gl === best.gl && s.gc >= best.gc)) best = s;
  }
  return best;
}
