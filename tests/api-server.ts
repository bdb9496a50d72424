/**
 * The API served over real HTTP on 127.0.0.1, in the test's process (the same route
 * handlers Next.js serves under /api/v1, against the test's database), so tests can call it
 * with the typed client or any HTTP client. Every answer is checked against the OpenAPI
 * document: `problems` collects what it does not declare, and the test fails on them
 * (`expectNoUndeclaredAnswers`).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createSwitchyardClient, type SwitchyardClient } from "../lib/api/client";
import { dispatchApiRequest } from "./api-routes";

export interface ApiServer {
  /** `http://127.0.0.1:<port>`: the app's URL (the API is under /api/v1). */
  url: string;
  /** Answers that the OpenAPI document does not declare, since the last check. */
  problems: string[];
}

async function toRequest(req: http.IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body: body && req.method !== "GET" && req.method !== "HEAD" ? body : undefined });
}

/** Starts the server before the file's tests, stops it after; fails each test that got an undeclared answer. */
export function useApiServer(): ApiServer {
  const api: ApiServer = { url: "", problems: [] };
  let server: http.Server | undefined;
  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      try {
        const response = await dispatchApiRequest(await toRequest(req, api.url), (problems) => api.problems.push(...problems));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.body) Readable.fromWeb(response.body as never).pipe(res);
        else res.end();
      } catch (err) {
        api.problems.push(`the test server failed: ${(err as Error).stack ?? err}`);
        res.writeHead(500).end();
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", () => resolve()));
    api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    const problems = api.problems.splice(0);
    expect(problems, "answers the OpenAPI document does not declare").toEqual([]);
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return api;
}

/**
 * The typed client talking to the route handlers in this process, without a socket: each
 * request goes through the same router as the HTTP server, and an answer the OpenAPI
 * document does not declare throws, failing the test that made it.
 */
export function inProcessClient(apiKey: string): SwitchyardClient {
  return createSwitchyardClient({
    baseUrl: "http://localhost",
    apiKey,
    fetch: (req) =>
      dispatchApiRequest(req, (problems) => {
        throw new Error(`The answer does not match the OpenAPI document (lib/api/openapi.ts):\n${problems.join("\n")}`);
      }),
  });
}
