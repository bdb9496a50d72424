import "server-only";
import { ZSignUpRequestSchema, type TSignUpRequest } from "../schemas/account";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent, type AuditActor } from "../audit/record-audit-event";
import { createWorkspace } from "../workspaces/create-workspace";
import { acceptInvitation, getInvitationByToken } from "../workspaces/invitations";
import { hashPassword } from "./password";

export { ZSignUpRequestSchema };

/**
 * Creates an account. With an invitation token the user joins that workspace;
 * otherwise they get a workspace of their own as owner.
 */
export async function signUp(input: TSignUpRequest, actor: Omit<AuditActor, "userId">) {
  const db = getPrisma();
  if (await db.user.findUnique({ where: { email: input.email } })) {
    throw new AppError("conflict", "An account with this e-mail already exists. Sign in instead.", [
      { path: "email", message: "Already registered" },
    ]);
  }
  if (input.inviteToken && !(await getInvitationByToken(input.inviteToken))) {
    throw new AppError("not_found", "This invitation link is invalid, expired, revoked or already used. Ask for a new one.");
  }
  const user = await db.user.create({
    data: { id: newId("user"), email: input.email, name: input.name, passwordHash: await hashPassword(input.password) },
  });
  await recordAuditEvent({ ...actor, userId: user.id }, { action: "auth.signed_up", targetType: "user", targetId: user.id });
  if (input.inviteToken) {
    const joined = await acceptInvitation(user, input.inviteToken, { ...actor, userId: user.id });
    return { user: { id: user.id, email: user.email, name: user.name }, workspace: joined.workspace };
  }
  const ws = await createWorkspace(user.id, input.workspaceName ?? `${input.name.split(" ")[0]}'s workspace`, { ...actor, userId: user.id });
  return { user: { id: user.id, email: user.email, name: user.name }, workspace: { id: ws.id, slug: ws.slug, name: ws.name } };
}
