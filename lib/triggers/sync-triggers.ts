import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { AppError } from "../errors";
import { newId } from "../ids";
import type { TGraphSpec, TTrigger } from "../graphs/spec/schema";
import { triggerIds } from "../graphs/spec/triggers";
import { armTriggers } from "../scheduler/arm";
import { assignInboundAddresses, refuseIfAddressTaken } from "./email/assign-addresses";
import { refuseTakenHookPaths, rethrowHookPathTaken } from "./webhook/check-hook-paths";
import { assertAllowedUrl } from "../net/assert-allowed-url";

/** A trigger with its id and, for `graph_completed`, the graph it follows resolved to an id. */
export interface EffectiveTrigger {
  name: string;
  spec: TTrigger;
  sourceGraphId?: string;
  /** e-mail: the local part it receives for (lib/triggers/email/address.ts) */
  inboundAddress?: string;
}

/**
 * What a spec's triggers mean in this workspace: ids, and the graphs `graph_completed` triggers
 * follow. Refuses (422) a trigger that would close a loop of graphs starting each other
 * (A's completion starts B, whose completion starts A).
 */
export async function resolveTriggers(ctx: WorkspaceContext, graphId: string | null, spec: TGraphSpec): Promise<EffectiveTrigger[]> {
  const triggers = spec.triggers ?? [];
  const names = triggerIds(triggers);
  // only graph_completed triggers name other graphs: most saves read nothing here
  const graphs = triggers.some((t) => t.type === "graph_completed") ? await ctx.db.graph.findMany({ select: { id: true, name: true } }) : [];
  const resolved = triggers.map((trigger, i): EffectiveTrigger => {
    if (trigger.type !== "graph_completed") return { name: names[i]!, spec: trigger };
    const source = graphs.find((g) => g.id === trigger.graph) ?? graphs.find((g) => g.name === trigger.graph);
    return { name: names[i]!, spec: trigger, sourceGraphId: source?.id };
  });
  if (graphId) await refuseCycles(ctx, graphId, resolved, graphs);
  await refuseTakenHookPaths(ctx, graphId, triggers);
  // a watch's source the outbound guard would refuse at every poll is refused now (a host read
  // from a secret is checked when it is polled)
  for (const [i, t] of triggers.entries()) {
    if (t.type === "watch" && !t.url.includes("{{")) await assertAllowedUrl(t.url, { path: `triggers[${i}].url` });
  }
  const addresses = await assignInboundAddresses(ctx, graphId, spec.name, resolved);
  return resolved.map((t, i) => (addresses[i] ? { ...t, inboundAddress: addresses[i] } : t));
}

/**
 * A new `source → graphId` edge closes a loop when `graphId` already leads to `source` through
 * the workspace's other graph_completed triggers.
 */
async function refuseCycles(ctx: WorkspaceContext, graphId: string, triggers: EffectiveTrigger[], graphs: { id: string; name: string }[]) {
  const sources = triggers.map((t, i) => ({ i, source: t.sourceGraphId })).filter((t): t is { i: number; source: string } => !!t.source);
  if (!sources.length) return;
  const rows = await ctx.db.trigger.findMany({ where: { type: "graph_completed", graphId: { not: graphId } }, select: { graphId: true, config: true } });
  // source graph → graphs its completion starts
  const next = new Map<string, string[]>();
  for (const row of rows) {
    const from = (row.config as { sourceGraphId?: string } | null)?.sourceGraphId;
    if (from && row.graphId) next.set(from, [...(next.get(from) ?? []), row.graphId]);
  }
  const label = (id: string) => graphs.find((g) => g.id === id)?.name ?? id;
  for (const { i, source } of sources) {
    // breadth-first from this graph: does its completion (transitively) start `source`?
    const path = new Map<string, string>([[graphId, ""]]);
    const queue = [graphId];
    while (queue.length) {
      const at = queue.shift()!;
      if (at === source) {
        const chain: string[] = [];
        for (let g: string | undefined = at; g; g = path.get(g) || undefined) chain.unshift(label(g));
        throw new AppError("validation_failed", `triggers[${i}].graph: would start a loop of graphs — ${[...chain, label(graphId)].join(" → ")} (→ means "its completion starts")`, [
          { path: `triggers[${i}].graph`, message: `would start a loop of graphs: ${[...chain, label(graphId)].join(" → ")}` },
        ]);
      }
      for (const to of next.get(at) ?? []) {
        if (!path.has(to)) {
          path.set(to, at);
          queue.push(to);
        }
      }
    }
  }
}

/**
 * Makes a saved version's triggers effective: one row per trigger id (created, or updated to
 * this version's declaration, keeping its pause state), and the rows of triggers the version no
 * longer declares removed. Their fires stay.
 */
export async function syncGraphTriggers(ctx: WorkspaceContext, graphId: string, version: number, triggers: EffectiveTrigger[]) {
  const existing = await ctx.db.trigger.findMany({ where: { graphId }, select: { id: true, name: true } });
  const idOf = new Map(existing.map((row) => [row.name, row.id]));
  const keep = new Set(triggers.map((t) => t.name));
  const gone = existing.filter((row) => !keep.has(row.name)).map((row) => row.id);
  const rows = await ctx.db.$transaction([
    ...(gone.length ? [ctx.db.trigger.deleteMany({ where: { id: { in: gone } } })] : []),
    ...triggers.map((t) => {
      const config = { ...t.spec, ...(t.sourceGraphId ? { sourceGraphId: t.sourceGraphId } : {}) } as never;
      const condition = t.spec.when ?? null;
      const id = idOf.get(t.name) ?? newId("trigger");
      // a webhook answers at its declared path, else at its row id
      const hookPath = t.spec.type === "webhook" ? (t.spec.path ?? id) : null;
      const inboundAddress = t.inboundAddress ?? null;
      return ctx.db.trigger.upsert({
        where: { graphId_name: { graphId, name: t.name } },
        create: { id, graphId, type: t.spec.type, name: t.name, config, condition, graphVersion: version, hookPath, inboundAddress, createdById: ctx.actor.userId ?? null } as never,
        update: { type: t.spec.type, config, condition, graphVersion: version, hookPath, inboundAddress },
        select: { id: true },
      });
    }),
  ]).catch((err) => {
    refuseIfAddressTaken(err);
    return rethrowHookPathTaken(err);
  });
  // schedules and watches tick from their new declaration (an older armed tick exits)
  await armTriggers(ctx, (rows as { id?: string }[]).flatMap((r) => (r?.id ? [r.id] : [])));
}
