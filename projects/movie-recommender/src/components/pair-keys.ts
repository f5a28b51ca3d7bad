// The (userId, movieId) pairs of the three splits as 64-bit keys in typed arrays (8 bytes a row, no
// per-row objects), to prove no pair is in two splits or twice in one. MovieLens files are sorted by
// userId then movieId, and the split keeps file order, so each split's keys usually arrive sorted (checked
// as they arrive); only an unsorted split is sorted natively. A three-way merge then finds every repeat.
import { SPLITS, type SplitName } from './qa-types.js';

export interface DuplicatePair {
  readonly userId: number;
  readonly movieId: number;
  /** The splits holding it, one entry per occurrence, e.g. `['train', 'val']` or `['test', 'test']`. */
  readonly splits: readonly SplitName[];
}

export interface PairReport {
  readonly pairs: number;
  /** Rows whose pair was already seen (in any split). */
  readonly repeats: number;
  readonly examples: readonly DuplicatePair[];
}

interface SplitKeys {
  keys: BigUint64Array;
  /** Little-endian halves of `keys`: `[2i]` movieId, `[2i + 1]` userId (as unsigned). */
  halves: Uint32Array;
  filled: number;
  sorted: boolean;
}

export class PairKeys {
  private readonly splits: Record<SplitName, SplitKeys>;

  /** `rows`: expected rows per split (from the footers); more are taken, by growing. */
  constructor(rows: Readonly<Record<SplitName, number>>) {
    const make = (n: number): SplitKeys => {
      const keys = new BigUint64Array(n);
      return { keys, halves: new Uint32Array(keys.buffer), filled: 0, sorted: true };
    };
    this.splits = { train: make(rows.train), val: make(rows.val), test: make(rows.test) };
  }

  add(split: SplitName, users: Int32Array, movies: Int32Array): void {
    const s = this.splits[split];
    if (s.filled + users.length > s.keys.length) grow(s, s.filled + users.length);
    const h = s.halves;
    let w = 2 * s.filled;
    let sorted = s.sorted;
    for (let i = 0; i < users.length; i++, w += 2) {
      const user = users[i]! >>> 0;
      const movie = movies[i]! >>> 0;
      h[w] = movie;
      h[w + 1] = user;
      if (sorted && w > 0) {
        const pu = h[w - 1]!;
        sorted = user > pu || (user === pu && movie > h[w - 2]!);
      }
    }
    s.sorted = sorted;
    s.filled += users.length;
  }

  /** Sorts what needs it and merges the three splits; keeps up to `limit` examples. */
  report(limit = 5): PairReport {
    for (const name of SPLITS) {
      const s = this.splits[name];
      if (!s.sorted) s.keys.subarray(0, s.filled).sort();
    }
    const heads = [0, 0, 0];
    const ends = SPLITS.map((n) => this.splits[n].filled);
    const halves = SPLITS.map((n) => this.splits[n].halves);
    let pairs = 0;
    let repeats = 0;
    const examples: DuplicatePair[] = [];
    let last: { user: number; movie: number; splits: SplitName[] } | undefined;
    for (;;) {
      let pick = -1;
      for (let k = 0; k < 3; k++) {
        if (heads[k]! >= ends[k]!) continue;
        if (pick < 0 || less(halves[k]!, heads[k]!, halves[pick]!, heads[pick]!)) pick = k;
      }
      if (pick < 0) break;
      const h = halves[pick]!;
      const at = 2 * heads[pick]!++;
      const user = h[at + 1]!;
      const movie = h[at]!;
      if (last && last.user === user && last.movie === movie) {
        repeats++;
        last.splits.push(SPLITS[pick]!);
        continue;
      }
      if (last && last.splits.length > 1 && examples.length < limit) examples.push(toExample(last));
      pairs++;
      last = { user, movie, splits: [SPLITS[pick]!] };
    }
    if (last && last.splits.length > 1 && examples.length < limit) examples.push(toExample(last));
    return { pairs, repeats, examples };
  }
}

function less(a: Uint32Array, i: number, b: Uint32Array, j: number): boolean {
  const ua = a[2 * i + 1]!;
  const ub = b[2 * j + 1]!;
  return ua < ub || (ua === ub && a[2 * i]! < b[2 * j]!);
}

const toExample = (p: { user: number; movie: number; splits: SplitName[] }): DuplicatePair => ({
  userId: p.user | 0,
  movieId: p.movie | 0,
  splits: p.splits,
});

function grow(s: SplitKeys, needed: number): void {
  const keys = new BigUint64Array(Math.max(needed, s.keys.length * 2));
  keys.set(s.keys.subarray(0, s.filled));
  s.keys = keys;
  s.halves = new Uint32Array(keys.buffer);
}
