/**
 * The dependency graph of a spec and the scheduling questions the runtime asks about it.
 *
 * Edges are `needs`: `pricing.needs = ["intake", "vendor"]` means pricing starts after both
 * finished. A node referenced as another's `onError.fallback` is a *standby* node: it only
 * runs when a node it protects fails, and then stands in for it.
 *
 * {@link GraphDag} tolerates broken graphs (unknown ids, cycles) so validation can use it to
 * describe what is wrong; scheduling helpers assume a valid spec.
 */
import { sameJson } from "./hash";
import { routerTargets, type TGraphSpec, type TNodeSpec, type TOnError } from "./schema";

/** The part of a node the dependency graph looks at. */
export interface TDagNode {
  id: string;
  type?: string;
  needs?: readonly string[];
  onError?: TOnError;
  routes?: ReadonlyArray<{ to: string | readonly string[] }>;
  default?: string | readonly string[];
}

/** A node's state in a run, as far as scheduling is concerned. Absent means `pending`. */
export type TNodeStatus = "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";

/**
 * Thrown by {@link GraphDag.topologicalOrder} when the graph has a cycle.
 */
export class GraphCycleError extends Error {
  override readonly name = "GraphCycleError";
  constructor(readonly cycle: string[]) {
    super(`the graph has a dependency cycle ${cycle.join(" → ")} — remove one of these needs`);
  }
}

/**
 * Adjacency and scheduling helpers over a spec's nodes. Build once per spec version.
 *
 * @example
 * const dag = GraphDag.of(spec);
 * dag.topologicalOrder(); // ["intake", "vendor", "pricing", …]
 * dag.readyNodes({ intake: "succeeded" }); // ["vendor"] (pricing also needs vendor)
 */
export class GraphDag {
  private readonly byId = new Map<string, TDagNode>();
  private readonly index = new Map<string, number>();
  private readonly needs = new Map<string, string[]>();
  private readonly dependents = new Map<string, string[]>();
  /** standby node → the nodes whose `onError.fallback` names it */
  private readonly protectees = new Map<string, string[]>();
  private readonly upstreamCache = new Map<string, ReadonlySet<string>>();

  private constructor(readonly nodes: readonly TDagNode[]) {
    nodes.forEach((node, i) => {
      // With duplicate ids the first wins; validation reports the duplicates.
      if (this.byId.has(node.id)) return;
      this.byId.set(node.id, node);
      this.index.set(node.id, i);
    });
    for (const id of this.byId.keys()) this.dependents.set(id, []);
    for (const [id, node] of this.byId) {
      // Unknown ids are left out so traversals stay inside the graph; validation reports them.
      const known = [...new Set(node.needs ?? [])].filter((need) => this.byId.has(need));
      this.needs.set(id, known);
      for (const need of known) this.dependents.get(need)!.push(id);
      const fallback = fallbackOf(node);
      if (fallback !== undefined && this.byId.has(fallback) && fallback !== id) {
        this.protectees.set(fallback, [...(this.protectees.get(fallback) ?? []), id]);
      }
    }
  }

  /**
   * Builds the DAG of a spec (or anything with `nodes`).
   *
   * @example
   * GraphDag.of({ nodes: [{ id: "a" }, { id: "b", needs: ["a"] }] }).entries(); // ["a"]
   */
  static of(spec: { nodes: readonly TDagNode[] }): GraphDag {
    return new GraphDag(spec.nodes);
  }

  /** Node ids in spec order (first occurrence of duplicates). */
  get ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Whether the graph has a node with this id. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The node's position in `spec.nodes`. */
  indexOf(id: string): number {
    return this.index.get(id) ?? -1;
  }

  /** Known direct needs of a node. */
  needsOf(id: string): string[] {
    return this.needs.get(id) ?? [];
  }

  /** Nodes that directly need this one. */
  dependentsOf(id: string): string[] {
    return this.dependents.get(id) ?? [];
  }

  /** Whether the node only runs as another node's fallback. */
  isStandby(id: string): boolean {
    return this.protectees.has(id);
  }

  /**
   * Nodes that start when a run starts: no needs, and not standing by as a fallback.
   *
   * @example
   * GraphDag.of({ nodes: [{ id: "a" }, { id: "b", needs: ["a"] }] }).entries(); // ["a"]
   */
  entries(): string[] {
    return this.ids.filter((id) => this.needsOf(id).length === 0 && !this.isStandby(id));
  }

  /**
   * Every node `id` transitively needs (not including itself, unless it is on a cycle).
   *
   * @example
   * GraphDag.of({ nodes: [{ id: "a" }, { id: "b", needs: ["a"] }, { id: "c", needs: ["b"] }] }).upstreamOf("c");
   * // Set { "b", "a" }
   */
  upstreamOf(id: string): ReadonlySet<string> {
    // Validation asks once per template reference; the graph never changes, so remember.
    let upstream = this.upstreamCache.get(id);
    if (!upstream) {
      upstream = this.reach(id, (n) => this.needsOf(n));
      this.upstreamCache.set(id, upstream);
    }
    return upstream;
  }

