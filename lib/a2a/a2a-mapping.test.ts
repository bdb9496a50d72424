import { describe, expect, it } from "vitest";
import { Role, TaskState, type Message, type Task } from "@a2a-js/sdk";
import { fromMessage, fromTask, stateName } from "./delegate";
import { agentCardUrl } from "./client";
import { graphAgentCard, graphAgentCardJson, singleStringField } from "./graph-agent-card";
import { inputFromMessage } from "./input-from-message";
import { dataPart, textPart } from "./parts";

const say = (text: string, metadata?: Record<string, unknown>): Message => ({ role: Role.ROLE_AGENT, messageId: "m", taskId: "t", contextId: "c", parts: [textPart(text)], metadata, extensions: [], referenceTaskIds: [] });
const task = (state: TaskState, opts: { say?: string; artifact?: Message["parts"]; metadata?: Record<string, unknown> } = {}): Task => ({
  id: "t",
  contextId: "c",
  status: { state, message: opts.say ? say(opts.say) : undefined, timestamp: undefined },
  artifacts: opts.artifact ? [{ artifactId: "a", name: "", description: "", parts: opts.artifact, metadata: undefined, extensions: [] }] : [],
  history: [],
  metadata: opts.metadata,
});
const user = (parts: Message["parts"]): Message => ({ role: Role.ROLE_USER, messageId: "u", taskId: "", contextId: "", parts, metadata: undefined, extensions: [], referenceTaskIds: [] });

describe("an A2A task's end as a delegation result", () => {
  it("completed → done: the artifacts' data part wins over their text; confidence from metadata, else 1", () => {
    expect(fromTask(task(TaskState.TASK_STATE_COMPLETED, { artifact: [textPart("see data"), dataPart({ total: 3 })], metadata: { confidence: 0.4 } }))).toMatchObject({ status: "done", output: { total: 3 }, confidence: 0.4 });
    expect(fromTask(task(TaskState.TASK_STATE_COMPLETED, { artifact: [textPart("3 EUR")] }))).toMatchObject({ status: "done", output: "3 EUR", confidence: 1 });
    // a confidence outside 0–1 is not one
    expect(fromTask(task(TaskState.TASK_STATE_COMPLETED, { metadata: { confidence: 7 } })).confidence).toBe(1);
  });

  it("input-required → escalate with the question; rejected → rejected; failed and canceled → failed", () => {
    expect(fromTask(task(TaskState.TASK_STATE_INPUT_REQUIRED, { say: "Which vendor?" }))).toMatchObject({ status: "escalate", rationale: "Which vendor?" });
    expect(fromTask(task(TaskState.TASK_STATE_REJECTED, { say: "Not my job" }))).toMatchObject({ status: "rejected", rationale: "Not my job", confidence: 0 });
    expect(fromTask(task(TaskState.TASK_STATE_FAILED))).toMatchObject({ status: "failed", rationale: expect.stringMatching(/failed/) });
    expect(fromTask(task(TaskState.TASK_STATE_CANCELED)).status).toBe("failed");
    expect(fromTask(task(TaskState.TASK_STATE_AUTH_REQUIRED, { say: "log in" }))).toMatchObject({ status: "escalate", rationale: expect.stringMatching(/authentication to go on: log in/) });
  });

  it("a direct message answer is done", () => {
    expect(fromMessage(user([dataPart({ a: 1 })]))).toMatchObject({ status: "done", output: { a: 1 }, confidence: 1 });
  });

  it("names states as the A2A spec writes them", () => {
    expect(stateName(TaskState.TASK_STATE_INPUT_REQUIRED)).toBe("input-required");
  });
});

describe("a graph's agent card and input", () => {
  const schema = { type: "object", properties: { item: { type: "string" }, qty: { type: "integer" } }, required: ["item"] };

  it("a card URL is used as given; a base URL gets the well-known path under it", () => {
    expect(agentCardUrl("https://a.example/x/card.json")).toBe("https://a.example/x/card.json");
    expect(agentCardUrl("https://a.example/a2a/pricing/")).toBe("https://a.example/a2a/pricing/.well-known/agent-card.json");
    expect(agentCardUrl("https://a.example")).toBe("https://a.example/.well-known/agent-card.json");
  });

  it("the card carries the graph's name, description, endpoint, input schema and bearer scheme, and reads back in the SDK's form", () => {
    const json = graphAgentCardJson({ id: "gr_1", name: "Quotes", description: "Checks quotes", version: 3, inputSchema: schema }, { appUrl: "https://sy.example", workspaceName: "Acme" });
    const card = graphAgentCard(json);
    expect(card).toMatchObject({ name: "Quotes", description: "Checks quotes", version: "3" });
    expect(card.supportedInterfaces.map((i) => [i.url, i.protocolVersion])).toEqual([
      ["https://sy.example/api/v1/a2a/gr_1", "1.0"],
      ["https://sy.example/api/v1/a2a/gr_1", "0.3"],
    ]);
    expect(card.securitySchemes.apiKey?.scheme).toMatchObject({ $case: "httpAuthSecurityScheme", value: { scheme: "bearer" } });
    expect(card.skills[0]!.description).toContain(JSON.stringify(schema));
    expect(card.capabilities?.extensions[0]?.params).toEqual({ inputSchema: schema });
  });

  it("the input is the data part, else the text as the one string field; anything else is refused naming the problem", () => {
    expect(singleStringField(schema)).toBe("item");
    expect(inputFromMessage(user([dataPart({ item: "x", qty: 2 })]), schema)).toEqual({ item: "x", qty: 2 });
    expect(inputFromMessage(user([textPart("chairs")]), schema)).toEqual({ item: "chairs" });
    expect(() => inputFromMessage(user([dataPart({ qty: 2 })]), schema)).toThrow(/input schema.*item/);
    expect(() => inputFromMessage(user([dataPart([1])]), schema)).toThrow(/JSON object/);
    expect(() => inputFromMessage(user([textPart("hi")]), { type: "object", properties: { a: { type: "string" }, b: { type: "string" } } })).toThrow(/exactly one string field/);
    expect(() => inputFromMessage(user([textPart("hi")]), undefined)).toThrow(/no input schema/);
    expect(() => inputFromMessage(user([]), schema)).toThrow(/data part/);
  });
});
