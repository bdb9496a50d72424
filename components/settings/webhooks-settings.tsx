"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, Skeleton } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { ShownOnce } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { formErrors, ZWebhookForm } from "@/components/costs/schemas";
import { ApiError } from "@/lib/client/api";
import { useWorkspaceMutation, useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import { WebhookDeliveries, type WebhookWithDeliveries } from "@/components/costs/webhook-deliveries";

type Webhook = WebhookWithDeliveries;

/** Budget-alert events a webhook can subscribe to. */
const EVENTS = [
  { id: "budget.threshold", label: "A budget crosses an alert threshold", checked: true },
  { id: "*", label: "Every event, including ones added later", checked: false },
] as const;

/**
 * Signed webhooks for budget alerts (HMAC of the body; the signing secret is shown once).
 * The API lets owners and admins manage them (`workspace:update`).
 */
export function WebhooksSettings() {
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState<string | null>(null);
  const list = useWorkspaceQuery<{ webhooks: Webhook[] }>(["webhooks"], "/api/v1/webhooks");
  const create = useWorkspaceMutation<{ url: string; events: string[] }, { webhook: Webhook & { secret?: string } }>((body) => ({ path: "/api/v1/webhooks", body }), [["webhooks"]]);
  const remove = useWorkspaceMutation<{ id: string }, unknown>(({ id }) => ({ path: `/api/v1/webhooks/${id}`, method: "DELETE" }), [["webhooks"]]);
  const missing = list.error instanceof ApiError && list.error.status === 404;

  return (
    <Card title="Budget alert webhooks" description="Each threshold crossing is POSTed as JSON, signed in the x-switchyard-signature header (HMAC-SHA256 of the timestamp and body) so your receiver can check it came from here. A failed delivery is retried for about two hours (x-switchyard-delivery names it, so retries can be de-duplicated).">
      {list.isPending ? (
        <Skeleton className="h-16" />
      ) : missing ? (
        <p className="text-sm text-slate-500" data-testid="webhooks-unavailable">
          Webhooks are not available on this server yet (the webhook API answered 404). Budget alerts still appear as in-app notifications.
        </p>
      ) : list.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the webhooks: {list.error.message} Reload the page to try again.
        </p>
      ) : (
        <>
          <form
            noValidate
            aria-label="Add a webhook"
            className="grid max-w-3xl grid-cols-1 items-start gap-3 md:grid-cols-[1fr_auto]"
            onSubmit={(e) => {
              e.preventDefault();
              const formEl = e.currentTarget;
              const fd = new FormData(formEl);
              const parsed = ZWebhookForm.safeParse({ url: String(fd.get("url") ?? "").trim() });
              const events = fd.getAll("events").map(String);
              const errs = parsed.success ? {} : formErrors(parsed.error);
              if (!events.length) errs.events = "Choose at least one event";
              if (!parsed.success || !events.length) return setErrors(errs);
              setErrors({});
              create.mutate(
                { url: parsed.data.url, events },
                {
                  onSuccess: (res) => {
                    formEl.reset();
                    setSecret(res.webhook?.secret ?? null);
                    toast("success", "Webhook added.");
                  },
                  onError: (err) => {
                    if (err instanceof ApiError && err.issues.length) setErrors(err.fieldErrors());
                    toast("error", `Could not add the webhook: ${err.message}`);
                  },
                },
              );
            }}
          >
            <TextField label="Endpoint URL" name="url" type="url" placeholder="https://hooks.example.com/switchyard" error={errors.url} />
            <Button type="submit" className="md:mt-6" disabled={create.isPending}>
              Add webhook
            </Button>
            <fieldset className="md:col-span-2">
              <legend className="text-sm font-medium text-slate-700">Events</legend>
              <div className="mt-1 flex flex-wrap gap-4">
                {EVENTS.map((ev) => (
                  <label key={ev.id} className="flex items-center gap-2 text-sm text-slate-700">
                    <input type="checkbox" name="events" value={ev.id} defaultChecked={ev.checked} className="h-4 w-4 rounded border-slate-300" />
                    {ev.label}
                  </label>
                ))}
              </div>
              {errors.events && <p className="mt-1 text-xs text-red-600">{errors.events}</p>}
            </fieldset>
          </form>
          {secret && <ShownOnce tone="amber" message="Copy the signing secret now. It will not be shown again." label="Webhook signing secret" value={secret} />}
          {list.data.webhooks.length === 0 ? (
            <p className="mt-4 text-sm text-slate-500">No webhooks yet. Add your alerting endpoint (Slack workflow, PagerDuty, your own service) above.</p>
          ) : (
            <ul className="mt-4 divide-y divide-slate-100 text-sm">
              {list.data.webhooks.map((w) => (
                <li key={w.id} className="flex items-center justify-between gap-3 py-2">
                  <div className="min-w-0">
                    <p className="truncate font-mono text-xs text-slate-900">{w.url}</p>
                    <p className="mt-0.5 flex flex-wrap gap-1">
                      {w.events.map((e) => (
                        <Badge key={e}>{e}</Badge>
                      ))}
                      {!w.enabled && <Badge tone="amber">disabled</Badge>}
                    </p>
                    <WebhookDeliveries webhook={w} />
                  </div>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-red-700"
                    onClick={() => confirm(`Stop sending alerts to ${w.url}?`) && remove.mutate({ id: w.id }, { onSuccess: () => toast("success", "Webhook removed."), onError: (err) => toast("error", err.message) })}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}
