/** Request schemas of the inbound-parse endpoints (shared by the handlers and the OpenAPI document). */
import { z } from "zod";

const ZAddressText = z.string().max(10_000);
const ZMailboxObject = z.strictObject({ address: z.string().min(3).max(320), name: z.string().max(500).optional() });
export const ZAddresses = z.union([ZAddressText, z.array(z.union([ZAddressText, ZMailboxObject])).max(1000)]);

/**
 * `POST /api/v1/inbound/email`: either `{ raw }` (the whole RFC 822 message, as received) with
 * optional envelope `recipients`, or the message's fields. Addresses are `"Name <a@x>"` text,
 * lists of them, or `{ address, name }`. `recipients` (the envelope) defaults to `to` and `cc`.
 */
export const ZInboundEmailRequestSchema = z
  .strictObject({
    raw: z.string().min(1).optional(),
    recipients: z.array(z.string().min(3).max(320)).min(1).max(1000).optional(),
    from: z.union([ZAddressText, ZMailboxObject]).optional(),
    to: ZAddresses.optional(),
    cc: ZAddresses.optional(),
    replyTo: ZAddresses.optional(),
    subject: z.string().max(10_000).optional(),
    text: z.string().optional(),
    html: z.string().optional(),
    messageId: z.string().max(998).optional(),
    inReplyTo: z.string().max(998).optional(),
    references: z.union([z.string().max(100_000), z.array(z.string().max(998)).max(1000)]).optional(),
    date: z.string().max(200).optional(),
    attachments: z
      .array(z.strictObject({ filename: z.string().max(500).nullable().optional(), contentType: z.string().max(200).optional(), size: z.number().int().min(0) }))
      .max(1000)
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.raw === undefined) {
      if (body.to === undefined && body.recipients === undefined) ctx.addIssue({ code: "custom", path: ["to"], message: "is required (who the message is for), unless recipients is given" });
      return;
    }
    for (const key of Object.keys(body) as (keyof typeof body)[]) {
      if (key !== "raw" && key !== "recipients" && body[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "cannot be given with raw: the raw message holds it" });
    }
  });

export const ZPostmarkAddress = z.looseObject({ Email: z.string().max(320), Name: z.string().max(500).nullish() });
const ZPostmarkHeader = z.looseObject({ Name: z.string().max(500), Value: z.string().max(100_000) });

/** Postmark's inbound webhook JSON (the fields used; others are ignored). */
export const ZPostmarkInboundSchema = z.looseObject({
  FromFull: ZPostmarkAddress.nullish(),
  From: z.string().max(10_000).nullish(),
  ToFull: z.array(ZPostmarkAddress).max(1000).nullish(),
  CcFull: z.array(ZPostmarkAddress).max(1000).nullish(),
  BccFull: z.array(ZPostmarkAddress).max(1000).nullish(),
  OriginalRecipient: z.string().max(320).nullish(),
  ReplyTo: z.string().max(10_000).nullish(),
  Subject: z.string().max(10_000).nullish(),
  TextBody: z.string().nullish(),
  HtmlBody: z.string().nullish(),
  MessageID: z.string().max(998).nullish(),
  Date: z.string().max(200).nullish(),
  Headers: z.array(ZPostmarkHeader).max(10_000).nullish(),
  Attachments: z
    .array(z.looseObject({ Name: z.string().max(500).nullish(), ContentType: z.string().max(200).nullish(), ContentLength: z.number().int().min(0).nullish(), Content: z.string().nullish() }))
    .max(1000)
    .nullish(),
});
