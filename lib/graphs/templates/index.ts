/**
 * The template catalog: ready-made graphs a workspace can start from. Each template is a JSON
 * spec beside this file (its `description` says what it does and which secrets it needs) plus a
 * title and one-line summary for the catalog screen.
 *
 * Templates are data, so they are validated where they are used (and in this folder's test),
 * not trusted because they ship with the product.
 */
import { formatIssues } from "../spec/issues";
import type { TGraphSpec } from "../spec/schema";
import { validateGraphSpec, type TValidateOptions } from "../spec/validate";
import procurement from "./procurement.json";
import procurementSupervised from "./procurement-supervised.json";
import researchReport from "./research-report.json";
import supportTriage from "./support-triage.json";

/** A catalog entry. `spec` is unvalidated JSON; use {@link getGraphTemplate} for a typed spec. */
export interface TGraphTemplate {
  slug: string;
  title: string;
  summary: string;
  spec: unknown;
}

/** Every template, in the order the catalog shows them. */
export const GRAPH_TEMPLATES: readonly TGraphTemplate[] = [
  {
    slug: "procurement-approval",
    title: "Procurement approvals",
    summary: "Supplier e-mail → vendor check → pricing and compliance review → human approval when needed → decision.",
    spec: procurement,
  },
  {
    slug: "procurement-supervised",
    title: "Procurement with a supervisor",
    summary: "Supplier e-mail → vendor check → a supervisor delegates pricing and compliance reviews, escalates unsure ones to a person, and decides.",
    spec: procurementSupervised,
  },
  {
    slug: "support-triage",
    title: "Support triage with escalation",
    summary: "Classify a ticket, gather CRM and knowledge-base context in parallel, draft a reply, escalate to a lead when unsure.",
    spec: supportTriage,
  },
  {
    slug: "research-report",
    title: "Research report",
    summary: "Plan, search the web and papers in parallel, analyse each branch, join into a report and fact-check it.",
    spec: researchReport,
  },
];

/**
 * A template with its spec validated and typed.
 *
 * @param options the workspace's models/tools/graphs, to check the template against them.
 * @throws Error listing the issues if the template does not validate (a bug in the template,
 *   or a workspace that lacks what it needs).
 * @example
 * const { spec } = getGraphTemplate("procurement-approval")!;
 * spec.nodes.map((n) => n.id); // ["intake", "vendor", "pricing", …]
 */
export function getGraphTemplate(slug: string, options?: TValidateOptions): (TGraphTemplate & { spec: TGraphSpec }) | undefined {
  const template = GRAPH_TEMPLATES.find((entry) => entry.slug === slug);
  if (!template) return undefined;
  const result = validateGraphSpec(template.spec, options);
  if (!result.ok) throw new Error(`graph template "${slug}" is invalid:\n${formatIssues(result.issues)}`);
  return { ...template, spec: result.spec };
}

/**
 * A template's spec as a new graph starts from it: a deep copy without the e-mail addresses and
 * webhook paths the template suggests, which are unique in a workspace (the demo's seeded copy
 * holds them). The new graph's triggers get their defaults instead: an address and a URL from
 * its own name and trigger ids, so a second copy saves without a clash.
 */
export function templateStartingSpec(spec: unknown): unknown {
  const copy = structuredClone(spec) as { triggers?: Record<string, unknown>[] };
  for (const trigger of copy.triggers ?? []) {
    if (trigger.type === "email") delete trigger.address;
    if (trigger.type === "webhook") delete trigger.path;
  }
  return copy;
}
