import "server-only";
import { getPrisma } from "../db/client";

/** Failed sign-ins allowed per window, per e-mail and per client address. */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perEmail: 5, perIp: 30 } as const;

const emailKey = (email: string) => `email:${email.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * True when too many sign-ins failed recently for this e-mail or address.
 * Counted in PostgreSQL so every app process shares the limit.
 */
export async function isLoginThrottled(email: string, ip: string | null): Promise<boolean> {
  const since = new Date(Date.now() - LOGIN_LIMITS.windowMs);
  const db = getPrisma();
  const byEmail = await db.loginAttempt.count({ where: { key: emailKey(email), success: false, createdAt: { gte: since } } });
  if (byEmail >= LOGIN_LIMITS.perEmail) return true;
  if (!ip) return false;
  const byIp = await db.loginAttempt.count({ where: { key: ipKey(ip), success: false, createdAt: { gte: since } } });
  return byIp >= LOGIN_LIMITS.perIp;
}

export async function recordLoginAttempt(email: string, ip: string | null, success: boolean): Promise<void> {
  const db = getPrisma();
  const rows = [{ key: emailKey(email), success }, ...(ip ? [{ key: ipKey(ip), success }] : [])];
  await db.loginAttempt.createMany({ data: rows });
  if (success) {
    // a successful sign-in clears the e-mail's failures
    await db.loginAttempt.deleteMany({ where: { key: emailKey(email), success: false } });
  }
}
