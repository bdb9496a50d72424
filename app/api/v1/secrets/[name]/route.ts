import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { deleteSecret, putSecret, ZPutSecretRequestSchema, ZSecretNameSchema } from "@/lib/secrets/secrets";

type P = { name: string };

/** PUT /api/v1/secrets/:name `{ value }` — tool nodes read it as `{{secrets.NAME}}`; stored encrypted. */
export const PUT = withWorkspace<P>("secrets:manage", async ({ req, params, ctx }) => {
  const name = ZSecretNameSchema.parse(params.name);
  const { value } = await readJson(req, ZPutSecretRequestSchema);
  return json(await putSecret(ctx, name, value));
});

/** DELETE /api/v1/secrets/:name */
export const DELETE = withWorkspace<P>("secrets:manage", async ({ params, ctx }) => {
  await deleteSecret(ctx, params.name);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PATCH } = methodsNotAllowed("PUT", "DELETE");
