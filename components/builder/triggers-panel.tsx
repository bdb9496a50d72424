"use client";

import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Cron } from "croner";
import { ShownOnce } from "@/components/ui/notice";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useWorkspaceQuery } from "@/components/shell/use-workspace-query";
import type { Schedule } from "@/components/schedules/types";
import { api, ApiError } from "@/lib/client/api";
import { CATCH_UP_POLICIES, OVERLAP_POLICIES, RUN_END_STATUSES, TRIGGER_TYPES } from "@/lib/graphs/spec/schema";
import { completedStatuses, triggerIds } from "@/lib/graphs/spec/triggers";
import { describeTrigger, KIND_LABELS } from "@/lib/triggers/describe-trigger";
import type { TProblem } from "./types";
import { JsonInput, problemDetail, problemsAt, SelectInput, TextInput } from "./inspector/fields";
import { draftTriggers, localTimezone, newTrigger, timezones, type TDraftTrigger } from "./triggers-defaults";
import { useGraphs } from "./queries";
import { formatSlot } from "@/lib/format";

const iconButton = "grid h-6 w-6 place-items-center rounded text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-30";

/** What each kind of trigger does, for the "Add a trigger" menu. */
const KIND_HINTS: Record<(typeof TRIGGER_TYPES)[number], string> = {
  schedule: "on a cron schedule, in a time zone",
  webhook: "a signed POST to its own URL",
  email: "mail to its own address",
  api: "POST /graphs/:id/runs (always on; documents it)",
  event: "an event your systems send to /api/v1/events",
  graph_completed: "another graph's run ending",
  watch: "a URL polled until a condition turns true",
};

/**
 * The graph's triggers, in the graph settings: add, edit and remove every kind, with the
 * validator's messages next to each field. A saved trigger shows what the server made for it: a
 * webhook's URL and secret (shown once) with an example signed curl, an e-mail trigger's address;
 * a schedule previews its next fire times in its zone.
 */
