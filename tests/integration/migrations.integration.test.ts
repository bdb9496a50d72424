/**
 * The migrations in prisma/migrations produce exactly prisma/schema.prisma:
 * one database is built by applying the migrations, another from the schema
 * itself (Prisma's own SQL for it), and their catalogues must be identical.
 * Also: re-applying the migrations changes nothing.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, PRODUCT_MIGRATIONS_DIR } from "../../lib/db/migrator";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/test-database";

const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const db of dbs) await db.drop();
});

async function catalogue(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows.map((r) => JSON.stringify(r));
    return {
      columns: await q(`select table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, numeric_scale
                         from information_schema.columns where table_schema = 'public' and table_name <> '_prisma_migrations' order by 1, 2`),
      indexes: await q(`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' and tablename <> '_prisma_migrations' order by 1, 2`),
      constraints: await q(`select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def from pg_constraint
                             where connamespace = 'public'::regnamespace and conrelid::regclass::text <> '_prisma_migrations' order by 1, 2`),
      enums: await q(`select t.typname, array_agg(e.enumlabel order by e.enumsortorder) as labels from pg_type t join pg_enum e on e.enumtypid = t.oid group by 1 order by 1`),
    };
  } finally {
    await client.end();
  }
}

function schemaSql(databaseUrl: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sy-drift-"));
  const schema = fs.readFileSync("prisma/schema.prisma", "utf8").replace(/datasource db \{([^}]*)\}/, (_m, b) => `datasource db {${b}  url = env("DATABASE_URL")\n}`);
  fs.writeFileSync(path.join(tmp, "schema.prisma"), schema);
  const r = spawnSync(
    process.execPath,
    ["node_modules/prisma-cli-6/build/index.js", "migrate", "diff", "--config", "prisma/migrate.config.ts", "--from-empty", "--to-schema-datamodel", path.join(tmp, "schema.prisma"), "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_QUERY_ENGINE_LIBRARY: process.execPath, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" } },
  );
  if (r.status !== 0) throw new Error(`prisma migrate diff failed: ${r.stderr}`);
  return r.stdout;
}

describe("migrations", () => {
  it("produce exactly the schema in prisma/schema.prisma (no drift)", async () => {
    const migrated = await createTestDatabase("drift_migrated", { empty: true });
    const fromSchema = await createTestDatabase("drift_schema", { empty: true });
    dbs.push(migrated, fromSchema);
    await applyMigrations(migrated.url, { dir: PRODUCT_MIGRATIONS_DIR });
    const sql = schemaSql(fromSchema.url);
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(sql);
    await client.end();
    const [a, b] = await Promise.all([catalogue(migrated.url), catalogue(fromSchema.url)]);
    expect(a.columns.length).toBeGreaterThan(100);
    expect(a).toEqual(b);
  });

  it("are idempotent: a second pass applies nothing and changes nothing", async () => {
    const db = await createTestDatabase("migrate_twice", { empty: true });
    dbs.push(db);
    const first = await applyMigrations(db.url, { dir: PRODUCT_MIGRATIONS_DIR });
    expect(first.applied.length).toBeGreaterThan(0);
    const before = await catalogue(db.url);
    const second = await applyMigrations(db.url, { dir: PRODUCT_MIGRATIONS_DIR });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
    expect(await catalogue(db.url)).toEqual(before);
  });

  it("record each migration the way Prisma does (name, sha256 checksum, finished)", async () => {
    const db = await createTestDatabase("migrate_record", { empty: true });
    dbs.push(db);
    await applyMigrations(db.url, { dir: PRODUCT_MIGRATIONS_DIR });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(`select migration_name, checksum, finished_at, applied_steps_count from "_prisma_migrations" order by 1`);
    await client.end();
    const dirs = fs.readdirSync(PRODUCT_MIGRATIONS_DIR).filter((d) => fs.existsSync(path.join(PRODUCT_MIGRATIONS_DIR, d, "migration.sql"))).sort();
    expect(rows.map((r) => r.migration_name)).toEqual(dirs);
    for (const r of rows) {
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.finished_at).toBeInstanceOf(Date);
    }
  });
});
