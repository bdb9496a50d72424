/**
 * Checks of what nodes refer to: template tags and CEL paths (`nodes.<id>.output.<path>`,
 * `input.<field>`, `run.<field>`), models, tools and subgraphs.
 *
 * A node may only read nodes it transitively needs: anything else might not have run yet,
 * and whether it has would depend on timing.
 */
import { checkCondition, type TConditionScope } from "./conditions";
import type { GraphDag } from "./dag";
import { issueAt, type TIssuePath, type TSpecIssue } from "./issues";
import { isPlainObject } from "./json";
import { findPathProblem, outputSchemaOf } from "./node-outputs";
import type { TGraphSpec, TModelRef, TNodeSpec } from "./schema";
import type { TCheckNode } from "./structure-checks";
import { didYouMean } from "./suggest";
import { extractReferences, RUN_FIELDS, TemplateError } from "./template";
import { ROLES } from "../../auth/permissions";
import { listModels } from "../../models/model-catalogue";

/** Providers accepted when no `isKnownModel` is given. */
export const DEFAULT_MODEL_PROVIDERS = ["sim", "openai", "anthropic", "openai-compatible"] as const;

/** The simulated models, `sim:fast`, `sim:balanced` and `sim:strong`. */
export const SIM_MODEL_IDS: readonly string[] = listModels()
  .filter((m) => m.simulated)
  .map((m) => `sim:${m.model}`);

const PROVIDER_LABEL: Record<string, string> = { openai: "OpenAI", anthropic: "Anthropic", "openai-compatible": "OpenAI-compatible" };

/** What the workspace has configured, to check references against. All optional. */
export interface TValidateOptions {
  /**
   * Whether a concrete model id can be used. Default: provider is one of
   * {@link DEFAULT_MODEL_PROVIDERS}, and a `sim:` model is one of {@link SIM_MODEL_IDS}.
   */
  isKnownModel?(id: string): boolean;
  /**
   * Whether the workspace can call a provider (a key or base URL is configured). A model whose
   * provider cannot be called is a warning, not an error: the key may be added later.
   * Unchecked when absent.
   */
  isProviderConfigured?(provider: string): boolean;
  /** Whether a user assignee (user id or e-mail) is a member of the workspace. Unchecked when absent. */
  isMember?(user: string): boolean;
  /** Tool names agents may use and MCP tools (`mcp:<server>/<tool>`). Unchecked when absent. */
  knownTools?: readonly string[];
  /** Saved graphs a subgraph may run: names, or a predicate. Unchecked when absent. */
  knownGraphs?: readonly string[] | ((ref: { graph: string; version?: number }) => boolean);
}

/** A string that holds a template or a condition, and where it sits in its node. */
interface TExpressionSite {
  field: TIssuePath;
  text: string;
  kind: "template" | "condition";
  scope?: TConditionScope;
  /** a map node's per-item field: `{{item}}` and `{{index}}` are set there */
  perItem?: boolean;
  /** a trigger's `input` mapping: `{{event}}` (what the trigger received) is set there, and no node has run */
  trigger?: boolean;
}

/**
 * Reference checks for every node that parsed, plus the graph-level templates.
 *
 * @example
 * checkReferences(nodes, dag, spec, raw, {});
 * // [{ message: 'nodes[2] (pricing).prompt: {{nodes.vendr.output}} reads unknown node "vendr" — did you mean "vendor"?', … }]
 */
