import { expect, test } from "./fixtures";
import { startMcpServer } from "../tests/stubs/mcp-server";
import { screen, signIn } from "./helpers";

/**
 * A workspace adds its own MCP server in Settings (its token kept as a secret), tests it and
 * sees its tools; the builder offers that server's tools for a tool node; a run calls the tool
 * with the secret as bearer token. The MCP server is a real one (the official SDK) on
 * 127.0.0.1, which the browser-test stack allows workspaces to reach
 * (SWITCHYARD_OUTBOUND_ALLOW in scripts/e2e-server.ts; against another running app, start it
 * with SWITCHYARD_OUTBOUND_ALLOW=127.0.0.0/8).
 */
test.setTimeout(180_000);

test("a workspace MCP server: added and tested in settings, offered in the builder, called by a run", async ({ page }) => {
  const mcp = await startMcpServer();
  try {
    const stamp = Date.now().toString(36);
    const owner = { name: "Mia MCP", email: `mia-${stamp}@example.test`, password: "mia-password-1", workspaceName: `MCP ${stamp}` };
    const signup = await page.request.post("/api/auth/signup", { data: owner });
    expect(signup.status(), await signup.text()).toBe(201);
    const slug = (await signup.json()).workspace.slug as string;
    const headers = { "x-workspace": slug };
    await signIn(page, owner.email, owner.password);
    expect((await page.request.put("/api/v1/secrets/REGISTRY_TOKEN", { headers, data: { value: `tok-${stamp}` } })).status()).toBe(200);

    // settings: a field error first, then the server, tested at once with its tools listed
    await page.goto(`/w/${slug}/settings?tab=providers`);
    await page.getByLabel("Server name").fill("Vendor Registry");
    await page.getByLabel("URL").fill(mcp.url);
    await page.getByRole("button", { name: "Add server" }).click();
    await expect(page.getByText("Use lower-case letters, digits, - and _")).toBeVisible();
    await page.getByLabel("Server name").fill("registry");
    await page.getByLabel("Headers (one per line)").fill("Authorization: Bearer {{secrets.REGISTRY_TOKEN}}");
    await page.getByRole("button", { name: "Add server" }).click();
    const row = page.getByTestId("mcp-server-registry");
    await expect(row).toContainText("workspace");
    await expect(row.getByRole("status")).toContainText("mcp:registry/lookup_vendor");
    await expect(row.getByRole("status")).toContainText("Looks a vendor up in the registry by name");
    await screen(page, "mcp-01-settings-server-tested");

    // the builder: an MCP tool node on that server shows the tool's description
    const graph = await page.request.post("/api/v1/graphs", {
      headers,
      data: { name: `Vendor lookup ${stamp}`, nodes: [{ id: "lookup", type: "tool", tool: { kind: "mcp", server: "registry", tool: "lookup_vendor", arguments: { name: "ACME Corp" } } }] },
    });
    expect(graph.status(), await graph.text()).toBe(201);
    const graphId = (await graph.json()).id as string;
    await page.goto(`/w/${slug}/graphs/${graphId}`);
    await page.getByTestId("node-lookup").click();
    await expect(page.getByTestId("node-inspector")).toContainText("Looks a vendor up in the registry by name");
    await screen(page, "mcp-02-builder-tool");

    // a run calls the tool with the secret as bearer token
    await page.getByRole("button", { name: "▶ Run" }).click();
    await page.getByTestId("run-dialog").getByRole("button", { name: "Start run" }).click();
    await page.waitForURL(new RegExp(`/w/${slug}/runs/[^/]+$`), { timeout: 60_000 });
    await expect(page.getByTestId("run-view")).toHaveAttribute("data-run-status", "succeeded", { timeout: 90_000 });
    expect(mcp.calls.at(-1)).toEqual({ tool: "lookup_vendor", args: { name: "ACME Corp" }, authorization: `Bearer tok-${stamp}` });
    const runId = new URL(page.url()).pathname.split("/").pop()!;
    const run = await (await page.request.get(`/api/v1/runs/${runId}`, { headers })).json();
    expect(run.output).toMatchObject({ vendorId: "V-1001", verified: true });
    await expect(page.getByTestId("graph-node-lookup")).toHaveAttribute("data-status", "succeeded");
    await expect(page.getByRole("heading", { name: `Vendor lookup ${stamp}` })).toBeVisible();
    await screen(page, "mcp-03-run-succeeded");
  } finally {
    await mcp.close();
  }
});
