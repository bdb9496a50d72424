import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { ScopedDb } from "../db/scoped";
import { newId } from "../ids";
import { asStoredJson, hashJson, provenanceRecordHash } from "./hash";
import type { ProvenanceEntry } from "./index";

/** What appending needs of a transaction: raw statements (the scoped client's, or one of its transactions). */
export type ProvenanceTx = Pick<ScopedDb, "$queryRaw" | "$executeRaw">;

/** The record just appended: its place in the chain, which is now the run's head. */
export interface ProvenanceLink {
  seq: number;
  hash: string;
}

/**
 * The run's input and its needs' outputs (what `nodeInput` gives) as provenance inputs by name:
 * `input` for the run's input, a need's node id for its output.
 *
 * @example
 * provenanceInputs({ input: { q: 1 }, upstream: { fetch: "…" } }); // { input: { q: 1 }, fetch: "…" }
 */
export function provenanceInputs(nodeInput: unknown): Record<string, unknown> {
  if (!nodeInput || typeof nodeInput !== "object" || Array.isArray(nodeInput)) return nodeInput === undefined || nodeInput === null ? {} : { input: nodeInput };
  const { input, upstream } = nodeInput as { input?: unknown; upstream?: Record<string, unknown> };
  return { ...(upstream ?? {}), ...(input !== undefined ? { input } : {}) };
}

function checkEntry(e: ProvenanceEntry) {
  if (e.kind === "node" && !e.nodeId) throw new Error("appendProvenance: a node record needs its nodeId.");
  if (e.kind === "delegation" && !e.delegationId) throw new Error("appendProvenance: a delegation record needs its delegationId.");
  if (e.kind === "decision" && !e.approvalId) throw new Error("appendProvenance: a decision record needs its approvalId.");
}

/**
 * Appends one record inside a transaction the caller holds (so an output and its record are
 * written together): takes the run's advisory lock, reads its head, hashes the inputs, the output
 * and the record, inserts it and moves the head, in three statements. Records of one run are
 * appended one at a time whatever the number of nodes finishing together; runs do not wait on
 * each other. The producer gets the run's graph id and version unless it names them.
 *
 * @throws Error if the run is not in the transaction's workspace, or the entry lacks the id its kind needs.
 */
export async function appendProvenanceIn(tx: ProvenanceTx, workspaceId: string, entry: ProvenanceEntry): Promise<ProvenanceLink> {
  checkEntry(entry);
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`provenance:${entry.runId}`}, 0))`;
  const [run] = await tx.$queryRaw<{ seq: number; head: string | null; graphId: string; version: number }[]>`
    select "provenanceSeq" as seq, "provenanceHead" as head, "graphId", "version" from "Run" where id = ${entry.runId} and "workspaceId" = ${workspaceId}`;
  if (!run) throw new Error(`appendProvenance: run ${entry.runId} is not in workspace ${workspaceId}.`);
  const producer = asStoredJson({ graphId: run.graphId, graphVersion: run.version, ...entry.producer });
  const inputHashes = Object.fromEntries(Object.entries(entry.inputs).map(([name, value]) => [name, hashJson(asStoredJson(value))]));
  const body = {
    prevHash: run.head,
    seq: run.seq + 1,
    kind: entry.kind,
    runId: entry.runId,
    nodeId: entry.nodeId ?? null,
    delegationId: entry.delegationId ?? null,
    approvalId: entry.approvalId ?? null,
    producer,
    inputHashes,
    outputHash: hashJson(asStoredJson(entry.output)),
  };
  const hash = provenanceRecordHash(body);
  await tx.$executeRaw`
    with ins as (
      insert into "ProvenanceRecord" ("id", "workspaceId", "runId", "seq", "kind", "nodeId", "delegationId", "approvalId", "producer", "inputHashes", "outputHash", "prevHash", "hash", "createdAt")
      values (${newId("provenance")}, ${workspaceId}, ${body.runId}, ${body.seq}, ${body.kind}, ${body.nodeId}, ${body.delegationId}, ${body.approvalId},
              ${JSON.stringify(producer)}::jsonb, ${JSON.stringify(inputHashes)}::jsonb, ${body.outputHash}, ${body.prevHash}, ${hash}, now())
      returning 1
    )
    update "Run" set "provenanceHead" = ${hash}, "provenanceSeq" = ${body.seq} where id = ${body.runId} and "workspaceId" = ${workspaceId}`;
  return { seq: body.seq, hash };
}

/** `appendProvenance` in a transaction of its own. */
export async function appendProvenanceRecord(ctx: WorkspaceContext, entry: ProvenanceEntry): Promise<ProvenanceLink> {
  return ctx.db.$transaction((tx) => appendProvenanceIn(tx, ctx.workspace.id, entry));
}
