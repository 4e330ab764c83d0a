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
