/**
 * The graph spec: a declarative description of a multi-agent workflow.
 *
 * JSON is the canonical form (YAML is an import/export format, see `yaml.ts`). These zod
 * schemas check the *shape* of a spec; cross-node checks (unknown `needs`, cycles, template
 * references, CEL syntax, known models/tools) live in `validate.ts`, which is what callers
 * should use. Schemas are strict: an unknown key is almost always a typo (`need` for
 * `needs`) and silently ignoring it would change what the graph does.
 *
 * Defaults (retry policy, timeouts) are *not* filled in here: a saved spec is exactly what
 * its author wrote, so hashing and diffing stay meaningful. `policy.ts` resolves defaults.
 *
 * Where a field holds a template (`{{input.x}}`, `{{nodes.<id>.output.<path>}}`,
 * `{{secrets.NAME}}`, `{{run.id}}`) its JSDoc says so; `when` fields hold CEL expressions
 * over `input` and `nodes`.
 */
import { z } from "zod";
import { DURATION_HINT, isDuration, tryParseDuration } from "./duration";
import { isJsonValue, isPlainObject, type TJsonObject, type TJsonValue } from "./json";
import { ZWorkspaceEvent } from "../../events/workspace-event";

// ---------------------------------------------------------------------------------------------
// Primitives
// ---------------------------------------------------------------------------------------------

/**
 * Node ids appear in templates (`{{nodes.vendor.output}}`) and CEL (`nodes.vendor.output`),
 * so they must be identifiers in both languages: no dashes, dots or spaces.
 */
export const NODE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A node id, unique within its graph. */
export const ZNodeId = z
  .string()
  .max(64, { error: "must be at most 64 characters" })
  .regex(NODE_ID_PATTERN, {
    error:
      "must start with a letter and contain only letters, digits and underscores (it is used as nodes.<id> in templates and conditions)",
  });

/** Any plain JSON value (see `json.ts`). */
export const ZJsonValue = z.custom<TJsonValue>(isJsonValue, {
  error: "must be plain JSON (strings, numbers, booleans, null, arrays and objects)",
});

/** A plain JSON object. */
export const ZJsonObject = z.custom<TJsonObject>((value) => isPlainObject(value) && isJsonValue(value), {
  error: "must be a plain JSON object",
});

/**
 * A JSON Schema document, kept as plain JSON. Only its top level is checked here; the runtime
 * validates data against it.
 */
export const ZJsonSchema = ZJsonObject;

/** A duration string such as `"30s"`, `"2h"` or `"3d"` (see `duration.ts`). */
export const ZDuration = z.string().refine(isDuration, { error: `is not a duration — ${DURATION_HINT}` });

/** An amount of US dollars. Stored as a JSON number; the runtime converts it to micro-units. */
export const ZUsd = z.number().finite().nonnegative({ error: "must be zero or a positive amount of US dollars" });

/** A template string (see module doc). Checked for syntax and references by `validate.ts`. */
export const ZTemplate = z.string();

/** A CEL expression over `input` and `nodes`. Checked for syntax by `validate.ts`. */
export const ZCondition = z
  .string()
  .min(1, { error: "must be a CEL expression, e.g. nodes.review.output.needsHuman" })
  // Conditions run on every run; a very long one is a sign logic belongs in an agent or a node.
  .max(4000, { error: "must be at most 4000 characters — move complex logic into an agent or split the router" });

// ---------------------------------------------------------------------------------------------
// Policies shared by nodes and graphs
// ---------------------------------------------------------------------------------------------

/** Exponential backoff between attempts: `initialMs * factor^(attempt-1)`, capped at `maxMs`. */
export const ZBackoff = z.strictObject({
  initialMs: z.number().int().nonnegative(),
  factor: z.number().min(1, { error: "must be at least 1 (1 means a constant delay)" }),
  maxMs: z.number().int().nonnegative(),
});

/** Retry policy. `attempts` counts every try, the first included: 1 means "never retry". *
 * @example
 * 
 */
export const ZRetryPolicy = z.strictObject({
  attempts: z.number().int().min(1, { error: "must be at least 1, since the first try counts" }).max(100),
  backoff: ZBackoff.optional(),
});

/**
 * What happens when a node fails after its last attempt: `fail` the run (default), `continue`
 * (dependents run and see no output), or run a `fallback` node in its place.
 *
 * @example
 * "continue"
 * { "fallback": "webArchive" }
 */
export const ZOnError = z.union([z.enum(["fail", "continue"]), z.strictObject({ fallback: ZNodeId })]);

