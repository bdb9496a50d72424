import { expect, test, type APIRequestContext } from "./fixtures";
import { createGraphByApi, DEMO, DEMO_HEADERS as headers, DEMO_WORKSPACE as WS, screen, signInByApi as signIn } from "./helpers";

/**
 * A graph is archived from the graphs list: it moves to the Archived tab, opens read-only
 * with its runs kept, cannot start runs, and is unarchived from the builder.
 */
const stamp = Date.now().toString(36);

function createGraph(request: APIRequestContext, name: string) {
  return createGraphByApi(request, { name, nodes: [{ id: "note", type: "agent", model: "sim:fast", prompt: "Summarise {{input.topic}}" }, { id: "result", type: "output", needs: ["note"], value: "{{nodes.note.output}}" }] });
}

test.setTimeout(180_000);

test("a graph is archived from the list, opens read-only, and is unarchived in the builder", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const name = `E2E archive ${stamp}`;
  const graphId = await createGraph(page.request, name);
  const run = await page.request.post(`/api/v1/graphs/${graphId}/runs`, { headers, data: { input: { topic: "archives" } } });
  expect(run.status()).toBe(202);

  await page.goto(`/w/${WS}/graphs`);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 60_000 });
  await row.getByRole("button", { name: `Archive ${name}` }).click();
  // the first archive request may compile its route on a dev server: allow for it
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0, { timeout: 60_000 });

  await page.getByRole("tab", { name: "Archived" }).click();
  const archivedRow = page.getByRole("row").filter({ hasText: name });
  await expect(archivedRow).toBeVisible({ timeout: 60_000 });
  await expect(archivedRow).toContainText("1");
  await screen(page, "graphs-archived-tab");

  // no new runs while archived
  const refused = await page.request.post(`/api/v1/graphs/${graphId}/runs`, { headers, data: { input: { topic: "again" } } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toContain(`"${name}" is archived`);

  await archivedRow.getByRole("link", { name }).click();
  await expect(page.getByTestId("archived")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("button", { name: "▶ Run" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  await screen(page, "builder-archived");

  await page.getByTestId("archived").getByRole("button", { name: "Unarchive" }).click();
  await expect(page.getByTestId("archived")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByRole("button", { name: "▶ Run" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Archive", exact: true })).toBeVisible();

  await page.goto(`/w/${WS}/graphs`);
  await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible({ timeout: 60_000 });
});
