import fs from "node:fs";
import { expect as baseExpect, test, type Page } from "./fixtures";
import { screen, signIn } from "./helpers";

/**
 * The whole product in one continuous flow, the way a builder, an approver and finance use it:
 * sign in, build a three-node graph by drag and drop (agent → approval → output) and connect it
 * by its handles, see a validation error inline and fix it, save with a message, run it from the
 * builder (forecast shown), watch it wait for approval live, approve it in the inbox, watch it
 * complete live, then find its cost on the costs screen and in the CSV export.
 *
 * Nothing is mocked: the real app, engine, database and simulated model. The graph has a unique
 * name so the flow depends on no data but the seeded demo workspace.
 */

// The shared dev server compiles routes on first use; a production build answers much faster.
const expect = baseExpect.configure({ timeout: 45_000 });
test.setTimeout(300_000);

const WS = "demo";
const DEMO = { email: "demo@switchyard.local", password: "switchyard-demo" };
const stamp = Date.now().toString(36);
const graphName = `journey-${stamp}`;
const approvalTitle = `Publish the summary ${stamp}`;

const canvas = (page: Page) => page.getByTestId("canvas");

async function dropNode(page: Page, type: string, x: number, y: number) {
  await page.getByTestId(`palette-${type}`).dragTo(canvas(page), { targetPosition: { x, y } });
  await expect(page.getByTestId(`node-${type}`)).toBeVisible();
}