/** A position on the visual builder's canvas. Ignored by the runtime. */
export const ZPosition = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/** `provider:model`, e.g. `openai:gpt-4o-mini`, `anthropic:claude-sonnet-4-5`, `sim:fast`. */
export const MODEL_ID_PATTERN = /^[a-z][a-z0-9-]*:[^\s:][^\s]*$/;

/** A concrete model id. */
export const ZModelId = z.string().regex(MODEL_ID_PATTERN, {
  error: 'must be "provider:model", e.g. "openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5" or "sim:fast"',
});

/** Model tiers a routing policy can ask for. */
export const MODEL_TIERS = ["cheap", "balanced", "strong"] as const;

/**
 * A model routing policy: the router picks a model of the tier within the price and context
 * limits, tries `fallbacks` in order when it fails, and moves down a tier when the node's
 * budget use crosses each `downgradeAt` percentage.
 */
export const ZModelPolicy = z.strictObject({
  tier: z.enum(MODEL_TIERS),
  maxUsdPerMTok: ZUsd.optional(),
  minContext: z.number().int().positive().optional(),
  fallbacks: z.array(ZModelId).optional(),
  downgradeAt: z
    .array(z.number().gt(0).lte(100))
    .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]!), { error: "must be increasing percentages, e.g. [80, 95]" })
    .optional(),
});

/**
 * A concrete model id or a routing policy.
 *
 * @example
 * "anthropic:claude-sonnet-4-5"
 * { "tier": "cheap", "maxUsdPerMTok": 1, "fallbacks": ["sim:fast"], "downgradeAt": [80, 95] }
 */
export const ZModelRef = z.union([ZModelId, ZModelPolicy]);

// ---------------------------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------------------------

/** Fields every node has, whatever its type. */
const nodeBase = {
  id: ZNodeId,
  /** Nodes that must finish (succeed or be skipped) before this one starts. */
  needs: z.array(ZNodeId).optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  retries: ZRetryPolicy.optional(),
  timeout: ZDuration.optional(),
  onError: ZOnError.optional(),
  budgetUsd: ZUsd.optional(),
  position: ZPosition.optional(),
};

