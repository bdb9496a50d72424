import { redirect } from "next/navigation";
import { CreateWorkspaceForm } from "@/components/auth/create-workspace-form";
import { getSessionUser } from "@/lib/auth/session";

export const metadata = { title: "New workspace" };
export const dynamic = "force-dynamic";

export default async function NewWorkspacePage() {
  if (!(await getSessionUser())) redirect("/login?callbackUrl=/workspaces/new");
  return (
    <div>
      <h1 className="text-lg font-semibold">Create a workspace</h1>
      <p className="mt-1 text-sm text-slate-600">Workspaces keep graphs, runs, keys and budgets of one team apart. You will be its owner.</p>
      <CreateWorkspaceForm />
    </div>
  );
}
