import { expect, test, type APIRequestContext, type Browser, type Page } from "./fixtures";
import { screen, signInByApi as signIn } from "./helpers";

/**
 * The approvals inbox against a running app with the demo workspace: a viewer
 * sees items but no approve/reject controls (and the API refuses them); the
 * owner bulk-approves two items, their runs resume, and the "Decided" tab
 * says who decided, when and why.
 */
const WS = "demo";
const DEMO = { email: "demo@switchyard.local", password: "switchyard-demo", name: "Demo User" };
const stamp = Date.now().toString(36);
const headers = { "x-workspace": WS };

test.setTimeout(240_000);

async function startApprovalRuns(request: APIRequestContext, items: string[]) {
  const graph = await request.post("/api/v1/graphs", {
    headers,
    data: {
      name: `E2E inbox ${stamp}`,
      nodes: [
        { id: "quote", type: "output", value: { item: "{{input.item}}", total: 1200 } },
        { id: "approval", type: "approval", needs: ["quote"], title: "Buy {{input.item}} ({{input.ref}})", assignees: [{ role: "approver" }], context: { quote: "{{nodes.quote.output}}" }, timeout: "1d" },
        { id: "done", type: "output", needs: ["approval"], value: "{{nodes.approval.output.decision}}" },
      ],
    },
  });
  expect(graph.status(), await graph.text()).toBe(201);
  const graphId = (await graph.json()).id as string;
  const runIds: string[] = [];
  for (const item of items) {
    const res = await request.post(`/api/v1/graphs/${graphId}/runs`, { headers, data: { input: { item, ref: stamp } } });
    runIds.push((await res.json()).runId);
  }
  // wait until every run has its item in the inbox
  await expect
    .poll(async () => {
      const all = await Promise.all(runIds.map(async (id) => (await (await request.get(`/api/v1/approvals?status=pending&runId=${id}`, { headers })).json()).approvals.length));
      return all.every((n) => n === 1);
    }, { timeout: 90_000 })
    .toBe(true);
  return runIds;
}

/** A viewer of the demo workspace, invited by the owner and signed up through the API. */
async function viewerPage(owner: Page, browser: Browser) {
  const invite = await owner.request.post("/api/v1/invitations", { headers, data: { role: "viewer" } });
  expect(invite.status(), await invite.text()).toBe(201);
  const token = new URL((await invite.json()).url).pathname.split("/").pop()!;
  const viewer = { name: "Vera Viewer", email: `vera-${stamp}@example.test`, password: "vera-password-1" };
  const signup = await owner.request.post("/api/auth/signup", { data: { ...viewer, inviteToken: token } });
  expect(signup.status(), await signup.text()).toBe(201);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, viewer.email, viewer.password);
  return page;
}

test("viewers see no decision controls; bulk approve two items; the history says who decided", async ({ page, browser }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const [runA, runB] = await startApprovalRuns(page.request, ["desks", "chairs"]);
  const titleA = `Buy desks (${stamp})`;
  const titleB = `Buy chairs (${stamp})`;

  // a viewer reads the inbox but has nothing to press, and the API refuses them
  const viewer = await viewerPage(page, browser);
  await viewer.goto(`/w/${WS}/approvals`);
  const viewerCard = viewer.getByRole("article", { name: titleA });
  await expect(viewerCard).toBeVisible({ timeout: 60_000 });
  await expect(viewerCard.getByText("Your role can read the inbox but not decide.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Reject" })).toHaveCount(0);
  await expect(viewer.getByRole("checkbox", { name: `Select ${titleA}` })).toHaveCount(0);
  await expect(viewer.getByTestId("bulk-bar")).toHaveCount(0);
  await screen(viewer, "approvals-viewer");
  const pending = (await (await viewer.request.get(`/api/v1/approvals?status=pending&runId=${runA}`, { headers })).json()).approvals;
  expect(pending[0].canDecide).toBe(false);
  const refused = await viewer.request.post(`/api/v1/approvals/${pending[0].id}/decision`, { headers, data: { decision: "approve" } });
  expect(refused.status()).toBe(403);
  // …and no cancel or rerun in the runs list either
  await viewer.goto(`/w/${WS}/runs`);
  await expect(viewer.getByTestId(`run-row-${runA}`)).toBeVisible({ timeout: 60_000 });
  await expect(viewer.getByRole("button", { name: /^(Rerun|Cancel run)$/ })).toHaveCount(0);
  await screen(viewer, "runs-list-viewer");
  await viewer.context().close();

  // the owner sees the badge, selects both items and approves them at once
  await page.goto(`/w/${WS}/approvals`);
  await expect(page.getByTestId("approvals-badge")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("article", { name: titleA })).toBeVisible();
  await expect(page.getByRole("article", { name: titleA }).getByTestId("time-left")).toContainText(/^due in /);
  await screen(page, "approvals-inbox");

  // editing the output: JSON is checked before anything is sent
  const cardA = page.getByRole("article", { name: titleA });
  await cardA.getByLabel("Edit the output the run continues with").check();
  await cardA.getByLabel("Output (JSON)").fill('{ "approvedQty": 10, }');
  await cardA.getByRole("button", { name: "Approve" }).click();
  await expect(cardA.getByText(/Not valid JSON/)).toBeVisible();
  await expect(cardA).toBeVisible();
  await screen(page, "approvals-edit-output-error");
  await cardA.getByLabel("Edit the output the run continues with").uncheck();
  await page.getByRole("checkbox", { name: `Select ${titleA}` }).check();
  await page.getByRole("checkbox", { name: `Select ${titleB}` }).check();
  await expect(page.getByTestId("bulk-bar")).toContainText("2 selected");
  await page.getByLabel("Comment for all selected").fill("Bulk: both within budget");
  await screen(page, "approvals-bulk-selected");
  await page.getByRole("button", { name: "Approve selected (2)" }).click();
  await expect(page.getByText("Approved 2 items. Their runs continue.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("article", { name: titleA })).toHaveCount(0);
  await expect(page.getByRole("article", { name: titleB })).toHaveCount(0);

  // the decisions resumed both durable runs
  for (const id of [runA, runB]) {
    await expect.poll(async () => (await (await page.request.get(`/api/v1/runs/${id}`, { headers })).json()).status, { timeout: 60_000 }).toBe("succeeded");
  }

  // history: who, when, what
  await page.getByRole("tab", { name: "Decided" }).click();
  await expect(page).toHaveURL(/tab=decided/);
  for (const title of [titleA, titleB]) {
    const row = page.getByRole("row", { name: new RegExp(title.replace(/[()]/g, "\\$&")) });
    await expect(row).toBeVisible();
    await expect(row.getByTestId("decided-by")).toHaveText(DEMO.name);
    await expect(row.getByText("Approved", { exact: true })).toBeVisible();
    await expect(row.getByText("Bulk: both within budget")).toBeVisible();
  }
  await screen(page, "approvals-decided");
});
