import "server-only";
import type { WorkspaceContext } from "../auth/context";

type ScopedDb = WorkspaceContext["db"];
type TxCallback = Extract<Parameters<ScopedDb["$transaction"]>[0], (...args: never[]) => unknown>;

/** The workspace-scoped client inside an interactive transaction (the scope still applies). */
export type ScopedTx = Parameters<TxCallback>[0];

/**
 * Runs `fn` in a transaction on the workspace-scoped client, or inside the caller's
 * transaction when one is given, so that operations compose (the ledger row, the run totals
 * and the budget settlement of one call commit together).
 *
 * @example
 * await inTransaction(ctx, undefined, async (tx) => { … });
 */
export async function inTransaction<T>(ctx: WorkspaceContext, tx: ScopedTx | undefined, fn: (tx: ScopedTx) => Promise<T>): Promise<T> {
  if (tx) return fn(tx);
  return ctx.db.$transaction((t) => fn(t as ScopedTx), { timeout: 15_000, maxWait: 15_000 });
}
