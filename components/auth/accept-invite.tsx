"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";

export function AcceptInvite({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-3">
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
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
