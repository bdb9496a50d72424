import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listRuns, ZListRunsQuerySchema } from "@/lib/runs/list-runs";

/** GET /api/v1/runs?graphId=&status=&version=&tag=&customerKey=&agent=&model=&from=&to=&cursor=&limit= */
export const GET = withWorkspace("runs:read", async ({ req, ctx }) => {
  const q = ZListRunsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await listRuns(ctx, q));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
