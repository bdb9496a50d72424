/**
 * The HTTP side of a graph's A2A agent (app/api/v1/a2a/[graphId]/…): the agent card, and the
 * JSON-RPC endpoint through the SDK's transport handlers — A2A 1.0 (`SendMessage`, `GetTask`,
 * `CancelTask`, `SendStreamingMessage`, …) and, for a request whose `A2A-Version` is 0.3 or
 * absent (as the SDK's own server decides), A2A 0.3 (`message/send`, `tasks/get`,
 * `tasks/cancel`, `message/stream`). Streams are answered as server-sent events.
 *
 * Callers authenticate with an API key of the graph's workspace (`Authorization: Bearer sy_…`);
 * a missing or wrong key is a 401 in the API's JSON error shape, before anything is read.
 */
import "server-only";
import { A2A_VERSION_HEADER, HTTP_EXTENSION_HEADER, SSE_HEADERS, formatSSEErrorEvent, formatSSEEvent } from "@a2a-js/sdk";
import { A2A_LEGACY_PROTOCOL_VERSION, LEGACY_HTTP_EXTENSION_HEADER } from "@a2a-js/sdk/compat/v0_3";
import { LegacyJsonRpcTransportHandler } from "@a2a-js/sdk/compat/v0_3/server";
import { JsonRpcTransportHandler, ServerCallContext, validateVersion } from "@a2a-js/sdk/server";
import { json, readJsonBody } from "../api/handler";
import { can, PERMISSIONS, type Permission } from "../auth/permissions";
import { resolveWorkspaceContext } from "../auth/resolve-context";
import type { WorkspaceContext } from "../auth/context";
import { appUrl } from "../env";
import { AppError } from "../errors";
import { getGraphVersionOrThrow } from "../graphs/get-graph";
import { graphAgentCard, graphAgentCardJson } from "./graph-agent-card";
import { GraphRequestHandler } from "./run-task";

/** What each JSON-RPC method needs of the caller's role (1.0 and 0.3 names). */
const METHOD_PERMISSION: Record<string, Permission> = {
  SendMessage: "runs:start",
  SendStreamingMessage: "runs:start",
  CancelTask: "runs:cancel",
  "message/send": "runs:start",
  "message/stream": "runs:start",
  "tasks/cancel": "runs:cancel",
};

/** An API key only: a browser session is not an A2A caller. */
function requireBearer(req: Request): void {
  if (!/^Bearer\s+\S+$/i.test(req.headers.get("authorization") ?? "")) {
    throw new AppError("unauthorized", "Send a Switchyard API key of the graph's workspace as `Authorization: Bearer <key>` (the agent card's security scheme).");
  }
}

async function authenticate(req: Request, permission: Permission): Promise<WorkspaceContext> {
  requireBearer(req);
  const ctx = await resolveWorkspaceContext(req);
  if (!can(ctx.role, permission)) {
    throw new AppError("forbidden", `The API key's role (${ctx.role}) may not do this (${permission}); it needs one of: ${(PERMISSIONS[permission] as readonly string[]).join(", ")}.`);
  }
  return ctx;
}

async function loadGraph(ctx: WorkspaceContext, graphId: string) {
  const version = await getGraphVersionOrThrow(ctx, graphId);
  const card = graphAgentCardJson(
    { id: graphId, name: version.graph.name, description: version.graph.description, version: version.version, inputSchema: version.spec.input as object | undefined },
    { appUrl: appUrl(), workspaceName: ctx.workspace.name },
  );
  return { card, inputSchema: version.spec.input as object | undefined };
}

/** GET …/.well-known/agent-card.json */
export async function serveAgentCard(req: Request, graphId: string): Promise<Response> {
  const ctx = await authenticate(req, "graphs:read");
  const { card } = await loadGraph(ctx, graphId);
  return json(card, 200, { "cache-control": "private, no-cache" });
}

/** POST /api/v1/a2a/{graphId}: one JSON-RPC request. */
export async function serveJsonRpc(req: Request, graphId: string): Promise<Response> {
  requireBearer(req);
  const body = await readJsonBody(req);
  const method = typeof (body as { method?: unknown })?.method === "string" ? (body as { method: string }).method : "";
  const ctx = await authenticate(req, METHOD_PERMISSION[method] ?? "runs:read");
  const { card, inputSchema } = await loadGraph(ctx, graphId);
  const requestHandler = new GraphRequestHandler(graphAgentCard(card), { ctx, graphId, inputSchema, signal: req.signal });

  const requestedVersion = req.headers.get(A2A_VERSION_HEADER) || undefined;
  const legacy = (requestedVersion ?? A2A_LEGACY_PROTOCOL_VERSION) === A2A_LEGACY_PROTOCOL_VERSION;
  const mapError = legacy ? LegacyJsonRpcTransportHandler.mapToLegacyJSONRPCError : JsonRpcTransportHandler.mapToJSONRPCError;
  const id = (body as { id?: string | number | null })?.id ?? null;
  const extensionsHeader = legacy ? (req.headers.get(LEGACY_HTTP_EXTENSION_HEADER) ?? req.headers.get(HTTP_EXTENSION_HEADER)) : req.headers.get(HTTP_EXTENSION_HEADER);
  const context = new ServerCallContext({
    requestedExtensions: extensionsHeader ? extensionsHeader.split(",").map((e) => e.trim()).filter(Boolean) : undefined,
    user: { isAuthenticated: true, userName: ctx.actor.apiKeyId ? `apikey:${ctx.actor.apiKeyId}` : "unknown" },
    requestedVersion,
  });
  let result: Awaited<ReturnType<JsonRpcTransportHandler["handle"]>>;
  try {
    validateVersion(context.requestedVersion, graphAgentCard(card), "JSONRPC");
    result = await (legacy ? new LegacyJsonRpcTransportHandler(requestHandler) : new JsonRpcTransportHandler(requestHandler)).handle(body as Record<string, unknown>, context);
  } catch (err) {
    return json({ jsonrpc: "2.0", id, error: mapError(err) });
  }
  if (!isAsyncIterable(result)) return json(result);

  // a stream: errors before its first event are a plain JSON-RPC error, later ones an SSE error event
  const iterator = result[Symbol.asyncIterator]();
  let first: IteratorResult<unknown>;
  try {
    first = await iterator.next();
  } catch (err) {
    return json({ jsonrpc: "2.0", id, error: mapError(err) });
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        if (!first.done) controller.enqueue(encoder.encode(formatSSEEvent(first.value)));
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) controller.enqueue(encoder.encode(formatSSEEvent(next.value)));
      } catch (err) {
        controller.enqueue(encoder.encode(formatSSEErrorEvent({ jsonrpc: "2.0", id, error: mapError(err) })));
      } finally {
        controller.close();
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(stream, { status: 200, headers: { ...SSE_HEADERS } });
}

function isAsyncIterable(v: unknown): v is AsyncIterable<unknown> {
  return !!v && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}
