/**
 * Scheduled cost reports through the API and the scheduler's tick handler: a month of seeded
 * costs becomes the CSV the costs API exports, e-mailed as an attachment to the SMTP stub and
 * posted, signed, to a webhook stub; failures are recorded fires and health; permissions; bad
 * input named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpStub, useRuntime } from "../runtime-harness";
import { startSmtpStub } from "../stubs/smtp-stub";
import { callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { makeApiKey, makeTenant } from "../../prisma/factories";
import { systemContext } from "../../lib/runtime/system-context";
import { recordCost } from "../../lib/finops/record-cost";
import { usd } from "../../lib/finops/money";
import { verifySignature } from "../../lib/crypto";
import { reportScheduleHandler } from "../../lib/reports/report-schedule-handler";
import { runReportSchedule } from "../../lib/reports/run-report-schedule";
import type { ScheduledTrigger } from "../../lib/scheduler/types";
import { tickEvent } from "../../lib/scheduler/arm";
import { inngest } from "../../lib/events/client";
import * as costsRoute from "../../app/api/v1/costs/route";
import * as schedulesRoute from "../../app/api/v1/report-schedules/route";
import * as scheduleRoute from "../../app/api/v1/report-schedules/[id]/route";
import * as pauseRoute from "../../app/api/v1/report-schedules/[id]/pause/route";
import * as resumeRoute from "../../app/api/v1/report-schedules/[id]/resume/route";
import * as runRoute from "../../app/api/v1/report-schedules/[id]/run/route";
import * as firesRoute from "../../app/api/v1/report-schedules/[id]/fires/route";
import * as secretRoute from "../../app/api/v1/report-schedules/[id]/secret/route";

const rt = useRuntime("report-schedule");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let finance: { key: string };
let smtp: Awaited<ReturnType<typeof startSmtpStub>>;
let hook: Awaited<ReturnType<typeof startHttpStub>>;
const flakyCalls: Record<string, number> = {};

beforeAll(async () => {
  tenant = await makeTenant("Reports Co");
  finance = await makeApiKey(tenant.workspace.id, "finance");
  smtp = await startSmtpStub();
  hook = await startHttpStub(async (req) => {
    // `/flaky-N`: answers 503 N times, then 200
    const flaky = /^\/flaky-(\d+)/.exec(req.url ?? "");
    if (flaky) return { status: (flakyCalls[req.url!] = (flakyCalls[req.url!] ?? 0) + 1) <= Number(flaky[1]) ? 503 : 200, json: { ok: true } };
    return { status: req.url?.startsWith("/broken") ? 500 : req.url?.startsWith("/gone") ? 410 : 200, json: { ok: true } };
  });
  process.env.SMTP_URL = smtp.url;
  // the receiving webhook is on loopback: the deployment lets workspaces reach exactly it
  process.env.SWITCHYARD_OUTBOUND_ALLOW = new URL(hook.url).host;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SWITCHYARD_OUTBOUND_ALLOW;
  await smtp?.close();
  await hook?.close();
});

const MONTH_END = {
  name: "Month-end by customer",
  cron: "0 6 1 * *",
  timezone: "UTC",
  report: { groupBy: "customer", period: "previous_month", format: "csv" },
};

async function create(body: unknown, key = finance.key) {
  return callRoute(schedulesRoute.POST as never, { key, body });
}
async function row(id: string): Promise<ScheduledTrigger> {
  return (await getPrisma().trigger.findFirstOrThrow({ where: { id } })) as unknown as ScheduledTrigger;
}
async function tick(id: string, intendedAt: Date, now = new Date(intendedAt.getTime() + 250)) {
  const ctx = await systemContext(tenant.workspace.id);
  await reportScheduleHandler.tick(ctx, await row(id), { intendedAt, now });
}
const fires = async (id: string) =>
  (await callRoute(firesRoute.GET as never, { key: finance.key, params: { id } })).json.data as {
    outcome: string;
    reason: string;
    dedupeKey: string;
    payload: { period: { label: string } } & Record<string, unknown>;
  }[];

/** The decoded content of the attachment named `filename` in a raw MIME message. */
function attachment(raw: string, filename: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  expect(boundary, "a multipart message").toBeTruthy();
  const part = raw.split(`--${boundary}`).find((p) => p.includes(`filename=${filename}`) || p.includes(`filename="${filename}"`));
  expect(part, `an attachment named ${filename}`).toBeTruthy();
  const [head, ...body] = part!.split(/\r\n\r\n/);
  const content = body.join("\r\n\r\n").replace(/\r\n$/, "");
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head!)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(content.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return content.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return content;
}

