import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listModels } from "@/lib/finops/list-models";

/** GET /api/v1/models — catalogue models, overrides and custom models with prices, tier and context window. */
export const GET = withWorkspace("costs:read", async ({ ctx }) => json({ models: (await listModels(ctx)).models }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
