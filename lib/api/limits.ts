/**
 * What the API accepts, in one place (documented in lib/api/README.md). Requests over a limit
 * are refused with a 4xx naming the field and the limit, before any work is done.
 */
export const API_LIMITS = {
  /** Largest JSON request body, in bytes (413 above it). */
  maxBodyBytes: 1024 * 1024,
  /** Deepest nesting of objects and arrays in a JSON body (422 above it). */
  maxJsonDepth: 64,
  /** Longest path segment an id or name may have (400 above it). */
  maxPathParamLength: 200,
  /** Longest query string, in characters after `?` (414 above it). */
  maxQueryLength: 4096,
} as const;
