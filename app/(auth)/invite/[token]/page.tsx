import Link from "next/link";
import { AcceptInvite } from "@/components/auth/accept-invite";
import { SignUpForm } from "@/components/auth/signup-form";
import { ROLE_LABEL, type RoleName } from "@/lib/auth/permissions";
import { getSessionUser } from "@/lib/auth/session";
import { getInvitationByToken } from "@/lib/workspaces/invitations";

export const metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await getInvitationByToken(token);
  if (!invitation) {
    return (
      <div>
        <h1 className="text-lg font-semibold">This invitation cannot be used</h1>
        <p className="mt-2 text-sm text-slate-600">The link is invalid, expired, revoked or already used. Ask the person who invited you for a new one.</p>
        <Link href="/login" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">Go to sign in</Link>
      </div>
    );
  }
  const user = await getSessionUser();
  const role = ROLE_LABEL[invitation.role as RoleName];
  return (
    <div>
      <p className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
        You are invited to <strong>{invitation.workspace.name}</strong> as <strong>{role}</strong>.
      </p>
      {user ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">Signed in as {user.email}.</p>
          <AcceptInvite token={token} />
        </div>
      ) : (
        <SignUpForm inviteToken={token} invitedEmail={invitation.email} callbackUrl={`/w/${invitation.workspace.slug}/graphs`} />
      )}
    </div>
  );
}
