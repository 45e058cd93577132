/**
 * An organization's settings as people change them (issue 5): the profile (name, time zone), the
 * tracking numbers, and the audit log every change writes to (`organization_changes`: who, when,
 * before → after). Policy fields change through `updateOrganizationPolicy` (organizations.ts).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { completePolicy, type OrganizationPolicy } from '../core/lead/policy.ts';
import { normalizeE164 } from '../core/phone/normalize-e164.ts';
import type { Db, Tx } from '../db/client.ts';
import { organizationChanges, organizations, phoneNumbers, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { clearOrganizationCache, type PhoneNumberRow } from './organizations.ts';
import { fieldErrorsOf, validationFailed } from './policy-schema.ts';
import { isUuid } from '../db/ids.ts';

/** One of the organization's tracking numbers, as the settings API shows it. */
export interface NumberView {
  id: string;
  e164: string;
  forwardTo: string[];
  leadSource: string | null;
  dialTimeoutSeconds: number;
}

/** `GET /api/v1/settings`. */
export interface SettingsView {
  organization: { id: string; name: string; timeZone: string };
  policy: OrganizationPolicy;
  numbers: NumberView[];
}

/** One audit row of `GET /api/v1/settings/audit`. */
export interface AuditEntry {
  id: string;
  /** `user:<id>`, `api_key:<prefix>`, `cli`, `seed`… */
  actor: string;
  /** The person's name when the actor is a user (null otherwise, or when the user is gone). */
  actorName: string | null;
  /** A policy field (`routing`), `profile.name`, `profile.timeZone`, `numbers`, `api_keys` or `team`. */
  field: string;
  before: unknown;
  after: unknown;
  at: string;
}

/** A change to record in the audit log. */
export interface AuditRow {
  field: string;
  before: unknown;
  after: unknown;
}

/** Writes audit rows for `organizationId` by `actor` (in the caller's transaction). */
export async function recordChanges(db: Db | Tx, organizationId: string, actor: string, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(organizationChanges).values(rows.map((r) => ({ id: randomUUID(), organizationId, actor, field: r.field, before: r.before ?? null, after: r.after ?? null })));
}

/** Parses `input` with `schema`, or throws `AppError(RB_ERR_VALIDATION)` with each field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, unknownKeyMessage?: (key: string) => string): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw validationFailed(fieldErrorsOf(parsed.error.issues, unknownKeyMessage));
  return parsed.data;
}

function numberView(row: PhoneNumberRow): NumberView {
  return { id: row.id, e164: row.e164, forwardTo: row.forwardTo, leadSource: row.leadSource, dialTimeoutSeconds: row.dialTimeoutSeconds };
}

/** The organization's profile, complete policy and numbers (oldest number first). Throws `RB_ERR_NOT_FOUND`. */
export async function getSettings(db: Db, organizationId: string): Promise<SettingsView> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new AppError('RB_ERR_NOT_FOUND', `No organization ${organizationId}.`);
  const numbers = await db.select().from(phoneNumbers).where(eq(phoneNumbers.organizationId, organizationId)).orderBy(asc(phoneNumbers.createdAt), asc(phoneNumbers.e164));
  return { organization: { id: org.id, name: org.name, timeZone: org.timeZone }, policy: completePolicy(org.policy), numbers: numbers.map(numberView) };
}

