import { redirect } from "next/navigation";
import { getSessionUser, listUserWorkspaces } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const [first] = await listUserWorkspaces(user.id);
  redirect(first ? `/w/${first.slug}/graphs` : "/workspaces/new");
}
