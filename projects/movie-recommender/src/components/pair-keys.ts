// The (userId, movieId) pairs of the three splits, to prove no pair is in two splits or twice in one, with
// no per-row objects. MovieLens files are sorted by userId then movieId and the split keeps file order, so
// each split's keys usually arrive sorted (checked as they arrive). The smaller splits are kept as 64-bit
// keys in typed arrays (8 bytes a row; an unsorted one is sorted natively); the largest is streamed: its
// keys are merged with the kept ones as they arrive, never stored. A streamed split whose keys arrive out
// of order is refused (`stream` returns false) and its keys are then `add`ed and sorted like the others.
// Either way one merge in key order sees every pair and counts every repeat.
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
  /** Merge position (in keys). */
  head: number;
  readonly split: number;
}

/** Counts pairs and repeats from keys seen in ascending (userId, movieId, split) order. */
class PairCounter {
  pairs = 0;
  repeats = 0;
  readonly examples: DuplicatePair[] = [];
  private user = -1;
  private movie = -1;
  private split = -1;
  private group: SplitName[] | undefined;

  constructor(private readonly limit: number) {}

  see(user: number, movie: number, split: number): void {
    if (user === this.user && movie === this.movie) {
      this.repeats++;
      (this.group ??= [SPLITS[this.split]!]).push(SPLITS[split]!);
      return;
    }
    this.close();
    this.pairs++;
    this.user = user;
    this.movie = movie;
    this.split = split;
  }

  /** Ends the current pair (keeps it as an example when it repeated). */
  close(): void {
    if (this.group && this.examples.length < this.limit)
      this.examples.push({ userId: this.user | 0, movieId: this.movie | 0, splits: this.group });
    this.group = undefined;
  }
}

export class PairKeys {
  private readonly kept = new Map<SplitName, SplitKeys>();
  private readonly rows = new Map<SplitName, number>();
  private counter: PairCounter | undefined;
  /** The smallest kept key not merged yet, while a split streams. */
  private readonly next = { user: 0, movie: 0, split: 0 };
  private streamed: { split: number; user: number; movie: number; ok: boolean } | undefined;

  /** `limit`: examples of repeated pairs kept for the report. */
  constructor(private readonly limit = 5) {}

  /** Sizes a kept split's keys for `rows` (its footer's count; more are taken, by growing). */
  reserve(split: SplitName, rows: number): void {
    this.rows.set(split, rows);
  }

  /** Keeps a row group's keys (any order; call before `stream`). */
  add(split: SplitName, users: Int32Array, movies: Int32Array): void {
    if (this.streamed?.ok) throw new Error(`pair keys: ${split} added after a split was streamed`);
    let s = this.kept.get(split);
    if (!s) {
      const keys = new BigUint64Array(Math.max(this.rows.get(split) ?? 0, users.length));
      const index = SPLITS.indexOf(split);
      s = { keys, halves: new Uint32Array(keys.buffer), filled: 0, sorted: true, head: 0, split: index };
      this.kept.set(split, s);
    }
    if (s.filled + users.length > s.keys.length) grow(s, s.filled + users.length);
    const h = s.halves;
    let w = 2 * s.filled;
    let sorted = s.sorted;
    // The previous key, as unsigned halves (none before the first: any key is in order after it).
    let pu = w > 0 ? h[w - 1]! : -1;
    let pm = w > 0 ? h[w - 2]! : -1;
    for (let i = 0; i < users.length; i++, w += 2) {
      const user = users[i]! >>> 0;
      const movie = movies[i]! >>> 0;
      h[w] = movie;
      h[w + 1] = user;
      sorted &&= user > pu || (user === pu && movie > pm);
      pu = user;
      pm = movie;
    }
    s.sorted = sorted;
    s.filled += users.length;
  }