/** Agent settings shared by `agent` nodes and a supervisor's sub-agents. */
const agentConfig = {
  model: ZModelRef,
  /** System instructions (template). */
  instructions: ZTemplate.optional(),
  /** Tool names the agent may call: workspace tools or `mcp:<server>/<tool>`. */
  tools: z.array(z.string().min(1)).optional(),
  /** JSON Schema of the structured output. Without it the output is plain text. */
  output: ZJsonSchema.optional(),
  maxTurns: z.number().int().min(1).max(1000).optional(),
  /** Output limit per model call; budgets reserve the worst case from it, so set it to what the node needs. */
  maxOutputTokens: z.number().int().min(1).max(200_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
};

/**
 * An LLM agent: renders `prompt`, runs up to `maxTurns` tool-calling turns.
 *
 * @example
 * { "id": "intake", "type": "agent", "model": "sim:fast", "prompt": "Extract the order: {{input.email.body}}",
 *   "output": { "type": "object", "properties": { "supplier": { "type": "string" } } } }
 */
export const ZAgentNode = z.strictObject({
  ...nodeBase,
  type: z.literal("agent"),
  ...agentConfig,
  /** The user message (template). */
  prompt: ZTemplate.refine((v) => v.trim() !== "", { error: "must not be empty: write what the agent should do, e.g. Summarise {{input.text}}" }),
});

/** HTTP methods a tool node may use. */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;

/**
 * An HTTP call. `url`, header and query values, and every string inside `body` are templates;
 * secrets go in by reference (`{{secrets.VENDOR_API_KEY}}`), never inline. Output:
 * `{ status, headers, body }`.
 */
export const ZHttpTool = z.strictObject({
  kind: z.literal("http"),
  method: z.enum(HTTP_METHODS),
  url: ZTemplate.refine((v) => v.trim() !== "", { error: "must not be empty: the URL to call, e.g. {{secrets.VENDOR_API_URL}}/vendors" }),
  headers: z.record(z.string(), ZTemplate).optional(),
  query: z.record(z.string(), ZTemplate).optional(),
  body: ZJsonValue.optional(),
  /** Statuses that count as success; default: any 2xx. */
  okStatus: z.array(z.number().int().min(100).max(599)).optional(),
});

/** A tool of a configured MCP server. Every string inside `arguments` is a template. */
export const ZMcpTool = z.strictObject({
  kind: z.literal("mcp"),
  server: z.string().min(1),
  tool: z.string().min(1),
  arguments: ZJsonObject.optional(),
});

/**
 * A tool node calls one tool without an LLM.
 *
 * @example
 * { "id": "vendor", "type": "tool", "needs": ["intake"], "timeout": "45s",
 *   "tool": { "kind": "http", "method": "GET", "url": "{{secrets.VENDOR_API_URL}}/verify",
 *             "query": { "name": "{{nodes.intake.output.supplier}}" } } }
 */
export const ZToolNode = z.strictObject({
  ...nodeBase,
  type: z.literal("tool"),
  tool: z.discriminatedUnion("kind", [ZHttpTool, ZMcpTool]),
});

/** One or several node ids. */
const ZTargets = z.union([ZNodeId, z.array(ZNodeId).min(1)]);

/**
 * A router evaluates `routes` in order and runs the targets of the first whose `when` is true
 * (else `default`). Targets must list the router in their `needs`; targets not taken, and
 * everything reachable only through them, are skipped. Output: `{ route, to }` where `route`
 * is the index of the matching route or `"default"`.
 *
 * @example
 * { "id": "review", "type": "router", "needs": ["compliance"],
 *   "routes": [{ "when": "nodes.compliance.output.needsHuman", "to": "approval" }], "default": "auto" }
 */
export const ZRouterNode = z.strictObject({
  ...nodeBase,
  type: z.literal("router"),
  routes: z.array(z.strictObject({ when: ZCondition, to: ZTargets })).min(1, { error: "needs at least one route" }),
  default: ZTargets.optional(),
});

/** Who may decide an approval: a user (id or e-mail) or everyone with a workspace role. */
export const ZAssignee = z.union([
  z.strictObject({ user: z.string().min(1) }),
  z.strictObject({ role: z.string().min(1) }),
]);

/** Who answers an unanswered escalation next: `[{ "after": "4h", "to": [{ "role": "admin" }] }]`. */
export const ZEscalationStep = z.strictObject({ after: ZDuration, to: z.array(ZAssignee).min(1) });

/**
 * A human decision. `context` (strings inside are templates) is what the approver sees.
 * Output: `{ decision: "approved" | "rejected", decidedBy, comment (string or null), decidedAt,
 * output? }` (`output`: data the approver filled in, if any).
 *
 * @example
 * { "id": "approval", "type": "approval", "needs": ["review"], "assignees": [{ "role": "approver" }],
 *   "context": { "order": "{{nodes.intake.output}}" }, "timeout": "3d", "onTimeout": "escalate",
 *   "escalateTo": [{ "role": "admin" }] }
 */
export const ZApprovalNode = z.strictObject({
  ...nodeBase,
  type: z.literal("approval"),
  title: ZTemplate.optional(),
  assignees: z.array(ZAssignee).min(1, { error: "needs at least one assignee, e.g. [{ role: \"approver\" }]" }),
  context: ZJsonValue.optional(),
  /** How many distinct people (or API keys) must approve; default 1. One reject rejects. */
  minApprovals: z.number().int().min(1).optional(),
  onTimeout: z.enum(["approve", "reject", "escalate"]).optional(),
  /** Who gets the approval when `onTimeout` is `escalate`. */
  escalateTo: z.array(ZAssignee).min(1).optional(),
  /** Who gets the item while it stays undecided, after each step's `after` (counted from the level before), in order. */
  escalationChain: z.array(ZEscalationStep).min(1).max(10).optional(),
});

/**
 * Runs another saved graph as one step. `input` maps the child's input fields to templates.
 * Without `version` the latest version at the time the run starts is used (and pinned).
 *
 * @example
 * { "id": "archive", "type": "subgraph", "graph": "archive-documents", "version": 3,
 *   "input": { "requestId": "{{input.requestId}}" } }
 */
export const ZSubgraphNode = z.strictObject({
  ...nodeBase,
  type: z.literal("subgraph"),
  graph: z.string().min(1),
  version: z.number().int().positive().optional(),
  input: z.record(z.string(), ZJsonValue).optional(),
});

/** Waits for an external event; `when` is CEL over `input`, `nodes` and the `event`. */
export const ZWaitEvent = z.strictObject({
  /** An event this workspace sends (`POST /api/v1/events`), e.g. `invoice.received`. */
  name: ZWorkspaceEvent.shape.name,
  when: ZCondition.optional(),
});

/**
 * Pauses the branch: either for a fixed `sleep` or until an `event` arrives (bounded by
 * `timeout`).
 *
 * @example
 * { "id": "cooldown", "type": "wait", "sleep": "1h" }
 * { "id": "invoice", "type": "wait", "timeout": "7d",
 *   "event": { "name": "invoice.received", "when": "event.requestId == input.requestId" } }
 */
export const ZWaitNode = z.strictObject({
  ...nodeBase,
  type: z.literal("wait"),
  sleep: ZDuration.optional(),
  event: ZWaitEvent.optional(),
});

/**
 * The run's result: `value` with its templates rendered.
 *
 * @example
 * { "id": "result", "type": "output", "needs": ["routing"], "value": { "decision": "{{nodes.routing.output.decision}}" } }
 */
export const ZOutputNode = z.strictObject({
  ...nodeBase,
  type: z.literal("output"),
  value: ZJsonValue,
});

/**
 * A circuit breaker's thresholds. It opens after `failures` failures (or a `failureRate` share
 * of at least `minCalls` calls) within `window`, refuses calls while open, and lets one
 * half-open probe through after `coolDown`: a success closes it, a failure opens it again.
 * Its state is shared by every run and process of the workspace.
 *
 * @example
 * { "failures": 3, "window": "10m", "coolDown": "1m" }
 */
export const ZBreakerPolicy = z.strictObject({
  failures: z.number().int().min(1).max(1000).optional(),
  failureRate: z.number().gt(0).lte(1).optional(),
  minCalls: z.number().int().min(1).max(10_000).optional(),
  window: ZDuration.optional(),
  coolDown: ZDuration.optional(),
});

/** Fields every sub-agent has, whatever answers it. */
const subAgentBase = {
  /** The tool name the supervisor sees; unique within the supervisor. */
  name: ZNodeId,
  /** What the supervisor is told it does (the tool's description). */
  description: z.string().min(1),
  /** JSON Schema of the `context` the supervisor sends it (the tool's input schema). */
  input: ZJsonSchema.optional(),
  /** Another agent of the same supervisor that takes its delegations while its breaker is open or after it failed. */
  fallback: ZNodeId.optional(),
  breaker: ZBreakerPolicy.optional(),
};

/** An agent reached over the network. Header values are templates; secrets go in by reference. */
const ZRemoteAgent = z.strictObject({
  url: ZTemplate.refine((v) => v.trim() !== "", { error: "must not be empty" }),
  headers: z.record(z.string(), ZTemplate).optional(),
});

/**
 * A sub-agent a supervisor may delegate to; the supervisor's `agents` list is its allow-list:
 * - an inline agent (`model`, `instructions`, `tools`, `output`…), run as a durable step;
 * - a saved graph (`graph`, `version`), run as a child run (it may hold supervisors itself);
 * - an external A2A agent (`a2a.url`: its agent card URL), a delegation being an A2A task;
 * - a plain HTTP agent (`http.url`): POST a delegation request, answer a delegation result.
 */
export const ZSubAgent = z.union([
  z.strictObject({ ...subAgentBase, ...agentConfig }),
  z.strictObject({ ...subAgentBase, graph: z.string().min(1), version: z.number().int().positive().optional() }),
  z.strictObject({ ...subAgentBase, a2a: ZRemoteAgent }),
  z.strictObject({ ...subAgentBase, http: ZRemoteAgent }),
]);

/**
 * A supervisor plans with its own `model`, offered its `agents` as tools, and delegates to them
 * through a {@link ZDelegationRequest} (in parallel, up to `maxParallel` at once), at most
 * `maxDelegations` times within its `timeout` and `budgetUsd`. A delegation that escalates, is
 * unsure, answers below `minConfidence` or is out of scope is reported back to it; what it
 * cannot resolve goes to `escalateTo` as an inbox item of kind `escalation`. Output: a
 * {@link ZDelegationResult} whose `output` matches `output`.
 *
 * @example
 * { "id": "lead", "type": "supervisor", "model": "sim:strong", "task": "Reconcile {{input.invoiceId}}",
 *   "agents": [{ "name": "auditor", "description": "Checks totals", "model": "sim:fast" }],
 *   "maxDelegations": 5, "minConfidence": 0.7, "escalateTo": { "role": "finance" } }
 */
export const ZSupervisorNode = z.strictObject({
  ...nodeBase,
  type: z.literal("supervisor"),
  model: ZModelRef,
  instructions: ZTemplate.optional(),
  /** What to achieve (template). */
  task: ZTemplate,
  agents: z.array(ZSubAgent).min(1, { error: "needs at least one agent to delegate to" }).max(50),
  maxDelegations: z.number().int().min(1).max(1000),
  /** Delegations running at once (default 4). */
  maxParallel: z.number().int().min(1).max(64).optional(),
  /** A delegation answering with less confidence than this (0–1) counts as unsure. */
  minConfidence: z.number().min(0).max(1).optional(),
  /** Who decides what the supervisor cannot (default: the workspace's admins and owners). */
  escalateTo: z.union([ZAssignee, z.array(ZAssignee).min(1)]).optional(),
  /** The escalation item's SLA, shown in the inbox with the time left, e.g. "4h". */
  escalationDueIn: ZDuration.optional(),
  /** Who gets an escalation still unanswered after each step's `after`, in order. */
  escalationChain: z.array(ZEscalationStep).min(1).max(10).optional(),
  /** JSON Schema of the final output. */
  output: ZJsonSchema.optional(),
  /** Output limit per planning call; budgets reserve the worst case from it. */
  maxOutputTokens: agentConfig.maxOutputTokens,
  temperature: agentConfig.temperature,
});

/**
 * Runs a sub-agent or a saved graph once per item of a list, at most `concurrency` at once
 * (default 10), and outputs the results in the list's order. `items` is a template that
 * resolves to an array; inside `agent` and `graph.input`, `{{item}}` is the item and
 * `{{index}}` its position (from 0). Set exactly one of `agent` and `graph`. With
 * `onItemError: "continue"` a failed item's result is `null` instead of failing the node.
 *
 * @example
 * { "id": "lines", "type": "map", "items": "{{nodes.intake.output.lines}}", "concurrency": 5,
 *   "agent": { "model": "sim:fast", "prompt": "Price this line: {{item}}" } }
 */
export const ZMapNode = z.strictObject({
  ...nodeBase,
  type: z.literal("map"),
  items: ZTemplate.refine((v) => v.trim() !== "", { error: "must not be empty: a template that resolves to a list, e.g. {{input.lines}}" }),
  agent: z.strictObject({ ...agentConfig, prompt: ZTemplate }).optional(),
  graph: z
    .strictObject({ graph: z.string().min(1), version: z.number().int().positive().optional(), input: z.record(z.string(), ZJsonValue).optional() })
    .optional(),
  concurrency: z.number().int().min(1).max(200).optional(),
  /** More items than this fails the node (default 1000). */
  maxItems: z.number().int().min(1).max(10_000).optional(),
  onItemError: z.enum(["fail", "continue"]).optional(),
});

/** Message a supervisor sends to a sub-agent (and what a plain HTTP agent receives). */
export const ZDelegationRequest = z.strictObject({
  task: z.string().min(1),
  context: ZJsonValue.optional(),
  constraints: z.array(z.string()).optional(),
  budget: z.strictObject({ usd: ZUsd.optional(), maxTurns: z.number().int().min(1).optional() }).optional(),
  /** ISO 8601 time by which the result is needed. */
  deadline: z.iso.datetime({ offset: true }).optional(),
});

/**
 * How a delegation ended: `done`; `escalate` (cannot proceed, a person or the supervisor must
 * decide); `uncertain` (an answer it does not stand behind); `failed`; `rejected` (out of scope).
 */
export const DELEGATION_STATUSES = ["done", "escalate", "uncertain", "failed", "rejected"] as const;

/** What a sub-agent (and a supervisor node as a whole) reports back. */
export const ZDelegationResult = z.strictObject({
  status: z.enum(DELEGATION_STATUSES),
  output: ZJsonValue.optional(),
  confidence: z.number().min(0).max(1),
  rationale: z.string(),
  /** What answering cost, in US dollars (filled in by the runtime for agents it runs). */
  costUsd: ZUsd.optional(),
});

/** Every node type, in the order the builder lists them. */
export const NODE_TYPES = ["agent", "tool", "router", "approval", "supervisor", "map", "subgraph", "wait", "output"] as const;
/**
 * Node types a spec may hold but the runtime cannot run yet: runs of a graph with one are
 * refused before they exist (lib/runs/start-run.ts) and the builder does not offer them.
 */
export const NOT_YET_RUNNABLE: readonly (typeof NODE_TYPES)[number][] = [];

/** Any node, discriminated on `type`. */
export const ZNodeSpec = z.discriminatedUnion("type", [
  ZAgentNode,
  ZToolNode,
  ZRouterNode,
  ZApprovalNode,
  ZSupervisorNode,
  ZMapNode,
  ZSubgraphNode,
  ZWaitNode,
  ZOutputNode,
]);

// ---------------------------------------------------------------------------------------------
// Graph
// ---------------------------------------------------------------------------------------------

/**
 * Spending limits. When a run reaches `perRunUsd` (or a node `perNodeUsd`/`budgetUsd`) the
 * runtime pauses the run, stops it, or downgrades models to a cheaper tier. A run whose
 * forecast (p90) exceeds `requireApprovalAboveUsd` waits, before any node runs, until a
 * person approves it in the approvals inbox (rejected: it ends failed, nothing spent).
 */
export const ZBudget = z.strictObject({
  perRunUsd: ZUsd.optional(),
  perNodeUsd: ZUsd.optional(),
  onExceed: z.enum(["pause", "stop", "downgrade"]).optional(),
  requireApprovalAboveUsd: ZUsd.optional(),
});

/**
 * At most `limit` runs of the graph execute at once; with `key` (a template over `input`,
 * rendered when the run is created), at most `limit` per key value. The others wait `queued`
 * and start, oldest first, when a slot frees.
 */
export const ZConcurrency = z.strictObject({
  limit: z.number().int().min(1),
  key: ZTemplate.optional(),
});

/** Default time limits: a whole run, and any node without its own `timeout`. */
export const ZTimeouts = z.strictObject({
  run: ZDuration.optional(),
  node: ZDuration.optional(),
});

/** Trigger types. `watch` polls an HTTP source; graph specs cannot declare `report` (finance's scheduled cost reports use the same scheduler). */
export const TRIGGER_TYPES = ["schedule", "webhook", "email", "api", "event", "graph_completed", "watch"] as const;

/** Final run statuses a `graph_completed` trigger can start on. */
export const RUN_END_STATUSES = ["succeeded", "failed", "cancelled"] as const;

/**
 * A trigger's id, stable across versions: its fires, its pause and its webhook address follow
 * it. Default: its type, numbered when a graph has several of one type (`event`, `event_2`).
 */
export const ZTriggerId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/, { error: "must start with a letter and hold at most 63 letters, digits, _ or -" });

