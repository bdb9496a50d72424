import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, type Page } from "@playwright/test";

export const SCREENS = path.resolve("e2e/artifacts/screens");

/** The seeded demo login and workspace the browser tests run in. */
export const DEMO = { email: "demo@switchyard.local", password: "switchyard-demo" };
export const DEMO_WORKSPACE = "demo";
export const DEMO_HEADERS = { "x-workspace": DEMO_WORKSPACE };

/** Creates a graph in the demo workspace through the API (the signed-in page's session) → its id. */
export async function createGraphByApi(request: APIRequestContext, spec: Record<string, unknown>): Promise<string> {
  const res = await request.post("/api/v1/graphs", { headers: DEMO_HEADERS, data: spec });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

/** Full-page screenshot kept as a test artifact under e2e/artifacts/screens. */
export async function screen(page: Page, name: string) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/**
 * Signs in through the login form. The form is a client component: on a busy
 * machine it can hydrate after the first keystrokes, which then get lost, so
 * wait for the page to settle and try once more if the sign-in did not happen.
 */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  for (let attempt = 0; attempt < 2; attempt++) {
    // a dev server's hot reloads can keep the network busy: settle for a while, not forever
    await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => {});
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    try {
      await page.waitForURL(/\/w\/[^/]+\//, { timeout: attempt === 0 ? 20_000 : 40_000 });
      return;
    } catch (err) {
      if (attempt === 1 || !/\/login/.test(page.url())) throw err;
    }
  }
}

/**
 * Signs in through the credentials endpoint the login form posts to, without the form: for
 * tests about other screens, robust when a busy dev server hydrates the form late.
 */
export async function signInByApi(page: Page, email: string, password: string) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true", callbackUrl: "/" } });
  if (!res.ok()) throw new Error(`sign-in as ${email} answered ${res.status()}`);
  const me = await page.request.get("/api/v1/me");
  if (me.status() !== 200) throw new Error(`no session for ${email} (GET /api/v1/me answered ${me.status()})`);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
}
