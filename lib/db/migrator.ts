/**
 * Applies SQL migrations kept in Prisma's layout (`<dir>/<name>/migration.sql`)
 * and records them in a `_prisma_migrations`-compatible table, so that
 * `prisma migrate status` agrees on a machine that has Prisma's schema engine.
 *
 * Each migration runs in its own transaction; the whole pass holds an advisory
 * lock so that several processes starting at once apply each migration once.
 * Re-running changes nothing. A migration whose file changed after it was
 * applied is reported, never silently re-applied.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export interface MigrateOptions {
  /** folder holding `<name>/migration.sql` */
  dir: string;
  /** schema-qualified name of the bookkeeping table */
  table?: string;
  /** advisory lock key; distinct per migration set */
  lockKey?: number;
  log?: (line: string) => void;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export function listMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function applyMigrations(databaseUrl: string, opts: MigrateOptions): Promise<MigrateResult> {
  const table = opts.table ?? `"_prisma_migrations"`;
  const lockKey = opts.lockKey ?? 72707369; // the key Prisma's own migrate uses
  const log = opts.log ?? (() => {});
  const migrations = listMigrations(opts.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  try {
    await client.query("select pg_advisory_lock($1)", [lockKey]);
    await client.query(`create table if not exists ${table} (
      "id" varchar(36) primary key not null,
      "checksum" varchar(64) not null,
      "finished_at" timestamptz,
      "migration_name" varchar(255) not null,
      "logs" text,
      "rolled_back_at" timestamptz,
      "started_at" timestamptz not null default now(),
      "applied_steps_count" integer not null default 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `select migration_name, checksum, finished_at from ${table} where rolled_back_at is null`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    for (const m of migrations) {
      const prior = done.get(m.name);
      if (prior?.finished_at) {
        if (prior.checksum !== m.checksum) {
          log(`warning: migration ${m.name} was modified after it was applied (checksum differs)`);
        }
        result.alreadyApplied.push(m.name);
        continue;
      }
      if (prior && !prior.finished_at) {
        throw new Error(
          `Migration ${m.name} started earlier but never finished. Inspect the database, then mark it ` +
            `rolled back (update ${table} set rolled_back_at = now() where migration_name = '${m.name}') and retry.`,
        );
      }
      const id = randomUUID();
      await client.query("begin");
      try {
        await client.query(m.sql);
        await client.query(
          `insert into ${table} (id, checksum, finished_at, migration_name, applied_steps_count) values ($1, $2, now(), $3, 1)`,
          [id, m.checksum, m.name],
        );
        await client.query("commit");
      } catch (err) {
        await client.query("rollback");
        throw new Error(`Migration ${m.name} failed and was rolled back: ${(err as Error).message}`);
      }
      log(`applied migration ${m.name}`);
      result.applied.push(m.name);
    }
  } finally {
    await client.query("select pg_advisory_unlock($1)", [lockKey]).catch(() => {});
    await client.end();
  }
  return result;
}

export const PRODUCT_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");
