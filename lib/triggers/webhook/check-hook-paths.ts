import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { AppError, type Issue } from "../../errors";
import type { TTrigger } from "../../graphs/spec/schema";

/**
 * Refuses (422, naming `triggers[i].path`) webhook paths a save cannot take: one the same spec
 * declares twice, or one another graph's webhook trigger in this workspace already answers at
 * (a path is the trigger's address under /api/v1/hooks/<workspace>/).
 */
export async function refuseTakenHookPaths(ctx: WorkspaceContext, graphId: string | null, triggers: readonly TTrigger[]): Promise<void> {
  const declared = triggers.flatMap((t, i) => (t.type === "webhook" && t.path ? [{ i, path: t.path }] : []));
  if (!declared.length) return;
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  for (const { i, path } of declared) {
    const first = seen.get(path);
    if (first !== undefined) issues.push({ path: `triggers[${i}].path`, message: `is already the path of triggers[${first}]: each webhook needs its own` });
    else seen.set(path, i);
  }
  const taken = await ctx.db.trigger.findMany({
    where: { hookPath: { in: [...seen.keys()] }, ...(graphId ? { NOT: { graphId } } : {}) },
    select: { hookPath: true },
  });
  for (const { hookPath } of taken) {
    const i = seen.get(hookPath!)!;
    issues.push({ path: `triggers[${i}].path`, message: `"${hookPath}" is taken by another graph's webhook trigger in this workspace: choose another path` });
  }
  if (issues.length) throw new AppError("validation_failed", `Invalid webhook path: ${issues.map((x) => `${x.path}: ${x.message}`).join("; ")}`, issues);
}

/**
 * Turns the database's refusal of a taken webhook path (two saves claiming one path at the same
 * moment, past {@link refuseTakenHookPaths}) into a 409; rethrows anything else.
 */
export function rethrowHookPathTaken(err: unknown): never {
  const e = err as { code?: string; meta?: unknown };
  let meta = "";
  try {
    meta = JSON.stringify(e.meta ?? "");
  } catch {}
  if (e.code === "P2002" && meta.includes("hookPath")) {
    throw new AppError("conflict", "Another graph's webhook trigger took this path at the same moment: choose another path and save again.", [{ path: "triggers.path", message: "was just taken by another graph's webhook trigger" }]);
  }
  throw err;
}
