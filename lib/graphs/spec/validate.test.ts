import { describe, expect, it } from "vitest";
import type { TSpecIssue } from "./issues";
import { validateGraphSpec, type TValidateOptions } from "./validate";

/** A small but complete graph: intake + vendor → pricing → review(router) → approval → decision → result. */
function baseSpec(): Record<string, any> {
  return {
    name: "procurement",
    input: {
      type: "object",
      properties: { requestId: { type: "string" }, email: { type: "string" } },
      required: ["requestId", "email"],
    },
    customerKey: "{{input.requestId}}",
    budget: { perRunUsd: 2, perNodeUsd: 0.5, onExceed: "pause" },
    nodes: [
      {
        id: "intake",
        type: "agent",
        model: "sim:fast",
        prompt: "Extract the order from {{input.email}}",
        output: {
          type: "object",
          properties: { supplier: { type: "string" }, items: { type: "array", items: { type: "object", properties: { sku: { type: "string" } } } } },
        },
      },
      {
        id: "vendor",
        type: "tool",
        needs: ["intake"],
        tool: { kind: "http", method: "GET", url: "{{secrets.VENDOR_API_URL}}/vendors?name={{nodes.intake.output.supplier}}" },
        timeout: "30s",
        retries: { attempts: 3, backoff: { initialMs: 1000, factor: 2, maxMs: 10000 } },
      },
      {
        id: "pricing",
        type: "agent",
        needs: ["intake", "vendor"],
        model: { tier: "balanced", fallbacks: ["sim:balanced"] },
        prompt: "Items {{nodes.intake.output.items}}; vendor said {{nodes.vendor.output.body}}",
        output: { type: "object", properties: { total: { type: "number" }, needsHuman: { type: "boolean" } } },
      },
      {
        id: "review",
        type: "router",
        needs: ["pricing"],
        routes: [{ when: "nodes.pricing.output.needsHuman || nodes.pricing.output.total > 1000.0", to: "approval" }],
      },
      { id: "approval", type: "approval", needs: ["review"], assignees: [{ role: "approver" }], context: { pricing: "{{nodes.pricing.output}}" } },
      { id: "decision", type: "agent", needs: ["review", "approval"], model: "sim:fast", prompt: "Approval: {{nodes.approval.output.decision}}" },
      { id: "result", type: "output", needs: ["decision"], value: { text: "{{nodes.decision.output}}", run: "{{run.id}}" } },
    ],
  };
}

function issuesOf(spec: unknown, options?: TValidateOptions): TSpecIssue[] {
  const result = validateGraphSpec(spec, options);
  if (result.ok) throw new Error("expected the spec to be invalid");
  return result.issues;
}

function messagesOf(spec: unknown, options?: TValidateOptions): string[] {
  return issuesOf(spec, options).map((issue) => issue.message);
}

/** Applies `edit` to a fresh base spec and returns the messages. */
function messagesAfter(edit: (spec: Record<string, any>) => void, options?: TValidateOptions): string[] {
  const spec = baseSpec();
  edit(spec);
  return messagesOf(spec, options);
}

const node = (spec: Record<string, any>, id: string) => spec.nodes.find((n: { id: string }) => n.id === id);

describe("validateGraphSpec: valid specs", () => {
  it("accepts the base spec and returns it typed", () => {
    const result = validateGraphSpec(baseSpec());
    expect(result).toEqual({ ok: true, spec: baseSpec(), warnings: [] });
  });

  it("accepts every node type", () => {
    const spec = baseSpec();
    spec.nodes.push(
      { id: "pause", type: "wait", needs: ["result"], sleep: "1h" },
      { id: "invoice", type: "wait", needs: ["pause"], event: { name: "invoice.received", when: "event.requestId == input.requestId" }, timeout: "7d" },
      { id: "child", type: "subgraph", needs: ["invoice"], graph: "archive", version: 2, input: { id: "{{input.requestId}}" } },
      {
        id: "boss",
        type: "supervisor",
        needs: ["child"],
        model: "anthropic:claude-sonnet-4-5",
        task: "Reconcile {{nodes.pricing.output.total}}",
        agents: [
          { name: "auditor", description: "Checks numbers", model: "openai:gpt-4o-mini", tools: ["calculator"] },
          { name: "archivist", description: "Files documents", graph: "archive" },
        ],
        maxDelegations: 5,
        escalateTo: { role: "admin" },
      },
      { id: "mcp", type: "tool", needs: ["boss"], tool: { kind: "mcp", server: "files", tool: "write", arguments: { text: "{{nodes.boss.output.rationale}}" } } },
    );
    expect(validateGraphSpec(spec, { knownTools: ["calculator", "mcp:files/write"], knownGraphs: ["archive"] })).toMatchObject({ ok: true });
  });
});

