/**
 * Delegations to external Agent2Agent (A2A) agents: a delegation request becomes an A2A task
 * on the agent named by its agent card URL, and the task's end becomes a delegation result
 * (`input-required` → `escalate`, `rejected` → `rejected`).
 */
import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { TDelegationRequest, TDelegationResult } from "../graphs/spec/schema";

export interface A2AAgentRef {
  /** the agent card URL (rendered) */
  url: string;
  /** request headers (rendered, secrets resolved) */
  headers?: Record<string, string>;
}

/** Sends one delegation to an A2A agent and waits for its result. */
export async function delegateToA2A(
  _ctx: WorkspaceContext,
  _agent: A2AAgentRef,
  _request: TDelegationRequest,
  _opts: { signal?: AbortSignal; runId: string; nodeId: string; seq: number },
): Promise<TDelegationResult> {
  return { status: "failed", confidence: 0, rationale: "A2A agents cannot be reached by this version yet." };
}
