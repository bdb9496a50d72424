import { describe, expect, it } from "vitest";
import { ZSubAgent } from "@/lib/graphs/spec";
import { subAgentKind, switchSubAgentKind } from "./supervisor-agents";

describe("sub-agent rows", () => {
  const inline = { name: "pricing", description: "Prices a line", model: "sim:fast", instructions: "Be exact", fallback: "backup", breaker: { failures: 3, window: "10m" } } as const;

  it("switching kind keeps what every kind shares and drops what the new kind lacks, and stays valid", () => {
    const a2a = switchSubAgentKind(inline, "a2a", "sim:fast");
    expect(subAgentKind(a2a)).toBe("a2a");
    expect(a2a).toEqual({ name: "pricing", description: "Prices a line", fallback: "backup", breaker: { failures: 3, window: "10m" }, a2a: { url: "" } });
    // an A2A agent becoming an HTTP agent keeps its address and headers
    const http = switchSubAgentKind({ ...a2a, a2a: { url: "https://agents.example.com/card.json", headers: { authorization: "Bearer {{secrets.T}}" } } }, "http", "sim:fast");
    expect(http).toMatchObject({ http: { url: "https://agents.example.com/card.json", headers: { authorization: "Bearer {{secrets.T}}" } } });
    expect("a2a" in http).toBe(false);
    const back = switchSubAgentKind(http, "agent", "sim:fast");
    expect(back).toEqual({ name: "pricing", description: "Prices a line", fallback: "backup", breaker: { failures: 3, window: "10m" }, model: "sim:fast" });
    expect(ZSubAgent.safeParse(back).success).toBe(true);
    expect(ZSubAgent.safeParse({ ...http, http: { url: "https://x.example" } }).success).toBe(true);
    expect(subAgentKind(switchSubAgentKind(inline, "graph", "sim:fast"))).toBe("graph");
  });
});