export function TriggersPanel({ value, problems, onChange, readOnly, graphId, graphName }: {
  value: unknown;
  problems: readonly TProblem[];
  onChange(next: TDraftTrigger[] | undefined): void;
  readOnly: boolean;
  /** null until the graph is first saved */
  graphId: string | null;
  graphName?: string;
}) {
  const triggers = draftTriggers(value);
  const ids = triggerIds(triggers as never);
  const graphs = useGraphs();
  const saved = useWorkspaceQuery<{ schedules: Schedule[] }>(["schedules", "graph", graphId ?? ""], `/api/v1/schedules?graphId=${graphId}&count=5`, { enabled: !!graphId });
  const savedByName = new Map((saved.data?.schedules ?? []).map((s) => [s.name, s]));
  // which triggers are unfolded: a new one, and any the validator finds a problem in (they stay open once fixed)
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());
  const invalid = triggers.flatMap((_, i) => (problemsAt(problems, `triggers[${i}]`).length ? [i] : [])).join(",");
  useEffect(() => {
    if (invalid) setOpen((o) => new Set([...o, ...invalid.split(",").map(Number)]));
  }, [invalid]);
  const toggle = (i: number, isOpen: boolean) =>
    setOpen((o) => {
      if (o.has(i) === isOpen) return o;
      const next = new Set(o);
      if (isOpen) next.add(i);
      else next.delete(i);
      return next;
    });
  const others = (graphs.data?.graphs ?? []).filter((g) => g.id !== graphId && g.name !== graphName);
  const set = (next: TDraftTrigger[]) => onChange(next.length ? next : undefined);
  const listProblems = problems.filter((p) => p.field === "triggers");

  return (
    <div className="space-y-2" data-testid="triggers-panel">
      <p className="text-[11px] text-slate-500">What starts this graph besides the Run button. Saving a version makes them effective; pause one on the Schedules page without a new version.</p>
      {listProblems.map((p, i) => (
        <p key={i} className="text-xs text-red-600" role="note">
          {problemDetail(p)}
        </p>
      ))}
      <ol className="space-y-2">
        {triggers.map((t, i) => {
          const at = `triggers[${i}]`;
          const mine = problemsAt(problems, at);
          const server = savedByName.get(ids[i]!);
          const view = server && server.type === t.type ? server : undefined;
          const summary = describeTrigger(t.type, t, { hookUrl: view?.source.value, emailAddress: view?.source.value, graphName: (g) => others.find((o) => o.id === g)?.name }).summary;
          const update = (next: TDraftTrigger) => set(triggers.map((old, j) => (j === i ? next : old)));
          const field = (key: string) => problemsAt(problems, `${at}.${key}`);
          return (
            <li key={`${i}-${t.type}`} data-testid={`trigger-${i}`} className={`relative rounded-md border ${mine.length ? "border-red-300 bg-red-50/30" : "border-slate-200 bg-slate-50/50"}`}>
              <details open={open.has(i)} onToggle={(e) => toggle(i, e.currentTarget.open)} className="group">
                <summary className={`flex cursor-pointer select-none items-start gap-1 p-2 ${readOnly ? "" : "pr-9"}`}>
                  <span className="min-w-0 flex-1">
                    <span className="block text-[11px] font-semibold uppercase tracking-wide text-slate-500">
                      {KIND_LABELS[t.type as keyof typeof KIND_LABELS] ?? t.type} · <span className="font-mono normal-case">{ids[i]}</span>
                    </span>
                    <span className="block truncate text-xs text-slate-700" title={summary}>
                      {summary}
                    </span>
                    {mine.length > 0 && <span className="text-[11px] text-red-700">{mine.length} problem{mine.length === 1 ? "" : "s"}</span>}
                  </span>
                </summary>
                <div className="space-y-2 border-t border-slate-200 p-2">
                  <KindFields trigger={t} update={update} field={field} disabled={readOnly} others={others.map((g) => g.name)} />
                  {t.type === "webhook" && <WebhookInfo graphId={graphId} name={ids[i]!} view={view} />}
                  {t.type === "email" && <Saved view={view} label="Address" what="its address" testid="email-address" />}
                  <CommonFields trigger={t} update={update} field={field} disabled={readOnly} />
                </div>
              </details>
              {!readOnly && (
                <button
                  type="button"
                  className={`${iconButton} absolute right-2 top-2`}
                  aria-label={`Remove trigger ${ids[i]}`}
                  title="Remove"
                  onClick={() => {
                    set(triggers.filter((_, j) => j !== i));
                    setOpen((o) => new Set([...o].filter((j) => j !== i).map((j) => (j > i ? j - 1 : j))));
                  }}
                >
                  ✕
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {graphId && <StartsNext graphId={graphId} />}
      {!readOnly && (
        <label className="block">
          <span className="sr-only">Add a trigger</span>
          <select
            className="w-full rounded-md border border-dashed border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:border-brand-500"
            value=""
            data-testid="add-trigger"
            onChange={(e) => {
              const type = e.target.value as (typeof TRIGGER_TYPES)[number];
              if (!type) return;
              const taken = triggers.flatMap((t) => (typeof t.address === "string" ? [t.address] : []));
              set([...triggers, newTrigger(type, { timezone: localTimezone(), otherGraph: others[0]?.name, taken }) as TDraftTrigger]);
              toggle(triggers.length, true);
            }}
          >
            <option value="">+ Add a trigger…</option>
            {TRIGGER_TYPES.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}: {KIND_HINTS[k]}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

type FieldsProps = { trigger: TDraftTrigger; update(next: TDraftTrigger): void; field(key: string): TProblem[]; disabled: boolean };

/** Sets `key` (removing it when empty). */
const setKey = (t: TDraftTrigger, key: string, value: unknown): TDraftTrigger => {
  const next = { ...t };
  if (value === undefined || value === "") delete next[key];
  else next[key] = value;
  return next;
};
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function KindFields({ trigger: t, update, field, disabled, others }: FieldsProps & { others: string[] }) {
  const on = (key: string) => (v: unknown) => update(setKey(t, key, v));
  const common = { disabled };
  switch (t.type) {
    case "schedule": {
      const catchUp = (t.catchUp ?? {}) as { policy?: string; window?: string };
      const setCatchUp = (key: string, v: unknown) => {
        const next = { ...catchUp, [key]: v || undefined };
        update(setKey(t, "catchUp", next.policy || next.window ? { policy: next.policy ?? "skip", ...(next.window ? { window: next.window } : {}) } : undefined));
      };
      return (
        <>
          <TextInput label="Cron" mono testid="trigger-cron" value={str(t.cron)} onChange={on("cron")} problems={field("cron")} placeholder="0 9 * * 1-5" hint="5 fields (or 6 with seconds): minute hour day month weekday." {...common} />
          <TextInput label="Time zone" value={str(t.timezone)} onChange={on("timezone")} problems={field("timezone")} placeholder="UTC" options={timezones()} {...common} />
          <CronPreview cron={str(t.cron)} timezone={str(t.timezone)} />
          <SelectInput label="While a run it started is still going" value={str(t.overlap) as (typeof OVERLAP_POLICIES)[number] | undefined} options={OVERLAP_POLICIES} empty="skip (default)" onChange={on("overlap")} problems={field("overlap")} {...common} />
          <div className="grid grid-cols-2 gap-2">
            <SelectInput label="Catch-up" value={catchUp.policy as (typeof CATCH_UP_POLICIES)[number] | undefined} options={CATCH_UP_POLICIES} empty="skip" onChange={(v) => setCatchUp("policy", v)} problems={field("catchUp.policy")} {...common} />
            <TextInput label="within" value={catchUp.window} onChange={(v) => setCatchUp("window", v)} problems={field("catchUp.window")} placeholder="1h" {...common} />
          </div>
          <TextInput label="Jitter (up to)" value={str(t.jitter)} onChange={on("jitter")} problems={field("jitter")} placeholder="30s" {...common} />
        </>
      );
    }
    case "webhook": {
      const verify = (t.verify ?? { mode: "standard" }) as { mode?: string; header?: string; algorithm?: string; encoding?: string; prefix?: string };
      const setVerify = (key: string, v: unknown) => {
        const next: Record<string, unknown> = key === "mode" ? (v === "hmac" ? { mode: "hmac", header: "x-signature" } : { mode: "standard" }) : { ...verify, [key]: v || undefined };
        update(setKey(t, "verify", JSON.parse(JSON.stringify(next))));
      };
      return (
        <>
          <TextInput label="Path" mono value={str(t.path)} onChange={on("path")} problems={field("path")} placeholder="(its id)" hint="The end of its URL: /api/v1/hooks/<workspace>/<path>." {...common} />
          <SelectInput label="Signature" value={(verify.mode ?? "standard") as "standard" | "hmac"} options={[{ value: "standard", label: "Standard Webhooks" }, { value: "hmac", label: "HMAC in one header (GitHub, Stripe…)" }]} onChange={(v) => setVerify("mode", v)} problems={field("verify.mode")} {...common} />
          {verify.mode === "hmac" && (
            <>
              <TextInput label="Header" mono value={verify.header} onChange={(v) => setVerify("header", v)} problems={field("verify.header")} placeholder="x-hub-signature-256" {...common} />
              <div className="grid grid-cols-2 gap-2">
                <SelectInput label="Algorithm" value={verify.algorithm as "sha256" | undefined} options={["sha256", "sha1", "sha512"] as const} empty="sha256" onChange={(v) => setVerify("algorithm", v)} problems={field("verify.algorithm")} {...common} />
                <SelectInput label="Encoding" value={verify.encoding as "hex" | undefined} options={["hex", "base64"] as const} empty="hex" onChange={(v) => setVerify("encoding", v)} problems={field("verify.encoding")} {...common} />
              </div>
              <TextInput label="Prefix" mono value={verify.prefix} onChange={(v) => setVerify("prefix", v)} problems={field("verify.prefix")} placeholder="sha256=" {...common} />
            </>
          )}
          <TextInput label="Dedupe key" mono value={str(t.dedupeKey)} onChange={on("dedupeKey")} problems={field("dedupeKey")} placeholder="{{event.body.id}}" hint="Default: the webhook-id header." {...common} />
        </>
      );
    }
    case "email":
      return <TextInput label="Address (before @)" mono testid="trigger-address" value={str(t.address)} onChange={on("address")} problems={field("address")} placeholder="intake" {...common} />;
    case "event":
      return <TextInput label="Event name" mono value={str(t.name)} onChange={on("name")} problems={field("name")} placeholder="order.created" {...common} />;
    case "graph_completed": {
      const statuses = Array.isArray(t.status) ? (t.status as string[]) : typeof t.status === "string" ? [t.status] : ["succeeded"];
      return (
        <>
          <TextInput label="When a run of" value={str(t.graph)} onChange={on("graph")} problems={field("graph")} options={others} placeholder="another graph's name" {...common} />
          <fieldset className="text-xs" disabled={disabled}>
            <legend className="mb-1 font-medium text-slate-700">ends</legend>
            <div className="flex gap-3">
              {RUN_END_STATUSES.map((s) => (
                <label key={s} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={statuses.includes(s)}
                    onChange={(e) => {
                      const next = e.target.checked ? [...statuses, s] : statuses.filter((x) => x !== s);
                      update(setKey(t, "status", next.length === 1 ? next[0] : next.length ? next : undefined));
                    }}
                  />
                  {s}
                </label>
              ))}
            </div>
            {field("status").map((p, i) => (
              <p key={i} className="text-xs text-red-600" role="note">
                {problemDetail(p)}
              </p>
            ))}
          </fieldset>
        </>
      );
    }
    case "watch":
      return (
        <>
          <TextInput label="URL" mono value={str(t.url)} onChange={on("url")} problems={field("url")} placeholder="https://…" {...common} />
          <div className="grid grid-cols-2 gap-2">
            <SelectInput label="Method" value={str(t.method) as "GET" | "POST" | undefined} options={["GET", "POST"] as const} empty="GET" onChange={on("method")} problems={field("method")} {...common} />
            <TextInput label="Every" value={str(t.every)} onChange={on("every")} problems={field("every")} placeholder="5m" {...common} />
          </div>
          <TextInput label="Start a run when (CEL)" mono value={str(t.when)} onChange={on("when")} problems={field("when")} placeholder="event.body.status == 'down'" hint="Over event.status, event.body, event.headers; fires when it turns true." {...common} />
          <TextInput label="Key (CEL)" mono value={str(t.key)} onChange={on("key")} problems={field("key")} placeholder="event.body.incident.id" hint="A key that already started a run starts nothing again." {...common} />
          <JsonInput label="Headers" value={t.headers} onChange={on("headers")} problems={field("headers")} requireObject rows={2} {...common} />
        </>
      );
    default:
      return null;
  }
}

/** Fields every kind has: id, description, condition (not for watch: there `when` is its own field), input mapping. */
function CommonFields({ trigger: t, update, field, disabled }: FieldsProps) {
  const on = (key: string) => (v: unknown) => update(setKey(t, key, v));
  return (
    <details className="text-xs">
      <summary className="cursor-pointer select-none font-medium text-slate-600">Id, condition and input</summary>
      <div className="mt-2 space-y-2">
        <TextInput label="Id" mono value={str(t.id)} onChange={on("id")} problems={field("id")} placeholder={t.type} hint="Its fires, pause and URL follow the id across versions." disabled={disabled} />
        <TextInput label="Description" value={str(t.description)} onChange={on("description")} problems={field("description")} disabled={disabled} />
        {t.type !== "watch" && <TextInput label="Only when (CEL over event)" mono value={str(t.when)} onChange={on("when")} problems={field("when")} placeholder="event.body.amount > 100" disabled={disabled} />}
        <JsonInput label="Run input" value={t.input} onChange={on("input")} problems={field("input")} requireObject rows={3} hint='Templates over {{event.…}}, e.g. { "ticket": "{{event.body.id}}" }. Default: what the trigger received.' disabled={disabled} />
      </div>
    </details>
  );
}

/** A value the server made for a saved trigger (an e-mail address), or how to get one. */
/** The other graphs a run of this one starts when it ends (their `graph_completed` triggers): the other side of the link. */
function StartsNext({ graphId }: { graphId: string }) {
  const { workspace } = useWorkspace();
  const followers = useWorkspaceQuery<{ schedules: Schedule[] }>(["schedules", "follows", graphId], `/api/v1/schedules?follows=${encodeURIComponent(graphId)}&count=1`);
  const list = followers.data?.schedules ?? [];
  if (!list.length) return null;
  return (
    <div className="rounded-md border border-slate-200 p-2" data-testid="starts-next">
      <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">When a run of this graph ends, it starts</p>
      <ul className="mt-1 space-y-0.5 text-xs">
        {list.map((s) => {
          const status = (s.config as { status?: string | string[] } | null)?.status;
          return (
            <li key={s.id}>
              <Link href={`/w/${workspace.slug}/graphs/${s.graphId}`} className="font-medium text-brand-700 hover:underline">
                {s.graphName ?? s.graphId}
              </Link>{" "}
              <span className="text-slate-500">
                (trigger <span className="font-mono">{s.name}</span>, on {completedStatuses(status).join(" or ")}
                {s.paused ? ", paused" : ""})
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Saved({ view, label, what, testid }: { view: Schedule | undefined; label: string; what: string; testid: string }) {
  if (!view?.source.value) return <p className="text-[11px] text-slate-500">Save the graph to get {what}.</p>;
  return (
    <label className="block text-xs">
      <span className="font-medium text-slate-700">{label}</span>
      <input readOnly value={view.source.value} data-testid={testid} className="mt-1 w-full rounded-md border border-slate-200 bg-white px-2 py-1 font-mono text-[11px]" onFocus={(e) => e.currentTarget.select()} />
    </label>
  );
}

/** A saved webhook's URL, and its secret: made or rotated on demand and shown once, with an example signed curl. */
function WebhookInfo({ graphId, name, view }: { graphId: string | null; name: string; view: Schedule | undefined }) {
  const { workspace, can } = useWorkspace();
  const [made, setMade] = useState<{ secret: string; url?: string; curl?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!graphId || !view) return <p className="text-[11px] text-slate-500">Save the graph to get this webhook&apos;s URL and secret.</p>;
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setMade(await api<{ secret: string; url?: string; curl?: string }>(`/api/v1/graphs/${graphId}/triggers/${encodeURIComponent(name)}/secret`, { method: "POST", body: {}, workspace: workspace.slug }));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? "This server cannot make webhook secrets yet." : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-1.5">
      <Saved view={view} label="URL" what="its URL" testid="webhook-url" />
      {can("triggers:write") && (
        <button type="button" disabled={busy} onClick={create} data-testid="webhook-secret" className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50">
          {busy ? "Making a secret…" : "Create or rotate its secret"}
        </button>
      )}
      {error && (
        <p className="text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
      {made && (
        <div className="text-xs">
          <ShownOnce tone="amber" message="Copy the secret now: it is not shown again. A rotation replaces it." label="Webhook secret" testId="webhook-secret-value" value={made.secret} />
          {made.curl && (
            <>
              <p className="mt-2 font-medium text-slate-700">A signed delivery:</p>
              <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 font-mono text-[10px] text-slate-100" data-testid="webhook-curl">
                {made.curl}
              </pre>
            </>
          )}
        </div>
      )}
    </div>
  );
}

type Preview = { times: string[]; local: boolean } | { error: string };

/** The next cron slots from the server's preview (or, on a server without it, computed here with the same parser). */
async function previewCron(cron: string, timezone: string | undefined, workspace: string): Promise<Preview> {
  try {
    const r = await api<unknown>("/api/v1/schedules/preview", { method: "POST", body: { cron, ...(timezone ? { timezone } : {}), count: 5 }, workspace });
    const o = (r ?? {}) as Record<string, unknown>;
    const list = [o.times, o.next, o.fireTimes, o.data, r].find(Array.isArray) as unknown[] | undefined;
    // `{ times: [{ at, utc }] }`: `at` is in the zone with its offset, `utc` the same instant
    return { times: (list ?? []).map((t) => (typeof t === "object" && t ? String((t as { utc?: unknown; at?: unknown }).utc ?? (t as { at?: unknown }).at) : String(t))), local: false };
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 405)) return { error: err instanceof ApiError && err.issues.length ? err.issues.map((i) => i.message).join("; ") : (err as Error).message };
  }
  try {
    return { times: new Cron(cron, { timezone, paused: true }).nextRuns(5).map((d) => d.toISOString()), local: true };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function CronPreview({ cron, timezone }: { cron: string | undefined; timezone: string | undefined }) {
  const { workspace } = useWorkspace();
  // ask once typing pauses
  const [asked, setAsked] = useState({ cron, timezone });
  useEffect(() => {
    const t = setTimeout(() => setAsked({ cron, timezone }), 400);
    return () => clearTimeout(t);
  }, [cron, timezone]);
  const q = useQuery({
    queryKey: [workspace.slug, "schedules", "preview", asked.cron, asked.timezone],
    queryFn: () => previewCron(asked.cron!, asked.timezone, workspace.slug),
    enabled: !!asked.cron,
    staleTime: 60_000,
  });
  if (!cron) return null;
  const zone = timezone || "UTC";
  const fmt = (iso: string) => formatSlot(iso, zone);
  return (
    <div className="rounded border border-slate-200 bg-white p-2 text-xs" data-testid="cron-preview" aria-live="polite">
      <p className="font-medium text-slate-700">Next fires ({zone})</p>
      {q.isPending || asked.cron !== cron || asked.timezone !== timezone ? (
        <p className="text-slate-500">…</p>
      ) : q.data && "error" in q.data ? (
        <p className="text-red-600">{q.data.error}</p>
      ) : q.data?.times.length ? (
        <ol className="mt-0.5 tabular-nums text-slate-700">
          {q.data.times.map((t) => (
            <li key={t}>{fmt(t)}</li>
          ))}
        </ol>
      ) : (
        <p className="text-slate-500">It never fires.</p>
      )}
    </div>
  );
}
