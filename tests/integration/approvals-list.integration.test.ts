/**
 * The inbox lists: pending items newest first; the decided history newest decision first,
 * pending ones excluded, paged with a cursor that keeps that order.
 */
import { beforeAll, expect, it } from "vitest";
import { useTestDatabase, callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { newId } from "../../lib/ids";
import { makeTenant } from "../../prisma/factories";
import * as approvalsRoute from "../../app/api/v1/approvals/route";

useTestDatabase("approvals_list");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  tenant = await makeTenant("Inbox Co");
  const at = (min: number) => new Date(Date.UTC(2026, 10, 24, 10, min));
  // created in the order a, b, c, d; decided in the order c, a, d (b still pending)
  const rows = [
    { key: "a", status: "approved", decidedAt: at(20) },
    { key: "b", status: "pending", decidedAt: null },
    { key: "c", status: "rejected", decidedAt: at(10) },
    { key: "d", status: "expired", decidedAt: at(30) },
  ] as const;
  for (const r of rows) {
    ids[r.key] = newId("approval");
    await getPrisma().approval.create({
      data: { id: ids[r.key]!, workspaceId: tenant.workspace.id, kind: "approval", status: r.status, title: `item ${r.key}`, assigneeUserIds: [], assigneeRoles: ["approver"], decidedAt: r.decidedAt },
    });
    await new Promise((res) => setTimeout(res, 5)); // ids are time-ordered
  }
});

const list = (query: string) => callRoute(approvalsRoute.GET as never, { key: tenant.apiKey.key, path: `/api/v1/approvals?${query}` });

it("lists the decided history by decision time, without pending items, and pages in that order", async () => {
  const all = await list("status=decided");
  expect(all.status, all.text).toBe(200);
  expect(all.json.approvals.map((a: { title: string }) => a.title)).toEqual(["item d", "item a", "item c"]);
  const first = await list("status=decided&limit=2");
  expect(first.json.approvals.map((a: { title: string }) => a.title)).toEqual(["item d", "item a"]);
  const second = await list(`status=decided&limit=2&cursor=${first.json.nextCursor}`);
  expect(second.json.approvals.map((a: { title: string }) => a.title)).toEqual(["item c"]);
  expect(second.json.nextCursor).toBeNull();
});

it("lists pending items newest first, and refuses an unknown status naming the field", async () => {
  expect((await list("status=pending")).json.approvals.map((a: { title: string }) => a.title)).toEqual(["item b"]);
  const bad = await list("status=maybe");
  expect(bad.status).toBe(422);
  expect(bad.json.issues[0].path).toBe("status");
});
