/**
 * E-mail triggers end to end: mail sent with nodemailer through the real SMTP listener
 * (smtp-server), and posted to the inbound-parse endpoints (generic JSON, raw MIME, Postmark,
 * Mailgun), starts the graph whose address it is for — on the real engine and database. Also:
 * refusals (unknown address, oversized, bad input, no token), dedupe on the Message-ID (also
 * under 50 concurrent deliveries), and the procurement template's intake started by a
 * supplier's e-mail.
 */
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useRuntime } from "../runtime-harness";
import { callRoute } from "../use-test-database";
import { graphApi } from "../graph-api";
import { getPrisma } from "../../lib/db/client";
import { startVendorRegistry } from "../../lib/demo/vendor-registry";
import { GRAPH_TEMPLATES } from "../../lib/graphs/templates";
import { startSmtpListener, type TSmtpListener } from "../../lib/triggers/email/smtp-listener";
import { makeTenant } from "../../prisma/factories";
import * as graphsRoute from "../../app/api/v1/graphs/route";
import * as graphRoute from "../../app/api/v1/graphs/[id]/route";
import * as triggersRoute from "../../app/api/v1/graphs/[id]/triggers/route";
import * as pauseRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/pause/route";
import * as resumeRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/resume/route";
import * as firesRoute from "../../app/api/v1/graphs/[id]/triggers/[name]/fires/route";
import * as inboundRoute from "../../app/api/v1/inbound/email/route";
import * as postmarkRoute from "../../app/api/v1/inbound/email/postmark/route";
import * as mailgunRoute from "../../app/api/v1/inbound/email/mailgun/route";
import * as secretRoute from "../../app/api/v1/secrets/[name]/route";
import * as approvalsRoute from "../../app/api/v1/approvals/route";
import * as decisionRoute from "../../app/api/v1/approvals/[id]/decision/route";

const DOMAIN = "mail.test.example";
const TOKEN = "inbound-test-token-123";
const MAX_BYTES = 64 * 1024;