describe("validateGraphSpec: schema issues", () => {
  it("rejects non-objects", () => {
    expect(messagesOf([])).toEqual(["a graph spec must be a JSON object with a name and nodes"]);
  });

  it("reports missing required fields", () => {
    expect(messagesOf({ nodes: [] })).toEqual(["name: is required", "nodes: needs at least one node (got 0 items)"]);
    expect(messagesOf({ name: "x", nodes: [{ id: "a", type: "router", routes: [] }], tags: "t" })).toEqual([
      "tags: must be an array (got a string \"t\")",
      "nodes[0] (a).routes: needs at least one route (got 0 items)",
    ]);
  });

  it("names the node by index and id", () => {
    const issues = issuesOf({ ...baseSpec(), nodes: [{ id: "intake", type: "agent", model: "sim:fast" }] });
    expect(issues).toEqual([{ path: "nodes[0] (intake).prompt", nodeId: "intake", field: "prompt", message: "nodes[0] (intake).prompt: is required" }]);
  });

  it("refuses an empty agent prompt and an empty HTTP URL, saying what to write", () => {
    const issues = issuesOf({
      ...baseSpec(),
      nodes: [
        { id: "intake", type: "agent", model: "sim:fast", prompt: "  " },
        { id: "call", type: "tool", needs: ["intake"], tool: { kind: "http", method: "GET", url: "" } },
      ],
    });
    expect(issues.map((i) => [i.nodeId, i.field, i.message])).toEqual([
      ["intake", "prompt", "nodes[0] (intake).prompt: must not be empty: write what the agent should do, e.g. Summarise {{input.text}}"],
      ["call", "tool.url", "nodes[1] (call).tool.url: must not be empty: the URL to call, e.g. {{secrets.VENDOR_API_URL}}/vendors"],
    ]);
  });

  it("suggests node types", () => {
    expect(messagesAfter((s) => (node(s, "approval").type = "aproval"))).toEqual([
      'nodes[4] (approval).type: unknown type "aproval" — did you mean "approval"? (expected one of agent, tool, router, approval, supervisor, map, subgraph, wait, output)',
    ]);
  });

  it("suggests trigger types and checks their key fields", () => {
    expect(messagesAfter((s) => (s.triggers = [{ type: "shedule", cron: "0 * * * *" }, { type: "schedule" }, { type: "webhook", anything: 1 }]))).toEqual([
      'triggers[0].type: unknown type "shedule" — did you mean "schedule"? (expected one of schedule, webhook, email, api, event, graph_completed, watch)',
      "triggers[1].cron: is required",
      'triggers[2].anything: unknown field "anything" — remove it',
    ]);
  });

  it("checks a trigger's input mapping, which reads only what the trigger received", () => {
    expect(
      messagesAfter((s) => {
        s.triggers = [
          { type: "webhook", input: { supplier: "{{event.body.supplier}}", lines: ["{{input.lines}}"] } },
          { type: "event", name: "invoice.received", input: { id: "{{nodes.intake.output}}" } },
        ];
      }),
    ).toEqual([
      "triggers[0].input.lines[0]: {{input.lines}}: a trigger's input mapping reads only event (what the trigger received), e.g. {{event.body.id}} — the run and its input do not exist yet",
      "triggers[1].input.id: {{nodes.intake.output}}: a trigger's input mapping reads only event (what the trigger received), e.g. {{event.body.id}} — the run and its input do not exist yet",
    ]);
  });

  it("suggests field names for unknown keys", () => {
    expect(
      messagesAfter((s) => {
        node(s, "pricing").need = node(s, "pricing").needs;
        delete node(s, "pricing").needs;
      }),
    ).toContain('nodes[2] (pricing).need: unknown field "need" — did you mean "needs"?');
  });

  it("says to remove fields it cannot place", () => {
    expect(messagesAfter((s) => (s.colour = "blue"))).toEqual(['colour: unknown field "colour" — remove it']);
  });

  it("explains misplaced known fields", () => {
    expect(messagesAfter((s) => (node(s, "vendor").url = "http://x"))).toEqual([
      'nodes[1] (vendor).url: unknown field "url" — "url" is not valid here; remove it or move it where it belongs',
    ]);
  });

  it("checks ids, durations, retries and enums", () => {
    expect(
      messagesAfter((s) => {
        node(s, "vendor").timeout = "30 seconds";
        node(s, "vendor").retries.attempts = 0;
        node(s, "vendor").tool.method = "GTE";
        s.budget.onExceed = "halt";
      }),
    ).toEqual([
      'budget.onExceed: must be one of "pause", "stop", "downgrade" (got "halt")',
      "nodes[1] (vendor).retries.attempts: must be at least 1, since the first try counts (got 0)",
      'nodes[1] (vendor).timeout: is not a duration — use a number with a unit, e.g. "500ms", "30s", "5m", "2h", "3d" or "1h30m"',
      'nodes[1] (vendor).tool.method: must be one of "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" (got "GTE") — did you mean "GET"?',
    ]);
  });

  it("rejects ids that templates and CEL cannot address", () => {
    const messages = messagesAfter((s) => s.nodes.push({ id: "send-mail", type: "output", needs: ["result"], value: 1 }));
    expect(messages).toEqual([
      "nodes[7] (send-mail).id: must start with a letter and contain only letters, digits and underscores (it is used as nodes.<id> in templates and conditions)",
    ]);
  });

  it("picks the union alternative the author was writing", () => {
    expect(messagesAfter((s) => (node(s, "vendor").onError = { fallbak: "x" }))).toEqual([
      "nodes[1] (vendor).onError.fallback: is required",
      'nodes[1] (vendor).onError.fallbak: unknown field "fallbak" — did you mean "fallback"?',
    ]);
    expect(messagesAfter((s) => (node(s, "intake").model = "gpt-4o"))).toEqual([
      'nodes[0] (intake).model: must be "provider:model", e.g. "openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5" or "sim:fast"',
    ]);
    expect(messagesAfter((s) => (node(s, "pricing").model = { tier: "huge" }))).toEqual([
      'nodes[2] (pricing).model.tier: must be one of "cheap", "balanced", "strong" (got "huge")',
    ]);
  });

  it("requires plain JSON in free-form fields", () => {
    expect(messagesAfter((s) => (node(s, "result").value = { when: new Date(0) }))).toEqual([
      "nodes[6] (result).value: must be plain JSON (strings, numbers, booleans, null, arrays and objects)",
    ]);
  });

  it("still runs graph checks when a node fails the schema", () => {
    expect(
      messagesAfter((s) => {
        delete node(s, "decision").prompt;
        node(s, "pricing").needs = ["intake", "vendr"];
      }),
    ).toEqual(['nodes[2] (pricing).needs: unknown node "vendr" — did you mean "vendor"?', "nodes[5] (decision).prompt: is required"]);
  });
});

