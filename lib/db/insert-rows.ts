/**
 * Many rows in one `INSERT … SELECT FROM jsonb_to_recordset($1)`: one parameter, one statement,
 * whatever the number of rows. For the hot batch writes (a second's scheduled run starts, their
 * fires, an audit chain's group commit), where Prisma's `createMany` costs several times more
 * CPU per row (bench/scheduling/README.md). Columns a row leaves out are NULL; columns with a
 * database default are simply not listed.
 */
import { Prisma } from "../generated/prisma/client";

/** Each column's PostgreSQL type as `jsonb_to_recordset` reads it (`text`, `jsonb`, `"RunStatus"`, `text[]`…). */
export type ColumnTypes = Record<string, string>;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const quote = (name: string) => {
  if (!IDENT.test(name)) throw new Error(`Not a column or table name: ${name}`);
  return `"${name}"`;
};

/**
 * The statement inserting `rows` into `table`; values are JSON-encoded (dates as ISO strings,
 * which `timestamp(3)` columns read as UTC, as Prisma writes them).
 *
 * @example
 * await db.$executeRaw(insertRowsSql("TriggerFire", { id: "text", outcome: "text" }, [{ id: "tf_1", outcome: "started" }]));
 */
export function insertRowsSql(table: string, columns: ColumnTypes, rows: Record<string, unknown>[]): Prisma.Sql {
  const names = Object.keys(columns);
  const list = Prisma.raw(names.map(quote).join(", "));
  const defs = Prisma.raw(names.map((n) => `${quote(n)} ${columns[n]}`).join(", "));
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(names.map((n) => [n, r[n] ?? null]))));
  return Prisma.sql`insert into ${Prisma.raw(quote(table))} (${list}) select ${list} from jsonb_to_recordset(${json}::jsonb) as t(${defs})`;
}

/** {@link insertRowsSql} for a tenant table: every row gets the workspace's id, whatever it carried. */
export function insertTenantRowsSql(workspaceId: string, table: string, columns: ColumnTypes, rows: Record<string, unknown>[]): Prisma.Sql {
  return insertRowsSql(
    table,
    { ...columns, workspaceId: "text" },
    rows.map((r) => ({ ...r, workspaceId })),
  );
}
