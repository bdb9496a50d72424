/**
 * A supervisor survives an engine crash mid-delegation: the engine process is killed with
 * SIGKILL while delegations are in flight and started again; the supervision resumes, and
 * delegations that had ended are neither run nor paid for again (one ledger row each).
 */
import { useCrashHarness } from "../crash-harness";
import { expect, it } from "vitest";
import { callRoute } from "../use-test-database";
import { getPrisma } from "../../lib/db/client";
import { makeTenant } from "../../prisma/factories";

// every simulated call takes 300 ms, so delegations are in flight when the engine dies
const crash = useCrashHarness("supcrash", { kill: "engine", env: { SWITCHYARD_SIM_LATENCY_MS: "300" } });

it("resumes a supervisor after SIGKILL of the engine mid-delegation without paying twice", async () => {
  const tenant = await makeTenant("Crash Supervision Co");
  const { POST: createGraph } = await import("../../app/api/v1/graphs/route");
  const { POST: startRun } = await import("../../app/api/v1/graphs/[id]/runs/route");
  // six agents whose descriptions (and so the tasks the supervisor gives them) grow longer one
  // after the other: each delegation's model call has its own prompt size, which tells the
  // ledger rows apart (a call run again has the same prompt, so the same size)
  const names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
  const spec = {
    name: "Crash supervision",
    nodes: [
      {
        id: "lead",
        type: "supervisor",
        model: "sim:strong",
        task: "Collect six opinions",
        maxDelegations: 6,
        maxParallel: 2,
        agents: names.map((name, i) => ({ name, description: `Gives the ${name} opinion${" on quality".repeat(i * 2)}`, model: "sim:fast" })),
      },
    ],
  };
  const graph = await callRoute(createGraph as never, { key: tenant.apiKey.key, body: spec });
  expect(graph.status, graph.text).toBe(201);
  const started = await callRoute(startRun as never, { key: tenant.apiKey.key, params: { id: graph.json.id }, body: { input: {} } });
  const runId = started.json.runId as string;

  // let two delegations end, then kill the engine while the next ones are in flight
  for (let i = 0; i < 600; i++) {
    if ((await getPrisma().delegation.count({ where: { runId, status: "done" } })) >= 2) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await crash.crash();
  const endedBeforeCrash = (await getPrisma().delegation.findMany({ where: { runId, status: "done" }, select: { agent: true } })).map((d) => d.agent);
  expect(endedBeforeCrash.length).toBeGreaterThanOrEqual(2);
  expect(endedBeforeCrash.length).toBeLessThan(6);
  await crash.restart();

  const run = await crash.waitForEnd(runId);
  expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
  const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
  expect(rows.map((r) => [r.seq, r.agent, r.status])).toEqual(names.map((name, i) => [i + 1, name, "done"]));
  const ledger = await getPrisma().costEntry.findMany({ where: { runId }, select: { model: true, inputTokens: true } });
  const sizes = [...new Set(ledger.filter((e) => e.model === "sim:fast").map((e) => e.inputTokens))].sort((a, b) => a - b);
  expect(sizes).toHaveLength(names.length);
  const calls = (agent: string) => ledger.filter((e) => e.model === "sim:fast" && e.inputTokens === sizes[names.indexOf(agent)]).length;
  // a delegation that had ended was not run again: one model call, one ledger row
  for (const agent of endedBeforeCrash) expect(calls(agent), agent).toBe(1);
  // one in flight at the crash may have been called once more (its step had not been recorded); never more
  for (const agent of names) {
    expect(calls(agent), agent).toBeGreaterThanOrEqual(1);
    expect(calls(agent), agent).toBeLessThanOrEqual(2);
  }
  expect(ledger.filter((e) => e.model === "sim:fast").length).toBeLessThanOrEqual(names.length + 2);
  // the planning turns: delegate, then answer (the one in flight at the crash may have run again)
  const turns = ledger.filter((e) => e.model === "sim:strong").length;
  expect(turns).toBeGreaterThanOrEqual(2);
  expect(turns).toBeLessThanOrEqual(3);
}, 120_000);

it("resumes a supervisor whose delegations are saved graphs after SIGKILL of the engine: one child run per delegation, an ended child neither run nor paid again", async () => {
  const tenant = await makeTenant("Crash Supervision Graphs Co");
  const { POST: createGraph } = await import("../../app/api/v1/graphs/route");
  const { POST: startRun } = await import("../../app/api/v1/graphs/[id]/runs/route");
  // four saved graphs, each one agent whose prompt has its own size (telling their ledger rows apart)
  const names = ["north", "east", "south", "west"];
  const children: string[] = [];
  for (const [i, name] of names.entries()) {
    const g = await callRoute(createGraph as never, {
      key: tenant.apiKey.key,
      body: {
        name: `Crash child ${name}`,
        nodes: [
          { id: "answer", type: "agent", model: "sim:fast", prompt: `Give the ${name} view${" in detail".repeat(i * 3)}: {{input.task}}` },
          { id: "out", type: "output", needs: ["answer"], value: "{{nodes.answer.output}}" },
        ],
      },
    });
    expect(g.status, g.text).toBe(201);
    children.push(g.json.id);
  }
  const graph = await callRoute(createGraph as never, {
    key: tenant.apiKey.key,
    body: {
      name: "Crash supervision of graphs",
      nodes: [
        {
          id: "lead",
          type: "supervisor",
          model: "sim:strong",
          task: "Collect four views",
          maxDelegations: 4,
          maxParallel: 2,
          agents: names.map((name, i) => ({ name, description: `Gives the ${name} view`, graph: children[i] })),
        },
      ],
    },
  });
  expect(graph.status, graph.text).toBe(201);
  const started = await callRoute(startRun as never, { key: tenant.apiKey.key, params: { id: graph.json.id }, body: { input: {} } });
  const runId = started.json.runId as string;

  for (let i = 0; i < 1500; i++) {
    if ((await getPrisma().delegation.count({ where: { runId, status: "done" } })) >= 1) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await crash.crash();
  const endedBeforeCrash = (await getPrisma().delegation.findMany({ where: { runId, status: "done" }, select: { agent: true } })).map((d) => d.agent);
  expect(endedBeforeCrash.length).toBeGreaterThanOrEqual(1);
  expect(endedBeforeCrash.length).toBeLessThan(4);
  await crash.restart();

  const run = await crash.waitForEnd(runId);
  expect(run.status, JSON.stringify(run.error)).toBe("succeeded");
  const rows = await getPrisma().delegation.findMany({ where: { runId }, orderBy: { seq: "asc" } });
  expect(rows.map((r) => [r.agent, r.status])).toEqual(names.map((name) => [name, "done"]));
  // one child run per delegation, each the one its row names, each ended once
  const childRuns = await getPrisma().run.findMany({ where: { parentRunId: runId } });
  expect(childRuns).toHaveLength(names.length);
  expect(new Set(childRuns.map((c) => c.id))).toEqual(new Set(rows.map((r) => r.childRunId)));
  expect(childRuns.every((c) => c.status === "succeeded")).toBe(true);
  // a child that had ended was not run again: one model call in it, one ledger row
  for (const agent of endedBeforeCrash) {
    const childRunId = rows.find((r) => r.agent === agent)!.childRunId!;
    expect(await getPrisma().costEntry.count({ where: { runId: childRunId } }), agent).toBe(1);
  }
  // one in flight at the crash may have been called once more (its step had not been recorded); never more
  for (const r of rows) {
    const n = await getPrisma().costEntry.count({ where: { runId: r.childRunId! } });
    expect(n, r.agent).toBeGreaterThanOrEqual(1);
    expect(n, r.agent).toBeLessThanOrEqual(2);
  }
}, 180_000);
