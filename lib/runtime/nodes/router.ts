import { evaluateCondition } from "../../graphs/spec/conditions";
import type { TNodeOf } from "../../graphs/spec/schema";
import type { WorkExecutor } from "./context";

/**
 * A router: the first route whose condition holds (else the default). Its output names
 * the nodes taken (`{ route, to }`); the interpreter skips the branches not taken.
 */
export const routerExecutor: WorkExecutor<TNodeOf<"router">> = {
  kind: "work",
  async work({ ctx, n }, node) {
    const cond = { input: n.plan.input, nodes: n.results };
    const index = node.routes.findIndex((r) => evaluateCondition(r.when, cond));
    const to = index >= 0 ? node.routes[index].to : node.default;
    const taken = to === undefined ? [] : Array.isArray(to) ? to : [to];
    const output = { route: index >= 0 ? index : "default", to: taken };
    await n.life.trace(ctx, n.runId, node.id, "router.decided", index >= 0 ? `Route ${index} → ${taken.join(", ")}` : `Default → ${taken.join(", ") || "nothing"}`, output);
    return { output };
  },
};

/** The nodes a router's output says it took. */
export function routerTaken(output: unknown): string[] {
  return (output as { to: string[] }).to;
}
