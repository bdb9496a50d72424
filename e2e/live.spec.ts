import { expect, test, type APIRequestContext, type Page } from "./fixtures";
import { createGraphByApi, DEMO, DEMO_HEADERS as headers, DEMO_WORKSPACE as WS, signInByApi as signIn } from "./helpers";

/**
 * Live updates in the browser: the run view, the runs list and the inbox badge change when the
 * server pushes (no polling while the stream is up), and poll again when it cannot be had.
 */
const stamp = Date.now().toString(36);
test.setTimeout(180_000);

function createGraph(request: APIRequestContext) {
  return createGraphByApi(request, {
    name: `E2E live ${stamp}`,
    nodes: [
      { id: "intake", type: "agent", model: "sim:fast", prompt: "Extract the request: {{input.item}}" },
      { id: "review", type: "approval", needs: ["intake"], title: "Live sign-off {{input.item}}", assignees: [{ role: "approver" }], timeout: "2d" },
      { id: "result", type: "output", needs: ["review"], value: { decision: "{{nodes.review.output.decision}}" } },
    ],
  });
}

async function startRun(request: APIRequestContext, graphId: string, item: string) {
  const res = await request.post(`/api/v1/graphs/${graphId}/runs`, { headers, data: { input: { item } } });
  expect([200, 202]).toContain(res.status());
  return (await res.json()).runId as string;
}

async function approve(request: APIRequestContext, runId: string) {
  const list = await request.get(`/api/v1/approvals?status=pending&runId=${runId}`, { headers });
  const [item] = (await list.json()).approvals as Array<{ id: string }>;
  const res = await request.post(`/api/v1/approvals/${item!.id}/decision`, { headers, data: { decision: "approve" } });
  expect(res.status(), await res.text()).toBe(200);
}

/** GETs of the run's own resource, as they happen. */
function runReads(page: Page, runId: string): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === `/api/v1/runs/${runId}`) seen.push(r.url());
  });
  return seen;
}

test("the run view changes when the server pushes, without polling, and the runs list and badge follow", async ({ page, context }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const graphId = await createGraph(page.request);
  const runId = await startRun(page.request, graphId, "chairs");

  const view = await context.newPage();
  const reads = runReads(view, runId);
  await view.goto(`/w/${WS}/runs/${runId}`);
  await expect(view.getByTestId("run-view")).toHaveAttribute("data-run-status", "waiting", { timeout: 60_000 });
  await expect(view.getByTestId("graph-node-review")).toHaveAttribute("data-status", "waiting");

  // while the run waits and the stream is up, nothing is polled
  await view.waitForTimeout(1_000);
  const quiet = reads.length;
  await view.waitForTimeout(3_000);
  expect(reads.length, "the run view polled while live updates were up").toBe(quiet);

  // the runs list, open too, learns of a new run without being reloaded
  const list = await context.newPage();
  await list.goto(`/w/${WS}/runs?graphId=${graphId}`);
  await expect(list.getByTestId(`run-row-${runId}`)).toBeVisible({ timeout: 30_000 });
  const second = await startRun(page.request, graphId, "desks");
  await expect(list.getByTestId(`run-row-${second}`)).toBeVisible({ timeout: 10_000 });

  // the decision is pushed to the open run view, which re-reads the run and shows it finish
  await approve(page.request, runId);
  await expect(view.getByTestId("run-view")).toHaveAttribute("data-run-status", "succeeded", { timeout: 15_000 });
  await expect(view.getByTestId("graph-node-result")).toHaveAttribute("data-status", "succeeded");
  expect(reads.length).toBeGreaterThan(quiet);
  await approve(page.request, second);
});

test("when the stream cannot be had, the run view polls and still shows the run finish", async ({ page, context, browserProblems }) => {
  // the refused stream is this test's doing
  browserProblems.allowConsole(/^Failed to load resource: net::ERR_FAILED$/);
  await signIn(page, DEMO.email, DEMO.password);
  const graphId = await createGraph(page.request);
  const runId = await startRun(page.request, graphId, "lamps");

  const view = await context.newPage();
  await view.route("**/api/v1/live**", (route) => route.abort());
  const reads = runReads(view, runId);
  await view.goto(`/w/${WS}/runs/${runId}`);
  await expect(view.getByTestId("run-view")).toHaveAttribute("data-run-status", "waiting", { timeout: 60_000 });
  const before = reads.length;
  await view.waitForTimeout(3_000);
  // the fallback re-reads an active run every 800 ms
  expect(reads.length - before).toBeGreaterThanOrEqual(2);
  await approve(page.request, runId);
  await expect(view.getByTestId("run-view")).toHaveAttribute("data-run-status", "succeeded", { timeout: 15_000 });
});

test("the supervision page does not poll while pushed, and shows a breaker forced open elsewhere at once", async ({ page, context }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const view = await context.newPage();
  const reads: string[] = [];
  view.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === "/api/v1/breakers") reads.push(r.url());
  });
  await view.goto(`/w/${WS}/supervision`);
  await expect(view.getByRole("heading", { level: 1 })).toContainText(/Supervision/, { timeout: 60_000 });
  // the page polled every 5 s before live updates; with the stream up it only reads when told
  await view.waitForTimeout(1_500);
  const quiet = reads.length;
  await view.waitForTimeout(6_000);
  expect(reads.length, "the supervision page polled while live updates were up").toBe(quiet);

  const model = `e2e-live-${stamp}`;
  const res = await page.request.post("/api/v1/breakers/open", { headers, data: { key: `model:sim:${model}`, reason: "E2E: provider outage drill" } });
  expect(res.status(), await res.text()).toBe(200);
  await expect(view.getByRole("row").filter({ hasText: model })).toContainText(/open/i, { timeout: 5_000 });
  expect(reads.length).toBeGreaterThan(quiet);
  await page.request.post("/api/v1/breakers/release", { headers, data: { key: `model:sim:${model}` } });
});
