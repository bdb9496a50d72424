/**
 * Checks of how nodes connect: ids, needs, cycles, connectivity, router targets, fallbacks,
 * and the per-node rules that involve more than one field.
 */
import type { GraphDag } from "./dag";
import { issueAt, type TSpecIssue } from "./issues";
import { asList, type TGraphSpec, type TNodeSpec } from "./schema";
import { didYouMean } from "./suggest";
import { triggerIds } from "./triggers";
import { scheduleIssues } from "../../triggers/schedule/cron-schedule";
import { checkFlowControl } from "./flow-checks";

/**
 * A node as the checks see it. `spec` is absent when the node itself failed schema
 * validation; its id and needs still take part in the graph checks so that one broken node
 * does not hide every other problem.
 */
export interface TCheckNode {
  index: number;
  id: string;
  needs: string[];
  onError?: TNodeSpec["onError"];
  spec?: TNodeSpec;
}

/**
 * Structural checks. `raw` is the spec as received (for issue paths); `graph` the parsed spec,
 * when it parsed.
 *
 * @example
 * checkStructure(nodes, GraphDag.of({ nodes }), raw, spec);
 * // [{ path: "nodes[2] (pricing).needs", message: 'nodes[2] (pricing).needs: unknown node "vendr" — did you mean "vendor"?', … }]
 */
export function checkStructure(nodes: readonly TCheckNode[], dag: GraphDag, raw: unknown, graph?: TGraphSpec): TSpecIssue[] {
  const issues: TSpecIssue[] = [];
  const at = (node: TCheckNode, field: Array<string | number>, detail: string) =>
    issues.push(issueAt(raw, ["nodes", node.index, ...field], detail));
  const ids = nodes.map((node) => node.id);
  const known = new Set(ids);
  const unknownNode = (id: string) => `unknown node "${id}"${didYouMean(id, ids)}`;

  const firstIndex = new Map<string, number>();
  for (const node of nodes) {
    const first = firstIndex.get(node.id);
    if (first === undefined) firstIndex.set(node.id, node.index);
    else at(node, ["id"], `duplicate id "${node.id}" — nodes[${first}] already uses it; ids must be unique`);
  }

  for (const node of nodes) {
    const seen = new Set<string>();
    for (const need of node.needs) {
      if (need === node.id) at(node, ["needs"], "a node cannot need itself — remove it from needs");
      else if (!known.has(need)) at(node, ["needs"], unknownNode(need));
      else if (seen.has(need)) at(node, ["needs"], `lists "${need}" more than once — remove the repeat`);
      seen.add(need);
    }
  }

  // Self-needs are reported above with a clearer message.
  for (const cycle of dag.cycles().filter((c) => c.length > 2)) {
    const start = nodes.find((node) => node.id === cycle[0])!;
    at(start, ["needs"], `dependency cycle ${cycle.join(" → ")} (→ means "needs") — remove one of these needs so the graph can start`);
  }

  const groups = dag.connectedGroups();
  if (groups.length > 1) {
    // The biggest group is "the graph"; stragglers are what the author forgot to wire up.
    const main = groups.reduce((best, group) => (group.length > best.length ? group : best));
    const mainStart = main.find((id) => dag.needsOf(id).length === 0) ?? main[0]!;
    for (const group of groups) {
      if (group === main) continue;
      for (const id of group) {
        // A node with an unknown need was meant to be wired up; that need is reported already.
        if (!nodeOf(nodes, id).needs.every((need) => known.has(need))) continue;
        at(nodeOf(nodes, id), [], `is not connected to the rest of the graph (which starts at "${mainStart}") — add it to another node's needs, or give it needs`);
      }
    }
  }

  for (const node of nodes) {
    const spec = node.spec;
    if (!spec) continue;
    const fallback = typeof spec.onError === "object" ? spec.onError.fallback : undefined;
    if (fallback !== undefined) {
      if (fallback === spec.id) at(node, ["onError", "fallback"], "a node cannot be its own fallback");
      else if (!known.has(fallback)) at(node, ["onError", "fallback"], unknownNode(fallback));
      else if (dag.upstreamOf(fallback).has(spec.id)) {
        at(node, ["onError", "fallback"], `"${fallback}" needs "${spec.id}", so it cannot stand in for it when it fails — remove that need or pick another fallback`);
      }
    }
    checkNodeRules(node, spec, known, ids, dag, at, graph);
  }
  return issues;
}

type TAt = (node: TCheckNode, field: Array<string | number>, detail: string) => void;

