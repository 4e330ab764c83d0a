// SPDX-License-Identifier: GPL-2.0-only
/* net/core/dev.c: the receive-mode helpers dev_open calls (no address filters to program in kveth). */
import { net_device, ndo, netif_device_present, IFF_UP } from '../../include/linux/netdevice';

/** net/core/dev.c:8914 __dev_set_rx_mode */
export function __dev_set_rx_mode(dev: net_device): void {
  if (!(dev.flags & IFF_UP)) return;
  if (!netif_device_present(dev)) return;
  // !IFF_UNICAST_FLT: the unicast list is always empty and uc_promisc off (no secondary unicast
  // addresses are ever added), so __dev_set_promiscuity is not called from here
  const set_rx_mode = ndo(dev, 'ndo_set_rx_mode');
  if (set_rx_mode) set_rx_mode(dev);
}
/** net/core/dev.c:8942 dev_set_rx_mode */
export function dev_set_rx_mode(dev: net_device): void { __dev_set_rx_mode(dev); }