const rt = useRuntime("email-trigger");
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let smtp: TSmtpListener;
const api = graphApi(() => tenant.apiKey.key);
const ended = (r: { status: string }) => ["succeeded", "failed", "cancelled"].includes(r.status);
const env: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const [k, v] of Object.entries({ SWITCHYARD_EMAIL_DOMAIN: DOMAIN, SWITCHYARD_INBOUND_TOKEN: TOKEN, SWITCHYARD_EMAIL_MAX_BYTES: String(MAX_BYTES) })) {
    env[k] = process.env[k];
    process.env[k] = v;
  }
  tenant = await makeTenant("Mail Co");
  smtp = await startSmtpListener({ port: 0 });
});
afterAll(async () => {
  await smtp?.close();
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const address = (local: string) => `${tenant.workspace.slug}.${local}@${DOMAIN}`;
const transport = () => nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
const fires = async (graphId: string, name: string) =>
  (await callRoute(firesRoute.GET as never, { key: tenant.apiKey.key, params: { id: graphId, name } })).json.data as {
    outcome: string;
    runId: string | null;
    dedupeKey: string;
    reason: string | null;
    payload: any;
  }[];

/** POST to an inbound endpoint as a provider would (the token as basic-auth password unless `auth` says otherwise). */
async function inbound(route: { POST: unknown }, body: string | Uint8Array, opts: { type?: string; auth?: string | null; query?: string } = {}) {
  const headers: Record<string, string> = { "content-type": opts.type ?? "application/json" };
  const auth = opts.auth === undefined ? `Basic ${Buffer.from(`inbound:${TOKEN}`).toString("base64")}` : opts.auth;
  if (auth) headers.authorization = auth;
  const req = new Request(`http://localhost/api/v1/inbound/email${opts.query ?? ""}`, { method: "POST", headers, body: typeof body === "string" ? body : new Blob([body as Uint8Array<ArrayBuffer>]) });
  const res = await (route.POST as (r: Request, a: unknown) => Promise<Response>)(req, { params: Promise.resolve({}) });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : null, headers: res.headers };
}

const ORDERS_GRAPH = {
  name: "Orders inbox",
  input: {
    type: "object",
    properties: {
      from: { type: "string" },
      sender: { type: "string" },
      subject: { type: "string" },
      body: { type: "string" },
      attachments: { type: "array" },
      messageId: { type: ["string", "null"] },
      tag: { type: ["string", "null"] },
    },
    required: ["from", "subject"],
  },
  triggers: [
    {
      type: "email",
      id: "orders",
      address: "orders",
      description: "Customer orders by e-mail",
      when: '!event.subject.startsWith("[auto]")',
      input: {
        from: "{{event.from.address}}",
        sender: "{{event.from.name}}",
        subject: "{{event.subject}}",
        body: "{{event.text}}",
        attachments: "{{event.attachments}}",
        messageId: "{{event.messageId}}",
        tag: "{{event.tag}}",
      },
    },
  ],
  nodes: [
    {
      id: "echo",
      type: "output",
      value: {
        from: "{{input.from}}",
        sender: "{{input.sender}}",
        subject: "{{input.subject}}",
        body: "{{input.body}}",
        attachments: "{{input.attachments}}",
        messageId: "{{input.messageId}}",
        tag: "{{input.tag}}",
      },
    },
  ],
};

describe("e-mail triggers", () => {
  let ordersId: string;
  beforeAll(async () => {
    ordersId = await api.createGraph(ORDERS_GRAPH);
  });

  it("an e-mail through the SMTP listener starts the graph its address belongs to, with the mapped e-mail as input (address, id, description, when, input)", async () => {
    const listed = await callRoute(triggersRoute.GET as never, { key: tenant.apiKey.key, params: { id: ordersId } });
    expect(listed.json.data).toEqual([
      expect.objectContaining({ name: "orders", type: "email", address: address("orders"), config: expect.objectContaining({ description: "Customer orders by e-mail" }) }),
    ]);

    const sent = await transport().sendMail({
      from: "ACME Supply <sales@acme.example>",
      to: address("orders").replace("@", "+PO-77@"),
      subject: "Order 77",
      text: "2 x Widget at EUR 5.00",
      messageId: "<order-77@acme.example>",
      attachments: [{ filename: "order.pdf", content: Buffer.from("%PDF-1.4 order"), contentType: "application/pdf" }],
    });
    expect(sent.response).toMatch(/^250 OK started run_/);
    const [fire] = await fires(ordersId, "orders");
    expect(fire).toMatchObject({ outcome: "started", dedupeKey: "order-77@acme.example" });
    const run = await rt.waitForRun(fire!.runId!, ended);
    expect(run.status).toBe("succeeded");
    expect(run.triggerId).toBeTruthy();
    expect(run.output).toEqual({
      from: "sales@acme.example",
      sender: "ACME Supply",
      subject: "Order 77",
      body: "2 x Widget at EUR 5.00\n",
      attachments: [{ filename: "order.pdf", contentType: "application/pdf", size: 14 }],
      messageId: "order-77@acme.example",
      tag: "PO-77",
    });

    // `when` is false for an auto-reply: recorded, nothing started, and the sender still gets 250
    const auto = await transport().sendMail({ from: "sales@acme.example", to: address("orders"), subject: "[auto] Out of office", text: "Back Monday", messageId: "<ooo-1@acme.example>" });
    expect(auto.response).toMatch(/^250 OK condition_false/);
    expect((await fires(ordersId, "orders"))[0]).toMatchObject({ outcome: "condition_false", runId: null, dedupeKey: "ooo-1@acme.example" });
  });

  it("refuses mail for an unknown address with 550 and an oversized message with 552; the same Message-ID again starts nothing", async () => {
    const unknown = await transport()
      .sendMail({ from: "x@acme.example", to: address("nobody"), subject: "Hi", text: "?" })
      .catch((err) => err);
    expect(unknown.responseCode).toBe(550);
    expect(String(unknown.response)).toContain("no e-mail trigger receives mail");
    const foreign = await transport()
      .sendMail({ from: "x@acme.example", to: `${tenant.workspace.slug}.orders@elsewhere.example`, subject: "Hi", text: "?" })
      .catch((err) => err);
    expect(foreign.responseCode).toBe(550);

    const big = await transport()
      .sendMail({ from: "x@acme.example", to: address("orders"), subject: "Big", text: "x".repeat(MAX_BYTES + 1000), messageId: "<big-1@acme.example>" })
      .catch((err) => err);
    expect(big.responseCode).toBe(552);
    expect((await fires(ordersId, "orders")).some((f) => f.dedupeKey === "big-1@acme.example")).toBe(false);

    const mail = { from: "sales@acme.example", to: address("orders"), subject: "Order 78", text: "1 x Gadget", messageId: "<order-78@acme.example>" };
    await transport().sendMail(mail);
    const again = await transport().sendMail(mail);
    expect(again.response).toMatch(/^250 OK duplicate run_/);
    const byKey = (await fires(ordersId, "orders")).filter((f) => f.dedupeKey === "order-78@acme.example");
    expect(byKey.map((f) => f.outcome)).toEqual(["duplicate", "started"]);
    expect(byKey[0]!.runId).toBe(byKey[1]!.runId);
    expect(await getPrisma().run.count({ where: { graphId: ordersId, input: { path: ["messageId"], equals: "order-78@acme.example" } } })).toBe(1);
  });

  it("one message to several trigger addresses fires each; a paused trigger records its fire as paused", async () => {
    // no input mapping: the run's input is the normalised e-mail itself
    const otherId = await api.createGraph({
      name: "Orders archive",
      triggers: [{ type: "email", id: "copy" }],
      nodes: [{ id: "keep", type: "output", value: { subject: "{{input.subject}}", from: "{{input.from.address}}", to: "{{input.to}}", recipient: "{{input.recipient}}", id: "{{input.id}}" } }],
    });
    const listed = await callRoute(triggersRoute.GET as never, { key: tenant.apiKey.key, params: { id: otherId } });
    // no address declared: the graph's name and the trigger's id
    expect(listed.json.data[0].address).toBe(address("orders-archive-copy"));
    const sent = await transport().sendMail({
      from: "sales@acme.example",
      to: [address("orders"), address("orders-archive-copy")],
      subject: "Order 79",
      text: "3 x Bolt",
      messageId: "<order-79@acme.example>",
    });
    expect(sent.accepted).toHaveLength(2);
    expect((await fires(ordersId, "orders"))[0]).toMatchObject({ outcome: "started", dedupeKey: "order-79@acme.example" });
    const copy = (await fires(otherId, "copy"))[0]!;
    expect(copy).toMatchObject({ outcome: "started", dedupeKey: "order-79@acme.example" });
    expect((await rt.waitForRun(copy.runId!, ended)).output).toEqual({
      subject: "Order 79",
      from: "sales@acme.example",
      to: [
        { address: address("orders"), name: "", text: address("orders") },
        { address: address("orders-archive-copy"), name: "", text: address("orders-archive-copy") },
      ],
      recipient: address("orders-archive-copy"),
      id: "order-79@acme.example",
    });

    expect((await callRoute(pauseRoute.POST as never, { key: tenant.apiKey.key, params: { id: otherId, name: "copy" } })).status).toBe(200);
    await transport().sendMail({ from: "sales@acme.example", to: address("orders-archive-copy"), subject: "Order 80", text: "1 x Nut", messageId: "<order-80@acme.example>" });
    expect((await fires(otherId, "copy"))[0]).toMatchObject({ outcome: "paused", runId: null });
    await callRoute(resumeRoute.POST as never, { key: tenant.apiKey.key, params: { id: otherId, name: "copy" } });
  });

  it("concurrent saves of graphs claiming one address: exactly one gets it, the others are refused with 409 or 422 naming the address, never a 500 (20 rounds)", async () => {
    for (let round = 0; round < 20; round++) {
      const claimed = `race-${round}-${Date.now().toString(36)}`;
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: { ...ORDERS_GRAPH, name: `Race ${round}.${i}`, triggers: [{ type: "email", address: claimed }] } }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((st) => st === 201), JSON.stringify(statuses)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 201)) {
        expect([409, 422], a.text).toContain(a.status);
        expect(a.json.issues?.[0]?.path, a.text).toMatch(/^triggers(\[0\])?\.address$/);
      }
      const owners = await getPrisma().trigger.findMany({ where: { inboundAddress: { contains: claimed } } });
      expect(owners).toHaveLength(1);
    }
  }, 120_000);

  it("a save is refused when another graph already receives for the address, or the spec declares it twice, naming triggers[i].address; a rename keeps the default address", async () => {
    const taken = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: { ...ORDERS_GRAPH, name: "Copycat", triggers: [{ type: "api" }, { type: "email", address: "orders" }] } });
    expect(taken.status, taken.text).toBe(422);
    expect(taken.json.issues).toEqual([{ path: "triggers[1].address", message: `${address("orders")} already receives mail for the graph "Orders inbox": choose another address` }]);
    const twice = await callRoute(graphsRoute.POST as never, {
      key: tenant.apiKey.key,
      body: {
        ...ORDERS_GRAPH,
        name: "Twice",
        triggers: [
          { type: "email", id: "a", address: "twice" },
          { type: "email", id: "b", address: "twice" },
        ],
      },
    });
    expect(twice.status).toBe(422);
    expect(twice.json.issues[0].path).toBe("triggers[1].address");
    const long = await callRoute(graphsRoute.POST as never, { key: tenant.apiKey.key, body: { ...ORDERS_GRAPH, name: "Long", triggers: [{ type: "email", address: "x".repeat(63) }] } });
    expect(long.status).toBe(422);
    expect(long.json.issues[0]).toMatchObject({ path: "triggers[0].address", message: expect.stringContaining("at most 64") });

    const id = await api.createGraph({ ...ORDERS_GRAPH, name: "Returns", triggers: [{ type: "email", id: "returns" }] });
    await api.saveGraph(id, { ...ORDERS_GRAPH, name: "Returns (EU)", triggers: [{ type: "email", id: "returns" }] });
    const listed = await callRoute(triggersRoute.GET as never, { key: tenant.apiKey.key, params: { id } });
    expect(listed.json.data[0].address).toBe(address("returns-returns"));
    // its own address again on a later save is no conflict
    const resaved = await callRoute(graphRoute.PUT as never, {
      key: tenant.apiKey.key,
      method: "PUT",
      params: { id },
      body: { ...ORDERS_GRAPH, name: "Returns (EU)", description: "v3", triggers: [{ type: "email", id: "returns", address: "returns-returns" }] },
    });
    expect(resaved.status, resaved.text).toBe(200);
  });

  it("the JSON endpoint takes the generic form, a raw message, Postmark's inbound JSON and Mailgun's form, and dedupes on the Message-ID", async () => {
    const generic = await inbound(
      inboundRoute,
      JSON.stringify({
        to: [address("orders")],
        from: { address: "buyer@shop.example", name: "Shop" },
        subject: "Order 81",
        text: "4 x Washer",
        messageId: "<order-81@shop.example>",
        attachments: [{ filename: "a.csv", contentType: "text/csv", size: 12 }],
      }),
    );
    expect(generic.status, generic.text).toBe(202);
    expect(generic.json).toMatchObject({
      messageId: "order-81@shop.example",
      deliveries: [{ trigger: "orders", graphId: ordersId, outcome: "started", runId: expect.stringMatching(/^run_/) }],
      unknown: [],
    });
    expect((await rt.waitForRun(generic.json.deliveries[0].runId, ended)).output).toMatchObject({
      from: "buyer@shop.example",
      sender: "Shop",
      subject: "Order 81",
      attachments: [{ filename: "a.csv", contentType: "text/csv", size: 12 }],
    });
    const again = await inbound(inboundRoute, JSON.stringify({ to: address("orders"), from: "buyer@shop.example", subject: "Order 81", messageId: "order-81@shop.example" }), {
      auth: `Bearer ${TOKEN}`,
    });
    expect(again.json.deliveries[0]).toMatchObject({ outcome: "duplicate", runId: generic.json.deliveries[0].runId });

    const raw = `From: Shop <buyer@shop.example>\r\nTo: ${address("orders")}\r\nSubject: Order 82\r\nMessage-ID: <order-82@shop.example>\r\n\r\n5 x Spring\r\n`;
    const fromRaw = await inbound(inboundRoute, JSON.stringify({ raw }), { auth: null, query: `?token=${TOKEN}` });
    expect(fromRaw.status, fromRaw.text).toBe(202);
    expect((await rt.waitForRun(fromRaw.json.deliveries[0].runId, ended)).output).toMatchObject({ subject: "Order 82", body: "5 x Spring\n", messageId: "order-82@shop.example" });
    // a message without a Message-ID dedupes on its content
    const noId = JSON.stringify({ raw: `From: a@shop.example\r\nTo: ${address("orders")}\r\nSubject: Order 83\r\n\r\nno id\r\n` });
    const [first, second] = [await inbound(inboundRoute, noId), await inbound(inboundRoute, noId)];
    expect(first.json.deliveries[0].outcome).toBe("started");
    expect(second.json.deliveries[0]).toMatchObject({ outcome: "duplicate", runId: first.json.deliveries[0].runId });
    expect(first.json.dedupeKey).toMatch(/^sha256:/);

    const postmark = {
      FromName: "Postmark Sender",
      From: "sender@postmark.example",
      FromFull: { Email: "sender@postmark.example", Name: "Postmark Sender", MailboxHash: "" },
      To: address("orders"),
      ToFull: [{ Email: address("orders"), Name: "", MailboxHash: "" }],
      CcFull: [],
      BccFull: [],
      OriginalRecipient: address("orders"),
      Subject: "Order 84",
      MessageID: "73e6d360-66eb-11e1-8e72-a8904824019b",
      Date: "Thu, 5 Apr 2026 16:59:01 +0200",
      TextBody: "6 x Hinge",
      HtmlBody: "<p>6 x Hinge</p>",
      StrippedTextReply: "",
      Tag: "",
      Headers: [
        { Name: "Message-ID", Value: "<order-84@postmark.example>" },
        { Name: "In-Reply-To", Value: "<rfq-84@corp.example>" },
      ],
      Attachments: [{ Name: "spec.txt", Content: Buffer.from("hinge spec").toString("base64"), ContentType: "text/plain", ContentLength: 10 }],
    };
    const pm = await inbound(postmarkRoute, JSON.stringify(postmark));
    expect(pm.status, pm.text).toBe(202);
    expect(pm.json).toMatchObject({ messageId: "order-84@postmark.example", deliveries: [{ outcome: "started" }] });
    const pmRun = await rt.waitForRun(pm.json.deliveries[0].runId, ended);
    expect(pmRun.output).toMatchObject({ from: "sender@postmark.example", subject: "Order 84", body: "6 x Hinge", attachments: [{ filename: "spec.txt", contentType: "text/plain", size: 10 }] });
    expect(JSON.stringify(pmRun.input)).not.toContain(postmark.Attachments[0]!.Content);
    expect((await inbound(postmarkRoute, JSON.stringify(postmark))).json.deliveries[0].outcome).toBe("duplicate");

    const form = new FormData();
    form.set("recipient", address("orders"));
    form.set("sender", "mg@mailgun.example");
    form.set("from", "Mailgun Sender <mg@mailgun.example>");
    form.set("subject", "Order 85");
    form.set("body-plain", "7 x Latch");
    form.set("Message-Id", "<order-85@mailgun.example>");
    form.set("message-headers", JSON.stringify([["Message-Id", "<order-85@mailgun.example>"]]));
    form.set("attachment-1", new Blob([Buffer.from("latch drawing")], { type: "image/png" }), "latch.png");
    const encoded = new Request("http://x", { method: "POST", body: form });
    const mg = await inbound(mailgunRoute, new Uint8Array(await encoded.arrayBuffer()), { type: encoded.headers.get("content-type")! });
    expect(mg.status, mg.text).toBe(202);
    expect((await rt.waitForRun(mg.json.deliveries[0].runId, ended)).output).toMatchObject({
      from: "mg@mailgun.example",
      sender: "Mailgun Sender",
      subject: "Order 85",
      attachments: [{ filename: "latch.png", contentType: "image/png", size: 13 }],
    });
  });

  it("the JSON endpoint refuses a missing or wrong token (401), another content type (415), too large (413), an unknown address (404) and bad input (422 naming the field)", async () => {
    const ok = JSON.stringify({ to: address("orders"), from: "a@shop.example", subject: "x" });
    expect((await inbound(inboundRoute, ok, { auth: null })).status).toBe(401);
    expect((await inbound(inboundRoute, ok, { auth: `Basic ${Buffer.from("inbound:wrong").toString("base64")}` })).status).toBe(401);
    expect((await inbound(inboundRoute, ok, { auth: null, query: "?token=wrong" })).status).toBe(401);
    expect((await inbound(postmarkRoute, ok, { auth: "Bearer nope" })).status).toBe(401);
    expect((await inbound(inboundRoute, ok, { type: "text/plain" })).status).toBe(415);
    expect((await inbound(mailgunRoute, ok)).status).toBe(415);
    expect((await inbound(inboundRoute, "{not json")).status).toBe(400);

    const hugeRaw = await inbound(inboundRoute, JSON.stringify({ raw: `Subject: big\r\n\r\n${"x".repeat(MAX_BYTES)}` }));
    expect(hugeRaw.status).toBe(413);
    expect(hugeRaw.json.issues[0].path).toBe("raw");
    expect((await inbound(inboundRoute, JSON.stringify({ to: address("orders"), text: "x".repeat(2 * 1024 * 1024) }))).status).toBe(413);

    const nobody = await inbound(inboundRoute, JSON.stringify({ to: [address("nobody"), "someone@elsewhere.example"], subject: "x" }));
    expect(nobody.status).toBe(404);
    expect(nobody.json.issues[0].path).toBe("to");

    const cases: [unknown, string][] = [
      [{ to: address("orders"), subject: "a\u0000b" }, "subject"],
      [{ to: address("orders"), subject: "\ud800" }, "subject"],
      [{ to: address("orders"), messageId: `${"x".repeat(2000)}@y` }, "messageId"],
      [{ to: address("orders"), surprise: 1 }, "surprise"],
      [{ subject: "no recipient" }, "to"],
      [{ raw: "Subject: x\r\n\r\nx", subject: "also" }, "subject"],
      [{ to: 42 }, "to"],
      [[1, 2], "(body)"],
    ];
    for (const [body, path] of cases) {
      const res = await inbound(inboundRoute, JSON.stringify(body));
      expect(res.status, `${path}: ${res.text}`).toBe(422);
      expect(
        res.json.issues.map((i: { path: string }) => i.path),
        res.text,
      ).toContain(path);
    }
    const deep = await inbound(inboundRoute, `{"to":"${address("orders")}","attachments":${"[".repeat(20_000)}${"]".repeat(20_000)}}`);
    expect(deep.status).toBe(422);
    expect(deep.json.issues[0].message).toContain("nested more than");
    const badPostmark = await inbound(postmarkRoute, JSON.stringify({ ToFull: "not a list", Subject: 5 }));
    expect(badPostmark.status).toBe(422);
    expect(badPostmark.json.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(["ToFull", "Subject"]));
  });

  it("50 concurrent deliveries of one message (SMTP and HTTP at once) create exactly one run, and every duplicate gets its id", async () => {
    const messageId = `burst-${Date.now()}@acme.example`;
    const viaSmtp = Array.from({ length: 25 }, () =>
      transport()
        .sendMail({ from: "sales@acme.example", to: address("orders"), subject: "Burst", text: "1 x Burst", messageId: `<${messageId}>` })
        .then((r) => /run_\w+/.exec(r.response)?.[0] ?? r.response),
    );
    const viaHttp = Array.from({ length: 25 }, () =>
      inbound(inboundRoute, JSON.stringify({ to: address("orders"), from: "sales@acme.example", subject: "Burst", text: "1 x Burst", messageId })).then(
        (r) => (r.json.deliveries?.[0]?.runId as string) ?? r.text,
      ),
    );
    const runIds = await Promise.all([...viaSmtp, ...viaHttp]);
    expect(new Set(runIds).size, JSON.stringify([...new Set(runIds)])).toBe(1);
    expect(runIds[0]).toMatch(/^run_/);
    expect(await getPrisma().run.count({ where: { graphId: ordersId, input: { path: ["messageId"], equals: messageId } } })).toBe(1);
    const recorded = (await fires(ordersId, "orders")).filter((f) => f.dedupeKey === messageId);
    expect(recorded).toHaveLength(50);
    expect(recorded.filter((f) => f.outcome === "started")).toHaveLength(1);
    expect(recorded.every((f) => f.runId === runIds[0])).toBe(true);
  });
});

