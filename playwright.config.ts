import fs from "node:fs";
import { defineConfig } from "@playwright/test";

/** Chromium from PLAYWRIGHT_CHROMIUM_PATH, else Debian's, else Playwright's own. */
const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const port = Number(process.env.E2E_PORT ?? 3100);
/** E2E_BASE_URL: run against an app that is already running (e.g. `npm run dev`) instead of starting one */
const external = process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/artifacts/results",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "e2e/artifacts/report.json" }]],
  use: {
    baseURL: external ?? `http://localhost:${port}`,
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: external
    ? undefined
    : {
        command: "node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/e2e-server.ts",
        url: `http://localhost:${port}/api/health`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        env: { PORT: String(port), ENGINE_PORT: String(Number(process.env.E2E_ENGINE_PORT ?? 8299)), NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next-e2e" },
      },
});
