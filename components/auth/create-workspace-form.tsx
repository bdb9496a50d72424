"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { fieldErrors, ZCreateWorkspaceRequestSchema } from "@/lib/schemas/account";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  return (
    <form
      noValidate
      className="mt-6 space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const parsed = ZCreateWorkspaceRequestSchema.safeParse({ name: new FormData(e.currentTarget).get("name") });
        if (!parsed.success) return setErrors(fieldErrors(parsed.error));
        setPending(true);
        try {
          const ws = await api<{ slug: string }>("/api/v1/workspaces", { body: parsed.data });
          router.push(`/w/${ws.slug}/graphs`);
          router.refresh();
        } catch (err) {
          setErrors({ name: (err as Error).message });
          setPending(false);
        }
      }}
    >
      <TextField label="Workspace name" name="name" placeholder="Acme procurement" error={errors.name} autoFocus />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
