/**
 * Span attribute names. The `gen_ai.*` names are those of the OpenTelemetry GenAI semantic
 * conventions; they are written out here rather than imported from
 * `@opentelemetry/semantic-conventions/incubating`, as that package advises for incubating
 * names (its incubating entry point may change them in a minor release). `gen_ai.system` is
 * sent beside its successor `gen_ai.provider.name`, since collectors read either.
 */
export const GEN_AI = {
  operationName: "gen_ai.operation.name",
  system: "gen_ai.system",
  providerName: "gen_ai.provider.name",
  requestModel: "gen_ai.request.model",
  responseModel: "gen_ai.response.model",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  cacheReadInputTokens: "gen_ai.usage.cache_read_input_tokens",
  finishReasons: "gen_ai.response.finish_reasons",
  agentName: "gen_ai.agent.name",
  toolName: "gen_ai.tool.name",
  toolCallId: "gen_ai.tool.call.id",
} as const;

/** `gen_ai.operation.name` values. */
export const GEN_AI_OPERATION = { chat: "chat", invokeAgent: "invoke_agent", executeTool: "execute_tool" } as const;

/** The product's own attributes. */
export const SY = {
  workspaceId: "switchyard.workspace_id",
  runId: "switchyard.run_id",
  parentRunId: "switchyard.parent_run_id",
  graphId: "switchyard.graph_id",
  graphVersion: "switchyard.graph_version",
  nodeId: "switchyard.node_id",
  nodeType: "switchyard.node_type",
  status: "switchyard.status",
  attempt: "switchyard.attempt",
  costUsd: "switchyard.cost_usd",
  budgetIds: "switchyard.budget_ids",
  customerKey: "switchyard.customer_key",
  tags: "switchyard.tags",
  triggerId: "switchyard.trigger_id",
  ledgerId: "switchyard.ledger_id",
  simulated: "switchyard.simulated",
  delegationId: "switchyard.delegation.id",
  delegationKind: "switchyard.delegation.kind",
  delegationSeq: "switchyard.delegation.seq",
  childRunId: "switchyard.delegation.child_run_id",
  approvalId: "switchyard.approval.id",
  approvalKind: "switchyard.approval.kind",
  decision: "switchyard.approval.decision",
  decidedBy: "switchyard.approval.decided_by",
} as const;

/** A decimal amount of USD (Decimal, Prisma Decimal or string) as a span attribute. */
export function usdAttribute(value: { toString(): string } | null | undefined): number {
  const n = Number(value?.toString() ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** The error message of a stored error (`{ message }`), else its JSON; null when there is none. */
export function errorMessage(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  if (typeof error === "string") return error;
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" ? message : JSON.stringify(error);
}
