import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { textProblem } from "@/lib/api/check-text";
import { AppError } from "@/lib/errors";
import { deleteModelPrice } from "@/lib/finops/delete-model-price";
import { putModelPrice, ZPutModelPriceRequestSchema } from "@/lib/finops/put-model-price";

type Params = { modelId: string };

// Model ids contain a colon (`openai:gpt-4o-mini`); clients may send it percent-encoded.
const modelIdOf = (p: Params) => {
  let id: string | null = null;
  try {
    id = decodeURIComponent(p.modelId);
  } catch {}
  if (id === null || textProblem(id)) {
    throw new AppError("bad_request", `modelId: "${p.modelId.slice(0, 60)}" is not a model id.`, [{ path: "modelId", message: 'must be "provider:model", percent-encoded if at all' }]);
  }
  return id;
};

/** PUT /api/v1/models/:modelId/price — set the workspace's price for a model (override or custom model). */
export const PUT = withWorkspace<Params>("prices:manage", async ({ req, params, ctx }) => {
  const body = await readJson(req, ZPutModelPriceRequestSchema);
  return json({ model: await putModelPrice(ctx, modelIdOf(params), body) });
});

/** DELETE /api/v1/models/:modelId/price — remove the override; the catalogue price applies again. */
export const DELETE = withWorkspace<Params>("prices:manage", async ({ params, ctx }) => {
  await deleteModelPrice(ctx, modelIdOf(params));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PATCH } = methodsNotAllowed("PUT", "DELETE");