  /** Every node that transitively needs `id`. */
  downstreamOf(id: string): Set<string> {
    return this.reach(id, (n) => this.dependentsOf(n));
  }

  private reach(start: string, next: (id: string) => string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...next(start)];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...next(id));
    }
    return seen;
  }

  /**
   * One concrete cycle per strongly connected component, each starting and ending at its
   * earliest node in spec order and following `needs` (`a → b` means "a needs b").
   *
   * @example
   * GraphDag.of({ nodes: [{ id: "a", needs: ["b"] }, { id: "b", needs: ["a"] }] }).cycles(); // [["a", "b", "a"]]
   */
  cycles(): string[][] {
    return this.components()
      .filter((members) => members.length > 1 || this.needsOf(members[0]!).includes(members[0]!))
      .map((members) => this.cycleWithin(new Set(members)))
      .sort((a, b) => this.indexOf(a[0]!) - this.indexOf(b[0]!));
  }

  /** Tarjan's strongly connected components over `needs` edges. */
  private components(): string[][] {
    const order = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const result: string[][] = [];
    let counter = 0;
    const visit = (id: string): void => {
      order.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      for (const need of this.needsOf(id)) {
        if (!order.has(need)) {
          visit(need);
          low.set(id, Math.min(low.get(id)!, low.get(need)!));
        } else if (onStack.has(need)) {
          low.set(id, Math.min(low.get(id)!, order.get(need)!));
        }
      }
      if (low.get(id) === order.get(id)) {
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          members.push(member);
        } while (member !== id);
        result.push(members);
      }
    };
    for (const id of this.ids) if (!order.has(id)) visit(id);
    return result;
  }

  /** Shortest cycle through the component's earliest node (breadth-first over needs). */
  private cycleWithin(members: Set<string>): string[] {
    const start = [...members].sort((a, b) => this.indexOf(a) - this.indexOf(b))[0]!;
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const need of this.needsOf(id)) {
        if (!members.has(need)) continue;
        if (need === start) {
          const path = [id];
          while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
          return [...path, start];
        }
        if (!previous.has(need)) {
          previous.set(need, id);
          queue.push(need);
        }
      }
    }
    /* c8 ignore next -- a strongly connected component always has a cycle through each member */
    throw new Error(`no cycle through ${start}`);
  }

  /**
   * Nodes ordered so every node comes after everything it needs; ties keep spec order.
   *
   * @throws GraphCycleError naming a cycle.
   * @example
   * GraphDag.of({ nodes: [{ id: "b", needs: ["a"] }, { id: "a" }] }).topologicalOrder(); // ["a", "b"]
   */
  topologicalOrder(): string[] {
    const remaining = new Map(this.ids.map((id) => [id, this.needsOf(id).length]));
    const order: string[] = [];
    // Small graphs (hundreds of nodes): rescanning in spec order keeps ties stable and simple.
    while (order.length < this.byId.size) {
      const next = this.ids.find((id) => remaining.get(id) === 0);
      if (next === undefined) throw new GraphCycleError(this.cycles()[0]!);
      remaining.delete(next);
      order.push(next);
      for (const dependent of this.dependentsOf(next)) remaining.set(dependent, remaining.get(dependent)! - 1);
    }
    return order;
  }

  /**
   * Groups of nodes connected to each other by needs, fallbacks or router targets, in spec
   * order. A valid graph has exactly one.
   */
  connectedGroups(): string[][] {
    const links = new Map<string, Set<string>>(this.ids.map((id) => [id, new Set<string>()]));
    const link = (a: string, b: string) => {
      if (!this.byId.has(a) || !this.byId.has(b)) return;
      links.get(a)!.add(b);
      links.get(b)!.add(a);
    };
    for (const [id, node] of this.byId) {
      for (const need of this.needsOf(id)) link(id, need);
      const fallback = fallbackOf(node);
      if (fallback !== undefined) link(id, fallback);
      if (node.type === "router" && node.routes) for (const target of routerTargets(node)) link(id, target);
    }
    const groups: string[][] = [];
    const seen = new Set<string>();
    for (const id of this.ids) {
      if (seen.has(id)) continue;
      const group: string[] = [];
      const stack = [id];
      seen.add(id);
      while (stack.length > 0) {
        const current = stack.pop()!;
        group.push(current);
        for (const other of links.get(current)!) {
          if (seen.has(other)) continue;
          seen.add(other);
          stack.push(other);
        }
      }
      groups.push(group.sort((a, b) => this.indexOf(a) - this.indexOf(b)));
    }
    return groups;
  }

  /**
   * Pending nodes that may start now: every need succeeded, was skipped, failed with
   * `onError: "continue"`, or failed and its fallback succeeded. Standby (fallback) nodes are
   * ready only once a node they protect has failed.
   *
   * @example
   * dag.readyNodes({ intake: "succeeded", vendor: "running" }); // [] if pricing needs both
   */
  readyNodes(statuses: Readonly<Record<string, TNodeStatus | undefined>>): string[] {
    const status = (id: string): TNodeStatus => statuses[id] ?? "pending";
    const satisfied = (need: string): boolean => {
      const state = status(need);
      if (state === "succeeded" || state === "skipped") return true;
      if (state === "failed") {
        const onError = this.byId.get(need)?.onError;
        if (onError === "continue") return true;
        const fallback = fallbackOf(this.byId.get(need)!);
        return fallback !== undefined && status(fallback) === "succeeded";
      }
      // A standby node that was never called on is no obstacle for nodes that need it.
      return state === "pending" && this.isStandby(need) && this.protectees.get(need)!.every((p) => ["succeeded", "skipped"].includes(status(p)));
    };
    return this.ids.filter((id) => {
      if (status(id) !== "pending") return false;
      if (this.isStandby(id) && !this.protectees.get(id)!.some((p) => status(p) === "failed")) return false;
      return this.needsOf(id).every(satisfied);
    });
  }

  /**
   * Nodes a router skips when it takes `taken`: its targets not taken, and everything reachable
   * only through them (a join that also hangs off a taken branch still runs). Spec order.
   *
   * @throws Error if `routerId` is not a router or `taken` names a node that is not its target.
   * @example
   * // review → approval (when needsHuman) | autoApprove (default); decision needs both
   * dag.skippedByRouter("review", ["autoApprove"]); // ["approval"] — decision still runs
   */
  skippedByRouter(routerId: string, taken: readonly string[]): string[] {
    const router = this.byId.get(routerId);
    if (router?.type !== "router") throw new Error(`"${routerId}" is not a router node`);
    const targets = new Set(routerTargets(router));
    const stray = taken.filter((id) => !targets.has(id));
    if (stray.length > 0) {
      throw new Error(`router "${routerId}" cannot take ${stray.map((s) => `"${s}"`).join(", ")}: not one of its targets`);
    }
    const notTaken = new Set([...targets].filter((id) => !taken.includes(id)));
    // Everything still live: reachable from the router without entering a branch not taken.
    const live = new Set<string>();
    const stack = this.dependentsOf(routerId).filter((id) => !notTaken.has(id));
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (live.has(id) || notTaken.has(id)) continue;
      live.add(id);
      stack.push(...this.dependentsOf(id));
    }
    const skipped = new Set<string>();
    for (const id of notTaken) {
      skipped.add(id);
      for (const below of this.downstreamOf(id)) if (!live.has(below)) skipped.add(below);
    }
    return this.ids.filter((id) => skipped.has(id));
  }
}

