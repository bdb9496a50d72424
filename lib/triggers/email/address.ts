/**
 * E-mail trigger addresses. A trigger receives mail for `<workspace>.<address>@<domain>`: the
 * workspace's slug keeps the local part unique across the deployment (slugs hold no `.`), the
 * `address` is the spec's (default: the graph's name and the trigger's id), the domain is the
 * deployment's (`SWITCHYARD_EMAIL_DOMAIN`). A `+tag` after the local part is allowed and ignored
 * for routing (`acme.procurement+pr-2291@…` reaches `acme.procurement`); the trigger sees it as
 * `event.tag`.
 */

/** The longest local part SMTP carries (RFC 5321 §4.5.3.1.1). */
export const MAX_LOCAL_PART = 64;

/** Lower-case letters, digits and `-`, for the default address. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * The address part (after the workspace prefix) a trigger receives for: the spec's `address`,
 * or the graph's name and the trigger's id, shortened so the whole local part fits 64 characters.
 *
 * @example
 * defaultAddress("acme", "Procurement approval", "email"); // "procurement-approval-email"
 */
export function defaultAddress(workspaceSlug: string, graphName: string, triggerId: string): string {
  const id = slug(triggerId) || "email";
  const room = MAX_LOCAL_PART - workspaceSlug.length - 1 - id.length - 1;
  const graph = slug(graphName).slice(0, Math.max(0, room)).replace(/-+$/, "");
  return graph ? `${graph}-${id}` : id;
}

/**
 * The local part a trigger receives for.
 *
 * @example
 * inboundLocalPart("acme", "procurement"); // "acme.procurement"
 */
export function inboundLocalPart(workspaceSlug: string, address: string): string {
  return `${workspaceSlug}.${address}`;
}

/** The full address mail is sent to. @example fullAddress("acme.procurement", "mail.example.com") // "acme.procurement@mail.example.com" */
export function fullAddress(localPart: string, domain: string): string {
  return `${localPart}@${domain}`;
}

/**
 * Where a recipient address routes: its local part without a `+tag` (lower case), the tag, and
 * whether its domain is `domain`. `null` for text that is not an address.
 *
 * @example
 * routeRecipient("Acme.Procurement+PR-7@Mail.Example.com", "mail.example.com");
 * // { localPart: "acme.procurement", tag: "PR-7", local: true }
 */
export function routeRecipient(address: string, domain: string): { localPart: string; tag: string | null; local: boolean } | null {
  const text = address.trim().replace(/^<|>$/g, "");
  const at = text.lastIndexOf("@");
  if (at < 1 || at === text.length - 1) return null;
  const local = text.slice(0, at);
  const plus = local.indexOf("+");
  return {
    localPart: (plus === -1 ? local : local.slice(0, plus)).toLowerCase(),
    tag: plus === -1 ? null : local.slice(plus + 1) || null,
    local: text.slice(at + 1).toLowerCase() === domain.toLowerCase(),
  };
}
