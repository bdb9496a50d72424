/**
 * Approval assignees resolve to people. A graph saved with a member as its approver keeps
 * running after that member leaves: the item goes to the admins, says why, and an approver
 * (who was not assigned) cannot decide it. Real engine, simulated provider.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { addMember, makeApiKey, makeTenant, makeUser } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";

const rt = useRuntime("approval-assignees");
let tenant: Awaited<ReturnType<typeof makeTenant>>;

beforeAll(async () => {
  tenant = await makeTenant("Assignees Co");
});

describe("an approval whose assignees resolve to no one", () => {
  it("goes to the admins with the reason in its assignment note, never to everyone", async () => {
    const leaver = await makeUser();
    const membership = await addMember(tenant.workspace.id, leaver.id, "approver");
    const created = await callRoute(graphsRoute.POST as never, {
      key: tenant.apiKey.key,
      body: { name: "Sign-off", nodes: [{ id: "gate", type: "approval", title: "Sign off", assignees: [{ user: leaver.email }] }, { id: "done", type: "output", needs: ["gate"], value: "{{nodes.gate.output.decision}}" }] },
    });
    expect(created.status, created.text).toBe(201);
    await getPrisma().membership.delete({ where: { id: membership.id } });

    const started = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: created.json.id }, body: { input: {} } });
    expect(started.status, started.text).toBe(202);
    const runId = started.json.runId as string;
    const item = await rt.waitFor(() => getPrisma().approval.findFirst({ where: { runId } }), (a) => !!a, 30_000);
    expect(item!.assigneeRoles).toEqual(["admin", "owner"]);
    expect(item!.assigneeUserIds).toEqual([]);
    expect(item!.assignmentNote).toContain(`user ${leaver.email} (not a member)`);

    const approver = await makeApiKey(tenant.workspace.id, "approver");
    const refused = await callRoute(decisionRoute.POST as never, { key: approver.key, params: { id: item!.id }, body: { decision: "approve" } });
    expect(refused.status, refused.text).toBe(403);
    const admin = await makeApiKey(tenant.workspace.id, "admin");
    const decided = await callRoute(decisionRoute.POST as never, { key: admin.key, params: { id: item!.id }, body: { decision: "approve" } });
    expect(decided.status, decided.text).toBe(200);
    await rt.waitForRun(runId, (r) => r.status === "succeeded");
  });
});
