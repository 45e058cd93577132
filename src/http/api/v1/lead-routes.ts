/**
 * The lead API (DESIGN.md §6, issue 5): list and read leads, and work them — reply (through the send
 * gate), preview the gate's verdict, templates, take over / release, stage, outcome, owners, next
 * action, notes, click-to-call — and the morning review.
 *
 * Every route goes through `requireAccess` (API key or signed-in person, with a permission). A role
 * that does not see every lead (technician) sees only leads they own, back up or are assigned; any
 * other lead, like another organization's, is 404. Writes are inputs to `decide` with the caller as
 * actor (`user:<id>` / `api_key:<prefix>`), one transaction each.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { SegmentedMessage } from 'sms-segments-calculator';
import { z } from 'zod';
import { getLeadThread, isLeadVisible, listLeads, type LeadScope } from '../../../app/lead-views.ts';
import { loadLeadState } from '../../../app/lead-store.ts';
import { teamOf } from '../../../app/memberships.ts';
import { reviewQueue } from '../../../app/review-queue.ts';
import { LeadNotFoundError, recordLeadInput, type RecordResult } from '../../../app/record-lead-input.ts';
import type { DecisionRefusal } from '../../../core/lead/decide.ts';
import { describeRefusal } from '../../../core/lead/gate-detail.ts';
import type { LeadInput } from '../../../core/lead/inputs.ts';
import { NEXT_ACTION_TYPES, OUTCOMES, STAGES } from '../../../core/lead/lead-state.ts';
import { replyTemplates } from '../../../core/lead/reply-templates.ts';
import { checkSendPolicy, type SendVerdict } from '../../../core/send-policy/check-send-policy.ts';
import { contacts, leads, users } from '../../../db/schema.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../context.ts';
import { requireAccess, type Access } from './access.ts';
import { isUuid } from '../../../db/ids.ts';

const listQuery = z.object({
  stage: z.enum(STAGES).optional(),
  intent: z.string().min(1).max(40).optional(),
  status: z.enum(['open', 'closed']).optional(),
  since: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  before: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const leadParams = z.object({ id: z.string() });

const bearer = [{ apiKey: [] }];
const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } } as const;
const personRef = { type: ['object', 'null'], properties: { id: { type: 'string' }, name: { type: 'string' } } } as const;
const leadSummarySchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['open', 'closed'] },
    stage: { type: 'string', enum: [...STAGES] },
    intent: { type: ['string', 'null'] },
    safety: { type: 'boolean' },
    outcome: { type: ['string', 'null'] },
    contact: { type: 'object', properties: { id: { type: 'string' }, phone: { type: 'string', description: 'E.164' }, name: { type: ['string', 'null'] }, optedOut: { type: 'boolean' } } },
    source: { type: 'object', properties: { number: { type: 'string', description: 'E.164' }, leadSource: { type: ['string', 'null'] } } },
    nextAction: { type: ['object', 'null'], properties: { type: { type: 'string' }, dueAt: { type: 'string', format: 'date-time' }, assignee: { type: ['string', 'null'] } } },
    automation: { type: 'object', properties: { state: { type: 'string', enum: ['active', 'paused', 'stopped'] }, reason: { type: ['string', 'null'] } } },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;
/** `QueueItem`: a lead summary with its people, `overdue` and the customer's last word. */
export const queueItemSchema = {
  type: 'object',
  properties: {
    ...leadSummarySchema.properties,
    owner: personRef,
    backupOwner: personRef,
    overdue: { type: 'boolean', description: 'open and the next action is past due' },
    lastInbound: { type: ['object', 'null'], properties: { at: { type: 'string', format: 'date-time' }, preview: { type: 'string' } } },
  },
} as const;
const leadDetailSchema = {
  type: 'object',
  properties: {
    ...queueItemSchema.properties,
    events: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          actor: { type: 'string', description: 'system, customer, provider, user:<id> or api_key:<prefix>' },
          actorName: { type: ['string', 'null'], description: "the person's name when actor is a user" },
          data: { type: 'object', additionalProperties: true },
        },
      },
    },
    messages: { type: 'array', items: { type: 'object', additionalProperties: true } },
    tasks: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, type: { type: 'string' }, status: { type: 'string' }, reason: { type: ['string', 'null'] }, dueAt: { type: 'string', format: 'date-time' }, assignee: { type: ['string', 'null'] } } },
    },
    booking: { anyOf: [{ type: 'null' }, { type: 'object', additionalProperties: true, description: 'the live Booking (see /api/v1/bookings)' }] },
    integrations: { type: 'array', items: { type: 'object', additionalProperties: true, description: 'a field-service push: id, provider, status (pending|succeeded|failed), attempts, externalId, lastError, nextAttemptAt, updatedAt' } },
  },
} as const;

