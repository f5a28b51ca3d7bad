// The Thrift compact protocol, just enough for Parquet's footer and page headers: structs of
// integers, binaries, lists and nested structs. Field ids must be written in increasing order.

export const ThriftType = {
  true: 1,
  false: 2,
  byte: 3,
  i16: 4,
  i32: 5,
  i64: 6,
  double: 7,
  binary: 8,
  list: 9,
  set: 10,
  map: 11,
  struct: 12,
} as const;
export type ThriftType = (typeof ThriftType)[keyof typeof ThriftType];

export type ThriftValue =
  | { readonly t: 'i16' | 'i32' | 'i64'; readonly v: number }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'binary'; readonly v: Uint8Array | string }
  | { readonly t: 'struct'; readonly v: ThriftStruct }
  | {
      readonly t: 'list';
      readonly elem: 'i32' | 'i64' | 'binary' | 'struct';
      readonly v: readonly ThriftValue[];
    };

/** Field id → value; `undefined` fields are omitted (Thrift optional). */
export type ThriftStruct = ReadonlyArray<readonly [id: number, value: ThriftValue | undefined]>;

export const i16 = (v: number): ThriftValue => ({ t: 'i16', v });
export const i32 = (v: number): ThriftValue => ({ t: 'i32', v });
export const i64 = (v: number): ThriftValue => ({ t: 'i64', v });
export const bin = (v: Uint8Array | string): ThriftValue => ({ t: 'binary', v });
export const struct = (v: ThriftStruct): ThriftValue => ({ t: 'struct', v });
export const list = (elem: 'i32' | 'i64' | 'binary' | 'struct', v: readonly ThriftValue[]): ThriftValue => ({
  t: 'list',
  elem,
  v,
});

const encoder = new TextEncoder();

const typeCode = (value: ThriftValue): number => {
  switch (value.t) {
    case 'bool':
      return value.v ? ThriftType.true : ThriftType.false;
    case 'i16':
      return ThriftType.i16;
    case 'i32':
      return ThriftType.i32;
    case 'i64':
      return ThriftType.i64;
    case 'binary':
      return ThriftType.binary;
    case 'struct':
      return ThriftType.struct;
    case 'list':
      return ThriftType.list;
  }
};
const elemCode = {
  i32: ThriftType.i32,
  i64: ThriftType.i64,
  binary: ThriftType.binary,
  struct: ThriftType.struct,
};

/** Serialises one struct with the compact protocol. */
export function encodeThrift(fields: ThriftStruct): Uint8Array {
  const out: number[] = [];
  writeStruct(out, fields);
  return Uint8Array.from(out);
}

function writeVarint(out: number[], n: number): void {
  // n is a non-negative integer below 2^53; division keeps it exact beyond 32 bits.
  while (n >= 0x80) {
    out.push(n % 0x80 | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);

function writeStruct(out: number[], fields: ThriftStruct): void {
  let last = 0;
  for (const [id, value] of fields) {
    if (value === undefined) continue;
    const type = typeCode(value);
    if (id > last && id - last <= 15) out.push(((id - last) << 4) | type);
    else {
      out.push(type);
      writeVarint(out, zigzag(id));
    }
    last = id;
    if (value.t !== 'bool') writeValue(out, value);
  }
  out.push(0);
}

function writeValue(out: number[], value: ThriftValue): void {
  switch (value.t) {
    case 'bool':
      out.push(value.v ? 1 : 2);
      return;
    case 'i16':
    case 'i32':
    case 'i64':
      writeVarint(out, zigzag(value.v));
      return;
    case 'binary': {
      const bytes = typeof value.v === 'string' ? encoder.encode(value.v) : value.v;
      writeVarint(out, bytes.length);
      for (const b of bytes) out.push(b);
      return;
    }
    case 'struct':
      writeStruct(out, value.v);
      return;
    case 'list': {
      const code = elemCode[value.elem];
      if (value.v.length < 15) out.push((value.v.length << 4) | code);
      else {
        out.push(0xf0 | code);
        writeVarint(out, value.v.length);
      }
      for (const item of value.v) writeValue(out, item);
      return;
    }
  }
}

/** A decoded struct: field id → number | bigint-free number | Uint8Array | nested struct | list. */
export interface DecodedStruct {
  readonly [id: number]: Decoded;
}
export type Decoded = number | boolean | Uint8Array | DecodedStruct | Decoded[];

/** Decodes one struct starting at `offset`; returns it and the offset just past it. */
export function decodeThrift(bytes: Uint8Array, offset = 0): { value: DecodedStruct; end: number } {
  const reader = { bytes, pos: offset };
  const value = readStruct(reader);
  return { value, end: reader.pos };
}

interface Reader {
  readonly bytes: Uint8Array;
  pos: number;
}

function readByte(r: Reader): number {
  const b = r.bytes[r.pos++];
  if (b === undefined) throw new RangeError(`thrift: unexpected end of data at byte ${r.pos - 1}`);
  return b;
}

function readVarint(r: Reader): number {
  let result = 0;
  let mul = 1;
  for (;;) {
    const b = readByte(r);
    result += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) return result;
    mul *= 0x80;
  }
}

const unzigzag = (n: number): number => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

function readStruct(r: Reader): DecodedStruct {
  const out: Record<number, Decoded> = {};
  let last = 0;
  for (;;) {
    const header = readByte(r);
    if (header === 0) return out;
    const type = header & 0x0f;
    const delta = header >> 4;
    const id = delta === 0 ? unzigzag(readVarint(r)) : last + delta;
    last = id;
    out[id] = readValue(r, type);
  }
}

function readValue(r: Reader, type: number): Decoded {
  switch (type) {
    case ThriftType.true:
      return true;
    case ThriftType.false:
      return false;
    case ThriftType.byte:
      return readByte(r);
    case ThriftType.i16:
    case ThriftType.i32:
    case ThriftType.i64:
      return unzigzag(readVarint(r));
    case ThriftType.double: {
      const view = new DataView(r.bytes.buffer, r.bytes.byteOffset + r.pos, 8);
      r.pos += 8;
      return view.getFloat64(0, true);
    }
    case ThriftType.binary: {
      const len = readVarint(r);
      const value = r.bytes.subarray(r.pos, r.pos + len);
      r.pos += len;
      return value;
    }
    case ThriftType.list:
    case ThriftType.set: {
      const header = readByte(r);
      const size = header >> 4 === 15 ? readVarint(r) : header >> 4;
      const elem = header & 0x0f;
      const items: Decoded[] = [];
      for (let i = 0; i < size; i++)
        items.push(elem === ThriftType.true ? readByte(r) === 1 : readValue(r, elem));
      return items;
    }
    case ThriftType.struct:
      return readStruct(r);
    default:
      throw new RangeError(`thrift: unsupported compact type ${type} at byte ${r.pos}`);
  }
}
