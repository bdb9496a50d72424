"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useRef } from "react";
import { PageHeader } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { ApiKeysSettings } from "./api-keys-settings";
import { BudgetsSettings } from "./budgets-settings";
import { GeneralSettings } from "./general-settings";
import { InvitationsSettings } from "./invitations-settings";
import { McpServersSettings } from "./mcp-servers-settings";
import { MembersSettings } from "./members-settings";
import { PricesSettings } from "./prices-settings";
import { ProvidersSettings } from "./providers-settings";
import { SecretsSettings } from "./secrets-settings";
import { WebhooksSettings } from "./webhooks-settings";

type Can = ReturnType<typeof useWorkspace>["can"];

/**
 * The settings tabs. A tab, and each section inside it, appears only for roles that may use it;
 * the API refuses the rest anyway. New capabilities add a tab here.
 */
const TABS: { id: string; label: string; description: string; visible: (can: Can) => boolean; render: (can: Can) => React.ReactNode }[] = [
  {
    id: "general",
    label: "Workspace",
    description: "The workspace, its members, invitations and API keys.",
    visible: () => true,
    render: (can) => (
      <>
        <GeneralSettings />
        <MembersSettings />
        {can("invitations:manage") && <InvitationsSettings />}
        {can("apiKeys:manage") && <ApiKeysSettings />}
      </>
    ),
  },
  {
    id: "providers",
    label: "Providers & secrets",
    description: "Model provider credentials, MCP servers and the secrets tool nodes use.",
    visible: (can) => can("providers:read") || can("secrets:manage") || can("graphs:write"),
    render: (can) => (
      <>
        {can("providers:read") && <ProvidersSettings />}
        {can("graphs:write") && <McpServersSettings />}
        {can("secrets:manage") && <SecretsSettings />}
      </>
    ),
  },
  {
    id: "prices",
    label: "Model prices",
    description: "The price list every cost is computed from, with the workspace's overrides and custom models.",
    visible: (can) => can("costs:read"),
    render: () => <PricesSettings />,
  },
  {
    id: "budgets",
    label: "Budgets & alerts",
    description: "Budgets that stop spending before it happens, and where their alerts go.",
    visible: (can) => can("costs:read"),
    render: (can) => (
      <>
        <BudgetsSettings />
        {can("workspace:update") && <WebhooksSettings />}
      </>
    ),
  },
];

export function SettingsPage() {
  return (
    <Suspense>
      <SettingsTabs />
    </Suspense>
  );
}

function SettingsTabs() {
  const { can } = useWorkspace();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const tabs = TABS.filter((t) => t.visible(can));
  const active = tabs.find((t) => t.id === params.get("tab")) ?? tabs[0]!;
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const select = (id: string, focus = false) => {
    const next = new URLSearchParams(params);
    if (id === tabs[0]!.id) next.delete("tab");
    else next.set("tab", id);
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    if (focus) refs.current[id]?.focus();
  };
  return (
    <div className="max-w-5xl">
      <PageHeader title="Settings" description={active.description} />
      <div role="tablist" aria-label="Settings sections" className="mb-6 flex gap-1 border-b border-slate-200">
        {tabs.map((t, i) => (
          <button
            type="button"
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            role="tab"
            id={`settings-tab-${t.id}`}
            aria-selected={t.id === active.id}
            aria-controls={`settings-panel-${t.id}`}
            tabIndex={t.id === active.id ? 0 : -1}
            onClick={() => select(t.id)}
            onKeyDown={(e) => {
              if (e.key === "ArrowRight") select(tabs[(i + 1) % tabs.length]!.id, true);
              if (e.key === "ArrowLeft") select(tabs[(i - 1 + tabs.length) % tabs.length]!.id, true);
            }}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40 ${
              t.id === active.id ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`settings-panel-${active.id}`} aria-labelledby={`settings-tab-${active.id}`} className="space-y-6">
        {active.render(can)}
      </div>
    </div>
  );
}
