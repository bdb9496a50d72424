/**
 * A Prisma client bound to one workspace. Every read and write on a tenant
 * model gets `workspaceId` forced into its `where` (and into `data` on create),
 * so a handler that holds a scoped client cannot reach another workspace's
 * rows, whatever ids it is given: "not yours" and "does not exist" are the
 * same 404. Identity models (User, OAuthAccount, LoginAttempt) are not
 * reachable through it at all.
 *
 * Write with scalar foreign keys (`graphId: …`), not nested `connect`, so the
 * injected `workspaceId` always applies.
 */
import { getPrisma } from "./client";

/** Models that carry a `workspaceId` column. */
export const TENANT_MODELS = new Set([
  "Membership",
  "Invitation",
  "ApiKey",
  "ProviderCredential",
  "Secret",
  "McpServer",
  "Graph",
  "GraphVersion",
  "Trigger",
  "TriggerFire",
  "Run",
  "NodeRun",
  "Delegation",
  "ProvenanceRecord",
  "A2ATask",
  "TraceEvent",
  "Approval",
  "ApprovalVote",
  "ApprovalEvent",
  "CostEntry",
  "Budget",
  "BudgetWindow",
  "BudgetReservation",
  "CircuitBreaker",
  "BreakerEvent",
  "AuditEvent",
  "Notification",
  "WebhookEndpoint",
  "RateLimitWindow",
  "CostDaily",
  "CostDailyCustomer",
  "CostMonthlyCustomer",
  "RunForecast",
  "WebhookDelivery",
  "CostDailyTag",
]);

const READS_AND_FILTERED_WRITES = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown };

function withoutWorkspaceChange(data: unknown): unknown {
  if (data && typeof data === "object" && !Array.isArray(data) && "workspaceId" in data) {
    const { workspaceId: _ignored, ...rest } = data as Record<string, unknown>;
    return rest;
  }
  return data;
}

function scopeArgs(model: string, operation: string, args: Args, workspaceId: string): Args {
  if (model === "Workspace") {
    if (operation.startsWith("create") || operation === "upsert") {
      throw new Error("A workspace-scoped client cannot create workspaces.");
    }
    return { ...args, where: { ...(args.where ?? {}), id: workspaceId } };
  }
  if (model === "ModelPrice") {
    // the shared catalogue (workspaceId null) is readable; overrides are per workspace
    if (operation.startsWith("find") || operation === "count" || operation === "aggregate" || operation === "groupBy") {
      return { ...args, where: { AND: [args.where ?? {}, { OR: [{ workspaceId: null }, { workspaceId }] }] } };
    }
  } else if (!TENANT_MODELS.has(model)) {
    throw new Error(`${model} is not a workspace model; use the identity helpers in lib/auth instead.`);
  }
  if (READS_AND_FILTERED_WRITES.has(operation)) {
    const next: Args = { ...args, where: { ...(args.where ?? {}), workspaceId } };
    if ("data" in args) next.data = withoutWorkspaceChange(args.data);
    return next;
  }
  if (operation === "create") return { ...args, data: { ...(args.data as object), workspaceId } };
  if (operation === "createMany" || operation === "createManyAndReturn") {
    const rows = Array.isArray(args.data) ? args.data : [args.data];
    return { ...args, data: rows.map((r) => ({ ...(r as object), workspaceId })) };
  }
  if (operation === "upsert") {
    return {
      ...args,
      where: { ...(args.where ?? {}), workspaceId },
      create: { ...(args.create as object), workspaceId },
      update: withoutWorkspaceChange(args.update),
    };
  }
  throw new Error(`Operation ${operation} on ${model} is not supported by the workspace-scoped client.`);
}

function build(workspaceId: string) {
  return getPrisma().$extends({
    name: "workspace-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          return query(scopeArgs(model, operation, (args ?? {}) as Args, workspaceId) as never);
        },
      },
    },
  });
}

export type ScopedDb = ReturnType<typeof build>;

/** The only way route handlers and runtime code reach tenant data. */
export function scopedDb(workspaceId: string): ScopedDb {
  if (!workspaceId) throw new Error("scopedDb needs a workspace id.");
  // A client extended for a workspace holds nothing but its id: reuse it rather than extend per request.
  const base = getPrisma();
  const hit = built.get(workspaceId);
  if (hit && hit.base === base) return hit.db;
  if (built.size >= 1_000) built.clear();
  const db = build(workspaceId);
  built.set(workspaceId, { base, db });
  return db;
}

const built = new Map<string, { base: object; db: ScopedDb }>();
