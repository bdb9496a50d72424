import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { listRunTrace } from "@/lib/runs/get-run";

/** GET /api/v1/runs/:id/trace?after=<event id> — trace events in order, for live views. */
export const GET = withWorkspace<{ id: string }>("runs:read", async ({ req, params, ctx }) => {
  const after = new URL(req.url).searchParams.get("after") ?? "0";
  if (!/^\d{1,19}$/.test(after)) throw new AppError("bad_request", "after must be a trace event id (digits).");
  return json({ events: await listRunTrace(ctx, params.id, BigInt(after)) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
