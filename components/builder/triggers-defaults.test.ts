import { describe, expect, it } from "vitest";
import { validateGraphSpec } from "@/lib/graphs/spec";
import { TRIGGER_TYPES } from "@/lib/graphs/spec/schema";
import { describeTrigger } from "@/lib/triggers/describe-trigger";
import { draftTriggers, newTrigger } from "./triggers-defaults";

const graph = (triggers: unknown[]) => ({ name: "g", nodes: [{ id: "o", type: "output", value: 1 }], triggers });
const known = { knownGraphs: ({ graph }: { graph: string }) => graph === "upstream" };

describe("a trigger added in the builder", () => {
  it.each(TRIGGER_TYPES)("of kind %s is valid as added, so adding one never blocks a save", (type) => {
    const checked = validateGraphSpec(graph([newTrigger(type, { timezone: "Europe/Paris", otherGraph: "upstream" })]), known);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
  });

  it("gets an e-mail address no other trigger of the graph has", () => {
    const first = newTrigger("email");
    const second = newTrigger("email", { taken: [(first as { address: string }).address] });
    expect(second).not.toEqual(first);
    expect(validateGraphSpec(graph([first, second])).ok).toBe(true);
  });

  it("its mistakes are named at the trigger's field, where the panel shows them", () => {
    const checked = validateGraphSpec(graph([newTrigger("schedule"), { type: "webhook", path: "Not A Path" }, { type: "watch", url: "https://x.example" }]));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => i.field).sort()).toEqual(["triggers[1].path", "triggers[2].every", "triggers[2].when"]);
  });
});

describe("draftTriggers", () => {
  it("keeps the entries the panel can edit", () => {
    expect(draftTriggers([{ type: "api" }, "x", null, { no: "type" }])).toEqual([{ type: "api" }]);
    expect(draftTriggers(undefined)).toEqual([]);
  });
});

describe("describeTrigger", () => {
  it("says a cron in words with its zone, and what other kinds listen to", () => {
    expect(describeTrigger("schedule", { cron: "0 9 * * 1-5", timezone: "Europe/Paris" }).summary).toBe("At 09:00, Monday through Friday (Europe/Paris)");
    expect(describeTrigger("schedule", { cron: "every day" }).summary).toBe("every day (not a valid cron pattern)");
    expect(describeTrigger("webhook", {}, { hookUrl: "https://x/api/v1/hooks/w/p" }).value).toBe("https://x/api/v1/hooks/w/p");
    expect(describeTrigger("graph_completed", { graph: "A", sourceGraphId: "grf_1", status: ["failed", "cancelled"] }, { graphName: (id) => (id === "grf_1" ? "Intake" : undefined) }).summary).toBe("A run of Intake failed or cancelled");
    expect(describeTrigger("report", { schedule: { cron: "0 6 1 * *", timezone: "UTC" } }).summary).toBe("Cost report: At 06:00, on day 1 of the month (UTC)");
  });
});
