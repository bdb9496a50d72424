import { inngest } from "../../lib/events/client";
import { EVENTS, type WebhookRetryRequestedData } from "../../lib/events/names";
import type { InngestFunction } from "inngest";
import { attemptWebhookDelivery, webhookRetryDelayMs, WEBHOOK_MAX_ATTEMPTS } from "../../lib/finops/attempt-webhook-delivery";
import { systemContext } from "../../lib/runtime/system-context";

/**
 * Retries a webhook delivery whose first attempt failed: a durable sleep with backoff before
 * each further attempt (1, 3, 9, 27, 81 min by default), each attempt one step, so a restart
 * of the app or the engine neither loses the delivery nor repeats an attempt already logged.
 * Started by `switchyard/webhook.retry-requested` (lib/finops/deliver-budget-alerts.ts).
 */
export const deliverWebhook: InngestFunction.Any = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver webhook",
    // the attempts are counted by the loop; a step that throws (database unreachable) is retried by the engine
    retries: 3,
    triggers: [{ event: EVENTS.webhookRetryRequested }],
    concurrency: [{ key: "event.data.workspaceId", limit: 10 }],
  },
  async ({ event, step }) => {
    const { deliveryId, workspaceId } = event.data as WebhookRetryRequestedData;
    for (let attempt = 2; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      await step.sleep(`backoff-${attempt}`, webhookRetryDelayMs(attempt));
      const outcome = await step.run(`attempt-${attempt}`, async () => attemptWebhookDelivery(await systemContext(workspaceId), deliveryId, attempt));
      if (outcome.done) return outcome;
    }
    return { done: true, status: "failed" };
  },
);
