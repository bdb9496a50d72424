/**
 * Checks an API answer against the OpenAPI document: the operation must declare the status
 * (or a `default`), the media type, and a body that is valid for the declared schema (JSON
 * Schema 2020-12, formats included). The integration tests run every answer they receive
 * through it (tests/use-test-database.ts `callRoute`, tests/api-server.ts), so a handler that
 * answers something the document does not say fails the test that produced it.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "../api/openapi";

export interface ApiAnswer {
  method: string;
  /** The operation's path template, as in the document (`/graphs/{id}/runs`). */
  path: string;
  status: number;
  contentType: string | null;
  body: string;
}

interface MediaObject {
  schema?: { $ref?: string };
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
}
type Doc = ReturnType<typeof buildOpenApiDocument>;

let state: { doc: Doc; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined;

function load() {
  if (state) return state;
  const doc = buildOpenApiDocument("http://localhost:3000");
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "switchyard-openapi", components: doc.components });
  state = { doc, ajv, validators: new Map() };
  return state;
}

function validatorFor(ref: string): ValidateFunction {
  const { ajv, validators } = load();
  let validate = validators.get(ref);
  if (!validate) {
    const found = ajv.getSchema(`switchyard-openapi${ref}`);
    if (!found) throw new Error(`The OpenAPI document has no schema at ${ref}.`);
    validate = found;
    validators.set(ref, validate);
  }
  return validate;
}

/** A response object, or the shared one it refers to (`#/components/responses/NotFound`). */
function resolve(response: (ResponseObject & { $ref?: string }) | undefined): ResponseObject | undefined {
  const name = response?.$ref?.replace("#/components/responses/", "");
  return name ? (load().doc.components.responses as Record<string, ResponseObject>)[name] : response;
}

/** Whether the document has the operation. */
export function isDocumented(method: string, path: string): boolean {
  const ops = load().doc.paths[path] as Record<string, unknown> | undefined;
  return !!ops?.[method.toLowerCase()];
}

/**
 * What is wrong with an answer, as sentences naming the operation; empty when the document
 * declares it.
 *
 * @example responseProblems({ method: "GET", path: "/runs/{id}", status: 418, contentType: null, body: "" })
 * // ["GET /runs/{id} answered 418, which the OpenAPI document does not declare (it declares 200, 400, …)"]
 */
export function responseProblems(answer: ApiAnswer): string[] {
  const { doc } = load();
  const name = `${answer.method.toUpperCase()} ${answer.path}`;
  const op = (doc.paths[answer.path] as Record<string, { responses: Record<string, ResponseObject> }> | undefined)?.[answer.method.toLowerCase()];
  if (!op) return [`${name} is not in the OpenAPI document`];
  const declared = resolve(op.responses[String(answer.status)] ?? op.responses.default);
  const excerpt = answer.body.length > 600 ? `${answer.body.slice(0, 600)}…` : answer.body;
  if (!declared) return [`${name} answered ${answer.status}, which the OpenAPI document does not declare (it declares ${Object.keys(op.responses).join(", ")}): ${excerpt}`];
  if (!declared.content) return answer.body.trim() ? [`${name} answered ${answer.status} with a body, but the document declares none: ${excerpt}`] : [];
  const type = (answer.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const media = declared.content[type];
  if (!media) return [`${name} answered ${answer.status} as "${type || "no content-type"}"; the document declares ${Object.keys(declared.content).join(", ")}`];
  if (!/json$/.test(type) || !media.schema?.$ref) return [];
  let data: unknown;
  try {
    data = JSON.parse(answer.body);
  } catch {
    return [`${name} answered ${answer.status} with a body that is not JSON: ${excerpt}`];
  }
  const validate = validatorFor(media.schema.$ref);
  if (validate(data)) return [];
  const errors = (validate.errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || "(body)"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`);
  return [`${name} answered ${answer.status} with a body that does not match ${media.schema.$ref}: ${errors.join("; ")} — body: ${excerpt}`];
}
