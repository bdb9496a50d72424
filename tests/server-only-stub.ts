// Vitest runs server modules directly; `server-only` throws outside React's
// server condition, so tests load this empty module in its place.
export {};