export function checkReferences(
  nodes: readonly TCheckNode[],
  dag: GraphDag,
  graph: Partial<TGraphSpec>,
  raw: unknown,
  options: TValidateOptions,
): TSpecIssue[] {
  const issues: TSpecIssue[] = [];
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const ids = nodes.map((node) => node.id);

  const checkPath = (root: string, path: readonly string[], display: string, owner?: TCheckNode, perItem = false, trigger = false): string | undefined => {
    if (trigger && root !== "event") return `${display}: a trigger's input mapping reads only event (what the trigger received), e.g. {{event.body.id}} — the run and its input do not exist yet`;
    switch (root) {
      case "event":
        return trigger ? undefined : `${display}: event is only set inside a trigger's input mapping (what the trigger received)`;
      case "item":
      case "index":
        // an item's shape is not declared anywhere: `{{item.x}}` is not checked
        if (perItem) return undefined;
        return `${display}: ${root} is only set inside a map node's agent and graph.input (the current item and its position)`;
      case "input": {
        const problem = findPathProblem(graph.input, path, "input");
        return problem && `${display}: ${problem.message}${suggest(path, problem)} — fix the name or add the field to the graph's input schema`;
      }
      case "run": {
        const field = path[0];
        if (field === undefined || (RUN_FIELDS as readonly string[]).includes(field)) return undefined;
        return `${display}: runs have no "${field}"${didYouMean(field, RUN_FIELDS)} (available: ${RUN_FIELDS.join(", ")})`;
      }
      case "nodes":
        return checkNodePath(path, display, owner);
      default:
        return undefined;
    }
  };

  const checkNodePath = (path: readonly string[], display: string, owner?: TCheckNode): string | undefined => {
    const [id, part, ...rest] = path;
    if (id === undefined) return undefined;
    if (!owner) return `${display} cannot read nodes: it is computed before any node runs — use input or run`;
    const target = byId.get(id);
    if (!target) return `${display} reads unknown node "${id}"${didYouMean(id, ids)}`;
    if (id === owner.id) return `${display} reads this node's own result, which does not exist while it runs`;
    // With an unknown id in needs the upstream set is a guess; that id is reported already.
    const needsKnown = owner.needs.every((need) => byId.has(need));
    if (needsKnown && !dag.upstreamOf(owner.id).has(id)) {
      return `${display} reads "${id}", which this node does not need, so it may not have run yet — add "${id}" to needs`;
    }
    if (part === undefined) return undefined;
    if (part === "status") {
      return rest.length ? `${display}: nodes.${id}.status is a string (succeeded, failed, skipped), so it has no fields` : undefined;
    }
    if (part !== "output") {
      return `${display}: a node's result has "output" and "status", not "${part}"${didYouMean(part, ["output", "status"])}`;
    }
    if (!target.spec) return undefined;
    const schema = outputSchemaOf(target.spec);
    const problem = findPathProblem(schema, rest, `nodes.${id}.output`);
    if (!problem) return undefined;
    const textAgent = target.spec.type === "agent" && target.spec.output === undefined;
    const fix = textAgent ? ` — give "${id}" an output schema to return structured data` : "";
    return `${display}: ${problem.message}${suggest(rest, problem)}${fix}`;
  };

  const checkSite = (site: TExpressionSite, owner: TCheckNode | undefined, path: TIssuePath): void => {
    const report = (detail: string): void => {
      issues.push(issueAt(raw, [...path, ...site.field], detail));
    };
    if (site.kind === "template") {
      let refs;
      try {
        refs = extractReferences(site.text);
      } catch (error) {
        if (error instanceof TemplateError) return report(error.message);
        throw error;
      }
      for (const ref of refs) {
        const detail = checkPath(ref.root, ref.path, ref.tag, owner, site.perItem, site.trigger);
        if (detail) report(detail);
      }
      return;
    }
    const checked = checkCondition(site.text, site.scope);
    if (!checked.ok) return report(checked.message);
    for (const ref of checked.references) {
      // `event` is declared only in the scopes that have it (checkCondition refused it elsewhere); its shape is the sender's
      if (ref.root === "event") continue;
      const detail = checkPath(ref.root, ref.path, [ref.root, ...ref.path].join("."), owner);
      if (detail) report(`condition "${site.text}": ${detail}`);
    }
  };

  for (const site of graphSites(graph)) checkSite(site, undefined, []);
  for (const [field, detail] of triggerProblems(graph, options)) issues.push(issueAt(raw, field, detail));
  for (const node of nodes) {
    if (!node.spec) continue;
    for (const site of nodeSites(node.spec)) checkSite(site, node, ["nodes", node.index]);
    for (const [field, detail] of resourceProblems(node.spec, options, graph.name)) {
      issues.push(issueAt(raw, ["nodes", node.index, ...field], detail));
    }
  }
  return issues;
}

function suggest(path: readonly string[], problem: { candidates: string[] }): string {
  const last = path[path.length - 1];
  return last === undefined ? "" : didYouMean(last, problem.candidates);
}

/** A `graph_completed` trigger names a saved graph other than this one. */
function triggerProblems(graph: Partial<TGraphSpec>, options: TValidateOptions): Array<[TIssuePath, string]> {
  const problems: Array<[TIssuePath, string]> = [];
  graph.triggers?.forEach((trigger, i) => {
    if (trigger.type === "watch") problems.push(...watchRequestProblems(trigger, i));
    if (trigger.type !== "graph_completed") return;
    if (graph.name !== undefined && trigger.graph === graph.name) {
      problems.push([["triggers", i, "graph"], `"${trigger.graph}" is this graph — a graph started by its own completion would run forever`]);
      return;
    }
    const known = options.knownGraphs;
    if (known === undefined) return;
    const ok = typeof known === "function" ? known({ graph: trigger.graph }) : known.includes(trigger.graph);
    if (!ok) problems.push([["triggers", i, "graph"], `unknown graph "${trigger.graph}"${typeof known === "function" ? "" : didYouMean(trigger.graph, known)} — save that graph first or fix the name`]);
  });
  return problems;
}

