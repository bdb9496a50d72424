import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { AppError, type Issue } from "../../errors";
import { emailDomain } from "../../env";
import type { TTrigger } from "../../graphs/spec/schema";
import { defaultAddress, fullAddress, inboundLocalPart, MAX_LOCAL_PART } from "./address";

/**
 * The local part each e-mail trigger of a spec receives for (by position; other kinds get
 * none), or a 422 naming `triggers[i].address` when one is too long, declared twice, or already
 * used by another graph of the workspace. An e-mail trigger without an `address` keeps the one
 * it already has (so renaming the graph does not move its mailbox), else gets the graph's name
 * and its id.
 */
export async function assignInboundAddresses(ctx: WorkspaceContext, graphId: string | null, graphName: string, triggers: { name: string; spec: TTrigger }[]): Promise<(string | undefined)[]> {
  if (!triggers.some((t) => t.spec.type === "email")) return triggers.map(() => undefined);
  const current = graphId
    ? new Map(
        (await ctx.db.trigger.findMany({ where: { graphId, type: "email" }, select: { name: true, inboundAddress: true } })).flatMap((r) =>
          r.inboundAddress ? [[r.name, r.inboundAddress] as const] : [],
        ),
      )
    : new Map<string, string>();
  const slug = ctx.workspace.slug;
  const domain = emailDomain();
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  const local = triggers.map((t, i) => {
    if (t.spec.type !== "email") return undefined;
    const part = t.spec.address ? inboundLocalPart(slug, t.spec.address) : (current.get(t.name) ?? inboundLocalPart(slug, defaultAddress(slug, graphName, t.name)));
    if (part.length > MAX_LOCAL_PART) {
      issues.push({
        path: `triggers[${i}].address`,
        message: `is too long: with this workspace's prefix "${slug}." the address is ${part.length} characters, and mail servers carry at most ${MAX_LOCAL_PART} before the @`,
      });
    }
    const twin = seen.get(part);
    if (twin !== undefined) issues.push({ path: `triggers[${i}].address`, message: `receives for ${fullAddress(part, domain)}, as triggers[${twin}] already does: give one of them another address` });
    seen.set(part, i);
    return part;
  });
  const wanted = local.filter((p): p is string => !!p);
  const taken = await ctx.db.trigger.findMany({
    where: { inboundAddress: { in: wanted }, ...(graphId ? { NOT: { graphId } } : {}) },
    select: { inboundAddress: true, graphId: true, type: true },
  });
  if (taken.length) {
    const graphs = await ctx.db.graph.findMany({ where: { id: { in: taken.flatMap((t) => (t.graphId ? [t.graphId] : [])) } }, select: { id: true, name: true, archivedAt: true } });
    for (const row of taken) {
      const i = local.indexOf(row.inboundAddress!);
      const owner = graphs.find((g) => g.id === row.graphId);
      const who = owner ? `the graph "${owner.name}"${owner.archivedAt ? " (archived)" : ""}` : "another trigger";
      issues.push({ path: `triggers[${i}].address`, message: `${fullAddress(row.inboundAddress!, domain)} already receives mail for ${who}: choose another address` });
    }
  }
  if (issues.length) throw new AppError("validation_failed", `The graph spec is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  return local;
}

/**
 * A save that lost a race for an address (another save took it between the check and the write):
 * a 409 instead of a database error. Any other error passes through untouched.
 */
export function refuseIfAddressTaken(err: unknown): void {
  const e = err as { code?: string; meta?: unknown };
  let meta = "";
  try {
    meta = JSON.stringify(e.meta ?? "");
  } catch {}
  if (e.code === "P2002" && meta.includes("inboundAddress")) {
    throw new AppError("conflict", "Another graph's e-mail trigger took this address at the same moment: choose another address and save again.", [
      { path: "triggers.address", message: "was just taken by another graph's e-mail trigger" },
    ]);
  }
}
