// SPDX-License-Identifier: GPL-2.0-only
/*
 * A module's exports object as V8 sees it: tsc's CommonJS output adds every export with its own
 * `exports.name = ...` store, and past ~128 such properties V8 switches the object to dictionary
 * mode. Every `mod.fn(...)` in an importer then becomes a generic LoadIC call and the callee can no
 * longer be inlined (include/linux/netdevice.ts, with ~170 exports, cost ~8% of the frame path
 * that way). V8 turns an object back into fast mode when it serves as a prototype that property
 * lookups go through; fast_exports() does that once, after the module has set all its exports.
 * Nothing observable changes: same object, same properties, same values.
 */
export function fast_exports(exports_obj: object): void {
  function F(): void { /* a constructor whose instances inherit from exports_obj */ }
  F.prototype = exports_obj;
  const probe = new (F as unknown as new () => { hasOwnProperty: unknown })();
  // The lookup walks from `probe` through exports_obj to Object.prototype; once the load IC in
  // `look` has feedback (V8 allocates it after a few calls), it makes the prototypes on that chain
  // fast (JSObject::MakePrototypesFast).
  const look = (): boolean => probe.hasOwnProperty !== undefined;
  for (let i = 0; i < 64; i++) look();
}
