// SPDX-License-Identifier: GPL-2.0-only
/*
 * ip_env on kveth's simulated kernel: netlink sockets are af_netlink sockets in the named
 * namespace, /run/netns is net_namespace's registry (readdir order = newest first, as tmpfs
 * lists it), a namespace "fd" is netns_fd_open's.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ip_env } from './ctx';
/* the device core first: the kernel modules expect to be initialised in that order */
import '../../net/core/dev';
import * as nl from '../../net/netlink/af_netlink';
import * as ns from '../../net/core/net_namespace';
import { init_net } from '../../include/net/net_namespace';

const ERRNO: Record<string, number> = { ENOENT: 2, EACCES: 13, EISDIR: 21, ENOTDIR: 20, EMFILE: 24 };

/**
 * The simulated machine as ip sees it. Batch files are read relative to `cwd`; `files` can
 * supply them instead (tests).
 */
export function kernel_env(opts: { cwd?: string; files?: Record<string, string> } = {}): ip_env {
  const cwd = opts.cwd ?? process.cwd();
  /* init_net gets its loopback only when ip is used there, so other users of init_net keep their numbering */
  const net_of = (name: string | null) => {
    if (name !== null) return ns.netns_lookup(name);
    ns.init_net_setup_loopback();
    return init_net;
  };
  type sock = nl.netlink_sock;
  return {
    nl_create(name, protocol) {
      const n = net_of(name);
      if (!n) return -2;
      return nl.netlink_create(n, protocol);
    },
    nl_sendmsg: (s, b) => nl.netlink_sendmsg(s as sock, b),
    nl_recvmsg: (s) => nl.netlink_recvmsg(s as sock),
    nl_setsockopt_ext_ack: (s, on) => nl.netlink_setsockopt_ext_ack(s as sock, on),
    nl_setsockopt_strict_chk: (s, on) => { nl.netlink_setsockopt(s as sock, 12 /* NETLINK_GET_STRICT_CHK */, on ? 1 : 0); },
    nl_close: (s) => nl.netlink_close(s as sock),
    netns_list: () => ns.netns_list(),
    netns_exists: (name) => ns.netns_lookup(name) !== null,
    netns_add: (name) => ns.netns_add(name)[1],
    netns_del: (name) => ns.netns_del(name),
    netns_fd(name) {
      const n = ns.netns_lookup(name);
      return n ? ns.netns_fd_open(n) : -2;
    },
    fd_close: (fd) => ns.fd_close(fd),
    read_file(p) {
      if (opts.files && p in opts.files) return opts.files[p]!;
      try {
        return fs.readFileSync(p === '-' ? 0 : path.resolve(cwd, p), 'utf8');
      } catch (e) {
        return -(ERRNO[(e as NodeJS.ErrnoException).code ?? ''] ?? 5);
      }
    },
  };
}
