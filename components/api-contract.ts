/**
 * The screens' own types (components/*\/types.ts) are checked here against the API's OpenAPI
 * document, through the typed client generated from it (lib/api/client/schema.d.ts): each line
 * assigns an answer as the document declares it to the type a screen reads it as. When the API
 * drops or changes a field a screen relies on, `npx tsc` fails on that line (a unit test keeps
 * the generated file current). Types only: nothing here runs.
 */
import type { components } from "@/lib/api/client/schema";
import type { NodeRun, RunDetail, RunSummary, TraceEvent } from "@/components/runs/types";
import type { Approval, ApprovalEvent } from "@/components/approvals/types";
import type { Breaker, BreakerEvent } from "@/components/supervision/types";
import type { Schedule, ScheduleFire } from "@/components/schedules/types";

type S = components["schemas"];

/** Compiles only when `Answer` (as the document declares it) is assignable to `Screen` (as the screen reads it). */
type Reads<Answer extends Screen, Screen> = [Answer, Screen];

export type ScreenTypesConform = [
  Reads<S["RunListItem"], RunSummary>,
  Reads<S["Run"], RunDetail>,
  Reads<S["NodeRun"], NodeRun>,
  Reads<S["TraceEvent"], TraceEvent>,
  Reads<S["Approval"], Approval>,
  Reads<S["ApprovalEvent"], ApprovalEvent>,
  Reads<S["Breaker"], Breaker>,
  Reads<S["BreakerEvent"], BreakerEvent>,
  Reads<S["ScheduleView"], Schedule>,
  Reads<S["Fire"], ScheduleFire>,
];
