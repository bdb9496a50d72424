/**
 * The database every script uses: DATABASE_URL when set (any PostgreSQL ≥ 14),
 * otherwise the embedded PostgreSQL in `.data/pg`.
 */
import path from "node:path";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

export const DATA_DIR = path.resolve(process.env.SWITCHYARD_DATA_DIR ?? ".data");

export async function resolveDatabase(log: (line: string) => void = () => {}): Promise<ResolvedDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const port = process.env.SWITCHYARD_PG_PORT ? Number(process.env.SWITCHYARD_PG_PORT) : undefined;
  const db = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "pg"), port, log });
  return { url: db.url, embedded: true, stop: db.stop };
}
