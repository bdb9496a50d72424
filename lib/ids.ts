import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/** Prefixes of every id the product hands out; one place so they never collide. */
export const ID_PREFIX = {
  user: "usr",
  oauth: "oac",
  workspace: "ws",
  membership: "mem",
  invitation: "inv",
  apiKey: "key",
  providerCredential: "prv",
  secret: "sec",
  mcpServer: "mcp",
  graph: "gr",
  graphVersion: "grv",
  trigger: "trg",
  triggerFire: "tfr",
  run: "run",
  nodeRun: "nr",
  delegation: "dlg",
  provenance: "pvr",
  approval: "apr",
  approvalVote: "apv",
  approvalEvent: "ape",
  cost: "cst",
  budget: "bdg",
  budgetWindow: "bdw",
  reservation: "rsv",
  modelPrice: "mp",
  breaker: "cb",
  breakerEvent: "cbe",
  audit: "aud",
  notification: "ntf",
  webhook: "whk",
  webhookDelivery: "whd",
} as const;

export type IdKind = keyof typeof ID_PREFIX;

function encode(bytes: Uint8Array, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % 32];
  return out;
}

/**
 * A prefixed, time-sortable id: `<prefix>_<10 chars of ms timestamp><14 random chars>`.
 * @example newId("run") // "run_01jd5n7k3m9x2c4v6b8n0q1w3e"
 */
export function newId(kind: IdKind): string {
  let ms = Date.now();
  let time = "";
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  return `${ID_PREFIX[kind]}_${time}${encode(randomBytes(14), 14)}`;
}