describe("validateGraphSpec: graph checks", () => {
  it("reports unknown needs with a suggestion", () => {
    const issues = issuesOf((() => {
      const s = baseSpec();
      node(s, "pricing").needs = ["intake", "vendr"];
      return s;
    })());
    expect(issues).toEqual([
      { path: "nodes[2] (pricing).needs", nodeId: "pricing", field: "needs", message: 'nodes[2] (pricing).needs: unknown node "vendr" — did you mean "vendor"?' },
    ]);
  });

  it("reports duplicate ids", () => {
    expect(messagesAfter((s) => s.nodes.push({ ...node(s, "result"), needs: ["result"] }))).toEqual([
      'nodes[7] (result).id: duplicate id "result" — nodes[6] already uses it; ids must be unique',
      "nodes[7] (result).needs: a node cannot need itself — remove it from needs",
    ]);
  });

  it("reports repeated and self needs", () => {
    expect(messagesAfter((s) => (node(s, "pricing").needs = ["intake", "vendor", "intake", "pricing"]))).toEqual([
      'nodes[2] (pricing).needs: lists "intake" more than once — remove the repeat',
      "nodes[2] (pricing).needs: a node cannot need itself — remove it from needs",
    ]);
  });

  it("names cycles", () => {
    expect(messagesAfter((s) => (node(s, "intake").needs = ["pricing"]))).toEqual([
      'nodes[0] (intake).needs: dependency cycle intake → pricing → intake (→ means "needs") — remove one of these needs so the graph can start',
    ]);
  });

  it("reports nodes not connected to the graph", () => {
    expect(messagesAfter((s) => s.nodes.push({ id: "notes", type: "agent", model: "sim:fast", prompt: "hi" }))).toEqual([
      'nodes[7] (notes): is not connected to the rest of the graph (which starts at "intake") — add it to another node\'s needs, or give it needs',
    ]);
  });

  it("checks router targets", () => {
    expect(
      messagesAfter((s) => {
        node(s, "review").routes.push({ when: "true", to: ["aproval", "result"] });
        node(s, "review").default = "decision";
      }),
    ).toEqual([
      'nodes[3] (review).routes[1].to: unknown node "aproval" — did you mean "approval"?',
      'nodes[3] (review).routes[1].to: "result" must list "review" in its needs to be routed to — add "review" to nodes[6] (result).needs',
    ]);
  });

  it("checks fallbacks", () => {
    expect(messagesAfter((s) => (node(s, "vendor").onError = { fallback: "vendr" }))).toEqual([
      'nodes[1] (vendor).onError.fallback: unknown node "vendr" — did you mean "vendor"?',
    ]);
    expect(messagesAfter((s) => (node(s, "vendor").onError = { fallback: "vendor" }))).toEqual([
      "nodes[1] (vendor).onError.fallback: a node cannot be its own fallback",
    ]);
    expect(messagesAfter((s) => (node(s, "vendor").onError = { fallback: "pricing" }))).toEqual([
      'nodes[1] (vendor).onError.fallback: "pricing" needs "vendor", so it cannot stand in for it when it fails — remove that need or pick another fallback',
    ]);
  });

  it("checks wait, approval and supervisor rules", () => {
    expect(
      messagesAfter((s) => {
        s.nodes.push({ id: "w1", type: "wait", needs: ["result"] }, { id: "w2", type: "wait", needs: ["w1"], sleep: "1h", event: { name: "x" } });
        Object.assign(node(s, "approval"), { onTimeout: "escalate" });
        s.nodes.push({
          id: "boss",
          type: "supervisor",
          needs: ["w2"],
          model: "sim:strong",
          task: "t",
          agents: [
            { name: "a", description: "x", model: "sim:fast" },
            { name: "a", description: "y", model: "sim:fast", fallback: "b" },
            { name: "c", description: "z", http: { url: "https://agents.example.com/c" }, fallback: "c" },
          ],
          maxDelegations: 2,
        });
        s.nodes.push({ id: "each", type: "map", needs: ["boss"], items: "{{nodes.boss.output.output}}" });
      }),
    ).toEqual([
      'nodes[4] (approval).onTimeout: has no effect without a timeout — set timeout, e.g. "3d"',
      'nodes[4] (approval).escalateTo: is required when onTimeout is "escalate" — e.g. [{ role: "admin" }]',
      'nodes[7] (w1): must wait for something — set sleep (e.g. "1h") or event ({ name: "invoice.received" })',
      "nodes[8] (w2): waits for either a sleep or an event, not both — remove one (use timeout to bound an event wait)",
      'nodes[9] (boss).agents[1].name: duplicate agent name "a" — names must be unique within a supervisor',
      'nodes[9] (boss).agents[1].fallback: unknown agent "b" — did you mean "a"? (a fallback is another agent of this supervisor)',
      "nodes[9] (boss).agents[2].fallback: an agent cannot be its own fallback — name another agent of this supervisor",
      "nodes[10] (each): runs either an agent or a graph per item — set exactly one of agent and graph",
    ]);
  });

  it("checks budgets and backoff bounds", () => {
    expect(
      messagesAfter((s) => {
        s.budget.perNodeUsd = 3;
        node(s, "intake").budgetUsd = 5;
        node(s, "vendor").retries.backoff.maxMs = 10;
      }),
    ).toEqual([
      "budget.perNodeUsd: is more than budget.perRunUsd (2) — a single node could never use it",
      "nodes[0] (intake).budgetUsd: is more than the whole run may spend (budget.perRunUsd = 2) — lower it or raise the run budget",
      "nodes[1] (vendor).retries.backoff.maxMs: must be at least initialMs (1000)",
    ]);
  });

  it("checks the forecast approval threshold", () => {
    expect(messagesAfter((s) => (s.budget.requireApprovalAboveUsd = -1))).toEqual(["budget.requireApprovalAboveUsd: must be zero or a positive amount of US dollars (got -1)"]);
    expect(messagesAfter((s) => (s.budget.requireApprovalAboveUsd = "5"))).toEqual([expect.stringMatching(/^budget\.requireApprovalAboveUsd: .*number/)]);
    const ok = baseSpec();
    ok.budget.requireApprovalAboveUsd = 0.5;
    expect(validateGraphSpec(ok).ok).toBe(true);
  });

  it("requires an object input schema", () => {
    expect(messagesAfter((s) => (s.input = { type: "string" }))).toContain(
      'input.type: must be "object": a run input is a JSON object whose fields templates read as {{input.<field>}}',
    );
  });
});

