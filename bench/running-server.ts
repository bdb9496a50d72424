/**
 * What the benchmarks that run against a started server (`npm start` / `npm run dev`) share:
 * the owner key the server was started with, its database, and a quantile.
 */
import fs from "node:fs";
import path from "node:path";

/** `SWITCHYARD_BOOTSTRAP_API_KEY`, or the process ends saying how to set it. */
export function serverKey(): string {
  const key = process.env.SWITCHYARD_BOOTSTRAP_API_KEY;
  if (!key) {
    console.error("Set SWITCHYARD_BOOTSTRAP_API_KEY to the server's bootstrap API key (the same value the server was started with).");
    process.exit(2);
  }
  return key;
}

/** The server's database: DATABASE_URL, or the embedded one of `<SWITCHYARD_DATA_DIR or .data>/pg.json`. */
export function databaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = path.join(process.env.SWITCHYARD_DATA_DIR ?? ".data", "pg.json");
  const { port } = JSON.parse(fs.readFileSync(file, "utf8")) as { port: number };
  return `postgres://postgres:switchyard@127.0.0.1:${port}/switchyard`;
}

/** The `q` quantile of `xs`, interpolated. */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.ceil(at)]! - s[lo]!) * (at - lo);
}
