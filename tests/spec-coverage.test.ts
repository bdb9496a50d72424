/**
 * Every field of the graph spec does something a test proves. This walks the spec's zod
 * schema (lib/graphs/spec/schema.ts), lists every field path, and requires each to be mapped
 * to the test that proves its effect — a file and the exact title of a test in it, checked
 * here. A new field without a test fails this suite; so does a renamed or deleted test.
 *
 * Paths: `a.b` for object keys, `nodes<agent>.prompt` for a variant of a discriminated union,
 * arrays and records are transparent. Fields every node has (`nodes.retries`, …) are listed
 * once. Discriminators (`type`, `kind`) only select a variant and are not listed.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZGraphSpec } from "../lib/graphs/spec/schema";

const ROOT = path.resolve(import.meta.dirname, "..");

const SPEC = "tests/integration/spec-fields.integration.test.ts";
const RUNTIME = "tests/integration/runtime.integration.test.ts";
const ROUTING = "tests/integration/finops-routing.integration.test.ts";
const MCP = "tests/integration/mcp.integration.test.ts";
const AGENT = "lib/runtime/agent/run-agent.integration.test.ts";
const BUDGET_RUNTIME = "tests/integration/budget-runtime.integration.test.ts";
const FORECAST = "tests/integration/forecast-gate.integration.test.ts";
const PROCUREMENT = "tests/integration/procurement.integration.test.ts";
const TRIGGERS = "tests/integration/triggers.integration.test.ts";
const WEBHOOK = "tests/integration/webhook-trigger.integration.test.ts";
const INBOX = "tests/integration/inbox.integration.test.ts";
const FLOW = "tests/integration/flow.integration.test.ts";
const SCHEDULE = "tests/integration/schedule.integration.test.ts";
const WATCH = "tests/integration/watch.integration.test.ts";

const EMAIL = "tests/integration/email-trigger.integration.test.ts";

type Proof = { file: string; test: string };
const proof = (file: string, test: string): Proof => ({ file, test });
const EMAIL_SMTP = proof(EMAIL, "an e-mail through the SMTP listener starts the graph its address belongs to, with the mapped e-mail as input (address, id, description, when, input)");
const WATCH_EDGE = proof(WATCH, "polls the source and fires on the rising edge only: false, false, true, true, false, true → 2 runs, the body as input");
const WATCH_KEY = proof(WATCH, "a key dedupes: the same key on a new edge starts nothing, a new key while the condition holds starts a run; secrets reach the request only");
const WATCH_SAVE = proof(WATCH, "refuses on save, naming the field: polls more often than every second, a request reading more than secrets, a URL that is not http(s)");
const FLOW_THROTTLE = proof(FLOW, "starts at most limit runs per period per key; the rest wait queued and start as the window has room");
const FLOW_DEBOUNCE = proof(FLOW, "a burst of 10 becomes one run with the last payload; every request gets its id");

/** Fields every node has, listed once as `nodes.<field>`. */
const NODE_BASE = ["id", "needs", "description", "tags", "retries", "timeout", "onError", "budgetUsd", "position"];

