/**
 * The graph and run calls integration tests make as an API caller would: through the route
 * handlers, with an API key, asserting the status a caller relies on.
 */
import { expect } from "vitest";
import * as graphRoute from "../app/api/v1/graphs/[id]/route";
import * as runsRoute from "../app/api/v1/graphs/[id]/runs/route";
import * as graphsRoute from "../app/api/v1/graphs/route";
import * as runRoute from "../app/api/v1/runs/[id]/route";
import { callRoute } from "./use-test-database";

/** `key` is read at each call, so a tenant made in `beforeAll` can be used. */
export function graphApi(key: () => string) {
  return {
    /** POST /graphs → the new graph's id (201). */
    async createGraph(spec: unknown): Promise<string> {
      const res = await callRoute(graphsRoute.POST as never, { key: key(), body: spec });
      expect(res.status, res.text).toBe(201);
      return res.json.id as string;
    },
    /** PUT /graphs/:id → the saved version. */
    async saveGraph(graphId: string, spec: unknown) {
      const res = await callRoute(graphRoute.PUT as never, { key: key(), method: "PUT", params: { id: graphId }, body: spec });
      expect(res.status, res.text).toBe(200);
      return res.json as { id: string; version: number; unchanged: boolean };
    },
    /** POST /graphs/:id/runs with `body` (default input `{}`) → the run id (200 or 202). */
    async start(graphId: string, body: Record<string, unknown> = {}): Promise<string> {
      const res = await callRoute(runsRoute.POST as never, { key: key(), params: { id: graphId }, body: { input: {}, ...body } });
      expect([200, 202], res.text).toContain(res.status);
      return res.json.runId as string;
    },
    /** GET /runs/:id (200). */
    async getRun(runId: string) {
      const res = await callRoute(runRoute.GET as never, { key: key(), params: { id: runId } });
      expect(res.status).toBe(200);
      return res.json;
    },
  };
}
