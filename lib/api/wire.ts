/**
 * Building blocks of the API's response schemas: how values look on the wire, after
 * `JSON.stringify` (a `Date` is an ISO 8601 string, a stored JSON value is any JSON).
 * Pure: no server imports, so the OpenAPI document and the typed client can load them.
 */
import { z } from "zod";

/** A timestamp as the API writes it: ISO 8601 in UTC (`2026-12-03T22:41:21.000Z`). */
export const ZDateTime = z.iso.datetime({ offset: true });

/** A nullable timestamp. */
export const ZDateTimeOrNull = ZDateTime.nullable();

/** Any JSON value a caller or a run stored (inputs, outputs, errors, payloads). */
export const ZJson = z.unknown();

/** A decimal amount of US dollars as an exact string (`"0.0042"`). */
export const ZUsdString = z.string().regex(/^-?\d+(\.\d+)?$/);

/** A list answer with a cursor: `nextCursor` pages on, null on the last page. */
export const ZNextCursor = z.string().nullable();