const DAG = proof(RUNTIME, "runs a DAG: parallel branches, a join, templates, HTTP tool, router skipping a branch, output");
const RETRIES = proof(RUNTIME, "retries a failing node with backoff, then fails the run naming the node");
const METADATA = proof(SPEC, "metadata: name, description and tags are kept with the graph, node notes and positions stay in the spec, graph tags go onto every run");
const DEFAULTS = proof(SPEC, "retries and timeouts: the graph's retries and timeouts.node are the defaults, a node's own timeout replaces them");
const HTTP = proof(SPEC, "HTTP tool: headers and query are rendered and sent, and okStatus decides what counts as success");
const AGENT_SETTINGS = proof(SPEC, "agent settings reach the provider: model, prompt, instructions, temperature and maxOutputTokens");
const WAITS = proof(SPEC, "wait: sleep holds the branch for its duration; event waits for an event matching when");
const APPROVAL = proof(RUNTIME, "an approval waits for a person; approve resumes the run with the decision");
const SUBGRAPH = proof(RUNTIME, "a subgraph runs as its own pinned run and its output flows to the parent");
const MCP_TOOL = proof(MCP, "a tool node calls an MCP tool with rendered arguments and the secret as bearer token");
const NODE_BUDGETS = proof(SPEC, "budget.perNodeUsd and a node's budgetUsd stop a node's spending");
const SUP = "tests/integration/supervisor.integration.test.ts";
const SUP_SETTINGS = "tests/integration/supervisor-settings.integration.test.ts";
const SUP_SIM = proof(SUP, "a simulated supervisor delegates to the agents its task names, and answers who did what");
const SUP_THREE = proof(SUP, "delegates to three sub-agents: one succeeds, one escalates to a person who edits its output, one keeps failing and its fallback stands in");
const SUP_NEST = proof(SUP, "nests three levels deep: graph → supervisor → saved graph with a supervisor → saved graph with a supervisor; outputs flow back up");
const SUP_REACH = proof(
  SUP_SETTINGS,
  "settings reach the models: the supervisor's instructions, task and output schema; each sub-agent as a tool with its name, description and input schema; an inline agent's instructions, output, temperature and maxOutputTokens",
);
const SUP_REMOTE = proof(SUP_SETTINGS, "an HTTP agent gets its headers rendered with secrets by reference; a saved graph agent runs the version it names");
const SUP_BOUNDS = proof(
  SUP_SETTINGS,
  "maxParallel and maxDelegations bound the delegations; a result below minConfidence is reported back as unsure, and an unsure answer goes to the named person, whose rejection fails the node",
);
const SUP_ROUTING = proof(
  SUP_SETTINGS,
  "routing policies: the supervisor and an inline agent route by tier within maxUsdPerMTok and minContext, and a failing model hands over to the policy's fallbacks",
);
const SUP_TEMPLATE = proof(
  PROCUREMENT,
  "supervised variant, on an OpenAI-compatible provider: the supervisor delegates pricing and compliance, escalates the unsure review to a person, and decides with the person's answer",
);
const CHAIN = proof(INBOX, "an undecided item moves up its escalation chain after each step's after, recorded and notified; the new assignee decides and the run goes on");
const SUP_CHAIN = proof(INBOX, "a supervisor's escalation walks its node's escalation chain like an approval: moved, recorded and notified; the new assignee's edit stands in");
const MAP = "tests/integration/map.integration.test.ts";
const MAP_ITEMS = proof(MAP, "runs 50 items with at most `concurrency` model calls in flight, reaching it, and returns the results in order");
const MAP_AGENT = proof(MAP, "a map's agent settings reach the provider for every item: model, instructions, prompt, output schema, temperature, maxOutputTokens");
const MAP_GRAPH = proof(MAP, "runs a saved graph per item as child runs, with {{item}} and {{index}} in graph.input");

