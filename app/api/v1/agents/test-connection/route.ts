import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { ZTestAgentConnectionRequestSchema } from "@/lib/agents/schemas";
import { testAgentConnection } from "@/lib/agents/test-agent-connection";

/** POST /api/v1/agents/test-connection `{ kind: "a2a"|"http", url, headers? }` — reaches an external sub-agent as a run would and says what answered. */
export const POST = withWorkspace("graphs:write", async ({ req, ctx }) => json(await testAgentConnection(ctx, await readJson(req, ZTestAgentConnectionRequestSchema))));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