/**
 * A watch's request is sent before any run exists: its `url`, `headers` and the strings of its
 * `body` may read workspace secrets (`{{secrets.NAME}}`) and nothing else, and its URL is http(s).
 */
function watchRequestProblems(trigger: Extract<NonNullable<TGraphSpec["triggers"]>[number], { type: "watch" }>, i: number): Array<[TIssuePath, string]> {
  const problems: Array<[TIssuePath, string]> = [];
  const check = (field: TIssuePath, text: string): string | undefined => {
    let refs: ReturnType<typeof extractReferences>;
    try {
      refs = extractReferences(text);
    } catch (error) {
      if (error instanceof TemplateError) {
        problems.push([field, error.message]);
        return undefined;
      }
      throw error;
    }
    for (const ref of refs) {
      if (ref.root !== "secrets") problems.push([field, `${ref.tag}: a watch's request can read only workspace secrets ({{secrets.NAME}}) — it is sent before any run exists`]);
    }
    return text;
  };
  const url = check(["triggers", i, "url"], trigger.url);
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url.replace(/\{\{[^}]*\}\}/g, "x"));
    } catch {
      // reported below
    }
    if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) problems.push([["triggers", i, "url"], "must be an http(s) URL, e.g. https://status.example.com/api/state"]);
  }
  for (const [name, value] of Object.entries(trigger.headers ?? {})) check(["triggers", i, "headers", name], value);
  const deep = (field: TIssuePath, value: unknown): void => {
    if (typeof value === "string") check(field, value);
    else if (Array.isArray(value)) for (const [k, item] of value.entries()) deep([...field, k], item);
    else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) deep([...field, key], item);
  };
  if (trigger.body !== undefined) deep(["triggers", i, "body"], trigger.body);
  return problems;
}

function graphSites(graph: Partial<TGraphSpec>): TExpressionSite[] {
  const sites: TExpressionSite[] = [];
  // A trigger decides whether to start a run, so its condition sees only the event.
  graph.triggers?.forEach((trigger, i) => {
    if (trigger.when !== undefined) sites.push({ field: ["triggers", i, "when"], text: trigger.when, kind: "condition", scope: "trigger" });
    // the input mapping: free-form JSON whose strings are templates over `event`
    const deep = (field: TIssuePath, value: unknown): void => {
      if (typeof value === "string") sites.push({ field, text: value, kind: "template", trigger: true });
      else if (Array.isArray(value)) value.forEach((item, k) => deep([...field, k], item));
      else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) deep([...field, key], item);
    };
    if (trigger.input !== undefined) deep(["triggers", i, "input"], trigger.input);
    if (trigger.type === "webhook" && trigger.dedupeKey !== undefined) sites.push({ field: ["triggers", i, "dedupeKey"], text: trigger.dedupeKey, kind: "template", trigger: true });
    if (trigger.type === "watch" && trigger.key !== undefined) sites.push({ field: ["triggers", i, "key"], text: trigger.key, kind: "condition", scope: "trigger" });
  });
  if (graph.customerKey !== undefined) sites.push({ field: ["customerKey"], text: graph.customerKey, kind: "template" });
  if (graph.concurrency?.key !== undefined) sites.push({ field: ["concurrency", "key"], text: graph.concurrency.key, kind: "template" });
  if (graph.flow?.throttle?.key !== undefined) sites.push({ field: ["flow", "throttle", "key"], text: graph.flow.throttle.key, kind: "template" });
  if (graph.flow?.debounce?.key !== undefined) sites.push({ field: ["flow", "debounce", "key"], text: graph.flow.debounce.key, kind: "template" });
  return sites;
}

