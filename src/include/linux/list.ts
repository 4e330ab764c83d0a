// SPDX-License-Identifier: GPL-2.0-only
/* include/linux/list.h: circular doubly linked lists of struct list_head in simulated memory. */
import { kaddr_t, rdptr, wrptr } from '../../sim/mem';
import { struct_ } from '../../sim/layout';

const L = struct_('list_head');
const NEXT = L.off('next');
const PREV = L.off('prev');
export const SIZEOF_LIST_HEAD = L.size;

/** head->next (list_first_entry / list_for_each step, without the container_of) @sim */
export function list_next(h: kaddr_t): kaddr_t { return rdptr(h + NEXT); }
/** head->prev @sim */
function list_prev(h: kaddr_t): kaddr_t { return rdptr(h + PREV); }

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
/** include/linux/list.h:234 list_del; the kernel writes LIST_POISON1/2 into the entry, kveth writes NULL */
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

/** include/linux/list.h:530 __list_splice */
function __list_splice(list: kaddr_t, prev: kaddr_t, next: kaddr_t): void {
  const first = list_next(list), last = list_prev(list);
  wrptr(first + PREV, prev);
  wrptr(prev + NEXT, first);
  wrptr(last + NEXT, next);
  wrptr(next + PREV, last);
}
/** include/linux/list.h:549 list_splice */
export function list_splice(list: kaddr_t, head: kaddr_t): void {
  if (!list_empty(list)) __list_splice(list, head, list_next(head));
}
/** include/linux/list.h:561 list_splice_tail */
export function list_splice_tail(list: kaddr_t, head: kaddr_t): void {
  if (!list_empty(list)) __list_splice(list, list_prev(head), head);
}
/** include/linux/list.h:575 list_splice_init */
export function list_splice_init(list: kaddr_t, head: kaddr_t): void {
  if (!list_empty(list)) {
    __list_splice(list, head, list_next(head));
    INIT_LIST_HEAD(list);
  }
}
/** include/linux/list.h:592 list_splice_tail_init */
export function list_splice_tail_init(list: kaddr_t, head: kaddr_t): void {
  if (!list_empty(list)) {
    __list_splice(list, list_prev(head), head);
    INIT_LIST_HEAD(list);
  }
}
