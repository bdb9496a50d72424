import net from "node:net";
import type { AddressInfo } from "node:net";
import type http from "node:http";
import { expect, test, type Locator, type Page } from "./fixtures";
import express from "express";
import type { AgentCard } from "@a2a-js/sdk";
import { agentCard } from "../tests/stubs/a2a-agents";
import { agentCardHandler } from "@a2a-js/sdk/server/express";
import pg from "pg";
import { createGraphByApi, DEMO, DEMO_HEADERS as headers, DEMO_WORKSPACE as WS, screen, signInByApi } from "./helpers";

/**
 * A supervisor's external and nested sub-agents in the browser, against the real app:
 * - the builder's "Test connection" of an A2A sub-agent reaches a real agent-card server on
 *   127.0.0.1 (the A2A SDK's own card handler) and shows the card's name, description and
 *   skills; a port where nothing listens and an address the outbound guard refuses each say why;
 * - the run view's provenance panel walks a supervisor's delegations (an inline agent and a saved
 *   graph that runs as a sub-run) on simulated models, verifies the chain, and after a record of
 *   the sub-run is rewritten in the database names the broken record from both runs.
 */

const stamp = Date.now().toString(36);

// ---- an external A2A agent: its card, served as the A2A protocol publishes it ----------------------

const CARD_NAME = "Pricing desk";
const CARD_DESCRIPTION = "Prices purchase order lines against the vendor's contract";

function pricingDeskCard(url: string): AgentCard {
  return agentCard({
    name: CARD_NAME,
    description: CARD_DESCRIPTION,
    url,
    skills: [
      { id: "quote", name: "Quote a line", description: "Prices one order line" },
      { id: "compare", name: "Compare offers", description: "Compares two suppliers' offers" },
    ],
  });
}

/** An agent-card server on 127.0.0.1 (the A2A SDK's card handler); `requests` lists what it was asked. */
async function startAgentCardServer() {
  const app = express();
  const requests: string[] = [];
  app.use((req, _res, next) => {
    requests.push(`${req.method} ${req.path}`);
    next();
  });
  const server: http.Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.use("/.well-known/agent-card.json", agentCardHandler({ agentCardProvider: async () => pricingDeskCard(`${url}/a2a`) }));
  return {
    cardUrl: `${url}/.well-known/agent-card.json`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (taken from the OS, then let go). */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

test("Test connection of an A2A sub-agent: the card's name, description and skills; a closed port and a refused address say why", async ({ page, browserProblems }) => {
  test.setTimeout(180_000);
  const agent = await startAgentCardServer();
  try {
    await signInByApi(page, DEMO.email, DEMO.password);
    const graphId = await createGraphByApi(page.request, {
      name: `e2e-connections-${stamp}`,
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Review purchase order {{input.order}}",
          maxDelegations: 3,
          agents: [{ name: "compliance", description: "Screens the supplier against sanctions lists", model: "sim:fast" }],
        },
      ],
    });
    await page.goto(`/w/${WS}/graphs/${graphId}`);
    await expect(page.getByTestId("node-lead")).toBeVisible({ timeout: 60_000 });
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {});

    // the supervisor's second sub-agent: an A2A agent, known by its card URL
    await page.getByTestId("node-lead").click();
    await page.getByTestId("field-agents").getByRole("button", { name: "+ Add an agent" }).click();
    const row = page.getByTestId("field-agents-1");
    await row.getByTestId("agent-1-kind").getByLabel("A2A agent").check();
    await row.getByRole("textbox", { name: "Name", exact: true }).fill("vendor_desk");
    await row.getByRole("textbox", { name: "Description", exact: true }).fill("Prices lines with the vendor's own desk");
    const cardUrl = row.getByRole("textbox", { name: "Agent card URL", exact: true });
    const connection = row.getByTestId("agent-1-test");
    const testButton = connection.getByRole("button", { name: "Test connection" });
    const result = connection.getByTestId("agent-1-test-result");
    // nothing to test before there is an address
    await expect(testButton).toBeDisabled();

    // ---- the agent answers: its card's name, description and skills ------------------------------
    await cardUrl.fill(agent.cardUrl);
    await testButton.click();
    await expect(result).toHaveAttribute("data-ok", "true");
    await expect(result).toContainText(`✓ ${CARD_NAME}`);
    await expect(result).toContainText(CARD_DESCRIPTION);
    await expect(result).toContainText("Skills: Quote a line, Compare offers");
    // the server fetched the card itself (the browser never talks to the agent)
    expect(agent.requests).toEqual(["GET /.well-known/agent-card.json"]);
    await row.scrollIntoViewIfNeeded();
    await screen(page, "supervision-connections-01-card");

    // ---- nothing listens at the address: refused, and the result is about the new address --------
    const closed = `http://127.0.0.1:${await closedPort()}/.well-known/agent-card.json`;
    await cardUrl.fill(closed);
    // the earlier result was about the earlier address: editing it hides the result
    await expect(result).toHaveCount(0);
    await testButton.click();
    await expect(result).toHaveAttribute("data-ok", "false");
    await expect(result).toHaveText(`✕ Could not connect to ${closed}: the connection was refused (nothing listens there).`);
    await screen(page, "supervision-connections-02-refused");

    // ---- an address the outbound guard refuses (cloud metadata): said, and nothing sent ----------
    browserProblems.allowResponse(403, /\/api\/v1\/agents\/test-connection$/);
    await cardUrl.fill("http://169.254.169.254/.well-known/agent-card.json");
    await testButton.click();
    await expect(result).toHaveAttribute("data-ok", "false");
    await expect(result).toContainText("The agent's address was refused: 169.254.169.254 is a private, loopback or link-local address");
    await expect(result).toContainText("SWITCHYARD_OUTBOUND_ALLOW");
    await screen(page, "supervision-connections-03-blocked");

    // back to the agent: it answers again, and the row is a valid sub-agent
    await cardUrl.fill(agent.cardUrl);
    await testButton.click();
    await expect(result).toHaveAttribute("data-ok", "true");
    expect(agent.requests).toEqual(["GET /.well-known/agent-card.json", "GET /.well-known/agent-card.json"]);
    await expect(page.getByTestId("problems")).toContainText("No problems");
  } finally {
    await agent.close();
  }
});

