// SPDX-License-Identifier: GPL-2.0-only
/* include/trace/events/napi.h */
import { tp, trace_emit, trace_on, pK } from '../../../sim/trace';
import type { napi_struct } from '../../../net/core/dev';

/** include/trace/events/napi.h:14 napi_poll */
export function trace_napi_poll(napi: napi_struct, work: number, budget: number): void {
  if (!tp.on || !trace_on('napi_poll')) return;
  const dev = napi.dev;
  trace_emit('napi_poll', `napi poll on napi struct ${pK(napi.addr)} for device ${dev ? dev.name : '(no_device)'} work ${work} budget ${budget}`);
}
