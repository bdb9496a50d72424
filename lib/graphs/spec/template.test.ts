import { describe, expect, it } from "vitest";
import { extractReferences, parseTemplate, renderTemplate, renderValue, TemplateError, type TTemplateContext } from "./template";

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

const context: TTemplateContext = {
  input: { requestId: "REQ-7", amount: 1200, tags: ["a", "b"], nested: { deep: { x: true } } },
  nodes: {
    intake: { status: "succeeded", output: { supplier: "Acme", items: [{ sku: "X1", qty: 3 }] } },
    summary: { status: "succeeded", output: "plain text" },
    approval: { status: "skipped" },
  },
  run: { id: "run_123" },
  secret: (name) => (name === "VENDOR_KEY" ? "s3cret" : undefined),
};

describe("parseTemplate / extractReferences", () => {
  it("splits text and tags, tolerating whitespace inside braces", () => {
    expect(parseTemplate("Hi {{ input.name }}!")).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "ref", root: "input", path: ["name"], tag: "{{ input.name }}" },
      { kind: "text", text: "!" },
    ]);
  });

  it("normalises bracket indexes", () => {
    expect(extractReferences("{{nodes.intake.output.items[0].sku}}")).toEqual([
      { root: "nodes", path: ["intake", "output", "items", "0", "sku"], tag: "{{nodes.intake.output.items[0].sku}}" },
    ]);
  });

  it("reads \\{{ as a literal opener", () => {
    expect(parseTemplate("Use \\{{name}} for {{input.name}}")).toEqual([
      { kind: "text", text: "Use {{name}} for " },
      { kind: "ref", root: "input", path: ["name"], tag: "{{input.name}}" },
    ]);
    expect(renderTemplate("\\{{input.x}}", { input: { x: 1 } })).toBe("{{input.x}}");
  });

  it("returns no references for plain text", () => {
    expect(extractReferences("no tags here } {")).toEqual([]);
  });

  it.each([
    ["Hello {{input.name", '"{{" is never closed — close it with "}}" (write \\{{ for a literal "{{")'],
    ["{{}}", "{{}} is not a valid reference — use input.<field>, nodes.<id>.output.<path>, secrets.<NAME> or run.id"],
    ["{{input..x}}", "{{input..x}} is not a valid reference — use input.<field>, nodes.<id>.output.<path>, secrets.<NAME> or run.id"],
    ["{{ env.HOME }}", '{{ env.HOME }} starts with unknown "env" — use input.<field>, nodes.<id>.output.<path>, secrets.<NAME> or run.id'],
    ["{{nodes}}", "{{nodes}} is incomplete — use input.<field>, nodes.<id>.output.<path>, secrets.<NAME> or run.id"],
    ["{{secrets.A.B}}", "{{secrets.A.B}} must name one secret, e.g. {{secrets.API_KEY}}"],
  ])("rejects %j", (template, message) => {
    const error = catchError(() => extractReferences(template));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toBe(message);
  });
});

describe("renderTemplate", () => {
  it("returns the raw value for a whole-string tag", () => {
    expect(renderTemplate("{{input.amount}}", context)).toBe(1200);
    expect(renderTemplate("{{nodes.intake.output}}", context)).toEqual(context.nodes!.intake!.output);
    expect(renderTemplate("{{input}}", context)).toBe(context.input);
  });

  it("stringifies embedded tags", () => {
    expect(renderTemplate("Request {{input.requestId}} for {{input.amount}} USD", context)).toBe("Request REQ-7 for 1200 USD");
    expect(renderTemplate("items={{nodes.intake.output.items}}", context)).toBe('items=[{"sku":"X1","qty":3}]');
    expect(renderTemplate("ok={{input.nested.deep.x}}", context)).toBe("ok=true");
  });

  it("reads list items by index either way", () => {
    expect(renderTemplate("{{nodes.intake.output.items.0.sku}}", context)).toBe("X1");
    expect(renderTemplate("{{nodes.intake.output.items[0].qty}}", context)).toBe(3);
  });

  it("resolves secrets and run fields", () => {
    expect(renderTemplate("Bearer {{secrets.VENDOR_KEY}}", context)).toBe("Bearer s3cret");
    expect(renderTemplate("{{run.id}}", context)).toBe("run_123");
  });

  it("renders skipped nodes as null, and as empty text when embedded", () => {
    expect(renderTemplate("{{nodes.approval.output.decision}}", context)).toBeNull();
    expect(renderTemplate("Decision: {{nodes.approval.output.decision}}", context)).toBe("Decision: ");
    expect(renderTemplate("{{nodes.approval.status}}", context)).toBe("skipped");
  });

  it.each([
    ["{{input.reqId}}", '{{input.reqId}}: input has no "reqId" (it has: requestId, amount, tags, nested)'],
    ["{{nodes.intake.output.supplr}}", '{{nodes.intake.output.supplr}}: nodes.intake.output has no "supplr" (it has: supplier, items)'],
    ["{{nodes.intake.output.items.5}}", "{{nodes.intake.output.items.5}}: nodes.intake.output.items has 1 item(s), so there is no index 5"],
    ["{{nodes.intake.output.items.sku}}", "{{nodes.intake.output.items.sku}}: nodes.intake.output.items is a list; use an index such as nodes.intake.output.items.0"],
    ["{{nodes.summary.output.text}}", 'x {{nodes.summary.output.text}}: cannot read "text" of nodes.summary.output, which is a string ("plain text")'],
    ["{{nodes.vendor.output}}", '{{nodes.vendor.output}}: node "vendor" has no result yet — list "vendor" in this node\'s needs'],
    ["{{secrets.MISSING}}", '{{secrets.MISSING}}: secret "MISSING" is not set — add it in the workspace settings'],
  ])("fails clearly on %s", (template, message) => {
    const expected = message.startsWith("x ") ? message.slice(2) : message;
    expect(catchError(() => renderTemplate(template, context)).message).toBe(expected);
  });

  it("treats a missing secret callback as an unset secret", () => {
    expect(() => renderTemplate("{{secrets.X}}", {})).toThrow('secret "X" is not set');
  });
});

