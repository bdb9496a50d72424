import fs from "node:fs";
import { expect as baseExpect, test, type APIRequestContext, type Page } from "./fixtures";
import { screen, signOut, signIn } from "./helpers";

/**
 * Runs in the browser against a running app with the demo workspace: a graph with a simulated
 * agent runs to completion; its cost shows in the costs screen (grouped several ways, labelled
 * simulated) and in the CSV export; a row drills down to the run. A viewer reads costs but is
 * offered no budget or price controls, and the API refuses them.
 */
test.setTimeout(240_000);
// The dev server shared by several people answers slowly at times; data can take a while.
const expect = baseExpect.configure({ timeout: 45_000 });

const WS = "demo";
const DEMO = { email: "demo@switchyard.local", password: "switchyard-demo" };
const stamp = Date.now().toString(36);
const headers = { "x-workspace": WS };
const requestId = `REQ-costs-${stamp}`;
const graphName = `E2E costs ${stamp}`;
/** The agent (node id) is this test's own, so its cost row leads to this run alone. */
const agentId = `quote_${stamp}`;

async function createGraph(request: APIRequestContext) {
  const res = await request.post("/api/v1/graphs", {
    headers,
    data: {
      name: graphName,
      customerKey: "{{input.requestId}}",
      nodes: [
        { id: agentId, type: "agent", model: "sim:fast", prompt: "Estimate the price of {{input.item}} for request {{input.requestId}}" },
        { id: "result", type: "output", needs: [agentId], value: { quote: `{{nodes.${agentId}.output}}` } },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

async function runToCompletion(request: APIRequestContext, graphId: string) {
  const res = await request.post(`/api/v1/graphs/${graphId}/runs`, { headers, data: { input: { item: "office chairs", requestId }, tags: [`e2e-costs-${stamp}`] } });
  expect([200, 201, 202], await res.text()).toContain(res.status());
  const runId = (await res.json()).runId as string;
  let run: { status: string; costUsd: number | string | null } = { status: "queued", costUsd: null };
  await expect
    .poll(
      async () => {
        run = await (await request.get(`/api/v1/runs/${runId}`, { headers })).json();
        return run.status;
      },
      { timeout: 60_000, intervals: [500, 1000, 2000] },
    )
    .toBe("succeeded");
  return { runId, run };
}

/**
 * Every y-axis tick label of a chart starts inside the chart: none is cut off at its left edge
 * (the dollar labels of the spend-over-time chart once were).
 */
async function expectTicksInside(page: Page, testId: string) {
  const chart = page.getByTestId(testId);
  await expect(chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value").first()).toBeVisible();
  const box = (await chart.boundingBox())!;
  const ticks = await chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value").evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent ?? "", left: r.left, right: r.right };
    }),
  );
  expect(ticks.length).toBeGreaterThan(0);
  for (const t of ticks) expect(t.left, `tick "${t.text}" of ${testId} starts inside the chart`).toBeGreaterThanOrEqual(box.x);
}

test("a run's cost appears in the costs screen and the CSV export, and drills down to the run", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const graphId = await createGraph(page.request);
  const { runId } = await runToCompletion(page.request, graphId);

  // the API's own per-request figure, to compare with the screen and the export
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const api = await (await page.request.get(`/api/v1/costs?groupBy=customer&from=${encodeURIComponent(from)}`, { headers })).json();
  const apiRow = (api.rows as { key: string; costUsd: string; calls: number }[]).find((r) => r.key === requestId);
  expect(apiRow, "the run's customer key has a cost row").toBeTruthy();
  expect(Number(apiRow!.costUsd)).toBeGreaterThan(0);

  // grouped by graph, narrowed to this graph (the shared workspace has more graphs than one page
  // shows): the graph's row, with the spend over time and top spenders
  await page.goto(`/w/${WS}/costs?groupBy=graph&graphId=${graphId}`);
  await expect(page.getByRole("heading", { name: "Costs", exact: true })).toBeVisible();
  const graphRow = page.getByTestId("cost-table").locator(`tr[data-key="${graphId}"]`);
  await expect(graphRow).toBeVisible();
  await expect(graphRow).toContainText(graphName);
  await expect(page.getByTestId("spend-over-time")).toBeVisible();
  await expect(page.getByTestId("top-spenders")).toBeVisible();
  await expect(page.getByTestId("total-spend")).toContainText("$");
  // forecast vs actual for the latest finished runs (or a clear statement why there is none)
  await expect(page.getByTestId("forecast-chart").or(page.getByTestId("forecast-unavailable"))).toBeVisible({ timeout: 90_000 });
  await screen(page, "costs-by-graph");

  // grouped by model: the simulated model is labelled as such
  await page.getByRole("radio", { name: "Model" }).click();
  await expect(page).toHaveURL(/groupBy=model/);
  const simRow = page.getByTestId("cost-table").locator('tr[data-key="sim:fast"]');
  await expect(simRow).toBeVisible();
  await expect(simRow.getByText("simulated", { exact: true })).toBeVisible();
  // spend over time is stacked by model: the model's own series, named in the legend
  const overTime = page.getByTestId("spend-over-time");
  await expect(page.getByRole("heading", { name: "Spend over time by model" })).toBeVisible();
  await expect(overTime.locator(".recharts-legend-wrapper")).toContainText("sim:fast");
  await expect(overTime.locator(".recharts-legend-item")).toHaveCount(1);
  await screen(page, "costs-by-model");
  await expectTicksInside(page, "spend-over-time");
  await expectTicksInside(page, "breakdown-chart");

  // a bar of the model's series drills down to that day's runs that called the model
  await overTime.locator(".recharts-bar-rectangle path").last().click();
  await page.waitForURL((u) => u.pathname === `/w/${WS}/runs` && u.searchParams.get("model") === "sim:fast" && u.searchParams.get("from") === u.searchParams.get("to"));
  await expect(page.getByTestId(`run-row-${runId}`)).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/groupBy=model/);

  // drill down from the model's row: the runs in which a node called sim:fast, this one among them
  await simRow.getByRole("link", { name: "Runs behind sim:fast" }).click();
  await page.waitForURL((u) => u.pathname === `/w/${WS}/runs` && u.searchParams.get("model") === "sim:fast");
  await expect(page.getByTestId(`run-row-${runId}`)).toBeVisible();
  await page.goBack();

  // grouped by agent: the node's row leads to the runs in which that node ran — this run alone
  await page.getByRole("radio", { name: "Agent" }).click();
  await expect(page).toHaveURL(/groupBy=agent/);
  const agentRow = page.getByTestId("cost-table").locator(`tr[data-key="${agentId}"]`);
  await expect(agentRow).toBeVisible();
  await agentRow.getByRole("link", { name: agentId, exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/w/${WS}/runs` && u.searchParams.get("agent") === agentId);
  await expect(page.getByTestId(`run-row-${runId}`)).toBeVisible();
  await expect(page.getByTestId("runs-table").locator("tbody tr")).toHaveCount(1);
  await screen(page, "costs-drilldown-agent");
  await page.goto(`/w/${WS}/costs?groupBy=model&graphId=${graphId}`);

  // grouped by customer key: what this request cost, then the CSV of exactly these rows
  await page.getByRole("radio", { name: "Customer key" }).click();
  await expect(page).toHaveURL(/groupBy=customer/);
  const reqRow = page.getByTestId("cost-table").locator(`tr[data-key="${requestId}"]`);
  await expect(reqRow).toBeVisible();
  await screen(page, "costs-by-customer");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Export CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^costs-by-customer-.*\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe("customer,label,calls,input_tokens,output_tokens,cost_usd");
  const line = lines.find((l) => l.startsWith(`${requestId},`));
  expect(line, csv).toBeTruthy();
  expect(line!.split(",").at(-1)).toBe(apiRow!.costUsd);
  // the export has exactly the rows the table shows
  await expect(page.getByTestId("cost-table").getByTestId("cost-row")).toHaveCount(Math.min(lines.length - 1, 25));
  await expect(page.getByText(/Exported \d+ rows? to costs-by-customer/)).toBeVisible();

  // drill down from the row to the run behind it
  await reqRow.getByRole("link", { name: `Runs behind ${requestId}` }).click();
  await page.waitForURL((u) => u.pathname === `/w/${WS}/runs` && u.searchParams.get("customerKey") === requestId);
  await expect(page.getByTestId(`run-row-${runId}`)).toBeVisible();
  await expect(page.getByTestId("runs-table").locator("tbody tr")).toHaveCount(1);
  await screen(page, "costs-drilldown-runs");

  // a different range: last month has none of today's spend
  await page.goto(`/w/${WS}/costs?groupBy=customer`);
  await page.getByLabel("Preset", { exact: true }).selectOption("last-month");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-01/);
  await expect(page.getByTestId("costs-page").locator(`tr[data-key="${requestId}"]`)).toHaveCount(0);
  await screen(page, "costs-last-month");
});

test("a viewer reads costs but sees no budget or price controls, and the API refuses them", async ({ page, browser }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const inv = await page.request.post("/api/v1/invitations", { headers, data: { role: "viewer" } });
  expect(inv.status(), await inv.text()).toBe(201);
  const token = new URL((await inv.json()).url).pathname.split("/").pop()!;
  await signOut(page);

  const viewer = { name: "Vera Viewer", email: `vera-${stamp}@example.test`, password: "vera-password-1" };
  const ctx = await browser.newContext();
  const signup = await ctx.request.post("/api/auth/signup", { data: { ...viewer, inviteToken: token } });
  expect(signup.status(), await signup.text()).toBe(201);
  const vpage = await ctx.newPage();
  await signIn(vpage, viewer.email, viewer.password);

  await vpage.goto(`/w/${WS}/costs`);
  await expect(vpage.getByRole("heading", { name: "Costs", exact: true })).toBeVisible();
  await expect(vpage.getByTestId("total-spend")).toContainText("$");
  await expect(vpage.getByRole("heading", { name: "Budgets", exact: true })).toBeVisible();
  await expect(vpage.getByRole("link", { name: "Manage budgets" })).toHaveCount(0);
  await expect(vpage.getByRole("button", { name: "Export CSV" })).toBeVisible();
  await screen(vpage, "costs-viewer");

  await vpage.goto(`/w/${WS}/settings?tab=budgets`);
  await expect(vpage.getByRole("heading", { name: "Budgets", exact: true })).toBeVisible();
  await expect(vpage.getByRole("button", { name: "New budget" })).toHaveCount(0);
  await expect(vpage.getByRole("button", { name: /^(Edit|Delete) / })).toHaveCount(0);
  await expect(vpage.getByRole("heading", { name: "Budget alert webhooks" })).toHaveCount(0);
  await expect(vpage.getByRole("tab", { name: "Providers & secrets" })).toHaveCount(0);
  await screen(vpage, "settings-budgets-viewer");
  await vpage.getByRole("tab", { name: "Model prices" }).click();
  await expect(vpage.getByTestId("prices-table")).toBeVisible();
  await expect(vpage.getByRole("button", { name: /^Override price/ })).toHaveCount(0);
  await expect(vpage.getByRole("button", { name: "Add custom model" })).toHaveCount(0);

  const create = await vpage.request.post("/api/v1/budgets", { headers, data: { name: "Nope", scope: "workspace", period: "month", limitUsd: "5" } });
  expect(create.status()).toBe(403);
  const price = await vpage.request.put(`/api/v1/models/${encodeURIComponent("sim:fast")}/price`, { headers, data: { inputUsdPerMTok: "0", outputUsdPerMTok: "0" } });
  expect(price.status()).toBe(403);
  await ctx.close();
});
