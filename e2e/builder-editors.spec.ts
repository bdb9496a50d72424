import { expect as baseExpect, test, type Page } from "./fixtures";
import { screen } from "./helpers";

/**
 * The builder's structured editors and its guard against losing work: a router's routes (CEL
 * condition and targets per route, default) and a supervisor's sub-agents are edited as rows with
 * the validator's messages on the field they concern, saved as the spec the API keeps; leaving the
 * builder by a link in the navigation with unsaved changes asks first.
 */
const expect = baseExpect.configure({ timeout: 45_000 });
test.setTimeout(240_000);

const WS = "demo";
const headers = { "x-workspace": WS };
const stamp = Date.now().toString(36);

/** Signs in through the credentials endpoint the login form posts to (robust on a busy dev server). */
async function signIn(page: Page) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: "demo@switchyard.local", password: "switchyard-demo", json: "true", callbackUrl: "/" } });
  expect(res.ok(), `sign-in answered ${res.status()}`).toBeTruthy();
}

test("routes and sub-agents are edited as rows with field messages; leaving with unsaved changes asks first", async ({ page }) => {
  await signIn(page);
  const created = await page.request.post("/api/v1/graphs", {
    headers,
    data: {
      message: "Triage with a supervisor",
      spec: {
        name: `e2e-editors-${stamp}`,
        input: { type: "object", properties: { priority: { type: "string" } } },
        nodes: [
          { id: "intake", type: "agent", model: "sim:fast", prompt: "Read {{input.priority}}" },
          { id: "triage", type: "router", needs: ["intake"], routes: [{ when: 'input.priority == "high"', to: "urgent" }], default: "normal" },
          { id: "urgent", type: "output", needs: ["triage"], value: "urgent" },
          { id: "normal", type: "output", needs: ["triage"], value: "normal" },
          { id: "lead", type: "supervisor", needs: ["intake"], model: "sim:strong", task: "Reconcile {{input.priority}}", maxDelegations: 3, agents: [{ name: "auditor", description: "Checks totals", model: "sim:fast" }] },
        ],
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/w/${WS}/graphs/${id}`);
  await expect(page.getByTestId("node-triage")).toBeVisible({ timeout: 60_000 });

  // ---- router: one row per route, its targets are the nodes that need the router -------------
  await page.getByTestId("node-triage").click();
  const route0 = page.getByTestId("field-routes-0");
  await expect(route0.getByTestId("route-0-when").locator("input")).toHaveValue('input.priority == "high"');
  await expect(route0.getByTestId("route-0-to").getByLabel("urgent")).toBeChecked();
  await expect(route0.getByTestId("route-0-to").getByLabel("normal")).not.toBeChecked();
  await expect(page.getByTestId("field-default").getByLabel("normal")).toBeChecked();

  // a broken condition: the validator's message on that route's condition
  await route0.getByTestId("route-0-when").locator("input").fill('input.priority ==');
  await expect(page.getByTestId("problem").first()).toContainText("(triage).routes[0].when");
  await expect(route0.getByTestId("route-0-when")).toHaveAttribute("data-invalid", "true");
  await expect(page.getByTestId("node-triage")).toHaveAttribute("data-problems", "1");
  await screen(page, "builder-editors-01-route-error");
  await route0.getByTestId("route-0-when").locator("input").fill('input.priority == "high"');
  await expect(page.getByTestId("problems")).toContainText("No problems");

  // a second route, to the other branch
  await page.getByRole("button", { name: "+ Add a route" }).click();
  const route1 = page.getByTestId("field-routes-1");
  await expect(route1.getByTestId("route-1-when").locator("input")).toHaveValue("true");
  await route1.getByTestId("route-1-when").locator("input").fill('input.priority == "low"');
  await route1.getByTestId("route-1-to").getByLabel("urgent").uncheck();
  // no target: the validator says the route must go somewhere
  await expect(route1.getByTestId("route-1-to")).toHaveAttribute("data-invalid", "true");
  await route1.getByTestId("route-1-to").getByLabel("normal").check();
  await expect(page.getByTestId("problems")).toContainText("No problems");
  await expect(page.getByTestId("node-triage")).toContainText("2 route(s) · default normal");
  await screen(page, "builder-editors-02-routes");

  // ---- supervisor: one row per sub-agent, inline or a saved graph -----------------------------
  await page.getByTestId("node-lead").click();
  await expect(page.getByTestId("agent-0-name").locator("input")).toHaveValue("auditor");
  await page.getByRole("button", { name: "+ Add an agent" }).click();
  await expect(page.getByTestId("agent-1-name").locator("input")).toHaveValue("worker");
  // a new sub-agent has no description yet: required, and said so on the field
  await expect(page.getByTestId("agent-1-description")).toContainText("must be at least 1 character long");
  await expect(page.getByTestId("problem").first()).toContainText("(lead).agents[1].description");
  await screen(page, "builder-editors-03-agent-error");
  await page.getByTestId("agent-1-description").locator("input").fill("Drafts the reconciliation note");
  await page.getByTestId("agent-1-name").locator("input").fill("writer");
  await expect(page.getByTestId("problems")).toContainText("No problems");
  await page.getByRole("button", { name: "Move agent 2 up" }).click();
  await expect(page.getByTestId("agent-0-name").locator("input")).toHaveValue("writer");
  await screen(page, "builder-editors-04-agents");

  // ---- save: the API keeps exactly what the rows say -----------------------------------------
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByLabel("What changed?").fill("Low priority route; a writer");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("v2", { exact: true })).toBeVisible({ timeout: 60_000 });
  const saved = (await (await page.request.get(`/api/v1/graphs/${id}`, { headers })).json()) as { spec: { nodes: Record<string, unknown>[] } };
  const byId = Object.fromEntries(saved.spec.nodes.map((n) => [n.id, n]));
  expect(byId.triage!.routes).toEqual([
    { when: 'input.priority == "high"', to: "urgent" },
    { when: 'input.priority == "low"', to: "normal" },
  ]);
  expect(byId.triage!.default).toBe("normal");
  expect(byId.lead!.agents).toEqual([
    { name: "writer", description: "Drafts the reconciliation note", model: "sim:fast" },
    { name: "auditor", description: "Checks totals", model: "sim:fast" },
  ]);

  // ---- unsaved changes: a link in the navigation asks before leaving -------------------------
  await page.getByRole("button", { name: "Remove agent 2" }).click();
  await expect(page.getByTestId("unsaved")).toBeVisible();
  await page.getByRole("link", { name: "Runs", exact: true }).click();
  const leave = page.getByTestId("leave-dialog");
  await expect(leave).toBeVisible();
  await screen(page, "builder-editors-05-leave-dialog");
  await leave.getByRole("button", { name: "Stay and keep editing" }).click();
  await expect(leave).toHaveCount(0);
  expect(new URL(page.url()).pathname).toBe(`/w/${WS}/graphs/${id}`);
  await expect(page.getByTestId("unsaved")).toBeVisible();
  await expect(page.getByTestId("field-agents-1")).toHaveCount(0);

  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await page.getByTestId("leave-dialog").getByRole("button", { name: "Leave and discard changes" }).click();
  await page.waitForURL(`**/w/${WS}/runs`);
  await expect(page.getByRole("heading", { name: "Runs", exact: true })).toBeVisible();

  // once saved, nothing asks
  await page.goto(`/w/${WS}/graphs/${id}`);
  await expect(page.getByTestId("node-lead")).toBeVisible({ timeout: 60_000 });
  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await page.waitForURL(`**/w/${WS}/runs`);
  await expect(page.getByTestId("leave-dialog")).toHaveCount(0);
});
