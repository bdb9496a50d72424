import "server-only";
import { assertAllowedUrl, type LookupAll } from "../net/assert-allowed-url";

export type { LookupAll } from "../net/assert-allowed-url";

/**
 * Refuses a webhook URL whose host is, or resolves to, a private, loopback or link-local
 * address unless the outbound guard's policy for webhooks allows it (`SWITCHYARD_OUTBOUND_ALLOW`
 * lists it, or its webhook-only alias `SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1` is set). Every
 * delivery is checked again when it connects.
 *
 * @throws AppError `validation_failed` (422) with an issue on `url`.
 * @example
 * await assertWebhookUrl("http://169.254.169.254/latest/meta-data"); // throws: url: 169.254.169.254 is a private …
 */
export function assertWebhookUrl(raw: string, opts: { lookup?: LookupAll } = {}): Promise<void> {
  return assertAllowedUrl(raw, { path: "url", purpose: "webhook", lookup: opts.lookup });
}
