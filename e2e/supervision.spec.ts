import { expect, test, type Page } from "./fixtures";
import { DEMO, DEMO_WORKSPACE as WS, screen, signInByApi } from "./helpers";

/**
 * Supervision end to end, in the browser, against the real app on simulated models: build a
 * supervisor by drag and drop with its sub-agents as rows (one told to escalate, with breaker
 * thresholds), save and run it; the run waits on the escalation; the delegation tree shows who
 * did what and links the escalation to its inbox item; a person edits the output that stands in
 * for the sub-agent's; the run finishes with it; the Supervision page shows the agents' breakers.
 */

const canvas = (page: Page) => page.getByTestId("canvas");

async function dropNode(page: Page, type: string, x: number, y: number) {
  await page.getByTestId(`palette-${type}`).dragTo(canvas(page), { targetPosition: { x, y } });
  await expect(page.getByTestId(`node-${type}`)).toBeVisible();
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

test("build a supervisor by drag and drop, run it, resolve its escalation in the inbox, see the delegation tree and the breakers", async ({ page }) => {
  test.setTimeout(300_000);
  const graphName = `e2e-supervision-${Date.now()}`;
  await signInByApi(page, DEMO.email, DEMO.password);
  await page.goto(`/w/${WS}/graphs/new`);
  await expect(page.getByTestId("graph-inspector")).toBeVisible({ timeout: 60_000 });
  // a dev server may still be compiling and hydrating: settle for a while, not forever
  await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {});
  await page.getByTestId("field-name").locator("input").fill(graphName);

  // ---- palette → canvas: a supervisor and the run's output ---------------------------------------
  await expect(page.getByTestId("palette-supervisor")).toBeVisible();
  await dropNode(page, "supervisor", 180, 140);
  await dropNode(page, "output", 460, 380);
  await connect(page, "supervisor", "output");
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);

  // ---- the supervisor: its task names the two agents it asks ------------------------------------
  await page.getByTestId("node-supervisor").click();
  const inspector = page.getByTestId("node-inspector");
  await page.getByTestId("field-task").locator("textarea").fill("Review purchase order {{input.text}}: ask pricing and compliance.");
  await inspector.getByLabel("Minimum confidence (0–1)").fill("0.6");
  await page.getByTestId("field-escalationDueIn").locator("input").fill("4h");

  // sub-agents as rows: the default row becomes "pricing"
  const agents = page.getByTestId("field-agents");
  await page.getByTestId("agent-0-name").locator("input").fill("pricing");
  await page.getByTestId("agent-0-description").locator("input").fill("Checks unit prices against the contract");
  // a second row, "compliance", told to escalate what it cannot settle, with breaker thresholds
  await agents.getByRole("button", { name: "+ Add an agent" }).click();
  await page.getByTestId("agent-1-name").locator("input").fill("compliance");
  await expect(page.getByTestId("problems")).toContainText("agents[1].description");
  await page.getByTestId("agent-1-description").locator("input").fill("Screens the supplier against sanctions lists");
  await page.getByTestId("agent-1-instructions").locator("input").fill("The supplier needs a person's check: answer with status: escalate.");
  await page.getByTestId("agent-1-more").locator("summary").click();
  await page.getByTestId("agent-1-breaker").getByLabel("Failures").fill("3");
  await page.getByTestId("agent-1-breaker").getByLabel("Window").fill("10m");
  await page.getByTestId("agent-1-fallback").locator("select").selectOption("pricing");
  // a third row as an external A2A agent, then removed again: the supervisor asks only two
  await agents.getByRole("button", { name: "+ Add an agent" }).click();
  await page.getByTestId("agent-2-kind").getByLabel("A2A agent").check();
  await expect(page.getByTestId("agent-2-url")).toBeVisible();
  await expect(page.getByTestId("problems")).toContainText("agents[2].a2a.url");
  await screen(page, "supervision-01-builder-rows");
  await agents.getByRole("button", { name: "Remove agent 3" }).click();
  await expect(page.getByTestId("field-agents-2")).toHaveCount(0);
  await expect(page.getByTestId("node-supervisor")).toContainText("2 agent(s)");

  // the output reports what the supervisor settled
  await page.getByTestId("node-output").click();
  await page.getByTestId("field-value").locator("textarea").fill('{ "review": "{{nodes.supervisor.output}}" }');
  await expect(page.getByTestId("problems")).toContainText("No problems");
  await screen(page, "supervision-02-builder-ready");

  // ---- save and run --------------------------------------------------------------------------------
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByLabel("What changed?").fill("Supervised review");
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/graphs\/(?!new)[^/?]+$/, { timeout: 60_000 });
  await expect(page.getByText("v1", { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "▶ Run" }).click();
  const dialog = page.getByTestId("run-dialog");
  await dialog.getByLabel(/^text/).fill("PO-1042");
  await dialog.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(new RegExp(`/w/${WS}/runs/[^/]+$`), { timeout: 60_000 });
  const runId = new URL(page.url()).pathname.split("/").pop()!;

  // ---- the run waits on the escalation; the delegation tree says who did what ----------------------
  const run = page.getByTestId("run-view");
  await expect(run).toHaveAttribute("data-run-status", "waiting", { timeout: 90_000 });
  const tree = page.getByTestId("delegation-tree");
  await expect(tree).toBeVisible({ timeout: 30_000 });
  // both were asked in the first turn, in the order of the rows (each task quotes the whole order)
  const pricing = tree.getByTestId("delegation-supervisor-1");
  const compliance = tree.getByTestId("delegation-supervisor-2");
  await expect(pricing.locator("summary").first()).toContainText("pricing");
  await expect(compliance.locator("summary").first()).toContainText("compliance");
  await expect(pricing).toHaveAttribute("data-status", "done");
  await expect(pricing.getByTestId("delegation-status")).toHaveText("Done");
  await expect(compliance).toHaveAttribute("data-status", "escalate");
  await expect(compliance.getByTestId("delegation-status")).toHaveText("Escalated");
  // its envelope: the task it was given and the rationale it answered with
  await compliance.locator("summary").first().click();
  await expect(compliance).toContainText("Review purchase order PO-1042");
  await expect(compliance).toContainText("Cannot settle this alone");
  await compliance.scrollIntoViewIfNeeded();
  await screen(page, "supervision-03-run-waiting-tree");

  // ---- the escalation in the inbox: the rationale, and an edited output that stands in -----------
  await compliance.getByTestId("delegation-escalation").click();
  await page.waitForURL(new RegExp(`/w/${WS}/approvals`), { timeout: 60_000 });
  const card = page.locator('article[data-testid^="approval-"]').filter({ hasText: "compliance" }).first();
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(card).toContainText("Cannot settle this alone");
  await card.getByLabel(/^Edit the output/).check();
  await card.getByLabel("Output (JSON)").fill('{ "cleared": true, "note": "checked by hand" }');
  await screen(page, "supervision-04-inbox-escalation");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card).toBeHidden({ timeout: 30_000 });

  // ---- the run finishes with the person's output in place of the sub-agent's ----------------------
  await page.goto(`/w/${WS}/runs/${runId}`);
  await expect(run).toHaveAttribute("data-run-status", "succeeded", { timeout: 90_000 });
  await expect(page.getByRole("group", { name: "Run output" })).toBeVisible();
  const output = (await (await page.request.get(`/api/v1/runs/${runId}`, { headers: { "x-workspace": WS } })).json()).output;
  expect(JSON.stringify(output)).toContain("checked by hand");
  await expect(tree.getByTestId("delegation-escalation")).toBeVisible();
  await tree.scrollIntoViewIfNeeded();
  await screen(page, "supervision-05-run-succeeded-tree");

  // ---- the Supervision page: the sub-agents' breakers -----------------------------------------------
  await page.goto(`/w/${WS}/supervision`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Supervision/, { timeout: 60_000 });
  await expect(page.getByText("Sub-agents", { exact: true })).toBeVisible();
  await expect(page.getByText("Models", { exact: true })).toBeVisible();
  // this graph's two sub-agents each have their breaker, closed after one call each
  for (const agent of ["pricing", "compliance"]) {
    const row = page.getByRole("row").filter({ has: page.getByTitle(`${agent} (${graphName} › supervisor)`, { exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Closed");
    await expect(row).toContainText(/\D0 \/ [1-9]\d* calls/);
  }
  await screen(page, "supervision-06-breakers");
});