/** Every template and condition in a node, with its field path. */
function nodeSites(node: TNodeSpec): TExpressionSite[] {
  const sites: TExpressionSite[] = [];
  const template = (field: TIssuePath, text: string | undefined) => {
    if (text !== undefined) sites.push({ field, text, kind: "template" });
  };
  // Free-form JSON: every string inside is a template (keys are not).
  const deep = (field: TIssuePath, value: unknown): void => {
    if (typeof value === "string") template(field, value);
    else if (Array.isArray(value)) value.forEach((item, i) => deep([...field, i], item));
    else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) deep([...field, key], item);
  };
  switch (node.type) {
    case "agent":
      template(["instructions"], node.instructions);
      template(["prompt"], node.prompt);
      break;
    case "tool":
      if (node.tool.kind === "http") {
        template(["tool", "url"], node.tool.url);
        deep(["tool", "headers"], node.tool.headers);
        deep(["tool", "query"], node.tool.query);
        deep(["tool", "body"], node.tool.body);
      } else {
        deep(["tool", "arguments"], node.tool.arguments);
      }
      break;
    case "router":
      node.routes.forEach((route, i) => sites.push({ field: ["routes", i, "when"], text: route.when, kind: "condition", scope: "graph" }));
      break;
    case "approval":
      template(["title"], node.title);
      deep(["context"], node.context);
      break;
    case "supervisor":
      template(["instructions"], node.instructions);
      template(["task"], node.task);
      node.agents.forEach((agent, i) => {
        if ("instructions" in agent) template(["agents", i, "instructions"], agent.instructions);
      });
      break;
    case "subgraph":
      deep(["input"], node.input);
      break;
    case "map": {
      template(["items"], node.items);
      const perItem = sites.length;
      if (node.agent) {
        template(["agent", "instructions"], node.agent.instructions);
        template(["agent", "prompt"], node.agent.prompt);
      }
      if (node.graph) deep(["graph", "input"], node.graph.input);
      for (const site of sites.slice(perItem)) site.perItem = true;
      break;
    }
    case "wait":
      if (node.event?.when !== undefined) sites.push({ field: ["event", "when"], text: node.event.when, kind: "condition", scope: "event" });
      break;
    case "output":
      deep(["value"], node.value);
      break;
  }
  return sites;
}

/** Unknown models, tools and graphs, as [field path, detail]. */
function resourceProblems(node: TNodeSpec, options: TValidateOptions, graphName?: string): Array<[TIssuePath, string]> {
  const problems: Array<[TIssuePath, string]> = [];
  const model = (field: TIssuePath, ref: TModelRef) => {
    if (typeof ref === "string") {
      const detail = modelProblem(ref, options);
      if (detail) problems.push([field, detail]);
      return;
    }
    ref.fallbacks?.forEach((id, i) => {
      const detail = modelProblem(id, options);
      if (detail) problems.push([[...field, "fallbacks", i], detail]);
    });
  };
  const tools = (field: TIssuePath, names: readonly string[] | undefined) => {
    if (!options.knownTools) return;
    names?.forEach((name, i) => {
      if (!options.knownTools!.includes(name)) {
        problems.push([[...field, i], `unknown tool "${name}"${didYouMean(name, options.knownTools!)} — configure it in the workspace or remove it`]);
      }
    });
  };
  const subgraph = (field: TIssuePath, graph: string, version?: number) => {
    if (graphName !== undefined && graph === graphName) {
      problems.push([field, `"${graph}" is this graph — a graph cannot run itself as a subgraph`]);
      return;
    }
    const known = options.knownGraphs;
    if (known === undefined) return;
    const ok = typeof known === "function" ? known({ graph, version }) : known.includes(graph);
    if (!ok) {
      const hint = typeof known === "function" ? "" : didYouMean(graph, known);
      problems.push([field, `unknown graph "${graph}"${version === undefined ? "" : ` version ${version}`}${hint} — save that graph first or fix the name`]);
    }
  };
  const assignees = (field: TIssuePath, list: ReadonlyArray<{ role: string } | { user: string }> | undefined) => {
    list?.forEach((assignee, i) => {
      const detail = assigneeProblem(assignee, options);
      if (detail) problems.push([[...field, i, "role" in assignee ? "role" : "user"], detail]);
    });
  };
  switch (node.type) {
    case "agent":
      model(["model"], node.model);
      tools(["tools"], node.tools);
      break;
    case "approval":
      assignees(["assignees"], node.assignees);
      assignees(["escalateTo"], node.escalateTo);
      node.escalationChain?.forEach((step, i) => assignees(["escalationChain", i, "to"], step.to));
      break;
    case "supervisor":
      model(["model"], node.model);
      if (node.escalateTo) assignees(["escalateTo"], Array.isArray(node.escalateTo) ? node.escalateTo : [node.escalateTo]);
      node.escalationChain?.forEach((step, i) => assignees(["escalationChain", i, "to"], step.to));
      node.agents.forEach((agent, i) => {
        if ("graph" in agent) subgraph(["agents", i, "graph"], agent.graph, agent.version);
        else if ("model" in agent) {
          model(["agents", i, "model"], agent.model);
          tools(["agents", i, "tools"], agent.tools);
        }
      });
      break;
    case "map":
      if (node.agent) {
        model(["agent", "model"], node.agent.model);
        tools(["agent", "tools"], node.agent.tools);
      }
      if (node.graph) subgraph(["graph", "graph"], node.graph.graph, node.graph.version);
      break;
    case "tool":
      if (node.tool.kind === "mcp" && options.knownTools) {
        const name = `mcp:${node.tool.server}/${node.tool.tool}`;
        if (!options.knownTools.includes(name)) {
          problems.push([["tool"], `unknown MCP tool "${name}"${didYouMean(name, options.knownTools)} — add the server in the workspace settings or fix the name`]);
        }
      }
      break;
    case "subgraph":
      subgraph(["graph"], node.graph, node.version);
      break;
    default:
      break;
  }
  return problems;
}

