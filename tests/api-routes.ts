/// <reference types="vite/client" />
/**
 * The API's route handlers as Next.js serves them, for tests: each `app/api/v1/**\/route.ts`
 * with its path template, a router that finds the route of a URL (static segments before
 * dynamic ones, catch-alls last, as Next.js does), and the operation a handler function
 * serves — so every answer a test receives can be checked against the OpenAPI document.
 */
import { HTTP_METHODS } from "../lib/api/method-not-allowed";
import { isDocumented, responseProblems } from "../lib/testing/openapi-responses";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type RouteModule = Record<string, unknown>;

const MODULES = import.meta.glob<RouteModule>(["../app/api/v1/**/route.ts", "../app/api/v1/**/.well-known/**/route.ts"]);

interface Route {
  /** `/graphs/{id}/runs`; a catch-all segment is `{path}` */
  template: string;
  segments: { kind: "static" | "param" | "rest"; name: string }[];
  load: () => Promise<RouteModule>;
}

const ROUTES: Route[] = Object.entries(MODULES).map(([file, load]) => {
  const dir = file.replace(/^\.\.\/app\/api\/v1\/?/, "").replace(/\/?route\.ts$/, "");
  const segments = dir
    ? dir.split("/").map((part) => {
        const rest = /^\[\.\.\.(\w+)\]$/.exec(part);
        if (rest) return { kind: "rest" as const, name: rest[1]! };
        const param = /^\[(\w+)\]$/.exec(part);
        return param ? { kind: "param" as const, name: param[1]! } : { kind: "static" as const, name: part };
      })
    : [];
  return { template: `/${segments.map((s) => (s.kind === "static" ? s.name : `{${s.name}}`)).join("/")}`, segments, load };
});

/** Segment by segment: a static segment beats a parameter, which beats a catch-all. */
function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) - (b[i] ?? -1);
  return 0;
}

/** Every route's path template (`/graphs/{id}/runs`; the catch-all is `/{rest}`). */
export const ROUTE_TEMPLATES: readonly string[] = ROUTES.map((r) => r.template);

/** The route serving `pathname` (below /api/v1) and its params, or null. */
export function matchRoute(pathname: string): { route: Route; params: Record<string, string | string[]> } | null {
  const parts = pathname
    .split("/")
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  let best: { route: Route; params: Record<string, string | string[]>; rank: number[] } | null = null;
  for (const route of ROUTES) {
    const params: Record<string, string | string[]> = {};
    const rank: number[] = [];
    let ok = true;
    for (let i = 0; i < route.segments.length && ok; i++) {
      const seg = route.segments[i]!;
      if (seg.kind === "rest") {
        const rest = parts.slice(i);
        if (!rest.length) ok = false;
        params[seg.name] = rest;
        rank.push(0);
        break;
      }
      if (i >= parts.length) ok = false;
      else if (seg.kind === "static") ok = seg.name === parts[i];
      else params[seg.name] = parts[i]!;
      rank.push(seg.kind === "static" ? 2 : 1);
    }
    const last = route.segments.at(-1);
    if (!ok || (last?.kind !== "rest" && route.segments.length !== parts.length)) continue;
    if (!best || compareRanks(rank, best.rank) > 0) best = { route, params, rank };
  }
  return best && { route: best.route, params: best.params };
}

let handlers: Promise<Map<unknown, { method: string; template: string }>> | undefined;

/** Which operation a route handler function serves (every route module is loaded once). */
export async function operationOfHandler(fn: unknown): Promise<{ method: string; template: string } | undefined> {
  handlers ??= (async () => {
    const map = new Map<unknown, { method: string; template: string }>();
    for (const route of ROUTES) {
      const mod = await route.load();
      for (const method of HTTP_METHODS) if (typeof mod[method] === "function") map.set(mod[method], { method, template: route.template });
    }
    return map;
  })();
  return (await handlers).get(fn);
}

/**
 * The problems of an answer a route handler gave, checked against the OpenAPI document; none
 * for a method the route does not serve (405) or a URL no route serves (404).
 */
export function answerProblems(method: string, template: string, res: { status: number; contentType: string | null; text: string }): string[] {
  if (!isDocumented(method, template) && (res.status === 405 || template === "/{rest}")) return [];
  return responseProblems({ method, path: template, status: res.status, contentType: res.contentType, body: res.text });
}

/**
 * Serves a request as Next.js would serve it under /api/v1: the route for its path, the
 * handler for its method. Every answer is checked against the OpenAPI document; `onProblems`
 * hears of each one it does not declare (the body of a stream is not read).
 */
export async function dispatchApiRequest(req: Request, onProblems: (problems: string[]) => void): Promise<Response> {
  const url = new URL(req.url);
  const found = matchRoute(url.pathname.replace(/^\/api\/v1(?=\/|$)/, ""));
  if (!found) return Response.json({ error: `No route for ${url.pathname}.`, code: "not_found" }, { status: 404 });
  const mod = await found.route.load();
  const handler = mod[req.method.toUpperCase()] as Handler | undefined;
  if (!handler) return new Response(null, { status: 405 });
  const res = await handler(req, { params: Promise.resolve(found.params) });
  const contentType = res.headers.get("content-type");
  if (!contentType?.startsWith("text/event-stream")) {
    const text = await res.clone().text();
    const problems = answerProblems(req.method, found.route.template, { status: res.status, contentType, text });
    if (problems.length) onProblems(problems);
  }
  return res;
}
