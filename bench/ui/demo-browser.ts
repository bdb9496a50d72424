/**
 * What the browser benchmarks share: Debian's Chromium (or Playwright's), a 1280×800 context on
 * the running app, signed in as the demo user through the credentials endpoint.
 */
import fs from "node:fs";
import { type Browser, type BrowserContext, chromium } from "@playwright/test";

export const DEMO = { email: "demo@switchyard.local", password: "switchyard-demo", workspace: "demo" };

/** Launches Chromium and signs the demo user in at `base`, trying a few times while a dev server compiles. */
export async function demoBrowser(base: string, args: string[] = []): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", ...args],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: base });
  const signIn = async () => {
    const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const login = await context.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: DEMO.email, password: DEMO.password, json: "true", callbackUrl: "/" } });
    return login.ok() && (await context.request.get("/api/v1/me")).status() === 200;
  };
  for (let i = 0; i < 5; i++) {
    if (await signIn().catch(() => false)) return { browser, context };
    await new Promise((r) => setTimeout(r, 5000));
  }
  await browser.close();
  throw new Error(`Could not sign in as the demo user at ${base}: is the app running (npm run dev / npm start) with the demo seed?`);
}
