/**
 * Strings PostgreSQL cannot store and no person means to send: NUL (`\u0000`) and UTF-16
 * surrogates that are not part of a pair. Returns why `s` is refused, or null.
 *
 * @example textProblem("ok") // null
 * @example textProblem("a\u0000b") // "must not contain the NUL character (\\u0000)"
 */
export function textProblem(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return "must not contain the NUL character (\\u0000)";
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return "must be valid Unicode (it has a lone UTF-16 surrogate)";
    }
    if (c >= 0xdc00 && c <= 0xdfff) return "must be valid Unicode (it has a lone UTF-16 surrogate)";
  }
  return null;
}
