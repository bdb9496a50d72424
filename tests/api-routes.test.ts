import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../lib/api/openapi";
import { matchRoute, ROUTE_TEMPLATES } from "./api-routes";

describe("the tests' router over app/api/v1", () => {
  it("knows every route file, and the OpenAPI document has a path for each (the catch-all aside)", () => {
    const documented = Object.keys(buildOpenApiDocument("http://localhost:3000").paths).sort();
    expect(ROUTE_TEMPLATES.filter((t) => t !== "/{rest}").sort()).toEqual(documented);
  });

  it("routes as Next.js does: static segments first, then parameters, catch-alls last", () => {
    const at = (p: string) => {
      const found = matchRoute(p);
      return found && { template: found.route.template, params: found.params };
    };
    expect(at("/graphs/gr_1/runs")).toEqual({ template: "/graphs/{id}/runs", params: { id: "gr_1" } });
    expect(at("/schedules/preview")).toEqual({ template: "/schedules/preview", params: {} });
    expect(at("/schedules/trg_1")).toEqual({ template: "/schedules/{triggerId}", params: { triggerId: "trg_1" } });
    expect(at("/a2a/gr_1/.well-known/agent-card.json")).toEqual({ template: "/a2a/{graphId}/.well-known/agent-card.json", params: { graphId: "gr_1" } });
    expect(at("/hooks/acme/orders/new")).toEqual({ template: "/hooks/{workspace}/{path}", params: { workspace: "acme", path: ["orders", "new"] } });
    expect(at("/models/openai%3Agpt-4o/price")).toEqual({ template: "/models/{modelId}/price", params: { modelId: "openai:gpt-4o" } });
    expect(at("/no/such/thing")?.template).toBe("/{rest}");
  });
});
