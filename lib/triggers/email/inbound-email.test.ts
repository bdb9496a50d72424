import { describe, expect, it } from "vitest";
import { bareMessageId, clean, emailDedupeKey, htmlToText, MAX_BODY_CHARS, normaliseEmail, parseAddressList, parseRawEmail, referenceCodes } from "./inbound-email";

const RAW = [
  "From: ACME Industrial Supply <sales@acme-industrial.example>",
  'To: acme.procurement@mail.example.com, "Buyer, Team" <buyers@corp.example>',
  "Cc: anna@acme-industrial.example",
  "Subject: =?UTF-8?Q?Quote_f=C3=BCr_PR-2291?=",
  "Message-ID: <q-2291@mail.acme-industrial.example>",
  "In-Reply-To: <rfq-2291@corp.example>",
  "Date: Mon, 30 Nov 2026 09:12:00 +0000",
  "MIME-Version: 1.0",
  'Content-Type: multipart/mixed; boundary="b1"',
  "",
  "--b1",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "- 12 x Heavy-duty shelving unit (SKU SH-480) at EUR 389.00",
  "--b1",
  "Content-Type: application/pdf",
  'Content-Disposition: attachment; filename="quote.pdf"',
  "Content-Transfer-Encoding: base64",
  "",
  Buffer.from("%PDF-1.4 fake").toString("base64"),
  "--b1--",
  "",
].join("\r\n");

describe("inbound e-mail", () => {
  it("parses a MIME message into the normalised shape: addresses, subject, text, ids, date, attachment metadata only", async () => {
    const email = await parseRawEmail(RAW, new Date("2026-11-30T09:13:00Z"));
    expect(email.from).toEqual({ address: "sales@acme-industrial.example", name: "ACME Industrial Supply", text: "ACME Industrial Supply <sales@acme-industrial.example>" });
    expect(email.to.map((m) => m.address)).toEqual(["acme.procurement@mail.example.com", "buyers@corp.example"]);
    expect(email.to[1]!.text).toBe('"Buyer, Team" <buyers@corp.example>');
    expect(email.cc).toEqual([expect.objectContaining({ address: "anna@acme-industrial.example" })]);
    expect(email.subject).toBe("Quote für PR-2291");
    expect(email.text).toContain("12 x Heavy-duty shelving unit");
    expect(email.messageId).toBe("q-2291@mail.acme-industrial.example");
    expect(email.inReplyTo).toBe("rfq-2291@corp.example");
    // a reply: its thread began with the request for quotation; the subject names the request
    expect(email.threadId).toBe("rfq-2291@corp.example");
    expect(email.subjectRefs).toEqual(["PR-2291"]);
    expect(email.reference).toBe("PR-2291");
    expect(email.date).toBe("2026-11-30T09:12:00.000Z");
    expect(email.receivedAt).toBe("2026-11-30T09:13:00.000Z");
    expect(email.attachments).toEqual([{ filename: "quote.pdf", contentType: "application/pdf", size: 13 }]);
    expect(JSON.stringify(email)).not.toContain("JVBER");
  });

  it("names what a message is about: the subject's first reference code, else the thread's first Message-ID", () => {
    expect(referenceCodes("Re: Quote for PR-2291 (was PO-77, PR-2291)")).toEqual(["PR-2291", "PO-77"]);
    expect(referenceCodes("Invoice INV-2026-104 and ticket #12, order A1-9, SKU sh-480, X-1")).toEqual(["INV-2026-104", "A1-9"]);
    expect(referenceCodes("ISO-9001-2015 audit; PR-2291x; xPR-2291")).toEqual(["ISO-9001-2015"]);
    const reply = normaliseEmail({ subject: "Re: delivery dates", messageId: "<r2@x>", inReplyTo: "<r1@x>", references: "<q0@x> <r1@x>" });
    expect([reply.threadId, reply.subjectRefs, reply.reference]).toEqual(["q0@x", [], "q0@x"]);
    const first = normaliseEmail({ subject: "Quote", messageId: "<q0@x>" });
    expect([first.threadId, first.reference]).toEqual(["q0@x", "q0@x"]);
    expect(normaliseEmail({ subject: "Hello" }).reference).toBeNull();
  });

  it("dedupes on the Message-ID, else on a hash of the raw message; a long id is hashed", () => {
    expect(emailDedupeKey({ messageId: "a@b" }, "x")).toBe("a@b");
    expect(emailDedupeKey({ messageId: null }, "raw one")).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(emailDedupeKey({ messageId: null }, "raw one")).toBe(emailDedupeKey({ messageId: null }, "raw one"));
    expect(emailDedupeKey({ messageId: null }, "raw one")).not.toBe(emailDedupeKey({ messageId: null }, "raw two"));
    expect(emailDedupeKey({ messageId: `${"x".repeat(300)}@y` }, "")).toMatch(/^sha256:/);
  });

  it("stores only safe text: NUL removed, lone surrogates replaced, bodies capped, HTML-only mail gets a text body", () => {
    expect(clean("a\u0000b\ud800c")).toBe("ab\ufffdc");
    const email = normaliseEmail({ subject: "Hi\r\n there", html: "<p>Total: <b>EUR&nbsp;5</b></p><script>x()</script><br>Thanks &amp; bye", text: "" });
    expect(email.subject).toBe("Hi there");
    expect(email.text).toBe("Total: EUR 5\n\nThanks & bye");
    const big = normaliseEmail({ text: "x".repeat(MAX_BODY_CHARS + 10) });
    expect(big.text.length).toBe(MAX_BODY_CHARS);
    expect(big.truncated).toBe(true);
    expect(normaliseEmail({ date: "not a date" }, new Date("2026-01-01T00:00:00Z")).date).toBe("2026-01-01T00:00:00.000Z");
    expect(bareMessageId(" <id@x> ")).toBe("id@x");
    expect(htmlToText("&#x41;&#66;")).toBe("AB");
    expect(parseAddressList("Anna <a@x>, b@y, not an address").map((m) => m.address)).toEqual(["a@x", "b@y"]);
  });
});
