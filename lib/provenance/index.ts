/**
 * Provenance: who produced each output of a run, as a hash chain per run. Every record holds its
 * predecessor's hash and the run keeps its head hash, so an edit to any stored output is found
 * by `verifyRunProvenance`.
 *
 * This module is the interface the runtime calls; the chain behind it is in this folder:
 * `append-provenance.ts` (append under a per-run advisory lock), `verify-run-provenance.ts`,
 * `list-run-provenance.ts`, `hash.ts` (canonical JSON, RFC 8785, hashed with SHA-256).
 */
import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { appendProvenanceRecord, type ProvenanceLink } from "./append-provenance";

/**
 * One output to record. Hashes are computed here from the values given.
 *
 * What `output` must be, so verification can compare it with what is stored today:
 * - `node`: the node's output (`NodeRun.output`);
 * - `delegation`: the delegation's result envelope (`Delegation.result`);
 * - `decision`: for an approval node (`nodeId` given), the node's output; otherwise (an
 *   escalation decided by a person) `decisionOutput(approval)`, i.e. `{ decision, output,
 *   comment }` of the `Approval` row.
 */
export interface ProvenanceEntry {
  runId: string;
  /** `node` (a node's output), `delegation` (a sub-agent's result) or `decision` (a person's) */
  kind: "node" | "delegation" | "decision";
  nodeId?: string | null;
  delegationId?: string | null;
  approvalId?: string | null;
  /**
   * who produced it: `agent`, `graphId`, `graphVersion`, `model`, `routing`, `promptTemplateHash`,
   * `childRunId` (a saved graph's run), … (`graphId` and `graphVersion` default to the run's)
   */
  producer: Record<string, unknown>;
  /** what it read, by name (a need's node id, `input`, a delegation id): hashed here */
  inputs: Record<string, unknown>;
  /** the output itself: hashed here */
  output: unknown;
}

/**
 * Appends one record to the run's provenance chain, in one short transaction under the run's
 * advisory lock. Safe to call from many nodes (or delegations) of one run at once.
 *
 * @example
 * await appendProvenance(ctx, {
 *   runId, kind: "delegation", nodeId: "review", delegationId: dlg.id,
 *   producer: { agent: "pricing", kind: "inline", model: "sim:fast" },
 *   inputs: { request: envelope }, output: result,
 * });
 */
export async function appendProvenance(ctx: WorkspaceContext, entry: ProvenanceEntry): Promise<ProvenanceLink> {
  return appendProvenanceRecord(ctx, entry);
}

/**
 * The output a `decision` record of an escalation (no approval node) hashes: the person's
 * decision, the output that stands in for the sub-agent's, and the comment, as the `Approval`
 * row keeps them.
 */
export function decisionOutput(approval: { decision: string | null; output: unknown; comment?: string | null }): { decision: string | null; output: unknown; comment: string | null } {
  return { decision: approval.decision, output: approval.output ?? null, comment: approval.comment ?? null };
}

/** The shapes an escalation's decision may have been recorded in (with or without its comment; a timeout has no decision on the row). */
export function decisionOutputs(a: { decision: string | null; output: unknown; comment: string | null; status: string }): unknown[] {
  const decisions = [a.decision, ...(a.status === "expired" || !a.decision ? ["timeout"] : [])];
  return decisions.flatMap((decision) => [decisionOutput({ ...a, decision }), { decision, output: a.output ?? null }]);
}

export type { ProvenanceLink };
