/**
 * Ringback's outgoing email (invitations, password resets) through nodemailer. Every email is
 * recorded in `sent_emails` first, then sent over SMTP when `SMTP_URL` is set; without SMTP it stays
 * `logged`, which is what the demo mailbox page (`/demo/mailbox`) shows.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { sentEmails } from '../db/schema.ts';

/** One email. `purpose` is `invitation` or `password_reset`. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  purpose: 'invitation' | 'password_reset';
  organizationId?: string | null;
}

export interface Mailer {
  /** Records the email, then sends it when SMTP is configured. Never throws for an SMTP failure: the row says `failed`. */
  send(email: OutgoingEmail): Promise<{ id: string; status: 'sent' | 'logged' | 'failed' }>;
}

export function createMailer(opts: { db: Db; smtpUrl?: string; from: string; logger: Logger; clock: () => Date }): Mailer {
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  return {
    async send(email) {
      const id = randomUUID();
      await opts.db.insert(sentEmails).values({
        id,
        organizationId: email.organizationId ?? null,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html ?? null,
        purpose: email.purpose,
        status: transport ? 'sending' : 'logged',
        createdAt: opts.clock(),
      });
      if (!transport) return { id, status: 'logged' };
      try {
        await transport.sendMail({ from: opts.from, to: email.to, subject: email.subject, text: email.text, html: email.html });
        await opts.db.update(sentEmails).set({ status: 'sent' }).where(eq(sentEmails.id, id));
        return { id, status: 'sent' };
      } catch (err) {
        opts.logger.error({ err, purpose: email.purpose }, 'email could not be sent');
        await opts.db.update(sentEmails).set({ status: 'failed', error: String((err as Error).message ?? err).slice(0, 500) }).where(eq(sentEmails.id, id));
        return { id, status: 'failed' };
      }
    },
  };
}
