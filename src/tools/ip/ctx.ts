// SPDX-License-Identifier: GPL-2.0-only
/*
 * What one `ip` process has: iproute2's globals (rth, preferred_family, show_stats, the link
 * filter, the ll_map cache, the netns id map) gathered in one object, and the outside world
 * it talks to (ip_env): netlink sockets, the /run/netns registry, files, stdout and stderr.
 */
import type { rtnl_handle } from './libnetlink';

/**
 * The system calls `kveth ip` needs. The netlink part mirrors the af_netlink socket API; the
 * netns part stands for /run/netns (a name registry with readdir order and an fd per entry).
 */
export interface ip_env {
  /** socket(AF_NETLINK) in the namespace named `ns` (null: the namespace ip started in); a negative errno on failure */
  nl_create(ns: string | null, protocol: number): unknown;
  nl_sendmsg(sock: unknown, bytes: Uint8Array): number;
  /** one datagram, or null when nothing is queued */
  /** the next datagram; a negative errno for a receive error; null when none is queued */
  nl_recvmsg(sock: unknown): Uint8Array | number | null;
  nl_setsockopt_ext_ack(sock: unknown, on: boolean): void;
  nl_setsockopt_strict_chk?(sock: unknown, on: boolean): void;
  nl_close(sock: unknown): void;
  /** entries of /run/netns in readdir order */
  netns_list(): string[];
  netns_exists(name: string): boolean;
  /** 0 or a negative errno (EEXIST, EINVAL, ...) */
  netns_add(name: string): number;
  netns_del(name: string): number;
  /** an open fd on /run/netns/NAME, as IFLA_NET_NS_FD / NETNSA_FD carry it; negative errno if none */
  netns_fd(name: string): number;
  /** close(fd) for an fd netns_fd gave */
  fd_close?(fd: number): void;
  /** the text of a batch file, or a negative errno */
  read_file(path: string): string | number;
  /** run a program other than ip (`ip netns exec NS prog`); absent: no such program */
  exec?(ns: string, argv: string[], out: (s: string) => void, err: (s: string) => void): number;
}

/** exit() inside ip: unwinds to the top of the process with the status */
export class ip_exit extends Error {
  constructor(readonly code: number) { super(`exit(${code})`); }
}

/** struct filter_t of ip/ipaddress.c, the fields kveth ip uses */
export interface link_filter {
  ifindex: number;
  up: boolean;
  kind?: string;
  slave_kind?: string;
  master: number;
  group: number;
  showqueue: boolean;
  family: number;
}

export interface ll_cache { index: number; name: string; flags: number; type: number }

export class ip_ctx {
  /** current network namespace (`-n`, `netns exec`); null = where ip started */
  netns: string | null;
  rth: rtnl_handle | null = null;
  seq_base = 0;
  preferred_family = 0;
  show_stats = 0;
  show_details = 0;
  force = false;
  batch_mode = false;
  do_link = false;
  oneline = false;
  have_rtnl_newlink = -1;
  filter: link_filter = { ifindex: 0, up: false, master: 0, group: -1, showqueue: false, family: 0 };
  ll_by_index = new Map<number, ll_cache>();
  /** the netns id → name map of ip/ipnetns.c, filled on first use */
  nsid_map: Map<number, string> | null = null;
  cmdlineno = 0;
  /** fds of `netns NAME` arguments, closed after the request (open_fds_add) */
  open_fds: number[] = [];

  constructor(readonly env: ip_env, readonly out: (s: string) => void, readonly err: (s: string) => void, netns: string | null) {
    this.netns = netns;
  }
  /** exit(3): C's exit(-1) is status 255 */
  exit(code: number): never { throw new ip_exit(code & 0xff); }
}
