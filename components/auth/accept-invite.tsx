"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { FormError } from "@/components/ui/notice";

export function AcceptInvite({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-3">
      {error && (
        <FormError>{error}</FormError>
      )}
      <Button
        className="w-full"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          try {
            const res = await api<{ workspace: { slug: string } }>(`/api/invitations/${token}/accept`, { method: "POST" });
            router.push(`/w/${res.workspace.slug}/graphs`);
            router.refresh();
          } catch (err) {
            setError((err as Error).message);
            setPending(false);
          }
        }}
      >
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
    </div>
  );
}
