/**
 * ULIDs for runs and events: sortable by creation time, so ids in logs and
 * `ORDER BY id` follow arrival order.
 */
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A new ULID (26 chars, Crockford base32: 48-bit ms time + 80 random bits). */
export function ulid(now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = "";
  for (let i = 0; i < 16; i++) rand += ALPHABET[bytes[i]! % 32];
  return time + rand;
}

/** A random token for leases and worker ids. */
export function token(bytes = 8): string {
  return randomBytes(bytes).toString("hex");
}
