/**
 * Fresh PostgreSQL databases for integration tests, on the server named by
 * DATABASE_URL (scripts/with-db.ts starts the embedded one when unset).
 * Product migrations are applied once into a template database; each test
 * file then gets a copy (CREATE DATABASE … TEMPLATE), which takes ~50 ms.
 * A database is dropped when its test passes and kept when KEEP_TEST_DB=1.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations, listMigrations, PRODUCT_MIGRATIONS_DIR } from "../db/migrator";
import { testSettings } from "../env";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function serverUrl(): string {
  const url = testSettings.databaseUrl();
  if (!url) throw new Error("DATABASE_URL is not set: run tests through `npm test` (scripts/with-db.ts starts PostgreSQL).");
  return url;
}

async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl(), "postgres") });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** Name of a template that holds exactly the current migrations. */
async function ensureTemplate(): Promise<string> {
  const migrations = listMigrations(PRODUCT_MIGRATIONS_DIR);
  const { createHash } = await import("node:crypto");
  const digest = createHash("sha256").update(migrations.map((m) => m.checksum).join(",")).digest("hex").slice(0, 12);
  const name = `sy_template_${digest}`;
  const exists = await adminQuery("select 1 from pg_database where datname = $1", [name]);
  if (exists.rowCount) return name;
  // Several test workers may race here: build under another name, then rename.
  const building = `${name}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`create database "${building}"`);
  await applyMigrations(withDatabase(serverUrl(), building), { dir: PRODUCT_MIGRATIONS_DIR });
  try {
    await adminQuery(`alter database "${building}" rename to "${name}"`);
  } catch {
    await adminQuery(`drop database if exists "${building}"`);
  }
  return name;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

/** A new database with the product schema migrated in. */
export async function createTestDatabase(label = "test", opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `sy_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase().slice(0, 30)}_${randomBytes(4).toString("hex")}`;
  if (opts.empty) {
    await adminQuery(`create database "${name}"`);
  } else {
    const template = await ensureTemplate();
    await adminQuery(`create database "${name}" template "${template}"`);
  }
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: async () => {
      if (testSettings.keepDatabases()) return;
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}
