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
  primaryKey,
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

// People (issue 5). `users`, `sessions`, `accounts` and `verifications` are better-auth's tables
// (its Drizzle adapter, plural names); ids are better-auth's random strings. A person belongs to
// organizations through `memberships`, one role each.
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  /** The person's own phone (E.164): click-to-call rings it first, then bridges the customer. */
  phoneE164: text('phone_e164'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    token: text('token').notNull().unique(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true, mode: 'date' }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true, mode: 'date' }),
    scope: text('scope'),
    /** better-auth's scrypt hash of the password (credential accounts only). */
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('accounts_user_idx').on(t.userId)],
);

export const verifications = pgTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);

/** A person's role in one organization (`owner`, `manager`, `dispatcher`, `assistant`, `technician`). */
export const memberships = pgTable(
  'memberships',
  {
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/** An invitation to join an organization with a role; the token is emailed and only its SHA-256 is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    email: text('email').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** `user:<id>` or `cli`. */
    invitedBy: text('invited_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invitations_token_uq').on(t.tokenHash), index('invitations_org_idx').on(t.organizationId, t.createdAt)],
);

/**
 * Every email Ringback sent or would have sent (invitations, password resets): sent over SMTP when
 * `SMTP_URL` is set, else only logged here and shown on the demo mailbox page.
 */
export const sentEmails = pgTable(
  'sent_emails',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id'),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    /** `invitation`, `password_reset`. */
    purpose: text('purpose').notNull(),
    /** `sent` (SMTP accepted it), `logged` (no SMTP configured), `failed`. */
    status: text('status').notNull(),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('sent_emails_created_idx').on(t.createdAt)],
);

// ---------------------------------------------------------------------------------------------------
// Booking (issue 6)

/**
 * A booked appointment: an arrival window `[start_at, end_at)` for a lead. Capacity is checked under a
 * per-organization, per-local-day transaction lock (docs/decisions/0007), so concurrent bookings of one
 * window serialise and never overbook. `version` grows on every reschedule: reminder timers carry it,
 * so a timer scheduled for an older time sends nothing. `idempotency_key` (the API's `Idempotency-Key`)
 * is unique per organization; `request_hash` tells a retry from a different request under the same key.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    leadId: uuid('lead_id').notNull().references(() => leads.id),
    contactId: uuid('contact_id').notNull().references(() => contacts.id),
    startAt: timestamp('start_at', { withTimezone: true, mode: 'date' }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true, mode: 'date' }).notNull(),
    jobType: text('job_type'),
    status: text('status', { enum: ['booked', 'canceled'] }).notNull(),
    /** The technician (user id) assigned, or null while unassigned. */
    technicianId: text('technician_id').references(() => users.id, { onDelete: 'set null' }),
    customerName: text('customer_name'),
    /** Service address as the customer or dispatcher gave it (street, city, state). */
    address: text('address'),
    /** 5-digit ZIP of the service address. */
    zip: text('zip'),
    /** The customer's problem description. */
    problem: text('problem'),
    notes: text('notes'),
    /** Where it was booked: `sms` (a slot reply), `link` (the booking page), `dispatcher`, `api`. */
    source: text('source', { enum: ['sms', 'link', 'dispatcher', 'api'] }).notNull(),
    /** `user:<id>`, `api_key:<prefix>` or `customer`. */
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    canceledAt: timestamp('canceled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('bookings_org_idempotency_uq').on(t.organizationId, t.idempotencyKey),
    index('bookings_org_start_idx').on(t.organizationId, t.startAt),
    index('bookings_org_lead_idx').on(t.organizationId, t.leadId),
  ],
);

/** A slot held while a customer confirms it on the booking page; counts against capacity until `expires_at`. */
export const bookingHolds = pgTable(
  'booking_holds',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    leadId: uuid('lead_id').notNull().references(() => leads.id),
    startAt: timestamp('start_at', { withTimezone: true, mode: 'date' }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true, mode: 'date' }).notNull(),
    jobType: text('job_type'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('booking_holds_org_start_idx').on(t.organizationId, t.startAt), index('booking_holds_org_lead_idx').on(t.organizationId, t.leadId)],
);

/** A lead's public booking page: `/b/<token>`; only the SHA-256 of the token is stored. */
export const bookingLinks = pgTable(
  'booking_links',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    leadId: uuid('lead_id').notNull().references(() => leads.id),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('booking_links_token_uq').on(t.tokenHash), index('booking_links_org_lead_idx').on(t.organizationId, t.leadId)],
);

/** A secret ICS feed URL: the organization's bookings (`user_id` null) or one technician's. Only the token's SHA-256 is stored. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('calendar_feeds_token_uq').on(t.tokenHash), index('calendar_feeds_org_idx').on(t.organizationId)],
);

/** An outbound webhook subscription (Standard Webhooks): `secret_enc` is the encrypted `whsec_…` signing secret. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    url: text('url').notNull(),
    description: text('description'),
    /** Event types delivered, e.g. `['lead.created', 'booking.created']`. */
    eventTypes: jsonb('event_types').$type<string[]>().notNull(),
    secretEnc: text('secret_enc').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_subscriptions_org_idx').on(t.organizationId)],
);

/**
 * One event for one subscription, queued in the transaction that stored the event (an outbox) and
 * delivered with retries; `message_id` is the Standard Webhooks `webhook-id` (the same on every retry and replay).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    subscriptionId: uuid('subscription_id').notNull().references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    messageId: text('message_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** pending → delivered | failed (retries exhausted); a replay sets it back to pending. */
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    /** The first characters of the receiver's last response body. */
    lastResponse: text('last_response'),
    createdAt: createdAt(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('webhook_deliveries_org_idx').on(t.organizationId, t.createdAt), index('webhook_deliveries_status_idx').on(t.status, t.nextAttemptAt)],
);

/**
 * The organization's field-service system (one per organization): `servicetitan`, `housecall_pro` or
 * `jobber`. `config` holds the non-secret settings (tenant, booking provider id, base URL, campaign,
 * business unit, job type…); `credentials_enc` the encrypted JSON of keys and tokens.
 */
export const fsmConnections = pgTable(
  'fsm_connections',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    provider: text('provider', { enum: ['servicetitan', 'housecall_pro', 'jobber'] }).notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    credentialsEnc: text('credentials_enc').notNull(),
    /** When a lead is pushed: once booked, or already when qualified (a booking request). */
    pushOn: text('push_on', { enum: ['booked', 'qualified'] }).notNull().default('booked'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('fsm_connections_org_uq').on(t.organizationId)],
);

/** One push of a lead (and its booking) into the field-service system, retried until it succeeds or gives up. */
export const fsmPushes = pgTable(
  'fsm_pushes',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    leadId: uuid('lead_id').notNull().references(() => leads.id),
    bookingId: uuid('booking_id').references(() => bookings.id),
    provider: text('provider').notNull(),
    /** pending → succeeded | failed (retries exhausted; a person may retry). */
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    /** The record the system created (ServiceTitan booking id, Housecall Pro lead id, Jobber request id). */
    externalId: text('external_id'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('fsm_pushes_org_lead_booking_uq').on(t.organizationId, t.leadId, t.bookingId), index('fsm_pushes_status_idx').on(t.status, t.nextAttemptAt)],
);
