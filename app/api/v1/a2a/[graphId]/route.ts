import { handler, methodsNotAllowed } from "@/lib/api/handler";
import { serveJsonRpc } from "@/lib/a2a/serve-graph-agent";

/**
 * POST /api/v1/a2a/:graphId — the graph as an A2A agent (JSON-RPC: A2A 1.0 `SendMessage`,
 * `GetTask`, `CancelTask`, `SendStreamingMessage`; A2A 0.3 `message/send`, `tasks/get`,
 * `tasks/cancel`, `message/stream`). Each task is a run. Bearer API key.
 */
export const POST = handler<{ graphId: string }>(async (req, params) => serveJsonRpc(req, params.graphId));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
