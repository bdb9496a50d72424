import { expect, test, type Page } from "./fixtures";
import { screen, signInByApi as signIn } from "./helpers";

/**
 * The demo as a new user meets it, at 1280×800: the seeded procurement graph opens readable in
 * the builder, its run dialog offers the template's example input, the approval the run opens
 * reads right and says it came from simulated models, and the run's output agrees with the
 * approver's decision and is labelled simulated too.
 */
const WS = "demo";
const DEMO = { email: "demo@switchyard.local", password: "switchyard-demo" };
const headers = { "x-workspace": WS };
const TITLE = "Approve €6,226.08 from ACME Industrial Supply (PR-2291)";

test.setTimeout(240_000);

async function procurementGraphId(page: Page): Promise<string> {
  const res = await page.request.get("/api/v1/graphs", { headers });
  expect(res.status(), await res.text()).toBe(200);
  const graphs = (await res.json()).graphs as { id: string; name: string }[];
  const graph = graphs.find((g) => g.name === "procurement-approval");
  expect(graph, "the demo seed creates the procurement graph").toBeDefined();
  return graph!.id;
}

/** The React Flow viewport's zoom, read from its transform. */
async function canvasZoom(page: Page): Promise<number> {
  return page.locator(".react-flow__viewport").first().evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

test("the procurement demo reads right: readable builder, example input, labelled simulated approval and output", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const graphId = await procurementGraphId(page);

  // --- builder: opens at a readable zoom with the first node in view
  await page.goto(`/w/${WS}/graphs/${graphId}`);
  const intake = page.getByTestId("node-intake");
  await expect(intake).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => canvasZoom(page)).toBeGreaterThanOrEqual(0.7);
  const canvasBox = (await page.getByTestId("canvas").boundingBox())!;
  const intakeBox = (await intake.boundingBox())!;
  expect(intakeBox.x).toBeGreaterThanOrEqual(canvasBox.x);
  expect(intakeBox.x + intakeBox.width).toBeLessThanOrEqual(canvasBox.x + canvasBox.width);
  await expect(intake).toContainText("sim:fast");
  await screen(page, "demo-builder");

  // --- run dialog: the template's example input, and a way back to it
  await page.getByRole("button", { name: "▶ Run" }).click();
  const dialog = page.getByTestId("run-dialog");
  await expect(dialog).toBeVisible();
  const requestId = dialog.getByLabel(/^requestId/);
  await expect(requestId).toHaveValue("PR-2291");
  // the form follows the input schema: its order (required first), its descriptions as help
  const fields = await dialog.locator("label, legend").allInnerTexts();
  expect(fields.map((t) => t.replace(/\s*\*$/, "").trim()).filter((t) => ["requestId", "email", "from", "subject", "body", "receivedAt"].includes(t))).toEqual([
    "requestId",
    "email",
    "from",
    "subject",
    "body",
    "receivedAt",
  ]);
  await expect(requestId).toHaveAccessibleDescription("Id of the purchase request this e-mail belongs to");
  await expect(dialog.getByLabel(/^from/)).toHaveValue("ACME Industrial Supply <sales@acme-industrial.example>");
  await requestId.fill("PR-0000");
  await dialog.getByRole("button", { name: "Reset to example" }).click();
  await expect(requestId).toHaveValue("PR-2291");
  await screen(page, "demo-run-dialog");
  await dialog.getByRole("button", { name: "Start run" }).click();
  await page.waitForURL(/\/runs\/run_/, { timeout: 30_000 });
  const runId = page.url().split("/runs/")[1]!.split(/[?#]/)[0]!;

  // --- inbox: the approval names amount, currency, supplier and request, labelled simulated
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/approvals?status=pending&runId=${runId}`, { headers })).json()).approvals.length, { timeout: 120_000 })
    .toBe(1);
  await page.goto(`/w/${WS}/approvals?runId=${runId}`);
  const card = page.getByRole("article", { name: TITLE });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card.getByTestId("simulated-label")).toContainText("Simulated");
  await screen(page, "demo-inbox-card");
  await card.getByRole("button", { name: "Approve", exact: true }).click();

  // --- run page: succeeded, the decision the approver made, labelled simulated in header and output
  await page.goto(`/w/${WS}/runs/${runId}`);
  const view = page.getByTestId("run-view");
  await expect(view).toHaveAttribute("data-run-status", "succeeded", { timeout: 120_000 });
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("procurement-approval");
  await expect(page).toHaveTitle(/^procurement-approval · Run/);
  // the output names the approver; the stored output keeps the machine-readable ref
  const output = view.getByRole("group", { name: "Run output" });
  await expect(output).toContainText("Demo User");
  await expect(output).not.toContainText('"user:usr_');
  await expect(output.locator("[data-raw-value^='user:usr_']")).toHaveCount(1);
  await expect(view.locator("header").getByTestId("simulated-label")).toBeVisible();
  await expect(view.getByTestId("simulated-note")).toBeVisible();
  const run = await (await page.request.get(`/api/v1/runs/${runId}`, { headers })).json();
  expect(run.output).toMatchObject({ requestId: "PR-2291", supplier: "ACME Industrial Supply", total: 6226.08, currency: "EUR", decision: "approve", approvedBy: expect.stringMatching(/^user:usr_/) });
  await screen(page, "demo-run-page");

  // --- the audit log has the start
  const audit = await (await page.request.get(`/api/v1/audit?action=run.start`, { headers })).json();
  expect(audit.events.some((e: { targetId: string }) => e.targetId === runId)).toBe(true);
});
