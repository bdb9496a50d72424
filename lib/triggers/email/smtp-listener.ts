import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerError } from "smtp-server";
import { emailDomain, emailMaxBytes } from "../../env";
import { deliverInboundEmail, findEmailTrigger, shouldRetryLater } from "./deliver-email";
import { emailDedupeKey, parseRawEmail } from "./inbound-email";

export interface TSmtpListenerOptions {
  port: number;
  /** default 127.0.0.1 */
  host?: string;
  /** require AUTH (PLAIN or LOGIN) with this user and password; null: no AUTH, as an MX accepts mail */
  auth?: { user: string; pass: string } | null;
  /** the largest message, raw (default `SWITCHYARD_EMAIL_MAX_BYTES`): SIZE is advertised and a bigger one gets 552 */
  maxBytes?: number;
  /** one line per message and refusal; default none */
  log?: (line: string, data?: Record<string, unknown>) => void;
}

export interface TSmtpListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply with its code (and enhanced status code in the text). */
function reply(code: number, text: string): SMTPServerError {
  return Object.assign(new Error(text), { responseCode: code });
}

function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The SMTP listener for e-mail triggers (`smtp-server`). It accepts RCPT only for addresses an
 * e-mail trigger receives for (550 otherwise, so the sender gets a bounce), caps a message at
 * `maxBytes` (552), parses it (`postal-mime`) and fires each addressed trigger once per
 * Message-ID. A message the graphs' backpressure refuses for now gets 451 (the sending server
 * tries again later, and the Message-ID keeps the retry from starting a second run); a failure
 * of ours gets 451 too. Plain SMTP without STARTTLS: bind it to loopback behind a relay or
 * TLS-terminating proxy, or on a private network.
 *
 * @example
 * const smtp = await startSmtpListener({ port: 2525 });
 * // … mail to acme.procurement@<SWITCHYARD_EMAIL_DOMAIN> starts the procurement graph
 * await smtp.close();
 */
export async function startSmtpListener(opts: TSmtpListenerOptions): Promise<TSmtpListener> {
  const maxBytes = opts.maxBytes ?? emailMaxBytes();
  const auth = opts.auth ?? null;
  const log = opts.log ?? (() => {});
  const server = new SMTPServer({
    name: emailDomain(),
    banner: "Switchyard e-mail triggers",
    logger: false,
    size: maxBytes,
    disabledCommands: auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !auth,
    // without STARTTLS, AUTH travels in clear text: meant for loopback or a private network
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    disableReverseLookup: true,
    maxClients: 200,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && sameSecret(credentials.password ?? "", auth.pass)) return callback(null, { user: credentials.username });
      callback(reply(535, "5.7.8 Authentication failed"));
    },
    onRcptTo(address, _session, callback) {
      findEmailTrigger(address.address).then(
        (found) => {
          if (found) return callback();
          log("refused recipient", { recipient: address.address });
          callback(reply(550, `5.1.1 <${address.address}>: no e-mail trigger receives mail for this address`));
        },
        (err: Error) => {
          log("recipient lookup failed", { error: err.message });
          callback(reply(451, "4.3.0 Temporary failure, try again later"));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on("error", (err) => callback(reply(451, `4.3.0 ${err.message}`)));
      stream.on("end", () => {
        if (stream.sizeExceeded || size > maxBytes) {
          log("refused oversized message", { bytes: size, maxBytes });
          return callback(reply(552, `5.3.4 Message too big: the limit is ${maxBytes} bytes`));
        }
        const raw = Buffer.concat(chunks);
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        (async () => {
          const email = await parseRawEmail(raw);
          const { deliveries } = await deliverInboundEmail(email, recipients, emailDedupeKey(email, raw));
          log("message delivered", { messageId: email.messageId, outcomes: deliveries.map((d) => `${d.trigger}:${d.outcome}`) });
          const later = deliveries.find(shouldRetryLater);
          if (later?.outcome === "error") return callback(reply(451, "4.3.0 Temporary failure, try again later"));
          if (later) return callback(reply(451, `4.7.0 ${later.reason ?? "The graph is busy"}: try again later`));
          callback(null, `OK ${deliveries.map((d) => `${d.outcome}${d.runId ? ` ${d.runId}` : ""}`).join(", ")}`);
        })().catch((err: Error) => {
          log("message failed", { error: err.message });
          callback(reply(451, "4.3.0 Temporary failure, try again later"));
        });
      });
    },
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (err) => log("smtp error", { error: err.message }));
  return {
    host,
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
