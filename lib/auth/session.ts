import "server-only";
import { getServerSession } from "next-auth";
import { getPrisma } from "../db/client";
import { authOptions } from "./options";

/** The signed-in user, or null. Reads the next-auth session cookie. */
export async function getSessionUser() {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return getPrisma().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
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
