import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, EXTRA_OPERATIONS, OPERATIONS } from "./openapi";

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? routeFiles(path.join(dir, d.name)) : d.name === "route.ts" ? [path.join(dir, d.name)] : []));
}

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument("http://localhost:3000");
  const schemas = doc.components.schemas as Record<string, any>;
  const op = (method: string, p: string) => (doc.paths[p] as any)[method];
  const bodyOf = (method: string, p: string) => schemas[op(method, p).requestBody.content["application/json"].schema.$ref.split("/").pop()];
  const answerOf = (method: string, p: string, status: number) => op(method, p).responses[String(status)];

  it("is a valid OpenAPI 3.1 document (structure, references, unique operation ids)", async () => {
    const { createConfig, lintFromString } = await import("@redocly/openapi-core");
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config: await createConfig({ extends: ["minimal"] }) });
    expect(problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops as Record<string, { operationId: string }>).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("describes request bodies from the handlers' schemas", () => {
    expect(schemas.GraphSpecInput.properties.nodes).toBeDefined();
    expect(bodyOf("post", "/graphs/{id}/forecast").properties.input).toBeDefined();
    expect(bodyOf("post", "/budgets").required).toEqual(expect.arrayContaining(["name", "scope", "period", "limitUsd"]));
    expect(bodyOf("post", "/budgets/{id}/raise").properties).toHaveProperty("byUsd");
    expect(op("post", "/graphs/{id}/runs").requestBody.required).toBe(false);
  });

  it("declares every query parameter the handlers read", () => {
    const names = (method: string, p: string) => (op(method, p).parameters ?? []).filter((x: any) => x.in === "query").map((x: any) => x.name);
    expect(names("get", "/approvals")).toEqual(expect.arrayContaining(["status", "scope", "runId", "sort", "limit", "cursor"]));
    expect(names("get", "/runs")).toEqual(expect.arrayContaining(["graphId", "status", "cursor", "limit"]));
    expect(names("get", "/audit")).toEqual(expect.arrayContaining(["action", "actor", "from", "to", "cursor", "limit"]));
    expect(names("get", "/costs/forecast-accuracy")).toEqual(expect.arrayContaining(["from", "to", "graphId", "limit"]));
    expect(names("get", "/runs/{id}/trace")).toEqual(["after"]);
  });

  it("declares the real status codes and a response schema for every success", () => {
    expect(Object.keys(op("post", "/graphs").responses)).toContain("201");
    expect(Object.keys(op("post", "/graphs").responses)).not.toContain("200");
    expect(Object.keys(op("post", "/graphs/{id}/runs").responses)).toEqual(expect.arrayContaining(["200", "202", "409", "429"]));
    expect(answerOf("delete", "/budgets/{id}", 204).content).toBeUndefined();
    expect(answerOf("get", "/runs/{id}", 404).$ref).toBe("#/components/responses/NotFound");
    expect((doc.components.responses as any).NotFound.content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, o] of Object.entries(ops as Record<string, any>)) {
        const successes = Object.entries(o.responses).filter(([status]) => status.startsWith("2"));
        expect(successes.length, `${method} ${p}`).toBeGreaterThan(0);
        for (const [status, answer] of successes) expect(status === "204" || !!(answer as any).content, `${method} ${p} ${status}`).toBe(true);
      }
    }
  });

  it("lists every route handler's methods (new routes must be documented)", () => {
    const root = path.resolve("app/api/v1");
    const documented = new Set([...OPERATIONS, ...EXTRA_OPERATIONS].map((o) => `${o.method.toUpperCase()} /${o.path.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]")}`));
    const missing: string[] = [];
    for (const file of routeFiles(root)) {
      const rel = path.relative(root, path.dirname(file)).split(path.sep).join("/");
      const src = fs.readFileSync(file, "utf8");
      const methods = [...src.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      for (const m of src.matchAll(/export \{([^}]*)\}/g))
        methods.push(
          ...m[1]
            .split(",")
            .map(
              (x) =>
                x
                  .trim()
                  .split(/\s+as\s+/)
                  .pop()!,
            )
            .filter((x) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(x)),
        );
      for (const method of methods) {
        const m = [null, method] as const;
        const key = `${m[1]} /${rel}`.replace(/\[(\w+)\]/g, (_x, p) => `[${p}]`);
        const normalized = key.replace(/\[(?:\.\.\.)?\w+\]/g, "[x]");
        if (![...documented].some((d) => d.replace(/\[\w+\]/g, "[x]") === normalized)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });
});