describe("validateGraphSpec: templates and conditions", () => {
  it("reports template syntax errors", () => {
    expect(messagesAfter((s) => (node(s, "intake").prompt = "Extract {{input.email"))).toEqual([
      'nodes[0] (intake).prompt: "{{" is never closed — close it with "}}" (write \\{{ for a literal "{{")',
    ]);
  });

  it("reports unknown nodes and fields in templates", () => {
    expect(
      messagesAfter((s) => {
        node(s, "pricing").prompt = "{{nodes.vendr.output}} {{nodes.intake.output.supplr}} {{nodes.intake.outputs}} {{input.reqId}} {{run.idd}}";
      }),
    ).toEqual([
      'nodes[2] (pricing).prompt: {{nodes.vendr.output}} reads unknown node "vendr" — did you mean "vendor"?',
      'nodes[2] (pricing).prompt: {{nodes.intake.output.supplr}}: nodes.intake.output has no field "supplr" — did you mean "supplier"?',
      'nodes[2] (pricing).prompt: {{nodes.intake.outputs}}: a node\'s result has "output" and "status", not "outputs" — did you mean "output"?',
      "nodes[2] (pricing).prompt: {{input.reqId}}: input has no field \"reqId\" — fix the name or add the field to the graph's input schema",
      'nodes[2] (pricing).prompt: {{run.idd}}: runs have no "idd" — did you mean "id"? (available: id, graph, version, startedAt, customerKey)',
    ]);
  });

  it("only lets a node read nodes it transitively needs", () => {
    expect(messagesAfter((s) => (node(s, "vendor").tool.url = "{{nodes.pricing.output.total}}"))).toEqual([
      'nodes[1] (vendor).tool.url: {{nodes.pricing.output.total}} reads "pricing", which this node does not need, so it may not have run yet — add "pricing" to needs',
    ]);
    expect(messagesAfter((s) => (node(s, "intake").prompt = "{{nodes.intake.output}}"))).toEqual([
      "nodes[0] (intake).prompt: {{nodes.intake.output}} reads this node's own result, which does not exist while it runs",
    ]);
  });

  it("checks paths into output shapes of each node type", () => {
    expect(
      messagesAfter((s) => {
        node(s, "result").value = {
          a: "{{nodes.decision.output.text}}",
          b: "{{nodes.vendor.output.statuscode}}",
          c: "{{nodes.approval.output.decison}}",
          d: "{{nodes.intake.output.items.first}}",
          e: "{{nodes.intake.output.items.0.sku}}",
          f: "{{nodes.decision.status.code}}",
        };
      }),
    ).toEqual([
      'nodes[6] (result).value.a: {{nodes.decision.output.text}}: nodes.decision.output is plain text, so it has no field "text" — give "decision" an output schema to return structured data',
      'nodes[6] (result).value.b: {{nodes.vendor.output.statuscode}}: nodes.vendor.output has no field "statuscode"',
      'nodes[6] (result).value.c: {{nodes.approval.output.decison}}: nodes.approval.output has no field "decison" — did you mean "decision"?',
      "nodes[6] (result).value.d: {{nodes.intake.output.items.first}}: nodes.intake.output.items is a list; use an index such as nodes.intake.output.items.0",
      "nodes[6] (result).value.f: {{nodes.decision.status.code}}: nodes.decision.status is a string (succeeded, failed, skipped), so it has no fields",
    ]);
  });

  it("keeps graph-level templates away from nodes", () => {
    expect(messagesAfter((s) => (s.customerKey = "{{nodes.intake.output.supplier}}"))).toEqual([
      "customerKey: {{nodes.intake.output.supplier}} cannot read nodes: it is computed before any node runs — use input or run",
    ]);
  });

  it("checks event trigger conditions, which only see the event", () => {
    expect(
      messagesAfter((s) => {
        s.triggers = [
          { type: "event", name: "order.created", when: "event.total > 10.0" },
          { type: "event", name: "order.created", when: "input.total > 10.0" },
        ];
      }),
    ).toEqual([
      'triggers[1].when: condition "input.total > 10.0" is invalid: Unknown variable: input (at character 1) — trigger conditions can use event',
    ]);
  });

  it("checks trigger ids and graph_completed triggers", () => {
    expect(
      messagesAfter((s) => {
        s.triggers = [
          { type: "event", name: "order.created" },
          { type: "event", id: "event", name: "order.updated" },
          { type: "graph_completed", graph: s.name, status: ["failed"] },
          { type: "graph_completed", graph: "other", when: "run.status == 'x'" },
        ];
      }),
    ).toEqual([
      'triggers[1].id: duplicate trigger id "event" — triggers[0] already uses it; give each trigger its own id',
      'triggers[3].when: condition "run.status == \'x\'" is invalid: Unknown variable: run (at character 1) — trigger conditions can use event',
      `triggers[2].graph: "procurement" is this graph — a graph started by its own completion would run forever`,
    ]);
  });

  it("reports CEL syntax errors and bad references in conditions", () => {
    expect(messagesAfter((s) => (node(s, "review").routes[0].when = "nodes.pricing.output.total >"))).toEqual([
      'nodes[3] (review).routes[0].when: condition "nodes.pricing.output.total >" does not parse: Unexpected token: EOF (at character 29)',
    ]);
    expect(messagesAfter((s) => (node(s, "review").routes[0].when = "nodes.pricng.output.total > 1.0 && nodes.pricing.output.totl > 2.0"))).toEqual([
      'nodes[3] (review).routes[0].when: condition "nodes.pricng.output.total > 1.0 && nodes.pricing.output.totl > 2.0": nodes.pricng.output.total reads unknown node "pricng" — did you mean "pricing"?',
      'nodes[3] (review).routes[0].when: condition "nodes.pricng.output.total > 1.0 && nodes.pricing.output.totl > 2.0": nodes.pricing.output.totl: nodes.pricing.output has no field "totl" — did you mean "total"?',
    ]);
    expect(messagesAfter((s) => (node(s, "review").routes[0].when = "nodes.decision.output == 'x'"))).toEqual([
      `nodes[3] (review).routes[0].when: condition "nodes.decision.output == 'x'": nodes.decision.output reads "decision", which this node does not need, so it may not have run yet — add "decision" to needs`,
    ]);
  });
});

