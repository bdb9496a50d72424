/**
 * Request and answer of `POST /api/v1/agents/test-connection`: what the builder's "Test
 * connection" button of an external sub-agent sends, and what it shows. Shared by the route,
 * the OpenAPI document and the browser (no server-only imports here).
 */
import { z } from "zod";

/** Test an A2A agent (by its agent card URL) or a plain HTTP agent (by its address). */
export const ZTestAgentConnectionRequestSchema = z.strictObject({
  kind: z.enum(["a2a", "http"], { error: 'must be "a2a" (an agent card URL) or "http" (an HTTP agent address)' }),
  /** An http(s) URL; may reference workspace secrets (`{{secrets.AGENT_URL}}`). */
  url: z.string().trim().min(1, { error: "must not be empty: the address to test" }).max(2048),
  /** Header values are templates over workspace secrets (`Bearer {{secrets.AGENT_TOKEN}}`), rendered on the server. */
  headers: z.record(z.string().min(1).max(200), z.string().max(8192)).optional(),
});
export type TTestAgentConnectionRequest = z.infer<typeof ZTestAgentConnectionRequestSchema>;

/**
 * What was found. For A2A: the card's name, description and skills. For HTTP: the status the
 * address answered with and the methods it says it allows. `ok: false` says why, in words.
 */
export type TTestAgentConnectionResult =
  | {
      ok: true;
      kind: "a2a" | "http";
      latencyMs: number;
      name?: string;
      description?: string;
      /** the agent's endpoint as its card states it */
      url?: string;
      skills?: { id: string; name: string }[];
      status?: number;
      message?: string;
    }
  | { ok: false; kind: "a2a" | "http"; latencyMs: number; reason: string };

/** The fields of an A2A agent card a supervisor relies on (the card holds more). */
export const ZAgentCardSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  url: z.string().min(1),
  skills: z.array(z.object({ id: z.string(), name: z.string().optional(), description: z.string().optional() }).loose()),
});
