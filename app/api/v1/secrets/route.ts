import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listSecrets } from "@/lib/secrets/secrets";

/** GET /api/v1/secrets — names only. */
export const GET = withWorkspace("secrets:manage", async ({ ctx }) => json({ secrets: await listSecrets(ctx) }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
