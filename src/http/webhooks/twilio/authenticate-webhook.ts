/**
 * Every Twilio webhook starts here: find the organization by its own number (or the `org` query
 * parameter Ringback put in its own callback URLs), then check `X-Twilio-Signature` with the
 * official SDK over `PUBLIC_URL` + path + query, never the Host header. Unknown numbers and signed
 * requests we cannot parse are stored in `webhook_requests`; forged ones are refused with 403.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import type { z } from 'zod';
import { findOrganizationById, findOrganizationByNumber, type OrganizationRow, type PhoneNumberRow } from '../../../app/organizations.ts';
import { normalizeE164 } from '../../../core/phone/normalize-e164.ts';
import { webhookRequests } from '../../../db/schema.ts';
import type { AppContext } from '../../context.ts';
import { problem, sendProblem } from '../../problem.ts';

export interface AuthenticatedWebhook<T> {
  org: OrganizationRow;
  /** The organization's number the request is about, when found by number. */
  number: PhoneNumberRow | null;
  params: T;
  raw: Record<string, string>;
}

/** Which parameter names the organization's own number: `To` on calls and incoming messages, `From` on message status. */
export type OrgNumberField = 'To' | 'From';

/**
 * Authenticates and parses one Twilio webhook. Returns null after replying (404 unknown number,
 * 403 bad signature, 415 not a form, 422 unprocessable — stored) so the route just returns.
 */
export async function authenticateTwilioWebhook<S extends z.ZodType>(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  opts: { orgBy: OrgNumberField; schema: S },
): Promise<AuthenticatedWebhook<z.infer<S>> | null> {
  const path = request.url.split('?')[0] ?? request.url;
  // Fastify parses JSON bodies into objects too: only a form body is a Twilio webhook.
  const mediaType = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded' || !request.body || typeof request.body !== 'object' || Array.isArray(request.body)) {
    sendProblem(reply, problem('RB_ERR_UNSUPPORTED_MEDIA_TYPE', 'Twilio webhooks are application/x-www-form-urlencoded POST bodies.'));
    return null;
  }
  const raw = request.body as Record<string, string>;
  const query = request.query as Record<string, string | undefined>;
  let org: OrganizationRow | null = null;
  let number: PhoneNumberRow | null = null;
  if (query.org && /^[0-9a-f-]{36}$/i.test(query.org)) {
    org = await findOrganizationById(ctx.database.db, query.org);
  } else {
    const e164 = normalizeE164(typeof raw[opts.orgBy] === 'string' ? raw[opts.orgBy] : null);
    const found = e164 ? await findOrganizationByNumber(ctx.database.db, e164) : null;
    org = found?.org ?? null;
    number = found?.number ?? null;
  }
  if (!org) {
    const reason = `No organization owns the number in ${opts.orgBy} (${raw[opts.orgBy] ?? 'missing'}).`;
    await storeWebhook(ctx, { organizationId: null, path, raw, outcome: 'unknown_number', reason });
    request.log.warn({ path }, 'twilio webhook for an unknown number');
    sendProblem(reply, problem('RB_ERR_UNKNOWN_NUMBER', reason));
    return null;
  }
  const signature = request.headers['x-twilio-signature'];
  const url = ctx.config.PUBLIC_URL + request.url;
  const token = ctx.cipher.decrypt(org.twilioAuthTokenEnc ?? '');
  if (typeof signature !== 'string' || !twilio.validateRequest(token, signature, url, raw)) {
    request.log.warn({ path, organizationId: org.id }, 'twilio webhook with a missing or invalid signature');
    sendProblem(reply, problem('RB_ERR_TWILIO_SIGNATURE', `X-Twilio-Signature is ${signature ? 'invalid' : 'missing'} for ${url}.`));
    return null;
  }
  const parsed = opts.schema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    await storeWebhook(ctx, { organizationId: org.id, path, raw, outcome: 'unprocessable', reason });
    request.log.warn({ path, organizationId: org.id, reason }, 'signed twilio webhook could not be processed; stored');
    sendProblem(reply, problem('RB_ERR_UNPROCESSABLE_WEBHOOK', `Stored for inspection: ${reason}`));
    return null;
  }
  return { org, number, params: parsed.data, raw };
}

/** Stores a webhook we could not process, so nothing is dropped. */
export async function storeWebhook(
  ctx: AppContext,
  w: { organizationId: string | null; path: string; raw: Record<string, unknown>; outcome: string; reason: string },
): Promise<void> {
  await ctx.database.db.insert(webhookRequests).values({
    id: randomUUID(),
    organizationId: w.organizationId,
    path: w.path,
    params: w.raw,
    outcome: w.outcome,
    reason: w.reason,
    receivedAt: ctx.clock(),
  });
}
