/**
 * What the graphs API answers, as zod schemas (declared in the OpenAPI document, checked
 * against real answers by the integration tests). Pure: no server imports.
 */
import { z } from "zod";
import { ZDateTime, ZDateTimeOrNull } from "../api/wire";
import { ZGraphSpec } from "./spec/schema";

/** A problem found in a spec that does not stop the save (a model whose provider has no key yet). */
export const ZSpecWarning = z.object({ path: z.string(), message: z.string(), nodeId: z.string().optional(), field: z.string().optional() });

export const ZGraphListItem = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  version: z.number().int(),
  updatedAt: ZDateTime,
  archivedAt: ZDateTimeOrNull,
  runs: z.number().int(),
  lastRunAt: ZDateTimeOrNull,
});
export const ZListGraphsResponse = z.object({ graphs: z.array(ZGraphListItem) });

export const ZGraphVersionSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  specHash: z.string(),
  message: z.string().nullable(),
  createdById: z.string().nullable(),
  createdByName: z.string().nullable().describe("Who saved the version, by name"),
  createdAt: ZDateTime,
});

/** `GET /graphs/{id}`: the current spec and every version. */
export const ZGraph = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  version: z.number().int(),
  spec: ZGraphSpec,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
  archivedAt: ZDateTimeOrNull,
  versions: z.array(ZGraphVersionSummary),
});

export const ZGraphVersion = z.object({
  graphId: z.string(),
  version: z.number().int(),
  spec: ZGraphSpec,
  specHash: z.string(),
  message: z.string().nullable(),
  createdById: z.string().nullable(),
  createdAt: ZDateTime,
});

export const ZCreateGraphResponse = z.object({ id: z.string(), version: z.number().int(), warnings: z.array(ZSpecWarning) });
export const ZSaveGraphResponse = z.object({ id: z.string(), version: z.number().int(), unchanged: z.boolean(), warnings: z.array(ZSpecWarning) });
export const ZArchiveGraphResponse = z.object({ id: z.string(), name: z.string(), archivedAt: ZDateTimeOrNull });

const ZUsd = z.string();
/** `POST /graphs/{id}/forecast`. */
export const ZForecastResponse = z.object({
  graphId: z.string(),
  version: z.number().int(),
  p50Usd: ZUsd,
  p90Usd: ZUsd,
  basis: z.enum(["history", "estimate"]),
  basisDetail: z.string(),
  runs: z.number().int(),
  perNode: z.array(
    z.object({
      nodeId: z.string(),
      modelId: z.string(),
      p50Usd: ZUsd,
      p90Usd: ZUsd,
      basis: z.enum(["history", "estimate"]),
      runs: z.number().int(),
      p50InputTokens: z.number(),
      p50OutputTokens: z.number(),
      outputBasis: z.enum(["history", "model-history", "prior"]),
      modelCalls: z.number(),
      maxOutputTokens: z.number().optional(),
    }),
  ),
  simulated: z.boolean(),
});
