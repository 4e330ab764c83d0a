// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kconfig-derived values that BTF does not carry, per layout profile. MAX_HEADER decides the
 * size of the small skb head cache and so skb->truesize: Debian's 6.12 config (WLAN mesh and IP
 * tunnels on) gives 176 (LL_MAX_HEADER 128 + 48); the live 6.18 test kernel gives 32.
 */
import { PROFILE } from './layout';

export interface kconfig_t { MAX_HEADER: number; CONFIG_NET_SWITCHDEV: boolean }
const table: Record<string, kconfig_t> = {
  '6.12.117-debian-amd64': { MAX_HEADER: 176, CONFIG_NET_SWITCHDEV: true },
  'live-running': { MAX_HEADER: 32, CONFIG_NET_SWITCHDEV: false },
};
export const kconfig: kconfig_t = table[PROFILE.profile] ?? table['6.12.117-debian-amd64']!;
