import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "./fixtures";
import { screen, signIn, signOut } from "./helpers";

/**
 * The graph builder end to end: build a three-node graph by drag and drop, see and fix a
 * validation error, save two versions, compare them, export YAML, refuse a broken YAML file
 * without touching the graph, and start a run.
 */

const canvas = (page: Page) => page.getByTestId("canvas");

/**
 * `signIn`, retried once: on a busy dev server the form can be filled before it hydrates, and
 * then the browser submits it as a plain form and the fields come back empty.
 */
async function signInDemo(page: Page, email = "demo@switchyard.local", password = "switchyard-demo") {
  for (let attempt = 1; ; attempt++) {
    await page.goto("/login");
    await page.waitForLoadState("networkidle");
    try {
      await Promise.race([signIn(page, email, password), page.waitForTimeout(30_000).then(() => Promise.reject(new Error("sign-in timed out")))]);
      return;
    } catch (err) {
      if (attempt === 2) throw err;
    }
  }
}

async function dropNode(page: Page, type: string, x: number, y: number) {
  await page.getByTestId(`palette-${type}`).dragTo(canvas(page), { targetPosition: { x, y } });
}

/** Drags from `source`'s output handle to `target`'s input handle. */
async function connect(page: Page, source: string, target: string) {
  const from = page.getByTestId(`node-${source}`).locator(".react-flow__handle.source");
  const to = page.getByTestId(`node-${target}`).locator(".react-flow__handle.target");
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

test("build, validate, save, version, diff, export, import and run a graph", async ({ page }) => {
  test.setTimeout(180_000);
  const name = `e2e-builder-${Date.now()}`;
  await signInDemo(page);
  await page.goto("/w/demo/graphs");
  await expect(page.getByRole("heading", { name: "Graphs" })).toBeVisible();
  await expect(page.getByRole("table").or(page.getByText("No graphs yet"))).toBeVisible({ timeout: 30_000 });
  await screen(page, "builder-01-list");

  await page.getByRole("button", { name: "New graph" }).first().click();
  await expect(page.getByTestId("new-graph")).toBeVisible();
  await screen(page, "builder-02-new-dialog");
  await page.getByRole("link", { name: /Blank graph/ }).click();
  await page.waitForURL(/\/graphs\/new$/);
  await expect(page.getByTestId("graph-inspector")).toBeVisible();
  await page.getByTestId("field-name").locator("input").fill(name);
  await screen(page, "builder-03-blank");

  // three nodes by drag and drop
  await dropNode(page, "agent", 140, 110);
  await dropNode(page, "tool", 300, 250);
  await dropNode(page, "output", 460, 390);
  for (const id of ["agent", "tool", "output"]) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await connect(page, "agent", "tool");
  await connect(page, "tool", "output");
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  // a new tool node calls nothing until told where, and the problem list says so: point it, by a
  // secret reference, at the health check of the vendor registry the demo workspace is seeded
  // with (no internet needed)
  await expect(page.getByTestId("node-tool")).toContainText("GET — no URL yet");
  await expect(page.getByTestId("problems")).toContainText("nodes[1] (tool).tool.url: must not be empty");
  await page.getByTestId("node-tool").click();
  await page.getByTestId("field-url").locator("textarea").fill("{{secrets.VENDOR_API_URL}}/health");
  await expect(page.getByTestId("node-tool")).toContainText("GET {{secrets.VENDOR_API_URL}}/health");
  await expect(page.getByTestId("problems")).toContainText("No problems");
  await screen(page, "builder-04-three-nodes");

  // a validation error inline: the output reads a node that does not exist
  await page.getByTestId("node-output").click();
  const value = page.getByTestId("field-value").locator("textarea");
  await value.fill('{ "summary": "{{nodes.agnt.output}}" }');
  await expect(page.getByTestId("problem").first()).toContainText('did you mean "agent"');
  await expect(page.getByTestId("node-output")).toHaveAttribute("data-problems", "1");
  await expect(page.getByTestId("field-value")).toContainText('unknown node "agnt"');
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
  await expect(page.getByTestId("save-blocked")).toHaveText("Fix 1 problem to save");
  await screen(page, "builder-05-validation-error");
  await page.getByTestId("problem").first().click();
  await expect(page.getByTestId("node-inspector")).toBeVisible();
  await value.fill('{ "summary": "{{nodes.agent.output}}" }');
  await expect(page.getByTestId("problems")).toContainText("No problems");
  await screen(page, "builder-06-fixed");

  // save: version 1
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByLabel("What changed?").fill("First version");
  await screen(page, "builder-07-save-dialog");
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/graphs\/(?!new)[^/?]+$/, { timeout: 60_000 });
  // the first visit to a graph's page may compile it on a dev server
  await expect(page.getByText("v1", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("node-output")).toBeVisible();

  // edit and save again: version 2
  await page.getByTestId("node-agent").click();
  await page.getByTestId("field-prompt").locator("textarea").fill("Summarise {{input.text}} in two sentences.");
  await expect(page.getByTestId("unsaved")).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByLabel("What changed?").fill("Sharper prompt");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("v2", { exact: true })).toBeVisible({ timeout: 60_000 });
  await screen(page, "builder-08-version-2");

  // the diff between the two versions, on the canvas and as JSON
  await page.getByRole("button", { name: "History" }).click();
  await expect(page.getByTestId("diff-summary")).toContainText("v1 → v2: 0 added, 0 removed, 1 changed");
  await expect(page.getByTestId("diff-canvas").getByTestId("node-agent")).toHaveAttribute("data-diff", "changed");
  await screen(page, "builder-09-diff-canvas");
  await page.getByRole("tab", { name: "JSON" }).click();
  await expect(page.getByTestId("json-diff")).toContainText("in two sentences");
  await screen(page, "builder-10-diff-json");
  await page.getByRole("button", { name: "Close" }).click();

  // export YAML
  await page.locator("summary", { hasText: "Export" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "YAML" }).click()]);
  const exported = path.resolve("e2e/artifacts/builder-export.yaml");
  await download.saveAs(exported);
  const yaml = fs.readFileSync(exported, "utf8");
  expect(yaml).toContain(`name: ${name}`);
  expect(yaml).toContain("type: agent");

  // a broken YAML file: a clear error, the graph untouched
  await page.getByTestId("import-file").setInputFiles({ name: "broken.yaml", mimeType: "application/yaml", buffer: Buffer.from("name: broken\nnodes:\n  - id: a\n    type: [agent\n") });
  await expect(page.getByTestId("import-error")).toContainText("broken.yaml is not valid JSON or YAML");
  await expect(page.getByTestId("import-error")).toContainText("line");
  await screen(page, "builder-11-import-error");
  await page.getByRole("button", { name: "OK" }).click();
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  await expect(page.getByTestId("unsaved")).toHaveCount(0);
  await expect(page.getByText("v2", { exact: true })).toBeVisible();

  // run it from the builder
  await page.getByRole("button", { name: "▶ Run" }).click();
  await expect(page.getByTestId("run-dialog")).toBeVisible();
  await page.getByTestId("run-dialog").getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-dialog")).toContainText("Required.");
  await page.getByLabel(/^text/).fill("The quarterly numbers are in.");
  await screen(page, "builder-12-run-dialog");
  await page.getByTestId("run-dialog").getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/w\/demo\/runs\/[^/]+$/, { timeout: 60_000 });
  // the run calls the tool for real and finishes
  await expect(page.getByTestId("run-view")).toHaveAttribute("data-run-status", "succeeded", { timeout: 90_000 });
  await expect(page.getByTestId("graph-node-tool")).toHaveAttribute("data-status", "succeeded");
  await screen(page, "builder-13-run-succeeded");
});