/** Field path → the test that proves its effect. */
const COVERAGE: Record<string, Proof> = {
  name: proof(BUDGET_RUNTIME, "pause: the refused call is not made, the run waits in the inbox, and resumes at the node when the budget is raised"),
  description: METADATA,
  tags: METADATA,
  input: proof(RUNTIME, "input that does not match the graph's input schema is refused before a run exists"),
  output: proof(SPEC, "graph output: a result that breaks the graph's output schema fails the run naming the path"),
  customerKey: DAG,
  "budget.perRunUsd": proof(BUDGET_RUNTIME, "stop: the run fails with reason budget_exceeded and nothing is spent"),
  "budget.onExceed": proof(BUDGET_RUNTIME, "pause: the refused call is not made, the run waits in the inbox, and resumes at the node when the budget is raised"),
  "budget.perNodeUsd": NODE_BUDGETS,
  "budget.requireApprovalAboveUsd": proof(FORECAST, "waits before any node runs when the forecast p90 exceeds the threshold; approved, it runs"),
  "concurrency.limit": proof(SPEC, "concurrency.limit: runs beyond the limit wait queued and start when a slot frees (a finished or cancelled run frees it)"),
  "concurrency.key": proof(SPEC, "concurrency.key: the limit applies per evaluated key, so another key's run starts at once"),
  "flow.throttle.limit": FLOW_THROTTLE,
  "flow.throttle.period": FLOW_THROTTLE,
  "flow.throttle.key": FLOW_THROTTLE,
  "flow.debounce.period": FLOW_DEBOUNCE,
  "flow.debounce.key": FLOW_DEBOUNCE,
  "flow.debounce.maxWait": proof(FLOW, "maxWait: a burst that never goes quiet still starts a run maxWait after its first request"),
  "flow.queue.max": proof(FLOW, "reject: past max waiting runs a start gets 429 queue_full with Retry-After; once one begins there is room again"),
  "flow.queue.policy": proof(FLOW, "drop_oldest: a start past max cancels the oldest waiting run with the reason, and its fire shows it"),
  "flow.maxAge": proof(FLOW, "a run whose request is older than maxAge when it would begin is not executed, with the reason; a fresh one runs"),
  "retries.attempts": DEFAULTS,
  "retries.backoff.initialMs": DEFAULTS,
  "retries.backoff.factor": DEFAULTS,
  "retries.backoff.maxMs": DEFAULTS,
  "timeouts.run": proof(SPEC, "timeouts.run: a run over its time limit fails with code run_timeout and the reason"),
  "timeouts.node": DEFAULTS,

  "nodes.id": DAG,
  "nodes.needs": DAG,
  "nodes.description": METADATA,
  "nodes.tags": METADATA,
  "nodes.position.x": METADATA,
  "nodes.position.y": METADATA,
  "nodes.retries.attempts": RETRIES,
  "nodes.retries.backoff.initialMs": RETRIES,
  "nodes.retries.backoff.factor": RETRIES,
  "nodes.retries.backoff.maxMs": RETRIES,
  "nodes.timeout": DEFAULTS,
  "nodes.onError": proof(RUNTIME, "a node with onError: continue lets the run go on"),
  "nodes.onError.fallback": proof(SPEC, "onError.fallback: the fallback's output stands in for the failed node's output downstream"),
  "nodes.budgetUsd": NODE_BUDGETS,

  "nodes<agent>.model": AGENT_SETTINGS,
  "nodes<agent>.model.tier": proof(ROUTING, "uses only the simulated provider until a real one is configured"),
  "nodes<agent>.model.maxUsdPerMTok": proof("lib/finops/choose-by-policy.test.ts", "respects max blended price and minimum context"),
  "nodes<agent>.model.minContext": proof("lib/finops/choose-by-policy.test.ts", "respects max blended price and minimum context"),
  "nodes<agent>.model.fallbacks": proof(SPEC, "model.fallbacks: after a provider failure the retry goes to the next fallback model, which is recorded as the one that answered"),
  "nodes<agent>.model.downgradeAt": proof(ROUTING, "moves down a tier as the node's budget fills"),
  "nodes<agent>.instructions": AGENT_SETTINGS,
  "nodes<agent>.tools": proof(MCP, "an agent calls an MCP tool in its tool loop and answers with the result"),
  "nodes<agent>.output": proof(PROCUREMENT, "intake → slow vendor check → pricing → compliance → human approval → routing, on an OpenAI-compatible provider"),
  "nodes<agent>.maxTurns": proof(AGENT, "fails with MaxTurnsError when the model is still calling tools after maxTurns calls"),
  "nodes<agent>.maxOutputTokens": AGENT_SETTINGS,
  "nodes<agent>.temperature": AGENT_SETTINGS,
  "nodes<agent>.prompt": AGENT_SETTINGS,

  "nodes<tool>.tool<http>.method": DAG,
  "nodes<tool>.tool<http>.url": DAG,
  "nodes<tool>.tool<http>.body": DAG,
  "nodes<tool>.tool<http>.headers": HTTP,
  "nodes<tool>.tool<http>.query": HTTP,
  "nodes<tool>.tool<http>.okStatus": HTTP,
  "nodes<tool>.tool<mcp>.server": MCP_TOOL,
  "nodes<tool>.tool<mcp>.tool": MCP_TOOL,
  "nodes<tool>.tool<mcp>.arguments": MCP_TOOL,

  "nodes<router>.routes.when": DAG,
  "nodes<router>.routes.to": DAG,
  "nodes<router>.default": DAG,

  "nodes<approval>.title": proof(PROCUREMENT, "intake → slow vendor check → pricing → compliance → human approval → routing, on an OpenAI-compatible provider"),
  "nodes<approval>.assignees.role": APPROVAL,
  "nodes<approval>.assignees.user": proof(SPEC, "assignees that resolve to no one at run time send the item to the admins with the reason, never to everyone"),
  "nodes<approval>.context": proof(PROCUREMENT, "intake → slow vendor check → pricing → compliance → human approval → routing, on an OpenAI-compatible provider"),
  "nodes<approval>.minApprovals": proof(SPEC, "minApprovals: the item needs that many distinct approvers, each vote is kept and shown, and one reject rejects"),
  "nodes<approval>.onTimeout": proof(RUNTIME, "an approval that times out follows onTimeout"),
  "nodes<approval>.escalateTo.role": proof(SPEC, "escalateTo: an approval not decided in time with onTimeout escalate goes to the escalation assignees"),
  "nodes<approval>.escalateTo.user": proof(SPEC, "escalateTo: an approval not decided in time with onTimeout escalate goes to the escalation assignees"),
  "nodes<approval>.escalationChain.after": CHAIN,
  "nodes<approval>.escalationChain.to.role": CHAIN,
  "nodes<approval>.escalationChain.to.user": CHAIN,

  "nodes<subgraph>.graph": SUBGRAPH,
  "nodes<subgraph>.version": proof(RUNTIME, "idempotency keys return the same run; version pinning survives a new version"),
  "nodes<subgraph>.input": SUBGRAPH,

  "nodes<wait>.sleep": WAITS,
  "nodes<wait>.event.name": WAITS,
  "nodes<wait>.event.when": WAITS,

  "nodes<output>.value": DAG,

  "triggers<event>.id": proof(TRIGGERS, "a paused trigger records its fires as paused and starts nothing until resumed"),
  "triggers<event>.description": METADATA,
  "triggers<event>.name": proof(TRIGGERS, "starts the graph when a matching event arrives, with the event's data as input; the same id starts it once"),
  "triggers<event>.when": proof(TRIGGERS, "starts the graph when a matching event arrives, with the event's data as input; the same id starts it once"),
  "triggers<email>.id": EMAIL_SMTP,
  "triggers<email>.description": EMAIL_SMTP,
  "triggers<email>.when": EMAIL_SMTP,
  "triggers<email>.input": EMAIL_SMTP,
  "triggers<email>.address": proof(
    EMAIL,
    "a save is refused when another graph already receives for the address, or the spec declares it twice, naming triggers[i].address; a rename keeps the default address",
  ),
  "triggers<schedule>.id": proof(SCHEDULE, "a 6-field every-second schedule fires within a second of each slot, once per slot, with the slot in its input; pause stops it, resume re-arms it"),
  "triggers<schedule>.description": METADATA,
  "triggers<schedule>.when": proof(SCHEDULE, "when: a slot whose condition over the schedule's event is false is recorded condition_false and starts nothing"),
  "triggers<schedule>.input": proof(SCHEDULE, "research-report's weekly schedule is armed for Monday 07:00 Berlin when saved, and its slot starts a run with a valid input"),
  "triggers<schedule>.cron": proof(SCHEDULE, "a 6-field every-second schedule fires within a second of each slot, once per slot, with the slot in its input; pause stops it, resume re-arms it"),
  "triggers<schedule>.timezone": proof(SCHEDULE, "research-report's weekly schedule is armed for Monday 07:00 Berlin when saved, and its slot starts a run with a valid input"),
  "triggers<schedule>.overlap": proof(SCHEDULE, "buffer_one: one slot waits and starts when the run ends (its fire recorded buffered, then started); further slots are skipped"),
  "triggers<schedule>.catchUp.policy": proof(SCHEDULE, "latest: the newest slot starts a run, the older ones are missed"),
  "triggers<schedule>.catchUp.window": proof(SCHEDULE, "all within a window: the slots inside it start runs, oldest first; older ones are missed"),
  "triggers<schedule>.jitter": proof(SCHEDULE, "jitter: each slot fires up to the jitter after it, its dedupe key still the slot"),
  "triggers<graph_completed>.id": proof(TRIGGERS, "a run of one graph ending starts the graphs that follow it, with its output as their input"),
  "triggers<graph_completed>.description": METADATA,
  "triggers<graph_completed>.graph": proof(TRIGGERS, "refuses a trigger that would make graphs start each other in a loop, naming the loop"),
  "triggers<graph_completed>.status": proof(TRIGGERS, "a run of one graph ending starts the graphs that follow it, with its output as their input"),
  "triggers<graph_completed>.when": proof(TRIGGERS, "a run of one graph ending starts the graphs that follow it, with its output as their input"),
  "triggers<graph_completed>.input": proof(WEBHOOK, "an event trigger's and a graph_completed trigger's input mappings shape the run's input"),
  "triggers<event>.input": proof(WEBHOOK, "an event trigger's and a graph_completed trigger's input mappings shape the run's input"),
  "triggers<webhook>.id": proof(WEBHOOK, "a trigger without a secret refuses deliveries with 401 naming the fix; creating one shows it once, with the URL and a signed curl"),
  "triggers<webhook>.description": METADATA,
  "triggers<webhook>.when": proof(WEBHOOK, "a false condition answers 202 with no run; a paused trigger answers 409 and records the fire"),
  "triggers<webhook>.input": proof(WEBHOOK, "a delivery signed the Standard Webhooks way starts a run with the mapped input; the same webhook-id gets the same run"),
  "triggers<webhook>.path": proof(WEBHOOK, "a declared path is unique within the workspace: a save reusing one is refused naming triggers[i].path"),
  "triggers<webhook>.dedupeKey": proof(WEBHOOK, "verifies x-hub-signature-256 over the raw body, answers at the trigger's id, and dedupes on the dedupeKey template"),
  "triggers<webhook>.verify<hmac>.header": proof(WEBHOOK, "verifies x-hub-signature-256 over the raw body, answers at the trigger's id, and dedupes on the dedupeKey template"),
  "triggers<webhook>.verify<hmac>.algorithm": proof(WEBHOOK, "verifies x-hub-signature-256 over the raw body, answers at the trigger's id, and dedupes on the dedupeKey template"),
  "triggers<webhook>.verify<hmac>.encoding": proof(WEBHOOK, "verifies x-hub-signature-256 over the raw body, answers at the trigger's id, and dedupes on the dedupeKey template"),
  "triggers<webhook>.verify<hmac>.prefix": proof(WEBHOOK, "verifies x-hub-signature-256 over the raw body, answers at the trigger's id, and dedupes on the dedupeKey template"),
  "triggers<watch>.id": WATCH_EDGE,
  "triggers<watch>.description": METADATA,
  "triggers<watch>.when": WATCH_EDGE,
  "triggers<watch>.input": WATCH_KEY,
  "triggers<watch>.url": WATCH_EDGE,
  "triggers<watch>.method": WATCH_KEY,
  "triggers<watch>.headers": WATCH_KEY,
  "triggers<watch>.body": WATCH_KEY,
  "triggers<watch>.every": WATCH_SAVE,
  "triggers<watch>.key": WATCH_KEY,
  "nodes<supervisor>.agents.tools": proof(MCP, "a supervisor's inline sub-agent calls its MCP tools in its own tool loop, and the supervisor gets its answer"),
  "nodes<supervisor>.agents.maxTurns": proof(MCP, "a supervisor's inline sub-agent calls its MCP tools in its own tool loop, and the supervisor gets its answer"),
  "nodes<supervisor>.maxOutputTokens": SUP_TEMPLATE,
  "nodes<supervisor>.temperature": SUP_TEMPLATE,
  "nodes<map>.items": MAP_ITEMS,
  "nodes<map>.concurrency": MAP_ITEMS,
  "nodes<map>.maxItems": proof(MAP, "fails the node clearly when items is not a list, or has more than maxItems"),
  "nodes<map>.onItemError": proof(MAP, "onItemError continue: a failed item is null and the node records which failed"),
  "nodes<map>.graph.graph": MAP_GRAPH,
  "nodes<map>.graph.version": MAP_GRAPH,
  "nodes<map>.graph.input": MAP_GRAPH,
  "nodes<map>.agent.model": MAP_AGENT,
  "nodes<map>.agent.instructions": MAP_AGENT,
  "nodes<map>.agent.prompt": MAP_AGENT,
  "nodes<map>.agent.output": MAP_AGENT,
  "nodes<map>.agent.temperature": MAP_AGENT,
  "nodes<map>.agent.maxOutputTokens": MAP_AGENT,
  // a map's agent runs through the agent node's own code (executeAgentNode): its routing, tools
  // and turn limit are the agent node's, proven there
  "nodes<map>.agent.model.tier": proof(ROUTING, "uses only the simulated provider until a real one is configured"),
  "nodes<map>.agent.model.maxUsdPerMTok": proof("lib/finops/choose-by-policy.test.ts", "respects max blended price and minimum context"),
  "nodes<map>.agent.model.minContext": proof("lib/finops/choose-by-policy.test.ts", "respects max blended price and minimum context"),
  "nodes<map>.agent.model.fallbacks": proof(SPEC, "model.fallbacks: after a provider failure the retry goes to the next fallback model, which is recorded as the one that answered"),
  "nodes<map>.agent.model.downgradeAt": proof(ROUTING, "moves down a tier as the node's budget fills"),
  "nodes<map>.agent.tools": proof(MCP, "an agent calls an MCP tool in its tool loop and answers with the result"),
  "nodes<map>.agent.maxTurns": proof(AGENT, "fails with MaxTurnsError when the model is still calling tools after maxTurns calls"),

  "nodes<supervisor>.model": SUP_REACH,
  "nodes<supervisor>.escalationChain.after": SUP_CHAIN,
  "nodes<supervisor>.escalationChain.to.role": SUP_CHAIN,
  "nodes<supervisor>.escalationChain.to.user": SUP_CHAIN,
  "nodes<supervisor>.model.tier": SUP_ROUTING,
  "nodes<supervisor>.model.maxUsdPerMTok": SUP_ROUTING,
  "nodes<supervisor>.model.minContext": SUP_ROUTING,
  "nodes<supervisor>.model.fallbacks": SUP_ROUTING,
  "nodes<supervisor>.model.downgradeAt": SUP_ROUTING,
  "nodes<supervisor>.instructions": SUP_REACH,
  "nodes<supervisor>.task": SUP_SIM,
  "nodes<supervisor>.output": SUP_REACH,
  "nodes<supervisor>.maxDelegations": SUP_BOUNDS,
  "nodes<supervisor>.maxParallel": SUP_BOUNDS,
  "nodes<supervisor>.minConfidence": SUP_BOUNDS,
  "nodes<supervisor>.escalateTo.role": SUP_THREE,
  "nodes<supervisor>.escalateTo.user": SUP_BOUNDS,
  "nodes<supervisor>.escalationDueIn": SUP_THREE,
  "nodes<supervisor>.agents.name": proof(SUP, "a tool call naming an agent outside the allow-list never runs anything"),
  "nodes<supervisor>.agents.description": SUP_REACH,
  "nodes<supervisor>.agents.input": SUP_REACH,
  "nodes<supervisor>.agents.fallback": SUP_THREE,
  "nodes<supervisor>.agents.breaker.failures": SUP_THREE,
  "nodes<supervisor>.agents.breaker.window": SUP_THREE,
  "nodes<supervisor>.agents.breaker.coolDown": SUP_THREE,
  "nodes<supervisor>.agents.breaker.failureRate": proof("tests/integration/breakers.integration.test.ts", "opens on a failure rate only once the window holds minCalls calls"),
  "nodes<supervisor>.agents.breaker.minCalls": proof("tests/integration/breakers.integration.test.ts", "opens on a failure rate only once the window holds minCalls calls"),
  "nodes<supervisor>.agents.model": SUP_SIM,
  "nodes<supervisor>.agents.model.tier": SUP_ROUTING,
  "nodes<supervisor>.agents.model.fallbacks": SUP_ROUTING,
  "nodes<supervisor>.agents.model.maxUsdPerMTok": SUP_ROUTING,
  "nodes<supervisor>.agents.model.minContext": SUP_ROUTING,
  "nodes<supervisor>.agents.model.downgradeAt": SUP_ROUTING,
  "nodes<supervisor>.agents.instructions": SUP_REACH,
  "nodes<supervisor>.agents.output": SUP_REACH,
  "nodes<supervisor>.agents.temperature": SUP_REACH,
  "nodes<supervisor>.agents.maxOutputTokens": SUP_REACH,
  "nodes<supervisor>.agents.graph": SUP_NEST,
  "nodes<supervisor>.agents.version": SUP_REMOTE,
  "nodes<supervisor>.agents.http.url": SUP_THREE,
  "nodes<supervisor>.agents.http.headers": SUP_REMOTE,
};

