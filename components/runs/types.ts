/** Shapes of the REST API responses the runs screens read (see app/api/v1/runs). */
export const RUN_STATUSES = ["queued", "running", "waiting", "paused", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type NodeStatus = RunStatus | "skipped";

/** Statuses in which a run can still change (and may be cancelled). */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ["queued", "running", "waiting", "paused"];
export const isActiveRun = (s: string | undefined): boolean => !!s && (ACTIVE_RUN_STATUSES as readonly string[]).includes(s);

export interface RunSummary {
  id: string;
  graphId: string;
  graphName: string;
  version: number;
  status: RunStatus;
  tags: string[];
  customerKey: string | null;
  costUsd: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  pausedReason: string | null;
  parentRunId: string | null;
  /** the trigger fire that started it (links to that fire on the Schedules page) */
  trigger: { id: string; name: string; type: string; fireId: string | null } | null;
  /** who or what asked for it */
  startedBy: { kind: "user" | "apiKey" | "trigger" | "run" | "other"; label: string } | null;
}

export interface RunsPage {
  runs: RunSummary[];
  nextCursor: string | null;
}

export interface NodeRun {
  nodeId: string;
  type: string;
  status: NodeStatus;
  attempts: number;
  model: string | null;
  provider: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  input: unknown;
  output: unknown;
  error: unknown;
  provenance: { simulated?: boolean; [k: string]: unknown } | null;
  startedAt: string | null;
  endedAt: string | null;
}

export interface RunDetail {
  id: string;
  status: RunStatus;
  graphId: string;
  /** the graph's current name */
  graphName: string;
  graphVersion: number;
  input: unknown;
  output: unknown;
  error: unknown;
  tags: string[];
  customerKey: string | null;
  pausedReason: string | null;
  parentRunId: string | null;
  rerunOfId: string | null;
  rerunFromNode: string | null;
  /** who or what started it, as stored: `user:<id>`, `apikey:<id>`, `trigger:<id>`, `run:<id>` */
  startedBy: string | null;
  costUsd: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  nodes: NodeRun[];
  /** whom the actor refs in the outputs name (`"user:usr_…"` → "Ada Lovelace <ada@…>") */
  names?: Record<string, string>;
}

export interface TraceEvent {
  id: string;
  nodeId: string | null;
  type: string;
  level: string;
  message: string | null;
  data: unknown;
  createdAt: string;
}

export interface SpecNode {
  id: string;
  type: string;
  needs?: string[];
  description?: string;
  position?: { x: number; y: number };
}

export interface GraphVersion {
  graphId: string;
  version: number;
  message: string | null;
  createdAt: string;
  spec: { name?: string; nodes: SpecNode[] };
}

export interface GraphListItem {
  id: string;
  name: string;
  version: number;
}
