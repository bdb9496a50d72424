/**
 * Detects an agent stuck calling the same tool with the same arguments. Arguments are compared
 * in canonical JSON form (RFC 8785), so `{a:1,b:2}` and `{b:2,a:1}` are the same call.
 */
import canonicalize from "canonicalize";

/**
 * Counts identical tool calls within one run.
 *
 * @example
 * const loops = new LoopDetector(3);
 * loops.record("search", { q: "x" }); // 1
 * loops.record("search", { q: "x" }); // 2
 * loops.record("search", { q: "x" }); // 3 → loops.isLoop(3) is true
 */
export class LoopDetector {
  readonly #counts = new Map<string, number>();
  readonly threshold: number;

  constructor(threshold: number) {
    this.threshold = threshold;
  }

  /** Records a call and returns how many times this exact call has now been made. */
  record(toolName: string, args: unknown): number {
    const key = `${toolName}\u0000${canonicalize(args) ?? "null"}`;
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, count);
    return count;
  }

  /** Whether `count` identical calls make a loop. */
  isLoop(count: number): boolean {
    return count >= this.threshold;
  }
}