/** Drags from `source`'s output handle to `target`'s input handle, as a person would. */
async function connect(page: Page, source: string, target: string) {
  const a = (await page.getByTestId(`node-${source}`).locator(".react-flow__handle.source").boundingBox())!;
  const b = (await page.getByTestId(`node-${target}`).locator(".react-flow__handle.target").boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

test("build, fix, save, run, approve and account for a graph in one flow", async ({ page, context }) => {
  // ---- sign in and start a blank graph -------------------------------------------------------
  await signIn(page, DEMO.email, DEMO.password);
  await page.goto(`/w/${WS}/graphs`);
  await page.getByRole("button", { name: "New graph" }).first().click();
  await page.getByRole("link", { name: /Blank graph/ }).click();
  await page.waitForURL(/\/graphs\/new$/);
  await expect(page.getByTestId("graph-inspector")).toBeVisible();
  await page.getByTestId("field-name").locator("input").fill(graphName);

  // ---- three nodes from the palette, connected by their handles ------------------------------
  await dropNode(page, "agent", 120, 120);
  await dropNode(page, "approval", 300, 260);
  await dropNode(page, "output", 480, 400);
  await connect(page, "agent", "approval");
  await connect(page, "approval", "output");
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await expect(page.getByTestId("problems")).toContainText("No problems");

  // the agent's prompt reads the run's input; its model is a simulated one (runs offline)
  await page.getByTestId("node-agent").click();
  await expect(page.getByTestId("model-picker").getByLabel("Model", { exact: true })).toHaveValue("sim:fast");
  await page.getByTestId("field-prompt").locator("textarea").fill("Summarise {{input.text}} in one sentence.");

  // ---- a required field left empty: the problem list, the node and the field say so ----------
  await page.getByTestId("node-approval").click();
  await page.getByTestId("node-inspector").getByLabel("Title").fill(approvalTitle);
  const assignees = page.getByTestId("field-assignees");
  await expect(assignees.getByLabel("Approver")).toBeChecked();
  await assignees.getByLabel("Approver").uncheck();
  await expect(page.getByTestId("problem-count")).toHaveText("1 problem");
  await expect(page.getByTestId("problem").first()).toContainText("(approval).assignees: needs at least one assignee");
  await expect(page.getByTestId("node-approval")).toHaveAttribute("data-problems", "1");
  await expect(assignees).toContainText("needs at least one assignee");
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
  await expect(page.getByTestId("save-blocked")).toHaveText("Fix 1 problem to save");
  await screen(page, "journey-01-validation-error");

  // fix it: the approver role decides
  await assignees.getByLabel("Approver").check();
  await expect(page.getByTestId("problems")).toContainText("No problems");
  await expect(page.getByTestId("node-approval")).toHaveAttribute("data-problems", "0");

  // the output reports the decision and the summary
  await page.getByTestId("node-output").click();
  await page.getByTestId("field-value").locator("textarea").fill('{ "decision": "{{nodes.approval.output.decision}}", "summary": "{{nodes.agent.output}}" }');
  await expect(page.getByTestId("problems")).toContainText("No problems");
  await screen(page, "journey-02-fixed");

  // ---- save with a message --------------------------------------------------------------------
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByLabel("What changed?").fill("Summary with a human sign-off");
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/graphs\/(?!new)[^/?]+$/, { timeout: 60_000 });
  const graphId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByText("v1", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("unsaved")).toHaveCount(0);

  // ---- run it from the builder, with the forecast shown before starting -----------------------
  await page.getByRole("button", { name: "▶ Run" }).click();
  const dialog = page.getByTestId("run-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/^text/).fill("The quarterly numbers are in: revenue up 4 %, costs flat.");
  const forecast = dialog.getByTestId("forecast");
  await expect(forecast).toContainText(/Cost forecast: typically \$\d/);
  await expect(forecast).toContainText("simulated");
  await screen(page, "journey-03-run-dialog");
  await dialog.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(new RegExp(`/w/${WS}/runs/[^/]+$`), { timeout: 60_000 });
  const runId = new URL(page.url()).pathname.split("/").pop()!;

  // ---- the live view: the run reaches the approval and waits ----------------------------------
  const run = page.getByTestId("run-view");
  await expect(page.getByRole("heading", { name: graphName })).toBeVisible({ timeout: 60_000 });
  await expect(run).toHaveAttribute("data-run-status", "waiting", { timeout: 90_000 });
  await expect(page.getByTestId("graph-node-agent")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("graph-node-approval")).toHaveAttribute("data-status", "waiting");
  await expect(page.getByTestId("graph-node-output")).toHaveAttribute("data-status", "queued");
  await expect(page.getByTestId("waiting-banner")).toContainText(approvalTitle);
  await screen(page, "journey-04-run-waiting");

  // ---- approve in the inbox (another tab; the run view stays open and is never reloaded) -----
  const inbox = await context.newPage();
  await inbox.goto(`/w/${WS}/approvals`);
  const card = inbox.getByRole("article", { name: approvalTitle });
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(card.getByRole("link", { name: `…${runId.slice(-8)}` })).toBeVisible();
  await card.getByLabel("Comment (optional)").fill("Reads well, publish it.");
  await screen(inbox, "journey-05-inbox");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card).toBeHidden();

  // ---- the run completes, live ----------------------------------------------------------------
  await expect(run).toHaveAttribute("data-run-status", "succeeded", { timeout: 90_000 });
  await expect(page.getByTestId("graph-node-output")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("waiting-banner")).toHaveCount(0);
  await page.getByTestId("graph-node-output").click();
  await expect(page.getByTestId("node-detail")).toContainText("approved");
  await screen(page, "journey-06-run-completed");

  // what the run cost, as the API reports it
  const runCost = Number((await (await page.request.get(`/api/v1/runs/${runId}`, { headers: { "x-workspace": WS } })).json()).costUsd);
  expect(runCost).toBeGreaterThan(0);

  // ---- the costs screen: the graph's row, then the CSV export of what is shown ----------------
  await inbox.close();
  await page.goto(`/w/${WS}/costs?groupBy=graph`);
  await expect(page.getByRole("heading", { name: "Costs", exact: true })).toBeVisible();
  await expect(page.getByTestId("total-spend")).toContainText("$");
  // narrow the screen to this graph (a shared workspace has many), as finance would
  await page.locator("#costs-graph-filter").selectOption(graphId);
  await expect(page).toHaveURL(new RegExp(`graphId=${graphId}`));
  const row = page.getByTestId("cost-table").locator(`tr[data-key="${graphId}"]`);
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText(graphName);
  await expect(row).toContainText("$");
  await expect(page.getByTestId("cost-table").getByTestId("cost-row")).toHaveCount(1);
  await screen(page, "journey-07-costs");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Export CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^costs-by-graph-.*\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe("graph,label,calls,input_tokens,output_tokens,cost_usd");
  expect(lines).toHaveLength(2); // the header and exactly the row on screen
  const line = lines.find((l) => l.startsWith(`${graphId},`));
  expect(line, `the graph's row in\n${csv}`).toBeTruthy();
  const cells = line!.split(",");
  expect(cells[1]).toBe(graphName);
  // the graph has run once, so its cost is this run's cost
  expect(Number(cells.at(-1))).toBeCloseTo(runCost, 9);
});
