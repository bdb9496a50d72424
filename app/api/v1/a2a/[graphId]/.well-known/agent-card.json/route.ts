import { handler, methodsNotAllowed } from "@/lib/api/handler";
import { serveAgentCard } from "@/lib/a2a/serve-graph-agent";

/** GET /api/v1/a2a/:graphId/.well-known/agent-card.json — the graph's A2A agent card. Bearer API key. */
export const GET = handler<{ graphId: string }>(async (req, params) => serveAgentCard(req, params.graphId));

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