/** The leads `access` may see. */
export function leadScope(access: Access): LeadScope {
  return { organizationId: access.org.id, visibleTo: access.seesAllLeads ? null : access.userId ?? '' };
}

const notFound = (id: string) => new AppError('RB_ERR_NOT_FOUND', `No lead ${id} in this organization.`);

/** The `:id` of the request when it is a UUID; 404 otherwise (never reveals anything). */
function leadIdOf(request: { params: unknown }): string {
  const { id } = leadParams.parse(request.params);
  if (!isUuid(id)) throw notFound(id);
  return id;
}

/**
 * A 422 problem: the request is well formed but cannot apply to this lead now (booked without a
 * booking, a closed lead's stage, click-to-call without a phone). Code `RB_ERR_CONFLICT`, status 422
 * as the contract asks; `reason` is a stable machine-readable cause.
 */
export function unprocessable(detail: string, reason: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('RB_ERR_LEAD_ACTION_REFUSED', detail, { reason, ...extra });
}

const refusalError = (r: DecisionRefusal) => unprocessable(r.detail, r.reason);

/** Records a person's input on a lead the caller can see; 404 when they cannot (or it is gone). */
async function recordOnLead(ctx: AppContext, access: Access, leadId: string, input: LeadInput): Promise<RecordResult> {
  if (!(await isLeadVisible(ctx.database.db, leadScope(access), leadId))) throw notFound(leadId);
  try {
    return await recordLeadInput(ctx.recordDeps, access.org, { by: 'lead', leadId }, input, { now: ctx.clock() });
  } catch (err) {
    if (err instanceof LeadNotFoundError) throw notFound(leadId);
    throw err;
  }
}

