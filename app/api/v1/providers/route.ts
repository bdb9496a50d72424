import { json, methodsNotAllowed, withWorkspace } from "@/lib/api/handler";
import { listProviders } from "@/lib/providers/credentials";

/** GET /api/v1/providers — which providers are configured (keys masked). */
export const GET = withWorkspace("providers:read", async ({ ctx }) => json({ providers: await listProviders(ctx) }));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
