import { expect as baseExpect, test, type Page } from "./fixtures";
import { screen, signIn } from "./helpers";

/**
 * Settings in a fresh workspace of its own (so a provider key set here changes nobody else's
 * routing): a secret and a provider key are set and shown masked afterwards, the connection
 * test answers without revealing the key, a price is overridden and the override removed, a
 * budget is created after a field error, and a budget-alert webhook is registered.
 */
test.setTimeout(240_000);
// The dev server shared by several people answers slowly at times.
const expect = baseExpect.configure({ timeout: 45_000 });

const stamp = Date.now().toString(36);
const owner = { name: "Sam Settings", email: `sam-${stamp}@example.test`, password: "sam-password-1", workspaceName: `Settings ${stamp}` };
const KEY = `sk-e2e-${stamp}-wxyz9876`;
const SECRET_VALUE = `vendor-secret-${stamp}`;

test("secrets, provider keys, prices, budgets and webhooks in settings", async ({ page }) => {
  const signup = await page.request.post("/api/auth/signup", { data: owner });
  baseExpect(signup.status(), await signup.text()).toBe(201);
  const slug = (await signup.json()).workspace.slug as string;
  const headers = { "x-workspace": slug };
  await signIn(page, owner.email, owner.password);

  await page.goto(`/w/${slug}/settings`);
  await expect(page.getByRole("tab", { name: "Workspace" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: "API keys", exact: true })).toBeVisible();
  // the header to send reads as code, not as text between literal backticks
  await expect(page.getByText("Authorization: Bearer <key>", { exact: true })).toHaveJSProperty("tagName", "CODE");
  await expect(page.getByText(/`Authorization/)).toHaveCount(0);
  // every page has its icon
  const icon = await page.request.get("/favicon.ico");
  baseExpect(icon.status()).toBe(200);
  baseExpect(icon.headers()["content-type"]).toMatch(/image\//);
  await screen(page, "settings-workspace");

  // secrets: a field error first, then set; only the name is shown afterwards
  await page.getByRole("tab", { name: "Providers & secrets" }).click();
  await expect(page).toHaveURL(/tab=providers/);
  await expect(page.getByText("No secrets yet.")).toBeVisible();
  await page.getByLabel("Secret name").fill("vendor key");
  await page.getByRole("button", { name: "Save secret" }).click();
  await expect(page.getByText("Use UPPER_SNAKE_CASE, e.g. VENDOR_API_KEY")).toBeVisible();
  await expect(page.getByText("Enter the secret's value")).toBeVisible();
  await page.getByLabel("Secret name").fill("VENDOR_API_KEY");
  await page.getByLabel("Value").fill(SECRET_VALUE);
  await page.getByRole("button", { name: "Save secret" }).click();
  await expect(page.getByText("Secret VENDOR_API_KEY saved.")).toBeVisible();
  await expect(page.getByTestId("secret-VENDOR_API_KEY")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(SECRET_VALUE);

  // provider key: saved, then shown as its last four characters only
  const openai = page.getByTestId("provider-openai");
  await expect(openai.getByText("Not configured")).toBeVisible();
  await openai.getByRole("button", { name: "Set key / URL" }).click();
  await openai.getByLabel("Base URL").fill("not a url");
  await openai.getByRole("button", { name: "Save" }).click();
  await expect(openai.getByText("Must be an http(s) URL")).toBeVisible();
  await openai.getByLabel("Base URL").fill("");
  await openai.getByLabel("OpenAI API key").fill(KEY);
  await openai.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("OpenAI credentials saved.")).toBeVisible();
  await expect(openai.getByText("Configured")).toBeVisible();
  await expect(openai.getByTestId("key-hint")).toHaveText("••••••••9876");
  await expect(page.locator("body")).not.toContainText(KEY);
  const providers = await (await page.request.get("/api/v1/providers", { headers })).text();
  baseExpect(providers).not.toContain(KEY);
  baseExpect(providers).toContain('"keyHint":"9876"');

  // the connection test answers (this machine has no internet: a clear failure) and never echoes the key
  await openai.getByRole("button", { name: "Test OpenAI connection" }).click();
  const result = openai.getByTestId("provider-test-result");
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result).toContainText(/Connected|Connection failed/);
  await expect(result).not.toContainText(KEY);
  await screen(page, "settings-providers-secrets");

  // model prices: search, override with a field error first, then remove the override
  await page.getByRole("tab", { name: "Model prices" }).click();
  await page.getByLabel("Search models").fill("sim:fast");
  const row = page.getByTestId("price-sim:fast");
  await expect(row).toBeVisible();
  await expect(row.getByText("simulated", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Override price of sim:fast" }).click();
  const form = page.getByRole("form", { name: "Price of sim:fast" });
  await form.getByLabel("Input $/M tokens").fill("cheap");
  await form.getByRole("button", { name: "Save price" }).click();
  await expect(form.getByText('Must be a decimal amount of US dollars such as "12.50"')).toBeVisible();
  await form.getByLabel("Input $/M tokens").fill("0.2");
  await form.getByLabel("Output $/M tokens").fill("0.8");
  await form.getByRole("button", { name: "Save price" }).click();
  await expect(page.getByText("Price of sim:fast saved; new calls use it from now on.")).toBeVisible();
  await expect(row.getByText("override", { exact: true })).toBeVisible();
  await expect(row).toContainText("$0.2");
  await screen(page, "settings-prices");
  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Remove override of sim:fast" }).click();
  await expect(page.getByText("Override of sim:fast removed.")).toBeVisible();
  await expect(row.getByText("simulated", { exact: true })).toBeVisible();

  // budgets: field errors first, then create; the budget shows its burn
  await page.getByRole("tab", { name: "Budgets & alerts" }).click();
  await expect(page.getByText("No budgets yet")).toBeVisible();
  await page.getByRole("button", { name: "New budget" }).click();
  const budget = page.getByRole("form", { name: "New budget" });
  await budget.getByLabel("Limit (USD)").fill("0");
  await budget.getByLabel("Alert thresholds (%)").fill("80, 50");
  await budget.getByRole("button", { name: "Create budget" }).click();
  await expect(budget.getByText("Give the budget a name")).toBeVisible();
  await expect(budget.getByText("Must be more than zero")).toBeVisible();
  await expect(budget.getByText("Must be increasing percentages, e.g. 50, 80, 100")).toBeVisible();
  await screen(page, "settings-budget-errors");
  await budget.getByLabel("Budget name").fill("Monthly model spend");
  await budget.getByLabel("Limit (USD)").fill("25");
  await budget.getByLabel("Alert thresholds (%)").fill("50, 80, 100");
  await budget.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByText("Budget Monthly model spend created.")).toBeVisible();
  const item = page.getByTestId("budget-Monthly model spend");
  await expect(item).toContainText("limit $25.00");
  await expect(item.getByTestId("budget-burn")).toContainText("of $25.00");
  const listed = await (await page.request.get("/api/v1/budgets", { headers })).json();
  baseExpect(listed.budgets.map((b: { name: string }) => b.name)).toContain("Monthly model spend");

  // edit the limit
  await item.getByRole("button", { name: "Edit Monthly model spend" }).click();
  const edit = page.getByRole("form", { name: "Edit Monthly model spend" });
  await edit.getByLabel("Limit (USD)").fill("40");
  await edit.getByRole("button", { name: "Save budget" }).click();
  await expect(page.getByText("Budget Monthly model spend saved.")).toBeVisible();
  await expect(item).toContainText("limit $40.00");

  // a webhook for budget alerts: the signing secret is shown once
  await page.getByLabel("Endpoint URL").fill("https://hooks.example.test/switchyard");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByText("Webhook added.")).toBeVisible();
  await expect(page.getByLabel("Webhook signing secret")).toHaveValue(/^whsec_/);
  await expect(page.getByText("https://hooks.example.test/switchyard")).toBeVisible();
  await screen(page, "settings-budgets");

  // the costs screen shows the budget with its burn
  await page.goto(`/w/${slug}/costs`);
  await expect(page.getByTestId("cost-budgets")).toContainText("Monthly model spend");
  await expect(page.getByRole("heading", { name: "No spend in this range" })).toBeVisible();
  await screen(page, "costs-empty-with-budget");
});
