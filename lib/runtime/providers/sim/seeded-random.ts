/**
 * Deterministic randomness for the simulated provider: the same prompt always yields the
 * same seed, and the same seed the same sequence, so simulated runs are reproducible.
 */
import { createHash } from "node:crypto";

/** A seeded pseudo-random source. */
export interface SeededRandom {
  /** The seed as hex, reported in provider metadata so a response can be traced to it. */
  readonly seed: string;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/**
 * A seeded generator (mulberry32) whose seed is a SHA-256 of `text`.
 *
 * @example
 * const a = createSeededRandom("prompt"), b = createSeededRandom("prompt");
 * a.int(1, 6) === b.int(1, 6); // true
 */
export function createSeededRandom(text: string): SeededRandom {
  const digest = createHash("sha256").update(text).digest();
  let state = digest.readUInt32LE(0);
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed: digest.subarray(0, 8).toString("hex"),
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}
