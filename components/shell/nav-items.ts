import type { Permission } from "@/lib/auth/permissions";

/**
 * The navigation, in order. New capabilities add an entry here and a route
 * under app/(dashboard)/w/[workspace]/.
 */
export const NAV_ITEMS: { path: string; label: string; icon: string; permission?: Permission }[] = [
  { path: "graphs", label: "Graphs", icon: "◇" },
  { path: "runs", label: "Runs", icon: "▶" },
  { path: "schedules", label: "Schedules", icon: "◷" },
  { path: "approvals", label: "Approvals", icon: "✓" },
  { path: "costs", label: "Costs", icon: "$", permission: "costs:read" },
  { path: "supervision", label: "Supervision", icon: "◎", permission: "breakers:read" },
  { path: "settings", label: "Settings", icon: "⚙" },
  { path: "audit", label: "Audit log", icon: "☰", permission: "audit:read" },
];
