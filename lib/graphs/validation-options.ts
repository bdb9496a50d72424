import "server-only";
import type { WorkspaceContext } from "../auth/context";
import type { TValidateOptions } from "./spec/validate";

/**
 * What a spec may reference in this workspace: saved graphs (by id or name)
 * for subgraph nodes. Models are checked by provider prefix.
 */
export async function validationOptionsFor(ctx: WorkspaceContext, selfGraphId?: string): Promise<TValidateOptions> {
  const graphs = await ctx.db.graph.findMany({ where: { archivedAt: null }, select: { id: true, name: true, latestVersion: true } });
  return {
    knownGraphs: ({ graph, version }) => {
      const found = graphs.find((g) => g.id === graph || g.name === graph);
      if (!found || found.id === selfGraphId) return false;
      return version === undefined || version <= found.latestVersion;
    },
  };
}
