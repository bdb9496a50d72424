import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { SpendAttribution } from "../finops/attribution";
import { parseModelId } from "../models/model-id";
import { GEN_AI, GEN_AI_OPERATION, SY, usdAttribute } from "./attributes";
import { runScopeOf } from "./run-scope";
import { spanIdOf, traceIdOf } from "./span-ids";
import { exportLater } from "./tracer";

/** One model call as its ledger row records it, with the call's timing. */
export interface ModelCallSpan {
  /** The ledger row's id (the span's id derives from it). */
  ledgerId: string;
  attribution: SpendAttribution;
  /** The delegation the call was made for (a supervisor's inline sub-agent): the span's parent instead of the node. */
  delegationId?: string;
  /** `provider:model` as called. */
  modelId: string;
  /** The model the provider says answered, when it says. */
  responseModel?: string | null;
  usage: { inputTokens: number; outputTokens: number; cachedTokens?: number };
  costUsd: { toString(): string };
  /** The budgets the call's reservation was taken in (none: no budget applied). */
  budgetIds?: string[];
  ok: boolean;
  error?: string | null;
  finishReason?: string | null;
  simulated?: boolean;
  /** When the answer (or the failure) came, and how long the call took. */
  end: Date;
  durationMs: number;
}

/**
 * A GenAI `chat` span for a model call that was charged to the ledger (failed calls too), with
 * the `gen_ai.*` attributes of the semantic conventions plus its cost, the budgets it was
 * reserved in and the customer key. A run's call is a child of its node's span (of its
 * delegation's, for a supervisor's inline sub-agent); a call without a run (the gateway's) is a
 * trace of its own. No read: everything is at hand. Off, it
 * does nothing.
 *
 * @example
 * if (recorded) exportModelCallSpan(ctx, { ledgerId, attribution, modelId, usage, costUsd, ok: true, end: new Date(), durationMs: 840 });
 */
export function exportModelCallSpan(ctx: WorkspaceContext, call: ModelCallSpan): void {
  exportLater(async (emit) => {
    const a = call.attribution;
    const parsed = parseModelId(call.modelId);
    const provider = parsed?.provider ?? call.modelId.split(":")[0]!;
    const model = parsed?.model ?? call.modelId;
    const inRun = !!(a.runId && a.nodeId);
    const scope = a.runId
      ? runScopeOf(ctx.workspace.id, a.runId, { rootRunId: a.rootRunId, graphId: a.graphId, version: a.graphVersion, customerKey: a.customerKey, tags: a.tags, triggerId: a.triggerId })
      : null;
    emit({
      name: `${GEN_AI_OPERATION.chat} ${model}`,
      kind: "client",
      traceId: scope?.traceId ?? traceIdOf(`ledger:${call.ledgerId}`),
      spanId: spanIdOf({ ledger: call.ledgerId }),
      parentSpanId: call.delegationId
        ? spanIdOf({ delegation: call.delegationId })
        : inRun
          ? spanIdOf({ node: { runId: a.runId!, nodeId: a.nodeId! } })
          : a.runId
            ? spanIdOf({ run: a.runId })
            : undefined,
      start: new Date(call.end.getTime() - Math.max(0, call.durationMs)),
      end: call.end,
      attributes: {
        ...(scope?.attributes ?? { [SY.workspaceId]: ctx.workspace.id }),
        ...(!scope && a.customerKey ? { [SY.customerKey]: a.customerKey } : {}),
        ...(!scope && a.tags?.length ? { [SY.tags]: a.tags } : {}),
        ...(a.nodeId ? { [SY.nodeId]: a.nodeId } : {}),
        ...(a.agent ? { [GEN_AI.agentName]: a.agent } : {}),
        ...(a.attempt ? { [SY.attempt]: a.attempt } : {}),
        [GEN_AI.operationName]: GEN_AI_OPERATION.chat,
        [GEN_AI.system]: provider,
        [GEN_AI.providerName]: provider,
        [GEN_AI.requestModel]: model,
        [GEN_AI.responseModel]: call.responseModel || model,
        [GEN_AI.inputTokens]: call.usage.inputTokens,
        [GEN_AI.outputTokens]: call.usage.outputTokens,
        ...(call.usage.cachedTokens ? { [GEN_AI.cacheReadInputTokens]: call.usage.cachedTokens } : {}),
        ...(call.finishReason ? { [GEN_AI.finishReasons]: [call.finishReason] } : {}),
        [SY.costUsd]: usdAttribute(call.costUsd),
        [SY.ledgerId]: call.ledgerId,
        ...(call.budgetIds?.length ? { [SY.budgetIds]: [...new Set(call.budgetIds)].sort() } : {}),
        ...(call.simulated ? { [SY.simulated]: true } : {}),
      },
      error: call.ok ? null : (call.error ?? "the model call failed"),
    });
  });
}
