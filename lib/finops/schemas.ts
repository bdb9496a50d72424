/**
 * Request-schema building blocks shared by the FinOps routes. Amounts of money arrive as JSON
 * numbers or decimal strings and leave as `Prisma.Decimal`: a string keeps every digit a client
 * sends (`"0.000000000001"`), a number is read through its shortest decimal form.
 */
import { z } from "zod";
import { AppError } from "../errors";
import { PROVIDERS } from "@/lib/models/model-id";
import { usd } from "./money";

const DECIMAL = /^\d{1,12}(\.\d{1,12})?$/;

/**
 * A non-negative USD amount (number or decimal string, at most 12 decimals) as a Decimal.
 *
 * @example
 * ZUsdAmount.parse("12.50").toString(); // "12.5"
 */
export const ZUsdAmount = z
  .union([
    // amounts are stored as Decimal(24, 12): twelve digits before the point
    z.number().finite().nonnegative({ error: "must be zero or a positive amount of US dollars" }).lt(1e12, { error: "must be less than 1000000000000 US dollars" }),
    z.string().regex(DECIMAL, { error: 'must be a decimal amount of US dollars such as "12.50"' }),
  ])
  .transform((v) => usd(v));

/** A strictly positive USD amount. */
export const ZPositiveUsdAmount = ZUsdAmount.refine((v) => v.gt(0), { error: "must be more than zero" });

/** `provider:model` as the runtime names models. */
export const ZModelIdParam = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:[^\s]+$/, { error: 'must be "provider:model", e.g. "openai:gpt-4o-mini"' })
  .max(200);

/**
 * Prices can only be set for providers the runtime can call; anything else is a 404, the same
 * answer as for a resource that does not exist.
 *
 * @example
 * assertKnownProvider("openai:gpt-4o"); // ok
 * assertKnownProvider("acme:model"); // throws AppError not_found
 */
export function assertKnownProvider(modelId: string): void {
  const provider = modelId.slice(0, modelId.indexOf(":"));
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new AppError("not_found", `Unknown provider "${provider}". Use one of: ${PROVIDERS.join(", ")}.`);
  }
}
