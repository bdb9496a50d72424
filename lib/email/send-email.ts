import "server-only";
import { smtpFrom, smtpUrl } from "../env";

export interface EmailAttachment {
  filename: string;
  content: string | Buffer;
  /** e.g. `text/csv; charset=utf-8` */
  contentType?: string;
}

export interface Email {
  /** one address, or several (each sees the others, as with a shared distribution list) */
  to: string | string[];
  subject: string;
  text: string;
  attachments?: EmailAttachment[];
}

/**
 * Sends an e-mail through SMTP_URL (e.g. `smtp://user:pass@mail.example.com:587`).
 * Returns false, sending nothing, when SMTP is not configured: callers then
 * show the link or message in the UI instead.
 */
export async function sendEmail(email: Email): Promise<boolean> {
  const url = smtpUrl();
  if (!url) return false;
  const nodemailer = await import("nodemailer");
  const transport = nodemailer.createTransport(url);
  await transport.sendMail({ from: smtpFrom(), ...email });
  return true;
}
