// Exact, order-independent column sums. Integers are summed in blocks of doubles (exact below 2^53) and
// carried into a BigInt. Floats use a superaccumulator: each value is an integer mantissa times a power of
// two, so mantissas are summed per exponent (exactly, in doubles) and combined into one BigInt scaled by
// the smallest power of two the type has. The result is the exact sum of the values as a decimal string,
// whatever order the rows come in.
import type { NumericValues } from '../column-chunk.js';
import type { ColumnType } from '../table-schema.js';

/** Rows per block: keeps every double accumulator below 2^53 (values < 2^32 or mantissas < 2^27). */
export const SUM_BLOCK = 1 << 20;
const TWO26 = 2 ** 26;
const TWO32 = 2 ** 32;

export interface ExactSum {
  /** Adds rows `[from, to)` (at most SUM_BLOCK of them) whose `valid` flag is set (all when absent). */
  add(values: NumericValues, valid: Uint8Array | undefined, from: number, to: number): void;
  /** Exact decimal sum of the finite values. */
  decimal(): string;
  /** NaN and ±Infinity values seen (floats only; they have no exact sum). */
  readonly nonFinite: number;
}

export function exactSum(type: Exclude<ColumnType, 'string'>): ExactSum {
  switch (type) {
    case 'int32':
      return new IntSum(0);
    case 'int64':
      return new IntSum(1);
    case 'float':
      return new FloatSum(256, 149, 23);
    case 'double':
      return new FloatSum(2048, 1074, 52);
  }
}

/** `numerator / 2^scale` written exactly in decimal (a binary fraction always terminates). */
export function binaryFractionToDecimal(numerator: bigint, scale: number): string {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const whole = abs >> BigInt(scale);
  const fraction = abs - (whole << BigInt(scale));
  let text = whole.toString();
  if (fraction > 0n) {
    const digits = (fraction * 5n ** BigInt(scale)).toString().padStart(scale, '0').replace(/0+$/, '');
    text += `.${digits}`;
  }
  return negative ? `-${text}` : text;
}

class IntSum implements ExactSum {
  private total = 0n;
  readonly nonFinite = 0;
  /** 0: int32 values; 1: int64 values read as (unsigned low, signed high) 32-bit halves. */
  constructor(private readonly halves: 0 | 1) {}

  add(values: NumericValues, valid: Uint8Array | undefined, from: number, to: number): void {
    if (this.halves === 0) {
      const v = values as Int32Array;
      let s = 0;
      if (valid) for (let i = from; i < to; i++) s += valid[i] ? v[i]! : 0;
      else for (let i = from; i < to; i++) s += v[i]!;
      this.total += BigInt(s);
      return;
    }
    const w = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
    let lo = 0;
    let hi = 0;
    if (valid) {
      for (let i = from; i < to; i++) {
        if (!valid[i]) continue;
        lo += w[2 * i]! >>> 0;
        hi += w[2 * i + 1]!;
      }
    } else {
      for (let i = from; i < to; i++) {
        lo += w[2 * i]! >>> 0;
        hi += w[2 * i + 1]!;
      }
    }
    this.total += BigInt(hi) * BigInt(TWO32) + BigInt(lo);
  }

  decimal(): string {
    return this.total.toString();
  }
}

/**
 * IEEE floats: value = ±M × 2^(E' − bias − mantissaBits), with E' = max(E, 1) and M the mantissa with its
 * implicit bit. Mantissas go into per-exponent accumulators (split in two 26/27-bit halves for doubles),
 * so a block of SUM_BLOCK values adds exactly; `flush` folds them into `total` = sum × 2^scale.
 */
class FloatSum implements ExactSum {
  private total = 0n;
  nonFinite = 0;
  private readonly high: Float64Array;
  private readonly low: Float64Array;

  constructor(
    private readonly exponents: number,
    private readonly scale: number,
    private readonly mantissaBits: 23 | 52,
  ) {
    this.high = new Float64Array(exponents);
    this.low = new Float64Array(exponents);
  }

  add(values: NumericValues, valid: Uint8Array | undefined, from: number, to: number): void {
    if (this.mantissaBits === 23) this.addFloats(values as Float32Array, valid, from, to);
    else this.addDoubles(values as Float64Array, valid, from, to);
    this.flush();
  }

  private addFloats(values: Float32Array, valid: Uint8Array | undefined, from: number, to: number): void {
    const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
    const acc = this.low;
    let nonFinite = 0;
    for (let i = from; i < to; i++) {
      if (valid && !valid[i]) continue;
      const b = bits[i]!;
      const e = (b >>> 23) & 0xff;
      if (e === 0xff) {
        nonFinite++;
        continue;
      }
      const m = e === 0 ? b & 0x7fffff : (b & 0x7fffff) | 0x800000;
      acc[e === 0 ? 1 : e]! += b < 0 ? -m : m;
    }
    this.nonFinite += nonFinite;
  }

  private addDoubles(values: Float64Array, valid: Uint8Array | undefined, from: number, to: number): void {
    const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
    for (let i = from; i < to; i++) {
      if (valid && !valid[i]) continue;
      const hi = words[2 * i + 1]!;
      const e = (hi >>> 20) & 0x7ff;
      if (e === 0x7ff) {
        this.nonFinite++;
        continue;
      }
      const top = (hi & 0xfffff) + (e === 0 ? 0 : 0x100000);
      const m = top * TWO32 + (words[2 * i]! >>> 0);
      const mHigh = Math.floor(m / TWO26);
      const sign = hi < 0 ? -1 : 1;
      const slot = e === 0 ? 1 : e;
      this.high[slot]! += sign * mHigh;
      this.low[slot]! += sign * (m - mHigh * TWO26);
    }
  }

  private flush(): void {
    for (let e = 1; e < this.exponents; e++) {
      const h = this.high[e]!;
      const l = this.low[e]!;
      if (h === 0 && l === 0) continue;
      const mantissas = BigInt(h) * BigInt(TWO26) + BigInt(l);
      this.total += mantissas << BigInt(e - 1);
      this.high[e] = 0;
      this.low[e] = 0;
    }
  }

  decimal(): string {
    return binaryFractionToDecimal(this.total, this.scale);
  }
}

/** Exact sum of two decimal strings (as `decimal()` writes them). */
export function addDecimals(a: string, b: string): string {
  const [x, y] = [parseDecimal(a), parseDecimal(b)];
  const scale = Math.max(x.scale, y.scale);
  const sum = x.digits * 10n ** BigInt(scale - x.scale) + y.digits * 10n ** BigInt(scale - y.scale);
  const negative = sum < 0n;
  const text = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

function parseDecimal(text: string): { digits: bigint; scale: number } {
  if (!DECIMAL.test(text)) throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
  const [whole, fraction = ''] = text.split('.');
  return { digits: BigInt(`${whole}${fraction}`), scale: fraction.length };
}