// ---- provenance through delegations -----------------------------------------------------------------

/** The value next to a label in the provenance panel (`<dt>label</dt><dd>value</dd>`). */
const fact = (panel: Locator, label: string) => panel.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");

/** Selects a node of the run graph and returns its provenance panel. */
async function provenanceOf(page: Page, nodeId: string): Promise<Locator> {
  await page.getByTestId(`graph-node-${nodeId}`).click();
  const detail = page.getByRole("region", { name: `Node ${nodeId}` });
  await expect(detail).toBeVisible();
  const panel = detail.getByTestId("provenance-panel");
  await expect(panel.getByText(/^record #\d+ of \d+$/)).toBeVisible({ timeout: 30_000 });
  return panel;
}

/** "record #k of N" → N, the number of records in the run's chain. */
async function chainLength(panel: Locator): Promise<number> {
  const text = await panel.getByText(/^record #\d+ of \d+$/).textContent();
  return Number(/of (\d+)$/.exec(text ?? "")![1]);
}

/**
 * A connection to the database the app under test uses: the browser-test server makes a fresh one
 * on the server of DATABASE_URL (scripts/e2e-server.ts), so it is the one that holds this run.
 */
async function databaseHolding(runId: string): Promise<pg.Client> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set: run the browser tests through scripts/with-db.ts");
  const on = (database: string) => Object.assign(new URL(base), { pathname: `/${database}` }).toString();
  const admin = new pg.Client({ connectionString: on("postgres") });
  await admin.connect();
  const candidates = await admin
    .query<{ datname: string }>("select datname from pg_database where datname like 'sy\\_e2e\\_%' or datname = $1 order by oid desc", [new URL(base).pathname.slice(1)])
    .finally(() => admin.end());
  for (const { datname } of candidates.rows) {
    const client = new pg.Client({ connectionString: on(datname) });
    try {
      await client.connect();
      const found = await client.query('select 1 from "Run" where id = $1', [runId]);
      if (found.rowCount) return client;
    } catch {
      // another test server's database, being dropped or without the schema
    }
    await client.end().catch(() => {});
  }
  throw new Error(`no database on ${new URL(base).host} holds run ${runId}`);
}

test("the provenance panel walks a supervisor's delegations into a sub-run, verifies the chain, and names a record rewritten in the database", async ({ page }) => {
  test.setTimeout(300_000);
  await signInByApi(page, DEMO.email, DEMO.password);
  // a saved graph the supervisor delegates to: each delegation is a sub-run of it
  const pricingGraph = await createGraphByApi(page.request, {
    name: `e2e-pricing-desk-${stamp}`,
    nodes: [
      { id: "quote", type: "agent", model: "sim:fast", prompt: "Quote for {{input.task}}" },
      { id: "out", type: "output", needs: ["quote"], value: "{{nodes.quote.output}}" },
    ],
  });
  const graphId = await createGraphByApi(page.request, {
    name: `e2e-provenance-${stamp}`,
    nodes: [
      {
        id: "lead",
        type: "supervisor",
        model: "sim:strong",
        task: "Review purchase order {{input.order}}: ask pricing and compliance.",
        maxDelegations: 4,
        agents: [
          { name: "pricing", description: "Prices the order with the pricing desk", graph: pricingGraph },
          { name: "compliance", description: "Screens the supplier against sanctions lists", model: "sim:fast" },
        ],
      },
      { id: "review", type: "output", needs: ["lead"], value: "{{nodes.lead.output}}" },
    ],
  });
  const started = await page.request.post(`/api/v1/graphs/${graphId}/runs`, { headers, data: { input: { order: "PO-7731" } } });
  expect([200, 202], await started.text()).toContain(started.status());
  const runId = (await started.json()).runId as string;

  await page.goto(`/w/${WS}/runs/${runId}`);
  await expect(page.getByTestId("run-view")).toHaveAttribute("data-run-status", "succeeded", { timeout: 120_000 });

  // ---- the supervisor's record: who answered, and the delegations it made ---------------------------
  let panel = await provenanceOf(page, "lead");
  await expect(fact(panel, "Agent")).toHaveText("lead");
  await expect(fact(panel, "Model")).toHaveText("sim:strong");
  await expect(panel.getByRole("heading", { name: "Delegations (2)" })).toBeVisible();
  const delegations = panel.getByTestId("provenance-delegations").getByRole("listitem");
  await expect(delegations).toHaveCount(2);
  const pricing = delegations.filter({ hasText: /^#\d+ pricing done/ });
  const compliance = delegations.filter({ hasText: /^#\d+ compliance done/ });
  await expect(pricing).toHaveCount(1);
  await expect(compliance).toHaveCount(1);
  // the saved graph ran as a sub-run, linked from its delegation; the inline agent did not
  const subRunLink = pricing.getByRole("link", { name: /^sub-run \S+ →$/ });
  await expect(subRunLink).toBeVisible();
  await expect(compliance.getByRole("link")).toHaveCount(0);
  // each delegation names the model that answered it: the inline agent's own
  await expect(compliance.getByTestId("provenance-delegation-model")).toHaveText("· sim:fast");
  // the run is marked simulated: its supervisor node names its sim model like an agent node
  await expect(page.getByText("Simulated", { exact: true }).first()).toBeVisible();
  const pricingSeq = Number(/^#(\d+)/.exec((await pricing.textContent()) ?? "")![1]);
  const childRunId = /sub-run (\S+)/.exec((await subRunLink.textContent()) ?? "")![1]!;

  const records = await chainLength(panel);
  await panel.getByRole("button", { name: "Verify chain" }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Chain intact" })).toHaveText(`✓ Chain intact: ${records} records, every hash and stored output matches.`);
  await panel.scrollIntoViewIfNeeded();
  await screen(page, "supervision-connections-04-provenance-lead");

  // ---- into the sub-run: the model that answered there, and the way back to the parent -------------
  await subRunLink.click();
  await page.waitForURL(`**/w/${WS}/runs/${childRunId}`);
  await expect(page.getByTestId("run-view")).toHaveAttribute("data-run-status", "succeeded", { timeout: 60_000 });
  panel = await provenanceOf(page, "quote");
  await expect(fact(panel, "Model")).toHaveText("sim:fast");
  await expect(panel.getByText(`This run is a sub-run of ${runId} (node lead).`)).toBeVisible();
  const quoteSeq = Number(/^record #(\d+)/.exec((await panel.getByText(/^record #\d+ of \d+$/).textContent()) ?? "")![1]);
  await panel.getByRole("button", { name: "Verify chain" }).click();
  await expect(panel.getByTestId("provenance-verified")).toContainText("✓ Chain intact");

  // ---- someone with database access rewrites which model produced the sub-run's quote ---------------
  const db = await databaseHolding(childRunId);
  try {
    const rewritten = await db.query(`update "ProvenanceRecord" set producer = jsonb_set(producer, '{model}', '"gpt-4o"') where "runId" = $1 and "nodeId" = 'quote' and kind = 'node' and seq = $2`, [
      childRunId,
      quoteSeq,
    ]);
    expect(rewritten.rowCount).toBe(1);
  } finally {
    await db.end();
  }

  // the sub-run's own chain names the rewritten record and its node
  await panel.getByRole("button", { name: "Verify chain" }).click();
  const childBroken = panel.getByRole("alert");
  await expect(childBroken).toContainText(`✗ Broken at record #${quoteSeq} (node quote)`);
  await expect(childBroken).toContainText(`Record ${quoteSeq} was changed: its contents no longer give its hash.`);
  await expect(panel.getByTestId("provenance-verified")).toHaveCount(0);
  await screen(page, "supervision-connections-05-provenance-subrun-broken");

  // ---- back in the parent: verification descends into the sub-run and names the delegation ----------
  await panel.getByRole("link", { name: runId }).click();
  await page.waitForURL(`**/w/${WS}/runs/${runId}`);
  await expect(page.getByTestId("run-view")).toHaveAttribute("data-run-status", "succeeded", { timeout: 60_000 });
  panel = await provenanceOf(page, "lead");
  await panel.getByRole("button", { name: "Verify chain" }).click();
  const parentBroken = panel.getByRole("alert");
  await expect(parentBroken).toContainText(`✗ Broken at record #${pricingSeq} (node lead)`);
  await expect(parentBroken).toContainText(`Sub-run ${childRunId}'s chain is broken at its record ${quoteSeq}: Record ${quoteSeq} was changed`);
  await expect(panel.getByTestId("provenance-verified")).toHaveCount(0);
  await panel.scrollIntoViewIfNeeded();
  await screen(page, "supervision-connections-06-provenance-lead-broken");
});