/**
 * Supervisor fields whose effect belongs to work delivered beside the supervisor runtime, with
 * where it is proven; each entry goes once its test is in (then map it in COVERAGE above).
 */
const SUPERVISION_ELSEWHERE: Record<string, string> = {
  "nodes<supervisor>.agents.a2a":
    "A2A delegation (lib/a2a/delegate.ts) is proven by the A2A tests with the SDK's own server (tests/integration/a2a.integration.test.ts), called as the supervisor calls it",
};

/** Whole subtrees whose effect one test proves, with why. */
const SUBTREES: Record<string, Proof & { why: string }> = {};

/** Trigger kinds the scheduling work has not brought to life yet, with the reason they are not proven here. */
const SCHEDULING: Record<string, string> = {
  "triggers<api>": "the api trigger names the run API (POST /graphs/:id/runs), which every graph has; its options belong to the scheduling work",
};

/** Every field path of a zod schema, in the notation above. */
function fieldPaths(schema: z.ZodType, prefix = "", out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  switch (def.type) {
    case "object":
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const at = prefix ? `${prefix}.${key}` : key;
        if (isDiscriminator(value)) continue;
        if (!isObjectOnly(value)) out.add(at);
        fieldPaths(value, at, out);
      }
      break;
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
      fieldPaths(def.innerType, prefix, out);
      break;
    case "pipe":
      fieldPaths(def.in, prefix, out);
      break;
    case "array":
      fieldPaths(def.element, prefix, out);
      break;
    case "record":
      fieldPaths(def.valueType, prefix, out);
      break;
    case "union":
      for (const option of def.options as z.ZodType[]) {
        const optionDef = (option as unknown as { _zod: { def: Record<string, any> } })._zod.def;
        const variant = def.discriminator ? `<${optionDef.shape[def.discriminator]._zod.def.values[0]}>` : "";
        fieldPaths(option, `${prefix}${variant}`, out);
      }
      break;
    default:
      break; // a leaf: string, number, enum, custom JSON, …
  }
  return out;
}

