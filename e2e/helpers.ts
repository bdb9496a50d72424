import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

export const SCREENS = path.resolve("e2e/artifacts/screens");

/** Full-page screenshot kept as a test artifact under e2e/artifacts/screens. */
export async function screen(page: Page, name: string) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/w\/[^/]+\//);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
}