/** `GET /api/v1/leads` (newest first, filters) and `GET /api/v1/leads/:id` (the thread: contract `LeadDetail`). Both need `leads:read`. */
export function registerLeadRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/leads',
    {
      schema: {
        summary: 'List leads, newest first (a technician sees only leads they own, back up or are assigned)',
        security: bearer,
        querystring: {
          type: 'object',
          properties: {
            stage: { type: 'string', enum: [...STAGES] },
            intent: { type: 'string' },
            status: { type: 'string', enum: ['open', 'closed'] },
            since: { type: 'string', format: 'date-time', description: 'leads created at or after this instant' },
            before: { type: 'string', format: 'date-time', description: 'page back: leads created before this instant' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: { 200: { type: 'array', items: leadSummarySchema } },
      },
      // zod validates; the JSON schema above documents (Fastify would otherwise coerce before zod sees it).
      validatorCompiler: () => () => true,
      config: { rateLimit: {} },
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:read');
      const q = listQuery.parse(request.query);
      return listLeads(ctx.database.db, access.org.id, { ...q, visibleTo: leadScope(access).visibleTo });
    },
  );

  app.get(
    '/api/v1/leads/:id',
    {
      schema: {
        summary: 'One lead: summary, owners, timeline of events (with actor names), messages and tasks',
        security: bearer,
        params: idParams,
        response: { 200: leadDetailSchema },
      },
      validatorCompiler: () => () => true,
      config: { rateLimit: {} },
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:read');
      const id = leadIdOf(request);
      const lead = await getLeadThread(ctx.database.db, leadScope(access), id, ctx.clock());
      if (!lead) throw notFound(id);
      return lead;
    },
  );
}

const messageBody = z.object({ body: z.string().trim().min(1, 'must not be empty').max(1600, 'at most 1600 characters (10 segments)') }).strict();
const previewBody = z.object({ body: z.string().max(1600, 'at most 1600 characters (10 segments)').default('') }).strict();
const noteBody = z.object({ body: z.string().trim().min(1, 'must not be empty').max(4000, 'at most 4000 characters') }).strict();
const automationBody = z.object({ state: z.enum(['paused', 'active']), reason: z.string().trim().min(1).max(200).default('taken over by a person') }).strict();
/** Assignees that are not user ids: roles and on-call people that routing and paging assign (kept when a person re-saves). */
const NON_USER_ASSIGNEE = /^(role:(owner|manager|estimator)|oncall:.{1,80})$/;
const personId = z.string().trim().min(1).max(100);
const patchBody = z
  .object({
    stage: z.enum(STAGES).optional(),
    outcome: z.enum(OUTCOMES).optional(),
    ownerId: personId.nullable().optional(),
    backupOwnerId: personId.nullable().optional(),
    nextAction: z
      .object({
        type: z.enum(NEXT_ACTION_TYPES),
        dueAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()),
        assigneeId: z.string().trim().min(1).max(120).nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give at least one of stage, outcome, ownerId, backupOwnerId, nextAction' })
  .refine((b) => !(b.outcome && b.nextAction), { path: ['nextAction'], message: 'an outcome closes the lead, which then has no next action: send one or the other' })
  .refine((b) => !(b.ownerId && b.backupOwnerId && b.ownerId === b.backupOwnerId), { path: ['backupOwnerId'], message: 'must be someone other than the owner' });

/** 400 unless every person named in the PATCH is a member of the organization. */
async function checkPeople(ctx: AppContext, organizationId: string, body: z.infer<typeof patchBody>): Promise<void> {
  const named: Array<[string, string]> = [];
  if (body.ownerId) named.push(['ownerId', body.ownerId]);
  if (body.backupOwnerId) named.push(['backupOwnerId', body.backupOwnerId]);
  const assignee = body.nextAction?.assigneeId;
  if (assignee && !NON_USER_ASSIGNEE.test(assignee)) named.push(['nextAction.assigneeId', assignee]);
  if (named.length === 0) return;
  const members = new Set((await teamOf(ctx.database.db, organizationId)).map((m) => m.userId));
  const problems = named.filter(([, id]) => !members.has(id)).map(([path]) => ({ path, message: 'is not a member of this organization' }));
  if (problems.length > 0) throw new AppError('RB_ERR_VALIDATION', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems, errors: problems });
}

/** The send gate's verdict on a person's message to the lead's customer at `now`, as the send path would judge it. */
async function previewVerdict(ctx: AppContext, access: Access, leadId: string): Promise<{ verdict: SendVerdict; contact: Parameters<typeof describeRefusal>[1] }> {
  const db = ctx.database.db;
  const [row] = await db.select({ state: leads.state, contact: contacts }).from(leads).innerJoin(contacts, eq(contacts.id, leads.contactId)).where(eq(leads.id, leadId));
  if (!row || row.contact.organizationId !== access.org.id) throw notFound(leadId);
  const now = ctx.clock();
  const state = await loadLeadState(db, row.contact, { leadId, source: row.state.source, now, preloaded: row.state, skipRecentSends: true });
  // A person's message: `manual`, not automated (the 24 h cap counts automated sends only).
  return { verdict: checkSendPolicy(state, { purpose: 'manual', automated: false }, access.org.policy, now), contact: state.contact };
}

/** Segments of an SMS body (GSM-7 or UCS-2), as the carrier will bill it. */
function segmentsOf(body: string): { count: number; encoding: 'GSM-7' | 'UCS-2'; characters: number } {
  if (body.length === 0) return { count: 0, encoding: 'GSM-7', characters: 0 };
  const m = new SegmentedMessage(body);
  return { count: m.segmentsCount, encoding: m.encodingName, characters: m.numberOfCharacters };
}

/**
 * Working a lead: `PATCH /api/v1/leads/:id`, notes, messages (send and preview), templates,
 * automation (take over / release) and click-to-call. Permissions: `leads:work` for changes,
 * messages and calls; `leads:note` for notes; `leads:read` for templates. Errors are problems:
 * 400 `RB_ERR_VALIDATION` (`errors: [{path, message}]`), 403, 404 (unknown, other tenant's, or not
 * the technician's lead), 422 `RB_ERR_SEND_REFUSED` (gate) or 422 `RB_ERR_CONFLICT` with `reason`
 * (`booking_required`, `lead_closed`, `no_phone`).
 */
export function registerLeadActionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const opts = (schema: Record<string, unknown>) => ({ schema: { security: bearer, params: idParams, ...schema }, validatorCompiler: () => () => true, config: { rateLimit: {} } });
  const db = ctx.database.db;

  app.patch(
    '/api/v1/leads/:id',
    opts({
      summary: 'Set stage, outcome (closes the lead), owner, backup owner and next action; returns the lead',
      description: 'Stage or outcome "booked" is refused (422) until booking records exist. A closed lead keeps its stage and has no next action (422).',
      body: {
        type: 'object',
        properties: {
          stage: { type: 'string', enum: [...STAGES] },
          outcome: { type: 'string', enum: [...OUTCOMES] },
          ownerId: { type: ['string', 'null'], description: 'a user id of the organization; null clears' },
          backupOwnerId: { type: ['string', 'null'] },
          nextAction: {
            type: 'object',
            required: ['type', 'dueAt'],
            properties: {
              type: { type: 'string', enum: [...NEXT_ACTION_TYPES] },
              dueAt: { type: 'string', format: 'date-time' },
              assigneeId: { type: ['string', 'null'], description: 'absent: the lead owner; null: unassigned' },
            },
          },
        },
      },
      response: { 200: leadDetailSchema },
    }),
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:work');
      const leadId = leadIdOf(request);
      const body = patchBody.parse(request.body ?? {});
      // Another organization's lead is 404 before anything about the body is said.
      if (!(await isLeadVisible(db, leadScope(access), leadId))) throw notFound(leadId);
      await checkPeople(ctx, access.org.id, body);
      const result = await recordOnLead(ctx, access, leadId, { type: 'lead_updated_by_person', actor: access.actor, ...body });
      if (result.decision?.refused) throw refusalError(result.decision.refused);
      const lead = await getLeadThread(db, leadScope(access), leadId, ctx.clock());
      if (!lead) throw notFound(leadId);
      return lead;
    },
  );

  app.post(
    '/api/v1/leads/:id/notes',
    opts({
      summary: "Add a note to the lead's timeline",
      body: { type: 'object', required: ['body'], properties: { body: { type: 'string', minLength: 1, maxLength: 4000 } } },
      response: { 201: { type: 'object', properties: { ok: { type: 'boolean' } } } },
    }),
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'leads:note');
      const leadId = leadIdOf(request);
      const { body } = noteBody.parse(request.body ?? {});
      await recordOnLead(ctx, access, leadId, { type: 'note_added', actor: access.actor, body });
      return reply.code(201).send({ ok: true });
    },
  );

  app.post(
    '/api/v1/leads/:id/messages',
    opts({
      summary: "Send a person's message to the lead's customer (through the send gate; pauses automation)",
      body: { type: 'object', required: ['body'], properties: { body: { type: 'string', minLength: 1, maxLength: 1600 } } },
      response: { 202: { type: 'object', properties: { status: { type: 'string' }, effectId: { type: 'string' } } } },
    }),
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'leads:work');
      const leadId = leadIdOf(request);
      const { body } = messageBody.parse(request.body ?? {});
      const result = await recordOnLead(ctx, access, leadId, { type: 'person_message_requested', actor: access.actor, body });
      const blocked = result.decision?.events.find((e) => e.type === 'message_blocked');
      if (blocked && result.decision) {
        const refusal = { allowed: false as const, reason: blocked.data.reason as Extract<SendVerdict, { allowed: false }>['reason'], detail: String(blocked.data.detail ?? blocked.data.reason), ...(blocked.data.retryAt ? { retryAt: String(blocked.data.retryAt) } : {}) };
        const detail = describeRefusal(refusal, result.decision.nextState.contact, access.org.policy, ctx.clock());
        throw new AppError('RB_ERR_SEND_REFUSED', detail, { reason: blocked.data.reason, retryAt: blocked.data.retryAt ?? null });
      }
      const queued = result.decision?.events.find((e) => e.type === 'message_queued');
      return reply.code(202).send({ status: 'queued', effectId: String(queued?.data.effectId ?? '') });
    },
  );

  app.post(
    '/api/v1/leads/:id/messages/preview',
    opts({
      summary: "The send gate's verdict on a draft reply, before sending (nothing is sent), and its SMS segments",
      body: { type: 'object', properties: { body: { type: 'string', maxLength: 1600 } } },
      response: {
        200: {
          type: 'object',
          properties: {
            allowed: { type: 'boolean' },
            reason: { type: ['string', 'null'], description: 'opted_out, quiet_hours, landline, …' },
            detail: { type: ['string', 'null'], description: 'for people, e.g. "Quiet hours for this customer until 8:00 AM CST."' },
            retryAt: { type: ['string', 'null'], format: 'date-time' },
            segments: { type: 'object', properties: { count: { type: 'integer' }, encoding: { type: 'string', enum: ['GSM-7', 'UCS-2'] }, characters: { type: 'integer' } } },
          },
        },
      },
    }),
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:work');
      const leadId = leadIdOf(request);
      const { body } = previewBody.parse(request.body ?? {});
      if (!(await isLeadVisible(db, leadScope(access), leadId))) throw notFound(leadId);
      const { verdict, contact } = await previewVerdict(ctx, access, leadId);
      const segments = segmentsOf(body);
      if (verdict.allowed) return { allowed: true, reason: null, detail: null, retryAt: null, segments };
      return { allowed: false, reason: verdict.reason, detail: describeRefusal(verdict, contact, access.org.policy, ctx.clock()), retryAt: verdict.retryAt ?? null, segments };
    },
  );

  app.get(
    '/api/v1/leads/:id/templates',
    opts({
      summary: "The organization's reply templates (English and Spanish) rendered for this lead",
      response: { 200: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' }, language: { type: 'string', enum: ['en', 'es'] }, body: { type: 'string' } } } } },
    }),
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:read');
      const leadId = leadIdOf(request);
      if (!(await isLeadVisible(db, leadScope(access), leadId))) throw notFound(leadId);
      const [row] = await db.select({ name: contacts.name }).from(leads).innerJoin(contacts, eq(contacts.id, leads.contactId)).where(eq(leads.id, leadId));
      const [person] = access.userId ? await db.select({ name: users.name }).from(users).where(eq(users.id, access.userId)) : [];
      return replyTemplates(access.org.policy, { contactName: row?.name ?? null, agentName: person?.name ?? access.org.policy.businessName });
    },
  );

  app.post(
    '/api/v1/leads/:id/automation',
    opts({
      summary: 'Take over (pause automation) or release the lead (resume automation)',
      body: { type: 'object', required: ['state'], properties: { state: { type: 'string', enum: ['paused', 'active'] }, reason: { type: 'string' } } },
    }),
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:work');
      const leadId = leadIdOf(request);
      const { state, reason } = automationBody.parse(request.body ?? {});
      await recordOnLead(ctx, access, leadId, { type: 'automation_changed', actor: access.actor, state, reason });
      const lead = await getLeadThread(db, leadScope(access), leadId, ctx.clock());
      return { automation: lead?.automation };
    },
  );

  app.post(
    '/api/v1/leads/:id/calls',
    opts({
      summary: "Click-to-call: the provider rings the signed-in person's phone, then connects the customer from the organization's number",
      description: '422 (reason no_phone) when the person has no phone on their profile (PATCH /api/v1/me), or for an API key.',
      response: { 202: { type: 'object', properties: { status: { type: 'string', enum: ['calling'] }, agentPhone: { type: 'string', description: 'E.164' } } } },
    }),
    async (request: FastifyRequest, reply) => {
      const access = await requireAccess(ctx, request, 'leads:work');
      const leadId = leadIdOf(request);
      if (!(await isLeadVisible(db, leadScope(access), leadId))) throw notFound(leadId);
      if (!access.userId) throw unprocessable("Click-to-call rings a signed-in person's phone; an API key has none.", 'no_phone');
      const [person] = await db.select({ phone: users.phoneE164 }).from(users).where(eq(users.id, access.userId));
      if (!person?.phone) throw unprocessable('Add your phone number to your profile first: click-to-call rings it, then connects the customer.', 'no_phone');
      await recordOnLead(ctx, access, leadId, { type: 'call_bridge_requested', actor: access.actor, agentPhoneE164: person.phone });
      return reply.code(202).send({ status: 'calling', agentPhone: person.phone });
    },
  );
}

/** `GET /api/v1/review`: the morning review queue (emergencies first, then oldest due). */
export function registerReviewRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/review',
    { schema: { summary: 'Every open lead that needs a person, emergencies first, then by due time, with the reason', security: bearer }, config: { rateLimit: {} } },
    async (request) => {
      const access = await requireAccess(ctx, request, 'review:run');
      return reviewQueue(ctx.database.db, access.org.id, ctx.clock(), 200, leadScope(access).visibleTo);
    },
  );
}