function isDiscriminator(schema: z.ZodType): boolean {
  return (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type === "literal";
}

/** True when every variant of the field is an object (its leaves carry the meaning). */
function isObjectOnly(schema: z.ZodType): boolean {
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  if (["optional", "nullable", "default", "readonly"].includes(def.type)) return isObjectOnly(def.innerType);
  if (def.type === "union") return (def.options as z.ZodType[]).every(isObjectOnly);
  if (def.type === "array") return isObjectOnly(def.element);
  return def.type === "object";
}

/** `nodes<agent>.retries.attempts` → `nodes.retries.attempts`: base node fields are listed once. */
function normalise(p: string): string {
  return p.replace(/^nodes<[a-z]+>\.([a-zA-Z]+)/, (whole, field: string) => (NODE_BASE.includes(field) ? `nodes.${field}` : whole));
}

const paths = [...new Set([...fieldPaths(ZGraphSpec)].map(normalise))].sort();
const fileText = new Map<string, string>();
const read = (file: string) => {
  if (!fileText.has(file)) fileText.set(file, fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), "utf8") : "");
  return fileText.get(file)!;
};
/** Whether `file` declares a test with exactly this title (it/test, any quote style). */
const hasTest = (file: string, title: string) =>
  ['"', "'", "`"].some((q) => new RegExp(`\\b(it|test)(\\.\\w+)?\\(\\s*${q}${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll(q, `\\${q}`)}${q}`).test(read(file)));

