/**
 * Test data factories shared by integration and browser tests. They write
 * through the same Prisma client as the product and return what tests need
 * to act as the created principals (API keys in clear, passwords).
 */
import { getPrisma } from "../lib/db/client";
import { sha256, randomToken } from "../lib/crypto";
import { newId } from "../lib/ids";
import { hashPassword } from "../lib/auth/password";
import type { RoleName } from "../lib/auth/permissions";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomToken(3).toLowerCase().replace(/[^a-z0-9]/g, "")}`;

export async function makeUser(opts: { email?: string; password?: string; name?: string } = {}) {
  const password = opts.password ?? "correct horse battery";
  const user = await getPrisma().user.create({
    data: {
      id: newId("user"),
      email: (opts.email ?? `user-${unique()}@example.test`).toLowerCase(),
      name: opts.name ?? "Test User",
      passwordHash: await hashPassword(password),
    },
  });
  return { ...user, password };
}

export async function makeWorkspace(opts: { name?: string; owner?: { id: string } } = {}) {
  const slug = `ws-${unique()}`;
  const ws = await getPrisma().workspace.create({ data: { id: newId("workspace"), slug, name: opts.name ?? `Workspace ${slug}` } });
  if (opts.owner) await addMember(ws.id, opts.owner.id, "owner");
  return ws;
}

export async function addMember(workspaceId: string, userId: string, role: RoleName) {
  return getPrisma().membership.create({ data: { id: newId("membership"), workspaceId, userId, role } });
}

/** An API key for the workspace; returns the key in clear. */
export async function makeApiKey(workspaceId: string, role: RoleName = "owner") {
  const key = `sy_${randomToken(30)}`;
  const row = await getPrisma().apiKey.create({
    data: { id: newId("apiKey"), workspaceId, name: `key-${role}`, prefix: key.slice(0, 10), hash: sha256(key), role },
  });
  return { key, id: row.id };
}

/** A workspace with an owner user and an owner API key. */
export async function makeTenant(name?: string) {
  const owner = await makeUser();
  const workspace = await makeWorkspace({ name, owner });
  const apiKey = await makeApiKey(workspace.id, "owner");
  return { owner, workspace, apiKey };
}
