/**
 * The README's typed-client script, run as a reader would run it (`npx tsx`, in its own
 * process) against the API served over HTTP, a real database and the real engine: it creates
 * a graph, runs it and prints the run's status and cost.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";
import { useApiServer } from "../api-server";
import { useRuntime } from "../runtime-harness";

useRuntime("readme_client");
const server = useApiServer();
let tenant: Awaited<ReturnType<typeof makeTenant>>;

beforeAll(async () => {
  tenant = await makeTenant("Readme Co");
});

/** The script between the README's client-example markers, importing the repository's client. */
function readmeScript(): string {
  const readme = fs.readFileSync("README.md", "utf8");
  const block = /<!-- client-example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- client-example:end -->/.exec(readme);
  if (!block) throw new Error("README.md has no client-example block");
  const code = block[1]!;
  // the import, plus five lines: client, graph, run, wait, cost
  expect(
    code
      .trim()
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("import ")).length,
  ).toBe(5);
  return code.replace('"./lib/api/client"', JSON.stringify(path.resolve("lib/api/client/index.ts")));
}

it("the README's script creates a graph, runs it and reads its cost", async () => {
  // as in the repository, whose package.json makes .ts files ES modules (top-level await)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-readme-"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  const file = path.join(dir, "hello.ts");
  fs.writeFileSync(file, readmeScript());
  const { stdout } = await promisify(execFile)(path.resolve("node_modules/.bin/tsx"), [file], {
    env: { ...process.env, SWITCHYARD_URL: server.url, SWITCHYARD_API_KEY: tenant.apiKey.key },
    timeout: 60_000,
  });
  const run = await getPrisma().run.findFirstOrThrow({ where: { workspaceId: tenant.workspace.id }, include: { graph: true } });
  expect(run.graph.name).toBe("Hello");
  expect(run.status).toBe("succeeded");
  expect(Number(run.costUsd)).toBeGreaterThan(0);
  expect(stdout.trim()).toBe(`succeeded: $${Number(run.costUsd)}`);
}, 90_000);
