import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, EXTRA_OPERATIONS, OPERATIONS } from "./openapi";

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? routeFiles(path.join(dir, d.name)) : d.name === "route.ts" ? [path.join(dir, d.name)] : []));
}

describe("the OpenAPI document", () => {
  it("is valid enough to load and describes request bodies from the handlers' schemas", () => {
    const doc = buildOpenApiDocument("http://localhost:3000");
    expect(doc.openapi).toBe("3.1.0");
    const createGraph = (doc.paths["/graphs"] as any).post;
    expect(createGraph.requestBody.content["application/json"].schema.properties.nodes).toBeDefined();
  });

  it("lists every route handler's methods (new routes must be documented)", () => {
    const root = path.resolve("app/api/v1");
    const documented = new Set([...OPERATIONS, ...EXTRA_OPERATIONS].map((o) => `${o.method.toUpperCase()} /${o.path.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]")}`));
    const missing: string[] = [];
    for (const file of routeFiles(root)) {
      const rel = path.relative(root, path.dirname(file)).split(path.sep).join("/");
      if (rel === "openapi.json") continue;
      const src = fs.readFileSync(file, "utf8");
      const methods = [...src.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      for (const m of src.matchAll(/export \{([^}]*)\}/g)) methods.push(...m[1].split(",").map((x) => x.trim().split(/\s+as\s+/).pop()!).filter((x) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(x)));
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
