/**
 * The inbox as an escalation desk: an item's escalation chain advances durably while nobody
 * decides it (recorded, audited, the new assignees notified) and its new assignees — not the
 * ones it left — decide it; reassignment by an admin or a current assignee, with clear errors;
 * notices when an item opens (in the app, on a signed webhook, by e-mail through SMTP); and an
 * edited output that stands in when approved. Real engine, real HTTP and SMTP receivers on
 * 127.0.0.1.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { startSmtpStub } from "../stubs/smtp-stub";
import { getPrisma } from "../../lib/db/client";
import { scopedDb } from "../../lib/db/scoped";
import { verifySignature } from "../../lib/crypto";
import type { WorkspaceContext } from "../../lib/auth/context";
import type { RoleName } from "../../lib/auth/permissions";
import { decideApproval } from "../../lib/approvals/decide-approval";
import { reassignApproval } from "../../lib/approvals/reassign-approval";
import { addMember, makeApiKey, makeTenant, makeUser } from "../../prisma/factories";
import * as webhooksRoute from "../../app/api/v1/webhooks/route";
import * as approvalRoute from "../../app/api/v1/approvals/[id]/route";
import * as reassignRoute from "../../app/api/v1/approvals/[id]/reassign/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";

const rt = useRuntime("inbox");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
const api = graphApi(() => tenant.apiKey.key);
let smtp: Awaited<ReturnType<typeof startSmtpStub>>;
let hook: Awaited<ReturnType<typeof receiver>>;
let hookSecret: string;
const people: Record<"ann" | "fiona" | "vic", { id: string; email: string }> = {} as never;
const saved = { smtp: process.env.SMTP_URL, recheck: process.env.SWITCHYARD_DECISION_RECHECK_MS };

/** A webhook receiver on 127.0.0.1 that keeps what it is sent and answers 200. */
async function receiver() {
  const received: { body: string; signature: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: String(req.headers["x-switchyard-signature"] ?? "") });
      res.writeHead(200);
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** Acting as a member, the way a signed-in session does (a user id and the member's role). */
function asUser(userId: string, role: RoleName): WorkspaceContext {
  return { workspace: { id: tenant.workspace.id, slug: tenant.workspace.slug, name: tenant.workspace.name }, role, actor: { type: "user", userId, apiKeyId: null }, db: scopedDb(tenant.workspace.id) };
}

const webhookOf = (approvalId: string, type: string) => hook.received.map((r) => ({ ...r, json: JSON.parse(r.body) })).filter((r) => r.json.type === type && r.json.data.approvalId === approvalId);

beforeAll(async () => {
  tenant = await makeTenant("Escalation Desk Co");
  for (const [name, role] of [["ann", "approver"], ["fiona", "finance"], ["vic", "viewer"]] as const) {
    const u = await makeUser({ email: `${name}-${Date.now().toString(36)}@desk.example` });
    await addMember(tenant.workspace.id, u.id, role);
    people[name] = { id: u.id, email: u.email };
  }
  smtp = await startSmtpStub();
  process.env.SMTP_URL = smtp.url;
  process.env.SWITCHYARD_DECISION_RECHECK_MS = "1000";
  process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS = "1";
  hook = await receiver();
  const created = await callRoute(webhooksRoute.POST as never, { key: tenant.apiKey.key, body: { url: hook.url, events: ["approval.opened", "approval.reassigned", "approval.escalated"] } });
  expect(created.status, created.text).toBe(201);
  hookSecret = created.json.webhook.secret;
});

afterAll(async () => {
  for (const [k, v] of [["SMTP_URL", saved.smtp], ["SWITCHYARD_DECISION_RECHECK_MS", saved.recheck]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  delete process.env.SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS;
  await smtp?.close();
  await hook?.close();
});

/** A graph whose one approval waits for `assignees`, then outputs the decision and any edited output. */
async function approvalGraph(name: string, approval: Record<string, unknown>) {
  return api.createGraph({
    name,
    nodes: [
      { id: "review", type: "approval", title: "Review the offer", context: { task: "Check the discount", partial: { price: 120 } }, timeout: "1h", ...approval },
      { id: "done", type: "output", needs: ["review"], value: "{{nodes.review.output}}" },
    ],
  });
}

async function pendingItem(runId: string) {
  return rt.waitFor(() => getPrisma().approval.findFirst({ where: { runId, status: "pending" } }), (a) => !!a, 30_000);
}

describe("escalation chains", () => {
  it("an undecided item moves up its escalation chain after each step's after, recorded and notified; the new assignee decides and the run goes on", async () => {
    const graphId = await approvalGraph("Chain", {
      assignees: [{ role: "approver" }],
      escalationChain: [{ after: "2s", to: [{ user: people.fiona.email }] }, { after: "2s", to: [{ role: "admin" }] }, { after: "1h", to: [{ role: "owner" }] }],
    });
    const runId = await api.start(graphId);
    const item = (await pendingItem(runId))!;
    expect(item.escalationLevel).toBe(0);
    expect(item.assigneeRoles).toEqual(["approver"]);

    // level 1 after 2 s: Fiona alone
    const l1 = await rt.waitFor(() => getPrisma().approval.findUniqueOrThrow({ where: { id: item.id } }), (a) => a.escalationLevel >= 1, 20_000);
    expect(l1.escalatedAt!.getTime() - item.createdAt.getTime()).toBeGreaterThanOrEqual(1900);
    // level 2 two seconds after level 1: the admins; the third step (1 h) is still ahead
    const l2 = await rt.waitFor(() => getPrisma().approval.findUniqueOrThrow({ where: { id: item.id } }), (a) => a.escalationLevel >= 2, 20_000);
    expect(l2).toMatchObject({ status: "pending", escalationLevel: 2, assigneeRoles: ["admin"], assigneeUserIds: [] });
    expect(l2.escalatedAt!.getTime() - l1.escalatedAt!.getTime()).toBeGreaterThanOrEqual(1900);

    // the history says who, when and why; the API shows it
    const got = await callRoute(approvalRoute.GET as never, { key: tenant.apiKey.key, params: { id: item.id } });
    expect(got.status, got.text).toBe(200);
    const escalations = got.json.events.filter((e: { kind: string }) => e.kind === "escalated");
    expect(escalations.map((e: { level: number; actor: string }) => [e.level, e.actor])).toEqual([[1, "system"], [2, "system"]]);
    expect(escalations[0].data).toMatchObject({ from: { roles: ["approver"], userIds: [] }, to: { roles: [], userIds: [people.fiona.id] }, reason: "No decision within 2s at level 0" });
    expect(got.json.approval).toMatchObject({ escalationLevel: 2, escalationChain: [{ after: "2s" }, { after: "2s" }, { after: "1h" }] });
    // audited right after the move's transaction commits: it may land a moment after the row
    const audit = await rt.waitFor(() => getPrisma().auditEvent.findMany({ where: { targetId: item.id, action: "approval.escalated" } }), (a) => a.length >= 2, 10_000);
    expect(audit).toHaveLength(2);

    // Fiona was told at level 1: in the app, by e-mail, and the workspace's webhook heard of it
    const fionaNotes = await getPrisma().notification.findMany({ where: { userId: people.fiona.id, kind: "approval.escalated" } });
    expect(fionaNotes.map((n) => (n.data as { approvalId: string }).approvalId)).toContain(item.id);
    await rt.waitFor(async () => smtp.messages.filter((m) => m.to.includes(people.fiona.email) && m.text.includes(item.id)).length, (n) => n >= 1, 20_000);
    const escalatedHooks = await rt.waitFor(async () => webhookOf(item.id, "approval.escalated"), (h) => h.length >= 2, 20_000);
    for (const h of escalatedHooks) expect(verifySignature(hookSecret, h.body, h.signature)).toBe(true);
    expect(escalatedHooks.map((h) => h.json.data.level).sort()).toEqual([1, 2]);

    // the approver it left can no longer decide; a viewer never could; an admin now can
    const approverKey = await makeApiKey(tenant.workspace.id, "approver");
    const refused = await callRoute(decisionRoute.POST as never, { key: approverKey.key, params: { id: item.id }, body: { decision: "approve" } });
    expect(refused.status, refused.text).toBe(403);
    await expect(decideApproval(asUser(people.ann.id, "approver"), item.id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    const admin = await makeApiKey(tenant.workspace.id, "admin");
    const decided = await callRoute(decisionRoute.POST as never, { key: admin.key, params: { id: item.id }, body: { decision: "approve", comment: "Fine at 120" } });
    expect(decided.status, decided.text).toBe(200);
    const run = await rt.waitForRun(runId, (r) => r.status === "succeeded", 30_000);
    expect(run.output).toMatchObject({ decision: "approved" });
    const kinds = (await getPrisma().approvalEvent.findMany({ where: { approvalId: item.id }, orderBy: { createdAt: "asc" } })).map((e) => e.kind);
    expect(kinds[0]).toBe("opened");
    expect(kinds.at(-1)).toBe("decided");
  });

  it("a supervisor's escalation walks its node's escalation chain like an approval: moved, recorded and notified; the new assignee's edit stands in", async () => {
    const graphId = await api.createGraph({
      name: "Supervisor chain",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Ask legal",
          maxDelegations: 1,
          // the simulated answer is never this sure: it goes to a person
          minConfidence: 1,
          escalateTo: { role: "approver" },
          escalationChain: [{ after: "2s", to: [{ role: "finance" }, { user: people.fiona.email }] }],
          agents: [{ name: "legal", description: "Reviews the legal terms", model: "sim:fast" }],
        },
        { id: "done", type: "output", needs: ["lead"], value: "{{nodes.lead.output}}" },
      ],
    });
    const runId = await api.start(graphId);
    const item = await rt.waitFor(() => getPrisma().approval.findFirst({ where: { runId, kind: "escalation", status: "pending" } }), (a) => !!a, 60_000);
    expect(item!).toMatchObject({ escalationLevel: 0, assigneeRoles: ["approver"] });
    const moved = await rt.waitFor(() => getPrisma().approval.findUniqueOrThrow({ where: { id: item!.id } }), (a) => a.escalationLevel >= 1, 20_000);
    expect(moved).toMatchObject({ status: "pending", escalationLevel: 1, assigneeRoles: ["finance"], assigneeUserIds: [people.fiona.id] });
    expect(moved.escalatedAt!.getTime() - item!.createdAt.getTime()).toBeGreaterThanOrEqual(1900);
    const events = await rt.waitFor(
      async () => (await getPrisma().approvalEvent.findMany({ where: { approvalId: item!.id }, orderBy: { createdAt: "asc" } })).map((e) => e.kind).filter((k) => k === "opened" || k === "escalated"),
      (kinds) => kinds.includes("escalated"),
      20_000,
    );
    expect(events).toEqual(["opened", "escalated"]);
    // notified right after the move's transaction commits: it may land a moment after the row
    await rt.waitFor(
      async () => (await getPrisma().notification.findMany({ where: { userId: people.fiona.id, kind: "approval.escalated" } })).map((n) => (n.data as { approvalId: string }).approvalId),
      (ids) => ids.includes(item!.id),
      20_000,
    );
    // the approver it left cannot decide; Fiona can, and her edited output is the supervisor's
    await expect(decideApproval(asUser(people.ann.id, "approver"), item!.id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await decideApproval(asUser(people.fiona.id, "finance"), item!.id, { decision: "approve", output: { verdict: "cleared by finance" } });
    const run = await rt.waitForRun(runId, (r) => ["succeeded", "failed"].includes(r.status), 60_000);
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output).toMatchObject({ status: "done", output: { verdict: "cleared by finance" } });
    expect(run.output.rationale).toContain(`edited and approved by user:${people.fiona.id}`);
  }, 90_000);

  it("a person named by a chain step decides, and the one the item left cannot", async () => {
    const graphId = await approvalGraph("Chain to a person", { assignees: [{ user: people.ann.email }], escalationChain: [{ after: "2s", to: [{ user: people.fiona.email }] }] });
    const runId = await api.start(graphId);
    const item = (await pendingItem(runId))!;
    expect(item.assigneeUserIds).toEqual([people.ann.id]);
    await rt.waitFor(() => getPrisma().approval.findUniqueOrThrow({ where: { id: item.id } }), (a) => a.escalationLevel === 1, 20_000);
    await expect(decideApproval(asUser(people.ann.id, "approver"), item.id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await decideApproval(asUser(people.fiona.id, "finance"), item.id, { decision: "reject", comment: "Over budget" });
    const run = await rt.waitForRun(runId, (r) => r.status === "succeeded", 30_000);
    expect(run.output).toMatchObject({ decision: "rejected" });
  });

  it("a chain stops when the item is decided: no step moves it afterwards", async () => {
    const graphId = await approvalGraph("Chain decided early", { assignees: [{ role: "approver" }], escalationChain: [{ after: "3s", to: [{ role: "admin" }] }] });
    const runId = await api.start(graphId);
    const item = (await pendingItem(runId))!;
    const approver = await makeApiKey(tenant.workspace.id, "approver");
    const decided = await callRoute(decisionRoute.POST as never, { key: approver.key, params: { id: item.id }, body: { decision: "approve" } });
    expect(decided.status, decided.text).toBe(200);
    await rt.waitForRun(runId, (r) => r.status === "succeeded", 30_000);
    await new Promise((r) => setTimeout(r, 3500));
    const after = await getPrisma().approval.findUniqueOrThrow({ where: { id: item.id } });
    expect(after).toMatchObject({ status: "approved", escalationLevel: 0, escalatedAt: null });
  });
});

describe("reassignment", () => {
  it("an admin or a current assignee reassigns to a person or a role; recorded, audited, notified", async () => {
    const graphId = await approvalGraph("Reassign", { assignees: [{ role: "approver" }] });
    const runId = await api.start(graphId);
    const item = (await pendingItem(runId))!;

    // Ann (an approver, so a current assignee) hands it to Fiona
    const moved = await reassignApproval(asUser(people.ann.id, "approver"), item.id, { to: [{ user: people.fiona.email }], comment: "Finance should see this" });
    expect(moved).toMatchObject({ assigneeUserIds: [people.fiona.id], assigneeRoles: [] });
    // Ann is no longer assigned: she can neither decide nor move it again
    await expect(decideApproval(asUser(people.ann.id, "approver"), item.id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(reassignApproval(asUser(people.ann.id, "approver"), item.id, { to: [{ role: "approver" }] })).rejects.toMatchObject({ code: "forbidden" });
    const notes = await getPrisma().notification.findMany({ where: { userId: people.fiona.id, kind: "approval.reassigned" } });
    expect(notes.some((n) => (n.data as { approvalId: string }).approvalId === item.id)).toBe(true);

    // an admin key moves it to a role through the API
    const admin = await makeApiKey(tenant.workspace.id, "admin");
    const res = await callRoute(reassignRoute.POST as never, { key: admin.key, params: { id: item.id }, body: { to: [{ role: "approver" }, { user: people.fiona.id }] } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ assigneeRoles: ["approver"], assigneeUserIds: [people.fiona.id] });

    const got = await callRoute(approvalRoute.GET as never, { key: tenant.apiKey.key, params: { id: item.id } });
    const reassigned = got.json.events.filter((e: { kind: string }) => e.kind === "reassigned");
    expect(reassigned.map((e: { actor: string }) => e.actor)).toEqual([`user:${people.ann.id}`, `apikey:${admin.id}`]);
    expect(reassigned[0].data).toMatchObject({ from: { roles: ["approver"] }, to: { userIds: [people.fiona.id] }, comment: "Finance should see this" });
    expect(await getPrisma().auditEvent.count({ where: { targetId: item.id, action: "approval.reassigned" } })).toBe(2);
    const hooks = await rt.waitFor(async () => webhookOf(item.id, "approval.reassigned"), (h) => h.length >= 2, 20_000);
    for (const h of hooks) expect(verifySignature(hookSecret, h.body, h.signature)).toBe(true);

    // Fiona decides it now
    await decideApproval(asUser(people.fiona.id, "finance"), item.id, { decision: "approve" });
    await rt.waitForRun(runId, (r) => r.status === "succeeded", 30_000);
  });

  it("refuses unknown people and roles (422 naming the entry), non-assignees (403) and decided items (409)", async () => {
    const graphId = await approvalGraph("Reassign errors", { assignees: [{ role: "approver" }] });
    const runId = await api.start(graphId);
    const item = (await pendingItem(runId))!;
    const admin = await makeApiKey(tenant.workspace.id, "admin");
    const outsider = await makeUser();

    const unknown = await callRoute(reassignRoute.POST as never, { key: admin.key, params: { id: item.id }, body: { to: [{ role: "admin" }, { user: outsider.email }, { role: "wizard" }] } });
    expect(unknown.status, unknown.text).toBe(422);
    expect(unknown.json.issues).toEqual([
      { path: "to[1].user", message: expect.stringContaining("not a member") },
      { path: "to[2].role", message: expect.stringContaining("not a workspace role") },
    ]);
    const empty = await callRoute(reassignRoute.POST as never, { key: admin.key, params: { id: item.id }, body: { to: [] } });
    expect(empty.status).toBe(422);
    expect(empty.json.issues[0].path).toBe("to");
    const shape = await callRoute(reassignRoute.POST as never, { key: admin.key, params: { id: item.id }, body: { to: [{ team: "x" }] } });
    expect(shape.status).toBe(422);
    // a finance key is not assigned to this item
    const finance = await makeApiKey(tenant.workspace.id, "finance");
    expect((await callRoute(reassignRoute.POST as never, { key: finance.key, params: { id: item.id }, body: { to: [{ role: "finance" }] } })).status).toBe(403);
    // not this workspace's item: 404
    const other = await makeTenant("Other desk");
    expect((await callRoute(reassignRoute.POST as never, { key: other.apiKey.key, params: { id: item.id }, body: { to: [{ role: "admin" }] } })).status).toBe(404);
    expect((await callRoute(approvalRoute.GET as never, { key: other.apiKey.key, params: { id: item.id } })).status).toBe(404);
    // nothing moved
    expect((await getPrisma().approval.findUniqueOrThrow({ where: { id: item.id } })).assigneeRoles).toEqual(["approver"]);

    expect((await callRoute(decisionRoute.POST as never, { key: admin.key, params: { id: item.id }, body: { decision: "reject" } })).status).toBe(200);
    const late = await callRoute(reassignRoute.POST as never, { key: admin.key, params: { id: item.id }, body: { to: [{ role: "admin" }] } });
    expect(late.status, late.text).toBe(409);
    await rt.waitForRun(runId, (r) => r.status === "succeeded", 30_000);
  });
});

describe("notices when an item opens", () => {
  it("tells each assignee in the app and by e-mail, and the workspace's webhooks with a valid signature", async () => {
    const graphId = await approvalGraph("Notices", { assignees: [{ role: "approver" }, { user: people.fiona.email }] });
    const runId = await api.start(graphId);
    const item = (await pendingItem(runId))!;
    const notes = await rt.waitFor(() => getPrisma().notification.findMany({ where: { kind: "approval.opened", workspaceId: tenant.workspace.id } }), (n) => n.filter((x) => (x.data as { approvalId: string }).approvalId === item.id).length >= 2, 10_000);
    const mine = notes.filter((x) => (x.data as { approvalId: string }).approvalId === item.id);
    // Ann by her role, Fiona by name; nobody else (not the viewer, not the owner)
    expect(mine.map((n) => n.userId).sort()).toEqual([people.ann.id, people.fiona.id].sort());
    expect(mine[0]!.title).toContain("Review the offer");
    expect(mine[0]!.body).toMatch(/due in (59|60) min|due in 1 h/);

    const opened = await rt.waitFor(async () => webhookOf(item.id, "approval.opened"), (h) => h.length >= 1, 20_000);
    expect(opened).toHaveLength(1);
    expect(verifySignature(hookSecret, opened[0]!.body, opened[0]!.signature)).toBe(true);
    expect(opened[0]!.json).toMatchObject({ type: "approval.opened", workspaceId: tenant.workspace.id, data: { approvalId: item.id, kind: "approval", runId, nodeId: "review", level: 0 } });
    expect(opened[0]!.json.data.url).toContain(`/approvals?item=${item.id}`);

    const mails = await rt.waitFor(async () => smtp.messages.filter((m) => m.text.includes(item.id)), (m) => m.length >= 2, 20_000);
    expect(mails.flatMap((m) => m.to).sort()).toEqual([people.ann.email, people.fiona.email].sort());
    expect(mails[0]!.text).toContain("Review the offer");

    const events = await rt.waitFor(() => getPrisma().approvalEvent.findMany({ where: { approvalId: item.id, kind: "notified" } }), (e) => e.length >= 3, 10_000);
    expect(events.map((e) => (e.data as { channel: string }).channel).sort()).toEqual(["app", "email", "webhook"]);

    // decide with an edited output: the waiting run continues with it
    const decided = await callRoute(decisionRoute.POST as never, { key: tenant.apiKey.key, params: { id: item.id }, body: { decision: "approve", output: { price: 99, note: "edited" } } });
    expect(decided.status, decided.text).toBe(200);
    const run = await rt.waitForRun(runId, (r) => r.status === "succeeded", 30_000);
    expect(run.output).toMatchObject({ decision: "approved", output: { price: 99, note: "edited" } });
  });
});
