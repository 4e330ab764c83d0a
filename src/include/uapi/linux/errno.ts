// SPDX-License-Identifier: GPL-2.0-only
/* include/uapi/asm-generic/errno-base.h and errno.h: the errno values kveth returns (negated). */
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
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
export const ENODEV = 19;
export const EINVAL = 22;
export const ENFILE = 23;
export const EACCES = 13;
export const ENOSPC = 28;
export const ERANGE = 34;
export const ENODATA = 61;
export const EMSGSIZE = 90;
export const ENOPROTOOPT = 92;
export const EPROTONOSUPPORT = 93;
export const EOPNOTSUPP = 95;
export const EAFNOSUPPORT = 97;
export const EADDRINUSE = 98;
export const EADDRNOTAVAIL = 99;
export const ENETDOWN = 100;
export const ENOBUFS = 105;
export const ENOTCONN = 107;
export const ECONNREFUSED = 111;

const names: Record<number, string> = {
  1: 'EPERM', 2: 'ENOENT', 3: 'ESRCH', 4: 'EINTR', 13: 'EACCES', 61: 'ENODATA', 92: 'ENOPROTOOPT', 75: 'EOVERFLOW', 111: 'ECONNREFUSED', 5: 'EIO', 6: 'ENXIO', 7: 'E2BIG', 9: 'EBADF', 11: 'EAGAIN', 12: 'ENOMEM', 14: 'EFAULT',
  16: 'EBUSY', 17: 'EEXIST', 19: 'ENODEV', 22: 'EINVAL', 23: 'ENFILE', 28: 'ENOSPC', 34: 'ERANGE', 90: 'EMSGSIZE',
  93: 'EPROTONOSUPPORT', 95: 'EOPNOTSUPP', 97: 'EAFNOSUPPORT', 98: 'EADDRINUSE', 99: 'EADDRNOTAVAIL',
  100: 'ENETDOWN', 105: 'ENOBUFS', 107: 'ENOTCONN',
};
/** "EINVAL" for 22 or -22. */
export function errname(e: number): string { return names[Math.abs(e)] ?? `E${Math.abs(e)}`; }
