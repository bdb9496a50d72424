/**
 * The engine protocol carries a sleep's or a wait's duration in whole seconds: the SDK drops
 * the rest, so a `sleep: "1500ms"` would end after 1 s. Rounded up here, a durable wait lasts
 * at least what the spec says (its resolution is one second).
 *
 * @example
 * durableMs(1500); // 2000
 * durableMs(0); // 0
 */
export function durableMs(ms: number): number {
  return ms > 0 ? Math.ceil(ms / 1000) * 1000 : 0;
}