describe("validateGraphSpec: models, tools and graphs", () => {
  it("accepts the default providers and suggests on typos", () => {
    expect(messagesAfter((s) => (node(s, "intake").model = "opnai:gpt-4o"))).toEqual([
      'nodes[0] (intake).model: unknown model provider "opnai" in "opnai:gpt-4o" — did you mean "openai"? (providers: sim, openai, anthropic, openai-compatible)',
    ]);
    expect(messagesAfter((s) => (node(s, "pricing").model.fallbacks = ["sim:fast", "mistral:large"]))).toEqual([
      'nodes[2] (pricing).model.fallbacks[1]: unknown model provider "mistral" in "mistral:large" (providers: sim, openai, anthropic, openai-compatible)',
    ]);
  });

  it("accepts only the simulated models that exist", () => {
    expect(messagesAfter((s) => (node(s, "intake").model = "sim:nope"))).toEqual([
      'nodes[0] (intake).model: unknown simulated model "sim:nope" (simulated models: sim:fast, sim:balanced, sim:strong)',
    ]);
    expect(messagesAfter((s) => (node(s, "pricing").model.fallbacks = ["sim:fats"]))).toEqual([
      'nodes[2] (pricing).model.fallbacks[0]: unknown simulated model "sim:fats" — did you mean "sim:fast"? (simulated models: sim:fast, sim:balanced, sim:strong)',
    ]);
  });

  it("uses an injected model check", () => {
    const isKnownModel = (id: string) => id !== "openai:gpt-9";
    expect(messagesAfter((s) => (node(s, "decision").model = "openai:gpt-9"), { isKnownModel })).toEqual([
      'nodes[5] (decision).model: unknown model "openai:gpt-9": it is not in the model catalogue — fix the name, or add it as a custom model with its prices under Costs → Models',
    ]);
  });

  it("warns, without refusing, about a model whose provider the workspace cannot call", () => {
    const spec = baseSpec();
    node(spec, "decision").model = "anthropic:claude-haiku-4-5";
    node(spec, "pricing").model.fallbacks = ["sim:balanced", "openai:gpt-4o-mini"];
    const result = validateGraphSpec(spec, { isProviderConfigured: (provider) => provider === "openai" });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.path, w.message])).toEqual([
      [
        "nodes[5] (decision).model",
        'nodes[5] (decision).model: the workspace has no Anthropic API key configured, so runs will fail at "anthropic:claude-haiku-4-5" until one is added in Settings → Providers',
      ],
    ]);
    expect(validateGraphSpec(spec, { isProviderConfigured: () => true }).warnings).toEqual([]);
  });

  it("checks tools when the workspace lists them", () => {
    const spec = baseSpec();
    node(spec, "intake").tools = ["serch", "calculator"];
    spec.nodes.push({ id: "files", type: "tool", needs: ["result"], tool: { kind: "mcp", server: "fs", tool: "write" } });
    expect(messagesOf(spec, { knownTools: ["search", "calculator", "mcp:fs/read"] })).toEqual([
      'nodes[0] (intake).tools[0]: unknown tool "serch" — did you mean "search"? — configure it in the workspace or remove it',
      'nodes[7] (files).tool: unknown MCP tool "mcp:fs/write" — did you mean "mcp:fs/read"? — add the server in the workspace settings or fix the name',
    ]);
    expect(validateGraphSpec(spec)).toMatchObject({ ok: true });
  });

  it("refuses approval assignees that resolve to no one", () => {
    expect(messagesAfter((s) => (node(s, "approval").assignees = [{ role: "aprover" }]))).toEqual([
      'nodes[4] (approval).assignees[0].role: unknown role "aprover" — did you mean "approver"? (roles: owner, admin, editor, approver, finance, viewer)',
    ]);
    expect(messagesAfter((s) => Object.assign(node(s, "approval"), { timeout: "3d", onTimeout: "escalate", escalateTo: [{ role: "managers" }] }))).toEqual([
      'nodes[4] (approval).escalateTo[0].role: unknown role "managers" (roles: owner, admin, editor, approver, finance, viewer)',
    ]);
    const isMember = (user: string) => user === "ana@example.com";
    const spec = baseSpec();
    node(spec, "approval").assignees = [{ user: "ana@example.com" }, { user: "eve@example.com" }];
    expect(messagesOf(spec, { isMember })).toEqual([
      'nodes[4] (approval).assignees[1].user: "eve@example.com" is not a member of this workspace — invite them first, or assign a role',
    ]);
  });

  it("checks subgraphs against known graphs and itself", () => {
    const spec = baseSpec();
    spec.nodes.push({ id: "child", type: "subgraph", needs: ["result"], graph: "archiv" }, { id: "loop", type: "subgraph", needs: ["child"], graph: "procurement" });
    expect(messagesOf(spec, { knownGraphs: ["archive"] })).toEqual([
      'nodes[7] (child).graph: unknown graph "archiv" — did you mean "archive"? — save that graph first or fix the name',
      'nodes[8] (loop).graph: "procurement" is this graph — a graph cannot run itself as a subgraph',
    ]);
    expect(messagesOf(spec, { knownGraphs: ({ graph }) => graph === "nothing" })[0]).toBe(
      'nodes[7] (child).graph: unknown graph "archiv" — save that graph first or fix the name',
    );
  });
});

