// SPDX-License-Identifier: GPL-2.0-only
/* Type-level tests (tsd-lite, run by test-d/run.js). Outside the tsc project on purpose: every
 * expectError line below is a real type error. */
import { expectAssignable, expectError, expectNotAssignable, expectNotType, expectType } from 'tsd-lite';
import { __be16, __be32, htons, ntohs, htonl, ntohl } from '../src/include/uapi/linux/types';
import { net_device, netdev_priv, ndo_start_xmit_t, ndo_open_t, ndo_stop_t, netdev_tx_t } from '../src/include/linux/netdevice';
import { sk_buff } from '../src/include/linux/skbuff';
import { kaddr_t } from '../src/sim/mem';
import { veth_priv, veth_xmit, veth_open } from '../src/drivers/net/veth';

declare const dev: net_device;
declare const skb: sk_buff;
declare const be16: __be16;
declare const be32: __be32;
declare const n: number;
declare let p16: __be16;
declare let p32: __be32;
declare let xmit: ndo_start_xmit_t;
declare let open: ndo_open_t;

// --- __be16 / __be32 are branded: no silent mixing with host-order numbers ---
expectType<__be16>(htons(0x0800));
expectType<number>(ntohs(htons(1)));
expectType<__be32>(htonl(1));
expectType<number>(ntohl(htonl(1)));
expectNotType<number>(htons(1));
expectAssignable<number>(be16);          // reading a __be16 as a number is allowed (as in C)
expectError(p16 = 0x0800);              // i.e. const p: __be16 = 0x0800
expectError(p16 = n);
expectNotAssignable<__be16>(n);
expectError(p32 = 0x0a000001);
expectError(p32 = be16);                 // __be16 and __be32 do not mix either
expectError(p16 = be32);
expectError(p16 = be16 + 1);             // arithmetic yields a plain number
p16 = htons(n);                          // fine
expectError(ntohs(0x0800));              // ntohs wants a __be16
expectError(ntohs(n));
expectError(ntohl(be16));
expectType<number>(ntohs(be16));
expectType<__be16>(skb.protocol);
expectError(skb.protocol = 0x0800);      // host-order literal into a big-endian field
expectError(skb.protocol = n);
skb.protocol = htons(0x0800);            // fine
expectType<__be16>((skb.protocol = htons(0x86dd)));

// --- netdev_priv: raw address or a typed view ---
expectType<veth_priv>(netdev_priv(dev, veth_priv));
expectType<kaddr_t>(netdev_priv(dev));
expectType<number>(netdev_priv(dev));
expectNotAssignable<veth_priv>(netdev_priv(dev));
expectError(netdev_priv(skb));

// --- net_device_ops slot signatures ---
expectAssignable<ndo_start_xmit_t>(veth_xmit);
expectAssignable<ndo_open_t>(veth_open);
expectAssignable<ndo_stop_t>(veth_open);  // same shape: (dev) => int
expectType<netdev_tx_t>(veth_xmit(skb, dev));
expectError(xmit = (dev: net_device): void => { void dev; });
expectError(xmit = (dev: net_device, skb: sk_buff): netdev_tx_t => { void dev; void skb; return 0; }); // args swapped
expectNotAssignable<ndo_start_xmit_t>((dev: net_device): void => { void dev; });
xmit = veth_xmit;                        // fine
open = veth_open;                        // fine
expectError(open = veth_xmit);
expectNotAssignable<ndo_start_xmit_t>(veth_open);

// --- netlink attribute parsing (include/net/netlink.h, lib/nlattr.c) ---
// kveth's struct nla_policy is one flat interface (`type` is a plain number, as in C), so the
// types cannot tie validation fields to NLA_U32 vs NLA_STRING; they pin what C pins: the field
// types, the const policy tables, and the parsing entry points' signatures.
import {
  nla_parse, nla_parse_deprecated, nlmsg_parse, nla_parse_nested, nla_policy, nla_policy_table, nlattr_tb,
  netlink_ext_ack, NLA_U32, NLA_NUL_STRING,
} from '../src/include/net/netlink';
import { __nla_parse } from '../src/lib/nlattr';
import { netlink_sendmsg, netlink_recvmsg, netlink_sock } from '../src/net/netlink/af_netlink';
import { rtnl_link_ops } from '../src/net/core/rtnetlink';
import { net } from '../src/include/net/net_namespace';
import { veth_newlink, veth_dellink, veth_policy, veth_link_ops } from '../src/drivers/net/veth';

declare const tb: nlattr_tb;
declare const ack: netlink_ext_ack;
declare const sock: netlink_sock;
declare let pol: nla_policy;

type parse_args = [tb: nlattr_tb, maxtype: number, head: kaddr_t, len: number, policy: nla_policy_table | null, extack: netlink_ext_ack | null];
expectType<parse_args>(null! as Parameters<typeof nla_parse>);          // int nla_parse(tb, maxtype, head, len, policy, extack)
expectType<parse_args>(null! as Parameters<typeof nla_parse_deprecated>);
expectType<number>(nla_parse(tb, 3, 0, 0, null, null));
expectType<[nlh: kaddr_t, hdrlen: number, tb: nlattr_tb, maxtype: number, policy: nla_policy_table | null, extack: netlink_ext_ack | null]>(
  null! as Parameters<typeof nlmsg_parse>);                             // nlmsg_parse(nlh, hdrlen, tb, maxtype, policy, extack)