/**
 * Fields every trigger has. `when`: a CEL condition over `event` (what the trigger received);
 * a fire whose condition is false starts nothing and is recorded as `condition_false`.
 * `input`: the run's input, as JSON whose strings are templates over `{{event.…}}`; without it
 * the run's input is the trigger's natural payload (a webhook's body, the e-mail, an event's
 * `data`, the ended run's output, the watched response's body, `{}` for a schedule).
 */
const triggerBase = {
  id: ZTriggerId.optional(),
  description: z.string().max(500).optional(),
  when: ZCondition.optional(),
  input: z.record(z.string(), z.unknown()).optional(),
};

/** What a schedule does with a slot while an earlier run it started is still going (Temporal's overlap policies). */
export const OVERLAP_POLICIES = ["skip", "buffer_one", "buffer_all", "cancel_other", "allow_all"] as const;
/** What a schedule does with the slots it missed while the scheduler was down. */
export const CATCH_UP_POLICIES = ["skip", "latest", "all"] as const;

/**
 * `schedule`: a cron pattern (5 fields, or 6 with seconds) in an IANA `timezone` (default UTC),
 * fired within a second of each slot. `overlap` (default `skip`) decides what a slot does while a
 * run this trigger started is still going; `catchUp` (default `{ policy: "skip" }`) what happens
 * to slots missed while the scheduler was down (`all` and `latest` look back at most `window`,
 * default 1h); `jitter` delays each fire by a random amount up to it. The slot time dedupes.
 */
