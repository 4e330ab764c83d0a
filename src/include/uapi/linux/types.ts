// SPDX-License-Identifier: GPL-2.0-only
/*
 * include/uapi/linux/types.h: big-endian types. A __be16 is the 16-bit value exactly as an x86_64
 * load of the wire bytes gives it (so htons(ETH_P_IP) is 0x0008), and it cannot be mixed with
 * host-order numbers without htons()/ntohs(): the brand makes that a type error, as sparse's
 * __bitwise does for the kernel.
 */
declare const be16_brand: unique symbol;
declare const be32_brand: unique symbol;
export type __be16 = number & { readonly [be16_brand]: true };
export type __be32 = number & { readonly [be32_brand]: true };

/** include/uapi/linux/swab.h:102 __swab16 */
function __swab16(x: number): number { return ((x & 0xff) << 8) | ((x >>> 8) & 0xff); }
/** include/uapi/linux/swab.h:115 __swab32 */
function __swab32(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}
/* include/linux/byteorder/generic.h: on a little-endian host each is a byte swap */
/** include/linux/byteorder/generic.h:141 htons */
export function htons(x: number): __be16 { return __swab16(x) as __be16; }
/** include/linux/byteorder/generic.h:142 ntohs */
export function ntohs(x: __be16): number { return __swab16(x); }
/** include/linux/byteorder/generic.h:139 htonl */
export function htonl(x: number): __be32 { return __swab32(x) as __be32; }
/** include/linux/byteorder/generic.h:140 ntohl */
export function ntohl(x: __be32): number { return __swab32(x); }
