/**
 * The database schema (PostgreSQL, embedded PGlite or a server). Every tenant row carries
 * `organization_id` and every unique key includes it, except `phone_numbers.e164`: a provider number
 * rings exactly one business, and webhooks find the organization by it (docs/decisions/0003).
 * Timestamps are `timestamptz`; money is in cents; phone numbers are E.164.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LeadState } from '../core/lead/lead-state.ts';
import type { OrganizationPolicy } from '../core/lead/policy.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** IANA time zone, e.g. `America/Chicago`. */
  timeZone: text('time_zone').notNull(),
  provider: text('provider', { enum: ['twilio', 'simulator'] }).notNull(),
  twilioAccountSid: text('twilio_account_sid'),
  /** AES-256-GCM ciphertext of the auth token (see `src/crypto/credentials.ts`). */
  twilioAuthTokenEnc: text('twilio_auth_token_enc'),
  messagingServiceSid: text('messaging_service_sid'),
  policy: jsonb('policy').$type<OrganizationPolicy>().notNull(),
  createdAt: createdAt(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    /** SHA-256 of the key, hex. The key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    /** First characters of the key, to tell keys apart in lists. */
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_key_hash_uq').on(t.keyHash)],
);

export const phoneNumbers = pgTable(
  'phone_numbers',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    e164: text('e164').notNull(),
    /** E.164 numbers `<Dial>` rings, in order of the `<Number>` nouns (Twilio rings them at once). */
    forwardTo: jsonb('forward_to').$type<string[]>().notNull(),
    dialTimeoutSeconds: integer('dial_timeout_seconds').notNull().default(20),
    /** Campaign / lead source, e.g. `Google LSA`, `website`, `truck wrap`. */
    leadSource: text('lead_source'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('phone_numbers_e164_uq').on(t.e164), index('phone_numbers_org_idx').on(t.organizationId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    phoneE164: text('phone_e164').notNull(),
    name: text('name'),
    email: text('email'),
    zip: text('zip'),
    lineType: text('line_type'),
    optedOutAt: timestamp('opted_out_at', { withTimezone: true, mode: 'date' }),
    /** How the opt-out arrived: `keyword`, `free_text`, `provider_21610`, `manual`. */
    optOutMethod: text('opt_out_method'),
    /** The customer's own words, kept as proof of the revocation. */
    optOutWords: text('opt_out_words'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contacts_org_phone_uq').on(t.organizationId, t.phoneE164)],
);

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    contactId: uuid('contact_id').notNull().references(() => contacts.id),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    stage: text('stage').notNull(),
    intent: text('intent'),
    outcome: text('outcome'),
    /** The core's `LeadState`, the source of truth for `decide`; the columns above mirror it for queries. */
    state: jsonb('state').$type<LeadState>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('leads_one_open_per_contact_uq').on(t.organizationId, t.contactId).where(sql`status = 'open'`),
    index('leads_org_created_idx').on(t.organizationId, t.createdAt),
  ],
);

export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id').notNull(),
    /** Null for a fact about the contact outside any lead (an answered call with no open lead). */
    leadId: uuid('lead_id').references(() => leads.id),
    contactId: uuid('contact_id').notNull().references(() => contacts.id),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** `system`, `customer`, `provider`, or `user:<id>`. */
    actor: text('actor').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('events_lead_idx').on(t.organizationId, t.leadId, t.id), index('events_contact_idx').on(t.organizationId, t.contactId, t.id)],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull(),
    leadId: uuid('lead_id').notNull().references(() => leads.id),
    contactId: uuid('contact_id').notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    /** queued, sent, delivered, undelivered, failed, received, blocked. */
    status: text('status').notNull(),
    body: text('body').notNull(),
    /** Why it was sent: `text_back`, `opt_out_confirmation`, `help`, `manual`, `inbound`. */
    purpose: text('purpose').notNull(),
    automated: boolean('automated').notNull(),
    /** Twilio MessageSid (`SM…`). */
    providerSid: text('provider_sid'),
    /** The outbox effect that sends it (outbound only). */
    effectId: text('effect_id'),
    errorCode: integer('error_code'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('messages_org_sid_uq').on(t.organizationId, t.providerSid),
    uniqueIndex('messages_org_effect_uq').on(t.organizationId, t.effectId),
    index('messages_contact_idx').on(t.organizationId, t.contactId, t.createdAt),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    organizationId: uuid('organization_id').notNull(),
    leadId: uuid('lead_id').notNull().references(() => leads.id),
    /** `call_back`, `text`, `review`, `escalate`. */
    type: text('type').notNull(),
    status: text('status', { enum: ['open', 'done', 'canceled'] }).notNull(),
    assignee: text('assignee'),
    reason: text('reason'),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('tasks_org_lead_idx').on(t.organizationId, t.leadId)],
);

/**
 * The transactional outbox: effects `decide` asked for, stored in the same transaction as the state.
 * `id` is `<leadId>:<seq>`, so a handler claims a row once (conditional update) and a retry does nothing twice.
 */
export const effects = pgTable(
  'effects',
  {
    id: text('id').primaryKey(),
    organizationId: uuid('organization_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** pending → running → done | failed. */
    status: text('status', { enum: ['pending', 'running', 'done', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** While `running`, another worker may take the row over after this instant (crash recovery). */
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('effects_pending_idx').on(t.status, t.createdAt)],
);

/**
 * Every webhook request Ringback accepted for processing or could not process, as received.
 * `dedupe_key` (e.g. `dial:<CallSid>`) makes Twilio's retries of one request no-ops.
 */
export const webhookRequests = pgTable(
  'webhook_requests',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id'),
    path: text('path').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    dedupeKey: text('dedupe_key'),
    /** processed, unknown_number, unprocessable. */
    outcome: text('outcome').notNull(),
    reason: text('reason'),
    receivedAt: createdAt(),
  },
  (t) => [uniqueIndex('webhook_requests_dedupe_uq').on(t.organizationId, t.dedupeKey)],
);

/** Audit of organization settings: who changed what, when, before → after (issue 3 routing rules, issue 5 settings). */
export const organizationChanges = pgTable(
  'organization_changes',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    /** `cli`, `user:<id>`, `api_key:<prefix>`. */
    actor: text('actor').notNull(),
    /** The top-level policy field, e.g. `routing`, `onCall`. */
    field: text('field').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('organization_changes_org_idx').on(t.organizationId, t.at)],
);
