/**
 * The FinOps REST API through its route handlers: model prices and overrides, budgets
 * (validation, status), cost reports (grouping, roll-up equals ledger, CSV), reserve/settle.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callRoute, useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import * as modelsRoute from "../../app/api/v1/models/route";
import * as priceRoute from "../../app/api/v1/models/[modelId]/price/route";
import * as budgetsRoute from "../../app/api/v1/budgets/route";
import * as budgetRoute from "../../app/api/v1/budgets/[id]/route";
import * as raiseRoute from "../../app/api/v1/budgets/[id]/raise/route";
import * as reserveRoute from "../../app/api/v1/budgets/reserve/route";
import * as settleRoute from "../../app/api/v1/budgets/settle/route";
import * as costsRoute from "../../app/api/v1/costs/route";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as graphRoute from "../../app/api/v1/graphs/[id]/route";
import { getPrice } from "../../lib/finops/get-price";
import { recordCost } from "../../lib/finops/record-cost";
import { usd } from "../../lib/finops/money";
import type { TGraphSpec } from "../../lib/graphs/spec/schema";
import { ctxFor, makeGraphVersion } from "../../lib/finops/testing/fixtures";

useTestDatabase("finops-api");

let tenant: Awaited<ReturnType<typeof makeTenant>>;
let other: Awaited<ReturnType<typeof makeTenant>>;
beforeAll(async () => {
  tenant = await makeTenant("Prices Co");
  other = await makeTenant("Other Co");
});

describe("model prices", () => {
  it("lists catalogue and simulated models with prices, tier and context window", async () => {
    const res = await callRoute(modelsRoute.GET as never, { key: tenant.apiKey.key });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.json.models.map((m: { modelId: string }) => [m.modelId, m]));
    expect(byId["openai:gpt-4o-mini"]).toMatchObject({ inputUsdPerMTok: "0.15", outputUsdPerMTok: "0.6", tier: "cheap", contextWindow: 128000, source: "catalogue" });
    expect(byId["sim:strong"]).toMatchObject({ source: "simulated", tier: "strong", available: true, simulated: true });
  });

  it("overrides a price for one workspace, custom models included, and removes the override", async () => {
    const put = await callRoute(priceRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { modelId: "openai%3Agpt-4o-mini" }, body: { inputUsdPerMTok: "0.1", outputUsdPerMTok: 0.4 } });
    expect(put.status, put.text).toBe(200);
    expect(put.json.model).toMatchObject({ source: "override", inputUsdPerMTok: "0.1", catalogue: { inputUsdPerMTok: "0.15" } });
    const ctx = await ctxFor(tenant.workspace.id);
    expect((await getPrice(ctx, "openai:gpt-4o-mini"))!.inputUsdPerMTok.toString()).toBe("0.1");
    // the override is this workspace's only
    expect((await getPrice(await ctxFor(other.workspace.id), "openai:gpt-4o-mini"))!.inputUsdPerMTok.toString()).toBe("0.15");
    // prices in effect earlier are still answerable
    expect((await getPrice(ctx, "openai:gpt-4o-mini", new Date(Date.now() - 60_000)))!.source).toBe("catalogue");

    const custom = await callRoute(priceRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { modelId: "openai:ft-acme-support-70b" }, body: { inputUsdPerMTok: 0.5, outputUsdPerMTok: 1, tier: "balanced", contextWindow: 65536 } });
    expect(custom.json.model).toMatchObject({ source: "custom", tier: "balanced", contextWindow: 65536 });

    const del = await callRoute(priceRoute.DELETE as never, { key: tenant.apiKey.key, method: "DELETE", params: { modelId: "openai:gpt-4o-mini" } });
    expect(del.status).toBe(204);
    expect((await getPrice(ctx, "openai:gpt-4o-mini"))!.source).toBe("catalogue");
    const again = await callRoute(priceRoute.DELETE as never, { key: tenant.apiKey.key, method: "DELETE", params: { modelId: "openai:gpt-4o-mini" } });
    expect(again.status).toBe(404);
  });

  it("rejects bad prices naming the field, and roles without prices:manage", async () => {
    const bad = await callRoute(priceRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { modelId: "openai:gpt-4o" }, body: { inputUsdPerMTok: -1, outputUsdPerMTok: "1.0000000000001" } });
    expect(bad.status).toBe(422);
    expect(bad.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(["inputUsdPerMTok", "outputUsdPerMTok"]);
    const viewer = await makeApiKey(tenant.workspace.id, "viewer");
    const forbidden = await callRoute(priceRoute.PUT as never, { key: viewer.key, method: "PUT", params: { modelId: "openai:gpt-4o" }, body: { inputUsdPerMTok: 1, outputUsdPerMTok: 1 } });
    expect(forbidden.status).toBe(403);
  });
});

describe("budgets API", () => {
  it("validates with 422 issues that name each field", async () => {
    const res = await callRoute(budgetsRoute.POST as never, {
      key: tenant.apiKey.key,
      body: { name: "", scope: "planet", period: "week", limitUsd: 0, thresholds: [80, 50] },
    });
    expect(res.status).toBe(422);
    expect(res.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(["limitUsd", "name", "period", "scope", "thresholds"]);
    const crossField = await callRoute(budgetsRoute.POST as never, { key: tenant.apiKey.key, body: { name: "x", scope: "workspace", scopeRef: "y", period: "month", limitUsd: 1 } });
    expect(crossField.status).toBe(422);
    expect(crossField.json.issues).toEqual([{ path: "scopeRef", message: "must be omitted for a workspace budget" }]);
  });

  it("creates, reports status, updates and deletes", async () => {
    const created = await callRoute(budgetsRoute.POST as never, { key: tenant.apiKey.key, body: { name: "Workspace monthly", scope: "workspace", period: "month", limitUsd: "50" } });
    expect(created.status, created.text).toBe(201);
    const id = created.json.budget.id;
    expect(created.json.budget).toMatchObject({ limitUsd: "50", onExceed: "pause", thresholds: [50, 80, 100], current: [{ spentUsd: "0", remainingUsd: "50" }] });

    const reserved = await callRoute(reserveRoute.POST as never, { key: tenant.apiKey.key, body: { amountUsd: "10", agent: "kyc-check", customerKey: "REQ-9" } });
    expect(reserved.status, reserved.text).toBe(201);
    const settled = await callRoute(settleRoute.POST as never, { key: tenant.apiKey.key, body: { reservationId: reserved.json.reservationId, actualUsd: "7.5" } });
    expect(settled.status, settled.text).toBe(200);
    const twice = await callRoute(settleRoute.POST as never, { key: tenant.apiKey.key, body: { reservationId: reserved.json.reservationId, actualUsd: "7.5" } });
    expect(twice.status).toBe(409);
    const row = await getPrisma().costEntry.findUniqueOrThrow({ where: { id: settled.json.costEntryId } });
    expect(row).toMatchObject({ kind: "external", agent: "kyc-check", customerKey: "REQ-9", apiKeyId: tenant.apiKey.id });

    const status = await callRoute(budgetRoute.GET as never, { key: tenant.apiKey.key, params: { id } });
    expect(status.json.budget.current[0]).toMatchObject({ spentUsd: "7.5", reservedUsd: "0", remainingUsd: "42.5", usedPct: 15 });
    expect(Number(status.json.budget.current[0].projectedUsd)).toBeGreaterThanOrEqual(7.5);

    const refused = await callRoute(reserveRoute.POST as never, { key: tenant.apiKey.key, body: { amountUsd: "43" } });
    expect(refused.status).toBe(402);
    expect(refused.json).toMatchObject({ code: "budget_exceeded", budget: { budgetId: id, limitUsd: "50", spentUsd: "7.5", requestedUsd: "43", shortfallUsd: "0.5" } });

    const raised = await callRoute(raiseRoute.POST as never, { key: tenant.apiKey.key, params: { id }, body: { byUsd: "0.5", windowKey: refused.json.budget.windowKey } });
    expect(raised.status).toBe(200);
    expect((await callRoute(reserveRoute.POST as never, { key: tenant.apiKey.key, body: { amountUsd: "43" } })).status).toBe(201);

    const patched = await callRoute(budgetRoute.PATCH as never, { key: tenant.apiKey.key, method: "PATCH", params: { id }, body: { limitUsd: 100, enabled: false } });
    expect(patched.json.budget).toMatchObject({ limitUsd: "100", enabled: false });
    const badPatch = await callRoute(budgetRoute.PATCH as never, { key: tenant.apiKey.key, method: "PATCH", params: { id }, body: { scope: "graph" } });
    expect(badPatch.status).toBe(422);
    expect((await callRoute(budgetRoute.DELETE as never, { key: tenant.apiKey.key, method: "DELETE", params: { id } })).status).toBe(204);
    expect((await callRoute(budgetRoute.GET as never, { key: tenant.apiKey.key, params: { id } })).status).toBe(404);
  });
});

describe("spec budgets", () => {
  it("appear in GET /api/v1/budgets?include=spec as soon as the graph version is saved, before any run", async () => {
    const t = await makeTenant("Spec Budgets Co");
    const spec = (perRunUsd: number) => ({
      name: "Quote review",
      budget: { perRunUsd, perNodeUsd: 0.5, onExceed: "stop" },
      nodes: [
        { id: "draft", type: "agent", model: "sim:fast", prompt: "Draft", budgetUsd: 0.25 },
        { id: "done", type: "output", needs: ["draft"], value: "{{nodes.draft.output}}" },
      ],
    });
    const created = await callRoute(graphsRoute.POST as never, { key: t.apiKey.key, body: spec(2) });
    expect(created.status, created.text).toBe(201);
    const list = async () => (await callRoute(budgetsRoute.GET as never, { key: t.apiKey.key, path: "/api/v1/budgets?include=spec" })).json.budgets as { name: string; source: string; limitUsd: string; scope: string; period: string; onExceed: string }[];
    expect((await list()).map((b) => [b.name, b.source, b.scope, b.period, b.limitUsd, b.onExceed]).sort()).toEqual([
      ["Quote review: node draft", "spec", "agent", "run", "0.25", "stop"],
      ["Quote review: per node", "spec", "agent", "run", "0.5", "stop"],
      ["Quote review: per run", "spec", "run", "run", "2", "stop"],
    ]);
    expect(await getPrisma().run.count({ where: { workspaceId: t.workspace.id } })).toBe(0);
    // a new version brings its own; settings budgets alone without include=spec
    const saved = await callRoute(graphRoute.PUT as never, { key: t.apiKey.key, method: "PUT", params: { id: created.json.id }, body: spec(3) });
    expect(saved.status, saved.text).toBe(200);
    expect((await list()).filter((b) => b.name === "Quote review: per run").map((b) => b.limitUsd).sort()).toEqual(["2", "3"]);
    expect((await callRoute(budgetsRoute.GET as never, { key: t.apiKey.key })).json.budgets).toEqual([]);
  });
});

describe("cost reports", () => {
  it("groups by every dimension; whole days from the roll-up equal the ledger; CSV has exactly the rows", async () => {
    const t = await makeTenant("Reports Co");
    const ctx = await ctxFor(t.workspace.id);
    const spec = { name: "Support triage", nodes: [{ id: "classify", type: "agent", model: "sim:fast", prompt: "x" }] } as TGraphSpec;
    const gv1 = await makeGraphVersion(t.workspace.id, spec);
    const gv2 = await makeGraphVersion(t.workspace.id, spec, 2, gv1.graphId);
    const prices = { inputUsdPerMTok: usd("0.15"), outputUsdPerMTok: usd("0.6"), cachedUsdPerMTok: usd("0.075") };
    const base = Date.UTC(2026, 9, 1); // October 2026
    let i = 0;
    for (let day = 0; day < 10; day++) {
      for (const [agent, model, customer, gv] of [["classify", "sim:fast", "REQ-1", gv1], ["reply", "sim:strong", "REQ-2", gv2], ["classify", "sim:fast", "REQ-2", gv2]] as const) {
        await recordCost(ctx, {
          attribution: { graphId: gv.graphId, graphVersionId: gv.graphVersionId, graphVersion: gv.version, agent, nodeId: agent, customerKey: customer, tags: day % 2 ? ["eu", "prio"] : ["eu"] },
          modelId: model,
          usage: { inputTokens: 1000 + i, outputTokens: 100 + day },
          prices,
          occurredAt: new Date(base + day * 86_400_000 + (i++ % 5) * 3_600_000 + 7_000),
        });
      }
    }
    const range = { from: "2026-10-01T12:00:00Z", to: "2026-10-08T06:00:00Z" };
    const ledgerTotal = await getPrisma().costEntry.aggregate({ where: { workspaceId: t.workspace.id, occurredAt: { gte: new Date(range.from), lt: new Date(range.to) } }, _sum: { costUsd: true }, _count: true });
    for (const groupBy of ["agent", "model", "graph", "version", "customer", "day", "month", "tag"]) {
      const res = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=${groupBy}&from=${range.from}&to=${range.to}` });
      expect(res.status, res.text).toBe(200);
      expect(res.json.basis).toBe("rollup");
      if (groupBy !== "tag") {
        expect(res.json.total.costUsd, groupBy).toBe(ledgerTotal._sum.costUsd!.toFixed());
        expect(res.json.total.calls, groupBy).toBe(ledgerTotal._count);
      }
    }
    const byVersion = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=version&from=${range.from}&to=${range.to}` });
    expect(byVersion.json.rows.map((r: { key: string; label: string }) => [r.key, r.label]).sort()).toEqual([[`${gv1.graphId}@1`, "Support triage"], [`${gv1.graphId}@2`, "Support triage"]]);
    // entries fall between 00:00 and 04:00 UTC: none of 1 October is after 12:00, all of 8 October is before 06:00
    const byDay = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=day&from=${range.from}&to=${range.to}` });
    expect(byDay.json.rows.map((r: { key: string }) => r.key)).toEqual(["2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08"]);
    // per-request cost: what did each customer request cost
    const byCustomer = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=customer&from=2026-10-01&to=2026-11-01` });
    const perCustomer = await getPrisma().costEntry.groupBy({ by: ["customerKey"], where: { workspaceId: t.workspace.id }, _sum: { costUsd: true } });
    expect(Object.fromEntries(byCustomer.json.rows.map((r: { key: string; costUsd: string }) => [r.key, r.costUsd]))).toEqual(Object.fromEntries(perCustomer.map((p) => [p.customerKey, p._sum.costUsd!.toFixed()])));
    const tags = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=tag&from=2026-10-01&to=2026-11-01` });
    expect(tags.json.rows.map((r: { key: string; calls: number }) => [r.key, r.calls])).toEqual([["eu", 30], ["prio", 15]]);
    // a graph filter
    const oneGraph = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=agent&graphId=nope&from=2026-10-01&to=2026-11-01` });
    expect(oneGraph.json.rows).toEqual([]);

    const csv = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=customer&from=2026-10-01&to=2026-11-01&format=csv` });
    expect(csv.status).toBe(200);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("customer,label,calls,input_tokens,output_tokens,cost_usd");
    expect(lines.slice(1)).toEqual(byCustomer.json.rows.map((r: { key: string; calls: number; inputTokens: number; outputTokens: number; costUsd: string }) => `${r.key},,${r.calls},${r.inputTokens},${r.outputTokens},${r.costUsd}`));

    const bad = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=planet&from=yesterday` });
    expect(bad.status).toBe(422);
    expect(bad.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(["from", "groupBy"]);
    // another workspace sees none of it
    const theirs = await callRoute(costsRoute.GET as never, { key: other.apiKey.key, path: `/api/v1/costs?groupBy=customer&from=2026-10-01&to=2026-11-01` });
    expect(theirs.json.rows).toEqual([]);
  });

  it("per-request costs: a month read from the monthly roll-up less the rest of the month equals the ledger, and pages", async () => {
    const t = await makeTenant("Requests Co");
    const ctx = await ctxFor(t.workspace.id);
    const prices = { inputUsdPerMTok: usd("0.15"), outputUsdPerMTok: usd("0.6"), cachedUsdPerMTok: usd("0.075") };
    // 40 request keys over September–October; some only on 30 October (outside most ranges below),
    // some calls cost nothing (still counted), some calls carry no key.
    for (let i = 0; i < 160; i++) {
      const key = i % 23 === 0 ? null : `REQ-${String(i % 40).padStart(3, "0")}`;
      const at = i % 40 >= 36 ? Date.UTC(2026, 9, 30, 9, i % 60) : Date.UTC(2026, 8, 20) + ((i * 7919) % (40 * 86_400)) * 1000;
      await recordCost(ctx, {
        attribution: { agent: "intake", nodeId: "intake", customerKey: key },
        modelId: "sim:fast",
        usage: { inputTokens: i % 9 === 0 ? 0 : 1000 + i * 37, outputTokens: i % 9 === 0 ? 0 : 50 + i },
        prices,
        occurredAt: new Date(at),
      });
    }
    await recordCost(ctx, { attribution: { customerKey: "REQ-OTHER" }, costUsd: usd("5"), kind: "external", occurredAt: new Date(Date.UTC(2026, 10, 2)) });
    const truth = async (from: string, to: string) => {
      const g = await getPrisma().costEntry.groupBy({
        by: ["customerKey"],
        where: { workspaceId: t.workspace.id, occurredAt: { gte: new Date(from), lt: new Date(to) } },
        _sum: { costUsd: true, inputTokens: true, outputTokens: true },
        _count: true,
      });
      return g
        .map((r) => ({ key: r.customerKey ?? "", calls: r._count, inputTokens: r._sum.inputTokens!, outputTokens: r._sum.outputTokens!, costUsd: r._sum.costUsd!.toFixed() }))
        .sort((a, b) => usd(b.costUsd).comparedTo(usd(a.costUsd)) || (a.key < b.key ? -1 : 1));
    };
    const ranges: [string, string, string][] = [
      ["2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", "month-rollup"], // the whole month
      ["2026-10-01T00:00:00Z", "2026-10-29T13:30:00Z", "month-rollup"], // the month less its last days
      ["2026-10-02T06:00:00Z", "2026-11-01T00:00:00Z", "month-rollup"], // less its first day and a quarter
      ["2026-10-05T00:00:00Z", "2026-10-09T00:00:00Z", "rollup"], // a few days
      ["2026-09-15T10:00:00Z", "2026-11-03T00:00:00Z", "rollup"], // across months: whole October from the monthly roll-up
    ];
    for (const [from, to, basis] of ranges) {
      const res = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=customer&from=${from}&to=${to}` });
      expect(res.status, res.text).toBe(200);
      const want = await truth(from, to);
      expect(res.json.basis, `${from} → ${to}`).toBe(basis);
      expect(res.json.rows.map((r: { key: string; label: unknown }) => ({ ...r, label: undefined })), `${from} → ${to}`).toEqual(want.map((r) => ({ ...r, label: undefined })));
      expect(res.json.groups).toBe(want.length);
      expect(res.json.total.calls).toBe(want.reduce((n, r) => n + r.calls, 0));
      expect(res.json.total.costUsd).toBe(want.reduce((n, r) => n.plus(r.costUsd), usd(0)).toFixed());
      // paging: pages of 7 put together are the whole list; a page past the end is empty but keeps the totals
      const pages = [];
      for (let offset = 0; offset < want.length; offset += 7) {
        const page = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=customer&from=${from}&to=${to}&limit=7&offset=${offset}` });
        expect(page.json).toMatchObject({ offset, groups: want.length, total: res.json.total });
        pages.push(...page.json.rows);
      }
      expect(pages).toEqual(res.json.rows);
      const past = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=customer&from=${from}&to=${to}&offset=${want.length}` });
      expect(past.json).toMatchObject({ rows: [], groups: want.length, total: res.json.total });
    }
    // keys spent only on 30 October are not in a range that ends before it
    const early = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=customer&from=2026-10-01&to=2026-10-29T13:30:00Z` });
    expect(early.json.rows.map((r: { key: string }) => r.key)).not.toContain("REQ-037");
    const bad = await callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?groupBy=customer&offset=-1` });
    expect(bad.status).toBe(422);
    expect(bad.json.issues.map((i: { path: string }) => i.path)).toEqual(["offset"]);
  });

  it("spend over time split by every dimension: per period, the top keys and the rest equal the ledger's sums (roll-up, ledger, graph filter)", async () => {
    const t = await makeTenant("Splits Co");
    const ctx = await ctxFor(t.workspace.id);
    const gA1 = await makeGraphVersion(t.workspace.id, { name: "Quote intake", nodes: [{ id: "a0", type: "agent", model: "sim:fast", prompt: "x" }] } as TGraphSpec);
    const gA2 = await makeGraphVersion(t.workspace.id, gA1.spec, 2, gA1.graphId);
    const gB = await makeGraphVersion(t.workspace.id, { name: "Invoice check", nodes: [{ id: "a1", type: "agent", model: "sim:fast", prompt: "x" }] } as TGraphSpec);
    const prices = { inputUsdPerMTok: usd("0.15"), outputUsdPerMTok: usd("0.6"), cachedUsdPerMTok: usd("0.075") };
    const models = ["sim:fast", "sim:strong", "openai:gpt-4o-mini", "anthropic:claude-haiku-4-5"];
    // 6 days × 8 calls at hours spread over the day; every call costs a different amount (no ties
    // in the ranking); some calls carry no graph, no agent, no customer key or no tag.
    let i = 0;
    for (let day = 0; day < 6; day++) {
      for (let j = 0; j < 8; j++, i++) {
        const gv = j === 7 ? null : j % 3 === 2 ? gB : j % 2 ? gA2 : gA1;
        await recordCost(ctx, {
          attribution: {
            ...(gv ? { graphId: gv.graphId, graphVersionId: gv.graphVersionId, graphVersion: gv.version } : {}),
            ...(j === 6 ? {} : { agent: `a${j % 4}`, nodeId: `a${j % 4}` }),
            customerKey: j % 3 === 0 ? null : `C-${(j + day) % 4}`,
            tags: j % 2 ? ["eu", "prio"] : j % 3 ? ["us"] : [],
          },
          modelId: models[(j + day) % 4],
          usage: { inputTokens: 1000 + i * 137, outputTokens: 100 + ((i * 53) % 400) },
          prices,
          occurredAt: new Date(Date.UTC(2026, 9, 1 + day, (j * 3 + day) % 24, (i * 7) % 60)),
        });
      }
    }
    const entries = await getPrisma().costEntry.findMany({ where: { workspaceId: t.workspace.id } });
    type Split = "agent" | "model" | "graph" | "version" | "tag" | "customer";
    const keysOf = (e: (typeof entries)[number], by: Split): string[] =>
      by === "tag" ? e.tags : [by === "agent" ? e.agent : by === "model" ? e.model : by === "graph" ? e.graphId : by === "customer" ? e.customerKey : `${e.graphId ?? ""}@${e.graphVersion ?? 0}`].map((k) => k ?? "");
    // What the split must be, summed straight from the ledger rows.
    const truth = (from: string, to: string, by: Split, bucket: "day" | "month", limit: number, graphId?: string) => {
      const rows = entries.filter((e) => e.occurredAt >= new Date(from) && e.occurredAt < new Date(to) && (!graphId || e.graphId === graphId));
      const perKey = new Map<string, ReturnType<typeof usd>>();
      const cells = new Map<string, Map<string, ReturnType<typeof usd>>>();
      for (const e of rows) {
        const period = e.occurredAt.toISOString().slice(0, bucket === "day" ? 10 : 7);
        if (!cells.has(period)) cells.set(period, new Map());
        for (const k of keysOf(e, by)) {
          perKey.set(k, (perKey.get(k) ?? usd(0)).plus(e.costUsd));
          cells.get(period)!.set(k, (cells.get(period)!.get(k) ?? usd(0)).plus(e.costUsd));
        }
      }
      const ranked = [...perKey].sort((a, b) => b[1].comparedTo(a[1]) || (a[0] < b[0] ? -1 : 1));
      const named = ranked.slice(0, limit).map(([k]) => k);
      return {
        keys: ranked.slice(0, limit).map(([key, cost]) => ({ key, costUsd: cost.toFixed() })),
        otherKeys: Math.max(0, ranked.length - limit),
        rows: [...cells.keys()].sort().map((period) => {
          const c = cells.get(period)!;
          const other = [...c].filter(([k]) => !named.includes(k)).reduce((s, [, v]) => s.plus(v), usd(0));
          return { period, values: Object.fromEntries(named.map((k) => [k, (c.get(k) ?? usd(0)).toFixed()])), otherUsd: other.toFixed() };
        }),
      };
    };
    const get = (query: string) => callRoute(costsRoute.GET as never, { key: t.apiKey.key, path: `/api/v1/costs?${query}` });
    const ranges: { from: string; to: string; bucket: "day" | "month"; basis: "rollup" | "ledger" }[] = [
      { from: "2026-10-01T00:00:00Z", to: "2026-10-05T00:00:00Z", bucket: "day", basis: "rollup" }, // whole days: roll-ups alone
      { from: "2026-10-01T12:00:00Z", to: "2026-10-05T09:00:00Z", bucket: "day", basis: "rollup" }, // roll-ups and ledger edges
      { from: "2026-10-02T05:00:00Z", to: "2026-10-02T20:00:00Z", bucket: "day", basis: "ledger" }, // within one day: the ledger
      { from: "2026-09-20T00:00:00Z", to: "2026-10-04T13:00:00Z", bucket: "month", basis: "rollup" },
    ];
    for (const { from, to, bucket, basis } of ranges) {
      for (const graphId of [undefined, gA1.graphId]) {
        for (const by of ["agent", "model", "graph", "version", "tag", "customer"] as const) {
          const limit = by === "graph" ? 1 : 2;
          const label = `${by} ${from} → ${to}${graphId ? " (one graph)" : ""}`;
          const res = await get(`groupBy=${bucket}&splitBy=${by}&splitLimit=${limit}&from=${from}&to=${to}${graphId ? `&graphId=${graphId}` : ""}`);
          expect(res.status, res.text).toBe(200);
          const want = truth(from, to, by, bucket, limit, graphId);
          const s = res.json.splits;
          expect(s.by, label).toBe(by);
          // tag and customer roll-ups carry no graph: with a graph filter the ledger answers
          expect(s.basis, label).toBe(graphId && (by === "tag" || by === "customer") ? "ledger" : basis);
          expect(s.keys.map((k: { key: string; costUsd: string }) => ({ key: k.key, costUsd: k.costUsd })), label).toEqual(want.keys);
          expect(s.otherKeys, label).toBe(want.otherKeys);
          expect(s.rows, label).toEqual(want.rows);
          // the periods are the report's rows; except for tags, keys and other add up to each period's spend
          expect(s.rows.map((r: { period: string }) => r.period), label).toEqual(res.json.rows.map((r: { key: string }) => r.key));
          if (by !== "tag") {
            for (const [n, r] of (s.rows as { values: Record<string, string>; otherUsd: string }[]).entries()) {
              expect(Object.values(r.values).reduce((sum, v) => sum.plus(v), usd(r.otherUsd)).toFixed(), label).toBe(res.json.rows[n].costUsd);
            }
          }
        }
      }
    }
    // the default is the 5 costliest keys; graph and version keys carry the graph's name
    const byVersion = await get(`groupBy=day&splitBy=version&from=2026-10-01&to=2026-10-07`);
    expect(byVersion.json.splits.keys.map((k: { key: string; label: string | null }) => [k.key, k.label]).sort()).toEqual(
      [[`${gA1.graphId}@1`, "Quote intake"], [`${gA1.graphId}@2`, "Quote intake"], [`${gB.graphId}@1`, "Invoice check"], ["@0", null]].sort(),
    );
    expect(byVersion.json.splits.otherKeys).toBe(0);
    // without splitBy the answer is as before
    expect((await get(`groupBy=day&from=2026-10-01&to=2026-10-07`)).json.splits).toBeUndefined();

    // CSV: one column per key, then the rest and the period's total
    const csv = await get(`groupBy=day&splitBy=model&splitLimit=3&from=2026-10-01&to=2026-10-07&format=csv`);
    expect(csv.status).toBe(200);
    const json = (await get(`groupBy=day&splitBy=model&splitLimit=3&from=2026-10-01&to=2026-10-07`)).json;
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(["day", ...json.splits.keys.map((k: { key: string }) => k.key), "other_usd", "total_usd"].join(","));
    expect(lines.slice(1)).toEqual(
      json.splits.rows.map((r: { period: string; values: Record<string, string>; otherUsd: string }, n: number) =>
        [r.period, ...json.splits.keys.map((k: { key: string }) => r.values[k.key]), r.otherUsd, json.rows[n].costUsd].join(","),
      ),
    );

    // validation names the field
    const notTime = await get(`groupBy=agent&splitBy=model`);
    expect(notTime.status).toBe(422);
    expect(notTime.json.issues.map((x: { path: string }) => x.path)).toEqual(["splitBy"]);
    const bad = await get(`groupBy=day&splitBy=planet&splitLimit=0`);
    expect(bad.status).toBe(422);
    expect(bad.json.issues.map((x: { path: string }) => x.path).sort()).toEqual(["splitBy", "splitLimit"]);
    const limitAlone = await get(`groupBy=day&splitLimit=3`);
    expect(limitAlone.status).toBe(422);
    expect(limitAlone.json.issues.map((x: { path: string }) => x.path)).toEqual(["splitLimit"]);
  });
});
