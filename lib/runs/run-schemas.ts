/**
 * What the runs API answers, as zod schemas: the OpenAPI document declares them and the
 * integration tests check real answers against them. Pure: no server imports.
 */
import { z } from "zod";
import { ZDateTime, ZDateTimeOrNull, ZJson, ZNextCursor } from "../api/wire";
import { RUN_STATUSES } from "./list-runs-query";

export const NODE_RUN_STATUSES = [...RUN_STATUSES, "skipped"] as const;
export const ZRunStatus = z.enum(RUN_STATUSES);

/** Why a run or a node failed (null while it has not): a message for people, a product code, and what else the runtime recorded. */
export const ZRunError = z.looseObject({ message: z.string(), code: z.string().optional(), name: z.string().optional(), retryable: z.boolean().optional() }).nullable();

/** One node's run inside `GET /runs/{id}`. */
export const ZNodeRun = z.object({
  nodeId: z.string(),
  type: z.string(),
  status: z.enum(NODE_RUN_STATUSES),
  attempts: z.number().int(),
  model: z.string().nullable(),
  provider: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number(),
  input: ZJson,
  output: ZJson,
  error: ZRunError,
  /** where the output came from: `simulated` for a stand-in model's, the producer's details otherwise */
  provenance: z.object({ simulated: z.boolean().optional() }).catchall(z.unknown()).nullable(),
  startedAt: ZDateTimeOrNull,
  endedAt: ZDateTimeOrNull,
});

/** `GET /runs/{id}`: a run with every node run. */
export const ZRun = z.object({
  id: z.string(),
  status: ZRunStatus,
  graphId: z.string(),
  graphVersion: z.number().int(),
  graphVersionId: z.string(),
  input: ZJson,
  output: ZJson,
  error: ZRunError,
  tags: z.array(z.string()),
  customerKey: z.string().nullable(),
  pausedReason: z.string().nullable(),
  parentRunId: z.string().nullable(),
  rerunOfId: z.string().nullable(),
  rerunFromNode: z.string().nullable(),
  startedBy: z.string().nullable(),
  graphName: z.string().describe("The graph's current name"),
  names: z.record(z.string(), z.string()).describe("Whom the actor refs in the outputs and startedBy name (`user:…`, `apikey:…` → a person or a key), for screens to show names"),
  costUsd: z.number().describe("What the run has cost so far, in US dollars"),
  createdAt: ZDateTime,
  startedAt: ZDateTimeOrNull,
  endedAt: ZDateTimeOrNull,
  nodes: z.array(ZNodeRun),
});

/** One row of `GET /runs`. */
export const ZRunListItem = z.object({
  id: z.string(),
  graphId: z.string(),
  graphName: z.string(),
  version: z.number().int(),
  status: ZRunStatus,
  tags: z.array(z.string()),
  customerKey: z.string().nullable(),
  parentRunId: z.string().nullable(),
  pausedReason: z.string().nullable(),
  triggerId: z.string().nullable(),
  trigger: z.object({ id: z.string(), name: z.string(), type: z.string(), fireId: z.string().nullable() }).nullable(),
  startedBy: z.object({ kind: z.enum(["user", "apiKey", "trigger", "run", "other"]), label: z.string() }).nullable(),
  costUsd: z.number(),
  durationMs: z.number().nullable(),
  createdAt: ZDateTime,
  startedAt: ZDateTimeOrNull,
  endedAt: ZDateTimeOrNull,
});

export const ZListRunsResponse = z.object({ runs: z.array(ZRunListItem), nextCursor: ZNextCursor });

/** `POST /graphs/{id}/runs`: 202 for a new run, 200 for one that already existed. */
export const ZStartRunResponse = z.object({
  runId: z.string(),
  status: ZRunStatus,
  version: z.number().int(),
  admission: z.enum(["started", "duplicate", "debounced", "coalesced"]),
});

/** Body of `POST /runs/{id}/rerun`. */
export const ZRerunRequestSchema = z.object({ fromNode: z.string().min(1).max(100).optional() });

export const ZCancelRunResponse = z.object({ id: z.string(), status: z.literal("cancelled") });
export const ZRerunRunResponse = z.object({ runId: z.string(), rerunOf: z.string(), fromNode: z.string().nullable() });
export const ZMigrateRunResponse = z.object({ id: z.string(), version: z.number().int(), from: z.number().int() });

export const ZTraceEvent = z.object({
  id: z.string(),
  runId: z.string(),
  workspaceId: z.string(),
  nodeId: z.string().nullable(),
  type: z.string(),
  level: z.string(),
  message: z.string().nullable(),
  data: ZJson,
  createdAt: ZDateTime,
});
export const ZRunTraceResponse = z.object({ events: z.array(ZTraceEvent) });

/** A delegation of a supervisor node, with its child run's delegations. */
export const ZDelegation: z.ZodType = z.lazy(() =>
  z.object({
    id: z.string(),
    nodeId: z.string(),
    seq: z.number().int(),
    turn: z.number().int().nullable(),
    agent: z.string(),
    kind: z.string(),
    status: z.string(),
    request: ZJson,
    result: ZJson,
    confidence: z.number().nullable(),
    costUsd: z.number(),
    childRunId: z.string().nullable(),
    approvalId: z.string().nullable(),
    fallbackFor: z.string().nullable(),
    startedAt: ZDateTime,
    endedAt: ZDateTimeOrNull,
    children: z.array(ZDelegation),
  }),
);
export const ZRunDelegationsResponse = z.object({ data: z.array(ZDelegation) });

export const ZProvenanceRecord = z.object({
  seq: z.number().int(),
  kind: z.string(),
  nodeId: z.string().nullable(),
  delegationId: z.string().nullable(),
  approvalId: z.string().nullable(),
  producer: z.record(z.string(), z.unknown()),
  inputHashes: ZJson,
  outputHash: z.string(),
  prevHash: z.string().nullable(),
  hash: z.string(),
  createdAt: ZDateTime,
  superseded: z.boolean(),
  inputs: z.array(z.object({ name: z.string(), hash: z.string(), source: z.object({ nodeId: z.string(), seq: z.number().int() }).nullable() })),
  childRunId: z.string().nullable(),
  delegation: z
    .object({
      id: z.string(),
      status: z.string(),
      nodeId: z.string(),
      seq: z.number().int(),
      agent: z.string(),
      kind: z.string(),
      confidence: z.number().nullable(),
      childRunId: z.string().nullable(),
    })
    .nullable(),
  approval: z.object({ id: z.string(), status: z.string(), kind: z.string(), title: z.string(), decision: z.string().nullable() }).nullable(),
});
export const ZRunProvenanceResponse = z.object({
  runId: z.string(),
  head: z.string().nullable(),
  headSeq: z.number().int(),
  parent: z.object({ runId: z.string(), nodeId: z.string().nullable() }).nullable(),
  records: z.array(ZProvenanceRecord),
});

const ZBrokenLink = z.object({
  seq: z.number().int().nullable(),
  kind: z.string().nullable(),
  nodeId: z.string().nullable(),
  delegationId: z.string().nullable(),
  approvalId: z.string().nullable(),
  reason: z.string(),
});
export const ZVerifyProvenanceResponse = z.object({
  ok: z.boolean(),
  runId: z.string(),
  records: z.number().int(),
  head: z.string().nullable(),
  headSeq: z.number().int(),
  firstBroken: ZBrokenLink.optional(),
  broken: z.array(ZBrokenLink),
});
