import { expect as baseExpect, test, type Page } from "./fixtures";
import { Webhook } from "standardwebhooks";
import { screen } from "./helpers";

/**
 * Triggers in the browser: a webhook trigger is added in the builder's Triggers panel (its
 * mistakes named at the field), saved, given a secret shown once with a signed curl; a delivery
 * signed with that secret (Standard Webhooks) starts a run, which the runs list shows with its
 * trigger, linked to the fire on the Schedules page. A schedule added beside it previews its next
 * fire times in its zone.
 */
const expect = baseExpect.configure({ timeout: 45_000 });
test.setTimeout(240_000);

const WS = "demo";
const headers = { "x-workspace": WS };
const stamp = Date.now().toString(36);

async function signIn(page: Page) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: "demo@switchyard.local", password: "switchyard-demo", json: "true", callbackUrl: "/" } });
  expect(res.ok(), `sign-in answered ${res.status()}`).toBeTruthy();
}

test("a webhook trigger made in the builder starts a run from a signed delivery; the run and its fire show on the runs list and the Schedules page", async ({ page }) => {
  await signIn(page);
  const created = await page.request.post("/api/v1/graphs", {
    headers,
    data: {
      name: `e2e-orders-${stamp}`,
      input: { type: "object", properties: { order: { type: "string" } } },
      nodes: [{ id: "ack", type: "output", value: { order: "{{input.order}}" } }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const graphId = (await created.json()).id as string;

  // ---- the builder: add a webhook and a schedule in the graph settings ------------------------
  await page.goto(`/w/${WS}/graphs/${graphId}`);
  const panel = page.getByTestId("triggers-panel");
  await expect(panel).toBeVisible();
  await page.getByTestId("add-trigger").selectOption("webhook");
  const hook = page.getByTestId("trigger-0");
  await hook.getByLabel("Path").fill("Orders From Shop");
  // the validator's message, at the field
  await expect(hook).toContainText("must be lower-case path segments");
  await expect(page.getByTestId("problems")).toContainText("triggers[0].path");
  await hook.getByLabel("Path").fill(`shop/orders-${stamp}`);
  await hook.getByText("Id, condition and input").click();
  await hook.getByLabel("Id", { exact: true }).fill("shop-orders");
  await hook.getByLabel("Run input").fill('{ "order": "{{event.body.id}}" }');
  await expect(hook).toContainText("Save the graph to get this webhook's URL and secret.");

  await page.getByTestId("add-trigger").selectOption("schedule");
  const schedule = page.getByTestId("trigger-1");
  await schedule.getByLabel("Cron").fill("30 8 * * 1-5");
  await schedule.getByLabel("Time zone").fill("Asia/Tokyo");
  const preview = schedule.getByTestId("cron-preview");
  await expect(preview).toContainText("Next fires (Asia/Tokyo)");
  await expect(preview.locator("li")).toHaveCount(5);
  for (const line of await preview.locator("li").allTextContents()) expect(line).toMatch(/08:30/);
  await expect(page.getByTestId("problems")).toContainText("No problems");
  await screen(page, "scheduling-01-builder-triggers");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByLabel("What changed?").fill("Orders arrive by webhook; a weekday schedule");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("v2", { exact: true })).toBeVisible({ timeout: 60_000 });

  // ---- its URL, and a secret shown once with a signed curl ------------------------------------
  const url = await hook.getByTestId("webhook-url").inputValue();
  expect(url).toMatch(new RegExp(`/api/v1/hooks/${WS}/shop/orders-${stamp}$`));
  await hook.getByTestId("webhook-secret").click();
  const secret = await hook.getByTestId("webhook-secret-value").inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expect(hook.getByTestId("webhook-curl")).toContainText("webhook-signature: v1,");
  await screen(page, "scheduling-02-webhook-secret");

  // ---- a signed delivery (Standard Webhooks) starts a run -------------------------------------
  const body = JSON.stringify({ id: `ORD-${stamp}`, total: 42 });
  const msgId = `msg_${stamp}`;
  const at = new Date();
  const signature = new Webhook(secret).sign(msgId, at, body);
  const delivery = await page.request.post(new URL(url).pathname, {
    headers: { "content-type": "application/json", "webhook-id": msgId, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature },
    data: body,
  });
  expect(delivery.status(), await delivery.text()).toBe(202);
  const { runId } = (await delivery.json()) as { runId: string };
  expect(runId).toMatch(/^run_/);
  // a bad signature starts nothing
  const forged = await page.request.post(new URL(url).pathname, {
    headers: { "content-type": "application/json", "webhook-id": `${msgId}-x`, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": "v1,AAAA" },
    data: body,
  });
  expect(forged.status()).toBe(401);

  // ---- the runs list names the trigger and links to its fire -----------------------------------
  await page.goto(`/w/${WS}/runs?graphId=${graphId}`);
  const row = page.getByTestId(`run-row-${runId}`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("run-origin")).toContainText("shop-orders");
  await expect(row.getByTestId("run-origin")).toContainText("Webhook trigger");
  await expect(row.getByTestId("status")).toHaveText("Succeeded");
  await screen(page, "scheduling-03-runs-list");
  await row.getByTestId("run-origin").getByRole("link", { name: "shop-orders" }).click();

  // ---- the fire on the Schedules page ----------------------------------------------------------
  await page.waitForURL(/\/schedules\/trg_[^?]+\?fire=tfr_/);
  const fire = page.locator("[data-testid^=fire-row-][aria-current=true]");
  await expect(fire).toHaveCount(1);
  await expect(fire.getByTestId("outcome")).toHaveText("started");
  await expect(fire).toContainText(msgId);
  await expect(fire.getByRole("link", { name: new RegExp(runId.slice(-8)) })).toBeVisible();
  await expect(page.getByTestId("source-value")).toHaveValue(url);
  await screen(page, "scheduling-04-fire");

  // the fires that did not become a run: none for this webhook (the forged delivery never fired)
  await page.getByTestId("fires-filter").selectOption("not_started");
  await expect(page.getByText("No fires with this outcome.")).toBeVisible();

  // ---- the Schedules page, from the navigation --------------------------------------------------
  await page.getByRole("link", { name: "Schedules", exact: true }).click();
  await page.waitForURL(`**/w/${WS}/schedules`);
  const hookRow = page.getByTestId("schedules-table").locator("tr", { hasText: `shop/orders-${stamp}` });
  await expect(hookRow).toContainText("Webhook");
  await expect(hookRow.getByTestId("outcome")).toHaveText("started");
  await expect(hookRow.getByTestId("health")).toHaveText(/Healthy/);
  const cronRow = page.getByTestId("schedules-table").locator("tr", { hasText: "Asia/Tokyo" }).filter({ hasText: `e2e-orders-${stamp}` });
  await expect(cronRow).toContainText("At 08:30, Monday through Friday (Asia/Tokyo)");
  await screen(page, "scheduling-05-schedules");
  // pause it here, without a new version
  await cronRow.getByRole("button", { name: "Pause" }).click();
  await expect(cronRow.getByTestId("health")).toHaveText(/Paused/);
  await expect(cronRow.getByRole("button", { name: "Resume" })).toBeVisible();
});