  /**
   * Merges a row group of the streamed split (one split, after every kept split was added) without keeping
   * it. Returns false once its keys are out of order: nothing streamed counts then, and all of that split's
   * keys must be `add`ed instead.
   */
  stream(split: SplitName, users: Int32Array, movies: Int32Array): boolean {
    const index = SPLITS.indexOf(split);
    if (this.kept.has(split)) throw new Error(`pair keys: ${split} is kept, it cannot be streamed`);
    if (!this.streamed) {
      this.streamed = { split: index, user: 0, movie: 0, ok: true };
      this.counter = this.start();
    }
    const st = this.streamed;
    if (st.split !== index) throw new Error(`pair keys: ${split} streamed after ${SPLITS[st.split]}`);
    if (!st.ok) return false;
    const counter = this.counter!;
    const parts = [...this.kept.values()];
    let { user: lastUser, movie: lastMovie } = st;
    // The smallest kept key not yet merged: most streamed keys come before it and skip the kept splits.
    const next = this.next;
    this.peek(parts);
    for (let i = 0; i < users.length; i++) {
      const user = users[i]! >>> 0;
      const movie = movies[i]! >>> 0;
      if (user < lastUser || (user === lastUser && movie < lastMovie)) {
        st.ok = false;
        this.counter = undefined;
        return false;
      }
      lastUser = user;
      lastMovie = movie;
      if (
        next.user < user ||
        (next.user === user && (next.movie < movie || (next.movie === movie && next.split < index)))
      ) {
        this.drain(parts, counter, user, movie, index);
        this.peek(parts);
      }
      counter.see(user, movie, index);
    }
    st.user = lastUser;
    st.movie = lastMovie;
    return true;
  }

  /** Finishes the merge; keeps up to the constructor's `limit` examples. */
  report(): PairReport {
    if (this.streamed && !this.streamed.ok && !this.kept.has(SPLITS[this.streamed.split]!))
      throw new Error(`pair keys: ${SPLITS[this.streamed.split]} was refused and not added`);
    const counter = this.streamed?.ok ? this.counter! : this.start();
    this.drain([...this.kept.values()], counter, 2 ** 32, 0, SPLITS.length);
    counter.close();
    return { pairs: counter.pairs, repeats: counter.repeats, examples: counter.examples };
  }

  /** Sorts the kept keys that need it and rewinds them for a merge. */
  private start(): PairCounter {
    for (const s of this.kept.values()) {
      if (!s.sorted) s.keys.subarray(0, s.filled).sort();
      s.sorted = true;
      s.head = 0;
    }
    return new PairCounter(this.limit);
  }

  /** The smallest kept key not merged yet (user 2^32 when there is none). */
  private peek(parts: SplitKeys[]): void {
    const next = this.next;
    next.user = 2 ** 32;
    for (const s of parts) {
      if (s.head >= s.filled) continue;
      const u = s.halves[2 * s.head + 1]!;
      const m = s.halves[2 * s.head]!;
      if (
        u < next.user ||
        (u === next.user && (m < next.movie || (m === next.movie && s.split < next.split)))
      ) {
        next.user = u;
        next.movie = m;
        next.split = s.split;
      }
    }
  }

  /** Passes every kept key before (user, movie, split) to `counter`, in order. */
  private drain(parts: SplitKeys[], counter: PairCounter, user: number, movie: number, split: number): void {
    for (;;) {
      let pick: SplitKeys | undefined;
      let pu = user;
      let pm = movie;
      let ps = split;
      for (const s of parts) {
        if (s.head >= s.filled) continue;
        const u = s.halves[2 * s.head + 1]!;
        const m = s.halves[2 * s.head]!;
        if (u < pu || (u === pu && (m < pm || (m === pm && s.split < ps)))) {
          pick = s;
          pu = u;
          pm = m;
          ps = s.split;
        }
      }
      if (!pick) return;
      pick.head++;
      counter.see(pu, pm, ps);
    }
  }
}

function grow(s: SplitKeys, needed: number): void {
  const keys = new BigUint64Array(Math.max(needed, s.keys.length * 2));
  keys.set(s.keys.subarray(0, s.filled));
  s.keys = keys;
  s.halves = new Uint32Array(keys.buffer);
}
