// Minimal ambient types for buffer-layout 1.2.2 (CommonJS, ships none).
declare module 'buffer-layout' {
  export class Layout<T = any> {
    span: number;
    property?: string;
    constructor(span: number, property?: string);
    decode(b: Buffer, offset?: number): T;
    encode(src: T, b: Buffer, offset?: number): number;
    getSpan(b?: Buffer, offset?: number): number;
    replicate(property: string): Layout<T>;
  }
  export class Structure<T = any> extends Layout<T> {
    fields: Layout<any>[];
    layoutFor(property: string): Layout<any> | undefined;
    offsetOf(property: string): number | undefined;
  }
  export class Blob extends Layout<Buffer> {}
  export function u8(property?: string): Layout<number>;
  export function u16(property?: string): Layout<number>;
  export function u32(property?: string): Layout<number>;
  export function s8(property?: string): Layout<number>;
  export function s16(property?: string): Layout<number>;
  export function s32(property?: string): Layout<number>;
  export function u16be(property?: string): Layout<number>;
  export function u32be(property?: string): Layout<number>;
  export function nu64(property?: string): Layout<number>;
  export function ns64(property?: string): Layout<number>;
  export function blob(length: number, property?: string): Blob;
  export function cstr(property?: string): Layout<string>;
  export function struct<T = any>(fields: Layout<any>[], property?: string, decodePrefixes?: boolean): Structure<T>;
  export function seq<T = any>(elementLayout: Layout<T>, count: number, property?: string): Layout<T[]>;
}