function checkNodeRules(node: TCheckNode, spec: TNodeSpec, known: Set<string>, ids: string[], dag: GraphDag, at: TAt, graph?: TGraphSpec): void {
  if (spec.retries?.backoff && spec.retries.backoff.maxMs < spec.retries.backoff.initialMs) {
    at(node, ["retries", "backoff", "maxMs"], `must be at least initialMs (${spec.retries.backoff.initialMs})`);
  }
  const perRun = graph?.budget?.perRunUsd;
  if (spec.budgetUsd !== undefined && perRun !== undefined && spec.budgetUsd > perRun) {
    at(node, ["budgetUsd"], `is more than the whole run may spend (budget.perRunUsd = ${perRun}) — lower it or raise the run budget`);
  }
  switch (spec.type) {
    case "router": {
      const check = (field: Array<string | number>, targets: string | string[]) => {
        for (const target of asList(targets)) {
          if (!known.has(target)) at(node, field, `unknown node "${target}"${didYouMean(target, ids)}`);
          else if (!dag.needsOf(target).includes(spec.id)) {
            const targetNode = dag.indexOf(target);
            at(node, field, `"${target}" must list "${spec.id}" in its needs to be routed to — add "${spec.id}" to nodes[${targetNode}] (${target}).needs`);
          }
        }
      };
      spec.routes.forEach((route, i) => check(["routes", i, "to"], route.to));
      if (spec.default !== undefined) check(["default"], spec.default);
      return;
    }
    case "wait":
      if (spec.sleep === undefined && spec.event === undefined) {
        at(node, [], 'must wait for something — set sleep (e.g. "1h") or event ({ name: "invoice.received" })');
      } else if (spec.sleep !== undefined && spec.event !== undefined) {
        at(node, [], "waits for either a sleep or an event, not both — remove one (use timeout to bound an event wait)");
      }
      return;
    case "approval":
      if (spec.onTimeout !== undefined && spec.timeout === undefined) {
        at(node, ["onTimeout"], 'has no effect without a timeout — set timeout, e.g. "3d"');
      }
      if (spec.onTimeout === "escalate" && spec.escalateTo === undefined) {
        at(node, ["escalateTo"], 'is required when onTimeout is "escalate" — e.g. [{ role: "admin" }]');
      }
      return;
    case "supervisor": {
      const names = new Set(spec.agents.map((agent) => agent.name));
      const seen = new Set<string>();
      spec.agents.forEach((agent, i) => {
        if (seen.has(agent.name)) at(node, ["agents", i, "name"], `duplicate agent name "${agent.name}" — names must be unique within a supervisor`);
        seen.add(agent.name);
        if (agent.fallback === undefined) return;
        if (agent.fallback === agent.name) at(node, ["agents", i, "fallback"], "an agent cannot be its own fallback — name another agent of this supervisor");
        else if (!names.has(agent.fallback)) {
          at(node, ["agents", i, "fallback"], `unknown agent "${agent.fallback}"${didYouMean(agent.fallback, [...names])} (a fallback is another agent of this supervisor)`);
        }
      });
      return;
    }
    case "map":
      if ((spec.agent === undefined) === (spec.graph === undefined)) {
        at(node, [], "runs either an agent or a graph per item — set exactly one of agent and graph");
      }
      return;
    default:
      return;
  }
}

function nodeOf(nodes: readonly TCheckNode[], id: string): TCheckNode {
  return nodes.find((node) => node.id === id)!;
}

/**
 * Checks of graph-level settings that involve more than one field.
 *
 * @example
 * checkGraphSettings({ name: "g", nodes, budget: { perRunUsd: 1, perNodeUsd: 2 } }, raw);
 * // [{ path: "budget.perNodeUsd", message: "budget.perNodeUsd: is more than budget.perRunUsd (1) — …" }]
 */
export function checkGraphSettings(graph: TGraphSpec, raw: unknown): TSpecIssue[] {
  const issues: TSpecIssue[] = [];
  const { budget, retries, input } = graph;
  const ids = triggerIds(graph.triggers ?? []);
  ids.forEach((id, i) => {
    const first = ids.indexOf(id);
    if (first < i) issues.push(issueAt(raw, ["triggers", i, graph.triggers?.[i]?.id ? "id" : "type"], `duplicate trigger id "${id}" — triggers[${first}] already uses it; give each trigger its own id`));
  });
  // a schedule the scheduler could not run is refused on save: pattern, zone, a pattern that never fires
  graph.triggers?.forEach((trigger, i) => {
    if (trigger.type !== "schedule") return;
    for (const problem of scheduleIssues(trigger, new Date())) issues.push(issueAt(raw, ["triggers", i, problem.field], problem.message));
  });
  if (budget?.perNodeUsd !== undefined && budget.perRunUsd !== undefined && budget.perNodeUsd > budget.perRunUsd) {
    issues.push(issueAt(raw, ["budget", "perNodeUsd"], `is more than budget.perRunUsd (${budget.perRunUsd}) — a single node could never use it`));
  }
  if (retries?.backoff && retries.backoff.maxMs < retries.backoff.initialMs) {
    issues.push(issueAt(raw, ["retries", "backoff", "maxMs"], `must be at least initialMs (${retries.backoff.initialMs})`));
  }
  if (input && input.type !== undefined && input.type !== "object") {
    issues.push(issueAt(raw, ["input", "type"], 'must be "object": a run input is a JSON object whose fields templates read as {{input.<field>}}'));
  }
  issues.push(...checkFlowControl(graph.flow, raw));
  return issues;
}
