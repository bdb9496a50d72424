"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useWorkspaceMutation } from "@/components/shell/use-workspace-query";
import { fieldErrors, ZUpdateWorkspaceRequestSchema } from "@/lib/schemas/account";

export function GeneralSettings() {
  const { workspace, can } = useWorkspace();
  const toast = useToast();
  const router = useRouter();
  const [error, setError] = useState<string>();
  const rename = useWorkspaceMutation<{ name: string }, unknown>((body) => ({ path: "/api/v1/workspace", method: "PATCH", body }));
  const editable = can("workspace:update");
  return (
    <Card title="Workspace" description={`Slug: ${workspace.slug}`}>
      <form
        noValidate
        className="flex max-w-lg items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = ZUpdateWorkspaceRequestSchema.safeParse({ name: new FormData(e.currentTarget).get("name") });
          if (!parsed.success) return setError(fieldErrors(parsed.error).name);
          setError(undefined);
          rename.mutate(parsed.data, {
            onSuccess: () => {
              toast("success", "Workspace renamed.");
              router.refresh();
            },
            onError: (err) => setError(err.message),
          });
        }}
      >
        <div className="flex-1">
          <TextField label="Workspace name" name="name" defaultValue={workspace.name} disabled={!editable} error={error} />
        </div>
        {editable && (
          <Button type="submit" disabled={rename.isPending}>
            Save
          </Button>
        )}
      </form>
    </Card>
  );
}
