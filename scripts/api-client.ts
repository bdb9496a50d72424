/**
 * `npm run api:client` — writes the typed client's types (lib/api/client/schema.d.ts) from the
 * OpenAPI document with openapi-typescript. The file is committed; a unit test
 * (lib/api/client/schema.test.ts) fails when it differs from a fresh generation, so the client
 * cannot drift from the API. Other languages: point their generator at `/api/v1/openapi.json`.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { buildOpenApiDocument } from "../lib/api/openapi";

export const CLIENT_TYPES_FILE = path.join("lib", "api", "client", "schema.d.ts");

const HEADER = `/**
 * The Switchyard API's types, generated from the OpenAPI document (lib/api/openapi.ts) by
 * openapi-typescript. Do not edit: run \`npm run api:client\` after changing the API.
 */

`;

/** The text of lib/api/client/schema.d.ts for the current document. */
export async function renderClientTypes(): Promise<string> {
  const doc = buildOpenApiDocument("http://localhost:3000");
  // a request field with a default may be left out (answers list what they always carry in `required`)
  const ast = await openapiTS(doc as never, { defaultNonNullable: false });
  return HEADER + astToString(ast);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const text = await renderClientTypes();
  fs.writeFileSync(CLIENT_TYPES_FILE, text);
  console.log(`wrote ${CLIENT_TYPES_FILE} (${text.length} characters)`);
}
