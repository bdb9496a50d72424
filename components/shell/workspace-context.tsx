"use client";

import { createContext, useContext } from "react";
import { can as roleCan, type Permission, type RoleName } from "@/lib/auth/permissions";

export interface WorkspaceInfo {
  id: string;
  slug: string;
  name: string;
  role: RoleName;
}

const Ctx = createContext<{ workspace: WorkspaceInfo; workspaces: WorkspaceInfo[]; user: { id: string; email: string; name: string | null } } | null>(null);

export function WorkspaceProvider({ value, children }: { value: NonNullable<React.ContextType<typeof Ctx>>; children: React.ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The current workspace, the user's others, and a `can` bound to the user's role here. */
export function useWorkspace() {
  const value = useContext(Ctx);
  if (!value) throw new Error("useWorkspace must be used inside the workspace layout.");
  return { ...value, can: (p: Permission) => roleCan(value.workspace.role, p) };
}
