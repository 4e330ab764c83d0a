// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/asm-generic/errno-base.h and errno.h: the errno values kveth returns (negated). */
import * as errno from './errno';

export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EINTR = 4;
export const EIO = 5;
export const ENXIO = 6;
export const E2BIG = 7;
export const EBADF = 9;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
export const EXDEV = 18;
export const ENODEV = 19;
export const EINVAL = 22;
export const ENFILE = 23;
export const ENOSPC = 28;
export const ERANGE = 34;
export const ENODATA = 61;
export const EOVERFLOW = 75;
export const EMSGSIZE = 90;
export const ENOPROTOOPT = 92;
export const EPROTONOSUPPORT = 93;
export const EOPNOTSUPP = 95;
export const EAFNOSUPPORT = 97;
export const EADDRINUSE = 98;
export const EADDRNOTAVAIL = 99;
export const ENETDOWN = 100;
export const ENETUNREACH = 101;
export const ENOBUFS = 105;
export const ENOTCONN = 107;
export const ECONNREFUSED = 111;
export const EHOSTUNREACH = 113;

/* errname's names are the exports below, read back through this module's own namespace */
let names: Map<number, string> | null = null;
/** "EINVAL" for 22 or -22 @sim */
export function errname(e: number): string {
  names ??= new Map(Object.entries(errno).filter(([k, v]) => /^E[A-Z0-9]+$/.test(k) && typeof v === 'number')
    .map(([k, v]) => [v as number, k]));
  return names.get(Math.abs(e)) ?? `E${Math.abs(e)}`;
}