export const ZScheduleTrigger = z.strictObject({
  ...triggerBase,
  type: z.literal("schedule"),
  cron: z.string().min(1).max(200),
  timezone: z.string().max(64).optional(),
  overlap: z.enum(OVERLAP_POLICIES).optional(),
  catchUp: z.strictObject({ policy: z.enum(CATCH_UP_POLICIES), window: ZDuration.optional() }).optional(),
  jitter: ZDuration.optional(),
});

/** How a webhook trigger checks who sent a delivery. */
export const ZWebhookVerification = z.discriminatedUnion("mode", [
  /** Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), 5 minutes of tolerance. The default. */
  z.strictObject({ mode: z.literal("standard") }),
  /** A plain HMAC of the raw body in one header, as GitHub (`x-hub-signature-256`, `sha256=` prefix) and others send it. */
  z.strictObject({
    mode: z.literal("hmac"),
    header: z.string().min(1).max(100),
    algorithm: z.enum(["sha256", "sha1", "sha512"]).optional(),
    encoding: z.enum(["hex", "base64"]).optional(),
    /** text before the signature in the header, e.g. `sha256=` */
    prefix: z.string().max(40).optional(),
  }),
]);

/**
 * `webhook`: its own URL (`/api/v1/hooks/<workspace>/<path>`, `path` defaulting to the trigger's
 * row id) and its own secret. A delivery is verified (`verify`, default Standard Webhooks), answered
 * 202 with the run id, and deduped on its webhook id (or `dedupeKey`, a template over `event`).
 */
