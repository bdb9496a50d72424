/**
 * Who a cost belongs to. The same shape drives budget matching, the ledger row and reports.
 */

export interface SpendAttribution {
  runId?: string | null;
  /** The top run of a delegation tree (the run itself when it has no parent). */
  rootRunId?: string | null;
  graphId?: string | null;
  graphVersionId?: string | null;
  graphVersion?: number | null;
  nodeId?: string | null;
  /** Node id for graph agents, `x-switchyard-agent` for external agents. */
  agent?: string | null;
  attempt?: number;
  tags?: string[];
  customerKey?: string | null;
  triggerId?: string | null;
  apiKeyId?: string | null;
}

/** A run above the spending one in a delegation tree; its per-run budgets also hold the spend. */
export interface AncestorRun {
  runId: string;
  graphId: string;
  graphVersionId: string;
  tags: string[];
  customerKey: string | null;
  /** The node of this ancestor that delegated (its per-node budgets hold the spend too). */
  delegatingNodeId: string | null;
}

/** Attribution of one call plus the runs above it. */
export interface SpendContext extends SpendAttribution {
  ancestors: AncestorRun[];
}
