import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { getPrisma } from "../db/client";
import { oauth, sessionSecret } from "../env";
import { newId } from "../ids";
import { recordAuditEvent, recordUserAuditEvent } from "../audit/record-audit-event";
import { verifyPassword } from "./password";
import { isLoginThrottled, recordLoginAttempt } from "./rate-limit";

/** Error codes the sign-in form turns into messages. */
export const SIGN_IN_ERRORS = {
  invalid: "Wrong e-mail or password.",
  throttled: "Too many failed sign-ins. Wait 15 minutes and try again.",
} as const;

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const raw = headers?.["x-forwarded-for"] ?? headers?.["x-real-ip"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.split(",")[0]?.trim() || null;
}

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "").trim().toLowerCase();
        const password = String(credentials?.password ?? "");
        if (!email || !password) throw new Error("invalid");
        const ip = clientIp(req?.headers as Record<string, string> | undefined);
        const userAgent = (req?.headers as Record<string, string> | undefined)?.["user-agent"] ?? null;
        if (await isLoginThrottled(email, ip)) {
          await recordAuditEvent({ ip, userAgent }, { action: "auth.sign_in_throttled", data: { email } });
          throw new Error("throttled");
        }
        const db = getPrisma();
        const user = await db.user.findUnique({ where: { email } });
        const ok = await verifyPassword(user?.passwordHash, password);
        await recordLoginAttempt(email, ip, ok);
        if (!user || !ok) {
          if (user) await recordUserAuditEvent({ userId: user.id, ip, userAgent }, "auth.sign_in_failed", { email });
          else await recordAuditEvent({ ip, userAgent }, { action: "auth.sign_in_failed", data: { email } });
          throw new Error("invalid");
        }
        await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
        await recordUserAuditEvent({ userId: user.id, ip, userAgent }, "auth.sign_in", { method: "password" });
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ];
  const gh = oauth.github();
  if (gh) list.push(GitHubProvider(gh));
  const google = oauth.google();
  if (google) list.push(GoogleProvider(google));
  return list;
}

/** Links an OAuth login to the user with the same e-mail, creating one if needed. */
async function linkOAuthUser(provider: string, providerAccountId: string, email: string, name?: string | null) {
  const db = getPrisma();
  const linked = await db.oAuthAccount.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } } });
  if (linked) return linked.userId;
  const user =
    (await db.user.findUnique({ where: { email } })) ??
    (await db.user.create({ data: { id: newId("user"), email, name: name ?? null } }));
  await db.oAuthAccount.create({ data: { id: newId("oauth"), userId: user.id, provider, providerAccountId } });
  return user.id;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: sessionSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    callbacks: {
      async signIn({ user, account }) {
        if (account && account.provider !== "credentials") {
          if (!user.email) return false;
          user.id = await linkOAuthUser(account.provider, account.providerAccountId, user.email.toLowerCase(), user.name);
          await recordUserAuditEvent({ userId: user.id }, "auth.sign_in", { method: account.provider });
        }
        return true;
      },
      async jwt({ token, user }) {
        if (user?.id) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.uid === "string") await recordUserAuditEvent({ userId: token.uid }, "auth.sign_out");
      },
    },
  };
}