export const ZWebhookTrigger = z.strictObject({
  ...triggerBase,
  type: z.literal("webhook"),
  path: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/, { error: "must be lower-case path segments of letters, digits, . _ or -, separated by /" })
    .max(200)
    .optional(),
  verify: ZWebhookVerification.optional(),
  dedupeKey: ZTemplate.optional(),
});

/**
 * `email`: mail to `<address>@<the deployment's mail domain>` (received by the SMTP listener or
 * an inbound-parse endpoint) starts a run; the Message-ID dedupes.
 */
export const ZEmailTrigger = z.strictObject({
  ...triggerBase,
  type: z.literal("email"),
  address: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, { error: "must be the part before @: lower-case letters, digits, . _ or - (at most 63)" })
    .optional(),
});

/** The shortest interval between two polls of a watch. */
export const WATCH_MIN_EVERY_MS = 1_000;

/**
 * `watch`: polls `url` (through the outbound guard) every `every`, and starts a run when `when`
 * (CEL over `event.status`, `event.body`, `event.headers`) becomes true: edge-triggered, once per
 * change from false to true. `key` (CEL over `event`) names what the run is about: a new key
 * while the condition stays true is a new edge too, and a key that already started a run starts
 * nothing again. `url`, `headers` and the strings of `body` may read workspace secrets
 * (`{{secrets.NAME}}`), nothing else. `every` is at least 1s.
 */