test("a viewer sees a graph read-only, and the API refuses their save", async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  await signInDemo(page);
  const headers = { "x-workspace": "demo" };
  const created = await page.request.post("/api/v1/graphs", {
    headers,
    data: { spec: { name: `e2e-viewer-${stamp}`, nodes: [{ id: "greet", type: "agent", model: "sim:fast", prompt: "Say hi" }] }, message: "For the viewer test" },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const invite = await page.request.post("/api/v1/invitations", { headers, data: { role: "viewer" } });
  const { url } = (await invite.json()) as { url: string };
  await signOut(page);

  await page.goto(new URL(url).pathname);
  await page.getByLabel("Your name").fill("Vera Viewer");
  await page.getByLabel("E-mail").fill(`viewer-${stamp}@example.com`);
  await page.getByLabel("Password").fill("viewer-password-123");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/w\/demo\/graphs/, { timeout: 60_000 });
  await expect(page.getByRole("button", { name: "New graph" })).toHaveCount(0);

  await page.goto(`/w/demo/graphs/${id}`);
  await expect(page.getByTestId("read-only")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("node-greet")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Node palette" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Import" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "▶ Run" })).toHaveCount(0);
  await page.getByTestId("node-greet").click();
  await expect(page.getByTestId("field-prompt").locator("textarea")).toBeDisabled();
  await screen(page, "builder-14-viewer");
  const put = await page.request.put(`/api/v1/graphs/${id}`, { headers, data: { spec: { name: "hijacked", nodes: [{ id: "x", type: "output", value: 1 }] } } });
  expect(put.status()).toBe(403);
});