describe("the procurement template", () => {
  let registry: Awaited<ReturnType<typeof startVendorRegistry>>;
  let tenant2: Awaited<ReturnType<typeof makeTenant>>;
  beforeAll(async () => {
    tenant2 = await makeTenant("Procurement Mail Co");
    registry = await startVendorRegistry({ latencyMs: () => 20, failureRate: 0, apiKey: "registry-key" });
    for (const [name, value] of [
      ["VENDOR_API_URL", registry.url],
      ["VENDOR_API_KEY", "registry-key"],
    ]) {
      const res = await callRoute(secretRoute.PUT as never, { key: tenant2.apiKey.key, method: "PUT", params: { name }, body: { value } });
      expect(res.status, res.text).toBe(200);
    }
  });
  afterAll(async () => {
    await registry?.close();
  });

  it("a supplier's e-mail to the procurement address starts intake, which reads the order from it; the run waits for an approver and ends with the decision", async () => {
    const spec = GRAPH_TEMPLATES.find((t) => t.slug === "procurement-approval")!.spec;
    const created = await callRoute(graphsRoute.POST as never, { key: tenant2.apiKey.key, body: spec });
    expect(created.status, created.text).toBe(201);
    const graphId = created.json.id as string;
    const to = `${tenant2.workspace.slug}.procurement@${DOMAIN}`;
    const listed = await callRoute(triggersRoute.GET as never, { key: tenant2.apiKey.key, params: { id: graphId } });
    expect(listed.json.data.find((t: { type: string }) => t.type === "email").address).toBe(to);

    const sent = await transport().sendMail({
      from: "ACME Industrial Supply <sales@acme-industrial.example>",
      to,
      subject: "Quote for PR-2291: warehouse shelving",
      messageId: "<quote-2291.1@mail.acme-industrial.example>",
      date: new Date("2026-11-30T09:12:00Z"),
      text: [
        "Hello,",
        "",
        "thank you for your purchase request PR-2291. We are pleased to offer:",
        "",
        "- 12 x Heavy-duty shelving unit (SKU SH-480) at EUR 389.00",
        "- 24 x Shelf divider (SKU SD-20) at EUR 23.50",
        "",
        "Subtotal: EUR 5,232.00",
        "VAT: EUR 994.08",
        "Total: EUR 6,226.08",
        "",
        "Delivery within 10 working days, payment 30 days net.",
        "",
        "Kind regards,",
        "Anna Weber",
      ].join("\n"),
      attachments: [{ filename: "quote-2291.pdf", content: Buffer.from("%PDF-1.4 quote"), contentType: "application/pdf" }],
    });
    const runId = /run_\w+/.exec(sent.response)?.[0];
    expect(runId, sent.response).toBeTruthy();
    const waiting = await rt.waitForRun(runId!, (r) => ["waiting", "succeeded", "failed"].includes(r.status), 60_000);
    expect(waiting.status, JSON.stringify(waiting.error)).toBe("waiting");
    // the request is the reference the subject names, not the Message-ID
    expect(waiting.input).toEqual({
      requestId: "PR-2291",
      email: {
        from: "ACME Industrial Supply <sales@acme-industrial.example>",
        subject: "Quote for PR-2291: warehouse shelving",
        body: expect.stringContaining("12 x Heavy-duty shelving unit (SKU SH-480) at EUR 389.00"),
        receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    });
    expect(waiting.customerKey).toBe("PR-2291");
    const intake = waiting.nodeRuns.find((n: { nodeId: string }) => n.nodeId === "intake");
    expect(intake.status).toBe("succeeded");
    expect(intake.output).toMatchObject({
      requestId: "PR-2291",
      supplier: "ACME Industrial Supply",
      items: [
        { sku: "SH-480", description: "Heavy-duty shelving unit", quantity: 12, unitPrice: 389 },
        { sku: "SD-20", description: "Shelf divider", quantity: 24, unitPrice: 23.5 },
      ],
      amounts: { subtotal: 5232, tax: 994.08, total: 6226.08, currency: "EUR" },
    });
    const vendor = waiting.nodeRuns.find((n: { nodeId: string }) => n.nodeId === "vendor");
    expect(vendor.output.body).toMatchObject({ vendorId: "V-1001", verified: true });

    const inbox = await callRoute(approvalsRoute.GET as never, { key: tenant2.apiKey.key, path: `/api/v1/approvals?status=pending&runId=${runId}` });
    const item = inbox.json.approvals[0];
    expect(item.title).toBe("Approve €6,226.08 from ACME Industrial Supply (PR-2291)");
    expect(item.context.email).toMatchObject({ subject: "Quote for PR-2291: warehouse shelving" });
    const decided = await callRoute(decisionRoute.POST as never, { key: tenant2.apiKey.key, params: { id: item.id }, body: { decision: "approve", comment: "Budget line 4410" } });
    expect(decided.status, decided.text).toBe(200);
    const done = await rt.waitForRun(runId!, ended, 60_000);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect(done.output).toMatchObject({ requestId: "PR-2291", supplier: "ACME Industrial Supply", total: 6226.08, currency: "EUR", decision: "approve" });
  });
});
