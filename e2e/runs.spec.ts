import { expect, test, type APIRequestContext, type Page } from "./fixtures";
import { createGraphByApi, DEMO, DEMO_HEADERS as headers, DEMO_WORKSPACE as WS, screen, signInByApi as signIn } from "./helpers";

/**
 * Runs in the browser against a running app with the demo workspace:
 * a run waits on an approval in the live view, is approved from the inbox
 * and completes live; another run is cancelled from the list; a finished run
 * is rerun from a node.
 */
const stamp = Date.now().toString(36);

function createGraph(request: APIRequestContext, name: string) {
  return createGraphByApi(request, {
    name,
    customerKey: "{{input.requestId}}",
    nodes: [
      { id: "intake", type: "agent", model: "sim:fast", prompt: "Extract the request: {{input.item}}" },
      { id: "review", type: "approval", needs: ["intake"], title: "Sign off {{input.item}} ({{input.requestId}})", assignees: [{ role: "approver" }], context: { item: "{{input.item}}", summary: "{{nodes.intake.output}}" }, timeout: "2d" },
      { id: "result", type: "output", needs: ["review"], value: { decision: "{{nodes.review.output.decision}}", item: "{{input.item}}" } },
    ],
  });
}

async function startRun(request: APIRequestContext, graphId: string, item: string, extra: Record<string, unknown> = {}) {
  const res = await request.post(`/api/v1/graphs/${graphId}/runs`, { headers, data: { input: { item, requestId: `REQ-${stamp}-${item}`, ...extra }, tags: ["e2e"] } });
  expect([200, 202]).toContain(res.status());
  return (await res.json()).runId as string;
}

const runStatus = (page: Page) => page.getByTestId("run-view");

// the shared dev server compiles routes on first use and may be busy
test.setTimeout(240_000);

test("a run waits in the live view, is approved from the inbox and completes live; rerun from a node", async ({ page, context }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const graphId = await createGraph(page.request, `E2E sign-off ${stamp}`);
  const runId = await startRun(page.request, graphId, "laptops", { note: "Deliver to dock 4.\nCall ahead." });

  // the live view, opened while the run is active, shows it reach the approval
  const live = await context.newPage();
  await live.goto(`/w/${WS}/runs/${runId}`);
  await expect(live.getByRole("heading", { name: `E2E sign-off ${stamp}` })).toBeVisible({ timeout: 60_000 });
  await expect(live.getByText("v1 pinned")).toBeVisible();
  await expect(runStatus(live)).toHaveAttribute("data-run-status", "waiting", { timeout: 60_000 });
  await expect(live.getByTestId("graph-node-review")).toHaveAttribute("data-status", "waiting");
  await expect(live.getByTestId("graph-node-intake")).toHaveAttribute("data-status", "succeeded");
  await expect(live.getByTestId("run-timeline")).toBeVisible();
  await expect(live.getByTestId("waiting-banner")).toContainText("Sign off laptops");
  // a multi-line string reads as its lines, not as one line of \n escapes
  const note = live.getByRole("group", { name: "Run input" }).locator('[data-multiline="true"]');
  await expect(note).toHaveText(/^“Deliver to dock 4\.\s+Call ahead\.”$/);
  expect(await note.evaluate((el) => (el as HTMLElement).innerText)).toContain("dock 4.\nCall ahead");
  await expect(live.getByRole("group", { name: "Run input" })).not.toContainText("\\n");
  await screen(live, "runs-live-waiting");

  // node detail: model labelled simulated, tokens, trace
  await live.getByTestId("graph-node-intake").click();
  const detail = live.getByTestId("node-detail");
  await expect(detail.getByText("simulated", { exact: true })).toBeVisible();
  await expect(detail.getByText("sim:fast", { exact: true }).first()).toBeVisible();
  // the provenance panel names the model that produced the output too
  await expect(detail.getByTestId("provenance-panel")).toContainText("sim:fast");
  await expect(detail.getByTestId("node-trace")).toContainText("node.succeeded");
  await screen(live, "runs-node-detail");

  // approve from the inbox, reached from the run's waiting banner
  await page.goto(`/w/${WS}/runs/${runId}`);
  await expect(page.getByTestId("waiting-banner").getByRole("link", { name: /Sign off laptops/ })).toBeVisible({ timeout: 60_000 });
  await page.getByTestId("waiting-banner").getByRole("link", { name: /Sign off laptops/ }).click();
  await page.waitForURL(new RegExp(`/w/${WS}/approvals\\?runId=${runId}`));
  const card = page.getByRole("article", { name: /Sign off laptops/ });
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(card.getByText("Context")).toBeVisible();
  await card.getByLabel("Comment (optional)").fill("Within the quarterly budget");
  await screen(page, "approvals-from-run");
  await card.getByRole("button", { name: "Approve" }).click();
  // the card leaves the inbox at once (it would come back if the server refused)
  await expect(card).toBeHidden();

  // the live view (never reloaded) shows the run resume and finish
  await expect(runStatus(live)).toHaveAttribute("data-run-status", "succeeded", { timeout: 60_000 });
  await expect(live.getByTestId("graph-node-result")).toHaveAttribute("data-status", "succeeded");
  await expect(live.getByText("live", { exact: true })).toHaveCount(0);
  await live.getByTestId("graph-node-result").click();
  await expect(live.getByTestId("node-detail")).toContainText("approved");
  await screen(live, "runs-live-completed");

  // rerun from a node: a new run on the same version, reusing upstream outputs
  await live.getByRole("button", { name: "Rerun from result" }).click();
  await live.waitForURL((u) => u.pathname.startsWith(`/w/${WS}/runs/`) && !u.pathname.endsWith(runId));
  await expect(live.getByText("Rerun of:")).toBeVisible({ timeout: 60_000 });
  await expect(live.getByText(/…\w+ from result/)).toBeVisible();
  await expect(runStatus(live)).toHaveAttribute("data-run-status", "succeeded", { timeout: 60_000 });
  await screen(live, "runs-rerun-from-node");
});