describe("scheduled cost reports", () => {
  it("month-end cost per customer key: the CSV e-mailed as an attachment and posted to a signed webhook equals the costs API's export, once per slot", async () => {
    // November 2026: 8 request keys and some unattributed calls, plus spend just outside the month
    const ctx = await systemContext(tenant.workspace.id);
    const prices = { inputUsdPerMTok: usd("0.15"), outputUsdPerMTok: usd("0.6"), cachedUsdPerMTok: usd("0.075") };
    for (let i = 0; i < 90; i++) {
      const key = i % 11 === 0 ? null : `REQ-${String(1040 + (i % 8)).padStart(4, "0")}`;
      const at = Date.UTC(2026, 10, 1) + ((i * 7919) % (30 * 86_400)) * 1000;
      await recordCost(ctx, {
        attribution: { agent: "intake", nodeId: "intake", customerKey: key },
        modelId: "sim:fast",
        usage: { inputTokens: 1000 + i * 37, outputTokens: 50 + i },
        prices,
        occurredAt: new Date(at),
      });
    }
    await recordCost(ctx, { attribution: { customerKey: "REQ-1040" }, costUsd: usd("5"), kind: "external", occurredAt: new Date("2026-10-31T23:59:59Z") });
    await recordCost(ctx, { attribution: { customerKey: "REQ-1040" }, costUsd: usd("7"), kind: "external", occurredAt: new Date("2026-12-01T00:00:00Z") });

    const res = await create({ ...MONTH_END, deliver: { email: ["finance@example.com", "cfo@example.com"], webhook: { url: `${hook.url}/reports` } } });
    expect(res.status, res.text).toBe(201);
    const schedule = res.json;
    expect(schedule).toMatchObject({ name: MONTH_END.name, cron: "0 6 1 * *", timezone: "UTC", paused: false, hasSigningSecret: true, warnings: [] });
    expect(schedule.signingSecret).toMatch(/^whsec_/);
    expect(JSON.stringify(await getPrisma().trigger.findFirstOrThrow({ where: { id: schedule.id } }))).not.toContain(schedule.signingSecret);
    // the schedule's next fire time is its cron pattern's, in its time zone
    expect(reportScheduleHandler.next(await row(schedule.id), new Date("2026-11-15T00:00:00Z"))).toEqual(new Date("2026-12-01T06:00:00Z"));

    const slot = new Date("2026-12-01T06:00:00Z");
    const mailsBefore = smtp.messages.length;
    const hooksBefore = hook.calls.length;
    await tick(schedule.id, slot);

    const range = "from=2026-11-01T00:00:00.000Z&to=2026-12-01T00:00:00.000Z";
    const expectedCsv = (await callRoute(costsRoute.GET as never, { key: finance.key, path: `/api/v1/costs?groupBy=customer&${range}&format=csv&limit=100000` })).text;
    const api = (await callRoute(costsRoute.GET as never, { key: finance.key, path: `/api/v1/costs?groupBy=customer&${range}&limit=100000` })).json;
    const ledger = await getPrisma().costEntry.aggregate({
      where: { workspaceId: tenant.workspace.id, occurredAt: { gte: new Date("2026-11-01T00:00:00Z"), lt: new Date("2026-12-01T00:00:00Z") } },
      _sum: { costUsd: true },
    });
    expect(api.rows).toHaveLength(9); // 8 keys and the unattributed ones
    expect(usd(api.total.costUsd).eq(ledger._sum.costUsd!)).toBe(true);

    // e-mail: both recipients, the CSV as an attachment
    expect(smtp.messages.length - mailsBefore).toBe(1);
    const mail = smtp.messages.at(-1)!;
    expect(mail.to.sort()).toEqual(["cfo@example.com", "finance@example.com"]);
    expect(mail.text).toContain("Cost report: Month-end by customer (2026-11-01..2026-11-30)");
    const csv = attachment(mail.data, "costs-by-customer-2026-11-01..2026-11-30.csv");
    expect(csv).toBe(expectedCsv);
    expect(csv.split("\r\n")[0]).toBe("customer,label,calls,input_tokens,output_tokens,cost_usd");
    expect(csv.trimEnd().split("\r\n")).toHaveLength(10);

    // webhook: signed with the schedule's secret, the same CSV and totals
    expect(hook.calls.length - hooksBefore).toBe(1);
    const call = hook.calls.at(-1)!;
    expect(call.url).toBe("/reports");
    expect(verifySignature(schedule.signingSecret, call.body, String(call.headers["x-switchyard-signature"]))).toBe(true);
    expect(verifySignature("whsec_wrong", call.body, String(call.headers["x-switchyard-signature"]))).toBe(false);
    const posted = JSON.parse(call.body);
    expect(posted).toMatchObject({
      type: "cost_report.delivered",
      id: call.headers["x-switchyard-delivery"],
      schedule: { id: schedule.id, name: MONTH_END.name },
      report: { groupBy: "customer", period: "previous_month", from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z", rows: 9, total: api.total },
      filename: "costs-by-customer-2026-11-01..2026-11-30.csv",
    });
    expect(posted.csv).toBe(expectedCsv);

    // the fire: delivered, with the period and row count
    const log = await fires(schedule.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ outcome: "started", dedupeKey: slot.toISOString(), payload: { rows: 9, totalUsd: api.total.costUsd, period: { label: "2026-11-01..2026-11-30" } } });
    const health = await getPrisma().trigger.findFirstOrThrow({ where: { id: schedule.id } });
    expect(health.lastFiredAt).not.toBeNull();
    expect(health.lastError).toBeNull();

    // the same slot again (a retried step) delivers nothing more
    await tick(schedule.id, slot);
    expect(smtp.messages.length - mailsBefore).toBe(1);
    expect(hook.calls.length - hooksBefore).toBe(1);
    expect(await fires(schedule.id)).toHaveLength(1);
  });

  it("a failed delivery is an error fire naming the channel and shows in health; fixed, run-now delivers", async () => {
    const res = await create({ ...MONTH_END, name: "Daily by model", report: { groupBy: "model", period: "previous_day" }, deliver: { webhook: { url: `${hook.url}/broken` } } });
    expect(res.status, res.text).toBe(201);
    const id = res.json.id as string;
    const failed = await callRoute(runRoute.POST as never, { key: finance.key, params: { id } });
    expect(failed.status, failed.text).toBe(200);
    expect(failed.json).toMatchObject({ outcome: "error", reason: expect.stringContaining("HTTP 500") });
    let view = (await callRoute(scheduleRoute.GET as never, { key: finance.key, params: { id } })).json;
    expect(view.lastError).toContain("HTTP 500");
    expect(view.lastErrorAt).not.toBeNull();

    const patched = await callRoute(scheduleRoute.PATCH as never, {
      key: finance.key,
      method: "PATCH",
      params: { id },
      body: { deliver: { webhook: { url: `${hook.url}/daily` }, email: ["ops@example.com"] } },
    });
    expect(patched.status, patched.text).toBe(200);
    const rotated = await callRoute(secretRoute.POST as never, { key: finance.key, params: { id } });
    expect(rotated.json.signingSecret).toMatch(/^whsec_/);
    const ok = await callRoute(runRoute.POST as never, { key: finance.key, params: { id } });
    expect(ok.json, ok.text).toMatchObject({ outcome: "started", payload: { delivered: { email: { ok: true, to: 1 }, webhook: { ok: true, status: 200 } } } });
    expect(verifySignature(rotated.json.signingSecret, hook.calls.at(-1)!.body, String(hook.calls.at(-1)!.headers["x-switchyard-signature"]))).toBe(true);
    view = (await callRoute(scheduleRoute.GET as never, { key: finance.key, params: { id } })).json;
    expect(view.lastError).toBeNull();

    // without SMTP the e-mail channel fails, saying why
    delete process.env.SMTP_URL;
    try {
      const noSmtp = await callRoute(runRoute.POST as never, { key: finance.key, params: { id } });
      expect(noSmtp.json).toMatchObject({ outcome: "error", reason: expect.stringContaining("SMTP_URL is not set") });
    } finally {
      process.env.SMTP_URL = smtp.url;
    }
    expect((await fires(id)).map((f) => f.outcome)).toEqual(["error", "started", "error"]);
  });

  it("pause, resume, list and delete: a paused schedule delivers nothing at its slot", async () => {
    const res = await create({
      ...MONTH_END,
      name: "Weekly by graph",
      cron: "0 7 * * 1",
      timezone: "Europe/Paris",
      report: { groupBy: "graph", period: "previous_week" },
      deliver: { email: ["finance@example.com"] },
    });
    expect(res.status, res.text).toBe(201);
    const id = res.json.id as string;
    expect(res.json.signingSecret).toBeUndefined();
    // Mondays 07:00 in Paris (UTC+1 in winter)
    expect(reportScheduleHandler.next(await row(id), new Date("2026-12-03T00:00:00Z"))).toEqual(new Date("2026-12-07T06:00:00Z"));
    const paused = await callRoute(pauseRoute.POST as never, { key: finance.key, params: { id } });
    expect(paused.json).toMatchObject({ paused: true, nextFireAt: null });
    const before = smtp.messages.length;
    await tick(id, new Date("2026-12-07T06:00:00Z"));
    expect(smtp.messages.length).toBe(before);
    expect(await fires(id)).toEqual([]);
    const resumed = await callRoute(resumeRoute.POST as never, { key: finance.key, params: { id } });
    expect(resumed.json.paused).toBe(false);
    expect(resumed.json.nextFireAt).not.toBeNull();
    await tick(id, new Date("2026-12-14T06:00:00Z"));
    expect((await fires(id)).map((f) => [f.outcome, f.payload.period.label])).toEqual([["started", "2026-12-07..2026-12-13"]]);

    const listed = await callRoute(schedulesRoute.GET as never, { key: finance.key });
    expect(listed.json.data.map((s: { name: string }) => s.name)).toEqual(["Daily by model", "Month-end by customer", "Weekly by graph"]);
    const dup = await create({ ...MONTH_END, name: "Weekly by graph", deliver: { email: ["a@example.com"] } });
    expect(dup.status).toBe(409);
    expect(dup.json.issues[0].path).toBe("name");
    const del = await callRoute(scheduleRoute.DELETE as never, { key: finance.key, method: "DELETE", params: { id } });
    expect(del.status).toBe(204);
    expect((await callRoute(scheduleRoute.GET as never, { key: finance.key, params: { id } })).status).toBe(404);
    // its fires stay
    expect(await getPrisma().triggerFire.count({ where: { triggerId: id } })).toBe(1);
  });

  it("permissions: finance, admin and owner manage report schedules; a viewer or an editor gets 403", async () => {
    const body = { ...MONTH_END, name: "Role check", deliver: { email: ["finance@example.com"] } };
    for (const role of ["viewer", "editor", "approver"] as const) {
      const key = (await makeApiKey(tenant.workspace.id, role)).key;
      expect((await create(body, key)).status, role).toBe(403);
      expect((await callRoute(schedulesRoute.GET as never, { key })).status, role).toBe(403);
    }
    const admin = (await makeApiKey(tenant.workspace.id, "admin")).key;
    const made = await create(body, admin);
    expect(made.status, made.text).toBe(201);
    const viewer = (await makeApiKey(tenant.workspace.id, "viewer")).key;
    for (const [route, method] of [
      [runRoute.POST, "POST"],
      [pauseRoute.POST, "POST"],
      [scheduleRoute.DELETE, "DELETE"],
    ] as const) {
      expect((await callRoute(route as never, { key: viewer, method, params: { id: made.json.id } })).status).toBe(403);
    }
    expect((await callRoute(scheduleRoute.DELETE as never, { key: tenant.apiKey.key, method: "DELETE", params: { id: made.json.id } })).status).toBe(204);
  });

  it("bad input gets a 4xx naming the field, never a 500", async () => {
    const ok = { ...MONTH_END, name: "Bad input", deliver: { email: ["finance@example.com"] } };
    const cases: [unknown, string][] = [
      [{ ...ok, name: "" }, "name"],
      [{ ...ok, name: "a\u0000b" }, "name"],
      [{ ...ok, cron: "* * * * *" }, "cron"],
      [{ ...ok, cron: "0 0 6 1 * *" }, "cron"],
      [{ ...ok, cron: "61 6 1 * *" }, "cron"],
      [{ ...ok, timezone: "Mars/Olympus" }, "timezone"],
      [{ ...ok, report: { groupBy: "planet", period: "previous_month" } }, "report.groupBy"],
      [{ ...ok, report: { groupBy: "customer", period: "yesterday" } }, "report.period"],
      [{ ...ok, report: { groupBy: "customer", period: "previous_month", format: "pdf" } }, "report.format"],
      [{ ...ok, deliver: {} }, "deliver"],
      [{ ...ok, deliver: { email: ["not-an-address"] } }, "deliver.email[0]"],
      [{ ...ok, deliver: { email: Array.from({ length: 21 }, (_, i) => `f${i}@example.com`) } }, "deliver.email"],
      [{ ...ok, deliver: { webhook: { url: "ftp://example.com/x" } } }, "deliver.webhook.url"],
      [{ ...ok, deliver: { webhook: { url: "http://169.254.169.254/latest" } } }, "deliver.webhook.url"],
      [{ ...ok, extra: true }, "extra"],
      [`{"name":${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}}`, "name"],
    ];
    for (const [body, field] of cases) {
      const res = await callRoute(schedulesRoute.POST as never, { key: finance.key, ...(typeof body === "string" ? { rawBody: body } : { body }) });
      expect(res.status, `${field}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, field).toBeLessThan(500);
      expect(res.text, field).toContain(field);
    }
    const wrongType = await schedulesRoute.POST(
      new Request("http://localhost/api/v1/report-schedules", { method: "POST", headers: { authorization: `Bearer ${finance.key}`, "content-type": "text/plain" }, body: JSON.stringify(ok) }),
      { params: Promise.resolve({}) } as never,
    );
    expect(wrongType.status).toBe(415);
    const huge = await callRoute(scheduleRoute.GET as never, { key: finance.key, params: { id: "trg_".padEnd(5000, "9") } });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect((await callRoute(scheduleRoute.GET as never, { key: finance.key, params: { id: "trg_missing" } })).status).toBe(404);
    const made = await create(ok);
    const emptyPatch = await callRoute(scheduleRoute.PATCH as never, { key: finance.key, method: "PATCH", params: { id: made.json.id }, body: {} });
    expect(emptyPatch.status).toBe(422);
    // a cron that is fine in one zone and changed with another field is checked as a whole
    const badPatch = await callRoute(scheduleRoute.PATCH as never, { key: finance.key, method: "PATCH", params: { id: made.json.id }, body: { cron: "*/10 * * * *" } });
    expect(badPatch.status).toBe(422);
    expect(badPatch.json.issues[0].path).toBe("cron");
  });

  it("on the scheduler, a webhook that fails for a reason that may pass is tried again — only that channel, the same delivery id — until it takes it; a 4xx is not retried", async () => {
    process.env.SWITCHYARD_WEBHOOK_RETRY_MS = "300";
    try {
      const res = await create({ ...MONTH_END, name: "Retried", deliver: { email: ["retry@example.com"], webhook: { url: `${hook.url}/flaky-2` } } });
      expect(res.status, res.text).toBe(201);
      const id = res.json.id as string;
      const armed = await getPrisma().trigger.findFirstOrThrow({ where: { id } });
      const at = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
      const mailsBefore = smtp.messages.length;
      await inngest.send(tickEvent(tenant.workspace.id, id, armed.generation, at));
      const log = await rt.waitFor(
        () => getPrisma().triggerFire.findMany({ where: { triggerId: id }, orderBy: { firedAt: "asc" } }),
        (f) => f.some((x) => x.outcome === "started"),
        30_000,
      );
      // 503, 503, then 200: three attempts, the last one delivered
      expect(log.map((f) => f.outcome)).toEqual(["error", "error", "started"]);
      expect(log[0]!.reason).toMatch(/HTTP 503.*Trying webhook again at/);
      expect(log[1]!.reason).toMatch(/attempt 2 of 6/);
      expect(log[2]!.reason).toMatch(/attempt 3 of 6/);
      expect(new Set(log.map((f) => f.dedupeKey))).toEqual(new Set([at.toISOString()]));
      const calls = hook.calls.filter((c) => c.url.startsWith("/flaky-2"));
      expect(calls).toHaveLength(3);
      expect(new Set(calls.map((c) => c.headers["x-switchyard-delivery"])).size).toBe(1);
      // the e-mail went out once, with the first attempt
      expect(smtp.messages.length - mailsBefore).toBe(1);
      // then the schedule is armed for its next slot, healthy
      const after = await rt.waitFor(
        () => getPrisma().trigger.findFirstOrThrow({ where: { id } }),
        (r) => (r.nextFireAt?.getTime() ?? 0) > Date.now() + 3600_000,
        10_000,
      );
      expect(after.lastError).toBeNull();

      // a receiver that refuses (4xx) is not asked again
      const refusing = await create({ ...MONTH_END, name: "Refused", deliver: { webhook: { url: `${hook.url}/gone` } } });
      const refusedId = refusing.json.id as string;
      const refusedRow = await getPrisma().trigger.findFirstOrThrow({ where: { id: refusedId } });
      const ctx = await systemContext(tenant.workspace.id);
      const first = await runReportSchedule(ctx, refusedId, { intendedAt: refusedRow.nextFireAt!, now: new Date() });
      expect(first).toMatchObject({ outcome: "error", retryAt: null });
      expect(first!.reason).toContain("HTTP 410");
    } finally {
      delete process.env.SWITCHYARD_WEBHOOK_RETRY_MS;
    }
  });

  it("end to end on the scheduler: creating a schedule arms its next slot; a tick armed on the engine delivers at its time, recorded as its fire", async () => {
    const res = await create({ ...MONTH_END, name: "On the scheduler", deliver: { email: ["scheduler@example.com"] } });
    expect(res.status, res.text).toBe(201);
    const id = res.json.id as string;
    const armed = await getPrisma().trigger.findFirstOrThrow({ where: { id } });
    // armed for 06:00 UTC on the first of next month
    const now = new Date();
    expect(armed.nextFireAt).toEqual(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 6)));
    expect(res.json.nextFireAt).toBe(armed.nextFireAt!.toISOString());
    // the same tick the scheduler sends for a slot, due in a second and a half
    const at = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
    const before = smtp.messages.length;
    await inngest.send(tickEvent(tenant.workspace.id, id, armed.generation, at));
    const [fire] = await rt.waitFor(
      () => getPrisma().triggerFire.findMany({ where: { triggerId: id } }),
      (f) => f.length >= 1,
      30_000,
    );
    expect(fire).toMatchObject({ outcome: "started", dedupeKey: at.toISOString(), intendedAt: at });
    expect(fire!.firedAt.getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(smtp.messages.length - before).toBe(1);
    expect(smtp.messages.at(-1)!.to).toEqual(["scheduler@example.com"]);
    // then it is armed for its next slot again
    const after = await rt.waitFor(
      () => getPrisma().trigger.findFirstOrThrow({ where: { id } }),
      (r) => r.nextFireAt !== null && r.lastCheckedAt !== null,
      10_000,
    );
    expect(after.nextFireAt!.getTime()).toBeGreaterThan(at.getTime());
  });
});
