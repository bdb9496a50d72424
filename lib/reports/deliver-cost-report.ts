import "server-only";
import { decryptSecret, signPayload } from "../crypto";
import { sendEmail } from "../email/send-email";
import { smtpUrl } from "../env";
import { DELIVERY_HEADER, SIGNATURE_HEADER } from "../finops/attempt-webhook-delivery";
import { findOutboundBlocked, outboundFetch } from "../net/outbound";
import type { BuiltCostReport } from "./build-cost-report";
import type { TReportScheduleConfig } from "./schemas";
import { formatMoney } from "../format/money";
import { formatCount } from "../format/numbers";

/** How long the receiving webhook may take to answer. */
const WEBHOOK_TIMEOUT_MS = 10_000;

/** The `type` of a report webhook's body. */
export const REPORT_WEBHOOK_TYPE = "cost_report.delivered";

/** What each channel of one delivery did. */
export interface ReportDeliveryResult {
  email?: { ok: true; to: number } | { ok: false; error: string; retryable: boolean };
  webhook?: { ok: true; status: number } | { ok: false; status?: number; error: string; retryable: boolean };
}

/** The JSON a report webhook receives (signed like every outbound webhook of the product). */
export function reportWebhookBody(schedule: { id: string; name: string }, built: BuiltCostReport, deliveryId: string) {
  return {
    type: REPORT_WEBHOOK_TYPE,
    id: deliveryId,
    schedule: { id: schedule.id, name: schedule.name },
    report: {
      groupBy: built.groupBy,
      period: built.period.period,
      from: built.period.from.toISOString(),
      to: built.period.to.toISOString(),
      label: built.period.label,
      rows: built.rows,
      total: built.total,
    },
    filename: built.filename,
    contentType: "text/csv",
    csv: built.csv,
  };
}

/**
 * Delivers a built report on each channel its schedule names: an e-mail with the CSV attached
 * (through SMTP_URL; without it the e-mail channel fails, saying so), and a POST of
 * {@link reportWebhookBody} to the webhook URL through the outbound guard, signed
 * `x-switchyard-signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` with the schedule's own
 * secret (check it with lib/crypto verifySignature) and named by `x-switchyard-delivery`, the
 * same for every delivery of one slot, so a receiver can drop a repeat. Never throws: each
 * channel's failure is in the result.
 */
export async function deliverCostReport(
  schedule: { id: string; name: string; secretEnc: string | null },
  config: TReportScheduleConfig,
  built: BuiltCostReport,
  deliveryId: string,
): Promise<ReportDeliveryResult> {
  const result: ReportDeliveryResult = {};
  const { email, webhook } = config.deliver;
  if (email) {
    if (!smtpUrl()) result.email = { ok: false, error: "SMTP_URL is not set, so this deployment cannot send e-mail", retryable: false };
    else {
      try {
        await sendEmail({
          to: email,
          subject: `Cost report: ${schedule.name} (${built.period.label})`,
          text:
            `${schedule.name}: spend by ${built.groupBy}, ${built.period.label} (${config.timezone}).\n` +
            `${formatCount(built.rows)} row(s), ${formatCount(built.total.calls)} call(s), total ${formatMoney(built.total.costUsd)}.\n\n` +
            `The CSV is attached (${built.filename}).\n`,
          attachments: [{ filename: built.filename, content: built.csv, contentType: "text/csv; charset=utf-8" }],
        });
        result.email = { ok: true, to: email.length };
      } catch (err) {
        result.email = { ok: false, error: `sending the e-mail failed: ${(err as Error).message.slice(0, 300)}`, retryable: true };
      }
    }
  }
  if (webhook) {
    if (!schedule.secretEnc) result.webhook = { ok: false, error: "the schedule has no signing secret — rotate it to make one", retryable: false };
    else {
      const body = JSON.stringify(reportWebhookBody(schedule, built, deliveryId));
      try {
        const res = await outboundFetch(
          webhook.url,
          {
            method: "POST",
            headers: {
              "content-type": "application/json",
              [SIGNATURE_HEADER]: signPayload(decryptSecret(schedule.secretEnc), body),
              [DELIVERY_HEADER]: deliveryId,
              "user-agent": "Switchyard-Webhooks/1",
            },
            body,
            redirect: "manual",
            signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
          },
          { purpose: "webhook" },
        );
        await res.body?.cancel();
        // a receiver's own trouble may pass (5xx, 408, 429); any other answer is its final word
        const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
        result.webhook = res.status >= 200 && res.status < 300 ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `the webhook answered HTTP ${res.status}`, retryable };
      } catch (err) {
        const e = err as Error & { cause?: { message?: string } };
        const detail = e.name === "TimeoutError" ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : e.message === "fetch failed" && e.cause?.message ? e.cause.message : e.message;
        // unreachable or slow may pass; an address the outbound guard refuses does not
        result.webhook = { ok: false, error: `the webhook could not be reached: ${detail.slice(0, 300)}`, retryable: !findOutboundBlocked(err) };
      }
    }
  }
  return result;
}
