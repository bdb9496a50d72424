"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { COST_COLUMNS, formatCount, formatPercent, formatTokens, formatUsd, toNumber } from "@/lib/format";
import { rowLabel, splitVersionKey } from "./query";
import type { Bucket, CostRowWire, GroupBy } from "./types";
import { GROUP_LABEL } from "./types";
import { CopyIdButton } from "@/components/ui/copy-id";

/** The rows of a cost report, with a link to the runs behind each. */
export function CostTable({
  groupBy,
  rows,
  isSimulated,
  drill,
  testId = "cost-table",
  pageSize = 25,
  totalUsd,
}: {
  groupBy: GroupBy | Bucket;
  rows: CostRowWire[];
  isSimulated: (key: string) => boolean;
  drill: (key: string) => string;
  testId?: string;
  pageSize?: number;
  /** What the Share column divides by when the rows are one page of a longer list (default: their own sum). */
  totalUsd?: number;
}) {
  const [shown, setShown] = useState(pageSize);
  if (!rows.length) return <p className="text-sm text-slate-500">No spend in this range{groupBy === "customer" ? ". Give graphs a customerKey (e.g. {{input.requestId}}) to see each request's cost here." : "."}</p>;
  const total = totalUsd ?? rows.reduce((s, r) => s + toNumber(r.costUsd), 0);
  const label = groupBy === "day" ? "Day" : groupBy === "month" ? "Month" : GROUP_LABEL[groupBy];
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr className="border-b border-slate-200">
            <th className="py-2 pr-3">{label}</th>
            {COST_COLUMNS.map((c) => (
              <th key={c.key} className="px-3 py-2 text-right">
                {c.heading}
              </th>
            ))}
            <th className="px-3 py-2 text-right">Share</th>
            <th className="py-2 pl-3">
              <span className="sr-only">Runs</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.slice(0, shown).map((r) => {
            const sim = isSimulated(r.key);
            const name = rowLabel(groupBy, r);
            return (
              <tr key={r.key} data-testid="cost-row" data-key={r.key} className="hover:bg-slate-50">
                <td className="max-w-md py-2 pr-3">
                  <Link href={drill(r.key)} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    <span className={groupBy === "model" || groupBy === "agent" || groupBy === "customer" ? "font-mono text-xs" : undefined}>{name}</span>
                  </Link>
                  {sim && (
                    <span className="ml-2">
                      <Badge tone="amber">simulated</Badge>
                    </span>
                  )}
                  {(groupBy === "graph" || groupBy === "version") && r.key && (
                    <span className="ml-1 align-middle">
                      <CopyIdButton id={splitVersionKey(r.key).graphId} />
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatCount(r.calls)}</td>
                <td className="px-3 py-2 text-right tabular-nums text-slate-600">{formatTokens(r.inputTokens)}</td>
                <td className="px-3 py-2 text-right tabular-nums text-slate-600">{formatTokens(r.outputTokens)}</td>
                <td className="px-3 py-2 text-right font-medium tabular-nums" title={`${r.costUsd} USD exactly`}>
                  {formatUsd(r.costUsd)}
                </td>
                <td className="px-3 py-2 text-right tabular-nums text-slate-500">{total > 0 ? formatPercent((toNumber(r.costUsd) / total) * 100, 1) : "—"}</td>
                <td className="whitespace-nowrap py-2 pl-3 text-right">
                  <Link href={drill(r.key)} className="text-xs font-medium text-brand-700 hover:underline" aria-label={`Runs behind ${name}`}>
                    Runs →
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > shown && (
        <div className="mt-3 flex items-center gap-3">
          <Button size="sm" variant="secondary" onClick={() => setShown((n) => n + pageSize * 2)}>
            Show more
          </Button>
          <span className="text-xs text-slate-500">
            {shown} of {rows.length} shown; the CSV export has all of them.
          </span>
        </div>
      )}
    </div>
  );
}
