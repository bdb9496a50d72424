"use client";

import { PageHeader } from "@/components/ui/card";
import { useWorkspace } from "@/components/shell/workspace-context";
import { ApiKeysSettings } from "./api-keys-settings";
import { GeneralSettings } from "./general-settings";
import { InvitationsSettings } from "./invitations-settings";
import { MembersSettings } from "./members-settings";

/** Sections appear only for roles that may use them; the API refuses the rest anyway. */
export function SettingsPage() {
  const { can } = useWorkspace();
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader title="Settings" description="The workspace, its members, invitations and API keys." />
      <GeneralSettings />
      <MembersSettings />
      {can("invitations:manage") && <InvitationsSettings />}
      {can("apiKeys:manage") && <ApiKeysSettings />}
    </div>
  );
}