/** Locks the organization's row for the rest of the transaction (serializes its settings changes). */
async function lockOrganization(tx: Tx, organizationId: string) {
  const [row] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for('update');
  if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No organization ${organizationId}.`);
  return row;
}

const zone = z.string().trim().refine((v) => IANAZone.isValidZone(v), 'must be an IANA time zone, e.g. America/Chicago');

/** `PATCH /api/v1/settings/profile`: each field optional, unknown fields refused. */
export const profilePatchSchema = z.object({ name: z.string().trim().min(1, 'must not be empty').max(120), timeZone: zone }).partial().strict();

/**
 * Changes the organization's name and/or time zone, audited as `profile.name` / `profile.timeZone`.
 * The policy's time zone follows the organization's; so do the office calendar's and the on-call
 * rotation's when they were in the old zone (each audited as its own policy field). Returns the
 * settings after the change. Throws `RB_ERR_VALIDATION` with field paths, `RB_ERR_NOT_FOUND`.
 */
export async function updateProfile(db: Db, organizationId: string, patch: unknown, actor: string): Promise<SettingsView> {
  const input = parseInput(profilePatchSchema, patch, (key) => `"${key}" is not part of the profile (name, timeZone)`);
  await db.transaction(async (tx) => {
    const org = await lockOrganization(tx, organizationId);
    const changes: AuditRow[] = [];
    const set: Partial<typeof organizations.$inferInsert> = {};
    if (input.name !== undefined && input.name !== org.name) {
      set.name = input.name;
      changes.push({ field: 'profile.name', before: org.name, after: input.name });
    }
    if (input.timeZone !== undefined && input.timeZone !== org.timeZone) {
      const before = completePolicy(org.policy);
      const after: OrganizationPolicy = { ...before, timeZone: input.timeZone };
      changes.push({ field: 'profile.timeZone', before: org.timeZone, after: input.timeZone });
      if (before.calendar.timeZone === org.timeZone) {
        after.calendar = { ...before.calendar, timeZone: input.timeZone };
        changes.push({ field: 'calendar', before: before.calendar, after: after.calendar });
      }
      if (before.onCall.timeZone === org.timeZone) {
        after.onCall = { ...before.onCall, timeZone: input.timeZone };
        changes.push({ field: 'onCall', before: before.onCall, after: after.onCall });
      }
      set.timeZone = input.timeZone;
      set.policy = after;
    }
    if (changes.length === 0) return;
    await tx.update(organizations).set(set).where(eq(organizations.id, organizationId));
    await recordChanges(tx, organizationId, actor, changes);
  });
  clearOrganizationCache(db);
  return getSettings(db, organizationId);
}

const e164 = z.string().transform((v, c) => {
  const n = normalizeE164(v);
  if (!n) {
    c.addIssue({ code: 'custom', message: `"${v}" is not a valid phone number` });
    return z.NEVER;
  }
  return n;
});
const forwardTo = z
  .array(e164)
  .min(1, 'give at least one number to ring')
  .max(10)
  .transform((list) => [...new Set(list)]);
const leadSource = z
  .string()
  .trim()
  .max(80)
  .nullable()
  .transform((v) => (v ? v : null));
const dialTimeoutSeconds = z.number().int('must be a whole number of seconds').min(5, 'must be 5 to 60 seconds').max(60, 'must be 5 to 60 seconds');

/** `POST /api/v1/settings/numbers`. */
export const numberInputSchema = z.object({ e164, forwardTo, leadSource: leadSource.optional(), dialTimeoutSeconds: dialTimeoutSeconds.optional() }).strict();
/** `PATCH /api/v1/settings/numbers/:id`: any of the fields. */
export const numberPatchSchema = z.object({ e164, forwardTo, leadSource, dialTimeoutSeconds }).partial().strict();


function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** Throws 409 when `e164` is already a number of this or any other organization (which one is never said). */
async function assertNumberFree(tx: Tx, organizationId: string, e164: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ organizationId: phoneNumbers.organizationId })
    .from(phoneNumbers)
    .where(exceptId ? and(eq(phoneNumbers.e164, e164), ne(phoneNumbers.id, exceptId)) : eq(phoneNumbers.e164, e164));
  if (taken) throw numberTaken(e164, taken.organizationId === organizationId);
}

function numberTaken(e164: string, ours: boolean): AppError {
  return new AppError('RB_ERR_CONFLICT', ours ? `${e164} is already one of this organization's numbers.` : `${e164} already belongs to another organization.`);
}

function checkNotForwardingToItself(number: string, targets: readonly string[]): void {
  const i = targets.indexOf(number);
  if (i >= 0) throw validationFailed([{ path: `forwardTo.${i}`, message: 'must not be the tracking number itself (the call would ring back into Ringback)' }]);
}

/**
 * Adds a tracking number (E.164, forward-to list, lead source, dial timeout 5–60 s, default 20),
 * audited as `numbers` (before null). Throws `RB_ERR_VALIDATION` with field paths and
 * `RB_ERR_CONFLICT` when any organization already has the number.
 */
