import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { startRun, ZStartRunRequestSchema } from "@/lib/runs/start-run";

/**
 * POST /api/v1/graphs/:id/runs `{ input, version?, tags?, idempotencyKey?, customerKey? }`
 * (the key may also come as the `Idempotency-Key` header) → 202 `{ runId, status, version, admission }`.
 * A repeated key returns the run it created first (200, `admission: duplicate`), as does a start the
 * graph's flow control folded into a waiting run (`debounced`, `coalesced`); a full queue with
 * policy `reject` answers 429 `queue_full` with Retry-After.
 */
export const POST = withWorkspace<{ id: string }>("runs:start", async ({ req, params, ctx }) => {
  const body = await readJson(req, ZStartRunRequestSchema);
  const key = body.idempotencyKey ?? req.headers.get("idempotency-key") ?? undefined;
  const started = await startRun(ctx, params.id, { ...body, idempotencyKey: key });
  return json({ runId: started.runId, status: started.status, version: started.version, admission: started.admission }, started.created ? 202 : 200);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
