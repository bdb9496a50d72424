"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ZSaveMessage } from "./save-message";
import { Dialog } from "./dialog";

/** Asks for the version message, then saves. */
export function SaveDialog({ isNew, version, pending, onSave, onClose }: { isNew: boolean; version: number; pending: boolean; onSave(message: string): void; onClose(): void }) {
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string>();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = ZSaveMessage.safeParse(message);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    onSave(parsed.data);
  };
  return (
    <Dialog title={isNew ? "Create the graph" : `Save version ${version + 1}`} description="Every save is a new immutable version; runs in flight keep theirs." onClose={onClose} testid="save-dialog">
      <form onSubmit={submit} className="space-y-4">
        <TextField label="What changed?" autoFocus value={message} onChange={(e) => setMessage(e.target.value)} error={error} placeholder={isNew ? "First version" : "e.g. Stricter compliance review"} hint="Optional, up to 500 characters. Shown in the version history." />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : isNew ? "Create" : "Save version"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
