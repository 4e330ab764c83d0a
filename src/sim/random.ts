// SPDX-License-Identifier: GPL-2.0-only
/*
 * get_random_bytes() for the simulation: a seeded xoshiro128** stream, so that random MAC
 * addresses and anything else random come out the same for the same seed (KVETH_SEED, default 1).
 */

function rotl(x: number, k: number): number { return ((x << k) | (x >>> (32 - k))) >>> 0; }

/**
 * A seeded xoshiro128** stream (its state spread from `seed` with splitmix32). Besides the one
 * behind get_random_bytes(), code whose number of draws depends on things like how many
 * inet6_devs exist takes a stream of its own, so that it does not shift get_random_bytes()'s
 * sequence (random MACs).
 */
export function prandom_stream(seed: number): () => number {
  let x = seed >>> 0;
  const sm = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = sm(), b = sm(), c = sm(), d = sm();
  return () => {
    const r = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return r;
  };
}

const prandom_u32 = prandom_stream(Number(process.env.KVETH_SEED ?? 1));
export function get_random_bytes(buf: Uint8Array): void {
  for (let i = 0; i < buf.length; i++) buf[i] = prandom_u32() & 0xff;
}
