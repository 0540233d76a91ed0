/**
 * A sorted set of non-negative integers in one growable Int32Array: 4 bytes per member, so a
 * group of a million users costs 4 MB. Inserts and removals shift memory (rare: scenario steps);
 * reads are index arithmetic.
 */
export class SortedIntList {
  private items: Int32Array;
  private count = 0;

  constructor(capacity = 8) {
    this.items = new Int32Array(Math.max(4, capacity));
  }

  /** Builds from values already ascending and unique (the generator's fill order). */
  static fromSorted(values: Int32Array, length: number): SortedIntList {
    const list = new SortedIntList(length);
    list.items.set(values.subarray(0, length));
    list.count = length;
    return list;
  }

  get length(): number {
    return this.count;
  }

  at(k: number): number {
    return this.items[k] as number;
  }

  /** Appends a value known to be larger than every member (bulk fill during generation). */
  pushLargest(value: number): void {
    this.ensure(this.count + 1);
    this.items[this.count++] = value;
  }

  private ensure(size: number): void {
    if (size <= this.items.length) return;
    const grown = new Int32Array(Math.max(size, this.items.length * 2));
    grown.set(this.items.subarray(0, this.count));
    this.items = grown;
  }

  /** First position whose value is ≥ `value`. */
  lowerBound(value: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(value: number): boolean {
    const k = this.lowerBound(value);
    return k < this.count && this.items[k] === value;
  }

  insert(value: number): boolean {
    const k = this.lowerBound(value);
    if (k < this.count && this.items[k] === value) return false;
    this.ensure(this.count + 1);
    this.items.copyWithin(k + 1, k, this.count);
    this.items[k] = value;
    this.count++;
    return true;
  }

  remove(value: number): boolean {
    const k = this.lowerBound(value);
    if (k >= this.count || this.items[k] !== value) return false;
    this.items.copyWithin(k, k + 1, this.count);
    this.count--;
    return true;
  }

  toArray(): number[] {
    return Array.from(this.items.subarray(0, this.count));
  }
}
