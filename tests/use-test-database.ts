/**
 * Gives an integration test file its own migrated PostgreSQL database and
 * points the product's Prisma client at it.
 */
import { afterAll, beforeAll } from "vitest";
import { getPrisma } from "../lib/db/client";
import { createTestDatabase, type TestDatabase } from "../lib/testing/test-database";
import { answerProblems, operationOfHandler } from "./api-routes";

export function useTestDatabase(label: string) {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(label);
    process.env.DATABASE_URL = db.url;
    process.env.SWITCHYARD_SECRET ??= "integration-test-secret-0123456789abcdef";
  });
  afterAll(async () => {
    await getPrisma().$disconnect();
    await db?.drop();
  });
  return { get url() { return db!.url; } };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler the way Next.js does, with a real Request. */
export async function callRoute(
  handler: Handler,
  opts: { path?: string; method?: string; key?: string; body?: unknown; rawBody?: string; params?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(`http://localhost${opts.path ?? "/"}`, { method: opts.method ?? (body ? "POST" : "GET"), headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  // a stream of server-sent events never ends by itself: read what it says in its first moments
  const text = res.headers.get("content-type")?.startsWith("text/event-stream") ? await readStreamFor(res, 300) : await res.text();
  // every answer must be one the OpenAPI document declares (status, media type, body shape)
  const op = await operationOfHandler(handler);
  if (op) {
    const problems = answerProblems(op.method, op.template, { status: res.status, contentType: res.headers.get("content-type"), text });
    if (problems.length) throw new Error(`The answer does not match the OpenAPI document (lib/api/openapi.ts):\n${problems.join("\n")}`);
  }
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json: json as any, text, headers: res.headers };
}

/** What `res`'s body says within `ms`; then the stream is cancelled, as a client going away would. */
export async function readStreamFor(res: Response, ms: number): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const until = Date.now() + ms;
  for (;;) {
    const left = until - Date.now();
    if (left <= 0) break;
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
    if (!next || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text;
}
