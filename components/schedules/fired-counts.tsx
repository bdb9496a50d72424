import { RUN_OUTCOMES } from "@/lib/triggers/schedules-query";
import { outcomeWords } from "./badges";

/** The last day's fires: how many became a run and how many did not, the breakdown on hover. */
export function FiredCounts({ counts }: { counts: Partial<Record<string, number>> }) {
  const entries = Object.entries(counts).filter((e): e is [string, number] => !!e[1]);
  if (!entries.length) return <span className="mt-0.5 block text-[11px] text-slate-500">no fires in 24 h</span>;
  const ran = entries.filter(([o]) => (RUN_OUTCOMES as readonly string[]).includes(o)).reduce((n, [, c]) => n + c, 0);
  const not = entries.reduce((n, [, c]) => n + c, 0) - ran;
  return (
    <span className="mt-0.5 block text-[11px] text-slate-500" title={entries.map(([o, c]) => `${c} ${outcomeWords(o)}`).join(", ")}>
      {ran} ran{not ? <span className="text-amber-800"> · {not} did not</span> : null}
    </span>
  );
}