function modelProblem(id: string, options: TValidateOptions): string | undefined {
  const provider = id.slice(0, id.indexOf(":"));
  if (!(DEFAULT_MODEL_PROVIDERS as readonly string[]).includes(provider)) {
    return `unknown model provider "${provider}" in "${id}"${didYouMean(provider, DEFAULT_MODEL_PROVIDERS)} (providers: ${DEFAULT_MODEL_PROVIDERS.join(", ")})`;
  }
  if (provider === "sim" && !SIM_MODEL_IDS.includes(id)) {
    return `unknown simulated model "${id}"${didYouMean(id, SIM_MODEL_IDS)} (simulated models: ${SIM_MODEL_IDS.join(", ")})`;
  }
  if (options.isKnownModel && !options.isKnownModel(id)) {
    return `unknown model "${id}": it is not in the model catalogue — fix the name, or add it as a custom model with its prices under Costs → Models`;
  }
  return undefined;
}

/** Why an approval assignee would resolve to no one, or `undefined`. */
function assigneeProblem(assignee: { role: string } | { user: string }, options: TValidateOptions): string | undefined {
  if ("role" in assignee) {
    if ((ROLES as readonly string[]).includes(assignee.role)) return undefined;
    return `unknown role "${assignee.role}"${didYouMean(assignee.role, ROLES)} (roles: ${ROLES.join(", ")})`;
  }
  if (!options.isMember || options.isMember(assignee.user)) return undefined;
  return `"${assignee.user}" is not a member of this workspace — invite them first, or assign a role`;
}

/**
 * Models whose provider the workspace cannot call yet: the graph saves, but runs fail at these
 * nodes until a key (or base URL) is configured.
 *
 * @example
 * checkModelAvailability(nodes, raw, { isProviderConfigured: (p) => p === "sim" });
 * // [{ message: 'nodes[1] (draft).model: the workspace has no OpenAI credential configured, …' }]
 */
export function checkModelAvailability(nodes: readonly TCheckNode[], raw: unknown, options: TValidateOptions): TSpecIssue[] {
  const configured = options.isProviderConfigured;
  if (!configured) return [];
  const warnings: TSpecIssue[] = [];
  const warn = (node: TCheckNode, field: TIssuePath, id: string) => {
    const provider = id.slice(0, id.indexOf(":"));
    if (provider === "sim" || !(provider in PROVIDER_LABEL) || configured(provider)) return;
    const what = provider === "openai-compatible" ? "base URL" : "API key";
    warnings.push(
      issueAt(raw, ["nodes", node.index, ...field], `the workspace has no ${PROVIDER_LABEL[provider]} ${what} configured, so runs will fail at "${id}" until one is added in Settings → Providers`),
    );
  };
  const model = (node: TCheckNode, field: TIssuePath, ref: TModelRef) => {
    if (typeof ref === "string") warn(node, field, ref);
    else ref.fallbacks?.forEach((id, i) => warn(node, [...field, "fallbacks", i], id));
  };
  for (const node of nodes) {
    const spec = node.spec;
    if (spec?.type === "agent") model(node, ["model"], spec.model);
    if (spec?.type === "supervisor") {
      model(node, ["model"], spec.model);
      spec.agents.forEach((agent, i) => {
        if ("model" in agent) model(node, ["agents", i, "model"], agent.model);
      });
    }
  }
  return warnings;
}
