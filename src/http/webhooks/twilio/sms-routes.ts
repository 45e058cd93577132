/** Messaging webhooks: incoming messages and the StatusCallback of our outbound messages. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import twilio from 'twilio';
import { recordLeadInput } from '../../../app/record-lead-input.ts';
import { leads, messages } from '../../../db/schema.ts';
import type { AppContext } from '../../context.ts';
import { authenticateTwilioWebhook, storeWebhook } from './authenticate-webhook.ts';
import { incomingMessageParams, messageStatusParams } from './twilio-params.ts';

/** Replies that accept an on-call page (issue 3: "reply 1/ACK/YES"). */
const PAGE_ACK_WORDS = /^\s*(1|ack|yes|y|ok|accept(ed)?|on it)\s*[.!]*\s*$/i;

/** The newest lead with a pending page whose chain, up to the level paged, includes `phoneE164`. */
async function findPendingPageFor(ctx: AppContext, organizationId: string, phoneE164: string): Promise<{ leadId: string; pageId: string } | null> {
  const rows = await ctx.database.db
    .select({ id: leads.id, state: leads.state })
    .from(leads)
    .where(and(eq(leads.organizationId, organizationId), sql`${leads.state}->'page'->>'status' = 'pending'`))
    .orderBy(desc(leads.updatedAt))
    .limit(20);
  for (const row of rows) {
    const page = row.state.status === 'none' ? null : row.state.page;
    if (page && page.chain.slice(0, page.level + 1).some((p) => p.phoneE164 === phoneE164)) return { leadId: row.id, pageId: page.pageId };
  }
  return null;
}

export function registerSmsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/webhooks/twilio/sms', async (request, reply) => {
    const hook = await authenticateTwilioWebhook(ctx, request, reply, { orgBy: 'To', schema: incomingMessageParams });
    if (!hook) return reply;
    const p = hook.params;
    // An on-call person answering a page ("1", "ACK", "YES") is staff, not a customer.
    if (PAGE_ACK_WORDS.test(p.Body)) {
      const paged = await findPendingPageFor(ctx, hook.org.id, p.From);
      if (paged) {
        await recordLeadInput(
          ctx.recordDeps,
          hook.org,
          { by: 'lead', leadId: paged.leadId },
          { type: 'page_acknowledged', pageId: paged.pageId, byPhoneE164: p.From, via: 'sms' },
          { now: ctx.clock(), webhook: { path: '/webhooks/twilio/sms', params: hook.raw, dedupeKey: `sms:${p.MessageSid}` } },
        );
        return reply.type('text/xml').send(new twilio.twiml.MessagingResponse().toString());
      }
    }
    await recordLeadInput(
      ctx.recordDeps,
      hook.org,
      { by: 'phone', phoneE164: p.From, source: { numberE164: p.To, leadSource: hook.number?.leadSource ?? null } },
      {
        type: 'message_received',
        messageSid: p.MessageSid,
        from: p.From,
        to: p.To,
        body: p.Body,
        numMedia: p.NumMedia ?? 0,
        ...(ctx.triage ? { triage: await ctx.triage.triage(p.Body) } : {}),
      },
      { now: ctx.clock(), webhook: { path: '/webhooks/twilio/sms', params: hook.raw, dedupeKey: `sms:${p.MessageSid}` } },
    );
    // Replies go out through the outbox and the send gate, never as TwiML: answer with an empty response.
    return reply.type('text/xml').send(new twilio.twiml.MessagingResponse().toString());
  });

  app.post('/webhooks/twilio/sms/status', async (request, reply) => {
    const hook = await authenticateTwilioWebhook(ctx, request, reply, { orgBy: 'From', schema: messageStatusParams });
    if (!hook) return reply;
    const p = hook.params;
    const [message] = await ctx.database.db
      .select({ leadId: messages.leadId })
      .from(messages)
      .where(and(eq(messages.organizationId, hook.org.id), eq(messages.providerSid, p.MessageSid)));
    if (!message) {
      // A status for a message we have no record of (sent outside Ringback, or before its send settled).
      await storeWebhook(ctx, { organizationId: hook.org.id, path: '/webhooks/twilio/sms/status', raw: hook.raw, outcome: 'unmatched', reason: `No message ${p.MessageSid}` });
      return reply.code(202).send({ stored: true, matched: false });
    }
    await recordLeadInput(
      ctx.recordDeps,
      hook.org,
      { by: 'lead', leadId: message.leadId },
      { type: 'message_status_reported', messageSid: p.MessageSid, status: p.MessageStatus, errorCode: p.ErrorCode },
      { now: ctx.clock(), webhook: { path: '/webhooks/twilio/sms/status', params: hook.raw, dedupeKey: `status:${p.MessageSid}:${p.MessageStatus}` } },
    );
    return reply.code(204).send();
  });
}
