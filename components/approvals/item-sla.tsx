"use client";

import { parseDuration } from "@/lib/graphs/spec/duration";
import { formatAbsolute, formatDue, formatSpan } from "@/lib/format";
import { ROLE_LABEL, type RoleName } from "@/lib/auth/permissions";
import type { Approval } from "./types";

/** "due in 3 h 20 min" / "overdue by 12 min" (red when overdue or under an hour), or "No deadline". */
export function TimeLeft({ dueAt, now }: { dueAt: string | null; now: number }) {
  if (!dueAt) return <span className="text-slate-500">No deadline</span>;
  const due = new Date(dueAt);
  const left = due.getTime() - now;
  return (
    <span className={`font-medium ${left < 3_600_000 ? "text-red-700" : "text-slate-700"}`} data-testid="time-left" title={`Due ${formatAbsolute(due)}`}>
      {formatDue(due, now)}
    </span>
  );
}

/** Where the item is on its escalation chain, and who gets it next and when. */
export function ChainLevel({ approval, now, nameOf }: { approval: Approval; now: number; nameOf: (userId: string) => string }) {
  const chain = approval.escalationChain ?? [];
  if (!chain.length) return null;
  const level = approval.escalationLevel ?? 0;
  const next = chain[level];
  const since = new Date(approval.escalatedAt ?? approval.createdAt).getTime();
  const at = next ? since + parseDuration(next.after) : null;
  const who = next?.to.map((a) => ("role" in a ? `${ROLE_LABEL[a.role as RoleName] ?? a.role} role` : nameOf(a.user))).join(", ");
  return (
    <span data-testid="chain-level">
      <span className={`font-medium ${level ? "text-red-700" : "text-slate-700"}`}>{level ? `Escalated: level ${level} of ${chain.length}` : `Escalation chain: ${chain.length} step${chain.length === 1 ? "" : "s"}`}</span>
      {next && at !== null && <> · to {who} {at > now ? `in ${formatSpan(at - now) ?? "a moment"}` : "now"} if undecided</>}
      {!next && " · last level"}
    </span>
  );
}