function fallbackOf(node: TDagNode): string | undefined {
  return typeof node.onError === "object" ? node.onError.fallback : undefined;
}


/** Why a paused run cannot move to another version of its graph. */
export type TMigrationCheck = { ok: true } | { ok: false; reasons: string[] };

/**
 * Whether a paused run that finished `finishedNodeIds` under `from` can continue under `to`.
 * Both are saved (hence valid) versions. The run keeps the results it has, so every finished
 * node must still exist with the same type, must not need a node that has not run, and (for
 * routers) must still route to the same targets; and a node whose output schema changed would
 * hand downstream nodes data of the old shape.
 *
 * @example
 * canMigrate(v1, v2, ["intake", "vendor"]);
 * // { ok: false, reasons: ['node "vendor" has finished but no longer exists in the new version'] }
 */
export function canMigrate(from: TGraphSpec, to: TGraphSpec, finishedNodeIds: Iterable<string>): TMigrationCheck {
  const finished = new Set(finishedNodeIds);
  const before = new Map(from.nodes.map((node) => [node.id, node]));
  const after = new Map(to.nodes.map((node) => [node.id, node]));
  const reasons: string[] = [];
  for (const id of finished) {
    const old = before.get(id);
    const next = after.get(id);
    if (!old) {
      reasons.push(`node "${id}" is listed as finished but is not part of the run's current version`);
      continue;
    }
    if (!next) {
      reasons.push(`node "${id}" has finished but no longer exists in the new version`);
      continue;
    }
    if (old.type !== next.type) {
      reasons.push(`node "${id}" has finished as ${withArticle(old.type)} node but is ${withArticle(next.type)} node in the new version`);
      continue;
    }
    for (const need of next.needs ?? []) {
      if (!finished.has(need)) {
        reasons.push(`node "${id}" has finished but in the new version needs "${need}", which has not run`);
      }
    }
    if (old.type === "router" && next.type === "router" && !sameJson(routerTargets(old).sort(), routerTargets(next).sort())) {
      reasons.push(`router "${id}" has already chosen a route but its targets changed in the new version`);
    }
    if (!sameJson(outputSchemaOf(old), outputSchemaOf(next))) {
      reasons.push(`node "${id}" has finished but its output schema changed, so nodes after it would read the old shape`);
    }
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function outputSchemaOf(node: TNodeSpec): unknown {
  return node.type === "agent" || node.type === "supervisor" ? node.output : undefined;
}
