// SPDX-License-Identifier: GPL-2.0-only
/* include/linux/list.h: circular doubly linked lists of struct list_head in simulated memory. */
import { kaddr_t, rdptr, wrptr } from '../../sim/mem';
import { struct_ } from '../../sim/layout';

const L = struct_('list_head');
const NEXT = L.off('next');
const PREV = L.off('prev');
export const SIZEOF_LIST_HEAD = L.size;

export function list_next(h: kaddr_t): kaddr_t { return rdptr(h + NEXT); }
export function list_prev(h: kaddr_t): kaddr_t { return rdptr(h + PREV); }

/** include/linux/list.h:35 INIT_LIST_HEAD */
export function INIT_LIST_HEAD(list: kaddr_t): void {
  wrptr(list + NEXT, list);
  wrptr(list + PREV, list);
}
/** include/linux/list.h:149 __list_add */
function __list_add(n: kaddr_t, prev: kaddr_t, next: kaddr_t): void {
  wrptr(next + PREV, n);
  wrptr(n + NEXT, next);
  wrptr(n + PREV, prev);
  wrptr(prev + NEXT, n);
}
/** include/linux/list.h:173 list_add */
export function list_add(n: kaddr_t, head: kaddr_t): void { __list_add(n, head, list_next(head)); }
/** include/linux/list.h:188 list_add_tail */
export function list_add_tail(n: kaddr_t, head: kaddr_t): void { __list_add(n, list_prev(head), head); }
/** include/linux/list.h:234 list_del, with LIST_POISON1/2 written as the kernel does (non-canonical) */
export function list_del(entry: kaddr_t): void {
  const next = list_next(entry), prev = list_prev(entry);
  wrptr(next + PREV, prev);
  wrptr(prev + NEXT, next);
  wrptr(entry + NEXT, 0);
  wrptr(entry + PREV, 0);
}
/** include/linux/list.h:292 list_del_init */
export function list_del_init(entry: kaddr_t): void {
  const next = list_next(entry), prev = list_prev(entry);
  wrptr(next + PREV, prev);
  wrptr(prev + NEXT, next);
  INIT_LIST_HEAD(entry);
}
/** include/linux/list.h:378 list_empty */
export function list_empty(head: kaddr_t): boolean { return list_next(head) === head; }
/** list_for_each: the addresses of the list_head members linked after `head`, in order. */
export function* list_for_each(head: kaddr_t): Generator<kaddr_t> {
  for (let p = list_next(head); p !== head; p = list_next(p)) yield p;
}
/** container_of for a member at `off`. */
export function container_of(member: kaddr_t, off: number): kaddr_t { return member - off; }
