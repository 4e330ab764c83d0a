// SPDX-License-Identifier: GPL-2.0-only
/*
 * get_random_bytes() for the simulation: a seeded xorshift128+ stream, so that random MAC
 * addresses and anything else random come out the same for the same seed (KVETH_SEED, default 1).
 */
let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
export function prandom_seed(seed: number): void {
  // splitmix32 to spread the seed over the state
  let x = seed >>> 0;
  const next = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  s0 = next(); s1 = next(); s2 = next(); s3 = next();
}
/** xoshiro128** */
export function prandom_u32(): number {
  const r = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
  const t = (s1 << 9) >>> 0;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
  return r;
}
function rotl(x: number, k: number): number { return ((x << k) | (x >>> (32 - k))) >>> 0; }
export function get_random_bytes(buf: Uint8Array): void {
  for (let i = 0; i < buf.length; i++) buf[i] = prandom_u32() & 0xff;
}
prandom_seed(Number(process.env.KVETH_SEED ?? 1));
/**
 * A separate seeded xoshiro128** stream: for draws whose count depends on things like how many
 * inet6_devs exist, so that they do not shift the get_random_bytes() sequence (random MACs).
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
