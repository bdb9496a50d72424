/**
 * The A2A agent card of a graph: its name and description, one skill (the graph, with its input
 * schema), the JSON-RPC endpoint `/api/v1/a2a/{graphId}` (A2A 1.0, and 0.3 for older clients),
 * and bearer authentication with a Switchyard API key.
 */
import { A2A_LEGACY_PROTOCOL_VERSION, duplicateInterfacesForLegacy } from "@a2a-js/sdk/compat/v0_3";
import { A2A_PROTOCOL_VERSION, type AgentCard } from "@a2a-js/sdk";
import { DefaultAgentCardResolver } from "@a2a-js/sdk/client";

/** Where a graph's A2A endpoint is, under the app's public URL. */
export function a2aEndpointUrl(appUrl: string, graphId: string): string {
  return `${appUrl}/api/v1/a2a/${encodeURIComponent(graphId)}`;
}

/** The extension under which the card carries the graph's input schema (machine-readable). */
export const INPUT_SCHEMA_EXTENSION = "urn:switchyard:a2a:input-schema:v1";

export interface GraphForCard {
  id: string;
  name: string;
  description: string | null;
  version: number;
  /** the spec's `input` JSON Schema */
  inputSchema?: object;
}

/** The card as A2A 1.0 JSON (what `GET …/.well-known/agent-card.json` answers). */
export function graphAgentCardJson(graph: GraphForCard, opts: { appUrl: string; workspaceName: string }) {
  const url = a2aEndpointUrl(opts.appUrl, graph.id);
  const interfaces = duplicateInterfacesForLegacy([{ url, protocolBinding: "JSONRPC", tenant: "", protocolVersion: A2A_PROTOCOL_VERSION }], ["JSONRPC"]);
  const description = graph.description?.trim() || `The Switchyard graph "${graph.name}".`;
  const inputHelp = graph.inputSchema
    ? `Send the input as a data part (a JSON object) matching this JSON Schema: ${JSON.stringify(graph.inputSchema)}.${singleStringField(graph.inputSchema) ? ` A text message is taken as "${singleStringField(graph.inputSchema)}".` : ""}`
    : "Send the input as a data part (a JSON object).";
  return {
    name: graph.name,
    description,
    supportedInterfaces: interfaces.map((i) => ({ url: i.url, protocolBinding: i.protocolBinding, protocolVersion: i.protocolVersion })),
    provider: { organization: opts.workspaceName, url: opts.appUrl },
    version: String(graph.version),
    capabilities: {
      streaming: true,
      pushNotifications: false,
      extensions: graph.inputSchema ? [{ uri: INPUT_SCHEMA_EXTENSION, description: "The graph's input schema (JSON Schema).", required: false, params: { inputSchema: graph.inputSchema } }] : [],
    },
    securitySchemes: {
      apiKey: { httpAuthSecurityScheme: { scheme: "bearer", bearerFormat: "Switchyard API key", description: "A Switchyard API key of the graph's workspace: Authorization: Bearer sy_…" } },
    },
    securityRequirements: [{ schemes: { apiKey: { list: [] } } }],
    defaultInputModes: ["application/json", "text/plain"],
    defaultOutputModes: ["application/json"],
    skills: [
      {
        id: graph.id,
        name: graph.name,
        description: `${description}\n\n${inputHelp}`,
        tags: ["switchyard", "graph"],
        examples: [],
        inputModes: ["application/json", "text/plain"],
        outputModes: ["application/json"],
      },
    ],
  };
}

/** The same card in the SDK's typed form (what its request handler is built with). */
export function graphAgentCard(json: ReturnType<typeof graphAgentCardJson>): AgentCard {
  return new DefaultAgentCardResolver().normalizeAgentCard(json);
}

/** The name of the schema's only string property, when it has exactly one; else undefined. */
export function singleStringField(schema: object | undefined): string | undefined {
  const props = (schema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties;
  if (!props || typeof props !== "object") return undefined;
  const strings = Object.entries(props).filter(([, p]) => p && (p.type === "string" || (Array.isArray(p.type) && p.type.includes("string"))));
  return strings.length === 1 ? strings[0]![0] : undefined;
}

export { A2A_LEGACY_PROTOCOL_VERSION };