export async function addNumber(db: Db, organizationId: string, body: unknown, actor: string): Promise<NumberView> {
  const input = parseInput(numberInputSchema, body);
  checkNotForwardingToItself(input.e164, input.forwardTo);
  try {
    const row = await db.transaction(async (tx) => {
      await lockOrganization(tx, organizationId);
      await assertNumberFree(tx, organizationId, input.e164);
      const [inserted] = await tx
        .insert(phoneNumbers)
        .values({ id: randomUUID(), organizationId, e164: input.e164, forwardTo: input.forwardTo, leadSource: input.leadSource ?? null, dialTimeoutSeconds: input.dialTimeoutSeconds ?? 20 })
        .returning();
      await recordChanges(tx, organizationId, actor, [{ field: 'numbers', before: null, after: numberView(inserted!) }]);
      return inserted!;
    });
    clearOrganizationCache(db);
    return numberView(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw numberTaken(input.e164, false);
    throw err;
  }
}

async function ownNumber(tx: Tx, organizationId: string, id: string): Promise<PhoneNumberRow> {
  const [row] = isUuid(id) ? await tx.select().from(phoneNumbers).where(and(eq(phoneNumbers.id, id), eq(phoneNumbers.organizationId, organizationId))) : [];
  if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No number ${id} in this organization.`);
  return row;
}

/**
 * Changes a number's E.164, forward-to list, lead source or dial timeout, audited as `numbers`
 * (before → after). Throws `RB_ERR_NOT_FOUND` for another organization's number, `RB_ERR_CONFLICT`
 * when the new E.164 is taken, `RB_ERR_VALIDATION` with field paths.
 */
export async function updateNumber(db: Db, organizationId: string, id: string, body: unknown, actor: string): Promise<NumberView> {
  const patch = parseInput(numberPatchSchema, body);
  try {
    const row = await db.transaction(async (tx) => {
      await lockOrganization(tx, organizationId);
      const current = await ownNumber(tx, organizationId, id);
      const next = {
        e164: patch.e164 ?? current.e164,
        forwardTo: patch.forwardTo ?? current.forwardTo,
        leadSource: patch.leadSource !== undefined ? patch.leadSource : current.leadSource,
        dialTimeoutSeconds: patch.dialTimeoutSeconds ?? current.dialTimeoutSeconds,
      };
      checkNotForwardingToItself(next.e164, next.forwardTo);
      const before = numberView(current);
      const after = { ...before, ...next };
      if (JSON.stringify(before) === JSON.stringify(after)) return current;
      if (next.e164 !== current.e164) await assertNumberFree(tx, organizationId, next.e164, current.id);
      const [updated] = await tx.update(phoneNumbers).set(next).where(eq(phoneNumbers.id, current.id)).returning();
      await recordChanges(tx, organizationId, actor, [{ field: 'numbers', before, after }]);
      return updated!;
    });
    clearOrganizationCache(db);
    return numberView(row);
  } catch (err) {
    if (isUniqueViolation(err) && patch.e164) throw numberTaken(patch.e164, false);
    throw err;
  }
}

/**
 * Removes a number (calls to it stop reaching Ringback for this organization), audited as `numbers`
 * (after null). Throws `RB_ERR_NOT_FOUND`, and `RB_ERR_CONFLICT` for the organization's last number.
 */
export async function deleteNumber(db: Db, organizationId: string, id: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const current = await ownNumber(tx, organizationId, id);
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(phoneNumbers).where(eq(phoneNumbers.organizationId, organizationId));
    if ((count?.n ?? 0) <= 1) throw new AppError('RB_ERR_CONFLICT', `${current.e164} is the organization's last number: add another before removing it.`);
    await tx.delete(phoneNumbers).where(eq(phoneNumbers.id, current.id));
    await recordChanges(tx, organizationId, actor, [{ field: 'numbers', before: numberView(current), after: null }]);
  });
  clearOrganizationCache(db);
}

/** The settings audit log, newest first, with each user actor's name. */
export async function listAudit(db: Db, organizationId: string, opts: { limit?: number } = {}): Promise<AuditEntry[]> {
  const rows = await db
    .select({
      id: organizationChanges.id,
      actor: organizationChanges.actor,
      actorName: users.name,
      field: organizationChanges.field,
      before: organizationChanges.before,
      after: organizationChanges.after,
      at: organizationChanges.at,
    })
    .from(organizationChanges)
    .leftJoin(users, sql`${organizationChanges.actor} = 'user:' || ${users.id}`)
    .where(eq(organizationChanges.organizationId, organizationId))
    .orderBy(desc(organizationChanges.at), asc(organizationChanges.field))
    .limit(opts.limit ?? 200);
  return rows.map((r) => ({ ...r, actorName: r.actorName ?? null, at: r.at.toISOString() }));
}
