/**
 * The delegations of a run as `GET /api/v1/runs/:id/delegations` answers them, and pure helpers
 * the delegation tree draws with.
 */

/** `running`, a delegation result's status, or `unavailable` (its breaker was open). */
export type TDelegationStatus = "running" | "done" | "escalate" | "uncertain" | "failed" | "rejected" | "unavailable";

export interface TDelegationNode {
  id: string;
  /** the supervisor or map node */
  nodeId: string;
  /** a supervisor's delegations from 1; a map's items from 0 */
  seq: number;
  /** the supervisor's planning turn that asked for it */
  turn: number | null;
  /** the sub-agent's name (a map: the node id) */
  agent: string;
  /** `inline`, `graph`, `a2a` or `http` */
  kind: string;
  status: string;
  request: { task?: string; context?: unknown; constraints?: string[]; budget?: { usd?: number; maxTurns?: number }; deadline?: string } | null;
  result: { status?: string; output?: unknown; confidence?: number; rationale?: string; costUsd?: number } | null;
  confidence: number | null;
  /** a decimal: a number or its string form */
  costUsd: number | string | null;
  childRunId: string | null;
  approvalId: string | null;
  fallbackFor: string | null;
  startedAt: string | null;
  endedAt: string | null;
  /** delegations inside the child run (a saved graph that supervises in turn) */
  children?: TDelegationNode[];
}

export interface TDelegationsPage {
  data: TDelegationNode[];
}

type Tone = "slate" | "green" | "amber" | "red" | "blue";

/** Each status as text, an icon (a glyph, never alone) and a tone. */
const STATUS: Record<TDelegationStatus, { label: string; icon: string; tone: Tone }> = {
  running: { label: "Running", icon: "…", tone: "blue" },
  done: { label: "Done", icon: "✓", tone: "green" },
  escalate: { label: "Escalated", icon: "⚑", tone: "amber" },
  uncertain: { label: "Uncertain", icon: "?", tone: "amber" },
  failed: { label: "Failed", icon: "✕", tone: "red" },
  rejected: { label: "Out of scope", icon: "⊘", tone: "slate" },
  unavailable: { label: "Unavailable (breaker open)", icon: "⊗", tone: "red" },
};

/** How a delegation status is shown; an unknown one is shown as itself. */
export function delegationStatus(status: string): { label: string; icon: string; tone: Tone } {
  return (STATUS as Record<string, (typeof STATUS)[TDelegationStatus]>)[status] ?? { label: status, icon: "•", tone: "slate" };
}

const KIND_LABEL: Record<string, string> = { inline: "inline agent", agent: "inline agent", graph: "saved graph", a2a: "A2A agent", http: "HTTP agent", map: "map item" };
export const delegationKind = (kind: string) => KIND_LABEL[kind] ?? kind;

/** A decimal cost (number or string) as a number. */
export const costOf = (d: Pick<TDelegationNode, "costUsd">): number => (d.costUsd == null ? 0 : Number(d.costUsd) || 0);

/** Delegations grouped by their node, each group in `seq` order, groups in first-start order. */
export function groupByNode(delegations: readonly TDelegationNode[]): { nodeId: string; items: TDelegationNode[] }[] {
  const groups = new Map<string, TDelegationNode[]>();
  for (const d of delegations) groups.set(d.nodeId, [...(groups.get(d.nodeId) ?? []), d]);
  return [...groups].map(([nodeId, items]) => ({ nodeId, items: [...items].sort((a, b) => a.seq - b.seq) }));
}

/** Counts per status and the total cost of a group, including nested runs' delegations. */
export function summarise(delegations: readonly TDelegationNode[]): { count: number; costUsd: number; byStatus: Record<string, number> } {
  const byStatus: Record<string, number> = {};
  let costUsd = 0;
  for (const d of delegations) {
    byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    costUsd += costOf(d);
  }
  return { count: delegations.length, costUsd, byStatus };
}
