import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, isErrorCode, isInternalError, isRetryableCode, statusOfCode, toErrorBody, toPublicError } from "./errors";
import { BudgetExceededError, LoopDetectedError } from "./finops/errors";
import { RateLimitedError } from "./finops/consume-rate-limit";
import { AgentOutputError, MaxTurnsError, ModelCallError, ToolLoopError } from "./runtime/agent/errors";
import { errorInfo, NodeError } from "./runtime/nodes/errors";
import { checkJsonValue } from "./api/read-json";

/** What Prisma 7 throws for a text PostgreSQL refuses, as it reached users before. */
function prismaError() {
  const err = new Error(
    "\nInvalid `prisma.graph.create()` invocation in\n/work/main/.next/server/chunks/lib_graphs_save-graph.js:41:22\n\n→ 41 const g = await ctx.db.graph.create(\ninvalid byte sequence for encoding \"UTF8\": 0x00",
  ) as Error & { code: string; clientVersion: string };
  err.name = "PrismaClientUnknownRequestError";
  err.clientVersion = "7.10.1";
  return err;
}

const budget = () =>
  new BudgetExceededError({
    budgetId: "bdg_1", budgetName: "Daily", scope: "workspace", scopeRef: null, period: "day", windowKey: "2026-12-03",
    limitUsd: "1", spentUsd: "0.9", reservedUsd: "0", requestedUsd: "0.2", shortfallUsd: "0.1", onExceed: "pause",
  });

afterEach(() => vi.restoreAllMocks());

describe("one code union", () => {
  it("gives every spend refusal its own status: 402 for a budget, 429 for loops and rate limits", () => {
    expect(statusOfCode("budget_exceeded")).toBe(402);
    expect(statusOfCode("rate_limited")).toBe(429);
    expect(statusOfCode("loop_detected")).toBe(429);
  });

  it("no two error classes share a code", () => {
    const codes = [
      budget().code,
      new LoopDetectedError("stop", { runId: null, windowSeconds: 60, spentUsd: "1", limitUsd: "1" }).code,
      new RateLimitedError("openai:gpt-4o", 1000, { requestsPerMinute: 1, tokensPerMinute: null }).code,
      new ToolLoopError("lookup", {}, 3).code,
      new MaxTurnsError(3).code,
      new AgentOutputError("sim:fast", []).code,
      new ModelCallError({ modelId: "m", message: "x", retryable: true }).code,
    ];
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(isErrorCode(code), code).toBe(true);
  });

  it("decides retryability by code; an error without one may be transient", () => {
    expect(isRetryableCode("tool_loop")).toBe(false);
    expect(isRetryableCode("template_error")).toBe(false);
    expect(isRetryableCode("rate_limited")).toBe(true);
    expect(isRetryableCode(undefined)).toBe(true);
    expect(isRetryableCode("P2024")).toBe(true);
    // a renamed class keeps its decision: the name plays no part
    const renamed = Object.assign(new Error("Unknown provider"), { name: "SomethingElse", code: "unknown_provider" });
    expect(errorInfo(renamed).retryable).toBe(false);
    expect(errorInfo(new ToolLoopError("lookup", {}, 3))).toMatchObject({ retryable: false, code: "tool_loop" });
  });
});

describe("the serialiser", () => {
  it("answers a budget refusal with 402 and the budget", () => {
    const { status, body } = toErrorBody(budget());
    expect(status).toBe(402);
    expect(body).toMatchObject({ code: "budget_exceeded", budget: { budgetName: "Daily", shortfallUsd: "0.1" } });
  });

  it("answers a rate limit with 429 and Retry-After", () => {
    const { status, body, headers } = toErrorBody(new RateLimitedError("openai:gpt-4o", 2500, { requestsPerMinute: 1, tokensPerMinute: null }));
    expect(status).toBe(429);
    expect(body.code).toBe("rate_limited");
    expect(headers).toEqual({ "retry-after": "3" });
  });

  it("names each unknown field of a strict schema", () => {
    const parsed = z.strictObject({ input: z.object({}) }).safeParse({ input: {}, inputs: 1, verison: 2 });
    const { status, body } = toErrorBody(parsed.error);
    expect(status).toBe(422);
    expect(body.issues).toEqual([
      { path: "inputs", message: "is not a known field" },
      { path: "verison", message: "is not a known field" },
    ]);
  });

  it("never shows internals: a 500 says Internal error with the reference it was logged under", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, body } = toErrorBody(prismaError());
    expect(status).toBe(500);
    expect(body.code).toBe("internal_error");
    expect(body.error).toMatch(/^Internal error \(ref err_[0-9a-z]{12}\)/);
    expect(body.error).not.toMatch(/prisma|\.next|UTF8/i);
    const logged = log.mock.calls.map((c) => String(c[0])).join("\n");
    expect(logged).toContain(body.ref!);
    expect(logged).toContain("invalid byte sequence");
  });

  it("keeps product messages", () => {
    expect(toErrorBody(new AppError("not_found", "Run not found.")).body).toEqual({ error: "Run not found.", code: "not_found" });
    expect(toPublicError(new ModelCallError({ modelId: "openai:gpt-4o", message: "Incorrect API key provided", status: 401, retryable: false })).message).toBe("Incorrect API key provided");
    expect(toPublicError(new TypeError("fetch failed")).message).toBe("fetch failed");
  });
});

describe("node errors shown in the API and the UI", () => {
  it("replaces an internal error, also when a node error wraps it, by a reference", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const wrapped = Object.assign(new NodeError(prismaError().message, true), { cause: prismaError() });
    for (const err of [prismaError(), wrapped, new Error("Transaction API error: Unable to start a transaction in the given time.")]) {
      const info = errorInfo(err);
      expect(info.message).toMatch(/^Internal error \(ref err_[0-9a-z]{12}\)$/);
      expect(info.ref).toBe(info.message.slice("Internal error (ref ".length, -1));
      expect(JSON.stringify(info)).not.toMatch(/prisma|\.next|invocation/i);
    }
    expect(log).toHaveBeenCalledTimes(3);
    // retryability is kept: a transaction timeout may succeed next time
    expect(errorInfo(new Error("Transaction API error: Unable to start a transaction in the given time.")).retryable).toBe(true);
  });

  it("keeps a node's own message", () => {
    const info = errorInfo(new NodeError("GET vendor.example/api answered 503", true, { status: 503 }));
    expect(info).toMatchObject({ message: "GET vendor.example/api answered 503", retryable: true, status: 503 });
    expect(info.ref).toBeUndefined();
  });

  it("tells internal errors apart by type as well as by text", () => {
    expect(isInternalError(Object.assign(new Error("x"), { code: "P2024" }))).toBe(true);
    expect(isInternalError(Object.assign(new Error("x"), { severity: "ERROR", routine: "ExecConstraints" }))).toBe(true);
    expect(isInternalError(new RangeError("Map maximum size exceeded"))).toBe(true);
    expect(isInternalError(new Error("The agent was still calling tools after 3 turns"))).toBe(false);
  });
});

describe("JSON body checks", () => {
  it("names the path of NUL, lone surrogates and over-deep nesting, without recursion", () => {
    expect(checkJsonValue({ name: "a\u0000", nodes: [{ prompt: "x\ud800" }] }).map((i) => i.path)).toEqual(["name", "nodes[0].prompt"]);
    expect(checkJsonValue({ ok: "emoji \ud83d\ude00 fine" })).toEqual([]);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [issue] = checkJsonValue({ input: deep });
    expect(issue.path.startsWith("input[0]")).toBe(true);
    expect(issue.message).toContain("64 levels");
  });
});