describe("spec coverage", () => {
  it("walks the whole spec schema", () => {
    // a sanity check on the walk itself: a few fields from each level
    for (const p of [
      "name",
      "concurrency.key",
      "timeouts.run",
      "nodes.onError.fallback",
      "nodes<agent>.model.fallbacks",
      "nodes<approval>.minApprovals",
      "nodes<tool>.tool<http>.okStatus",
      "triggers<schedule>.cron",
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.length).toBeGreaterThan(70);
  });

  it("maps every spec field to a test that proves its effect", () => {
    const unmapped = paths.filter(
      (p) =>
        !COVERAGE[p] &&
        !Object.keys(SUBTREES).some((root) => p.startsWith(`${root}.`)) &&
        !Object.keys(SUPERVISION_ELSEWHERE).some((root) => p === root || p.startsWith(`${root}.`)) &&
        !Object.keys(SCHEDULING).some((root) => p === root || p.startsWith(`${root}.`)),
    );
    expect(unmapped, "spec fields without a test proving their effect: add a test and map it in tests/spec-coverage.test.ts").toEqual([]);
  });

  it("names only fields that exist, and tests that exist under those exact titles", () => {
    expect(
      Object.keys(COVERAGE).filter((p) => !paths.includes(p)),
      "mapped paths that are not spec fields",
    ).toEqual([]);
    const proofs = [...Object.entries(COVERAGE), ...Object.entries(SUBTREES)];
    const missing = proofs.filter(([, { file, test }]) => !hasTest(file, test)).map(([p, { file, test }]) => `${p}: ${file} has no test "${test}"`);
    expect(missing).toEqual([]);
  });

  it("keeps the scheduling exceptions to the trigger kinds not yet live", () => {
    expect(Object.keys(SCHEDULING)).toEqual(["triggers<api>"]);
    expect(Object.values(SCHEDULING).every((why) => why.length > 20)).toBe(true);
  });
});
