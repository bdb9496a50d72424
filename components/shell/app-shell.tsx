"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { stopRequestsForSignOut } from "@/lib/client/api";
import { ROLE_LABEL } from "@/lib/auth/permissions";
import { PendingApprovalsBadge } from "@/components/approvals/pending-badge";
import { NAV_ITEMS } from "./nav-items";
import { useWorkspace } from "./workspace-context";

export function AppShell({ children }: { children: React.ReactNode }) {
  const { workspace, workspaces, user, can } = useWorkspace();
  const pathname = usePathname();
  const router = useRouter();
  const base = `/w/${workspace.slug}`;
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="border-b border-slate-100 px-4 py-4">
          <Link href={`${base}/graphs`} className="flex items-center gap-2 text-base font-semibold text-slate-900">
            <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white">SY</span>
            Switchyard
          </Link>
          <label htmlFor="workspace-switcher" className="mt-4 block text-xs font-medium uppercase tracking-wide text-slate-500">
            Workspace
          </label>
          <select
            id="workspace-switcher"
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            value={workspace.slug}
            onChange={(e) => (e.target.value === "__new" ? router.push("/workspaces/new") : router.push(`/w/${e.target.value}/graphs`))}
          >
            {workspaces.map((w) => (
              <option key={w.id} value={w.slug}>
                {w.name}
              </option>
            ))}
            <option value="__new">+ New workspace…</option>
          </select>
          <p className="mt-1 text-xs text-slate-500" data-testid="current-role">
            Your role: {ROLE_LABEL[workspace.role]}
          </p>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 px-2 py-3">
          {NAV_ITEMS.filter((i) => !i.permission || can(i.permission)).map((item) => {
            const href = `${base}/${item.path}`;
            const active = pathname === href || pathname.startsWith(`${href}/`);
            return (
              <Link
                key={item.path}
                href={href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
              >
                <span aria-hidden className="w-4 text-center">{item.icon}</span>
                {item.label}
                {item.path === "approvals" && <PendingApprovalsBadge />}
              </Link>
            );
          })}
        </nav>
        <div className="border-t border-slate-100 px-4 py-3 text-sm">
          <p className="truncate font-medium text-slate-800">{user.name ?? user.email}</p>
          <p className="truncate text-xs text-slate-500">{user.email}</p>
          <button
            type="button"
            className="mt-2 text-xs font-medium text-brand-700 hover:underline"
            onClick={() => {
              stopRequestsForSignOut();
              // signing out ends in a new page load; if it fails, a reload brings the page back to life
              signOut({ callbackUrl: "/login" }).catch(() => window.location.reload());
            }}
          >
            Sign out
          </button>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
