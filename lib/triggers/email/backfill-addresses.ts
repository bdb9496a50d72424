import "server-only";
import { getPrisma } from "../../db/client";
import { isPlainObject } from "../../graphs/spec/json";
import { defaultAddress, inboundLocalPart, MAX_LOCAL_PART } from "./address";

/**
 * Gives every e-mail trigger saved before addresses existed the address a save would give it
 * (its `address`, or the graph's name and its id), when that address is free. Run at the SMTP
 * listener's start; a trigger it cannot place keeps none until its graph is saved again, which
 * names the conflict. Returns how many it placed.
 */
export async function backfillInboundAddresses(log: (line: string) => void = () => {}): Promise<number> {
  const db = getPrisma();
  // a start-up chore across workspaces: each row is updated by its id only
  const rows = await db.trigger.findMany({ where: { type: "email", inboundAddress: null, graphId: { not: null } }, select: { id: true, name: true, config: true, graphId: true, workspaceId: true } });
  let placed = 0;
  for (const row of rows) {
    const [workspace, graph] = await Promise.all([
      db.workspace.findUnique({ where: { id: row.workspaceId }, select: { slug: true } }),
      db.graph.findFirst({ where: { id: row.graphId!, workspaceId: row.workspaceId }, select: { name: true } }),
    ]);
    if (!workspace || !graph) continue;
    const declared = isPlainObject(row.config) && typeof row.config.address === "string" ? row.config.address : undefined;
    const local = inboundLocalPart(workspace.slug, declared ?? defaultAddress(workspace.slug, graph.name, row.name));
    if (local.length > MAX_LOCAL_PART) continue;
    try {
      placed += (await db.trigger.updateMany({ where: { id: row.id, inboundAddress: null }, data: { inboundAddress: local } })).count;
    } catch (err) {
      if ((err as { code?: string }).code !== "P2002") throw err;
      log(`the e-mail trigger "${row.name}" of graph ${row.graphId} has no address: ${local} is taken (save the graph with another address)`);
    }
  }
  return placed;
}
