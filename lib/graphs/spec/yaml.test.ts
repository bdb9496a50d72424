import { describe, expect, it } from "vitest";
import { hashSpec } from "./hash";
import type { TGraphSpec } from "./schema";
import { exportGraphYaml, importGraphYaml } from "./yaml";

const spec: TGraphSpec = {
  nodes: [
    {
      type: "agent",
      id: "intake",
      prompt: "Read this e-mail:\n\n{{input.email}}\n",
      model: "sim:fast",
      output: { type: "object", properties: { supplier: { type: "string" } } },
    },
    { needs: ["intake"], id: "done", type: "output", value: { supplier: "{{nodes.intake.output.supplier}}", ok: true, n: 1.5, none: null } },
  ],
  name: "demo",
  tags: ["yes", "no", "on", "2026-01-01"],
  input: { type: "object", properties: { email: { type: "string" } } },
};

describe("exportGraphYaml", () => {
  it("writes readable YAML with a fixed key order", () => {
    expect(exportGraphYaml(spec)).toBe(`name: demo
tags:
  - yes
  - no
  - on
  - 2026-01-01
input:
  type: object
  properties:
    email:
      type: string
nodes:
  - id: intake
    type: agent
    model: sim:fast
    prompt: |
      Read this e-mail:

      {{input.email}}
    output:
      type: object
      properties:
        supplier:
          type: string
  - id: done
    type: output
    needs:
      - intake
    value:
      supplier: "{{nodes.intake.output.supplier}}"
      ok: true
      n: 1.5
      none: null
`);
  });

  it("does not depend on the key order of its input", () => {
    const reordered = JSON.parse(JSON.stringify({ input: spec.input, tags: spec.tags, name: spec.name, nodes: spec.nodes }));
    expect(exportGraphYaml(reordered)).toBe(exportGraphYaml(spec));
  });
});

describe("importGraphYaml", () => {
  it("round-trips: export then import gives the same spec", () => {
    const result = importGraphYaml(exportGraphYaml(spec));
    expect(result).toEqual({ ok: true, spec: JSON.parse(JSON.stringify(spec)), warnings: [] });
    expect(result.ok && hashSpec(result.spec)).toBe(hashSpec(spec));
  });

  it("is stable: import → export → import → export gives the same text", () => {
    const text = exportGraphYaml(spec);
    const again = importGraphYaml(text);
    expect(again.ok && exportGraphYaml(again.spec)).toBe(text);
  });

  it("accepts JSON text too", () => {
    expect(importGraphYaml(JSON.stringify(spec))).toMatchObject({ ok: true });
  });

  it("keeps YAML 1.1 booleans and dates as the strings the author typed", () => {
    const result = importGraphYaml("name: demo\ntags: [yes, on, 2026-01-01]\nnodes:\n  - { id: done, type: output, value: 1 }\n");
    expect(result.ok && result.spec.tags).toEqual(["yes", "on", "2026-01-01"]);
  });

  it("reports syntax errors with line numbers", () => {
    const result = importGraphYaml("name: demo\nnodes:\n  - id: a\n    needs: [b, c\n");
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: "line 5",
          line: 5,
          message: "Flow sequence in block collection must be sufficiently indented and end with a ] at line 5, column 1",
        },
      ],
      warnings: [],
    });
  });

  it("reports duplicate keys", () => {
    const result = importGraphYaml("name: a\nname: b\nnodes: []\n");
    expect(result.ok ? [] : result.issues.map((i) => [i.line, i.message])).toEqual([[2, "Map keys must be unique at line 2, column 1"]]);
  });

  it("puts validation issues on the line of the offending field", () => {
    const text = exportGraphYaml({ ...spec, nodes: [spec.nodes[0]!, { ...spec.nodes[1]!, needs: ["intak"] }] });
    const result = importGraphYaml(text);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: "nodes[1] (done).needs",
          nodeId: "done",
          field: "needs",
          line: text.split("\n").indexOf("    needs:") + 1,
          message: 'nodes[1] (done).needs: unknown node "intak" — did you mean "intake"?',
        },
      ],
      warnings: [],
    });
  });

  it("reports a missing field at its parent's line", () => {
    const result = importGraphYaml("name: demo\nnodes:\n  - id: a\n    type: agent\n    model: sim:fast\n");
    expect(result.ok ? [] : result.issues.map((i) => [i.line, i.message])).toEqual([[3, "nodes[0] (a).prompt: is required"]]);
  });
});
