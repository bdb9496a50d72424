/**
 * The typed Switchyard API client: openapi-fetch over the types generated from the OpenAPI
 * document (schema.d.ts, `npm run api:client`). Paths, parameters, bodies and answers are
 * checked by TypeScript; the integration tests call the API through it.
 *
 * @example
 * const api = createSwitchyardClient({ baseUrl: "http://localhost:3000", apiKey: process.env.SWITCHYARD_API_KEY });
 * const { data, error } = await api.GET("/runs/{id}", { params: { path: { id: runId } } });
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "./schema";

export type { components, operations, paths };
/** A schema of the API by its name in the document, e.g. `ApiSchema<"Run">`. */
export type ApiSchema<Name extends keyof components["schemas"]> = components["schemas"][Name];
export type SwitchyardClient = Client<paths, "application/json">;

export interface SwitchyardClientOptions {
  /** The app's URL (`http://localhost:3000`); `/api/v1` is added. */
  baseUrl: string;
  /** An API key (Settings → API keys), sent as `Authorization: Bearer …`. */
  apiKey?: string;
  /** Another fetch (a test server's, or one with a proxy). */
  fetch?: (input: Request) => Promise<Response>;
  headers?: Record<string, string>;
}

export function createSwitchyardClient(options: SwitchyardClientOptions): SwitchyardClient {
  return createClient<paths>({
    baseUrl: `${options.baseUrl.replace(/\/+$/, "")}/api/v1`,
    headers: { ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}), ...options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