describe("validateGraphSpec: JSON Schemas", () => {
  it("refuses an output or input schema that is not JSON Schema 2020-12, naming the place", () => {
    expect(messagesAfter((s) => (node(s, "pricing").output = { type: "object", properties: 5 }))).toEqual([
      "nodes[2] (pricing).output.properties: is not a valid JSON Schema (2020-12): must be an object",
    ]);
    expect(messagesAfter((s) => (s.input.properties.email = { type: "text" }))).toEqual([
      'input.properties.email.type: is not a valid JSON Schema (2020-12): must be one of "array", "boolean", "integer", "null", "number", "object", "string"',
    ]);
    expect(messagesAfter((s) => (s.output = { $ref: "#/$defs/missing" }))[0]).toMatch(/^output: is not a valid JSON Schema \(2020-12\): cannot be used: can't resolve reference #\/\$defs\/missing/);
  });

  it("accepts 2020-12 keywords", () => {
    const spec = baseSpec();
    node(spec, "intake").output.$defs = { sku: { type: "string" } };
    node(spec, "intake").output.properties.pair = { type: "array", prefixItems: [{ $ref: "#/$defs/sku" }] };
    expect(validateGraphSpec(spec)).toMatchObject({ ok: true });
  });

  it("refuses a spec nested deeper than the limit without overflowing the stack", () => {
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 5000; i++) deep = { type: "object", properties: { a: deep } };
    const spec = baseSpec();
    spec.input = deep;
    expect(messagesOf(spec)).toEqual(["input: is nested more than 64 levels deep (objects and arrays inside each other) — flatten it"]);
    const inNode = baseSpec();
    node(inNode, "intake").output = deep;
    expect(issuesOf(inNode).map((i) => i.path)).toEqual(["nodes[0] (intake).output"]);
  });
});

