import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { getRawPool } from "../../db/raw-pool";
import { LEDGER_CTES, ledgerRow, type LedgerCharge, type LedgerRow } from "../ledger-rows";

const WRITE_SQL = `with ${LEDGER_CTES}
select "id" from ins`;

/** Most rows one statement carries; a longer queue goes in several. */
const MAX_BATCH = 500;
const MAX_ATTEMPTS = 3;

type Pending = { row: LedgerRow; resolve: (recorded: boolean) => void; reject: (err: unknown) => void };

/**
 * Group commit for the gateway's ledger writes. A charge is written at once when no write is
 * in flight; charges that arrive meanwhile wait for it and then go together in one statement
 * (one commit, one WAL flush, each roll-up row locked once per batch instead of once per call).
 * Every caller's promise settles only after its row is committed, so a call is answered only
 * once its cost is durable. A batch the database refuses (a deadlock retried out, a bad row)
 * is written again row by row, so one bad charge never takes others with it.
 */
class LedgerWriter {
  private queue: Pending[] = [];
  private writing = false;

  submit(row: LedgerRow): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain() {
    this.writing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const recorded = await write(batch.map((p) => p.row));
          for (const p of batch) p.resolve(recorded.has(p.row.id));
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.reject(err);
            continue;
          }
          for (const p of batch) {
            try {
              p.resolve((await write([p.row])).has(p.row.id));
            } catch (alone) {
              p.reject(alone);
            }
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

async function write(rows: LedgerRow[]): Promise<Set<string>> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await getRawPool().query<{ id: string }>({ name: "gateway_ledger_write", text: WRITE_SQL, values: [JSON.stringify(rows)] });
      return new Set(res.rows.map((r) => r.id));
    } catch (err) {
      // a deadlock or serialization failure changed nothing: the statement goes again
      if (attempt >= MAX_ATTEMPTS || !/40P01|40001/.test(String((err as { code?: string }).code))) throw err;
    }
  }
}

const globalForWriter = globalThis as unknown as { __switchyardLedgerWriter?: LedgerWriter };

/**
 * Charges one gateway call to the ledger (group-committed with concurrent calls); resolves
 * once the row is committed. `recorded` is false when a row with this id was already there.
 *
 * @example
 * const { recorded } = await recordGatewayCharge(ctx, { attribution: { agent: "crew-buyer", tags: [], customerKey: null, apiKeyId }, modelId: "openai:gpt-4o-mini", usage, prices, costUsd, success: true });
 */
export async function recordGatewayCharge(ctx: WorkspaceContext, charge: LedgerCharge): Promise<{ id: string; recorded: boolean }> {
  const row = ledgerRow(ctx, charge);
  globalForWriter.__switchyardLedgerWriter ??= new LedgerWriter();
  return { id: row.id, recorded: await globalForWriter.__switchyardLedgerWriter.submit(row) };
}