expectType<number>(nlmsg_parse(0, 16, tb, 3, veth_policy, ack));
expectType<[tb: nlattr_tb, maxtype: number, nla: kaddr_t, policy: nla_policy_table | null, extack: netlink_ext_ack | null]>(
  null! as Parameters<typeof nla_parse_nested>);
expectType<[tb: nlattr_tb, maxtype: number, head: kaddr_t, len: number, policy: nla_policy_table | null, validate: number, extack: netlink_ext_ack | null]>(
  null! as Parameters<typeof __nla_parse>);                             // lib/nlattr.c __nla_parse adds `validate`
expectType<nlattr_tb>([0, 0x1000]);                                      // struct nlattr *tb[]: addresses
expectError(nla_parse(['IFLA_IFNAME'], 3, 0, 0, null, null));            // tb holds addresses, not names
expectError(nla_parse(tb, 3, 0, 0, null));                               // extack is not optional (NULL is spelled null)
expectError(nlmsg_parse(0, tb, 16, 3, null, null));                      // hdrlen before tb
// policy entries: the C field types; a table is const
expectAssignable<nla_policy>({ type: NLA_U32 });
expectAssignable<nla_policy>({ type: NLA_NUL_STRING, len: 15 });
expectAssignable<nla_policy>({ type: NLA_U32, validation_type: 1, min: 68 });
expectAssignable<nla_policy_table>([undefined, { type: NLA_U32 }, undefined, { type: NLA_NUL_STRING, len: 15 }]);
expectError(pol = { type: 'u32' });                                       // the type is an NLA_* number
expectError(pol = { type: NLA_NUL_STRING, len: '15' });
expectError(pol = { type: NLA_U32, reject_message: 7 });
expectError(pol = { type: NLA_U32, maxlen: 4 });                          // no such field in struct nla_policy
expectError(pol = { len: 4 });                                            // .type is required
expectError(veth_policy[1] = { type: NLA_U32 });                          // static const struct nla_policy veth_policy[]
// the socket calls: bytes in; out a datagram, a pending socket error (-errno), or null (nothing queued)
expectType<[sk: netlink_sock, data: Uint8Array]>(null! as Parameters<typeof netlink_sendmsg>);
expectType<number>(netlink_sendmsg(sock, new Uint8Array(16)));          // bytes sent or -errno
expectType<Uint8Array | number | null>(netlink_recvmsg(sock));
expectType<Uint8Array | number | null>(netlink_recvmsg(sock, 4096));
expectError(netlink_sendmsg(sock, '10000000'));
expectError(netlink_sendmsg(new Uint8Array(16), sock));
expectError(netlink_recvmsg());

// --- struct rtnl_link_ops: newlink / dellink have the kernel's signatures ---
// int (*newlink)(struct net *src_net, struct net_device *dev, struct nlattr *tb[], struct nlattr *data[], struct netlink_ext_ack *extack);
// void (*dellink)(struct net_device *dev, struct list_head *head);
type newlink_t = NonNullable<rtnl_link_ops['newlink']>;
type dellink_t = NonNullable<rtnl_link_ops['dellink']>;
expectType<(src_net: net, dev: net_device, tb: nlattr_tb, data: nlattr_tb | null, extack: netlink_ext_ack) => number>(null! as newlink_t);
expectType<(dev: net_device, head: net_device[] | null) => void>(null! as dellink_t);
expectType<newlink_t | undefined>(null! as rtnl_link_ops['newlink']);   // optional slots, as NULL in C
expectType<dellink_t | undefined>(null! as rtnl_link_ops['dellink']);
expectAssignable<newlink_t>(veth_newlink);
expectAssignable<dellink_t>(veth_dellink);
expectType<rtnl_link_ops>(veth_link_ops);
expectNotAssignable<newlink_t>(veth_dellink);
expectNotAssignable<dellink_t>(veth_newlink);
expectNotAssignable<newlink_t>((src_net: net, dev: net_device, tb: nlattr_tb, data: nlattr_tb) => { void [src_net, dev, tb, data]; return 0; }); // data may be NULL (no IFLA_INFO_DATA)
expectNotAssignable<newlink_t>((src_net: net, dev: net_device): void => { void [src_net, dev]; });           // returns int
expectNotAssignable<newlink_t>((dev: net_device, src_net: net) => { void [dev, src_net]; return 0; });      // src_net first
expectNotAssignable<dellink_t>((head: net_device[] | null, dev: net_device) => { void [head, dev]; });
expectError(veth_link_ops.newlink!(dev, dev, tb, null, ack));
expectType<number>(veth_link_ops.newlink!(null! as net, dev, tb, null, ack));
