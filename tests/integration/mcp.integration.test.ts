/**
 * MCP tools through the official SDK: a tool node calls an MCP tool directly,
 * and an agent calls it in its tool loop; the server's bearer token comes from
 * a workspace secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/client";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { startMcpServer } from "../stubs/mcp-server";
import { startOpenAIStub } from "../stubs/openai-stub";
import { makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as runsRoute from "../../app/api/v1/graphs/[id]/runs/route";
import * as runRoute from "../../app/api/v1/runs/[id]/route";
import * as secretRoute from "../../app/api/v1/secrets/[name]/route";
import * as providerRoute from "../../app/api/v1/providers/[provider]/route";
import * as mcpServersRoute from "../../app/api/v1/mcp-servers/route";
import * as mcpServerRoute from "../../app/api/v1/mcp-servers/[name]/route";
import * as mcpTestRoute from "../../app/api/v1/mcp-servers/[name]/test/route";

const rt = useRuntime("mcp");
let mcp: Awaited<ReturnType<typeof startMcpServer>>;
let openai: Awaited<ReturnType<typeof startOpenAIStub>>;
let tenant: Awaited<ReturnType<typeof makeTenant>>;

beforeAll(async () => {
  mcp = await startMcpServer();
  openai = await startOpenAIStub();
  process.env.SWITCHYARD_MCP_SERVERS = JSON.stringify({ registry: { url: mcp.url, headers: { authorization: "Bearer {{secrets.REGISTRY_TOKEN}}" } } });
  tenant = await makeTenant("MCP Co");
  await callRoute(secretRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { name: "REGISTRY_TOKEN" }, body: { value: "tok-123" } });
  await callRoute(providerRoute.PUT as never, { key: tenant.apiKey.key, method: "PUT", params: { provider: "openai" }, body: { apiKey: "sk-mcp", baseUrl: openai.url } });
});
afterAll(async () => {
  delete process.env.SWITCHYARD_MCP_SERVERS;
  await mcp?.close();
  await openai?.close();
});

async function runToEnd(spec: unknown, input: Record<string, unknown> = {}) {
  const g = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: spec });
  expect(g.status, g.text).toBe(201);
  const r = await callRoute(runsRoute.POST as never, { key: tenant.apiKey.key, params: { id: g.json.id }, body: { input } });
  await rt.waitForRun(r.json.runId, (x) => ["succeeded", "failed"].includes(x.status));
  return (await callRoute(runRoute.GET as never, { key: tenant.apiKey.key, params: { id: r.json.runId } })).json;
}

it("a tool node calls an MCP tool with rendered arguments and the secret as bearer token", async () => {
  const run = await runToEnd(
    { name: "MCP tool node", nodes: [{ id: "lookup", type: "tool", tool: { kind: "mcp", server: "registry", tool: "lookup_vendor", arguments: { name: "{{input.supplier}}" } } }] },
    { supplier: "ACME Industrial" },
  );
  expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
  expect(run.output).toEqual({ name: "ACME Industrial", vendorId: "V-1001", verified: true });
  expect(mcp.calls.at(-1)).toEqual({ tool: "lookup_vendor", args: { name: "ACME Industrial" }, authorization: "Bearer tok-123" });
});

it("an agent calls an MCP tool in its tool loop and answers with the result", async () => {
  openai.enqueue({ toolCalls: [{ name: "mcp_registry_lookup_vendor", args: { name: "ACME" } }] }, { json: { verified: true, vendorId: "V-1001" } });
  const before = mcp.calls.length;
  const run = await runToEnd({
    name: "MCP agent",
    nodes: [
      {
        id: "checker",
        type: "agent",
        model: "openai:gpt-4o-mini",
        prompt: "Is ACME verified? Use the registry.",
        tools: ["mcp:registry/lookup_vendor"],
        output: { type: "object", properties: { verified: { type: "boolean" }, vendorId: { type: "string" } }, required: ["verified", "vendorId"] },
      },
    ],
  });
  expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
  expect(run.output).toEqual({ verified: true, vendorId: "V-1001" });
  expect(mcp.calls.length).toBe(before + 1);
  const tools = openai.requests[0].body.tools.map((t: { name: string }) => t.name);
  expect(tools).toHaveLength(1);
  // the tool result went back to the model
  expect(JSON.stringify(openai.requests[1].body)).toContain("V-1001");
  expect(run.nodes[0].provenance.toolCalls).toEqual([expect.objectContaining({ name: "mcp:registry/lookup_vendor", ok: true })]);
});

it("a supervisor's inline sub-agent calls its MCP tools in its own tool loop, and the supervisor gets its answer", async () => {
  openai.reset();
  openai.enqueue(
    // the supervisor delegates to the checker
    { toolCalls: [{ id: "s1", name: "checker", args: { task: "Is ACME verified? Use the registry." } }] },
    // the checker calls the registry, then answers its delegation result
    { toolCalls: [{ name: "mcp_registry_lookup_vendor", args: { name: "ACME" } }] },
    { json: { status: "done", output: { verified: true, vendorId: "V-1001" }, confidence: 0.9, rationale: "The registry lists ACME as V-1001." } },
    // the supervisor answers
    { json: { status: "done", output: { vendorId: "V-1001" }, confidence: 0.9, rationale: "checker: verified in the registry" } },
  );
  const before = mcp.calls.length;
  const run = await runToEnd({
    name: "MCP supervised",
    nodes: [
      {
        id: "lead",
        type: "supervisor",
        model: "openai:gpt-4o-mini",
        task: "Find out whether ACME is verified.",
        maxDelegations: 2,
        agents: [
          {
            name: "checker",
            description: "Looks suppliers up in the vendor registry",
            model: "openai:gpt-4o-mini",
            tools: ["mcp:registry/lookup_vendor"],
            maxTurns: 3,
            output: { type: "object", properties: { verified: { type: "boolean" }, vendorId: { type: "string" } } },
          },
        ],
      },
    ],
  });
  expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
  expect(mcp.calls.length).toBe(before + 1);
  // the checker was offered the registry tool; its result went back to it, then up to the supervisor
  expect(openai.requests[1].body.tools.map((t: { name: string }) => t.name)).toEqual(["mcp_registry_lookup_vendor"]);
  expect(JSON.stringify(openai.requests[2].body)).toContain("V-1001");
  expect(JSON.stringify(openai.requests[3].body)).toContain("The registry lists ACME as V-1001.");
  expect(run.nodes[0].output).toMatchObject({ status: "done", output: { vendorId: "V-1001" } });
});

it("an unknown MCP server fails the node with a message saying how to configure it", async () => {
  const run = await runToEnd({ name: "MCP missing", nodes: [{ id: "x", type: "tool", tool: { kind: "mcp", server: "nowhere", tool: "t" } }] });
  expect(run.status).toBe("failed");
  expect(run.error.message).toContain('MCP server "nowhere" is not configured. Add it in Settings → Providers & secrets → MCP servers (configured: registry)');
});

describe("MCP servers a workspace adds in Settings", () => {
  it("are added through the API, tested (tools listed), used by a run, kept to their workspace, and guarded", async () => {
    const put = (name: string, body: unknown, key = tenant.apiKey.key) => callRoute(mcpServerRoute.PUT as never, { key, method: "PUT", params: { name }, body });
    // bad input names the field
    expect((await put("CRM", { url: mcp.url })).status).toBe(422);
    const badUrl = await put("crm", { url: "ftp://x" });
    expect(badUrl.status).toBe(422);
    expect(badUrl.json.issues[0].path).toBe("url");
    // a deployment server's name is reserved
    expect((await put("registry", { url: mcp.url })).status).toBe(409);

    const created = await put("crm", { url: mcp.url, headers: { authorization: "Bearer {{secrets.REGISTRY_TOKEN}}", "x-tenant": "literal-token" } });
    expect(created.status, created.text).toBe(201);
    const listed = await callRoute(mcpServersRoute.GET as never, { key: tenant.apiKey.key });
    const crm = listed.json.servers.find((s: { name: string }) => s.name === "crm");
    // templates are shown back, literal values never
    expect(crm).toMatchObject({ source: "workspace", url: mcp.url, headers: { authorization: "Bearer {{secrets.REGISTRY_TOKEN}}", "x-tenant": "••••••" } });
    expect(JSON.stringify(listed.json)).not.toContain("literal-token");
    expect(listed.json.servers.find((s: { name: string }) => s.name === "registry")).toMatchObject({ source: "deployment" });
    const stored = await getPrisma().mcpServer.findFirstOrThrow({ where: { name: "crm" } });
    expect(stored.encryptedHeaders).not.toContain("literal-token");

    // saving with the masked value keeps the stored one
    expect((await put("crm", { url: mcp.url, headers: { authorization: "Bearer {{secrets.REGISTRY_TOKEN}}", "x-tenant": "••••••" } })).status).toBe(200);

    const probe = await callRoute(mcpTestRoute.POST as never, { key: tenant.apiKey.key, params: { name: "crm" }, body: {} });
    expect(probe.json).toMatchObject({ ok: true, tools: [{ name: "lookup_vendor", ref: "mcp:crm/lookup_vendor" }] });

    const before = mcp.calls.length;
    const run = await runToEnd(
      { name: "Workspace MCP", nodes: [{ id: "lookup", type: "tool", tool: { kind: "mcp", server: "crm", tool: "lookup_vendor", arguments: { name: "{{input.supplier}}" } } }] },
      { supplier: "ACME Corp" },
    );
    expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
    expect(run.output).toMatchObject({ vendorId: "V-1001" });
    expect(mcp.calls.length).toBe(before + 1);
    expect(mcp.calls.at(-1)!.authorization).toBe("Bearer tok-123");

    // another workspace neither sees nor can use it
    const other = await makeTenant("Other MCP Co");
    const theirs = await callRoute(mcpServersRoute.GET as never, { key: other.apiKey.key });
    expect(theirs.json.servers.map((s: { name: string }) => s.name)).not.toContain("crm");
    expect((await callRoute(mcpTestRoute.POST as never, { key: other.apiKey.key, params: { name: "crm" }, body: {} })).status).toBe(404);

    // a workspace server on a private address the deployment did not allow is refused at connect time
    const saved = process.env.SWITCHYARD_OUTBOUND_ALLOW;
    process.env.SWITCHYARD_OUTBOUND_ALLOW = "";
    try {
      const blocked = await callRoute(mcpTestRoute.POST as never, { key: tenant.apiKey.key, params: { name: "crm" }, body: {} });
      expect(blocked.json).toMatchObject({ ok: false });
      expect(blocked.json.error).toMatch(/private, loopback or link-local/);
      // the deployment's own server is trusted
      const deployment = await callRoute(mcpTestRoute.POST as never, { key: tenant.apiKey.key, params: { name: "registry" }, body: {} });
      expect(deployment.json).toMatchObject({ ok: true });
    } finally {
      process.env.SWITCHYARD_OUTBOUND_ALLOW = saved;
    }

    expect((await callRoute(mcpServerRoute.DELETE as never, { key: tenant.apiKey.key, method: "DELETE", params: { name: "crm" } })).status).toBe(204);
    const gone = await runToEnd({ name: "Workspace MCP gone", nodes: [{ id: "lookup", type: "tool", tool: { kind: "mcp", server: "crm", tool: "lookup_vendor", arguments: {} } }] });
    expect(gone.status).toBe("failed");
    expect(gone.error.message).toMatch(/MCP server "crm" is not configured/);
  });
});