test("the runs list filters by URL, cancels a run and shows cost and duration", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const graphId = await createGraph(page.request, `E2E cancel ${stamp}`);
  const runId = await startRun(page.request, graphId, "chairs");

  await page.goto(`/w/${WS}/runs?graphId=${graphId}`);
  const row = page.getByTestId(`run-row-${runId}`);
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("runs-table").locator("tbody tr")).toHaveCount(1);
  await expect(row.getByText(`E2E cancel ${stamp}`)).toBeVisible();
  await expect(row.getByText(/^\$/)).toBeVisible();
  await screen(page, "runs-list-filtered");

  // a status filter lands in the URL
  await page.getByLabel("Status").selectOption("succeeded");
  await expect(page).toHaveURL(/status=succeeded/);
  await expect(page.getByText("No runs match these filters")).toBeVisible();
  await screen(page, "runs-list-empty-filter");
  await page.getByLabel("Status").selectOption("");
  await expect(row).toBeVisible();

  // agent and model filters (what a costs row drills down to) land in the URL too
  const agent = page.getByLabel("Agent (node)");
  await agent.fill("intake");
  await agent.press("Enter");
  await expect(page).toHaveURL(/agent=intake/);
  await expect(row).toBeVisible({ timeout: 60_000 }); // once intake has run on sim:fast
  const model = page.getByLabel("Model", { exact: true });
  await model.fill("sim:strong");
  await model.press("Enter");
  await expect(page).toHaveURL(/model=sim%3Astrong/);
  await expect(page.getByText("No runs match these filters")).toBeVisible();
  await screen(page, "runs-list-agent-model-filter");
  await page.goto(`/w/${WS}/runs?graphId=${graphId}&agent=intake&model=${encodeURIComponent("sim:fast")}`);
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel("Model", { exact: true })).toHaveValue("sim:fast");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.goto(`/w/${WS}/runs?graphId=${graphId}`);
  await expect(row).toBeVisible();

  // cancel asks for a confirmation, then the row shows the new status
  await row.getByRole("button", { name: "Cancel run" }).click();
  await row.getByRole("button", { name: "Confirm cancel" }).click();
  await expect(page.getByText("Run cancelled.")).toBeVisible();
  await expect(row.getByTestId("status")).toHaveText("Cancelled");
  await screen(page, "runs-list-cancelled");

  const res = await page.request.get(`/api/v1/runs/${runId}`, { headers });
  expect((await res.json()).status).toBe("cancelled");

  // the unfiltered list and a cancelled run's view
  await page.goto(`/w/${WS}/runs`);
  await expect(page.getByTestId("runs-table")).toBeVisible({ timeout: 60_000 });
  await screen(page, "runs-list");
  await page.goto(`/w/${WS}/runs/${runId}`);
  await expect(runStatus(page)).toHaveAttribute("data-run-status", "cancelled", { timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await screen(page, "runs-view-cancelled");
});
