import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { getPrisma } from "../db/client";
import { sessionSecret } from "../env";
import { authOptions } from "./options";

/** The signed-in user, or null. Reads the next-auth session cookie. */
export async function getSessionUser() {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? userById(id) : null;
}

const userById = (id: string) => getPrisma().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });

/**
 * The signed-in user of a request's `Cookie` header, or null: the same session cookie as
 * {@link getSessionUser}, read outside a Next.js request (the web process's own handlers).
 */
export async function getSessionUserFromCookies(cookieHeader: string | undefined) {
  if (!cookieHeader) return null;
  const cookies = new Map<string, string>();
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const token = await getToken({ req: { cookies, headers: {} } as never, secret: sessionSecret() });
  return typeof token?.uid === "string" ? userById(token.uid) : null;
}

/** Workspaces the user belongs to, with the role in each. */
export async function listUserWorkspaces(userId: string) {
  const rows = await getPrisma().membership.findMany({
    where: { userId },
    include: { workspace: { select: { id: true, slug: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ ...m.workspace, role: m.role }));
}
