// TEMPORARY STUB (lead) - replaced by the protocol helper
import type { net } from '../include/net/net_namespace';
export function register_protocol_handlers(): void {}
export function set_ipv6_disabled(_n: net, _v: boolean): void {}