describe("validateGraphSpec: properties over random graphs", () => {
  let seed = 11;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;

  /** A random connected DAG whose nodes read every node they directly need. */
  function randomSpec(size: number): Record<string, any> {
    const nodes = Array.from({ length: size }, (_, i) => {
      const needs = i === 0 ? [] : [...new Set([Math.floor(random() * i), ...Array.from({ length: i }, (_, j) => j).filter(() => random() < 0.2)])];
      return {
        id: `step${i}`,
        type: "agent",
        model: "sim:fast",
        ...(needs.length ? { needs: needs.map((j) => `step${j}`) } : {}),
        prompt: needs.map((j) => `{{nodes.step${j}.output}}`).join(" ") || "{{input}}",
      };
    });
    return { name: "random", nodes };
  }

  it("accepts every random connected DAG", () => {
    for (let round = 0; round < 40; round++) {
      const spec = randomSpec(2 + Math.floor(random() * 15));
      expect(validateGraphSpec(spec), JSON.stringify(spec)).toMatchObject({ ok: true });
    }
  });

  it("finds a misspelt need and suggests the right one", () => {
    for (let round = 0; round < 20; round++) {
      const spec = randomSpec(3 + Math.floor(random() * 10));
      const withNeeds = spec.nodes.filter((n: { needs?: string[] }) => n.needs);
      const victim = withNeeds[Math.floor(random() * withNeeds.length)];
      const target = victim.needs[0];
      victim.needs[0] = target.replace("step", "stpe");
      expect(messagesOf(spec)).toContain(
        `nodes[${spec.nodes.indexOf(victim)}] (${victim.id}).needs: unknown node "${victim.needs[0]}" — did you mean "${target}"?`,
      );
    }
  });

  it("finds every back edge as a cycle", () => {
    for (let round = 0; round < 20; round++) {
      const spec = randomSpec(3 + Math.floor(random() * 10));
      const last = spec.nodes[spec.nodes.length - 1];
      spec.nodes[0].needs = [last.id];
      expect(messagesOf(spec).some((m) => m.startsWith("nodes[0] (step0).needs: dependency cycle step0 → "))).toBe(true);
    }
  });
});

