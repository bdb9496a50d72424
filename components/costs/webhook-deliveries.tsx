"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import type { Wire } from "./types";
import type { listWebhookDeliveries } from "@/lib/finops/list-webhook-deliveries";
import type { listWebhookEndpoints } from "@/lib/finops/list-webhook-endpoints";
import { Time } from "@/components/ui/time";
import { formatDuration } from "@/lib/format";

/** One endpoint of `GET /api/v1/webhooks`, with its latest delivery. */
export type WebhookWithDeliveries = Wire<Awaited<ReturnType<typeof listWebhookEndpoints>>[number]>;
type Delivery = Wire<Awaited<ReturnType<typeof listWebhookDeliveries>>[number]>;

const TONE = { delivered: "green", pending: "amber", failed: "red" } as const;
const LABEL = { delivered: "delivered", pending: "retrying", failed: "failed" } as const;

const when = (iso: string | null | undefined) => (iso ? <Time value={iso} mode="absolute" /> : null);

/** The latest delivery of an endpoint in one line, and its recent deliveries with every attempt on request. */
export function WebhookDeliveries({ webhook }: { webhook: WebhookWithDeliveries }) {
  const [open, setOpen] = useState(false);
  const last = webhook.lastDelivery;
  if (!last) return <p className="mt-1 text-xs text-slate-500">No deliveries yet.</p>;
  return (
    <div className="mt-1 text-xs text-slate-600" data-testid={`webhook-deliveries-${webhook.id}`}>
      <p className="flex flex-wrap items-center gap-2">
        <span>Last delivery {when(last.createdAt)}:</span>
        <Badge tone={TONE[last.status]}>{LABEL[last.status]}</Badge>
        <span>
          {last.attempts} attempt{last.attempts === 1 ? "" : "s"}
          {last.lastStatusCode != null && `, HTTP ${last.lastStatusCode}`}
        </span>
        {last.status !== "delivered" && last.lastError && <span className="text-red-700">{last.lastError}</span>}
        {last.status === "pending" && last.nextAttemptAt && <span>next try {when(last.nextAttemptAt)}</span>}
        {(webhook.failedDeliveries > 0 || webhook.pendingDeliveries > 0) && (
          <span className="text-slate-500">
            ({webhook.failedDeliveries} failed, {webhook.pendingDeliveries} retrying in all)
          </span>
        )}
        <Button size="sm" variant="ghost" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? "Hide deliveries" : "Deliveries"}
        </Button>
      </p>
      {open && <DeliveryList webhookId={webhook.id} />}
    </div>
  );
}

function DeliveryList({ webhookId }: { webhookId: string }) {
  const list = useWorkspaceQuery<{ deliveries: Delivery[] }>(["webhooks", webhookId, "deliveries"], `/api/v1/webhooks/${webhookId}/deliveries?limit=20`, { refetchInterval: 15_000 });
  if (list.isPending) return <p className="mt-2 text-slate-500">Loading deliveries…</p>;
  if (list.isError) return <p role="alert" className="mt-2 text-red-700">Could not load the deliveries: {list.error.message}</p>;
  return (
    <table className="mt-2 w-full text-left" aria-label="Webhook deliveries">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1 pr-2 font-medium">Sent</th>
          <th className="py-1 pr-2 font-medium">Event</th>
          <th className="py-1 pr-2 font-medium">Status</th>
          <th className="py-1 font-medium">Attempts</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {list.data.deliveries.map((d) => (
          <tr key={d.id} className="align-top">
            <td className="py-1 pr-2 tabular-nums">{when(d.createdAt)}</td>
            <td className="py-1 pr-2 font-mono">{d.event}</td>
            <td className="py-1 pr-2">
              <Badge tone={TONE[d.status]}>{LABEL[d.status]}</Badge>
            </td>
            <td className="py-1">
              <ol className="space-y-0.5">
                {d.attemptLog.map((a) => (
                  <li key={a.attempt} className="tabular-nums">
                    #{a.attempt} {when(a.at)} — {a.statusCode != null ? `HTTP ${a.statusCode}` : "no answer"}
                    {a.error && a.statusCode == null ? `: ${a.error}` : ""} ({formatDuration(a.durationMs)})
                  </li>
                ))}
                {d.status === "pending" && d.nextAttemptAt && <li className="text-slate-500">next try {when(d.nextAttemptAt)}</li>}
              </ol>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
