import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { getCataloguePrice } from "../finops/catalogue-prices";
import { listConfiguredProviders } from "../finops/list-configured-providers";
import { getModelInfo } from "../models/model-catalogue";
import { parseModelId } from "../models/model-id";
import type { TValidateOptions } from "./spec/validate";

/**
 * What a spec may reference in this workspace: saved graphs (by id or name) for subgraph nodes,
 * models the catalogue (or the workspace's custom prices) knows, members for approval
 * assignees; and which providers the workspace can call, for warnings.
 */
export async function validationOptionsFor(ctx: WorkspaceContext, selfGraphId?: string): Promise<TValidateOptions> {
  const [graphs, members, customModels, configured] = await Promise.all([
    ctx.db.graph.findMany({ where: { archivedAt: null }, select: { id: true, name: true, latestVersion: true } }),
    ctx.db.membership.findMany({ select: { user: { select: { id: true, email: true } } } }),
    ctx.db.modelPrice.findMany({ select: { provider: true, model: true } }),
    listConfiguredProviders(ctx),
  ]);
  const memberRefs = new Set(members.flatMap((m) => [m.user.id, m.user.email.toLowerCase()]));
  const custom = new Set(customModels.map((m) => `${m.provider}:${m.model}`));
  return {
    knownGraphs: ({ graph, version }) => {
      const found = graphs.find((g) => g.id === graph || g.name === graph);
      if (!found || found.id === selfGraphId) return false;
      return version === undefined || version <= found.latestVersion;
    },
    isKnownModel: (id) => custom.has(id) || isCatalogueModel(id),
    isProviderConfigured: (provider) => configured.has(provider),
    isMember: (user) => memberRefs.has(user) || memberRefs.has(user.toLowerCase()),
  };
}

/**
 * Whether a model id names a model the runtime knows: any model of a self-hosted
 * OpenAI-compatible server (it serves what it was given), otherwise one the model or price
 * catalogue lists (dated snapshots of a known family included).
 */
function isCatalogueModel(id: string): boolean {
  const parsed = parseModelId(id);
  if (!parsed) return false;
  if (parsed.provider === "openai-compatible") return true;
  return getModelInfo(id) !== null || getCataloguePrice(id) !== null;
}
