/**
 * The screens' own types (components/*\/types.ts) are checked here against the API's OpenAPI
 * document, through the typed client generated from it (lib/api/client/schema.d.ts): each line
 * assigns an answer as the document declares it to the type a screen reads it as. When the API
 * drops or changes a field a screen relies on, `npx tsc` fails on that line (a unit test keeps
 * the generated file current). Nothing here runs.
 */
import type { components } from "@/lib/api/client/schema";
import type { NodeRun, RunDetail, RunSummary, TraceEvent } from "@/components/runs/types";
import type { Approval, ApprovalEvent } from "@/components/approvals/types";
import type { Breaker, BreakerEvent } from "@/components/supervision/types";
import type { Schedule, ScheduleFire } from "@/components/schedules/types";

type S = components["schemas"];

export type ScreenTypesConform = [
  (a: S["RunListItem"]) => RunSummary,
  (a: S["Run"]) => RunDetail,
  (a: S["NodeRun"]) => NodeRun,
  (a: S["TraceEvent"]) => TraceEvent,
  (a: S["Approval"]) => Approval,
  (a: S["ApprovalEvent"]) => ApprovalEvent,
  (a: S["Breaker"]) => Breaker,
  (a: S["BreakerEvent"]) => BreakerEvent,
  (a: S["ScheduleView"]) => Schedule,
  (a: S["Fire"]) => ScheduleFire,
];

/** Compiles only when every answer above is assignable to the type its screen reads. */
export const screenTypesConform: ScreenTypesConform = [(a) => a, (a) => a, (a) => a, (a) => a, (a) => a, (a) => a, (a) => a, (a) => a, (a) => a, (a) => a];
