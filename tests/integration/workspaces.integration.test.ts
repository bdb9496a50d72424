import { describe, expect, it } from "vitest";
import { callRoute, useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { sha256 } from "../../lib/crypto";
import { acceptInvitation } from "../../lib/workspaces/invitations";
import { addMember, makeApiKey, makeTenant, makeUser } from "../../prisma/factories";
import * as apiKeysRoute from "../../app/api/v1/api-keys/route";
import * as apiKeyRoute from "../../app/api/v1/api-keys/[id]/route";
import * as invitationsRoute from "../../app/api/v1/invitations/route";
import * as membersRoute from "../../app/api/v1/members/route";
import * as memberRoute from "../../app/api/v1/members/[id]/route";
import * as meRoute from "../../app/api/v1/me/route";
import * as auditRoute from "../../app/api/v1/audit/route";

useTestDatabase("workspaces");

describe("API keys", () => {
  it("are shown once, stored hashed, work as Bearer tokens and stop working when revoked", async () => {
    const { apiKey } = await makeTenant();
    const created = await callRoute(apiKeysRoute.POST as never, { key: apiKey.key, body: { name: "CI", role: "viewer" } });
    expect(created.status).toBe(201);
    const key: string = created.json.key;
    expect(key).toMatch(/^sy_/);
    const row = await getPrisma().apiKey.findUniqueOrThrow({ where: { id: created.json.apiKey.id } });
    expect(row.hash).toBe(sha256(key));
    expect(JSON.stringify(row)).not.toContain(key);

    const list = await callRoute(apiKeysRoute.GET as never, { key: apiKey.key });
    expect(JSON.stringify(list.json)).not.toContain(key);

    const me = await callRoute(meRoute.GET as never, { key });
    expect(me.status).toBe(200);
    expect(me.json.role).toBe("viewer");
    expect(me.json.permissions).not.toContain("graphs:write");

    const revoked = await callRoute(apiKeyRoute.DELETE as never, { key: apiKey.key, method: "DELETE", params: { id: created.json.apiKey.id } });
    expect(revoked.status).toBe(204);
    expect((await callRoute(meRoute.GET as never, { key })).status).toBe(401);
  });

  it("cannot be created with more power than the creator has", async () => {
    const { workspace } = await makeTenant();
    const admin = await makeApiKey(workspace.id, "admin");
    const res = await callRoute(apiKeysRoute.POST as never, { key: admin.key, body: { name: "x", role: "owner" } });
    expect(res.status).toBe(403);
  });
});

describe("roles", () => {
  it("a viewer can read but not manage, and is told why", async () => {
    const { workspace } = await makeTenant();
    const viewer = await makeApiKey(workspace.id, "viewer");
    expect((await callRoute(membersRoute.GET as never, { key: viewer.key })).status).toBe(200);
    const res = await callRoute(invitationsRoute.POST as never, { key: viewer.key, body: { role: "editor" } });
    expect(res.status).toBe(403);
    expect(res.json.error).toContain("viewer");
    expect((await callRoute(auditRoute.GET as never, { key: viewer.key })).status).toBe(403);
  });

  it("keeps at least one owner and stops admins from touching owners", async () => {
    const { workspace, owner, apiKey } = await makeTenant();
    const ownerMembership = await getPrisma().membership.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: owner.id } });
    const demote = await callRoute(memberRoute.PATCH as never, { key: apiKey.key, method: "PATCH", params: { id: ownerMembership.id }, body: { role: "viewer" } });
    expect(demote.status).toBe(409);
    const admin = await makeApiKey(workspace.id, "admin");
    const byAdmin = await callRoute(memberRoute.DELETE as never, { key: admin.key, method: "DELETE", params: { id: ownerMembership.id } });
    expect(byAdmin.status).toBe(403);
    const badRole = await callRoute(memberRoute.PATCH as never, { key: apiKey.key, method: "PATCH", params: { id: ownerMembership.id }, body: { role: "emperor" } });
    expect(badRole.status).toBe(422);
    expect(badRole.json.issues[0].path).toBe("role");
  });

  it("role changes and removals are audited with who and what", async () => {
    const { workspace, apiKey } = await makeTenant();
    const bob = await makeUser();
    const m = await addMember(workspace.id, bob.id, "editor");
    const res = await callRoute(memberRoute.PATCH as never, { key: apiKey.key, method: "PATCH", params: { id: m.id }, body: { role: "approver" } });
    expect(res.status).toBe(200);
    const audit = await callRoute(auditRoute.GET as never, { key: apiKey.key, path: "/api/v1/audit?action=member." });
    const event = audit.json.events.find((e: { action: string }) => e.action === "member.role_changed");
    expect(event).toMatchObject({ targetId: bob.id, data: { from: "editor", to: "approver" }, actorApiKeyId: apiKey.id });
  });
});

describe("invitations", () => {
  it("a link adds the invitee with the invited role, once", async () => {
    const { workspace, apiKey } = await makeTenant();
    const res = await callRoute(invitationsRoute.POST as never, { key: apiKey.key, body: { role: "approver" } });
    expect(res.status).toBe(201);
    const token = String(res.json.url).split("/invite/")[1];
    const invitee = await makeUser();
    const joined = await acceptInvitation(invitee, token, { userId: invitee.id });
    expect(joined.workspace.id).toBe(workspace.id);
    const membership = await getPrisma().membership.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: invitee.id } });
    expect(membership.role).toBe("approver");
    const other = await makeUser();
    await expect(acceptInvitation(other, token, { userId: other.id })).rejects.toThrow(/invalid, expired, revoked or already used/);
  });

  it("an invitation for an address cannot be taken by someone else", async () => {
    const { apiKey } = await makeTenant();
    const res = await callRoute(invitationsRoute.POST as never, { key: apiKey.key, body: { role: "viewer", email: "Named@Example.test" } });
    const token = String(res.json.url).split("/invite/")[1];
    const stranger = await makeUser();
    await expect(acceptInvitation(stranger, token, { userId: stranger.id })).rejects.toThrow(/named@example.test/);
  });
});
