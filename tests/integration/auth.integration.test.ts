import { describe, expect, it } from "vitest";
import { callRoute, useTestDatabase } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { authOptions } from "../../lib/auth/options";
import { LOGIN_LIMITS } from "../../lib/auth/rate-limit";
import * as signupRoute from "../../app/api/auth/signup/route";

useTestDatabase("auth");

/** Runs the credentials provider's authorize exactly as next-auth does on sign-in. */
async function authorize(email: string, password: string, ip = "203.0.113.7") {
  const provider = authOptions().providers.find((p) => p.id === "credentials") as unknown as {
    options: { authorize: (c: Record<string, string>, req: unknown) => Promise<{ id: string } | null> };
  };
  return provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": ip, "user-agent": "vitest" } });
}

describe("sign-up", () => {
  it("creates the user with a hashed password and a workspace they own", async () => {
    const res = await callRoute(signupRoute.POST as never, {
      body: { name: "Ada Buyer", email: "Ada@Example.test", password: "s3cret-password", workspaceName: "Acme Procurement" },
    });
    expect(res.status).toBe(201);
    expect(res.json.workspace.slug).toBe("acme-procurement");
    const user = await getPrisma().user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain("s3cret-password");
    const membership = await getPrisma().membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(membership.role).toBe("owner");
    const audit = await getPrisma().auditEvent.findMany({ where: { actorUserId: user.id } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["auth.signed_up", "workspace.created"]));
  });

  it("refuses a second account with the same e-mail, naming the field", async () => {
    const res = await callRoute(signupRoute.POST as never, { body: { name: "Again", email: "ada@example.test", password: "another-password" } });
    expect(res.status).toBe(409);
    expect(res.json.issues).toEqual([{ path: "email", message: "Already registered" }]);
  });

  it("answers bad input with field-level messages and malformed JSON with 400", async () => {
    const bad = await callRoute(signupRoute.POST as never, { body: { name: "", email: "not-an-email", password: "short" } });
    expect(bad.status).toBe(422);
    expect(bad.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(["email", "name", "password"]);
    const malformed = await callRoute(signupRoute.POST as never, { rawBody: "{ not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.json.code).toBe("invalid_json");
  });
});

describe("sign-in", () => {
  it("accepts the right password, refuses a wrong one, and audits both", async () => {
    await callRoute(signupRoute.POST as never, { body: { name: "Bo", email: "bo@example.test", password: "bo-password-1" } });
    const ok = await authorize("bo@example.test", "bo-password-1");
    expect(ok?.id).toMatch(/^usr_/);
    await expect(authorize("bo@example.test", "wrong-password")).rejects.toThrow("invalid");
    const actions = (await getPrisma().auditEvent.findMany({ where: { actorUserId: ok!.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toContain("auth.sign_in");
    expect(actions).toContain("auth.sign_in_failed");
    const signIn = await getPrisma().auditEvent.findFirstOrThrow({ where: { actorUserId: ok!.id, action: "auth.sign_in" } });
    expect(signIn.ip).toBe("203.0.113.7");
  });

  it("throttles an e-mail after repeated failures, even with the right password", async () => {
    await callRoute(signupRoute.POST as never, { body: { name: "Cy", email: "cy@example.test", password: "cy-password-1" } });
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) {
      await expect(authorize("cy@example.test", `wrong-${i}`, `198.51.100.${i}`)).rejects.toThrow("invalid");
    }
    await expect(authorize("cy@example.test", "cy-password-1", "198.51.100.99")).rejects.toThrow("throttled");
    // other accounts are not affected
    await callRoute(signupRoute.POST as never, { body: { name: "Di", email: "di@example.test", password: "di-password-1" } });
    expect((await authorize("di@example.test", "di-password-1", "198.51.100.99"))?.id).toMatch(/^usr_/);
  });
});
