/** Request shapes for workspace MCP servers; pure, shared by the API and the settings form. */
import { z } from "zod";

export const ZMcpServerNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, "Use lower-case letters, digits, - and _ (start with a letter), at most 40 characters");

export const ZPutMcpServerRequestSchema = z.strictObject({
  url: z.url({ error: "Must be an http(s) URL", protocol: /^https?$/ }).max(2000),
  /** header name → value; a value may be a template over workspace secrets */
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "Header names are letters, digits and -"), z.string().max(4000))
    .refine((h) => Object.keys(h).length <= 20, "At most 20 headers")
    .optional(),
  timeoutMs: z.number().int().min(1000).max(600_000).optional(),
});
export type TPutMcpServerRequest = z.infer<typeof ZPutMcpServerRequestSchema>;
