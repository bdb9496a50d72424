import "server-only";
import { getPrisma } from "../../db/client";
import { emailDomain } from "../../env";
import { systemContext } from "../../runtime/system-context";
import { fireTrigger, type FireResult } from "../fire-trigger";
import type { FireOutcome } from "../outcomes";
import { fullAddress, routeRecipient } from "./address";
import type { TInboundEmail } from "./inbound-email";

/** The e-mail trigger a recipient address reaches, with its workspace, or null. */
export async function findEmailTrigger(recipient: string) {
  const route = routeRecipient(recipient, emailDomain());
  if (!route?.local) return null;
  // the local part is unique across the deployment: this lookup routes; everything after it is scoped to the trigger's workspace
  const row = await getPrisma().trigger.findUnique({ where: { inboundAddress: route.localPart } });
  if (row?.type !== "email" || !row.graphId) return null;
  return { row, tag: route.tag, address: fullAddress(route.localPart, emailDomain()) };
}

/** What one recipient's trigger did with the message. */
export type TEmailDelivery = { recipient: string } & Omit<FireResult, "triggerId">;

/**
 * Fires every e-mail trigger the message is addressed to (one fire per trigger, however many of
 * its addresses the message names), once per `dedupeKey`: a message delivered again, or to
 * several of our hosts at once, starts each graph once and the duplicates get its run.
 * `unknown`: recipients no trigger receives for.
 */
export async function deliverInboundEmail(email: TInboundEmail, recipients: string[], dedupeKey: string): Promise<{ deliveries: TEmailDelivery[]; unknown: string[] }> {
  const unknown: string[] = [];
  const targets = new Map<string, NonNullable<Awaited<ReturnType<typeof findEmailTrigger>>> & { recipient: string }>();
  for (const recipient of [...new Set(recipients.map((r) => r.trim()).filter(Boolean))]) {
    const found = await findEmailTrigger(recipient);
    if (!found) unknown.push(recipient);
    else if (!targets.has(found.row.id)) targets.set(found.row.id, { ...found, recipient });
  }
  const deliveries = await Promise.all(
    [...targets.values()].map(async ({ row, tag, address, recipient }) => {
      const ctx = await systemContext(row.workspaceId);
      // `id`: what dedupes it (the Message-ID, or a hash of the message); `recipient`: the trigger's address; `tag`: a +tag after it
      const event = { ...email, id: dedupeKey, reference: email.reference ?? dedupeKey, recipient: address, tag };
      const fired = await fireTrigger(ctx, row, { event, input: event, dedupeKey, intendedAt: new Date(email.receivedAt) });
      const { triggerId: _triggerId, ...delivery } = fired;
      return { recipient, ...delivery };
    }),
  );
  return { deliveries, unknown };
}

/** Outcomes that mean "try again later" to a sender: the graph's backpressure refused the fire for now. */
export const RETRY_LATER: readonly FireOutcome[] = ["throttled", "queue_full"];

/** Whether the sender should deliver the message again later: backpressure, or a failure of ours that may pass (the Message-ID keeps a retry from starting a second run). */
export function shouldRetryLater(d: Pick<TEmailDelivery, "outcome" | "retryable">): boolean {
  return RETRY_LATER.includes(d.outcome) || (d.outcome === "error" && d.retryable === true);
}