export const ZWatchTrigger = z.strictObject({
  ...triggerBase,
  type: z.literal("watch"),
  url: z.string().min(1).max(2000),
  method: z.enum(["GET", "POST"]).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  every: ZDuration.refine((text) => (tryParseDuration(text) ?? WATCH_MIN_EVERY_MS) >= WATCH_MIN_EVERY_MS, {
    error: 'must be at least "1s" — a watch polls its source at most once a second',
  }),
  when: ZCondition,
  key: ZCondition.optional(),
});

/**
 * What starts a run. `event`: an event named `name` that this workspace sends
 * (`POST /api/v1/events`); the run's input is the event's `data`, and the event's `id` dedupes.
 * `graph_completed`: a run of another graph (id or name) ended with one of `status` (default
 * `succeeded`); `event.run` is `{ id, graph, status, output, input }` and the run's input is that
 * run's output. `api`: `POST /graphs/:id/runs` (always available; declaring it documents it).
 */
export const ZTrigger = z.discriminatedUnion("type", [
  ZScheduleTrigger,
  ZWebhookTrigger,
  ZEmailTrigger,
  z.strictObject({ ...triggerBase, type: z.literal("api") }),
  z.strictObject({ ...triggerBase, type: z.literal("event"), name: ZWorkspaceEvent.shape.name }),
  z.strictObject({
    ...triggerBase,
    type: z.literal("graph_completed"),
    graph: z.string().min(1),
    status: z.union([z.enum(RUN_END_STATUSES), z.array(z.enum(RUN_END_STATUSES)).min(1)]).optional(),
  }),
  ZWatchTrigger,
]);

/** What a graph does when its queue of runs waiting to start is full. */
export const QUEUE_FULL_POLICIES = ["reject", "drop_oldest", "coalesce"] as const;

/**
 * Backpressure on a graph's run starts (every source: API, triggers, chaining).
 * - `throttle`: at most `limit` runs start per `period` (per rendered `key`); the rest wait
 *   queued for the window (Inngest's throttle).
 * - `debounce`: requests within `period` of each other (per `key`) coalesce into one run whose
 *   input is the last payload; it starts `period` after the last request, or at `maxWait`.
 * - `queue`: at most `max` runs wait to start; past it, `reject` (429 with Retry-After),
 *   `drop_oldest` (the oldest waiting run is cancelled) or `coalesce` (the newest waiting run
 *   takes this payload instead).
 * - `maxAge`: a run whose request is older than this when it would start is skipped as stale.
 */
export const ZFlowControl = z.strictObject({
  throttle: z.strictObject({ limit: z.number().int().min(1).max(100_000), period: ZDuration, key: ZTemplate.optional() }).optional(),
  debounce: z.strictObject({ period: ZDuration, key: ZTemplate.optional(), maxWait: ZDuration.optional() }).optional(),
  queue: z.strictObject({ max: z.number().int().min(1).max(1_000_000), policy: z.enum(QUEUE_FULL_POLICIES).optional() }).optional(),
  maxAge: ZDuration.optional(),
});

