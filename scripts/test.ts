/**
 * `npm test` — every suite, in order: types, lint (Biome; the import-boundary test runs with
 * the unit tests), unit, integration (real
 * PostgreSQL), then the production build and the browser tests (Playwright +
 * Chromium). Starts the embedded PostgreSQL once when DATABASE_URL is unset.
 * Ends with one summary line, `N passed, N failed`.
 *
 * `npm test -- --skip-e2e` leaves out the build and the browser tests.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { applyMigrations, PRODUCT_MIGRATIONS_DIR } from "../lib/db/migrator";
import { resolveDatabase } from "./lib/database";

const root = process.cwd();
const reports = path.join(root, ".data", "test-reports");
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
const skipE2e = process.argv.includes("--skip-e2e");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(label: string, cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`\n━━ ${label} ━━`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => {
      console.log(`━━ ${label}: ${code === 0 ? "ok" : `failed (${signal ?? code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(code ?? 1);
    });
  });
}

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestTally(file: string): Tally {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightTally(file: string): Tally {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
}

const tallies: Tally[] = [];
const failures: string[] = [];

if ((await run("typecheck", bin("tsc"), ["--noEmit", "-p", "."])) !== 0) failures.push("typecheck");
// lint only: formatting is checked on demand (`npm run format:check`), never rewritten here
if ((await run("lint", bin("biome"), ["lint", "."])) !== 0) failures.push("lint");

const unitReport = path.join(reports, "unit.json");
if ((await run("unit tests", bin("vitest"), ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile=${unitReport}`])) !== 0) failures.push("unit");
tallies.push(vitestTally(unitReport));

const db = await resolveDatabase((l) => console.log(`[db] ${l}`));
await applyMigrations(db.url, { dir: PRODUCT_MIGRATIONS_DIR });
const env = { DATABASE_URL: db.url, NEXT_DIST_DIR: ".next-e2e" };
try {
  const integrationReport = path.join(reports, "integration.json");
  if ((await run("integration tests", bin("vitest"), ["run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile=${integrationReport}`], env)) !== 0) {
    failures.push("integration");
  }
  tallies.push(vitestTally(integrationReport));

  if (!skipE2e) {
    if ((await run("production build", "npm", ["run", "build"], env)) !== 0) {
      failures.push("build");
    } else {
      const e2eReport = path.join(root, "e2e", "artifacts", "report.json");
      fs.rmSync(e2eReport, { force: true });
      if ((await run("browser tests", bin("playwright"), ["test"], env)) !== 0) failures.push("e2e");
      tallies.push(playwrightTally(e2eReport));
    }
  }
} finally {
  await db.stop();
}

const total = tallies.reduce((a, t) => ({ passed: a.passed + t.passed, failed: a.failed + t.failed, skipped: a.skipped + t.skipped }), { passed: 0, failed: 0, skipped: 0 });
// a suite that failed without failing a test (typecheck, build, a crash) still counts as a failure
const failed = Math.max(total.failed, failures.length);
if (failures.length) console.log(`\nFailed suites: ${failures.join(", ")}`);
console.log(`\n${total.passed} passed, ${failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(failures.length || total.failed ? 1 : 0);
