import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CLIENT_TYPES_FILE, renderClientTypes } from "../../../scripts/api-client";

describe("the typed API client", () => {
  it("is generated from the current OpenAPI document (run `npm run api:client` after changing the API)", async () => {
    const committed = fs.readFileSync(CLIENT_TYPES_FILE, "utf8");
    const fresh = await renderClientTypes();
    expect(committed === fresh, "lib/api/client/schema.d.ts differs from the OpenAPI document: run `npm run api:client` and commit it").toBe(true);
  }, 60_000);
});