/**
 * A whole graph spec. Use `validateGraphSpec` rather than parsing with this directly: it adds
 * the graph checks and human-readable messages.
 *
 * @example
 * { "name": "hello", "nodes": [{ "id": "greet", "type": "agent", "model": "sim:fast", "prompt": "Say hi to {{input.name}}" }] }
 */
export const ZGraphSpec = z.strictObject({
  name: z.string().trim().min(1, { error: "must not be empty" }).max(120),
  description: z.string().optional(),
  /** JSON Schema of the run input. */
  input: ZJsonSchema.optional(),
  /** JSON Schema of the run result (what `output` nodes produce). */
  output: ZJsonSchema.optional(),
  // The cap keeps validation and scheduling (quadratic in places) fast; real graphs are far smaller.
  nodes: z.array(ZNodeSpec).min(1, { error: "needs at least one node" }).max(500, { error: "must have at most 500 nodes — split the work into subgraphs" }),
  budget: ZBudget.optional(),
  concurrency: ZConcurrency.optional(),
  /** Backpressure on run starts: throttle, debounce, a bounded queue, freshness. */
  flow: ZFlowControl.optional(),
  /** Default retry policy for nodes without their own. */
  retries: ZRetryPolicy.optional(),
  timeouts: ZTimeouts.optional(),
  tags: z.array(z.string()).optional(),
  /** Template computing the run's customer/request key, e.g. `{{input.requestId}}`. */
  customerKey: ZTemplate.optional(),
  triggers: z.array(ZTrigger).optional(),
});

export type TGraphSpec = z.infer<typeof ZGraphSpec>;
export type TNodeSpec = z.infer<typeof ZNodeSpec>;
export type TNodeType = TNodeSpec["type"];
/** The node of a given type, e.g. `TNodeOf<"router">`. */
export type TNodeOf<T extends TNodeType> = Extract<TNodeSpec, { type: T }>;
export type TAgentNode = z.infer<typeof ZAgentNode>;
export type TToolNode = z.infer<typeof ZToolNode>;
export type THttpTool = z.infer<typeof ZHttpTool>;
export type TMcpTool = z.infer<typeof ZMcpTool>;
export type TRouterNode = z.infer<typeof ZRouterNode>;
export type TApprovalNode = z.infer<typeof ZApprovalNode>;
export type TSupervisorNode = z.infer<typeof ZSupervisorNode>;
export type TMapNode = z.infer<typeof ZMapNode>;
export type TBreakerPolicy = z.infer<typeof ZBreakerPolicy>;
export type TDelegationStatus = (typeof DELEGATION_STATUSES)[number];
export type TSubgraphNode = z.infer<typeof ZSubgraphNode>;
export type TWaitNode = z.infer<typeof ZWaitNode>;
export type TOutputNode = z.infer<typeof ZOutputNode>;
export type TSubAgent = z.infer<typeof ZSubAgent>;
export type TAssignee = z.infer<typeof ZAssignee>;
export type TModelRef = z.infer<typeof ZModelRef>;
export type TModelPolicy = z.infer<typeof ZModelPolicy>;
export type TRetryPolicy = z.infer<typeof ZRetryPolicy>;
export type TBackoff = z.infer<typeof ZBackoff>;
export type TOnError = z.infer<typeof ZOnError>;
export type TBudget = z.infer<typeof ZBudget>;
export type TTrigger = z.infer<typeof ZTrigger>;
export type TTriggerOf<T extends TTrigger["type"]> = Extract<TTrigger, { type: T }>;
export type TFlowControl = z.infer<typeof ZFlowControl>;
export type TWebhookVerification = z.infer<typeof ZWebhookVerification>;
export type TDelegationRequest = z.infer<typeof ZDelegationRequest>;
export type TDelegationResult = z.infer<typeof ZDelegationResult>;

/**
 * The targets of a router (routes in order, then default), flattened and de-duplicated.
 *
 * @example
 * routerTargets({ type: "router", id: "r", routes: [{ when: "true", to: ["a", "b"] }], default: "c" });
 * // ["a", "b", "c"]
 */
export function routerTargets(node: {
  routes?: ReadonlyArray<{ to: string | readonly string[] }>;
  default?: string | readonly string[];
}): string[] {
  const all = (node.routes ?? []).flatMap((route) => asList(route.to));
  if (node.default !== undefined) all.push(...asList(node.default));
  return [...new Set(all)];
}

/**
 * Normalises a `to`/`default` field to a list.
 *
 * @example
 * asList("a"); // ["a"]
 */
export function asList(targets: string | readonly string[]): string[] {
  return typeof targets === "string" ? [targets] : [...targets];
}
