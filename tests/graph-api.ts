/**
 * The graph and run calls integration tests make as an API caller would: with the typed
 * client generated from the OpenAPI document (lib/api/client), served by the route handlers
 * in this process, with an API key, asserting the status a caller relies on. Every answer is
 * checked against the document.
 */
import { expect } from "vitest";
import { inProcessClient } from "./api-server";

/** `key` is read at each call, so a tenant made in `beforeAll` can be used. */
export function graphApi(key: () => string) {
  const api = () => inProcessClient(key());
  return {
    /** POST /graphs → the new graph's id (201). */
    async createGraph(spec: unknown): Promise<string> {
      const { data, error, response } = await api().POST("/graphs", { body: spec as never });
      expect(response.status, JSON.stringify(error)).toBe(201);
      return data!.id;
    },
    /** PUT /graphs/:id → the saved version. */
    async saveGraph(graphId: string, spec: unknown) {
      const { data, error, response } = await api().PUT("/graphs/{id}", { params: { path: { id: graphId } }, body: spec as never });
      expect(response.status, JSON.stringify(error)).toBe(200);
      return data!;
    },
    /** POST /graphs/:id/runs with `body` (default input `{}`) → the run id (200 or 202). */
    async start(graphId: string, body: Record<string, unknown> = {}): Promise<string> {
      const { data, error, response } = await api().POST("/graphs/{id}/runs", { params: { path: { id: graphId } }, body: { input: {}, ...body } });
      expect([200, 202], JSON.stringify(error)).toContain(response.status);
      return data!.runId;
    },
    /** GET /runs/:id (200). */
    async getRun(runId: string) {
      const { data, response } = await api().GET("/runs/{id}", { params: { path: { id: runId } } });
      expect(response.status).toBe(200);
      return data!;
    },
  };
}