describe("validateGraphSpec: map item templates", () => {
  const withMap = (map: Record<string, unknown>, extra: Record<string, unknown>[] = []) => ({
    name: "Lines",
    input: { type: "object", properties: { lines: { type: "array" } } },
    nodes: [{ id: "each", type: "map", items: "{{input.lines}}", ...map }, ...extra],
  });

  it("accepts {{item}}, {{item.<path>}} and {{index}} in a map's agent and graph.input, unchecked against any schema", () => {
    expect(validateGraphSpec(withMap({ agent: { model: "sim:fast", instructions: "Line {{index}}", prompt: "Price {{item.sku}} × {{item.qty.value}}: {{item}}" } }))).toMatchObject({ ok: true });
    expect(validateGraphSpec(withMap({ graph: { graph: "price-line", input: { line: "{{item}}", position: "{{index}}", nested: ["{{item.sku}}"] } } }))).toMatchObject({ ok: true });
  });

  it("refuses {{item}} and {{index}} anywhere else, naming the field", () => {
    expect(messagesOf(withMap({ items: "{{item.lines}}", agent: { model: "sim:fast", prompt: "p" } }))).toEqual([
      "nodes[0] (each).items: {{item.lines}}: item is only set inside a map node's agent and graph.input (the current item and its position)",
    ]);
    expect(messagesOf(withMap({ agent: { model: "sim:fast", prompt: "{{item}}" } }, [{ id: "after", type: "agent", needs: ["each"], model: "sim:fast", prompt: "Line {{index}}" }]))).toEqual([
      "nodes[1] (after).prompt: {{index}}: index is only set inside a map node's agent and graph.input (the current item and its position)",
    ]);
    expect(messagesOf(withMap({ agent: { model: "sim:fast", prompt: "{{index.x}}" } }))).toEqual([
      "nodes[0] (each).agent.prompt: {{index.x}}: index is the item's position, a number, so it has no fields",
    ]);
  });

  it("lets later nodes read a map's output as a list of the agent's outputs", () => {
    const spec = withMap({ agent: { model: "sim:fast", prompt: "{{item}}", output: { type: "object", properties: { total: { type: "number" } } } } }, [
      { id: "sum", type: "agent", needs: ["each"], model: "sim:fast", prompt: "{{nodes.each.output.0.total}} {{nodes.each.output.0.totl}}" },
    ]);
    expect(messagesOf(spec)).toEqual([expect.stringContaining('nodes[1] (sum).prompt: {{nodes.each.output.0.totl}}: nodes.each.output.0 has no field "totl"')]);
  });
});
