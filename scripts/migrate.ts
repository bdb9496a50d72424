/**
 * `npm run db:migrate`: applies the product's migrations to DATABASE_URL (or the embedded
 * PostgreSQL in `.data/pg`) and says what it did. `npm run dev` and `npm start` do this too.
 */
import { applyMigrations, PRODUCT_MIGRATIONS_DIR } from "../lib/db/migrator";
import { resolveDatabase } from "./lib/database";

const log = (l: string) => console.log(`[db] ${l}`);
const db = await resolveDatabase(log);
try {
  const r = await applyMigrations(db.url, { dir: PRODUCT_MIGRATIONS_DIR, log });
  log(r.applied.length ? `applied ${r.applied.join(", ")}` : `up to date (${r.alreadyApplied.length} migrations)`);
} finally {
  await db.stop();
}
