/**
 * The SMTP listener for e-mail triggers, as its own process so the launcher can restart it if
 * it crashes (`npm run dev` / `npm start` run it). It reads the database and sends run events
 * to the engine like the web app does: DATABASE_URL, SWITCHYARD_SECRET, INNGEST_BASE_URL.
 * SWITCHYARD_SMTP_PORT (2525), SWITCHYARD_SMTP_HOST (127.0.0.1), SWITCHYARD_SMTP_AUTH,
 * SWITCHYARD_EMAIL_DOMAIN, SWITCHYARD_EMAIL_MAX_BYTES.
 */
import { emailDomain, emailMaxBytes, smtpListenerConfig } from "../lib/env";
import { backfillInboundAddresses } from "../lib/triggers/email/backfill-addresses";
import { startSmtpListener } from "../lib/triggers/email/smtp-listener";

const config = smtpListenerConfig();
if (!config) {
  console.log("[switchyard] SMTP listener off (SWITCHYARD_SMTP_PORT=0)");
  process.exit(0);
}
const log = (line: string, data?: Record<string, unknown>) => console.log(`[switchyard] smtp: ${line}${data ? ` ${JSON.stringify(data)}` : ""}`);
const placed = await backfillInboundAddresses(log);
if (placed) log(`gave ${placed} e-mail trigger(s) saved before addresses existed their address`);
const smtp = await startSmtpListener({ ...config, log });
console.log(
  `[switchyard] SMTP listener for e-mail triggers on ${smtp.host}:${smtp.port}: mail for <workspace>.<address>@${emailDomain()}, up to ${emailMaxBytes()} bytes${config.auth ? ", AUTH required" : ""}`,
);
const stop = () => void smtp.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