describe("renderValue", () => {
  it("renders every string deep inside a value and leaves other values alone", () => {
    expect(
      renderValue(
        { supplier: "{{nodes.intake.output.supplier}}", lines: ["{{nodes.intake.output.items.0}}", 2, null], "{{key}}": false },
        context,
      ),
    ).toEqual({ supplier: "Acme", lines: [{ sku: "X1", qty: 3 }, 2, null], "{{key}}": false });
  });

  it("is the identity on strings without tags (property)", () => {
    const samples = ["", "plain", "a } b", "{ single }", "}}{", "emoji 🚀", "{{ '{' }".slice(3)];
    for (const s of samples) expect(renderValue(s, {})).toBe(s);
  });
});

describe("map item roots", () => {
  it("renders {{item}}, {{item.<path>}} and {{index}} from the map's item", () => {
    const ctx: TTemplateContext = { input: {}, map: { item: { sku: "A-1", qty: [3] }, index: 4 } };
    expect(renderTemplate("{{item}}", ctx)).toEqual({ sku: "A-1", qty: [3] });
    expect(renderTemplate("{{index}}", ctx)).toBe(4);
    expect(renderTemplate("#{{index}}: {{item.sku}} × {{item.qty.0}}", ctx)).toBe("#4: A-1 × 3");
    expect(renderTemplate("{{item}}", { map: { item: "plain", index: 0 } })).toBe("plain");
  });

  it("fails clearly outside a map, and on a path the item does not have", () => {
    expect(() => renderTemplate("{{item}}", { input: {} })).toThrow("{{item}}: item is only set inside a map node's agent and graph.input");
    expect(() => renderTemplate("{{item.price}}", { map: { item: { sku: "A-1" }, index: 0 } })).toThrow('item has no "price" (it has: sku)');
    expect(() => parseTemplate("{{index.x}}")).toThrow("index is the item's position, a number, so it has no fields");
  });
});

describe("the money filter", () => {
  const ctx: TTemplateContext = { input: { requestId: "PR-2291" }, nodes: { intake: { status: "succeeded", output: { amounts: { total: 580000, currency: "USD" }, eur: "6226.08", code: "EUR", supplier: "ACME" } } } };

  it("writes an amount in the currency a path names, or a literal code, or dollars", () => {
    expect(renderTemplate("Approve {{nodes.intake.output.amounts.total | money: nodes.intake.output.amounts.currency}} from {{nodes.intake.output.supplier}}", ctx)).toBe("Approve $580,000.00 from ACME");
    expect(renderTemplate("{{ nodes.intake.output.eur | money: nodes.intake.output.code }}", ctx)).toBe("€6,226.08");
    expect(renderTemplate("{{nodes.intake.output.eur|money:EUR}} ({{input.requestId}})", ctx)).toBe("€6,226.08 (PR-2291)");
    expect(renderTemplate("{{nodes.intake.output.amounts.total | money}}", ctx)).toBe("$580,000.00");
  });

  it("lists the currency's path among the references, so validation checks it too", () => {
    expect(extractReferences("{{nodes.intake.output.total | money: nodes.intake.output.currency}}").map((r) => r.path.join("."))).toEqual(["intake.output.total", "intake.output.currency"]);
    expect(extractReferences("{{input.amount | money: EUR}}")).toHaveLength(1);
  });

  it("refuses other filters and amounts that are not numbers", () => {
    expect(catchError(() => parseTemplate("{{input.x | upper}}")).message).toMatch(/the only filter is "money"/);
    expect(catchError(() => parseTemplate("{{input.x | money: eur}}")).message).toMatch(/unknown "eur"/);
    expect(catchError(() => renderTemplate("{{nodes.intake.output.supplier | money}}", ctx)).message).toMatch(/money needs a number/);
  });
});
