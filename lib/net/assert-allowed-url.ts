import "server-only";
import dns from "node:dns";
import net from "node:net";
import { AppError } from "../errors";
import type { OutboundPurpose } from "../env";
import { checkAddress, OutboundBlockedError } from "./outbound";

export type LookupAll = (host: string) => Promise<{ address: string }[]>;

const LOOKUP_TIMEOUT_MS = 2_000;
const systemLookup: LookupAll = (host) => dns.promises.lookup(host, { all: true });

/**
 * Refuses, when it is saved, a URL the outbound guard would refuse when it is called: its host
 * is, or resolves to, a private, loopback or link-local address (cloud metadata at
 * 169.254.169.254, the database next door) that the deployment's policy for `purpose` does not
 * allow (`SWITCHYARD_OUTBOUND_ALLOW`). A name that does not resolve (yet) is accepted: every
 * request is checked again when it connects (lib/net/outbound.ts), which also defeats DNS
 * rebinding.
 *
 * @throws AppError `validation_failed` (422) with an issue on `path`.
 * @example
 * await assertAllowedUrl("http://169.254.169.254/latest/meta-data", { path: "triggers[0].url" }); // throws: triggers[0].url: 169.254.169.254 is a private …
 */
export async function assertAllowedUrl(raw: string, opts: { path: string; purpose?: OutboundPurpose; lookup?: LookupAll }): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return; // the spec's own validation names a malformed URL
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  let addresses: { address: string }[];
  if (net.isIP(host)) addresses = [{ address: host }];
  else {
    const lookup = opts.lookup ?? systemLookup;
    addresses = await Promise.race([lookup(host).catch(() => []), new Promise<{ address: string }[]>((r) => setTimeout(() => r([]), LOOKUP_TIMEOUT_MS).unref())]);
  }
  try {
    for (const a of addresses) checkAddress(host, port, a.address, undefined, opts.purpose ?? "workspace");
  } catch (err) {
    if (!(err instanceof OutboundBlockedError)) throw err;
    const message = err.message;
    throw new AppError("validation_failed", `${opts.path}: ${message}`, [{ path: opts.path, message }]);
  }
}
