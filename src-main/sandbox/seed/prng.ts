/**
 * The seed's own pseudo-random generator (mulberry32): tiny, fast and identical on every
 * platform and Node version, so a seed number always yields the same database. Math.random
 * is never used by the seed.
 */

/** 32-bit FNV-1a of a string, to derive independent streams from labels. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator for a named sub-stream: adding draws to one part never shifts another. */
  static derive(seed: number, ...labels: (string | number)[]): Prng {
    return new Prng(hash32(`${seed >>> 0}|${labels.join('|')}`));
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`bad range ${min}..${max}`);
    const span = max - min + 1;
    if (span > 0x100000000) throw new RangeError('range wider than 2^32');
    return min + Math.floor((this.nextUint32() / 0x100000000) * span);
  }

  /** True in `percent` out of a hundred draws. */
  percent(percent: number): boolean {
    return this.int(0, 99) < percent;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** `count` distinct items (Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = this.int(i, copy.length - 1);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }

  /** `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let out = '';
    while (out.length < length) out += String(this.nextUint32() % 10);
    return out;
  }

  /** `length` upper-case hex digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += (this.nextUint32() & 0xf).toString(16).toUpperCase();
    return out;
  }
}
