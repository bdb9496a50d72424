import { json, methodsNotAllowed } from "@/lib/api/handler";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { appUrl } from "@/lib/env";

/** GET /api/v1/openapi.json — the API description (public, no key needed). */
export async function GET() {
  return json(buildOpenApiDocument(appUrl()));
}

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
