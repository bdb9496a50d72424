import { notFound, redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { WorkspaceProvider } from "@/components/shell/workspace-context";
import { LiveUpdates } from "@/components/shell/live-updates";
import { getSessionUser, listUserWorkspaces } from "@/lib/auth/session";
import type { RoleName } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/w/${slug}/graphs`)}`);
  const workspaces = (await listUserWorkspaces(user.id)).map((w) => ({ ...w, role: w.role as RoleName }));
  const workspace = workspaces.find((w) => w.slug === slug);
  if (!workspace) notFound();
  return (
    <WorkspaceProvider value={{ workspace, workspaces, user }}>
      <LiveUpdates workspace={workspace.slug}>
        <AppShell>{children}</AppShell>
      </LiveUpdates>
    </WorkspaceProvider>
  );
}
