import "server-only";
import dns from "node:dns";
import net from "node:net";
import { AppError } from "../errors";
import { checkAddress, OutboundBlockedError } from "../net/outbound";

export type LookupAll = (host: string) => Promise<{ address: string }[]>;

const LOOKUP_TIMEOUT_MS = 2_000;
const systemLookup: LookupAll = (host) => dns.promises.lookup(host, { all: true });

/**
 * Refuses a webhook URL whose host is, or resolves to, a private, loopback or link-local
 * address (cloud metadata at 169.254.169.254, the database next door) — unless the outbound
 * guard's policy for webhooks allows it (`SWITCHYARD_OUTBOUND_ALLOW` lists it, or its
 * webhook-only alias `SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1` is set). A name that does not resolve (yet) is accepted: every delivery is checked again when
 * it connects (lib/net/outbound.ts), which also defeats DNS rebinding.
 *
 * @throws AppError `validation_failed` (422) with an issue on `url`.
 * @example
 * await assertWebhookUrl("http://169.254.169.254/latest/meta-data"); // throws: url: 169.254.169.254 is a private …
 */
export async function assertWebhookUrl(raw: string, opts: { lookup?: LookupAll } = {}): Promise<void> {
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  let addresses: { address: string }[];
  if (net.isIP(host)) addresses = [{ address: host }];
  else {
    const lookup = opts.lookup ?? systemLookup;
    addresses = await Promise.race([lookup(host).catch(() => []), new Promise<{ address: string }[]>((r) => setTimeout(() => r([]), LOOKUP_TIMEOUT_MS).unref())]);
  }
  try {
    for (const a of addresses) checkAddress(host, port, a.address, undefined, "webhook");
  } catch (err) {
    if (!(err instanceof OutboundBlockedError)) throw err;
    const message = err.message;
    throw new AppError("validation_failed", `url: ${message}`, [{ path: "url", message }]);
  }
}
